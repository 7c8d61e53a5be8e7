"""Clean a scraped news article: find the headline, drop boilerplate, mend split paragraphs.

The input is the decoded text of one seed. Every non-blank line becomes a `_Line`
that the heuristics below mark as boilerplate (`removed`), article metadata
(`meta`), the headline or a subheading; what stays is the body. The heuristics run
in a fixed order (see `clean`):

1. one-line heuristics, each deciding from a line alone (share prompts, comment
   forms, teasers, photo credits, donation appeals, bylines, date lines, ...);
2. heuristics that need the neighbours (the comment section after "Leave a Reply",
   the link list after "Related Links", a caption above a photo credit, duplicates);
3. the headline, name-only captions under it, subheadings;
4. paragraphs split in the middle of a sentence are joined, also across the
   boilerplate removed between their halves.

Every test a heuristic makes is deliberately narrow: boilerplate lines are short
and formulaic, article text is not, and a heuristic that fires on article text
costs more than a piece of boilerplate left in. Regexes are applied to whole
short lines, or to bounded slices, so that a multi-megabyte line costs linear time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

BODY, REMOVED, META, HEADLINE, HEADING = "body", "removed", "meta", "headline", "heading"

SHORT = 200  # most one-line heuristics only look at lines up to this many characters
LATE = 0.5  # an end-of-article marker must stand in the last half of the text


@dataclass
class Cleaned:
    headline: str | None
    paragraphs: list[str] = field(default_factory=list)  # body blocks; a subheading is "## Text"
    removed: list[str] = field(default_factory=list)  # dropped lines exactly as they stood
    meta_lines: list[str] = field(default_factory=list)  # byline, date line, url, credits

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass
class _Line:
    raw: str  # the line exactly as it stood
    probe: str  # markdown reduced to text, spaces squeezed: what the heuristics read
    block: int  # paragraphs separated by blank lines are different blocks
    start: float  # where the line starts, as a fraction of the text
    kind: str = BODY
    heading: str | None = None  # text of a subheading
    why: str = ""  # the heuristic that classified the line (for debugging)

    @property
    def words(self) -> int:
        return len(self.probe.split()) if len(self.probe) < 5000 else 1000


# ---------------------------------------------------------------------------
# Text helpers

_MD_IMAGE = re.compile(r"!\[[^\]\n]{0,500}\]\([^)\n]{0,2000}\)")
_MD_LINK = re.compile(r"\[([^\]\n]{0,500})\]\(([^)\s]{0,2000})(?:\s+\"[^\"\n]{0,200}\")?\)")
_MD_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^<>\s]{1,2000}|[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8})>")
_MD_BOLD = re.compile(r"\*\*([^*\n]{1,500})\*\*|__([^_\n]{1,500})__")
_MD_ITALIC = re.compile(r"(?<![\w*])\*([^*\s](?:[^*\n]{0,500}[^*\s])?)\*(?![\w*])")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+")
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"\s+")


def reduce_markdown(text: str) -> str:
    """Inline Markdown to plain text: links to their text, emphasis and escapes dropped."""
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(lambda m: m.group(1), text)
    text = _MD_AUTOLINK.sub(r"\1", text)
    text = _MD_BOLD.sub(lambda m: m.group(1) or m.group(2), text)
    text = _MD_ITALIC.sub(r"\1", text)
    return _MD_ESCAPE.sub(r"\1", text)


def _probe(raw: str) -> str:
    text = _INVISIBLE.sub("", raw)
    if "opens new tab" in text:
        text = _INLINE_DEBRIS.sub("", text)
    text = _MD_QUOTE.sub("", _MD_HEADING.sub("", text))
    return _SPACES.sub(" ", reduce_markdown(text)).strip()


_INLINE_DEBRIS = re.compile(r"\s*,? opens new tab\b")  # what Reuters' links leave in scraped text
_CLOSERS = "\"'”’“‘»«)]}*_ \t\u00a0"


def ends_sentence(text: str) -> bool:
    """True when the text ends like a sentence (closing quotes and brackets aside)."""
    return text.rstrip(_CLOSERS).endswith((".", "!", "?", "…"))


def _fold(text: str) -> str:
    """Casefold and unify quote marks, for comparing near-duplicate lines."""
    text = text.casefold().translate(_QUOTE_FOLD)
    return _SPACES.sub(" ", text).strip(" .")


_QUOTE_FOLD = str.maketrans({c: "'" for c in "\"“”‘’«»„‚′`"})


def _starts_lower(text: str) -> bool:
    return bool(text) and text[0].islower()


def _body(lines: list[_Line]) -> Iterator[_Line]:
    return (line for line in lines if line.kind == BODY)


def _mark(line: _Line, kind: str, why: str) -> None:
    line.kind, line.why = kind, why


# ---------------------------------------------------------------------------
# One-line heuristics: each says whether a line (its probe) is of its kind.

_SHARE_WORDS = frozenset(
    "share shares sharing tweet email e-mail mail print pin save copy link url comment comments "
    "facebook twitter x whatsapp telegram linkedin pinterest reddit flipboard messenger tumblr sms vk "
    "viber threads bluesky mastodon pocket this article story page post on via to click opens in "
    "new window tab the it with friends your us follow subscribe join now channel group community "
    "our google news more".split()
)
_SHARE_ANCHORS = frozenset(
    "share tweet email e-mail print facebook twitter whatsapp telegram linkedin pinterest reddit "
    "flipboard messenger tumblr viber pocket mastodon bluesky".split()
)
_WORD = re.compile(r"[\w'’-]+")
_FOLLOW_PROMPT = re.compile(
    r"^(?:follow|join|subscribe to|like)\s(?:us|our|the|[\w.]+['’]s)\b.{0,90}"
    r"\b(?:on|channel|group|coverage|page|feed)\b",
    re.I,
)
_SHARE_PHRASE = re.compile(
    r"^(?:share this(?: article| story| post)?|sharing is caring|spread the word|like this|"
    r"share on \w+|click to share\b.*|reuse this content|(?:like )?loading\.*)\W*$",
    re.I,
)


def is_share_prompt(probe: str) -> bool:
    """Social buttons and channel invitations: "WhatsApp Channel Join Now", "Share Tweet Email"."""
    if len(probe) > 150:
        return False
    words = _WORD.findall(probe.casefold())
    if words and len(words) <= 16 and all(w in _SHARE_WORDS for w in words):
        return any(w in _SHARE_ANCHORS for w in words)
    return bool(_SHARE_PHRASE.match(probe) or _FOLLOW_PROMPT.match(probe))


_COMMENT_FORM = re.compile(
    r"^(?:leave a (?:reply|comment)(?: cancel reply)?|post a comment|add (?:a |your )?comment|cancel reply|"
    r"post comment|submit comment|\d+ (?:comments?|responses?|replies)|comments? \(\d+\)|reply|replies|"
    r"delete|comments are closed|you must be logged in to post a comment|log in to (?:reply|comment)|"
    r"(?:name|email|website|comment)\s*\*?|save my name, email,? and website in this browser.*|"
    r"this site uses akismet to reduce spam.*|notify me of (?:follow-up comments|new posts).*|"
    r"your email address will not be published.*|required fields are marked \*?|newer post|older post|"
    r"subscribe to: post comments.*|join the (?:discussion|conversation)|(?:show|view|load) comments|"
    r"replydelete.*)\W*$",
    re.I,
)
_COMMENT_SECTION = re.compile(
    r"^(?:leave a (?:reply|comment)|post a comment|add a comment|\d+ comments?|comments are closed|"
    r"you must be logged in to post a comment|join the discussion|replydelete)\b",
    re.I,
)
_COMMENT_SPAM = re.compile(
    r"\bfree (?:instagram|facebook|tiktok|youtube|twitter) (?:likes|followers|views|subscribers)\b|"
    r"\bon autopilot\b|\badd me fast\b|\bbuy (?:cheap |real )?(?:followers|likes)\b|"
    r"\bearn \$\d[\d,]* (?:per|a|every) (?:day|week|month|hour)\b",
    re.I,
)


def is_comment_form(probe: str) -> bool:
    """The comment box under a blog post, and comment spam."""
    if len(probe) > 500:
        return False
    return bool(_COMMENT_FORM.match(probe) or _COMMENT_SPAM.search(probe))


_SOURCE_LINK = re.compile(
    r"^(?:source link|source|read the original(?: article| story| post)?(?: here)?|view original(?: article| post)?|"
    r"original (?:article|post|source)|go to source|see original|click here to read more|"
    r"continue reading on .{1,40}|read (?:the )?full (?:story|article)(?: here| at .{1,40})?)\W*$",
    re.I,
)


def is_source_link(probe: str) -> bool:
    """The link back to the original page that autoposting blogs add: "Source link"."""
    return len(probe) <= 80 and bool(_SOURCE_LINK.match(probe))


_TEASER_PREFIX = re.compile(
    r"^[*_\s]*(?:must[- ]read|read more|read also|also read|read|see also|related(?: article| story| stories| news|"
    r" content| coverage| reading| posts?| links?| video)?|recommended(?: reading| stories| video)?|more on this|"
    r"editor['’]?s picks?|don['’]?t miss|trending(?: now)?|watch|listen|top stories|latest(?: news)?|"
    r"suggested(?: reading)?|you (?:may|might) also like|further reading|more coverage|background)"
    r"[*_\s]*[:：|»>]",
    re.I,
)
_LIST_MARKER = re.compile(
    r"^(?:related(?: links| stories| articles| posts| news| content| coverage| topics| reading)?|"
    r"read more|read also|also read|see also|more stories|more news|more from .{1,40}|"
    r"recommended(?: for you| stories| reading| articles)?|you (?:may|might) (?:also )?like|"
    r"most (?:read|popular|viewed|shared)|trending(?: now| stories)?|top stories|latest(?: news| stories)?|"
    r"editor['’]?s picks|continue reading|keep reading|what to read next|explore more on these topics|"
    r"more on this story|in other news|popular(?: stories| posts)?|tags|topics)\W*$",
    re.I,
)
_READ_MORE_TAIL = re.compile(r"(?:\.\.\.|…|\[…\]|\[\.\.\.\])\s*(?:read more|continue reading|more)\W{0,3}$", re.I)


def is_teaser(probe: str) -> bool:
    """A pointer to another story: "MUST READ: ...", "Related article: ...", "Related Links"."""
    if len(probe) > 400:
        return False
    return bool(_TEASER_PREFIX.match(probe) or _LIST_MARKER.match(probe))


_AGENCY = (
    r"(?:Getty Images|AFP|AP|Associated Press|Reuters|REUTERS|EPA(?:-EFE)?|EFE|Shutterstock|Alamy|Bloomberg|"
    r"TASS|Sputnik|RIA Novosti|Anadolu(?: Agency)?|NurPhoto|SOPA Images|LightRocket|Pool|POOL|Wikimedia Commons|"
    r"Flickr|Unsplash|Pexels|iStock(?:photo)?|Ukrinform|UNIAN|Xinhua|Zuma Press|ZUMA Wire|Sipa|Abaca|dpa|DPA|"
    r"Kyodo|Yonhap|Imago|Corbis|Redux|The Times|Telegraph|Guardian|file|File Photo|handout|Handout)"
)
_CREDIT_LEAD = re.compile(
    r"^\(?(?:(?:file |main |top |cover |featured |header |lead |feature )?(?:photo|photograph|image|picture|"
    r"pic|illustration|graphic|video|footage)s?(?: credits?)?|credits?|courtesy(?: of)?|©)\s*(?:[:|/–—-]|by\b|\s)",
    re.I,
)
_CREDIT_SLASH = re.compile(rf"(?:/\s?{_AGENCY}\b|\b{_AGENCY}\s?/|\bvia Getty Images|Getty Images\W*$|\bAP Photo\b)")
_CAPTION_CREDIT_TAIL = re.compile(
    rf"(?:\((?:AP|AFP|Reuters|EPA|UPI) Photo[^()]{{0,80}}\)|\((?:Photo|Image|Credit|Photograph)s?:?[^()]{{1,80}}\)|"
    rf"\bPhotograph:\s[^.]{{2,80}}|\bPhoto:\s[^.]{{2,60}}|\bREUTERS/[\w .'’-]{{2,60}}(?:/File Photo)?|"
    rf"[\w.'’-]+/{_AGENCY}(?: via Getty Images)?)\W{{0,3}}$"
)


def is_photo_credit(probe: str) -> bool:
    """A line that credits a photo: "Sean Gallup/Getty Images", "Photo: Reuters", "(AP Photo/Libkos)"."""
    if len(probe) > 120 or len(probe.split()) > 12:
        return False
    if _CREDIT_LEAD.match(probe):
        return True
    return not probe.rstrip(_CLOSERS).endswith(".") and bool(_CREDIT_SLASH.search(probe))


def is_captioned_photo(probe: str) -> bool:
    """A caption that ends in its credit: "Zelenskiy in Kyiv. Photograph: Efrem Lukatsky/AP"."""
    return len(probe) <= 500 and bool(_CAPTION_CREDIT_TAIL.search(probe[-150:]))


_MD_CAPTION_LINK = re.compile(
    r"[.!?)]\s+(?:[^\[\]/\n]{1,60}/\s*)?"  # the caption's last sentence, perhaps a photographer
    r"\[(?:[\w-]+(?:\.[\w-]+)+|[^\]\n]{0,60}\b(?:[Pp]hoto|Getty|Reuters|AFP|AP|EPA|TASS|Facebook|Telegram)\b[^\]\n]{0,60})\]"
    r"\([^)\s]{0,500}\)\W{0,3}$"
)
_DOMAIN_TAIL = re.compile(r"[.!?]\s+(?:[\w-]+\.)+[a-z]{2,6}\s*$")


def is_caption_with_source_link(raw: str, probe: str) -> bool:
    """A caption that ends in a link to the photo's source: "... eastern Ukraine. [president.gov.ua](...)"."""
    if len(probe) > 500:
        return False
    return bool(_MD_CAPTION_LINK.search(raw.rstrip()[-600:]) or _DOMAIN_TAIL.search(probe[-80:]))


_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_FULL_DATE = re.compile(rf"\b{_MONTH}\.? \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}\b|\b\d{{1,2}} {_MONTH}\.? \d{{4}}\b")
_PHOTO_VERB = re.compile(
    r"\b(?:attends?|speaks?|is seen|are seen|looks? on|gestures?|poses?|walks?|arrives?|waves?|holds?|stands?|"
    r"sits?|listens?|delivers?|talks?|shake hands|shakes hands|meets?|visits?|addresses|prepares?|rides?|"
    r"carries|carry|mourns?|reacts?|smiles?|pictured|inspects?|greets?|hugs?|embraces?|patrols?|takes part|"
    r"participates?|chairs?|leaves|enters?|examines?|lays?|pays tribute|is pictured|are pictured)\b"
)
_PHOTO_HINT = re.compile(r"\((?:L|R|C|left|right|center|centre)\)|\bin this (?:file )?(?:photo|picture|image)\b|"
                         r"\bfile (?:photo|picture|image)\b|\bphoto taken\b|\bpictured\b", re.I)
_REPORTING_VERB = re.compile(r"\b(?:said|says|told|according to|added|stated|wrote)\b")


def looks_like_photo_caption(probe: str) -> bool:
    """A caption sentence: a subject in the present tense at a dated scene, and no one saying anything.

    "NATO Secretary-General Jens Stoltenberg attends a NATO Foreign Ministers' Meeting in
    Bucharest, Romania, on November 29, 2022." News prose is told in the past tense.
    """
    if len(probe) > 300 or not probe[:1].isupper() or _REPORTING_VERB.search(probe):
        return False
    verb = _PHOTO_VERB.search(probe[:160])
    return bool(verb) and bool(_FULL_DATE.search(probe) or _PHOTO_HINT.search(probe))


_DONATION = re.compile(
    r"\b(?:billed (?:once|monthly|annually|yearly)|paypal only|credit card or paypal|one[- ]off contribution|"
    r"make a (?:one[- ]time |small |regular )?(?:contribution|donation) to (?:us|our|support)|"
    r"consider becoming a (?:regular |paying |monthly )?(?:supporter|member|patron|subscriber)|"
    r"become (?:a |our )(?:paying |monthly )?(?:patron|subscriber)\b|"
    r"support (?:our|independent|quality|fearless|the guardian['’]?s?)\b.{0,40}\b(?:journalism|reporting|newsroom)|"
    r"support our (?:work|newsroom|reporting|mission)\b|donate (?:now|today)\b|"
    r"consider supporting (?:us|our (?:work|journalism|newsroom)|independent)\b|^(?:become a (?:member|supporter|"
    r"patron)|support us)\b.{0,40}$|(?:monthly|annual|yearly) supporter|"
    r"reader[- ](?:funded|supported) (?:news|journalism|newsroom|publication)|from as little as [$€£]|"
    r"thanks for (?:being here|reading)\b.{0,40}\b(?:help|support|contribut)|"
    r"we don['’]t have a paywall|ad blockers?\b.{0,80}\brevenue)",
    re.I,
)


def is_donation_appeal(probe: str) -> bool:
    """A plea for money: "Thanks for being here; We need your help...", "Monthly Supporter $5"."""
    return len(probe) <= 2000 and bool(_DONATION.search(probe))


_FEED_FROM = re.compile(r"^from\s.{3,150}\shttps?://\S+$", re.I)
_FEED_VIA = re.compile(r"^via\s+[\w@.&'’ -]{1,40}$", re.I)
_SYNDICATED = re.compile(
    r"(?:automatically generated|auto-generated|published) from a syndicated feed|"
    r"this (?:story|article) has not been edited by|has not been edited by .{1,60}\bstaff",
    re.I,
)


def is_feed_redirect(probe: str) -> bool:
    """Traces of an RSS repost: "from Military Space News http://ift.tt/...", "via space News"."""
    if len(probe) > 400:
        return False
    if _FEED_FROM.match(probe) or _SYNDICATED.search(probe):
        return True
    return len(probe.split()) <= 6 and not ends_sentence(probe) and bool(_FEED_VIA.match(probe))


_EMAIL = re.compile(r"\b[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}\b")
_CONTACT_OPENER = re.compile(
    r"^(?:do you have (?:a |any )?(?:story|tip|news tip|information|questions?)|have a (?:news )?tip|"
    r"got a (?:news )?tip|send (?:us )?your (?:tips|stories|news)|to contact the (?:reporter|author|editor)s?|"
    r"contact (?:us|the (?:author|reporter|newsroom))\b|if you have (?:a story|a tip|information) (?:you|that)|"
    r"share your (?:story|tips?)\b|have you got a story)",
    re.I,
)
_CONTACT_WORDS = re.compile(r"\b(?:contact|email us|e-mail us|write to|send|tips?|reach us|get in touch)\b", re.I)


def is_contact_appeal(probe: str) -> bool:
    """The outlet asking readers for tips: "Do you have a story we should be covering? ... Contact X@y.com"."""
    if len(probe) > 300:
        return False
    if _CONTACT_OPENER.match(probe):
        return True
    return bool(_EMAIL.search(probe)) and bool(_CONTACT_WORDS.search(probe)) and len(probe.split()) <= 25


_VISIT_COUNTER = re.compile(
    r"^(?:visited \d[\d,]* times?,? \d[\d,]* visits?(?:\(s\))? today|(?:post |page |total )?views?:? ?\d[\d,.]*k?|"
    r"\d[\d,.]*k? (?:views|reads|shares)|hits:? ?\d[\d,]*|\d{1,3} min(?:ute)?s? read|"
    r"(?:estimated )?reading time:? .{1,20})\W*$",
    re.I,
)


def is_visit_counter(probe: str) -> bool:
    """Page counters: "Visited 1 times, 1 visit(s) today", "Post Views: 1,234", "3 min read"."""
    return len(probe) <= 80 and bool(_VISIT_COUNTER.match(probe))


_ADVERT = re.compile(
    r"^[-–—\s]*(?:advertisement|advertising|ad|ads|sponsored(?: content)?|(?:story|article) continues below"
    r"(?: advertisement)?|scroll (?:down )?to continue(?: reading)?|skip advertisement|"
    r"continue reading (?:the )?(?:main story|below)|supported by|promoted(?: content)?|paid content|"
    r"partner content|our standards: the thomson reuters trust principles\.?|previous (?:article|post|story)|"
    r"next (?:article|post|story)|back to top|print this page|sign (?:in|up)|log ?in|subscribe(?: now)?)[-–—\s.]*$",
    re.I,
)
_NEWSLETTER = re.compile(
    r"^(?:sign up|subscribe|register)\b.{0,80}\bnewsletters?\b|^get (?:the|our) .{0,60}newsletter|"
    r"^enter your e-?mail|^by (?:clicking|signing up|subscribing)\b.{0,80}\b(?:agree|privacy)|"
    r"\bdelivered (?:straight |directly )?to your inbox\b|^we use cookies\b|\bctrl ?\+ ?enter\b",
    re.I,
)
_NAVIGATION = re.compile(r"^(?:tags?|topics?|filed under|categories|category|posted in|keywords)\s*:", re.I)
_BREADCRUMB = re.compile(r"(?:\s[»›>]\s.*){2,}$")


def is_page_furniture(probe: str) -> bool:
    """Ads, newsletter boxes, tag lists, breadcrumbs: the page around the article."""
    if len(probe) > 300:
        return False
    if _ADVERT.match(probe) or _NEWSLETTER.search(probe) or _NAVIGATION.match(probe):
        return True
    return len(probe) <= 120 and probe.count(" ") <= 15 and bool(_BREADCRUMB.search(probe))


_TABLE_DEBRIS = re.compile(r"^[\s|+\-=_*•·#~.:–—/\\]*$")


def is_table_debris(probe: str) -> bool:
    """Lines of punctuation only: "||", "|", "* * *", "___"."""
    return len(probe) <= 200 and bool(_TABLE_DEBRIS.match(probe))


_MD_LINK_ONLY = re.compile(r"^\s*[-*•]?\s*(?:\[[^\]\n]{1,300}\]\([^)\n]{0,2000}\)\W{0,3})+$")
_MD_IMAGE_ONLY = re.compile(r"^\s*(?:!\[[^\]\n]{0,500}\]\([^)\n]{0,2000}\)\s*)+$")


def is_markdown_link_only(raw: str, probe: str) -> bool:
    """A line that is nothing but a link or an image: navigation or a related story."""
    if len(raw) > 2500 or _URL_LINE.match(probe):
        return False
    return bool(_MD_LINK_ONLY.match(raw) or _MD_IMAGE_ONLY.match(raw))


# --- metadata lines --------------------------------------------------------

_URL_LINE = re.compile(r"^(?:source|url|link|original url)?\s*:?\s*<?(?:https?://|www\.)\S+>?$", re.I)
_URL_LABEL = re.compile(r"^(?:original (?:url|link|article)|source url|url|link to (?:the )?original)\s*:\s*$", re.I)


def is_url_line(probe: str) -> bool:
    """The article's address: "<https://www.themoscowtimes.com/...>", "Original url:"."""
    return len(probe) <= 2100 and bool(_URL_LINE.match(probe) or _URL_LABEL.match(probe))


_BYLINE_LEAD = re.compile(r"^(?:by|written by|posted by|story by|words by|authors?:|reporting by|text by)\s+(.+)$", re.I)
_NAME_WIRE_SPLIT = re.compile(r"\s*[,|–—]\s+|\s+[|–—]\s*")
_NAME_CONNECTORS = frozenset(
    "and in for at of the de del da van von der den bin al el la le y with staff admin on".split()
)
_BYLINE_TITLE = re.compile(
    r"^(?:[A-Z][\w.'’-]+ ){1,3}(?:[A-Za-z&]+ ){0,4}(?:editor|correspondent|reporter|writer|columnist|contributor|"
    r"bureau chief|analyst)s?(?: in [A-Z][\w-]+)?$"
)
_WIRE_NAME = re.compile(
    r"^(?:AFP|AP|Reuters|Associated Press|Agence France-Presse|Agence France Presse|UPI|dpa|DPA|EFE|ANI|PTI|"
    r"Xinhua|TASS|Interfax|Ukrinform|UNIAN|Bloomberg|RFE/RL)$"
)


def is_byline(probe: str) -> bool:
    """"By [AFP](#)", "By Jane Doe, Reuters", "By Jane Doe and John Roe in Kyiv"."""
    if len(probe) > 120:
        return False
    lead = _BYLINE_LEAD.match(probe)
    if lead:
        tokens = [t for t in re.split(r"[\s,|;/•·–—-]+", lead.group(1)) if t]
        return 0 < len(tokens) <= 14 and all(_is_name_token(t) for t in tokens)
    if _BYLINE_TITLE.match(probe):  # "Dan Sabbagh Defence and security editor"
        return True
    parts = _NAME_WIRE_SPLIT.split(probe)
    if len(parts) == 2 and _WIRE_NAME.match(parts[1].strip(" .")):  # "Jane Doe, Reuters"
        tokens = parts[0].split()
        return 2 <= len(tokens) <= 4 and all(t[:1].isupper() for t in tokens)
    return bool(_WIRE_NAME.match(probe.strip(" ()—–-.")))  # "AFP", "— Reuters"


def _is_name_token(token: str) -> bool:
    return token[:1].isupper() or token[:1].isdigit() or token.casefold() in _NAME_CONNECTORS or token == "&"


_DATE_WORDS = frozenset(
    "jan january feb february mar march apr april may jun june jul july aug august sep sept september oct "
    "october nov november dec december mon monday tue tues tuesday wed wednesday thu thur thurs thursday fri "
    "friday sat saturday sun sunday am pm a.m p.m utc gmt bst est edt cet cest eet eest msk pst pdt cst cdt "
    "published updated posted on at last modified date time first created st nd rd th kyiv local ago hour hours "
    "minute minutes min mins read".split()
)
_DATE_TOKEN = re.compile(r"[A-Za-z]+\.?|\d+")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?$")


def is_date_line(probe: str) -> bool:
    """A line that is only a date (and time): "April 06, 2021", "Updated: 6 Apr 2021, 10:15 BST"."""
    if len(probe) > 80:
        return False
    if _ISO_DATE.match(probe):
        return True
    tokens = _DATE_TOKEN.findall(probe)
    digits = [t for t in tokens if t.isdigit()]
    if not digits or not any(len(d) == 4 or t.casefold().rstrip(".") in _MONTHS for d in digits for t in tokens):
        return False
    return all(t.isdigit() or t.casefold().rstrip(".") in _DATE_WORDS or t.casefold() in _DATE_WORDS for t in tokens)


_MONTHS = frozenset(
    "jan january feb february mar march apr april may jun june jul july aug august sep sept september oct "
    "october nov november dec december".split()
)
_CREDIT_NOTE = re.compile(
    r"^\(?\s*(?:(?:additional|extra) report(?:ing|s)? (?:by|from)|(?:reporting|writing|editing|compiled|"
    r"produced|research|translated|translation|edited|contributing reporting) (?:by|from)\b|contributing:|"
    r"contributors?:|with (?:reporting|reports|input|inputs|additional reporting|wire services?) (?:from|by)\b|"
    r"this (?:article|story|report) (?:draws on|was (?:compiled|written|produced|prepared) (?:from|with|using)|"
    r"is based on|includes|contains|uses) (?:reports?|reporting|material|information|wire)|"
    r"(?:©|\(c\)|copyright)\s|originally published\b|this (?:article|story) (?:was|is) (?:originally |first )?"
    r"(?:published|republished)|the post .{1,300} appeared first on|source:\s)",
    re.I,
)
_CONTRIBUTED = re.compile(r"\bcontributed (?:to )?(?:this|the) (?:report|story|article)\.?\)?$|all rights reserved\.?$",
                          re.I)


def is_credit_note(probe: str) -> bool:
    """Credits for the text: "Additional report by X in Washington", "(This article draws on reports from AP.)"."""
    if len(probe) > 400:
        return False
    if _CREDIT_NOTE.match(probe):
        # "Reporting by the BBC found that..." is a sentence, not a credit
        return not (probe.casefold().startswith("reporting by") and probe.endswith(".") and len(probe) > 120)
    return len(probe) <= 250 and bool(_CONTRIBUTED.search(probe))


# Applied in this order; the first that fires classifies the line.
LINE_RULES: list[tuple[str, str, Callable[[str], bool]]] = [
    ("table_debris", REMOVED, is_table_debris),
    ("url", META, is_url_line),
    ("share_prompt", REMOVED, is_share_prompt),
    ("comment_form", REMOVED, is_comment_form),
    ("source_link", REMOVED, is_source_link),
    ("teaser", REMOVED, is_teaser),
    ("photo_credit", REMOVED, is_photo_credit),
    ("captioned_photo", REMOVED, is_captioned_photo),
    ("photo_caption", REMOVED, looks_like_photo_caption),
    ("donation_appeal", REMOVED, is_donation_appeal),
    ("feed_redirect", REMOVED, is_feed_redirect),
    ("contact_appeal", REMOVED, is_contact_appeal),
    ("visit_counter", REMOVED, is_visit_counter),
    ("page_furniture", REMOVED, is_page_furniture),
    ("byline", META, is_byline),
    ("date_line", META, is_date_line),
    ("credit_note", META, is_credit_note),
]


def classify_lines(lines: list[_Line]) -> None:
    """Run the one-line heuristics."""
    for line in lines:
        if is_markdown_link_only(line.raw, line.probe) or is_caption_with_source_link(line.raw, line.probe):
            _mark(line, REMOVED, "link_or_caption")
            continue
        for name, kind, rule in LINE_RULES:
            if rule(line.probe):
                _mark(line, kind, name)
                break


# ---------------------------------------------------------------------------
# Heuristics that look at neighbouring lines


def drop_comment_section(lines: list[_Line]) -> None:
    """Everything after "Leave a Reply" late in the text is the comment section, dates and all."""
    for i, line in enumerate(lines):
        if line.start >= LATE and line.kind == REMOVED and _COMMENT_SECTION.match(line.probe):
            for rest in lines[i + 1 :]:
                if rest.kind in (BODY, META):
                    _mark(rest, REMOVED, "comment_section")
            return


def drop_related_link_lists(lines: list[_Line]) -> None:
    """The short link titles listed under "Related Links" / "Most read" (not the article after them)."""
    for i, line in enumerate(lines):
        if line.why != "teaser" or not _LIST_MARKER.match(line.probe):
            continue
        for rest in lines[i + 1 :]:
            if rest.kind != BODY:
                continue
            if not _is_link_title(rest.probe):
                break
            _mark(rest, REMOVED, "related_links")


def _is_link_title(probe: str) -> bool:
    if probe[:2] in ("- ", "* ", "• "):
        return len(probe) <= 200
    return len(probe) <= 160 and not ends_sentence(probe) and not probe.endswith(":")


def drop_read_more_teasers(lines: list[_Line]) -> None:
    """A related-story blurb cut off with "... read more", and the story's title above it."""
    for i, line in enumerate(lines):
        if line.kind != BODY or len(line.probe) > 1500 or not _READ_MORE_TAIL.search(line.probe[-40:]):
            continue
        _mark(line, REMOVED, "read_more_teaser")
        for prev in reversed(lines[max(0, i - 2) : i]):
            if prev.kind != BODY or ends_sentence(prev.probe) or len(prev.probe) > 250:
                break
            _mark(prev, REMOVED, "read_more_title")


_NOUN_PHRASE_SENTENCE = re.compile(r"^((?:[A-Z][\w.'’-]*|of|the|and|de|van|von|al|bin)(?: (?:[A-Z][\w.'’-]*|of|the|"
                                   r"and|de|van|von|al|bin)){1,7})\.(?:\s|$)")


def _is_caption_above_credit(probe: str) -> bool:
    """A caption's telltales: a name for a first sentence, a subject posing in the present tense."""
    if len(probe) > 400 or probe.startswith(("“", '"')):
        return False
    if _NOUN_PHRASE_SENTENCE.match(probe) or _PHOTO_HINT.search(probe):
        return True
    return bool(_PHOTO_VERB.search(probe[:120])) and not _REPORTING_VERB.search(probe)


def drop_captions_above_credits(lines: list[_Line]) -> None:
    """The caption sentence right above a credit line ("Sean Gallup/Getty Images")."""
    for i, line in enumerate(lines):
        if line.why != "photo_credit" or i == 0:
            continue
        prev = lines[i - 1]
        if prev.kind == BODY and _is_caption_above_credit(prev.probe):
            _mark(prev, REMOVED, "caption_above_credit")


def drop_duplicate_lines(lines: list[_Line]) -> None:
    """A line repeated: caption plus alt text, a scraped paragraph twice, a pull quote.

    Neighbouring duplicates that read like a caption go both; otherwise the later copy goes.
    Far-apart duplicates must be long enough not to be a legitimate refrain.
    """
    seen: set[str] = set()
    prev: _Line | None = None
    for line in _body(lines):
        folded = _fold(line.probe)
        if prev is not None and folded == _fold(prev.probe) and prev.kind == BODY:
            _mark(line, REMOVED, "duplicate")
            if looks_like_photo_caption(prev.probe) or _is_caption_above_credit(prev.probe):
                _mark(prev, REMOVED, "duplicate_caption")
            continue
        if len(folded) >= 40 and folded in seen:
            _mark(line, REMOVED, "duplicate")
            continue
        seen.add(folded)
        prev = line


# ---------------------------------------------------------------------------
# Headline, captions under it, subheadings


def _looks_like_headline(line: _Line) -> bool:
    probe = line.probe
    if not probe or len(probe) > 200 or line.words < 2:
        return False
    if probe.rstrip(_CLOSERS).endswith((".", ",", ";", ":", "…")):
        return False
    return probe[0].isupper() or probe[0].isdigit() or probe[0] in "“\"'‘"


def pick_headline(lines: list[_Line]) -> _Line | None:
    """The first body line when it reads like a headline (or a Markdown `#` heading).

    A one- to three-word label above a longer headline ("World", "Opinion") is a kicker.
    """
    body = list(_first_body_lines(lines, 3))
    if not body:
        return None
    for line in body:
        if _MD_HEADING.match(line.raw) and line.raw.lstrip().startswith("# "):
            return _make_headline(lines, line)
    first = body[0]
    if _MD_HEADING.match(first.raw):
        return _make_headline(lines, first)
    if not _looks_like_headline(first):
        return None
    if first.words <= 3 and len(body) > 1 and _looks_like_headline(body[1]) and body[1].words > first.words:
        _mark(first, REMOVED, "kicker")
        first = body[1]
    following = next(_first_body_lines(lines[lines.index(first) + 1 :], 1), None)
    if following is not None and _starts_lower(following.probe):
        return None  # the line is the start of a paragraph split in two
    return _make_headline(lines, first)


def _first_body_lines(lines: list[_Line], n: int) -> Iterator[_Line]:
    return (line for _, line in zip(range(n), _body(lines), strict=False))


def _make_headline(lines: list[_Line], line: _Line) -> _Line:
    _mark(line, HEADLINE, "headline")
    return line


_STOPWORDS = frozenset(
    "a an the of in on at to for from with by and or but is are was were be has have had will would "
    "as that this it its not".split()
)


def drop_lead_name_captions(lines: list[_Line], headline: _Line | None) -> None:
    """A bare name between the headline and the lede ("Zelenskyy") is the alt text of the lead photo."""
    start = lines.index(headline) + 1 if headline else 0
    for line in lines[start:]:
        if line.kind != BODY:
            continue
        if line.words >= 12 and ends_sentence(line.probe):
            return  # the lede: the article has begun
        if _is_bare_name(line.probe):
            _mark(line, REMOVED, "lead_caption")


def _is_bare_name(probe: str) -> bool:
    words = probe.split()
    if not 1 <= len(words) <= 4 or any(ch.isdigit() for ch in probe) or probe[-1] in ".!?:,;":
        return False
    return all(w[0].isupper() and w.casefold() not in _STOPWORDS for w in words)


_MD_SUBHEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)(?:\s+#+)?\s*$")
_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)([^*_\n]{2,120})(?:\*\*|__)\s*$")
_DASHED_SUBHEADING = re.compile(r"^[-–—•=*]{1,3}\s+(\S.{0,100}?)\s+[-–—•=*]{1,3}$")


def mark_explicit_subheadings(lines: list[_Line]) -> None:
    """Subheadings the text marks as such: "## **Two more soldiers killed**", AFP's "- Path to membership? -"."""
    for line in _body(lines):
        if len(line.raw) > 300:
            continue
        if _MD_SUBHEADING.match(line.raw) or _BOLD_LINE.match(line.raw):
            text = line.probe
        elif match := _DASHED_SUBHEADING.match(line.probe):
            text = match.group(1)
        else:
            continue
        if not text.rstrip(_CLOSERS).endswith("."):
            line.kind, line.heading, line.why = HEADING, text.strip("*_ "), "explicit_subheading"


def mark_plain_subheadings(lines: list[_Line]) -> None:
    """A short line without final punctuation between two paragraphs is a subheading."""
    kept = [line for line in lines if line.kind in (BODY, HEADING, HEADLINE)]
    for i, line in enumerate(kept[1:-1], start=1):
        prev, nxt = kept[i - 1], kept[i + 1]
        if line.kind != BODY or not _looks_like_subheading(line.probe):
            continue
        if prev.kind == BODY and not ends_sentence(prev.probe):
            continue  # maybe the second half of a split sentence
        if nxt.kind == BODY and not (nxt.probe[:1].isupper() or nxt.probe[:1] in "“\"‘'" or nxt.probe[:1].isdigit()):
            continue
        line.kind, line.heading, line.why = HEADING, line.probe, "plain_subheading"


def _looks_like_subheading(probe: str) -> bool:
    if len(probe) > 100 or len(probe.split()) > 14 or probe.rstrip(_CLOSERS).endswith((".", ",", ";", ":", "…")):
        return False
    return probe[:1].isupper() or probe[:1].isdigit()


# ---------------------------------------------------------------------------
# Mending paragraphs split in the middle of a sentence

_CONTINUATION_WORDS = frozenset(
    "a an the of in on at to for from with by and or but nor as than that which who whom whose near into onto "
    "over under between among after before during since until against about across along around behind "
    "beyond despite through toward towards upon within without via per is are was were be been has have had "
    "will would could should can may might must its their his her our this these those not".split()
)


def should_join(first: str, second: str, same_block: bool, wrapped_text: bool) -> bool:
    """Whether `second` continues the sentence `first` breaks off.

    "... near the town of Zolote-4 in" + "Lugansk region, ..." and "... Stoltenberg said. Kuleba" +
    "welcomed the foreign ministers ..." are one sentence; "... Kuleba." + "He said ..." are not.
    """
    if not first or not second or ends_sentence(first) or first.rstrip(_CLOSERS).endswith(":"):
        return False
    if _starts_lower(second):
        return True
    last_word = first.rsplit(None, 1)[-1].casefold()
    if first.endswith((",", ";", "–", "—")) or last_word in _CONTINUATION_WORDS:
        return second[0].isalnum() or second[0] in "“\"‘'("
    # hard-wrapped text: a long line without an end, continued on the next line of the same block
    return wrapped_text and same_block and len(first) >= 40


def _uses_blank_line_paragraphs(lines: list[_Line]) -> bool:
    blocks = {line.block for line in lines}
    return len(blocks) * 2 >= len(lines)


def join_split_paragraphs(lines: list[_Line], markdown: bool) -> list[str]:
    """The body's paragraphs, halves of a split sentence joined (also across removed lines)."""
    wrapped_text = _uses_blank_line_paragraphs(lines)
    paragraphs: list[str] = []
    last: _Line | None = None
    for line in lines:
        if line.kind == HEADING:
            paragraphs.append("## " + (line.heading or line.probe))
            last = None
        elif line.kind == BODY:
            text = _output_text(line, markdown)
            if last is not None and should_join(paragraphs[-1], text, line.block == last.block, wrapped_text):
                paragraphs[-1] = _glue(paragraphs[-1], text)
            else:
                paragraphs.append(text)
            last = line
        elif line.kind == HEADLINE:
            last = None
    return paragraphs


def _glue(first: str, second: str) -> str:
    if first.endswith("-") and first[-2:-1].isalpha() and _starts_lower(second):
        return first + second  # a word hyphenated across the break: "Russian-" + "backed"
    return first.rstrip() + " " + second.lstrip()


def _output_text(line: _Line, markdown: bool) -> str:
    text = line.probe if markdown else line.raw.strip()
    return _INLINE_DEBRIS.sub("", text) if "opens new tab" in text else text


# ---------------------------------------------------------------------------


def _split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    total = max(len(text), 1)
    block, offset, blank_before = 0, 0, False
    for raw in re.split(r"\r\n|\r|\n", text):
        probe = _probe(raw)
        if not probe:
            blank_before = True
        else:
            if blank_before and lines:
                block += 1
            blank_before = False
            lines.append(_Line(raw=raw, probe=probe, block=block, start=offset / total))
        offset += len(raw) + 1
    return lines


def _attach_url_to_label(lines: list[_Line]) -> None:
    """The address on the line after "Original url:" is metadata too."""
    for line, nxt in zip(lines, lines[1:], strict=False):
        if line.kind == META and _URL_LABEL.match(line.probe) and nxt.probe.startswith(("http", "www.", "<http")):
            _mark(nxt, META, "url")


def clean(text: str, markdown: bool = False) -> Cleaned:
    """Split the text into headline, body paragraphs, removed boilerplate and metadata lines."""
    lines = _split_lines(text)
    classify_lines(lines)
    _attach_url_to_label(lines)
    drop_comment_section(lines)
    drop_related_link_lists(lines)
    drop_read_more_teasers(lines)
    drop_captions_above_credits(lines)
    drop_duplicate_lines(lines)
    headline = pick_headline(lines)
    drop_lead_name_captions(lines, headline)
    mark_explicit_subheadings(lines)
    mark_plain_subheadings(lines)
    return Cleaned(
        headline=_headline_text(headline, markdown),
        paragraphs=join_split_paragraphs(lines, markdown),
        removed=[line.raw for line in lines if line.kind == REMOVED],
        meta_lines=[line.raw for line in lines if line.kind == META],
    )


def _headline_text(line: _Line | None, markdown: bool) -> str | None:
    if line is None:
        return None
    return line.probe if markdown else _MD_HEADING.sub("", line.raw).strip()
