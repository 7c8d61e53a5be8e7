"""Clean a scraped news article: find the headline, drop boilerplate, mend split paragraphs.

The input is the decoded text of one seed. Every non-blank line becomes a `_Line`
that the heuristics below mark as boilerplate (`removed`), article metadata
(`meta`), the headline or a subheading; what stays is the body. The heuristics run
in a fixed order (see `clean`):

1. one-line heuristics, each deciding from a line alone (share prompts, comment
   forms, teasers, photo credits, donation appeals, bylines, date lines, ...);
2. heuristics that need the neighbours (the comment section after "Leave a Reply",
   the link list under "Related Links", a caption above its photo credit, duplicates);
3. the headline, a bare name under it (the lead photo's alt text), subheadings;
4. paragraphs split in the middle of a sentence are joined, also across the
   boilerplate removed between their halves.

Each test is deliberately narrow: boilerplate lines are short and formulaic,
article text is not, and a heuristic that fires on article text costs more than a
piece of boilerplate left in. Regexes run on whole short lines or on bounded
slices, without nested quantifiers, so a multi-megabyte line costs linear time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from .extract.prefilter import may_contain

BODY, REMOVED, META, HEADLINE, HEADING = "body", "removed", "meta", "headline", "heading"

LATE = 0.5  # an end-of-article marker must stand in the last half of the text
LEAD_LINES = 4  # how many body lines under the headline may be the lead photo's caption


@dataclass
class Cleaned:
    headline: str | None
    paragraphs: list[str] = field(default_factory=list)  # body blocks in order; a subheading is "## Text"
    removed: list[str] = field(default_factory=list)  # dropped lines exactly as they stood
    meta_lines: list[str] = field(default_factory=list)  # byline, date line, address, credits: as they stood

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass
class _Line:
    raw: str  # the line exactly as it stood
    probe: str  # markdown reduced to text, spaces squeezed: what the heuristics read
    block: int  # lines separated by a blank line are in different blocks
    start: float  # where the line starts, as a fraction of the text
    kind: str = BODY
    heading: str | None = None  # a subheading's text
    why: str = ""  # the heuristic that classified the line

    @cached_property
    def words(self) -> int:
        return len(self.probe.split()) if len(self.probe) < 5000 else 1000


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# ---------------------------------------------------------------------------
# Text helpers

# Link texts and addresses stop at the next bracket, so a line of unclosed brackets is still linear.
_MD_IMAGE = re.compile(r"!\[[^\[\]\n]{0,500}\]\([^()\[\]\n]{0,2000}\)")
_MD_LINK = re.compile(r"\[([^\[\]\n]{0,500})\]\(([^()\[\]\s]{0,2000})(?:\s+\"[^\"\n]{0,200}\")?\)")
_MD_AUTOLINK = re.compile(
    r"<((?:https?|ftp)://[^<>\s]{1,2000}|[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8})>"
)
_MD_BOLD = re.compile(r"\*\*([^*\n]{1,500})\*\*|__([^_\n]{1,500})__")
_MD_ITALIC = re.compile(r"(?<![\w*])\*([^*\s](?:[^*\n]{0,500}[^*\s])?)\*(?![\w*])")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+")
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_INLINE_DEBRIS = re.compile(r"\s*,? opens new tab\b")  # what Reuters' links leave in scraped text


def reduce_markdown(text: str) -> str:
    """Inline Markdown to plain text: links to their text, images, emphasis and escapes dropped."""
    if "](" in text:
        text = _MD_LINK.sub(lambda m: m.group(1), _MD_IMAGE.sub("", text))
    if "<" in text:
        text = _MD_AUTOLINK.sub(r"\1", text)
    if "*" in text or "__" in text:
        text = _MD_ITALIC.sub(r"\1", _MD_BOLD.sub(lambda m: m.group(1) or m.group(2), text))
    return _MD_ESCAPE.sub(r"\1", text) if "\\" in text else text


def _probe(raw: str) -> str:
    text = raw if raw.isascii() else _INVISIBLE.sub("", raw)
    if "opens new tab" in text:
        text = _INLINE_DEBRIS.sub("", text)
    if text.lstrip(" ")[:1] in ("#", ">"):
        text = _MD_QUOTE.sub("", _MD_HEADING.sub("", text))
    return _squeeze(reduce_markdown(text))


def _squeeze(text: str) -> str:
    """Runs of spaces as one space, none at the ends: split and join beat a regex with a match a space."""
    return " ".join(text.split())


_CLOSERS = "\"'”’“‘»«)]}*_ \t\u00a0"
_QUOTE_MARKS = re.compile('["“”‘’«»„‚′`]')


def ends_sentence(text: str) -> bool:
    """True when the text ends like a sentence (closing quotes and brackets aside)."""
    return text.rstrip(_CLOSERS).endswith((".", "!", "?", "…"))


def _ends_with(text: str, marks: tuple[str, ...]) -> bool:
    return text.rstrip(_CLOSERS).endswith(marks)


def _fold(text: str) -> str:
    """Casefolded, quote marks unified: near-duplicate lines fold to the same text."""
    folded = text.casefold()
    for mark in set(_QUOTE_MARKS.findall(folded)):  # a line has few kinds of marks: replace each
        folded = folded.replace(mark, "'")
    return _squeeze(folded).strip(" .")


def _starts_lower(text: str) -> bool:
    return text[:1].islower()


def _starts_like_text(text: str) -> bool:
    return text[:1].isupper() or text[:1].isdigit() or text[:1] in "“\"‘'("


def _body(lines: list[_Line]) -> Iterator[_Line]:
    return (line for line in lines if line.kind == BODY)


def _mark(line: _Line, kind: str, why: str) -> None:
    line.kind, line.why = kind, why


# ---------------------------------------------------------------------------
# One-line heuristics: each says whether a line (its probe) is of its kind.

_SHARE_WORDS = _wordset(
    "share shares sharing tweet email e-mail mail print pin save copy link url comment comments facebook "
    "twitter x whatsapp telegram linkedin pinterest reddit flipboard messenger tumblr sms vk viber threads "
    "bluesky mastodon pocket this article story page post on via to click opens in new window tab the it "
    "with friends your us follow subscribe join now channel group community our google news more"
)
_SHARE_ANCHORS = _wordset(
    "share tweet email e-mail print facebook twitter whatsapp telegram linkedin pinterest reddit flipboard "
    "messenger tumblr viber pocket mastodon bluesky"
)
_WORD = re.compile(r"[\w'’-]+")
_FOLLOW_PROMPT = re.compile(
    r"^(?:follow|join|subscribe to|like)\s(?:us|our|the|[\w.]+['’]s)\b.{0,90}"
    r"\b(?:facebook|twitter|x|telegram|whatsapp|instagram|youtube|tiktok|linkedin|google news|threads|"
    r"bluesky|coverage|channel|newsletter|feed)\b",
    re.I,
)
_SHARE_PHRASE = re.compile(
    r"^(?:share this(?: article| story| post)?|sharing is caring|spread the word|like this|share on \w+|"
    r"click to share\b.*|reuse this content|copy link|(?:like )?loading\.*)\W*$",
    re.I,
)


def is_share_prompt(probe: str) -> bool:
    """Social buttons and channel invitations: "WhatsApp Channel Join Now", "Share Tweet Email"."""
    if len(probe) > 150:
        return False
    words = _WORD.findall(probe.casefold())
    if (
        words
        and len(words) <= 16
        and all(w in _SHARE_WORDS for w in words)
        and any(w in _SHARE_ANCHORS for w in words)
    ):
        return True
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


_SPAM_KEYS = ("free ", "autopilot", "add me fast", "buy ", "earn $")


def is_comment_form(probe: str) -> bool:
    """The comment box under a blog post, and comment spam: "Leave a Reply", "Cancel reply"."""
    if len(probe) > 500:
        return False
    if _COMMENT_FORM.match(probe):
        return True
    low = probe.casefold()
    return any(key in low for key in _SPAM_KEYS) and bool(_COMMENT_SPAM.search(probe))


_SOURCE_LINK = re.compile(
    r"^(?:source link|source|read the original(?: article| story| post)?(?: here)?|"
    r"view original(?: article| post)?|original (?:article|post|source)|go to source|see original|"
    r"click here to read more|continue reading on .{1,40}|read (?:the )?full (?:story|article)"
    r"(?: here| at .{1,40})?)\W*$",
    re.I,
)


def is_source_link(probe: str) -> bool:
    """The link back to the original page that autoposting blogs add: "Source link"."""
    return len(probe) <= 80 and bool(_SOURCE_LINK.match(probe))


_TEASER_PREFIX = re.compile(
    r"^[*_\s]*(?:must[- ]read|read more|read also|also read|read|see also|more on this|further reading|"
    r"related(?: article| story| stories| news| content| coverage| reading| posts?| links?| video)?|"
    r"recommended(?: reading| stories| video)?|editor['’]?s picks?|don['’]?t miss|trending(?: now)?|watch|"
    r"listen|top stories|latest news|suggested(?: reading)?|you (?:may|might) also like|more coverage)"
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
_READ_MORE_TAIL = re.compile(
    r"(?:\.\.\.|…|\[…\]|\[\.\.\.\])\s*(?:read more|continue reading|read the rest)\W{0,3}$", re.I
)


def is_teaser(probe: str) -> bool:
    """A pointer to another story: "MUST READ: ...", "Related article: ...", "Related Links"."""
    if len(probe) > 400:
        return False
    return bool(_TEASER_PREFIX.match(probe) or _LIST_MARKER.match(probe))


_AGENCY = (
    r"(?:Getty Images|AFP|AP|Associated Press|Reuters|REUTERS|EPA(?:-EFE)?|EFE|Shutterstock|Alamy|"
    r"Bloomberg|TASS|Sputnik|RIA Novosti|Anadolu(?: Agency)?|NurPhoto|SOPA Images|LightRocket|Pool|POOL|"
    r"Wikimedia Commons|Flickr|Unsplash|Pexels|iStock(?:photo)?|Ukrinform|UNIAN|Xinhua|Zuma Press|ZUMA Wire|"
    r"Sipa|Abaca|dpa|DPA|Kyodo|Yonhap|Imago|Corbis|Redux|file|File Photo|handout|Handout)"
)
_CREDIT_LEAD = re.compile(
    r"^\(?(?:(?:(?:file |main |top |cover |featured |header |lead |feature )?(?:photo|photograph|image|"
    r"picture|pic|illustration|graphic|video|footage)s?(?: credits?)?|credits?)"
    r"\s*(?:[:|/–—]|by\b|courtesy\b)|courtesy of\b|©\s*(?!\d{4})|(?:image|media) (?:source|caption),)",
    re.I,
)
_CREDIT_WORDS = _wordset("via by and of for the de van von le la al photo images")
_CREDIT_SLASH = re.compile(
    rf"(?:/\s?{_AGENCY}\b|\b{_AGENCY}\s?/|\bvia Getty Images|Getty Images\W*$|\bAP Photo\b)"
)
_CAPTION_CREDIT_TAIL = re.compile(
    r"(?:\((?:AP|AFP|Reuters|EPA|UPI) Photo[^()]{0,80}\)|"
    r"\((?:Photo|Image|Credit|Photograph)s?:?[^()]{1,80}\)|"
    r"\bPhotograph:\s[^.]{2,80}|\bPhoto:\s[^.]{2,60}|\bREUTERS/[\w .'’-]{2,60}(?:/File Photo)?|"
    rf"[\w.'’-]+/{_AGENCY}(?: via Getty Images)?)\W{{0,3}}$"
)


def is_photo_credit(probe: str) -> bool:
    """A line crediting a photo: "Sean Gallup/Getty Images", "Photo: Reuters", "(AP Photo/Libkos)"."""
    if len(probe) > 120 or len(probe.split()) > 12:
        return False
    if _CREDIT_LEAD.match(probe):
        return True
    if _ends_with(probe, (".",)) or not _CREDIT_SLASH.search(probe):
        return False
    # names and agencies only: "Genya Savilov/AFP via Getty Images", not "Reuters/Ipsos poll shows ..."
    return all(w[:1].isupper() or w.casefold() in _CREDIT_WORDS for w in probe.strip("()").split())


def is_captioned_photo(probe: str) -> bool:
    """A caption that ends in its credit: "Zelenskiy in Kyiv. Photograph: Efrem Lukatsky/AP"."""
    tail = probe[-150:]
    if len(probe) > 400 or ("/" not in tail and "Photo" not in tail and "photo" not in tail):
        return False
    return bool(_CAPTION_CREDIT_TAIL.search(tail))


_MD_CAPTION_LINK = re.compile(
    r"[.!?)]\s+(?:[^\[\]/\n]{1,60}/\s*)?"  # after the caption's last sentence, maybe a photographer
    r"\[(?:[\w-]+(?:\.[\w-]+)+|[^\[\]\n]{0,60}\b(?:[Pp]hoto|Getty|Reuters|AFP|AP|EPA|TASS|Facebook|Telegram)\b"
    r"[^\[\]\n]{0,60})\]\([^()\[\]\s]{0,500}\)\W{0,3}$"
)
_DOMAIN_TAIL = re.compile(r"[.!?]\s+(?:[\w-]+\.)+[a-z]{2,6}\s*$")


def is_caption_with_source_link(raw: str, probe: str) -> bool:
    """A caption ending in a link to the photo's source: "... eastern Ukraine. [president.gov.ua](...)"."""
    if len(probe) > 500:
        return False
    tail = raw.rstrip()[-600:]
    return bool("](" in tail and _MD_CAPTION_LINK.search(tail) or _DOMAIN_TAIL.search(probe[-80:]))


_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_FULL_DATE = re.compile(
    rf"\b{_MONTH}\.? \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}\b|\b\d{{1,2}} {_MONTH}\.? \d{{4}}\b"
)
_PHOTO_VERB = re.compile(
    r"\b(?:attends?|speaks?|is seen|are seen|looks? on|gestures?|poses?|walks?|arrives?|waves?|holds?|"
    r"stands?|sits?|listens?|delivers?|talks?|shakes? hands|meets?|visits?|addresses|prepares?|rides?|"
    r"carries|carry|mourns?|reacts?|smiles?|pictured|inspects?|greets?|hugs?|embraces?|patrols?|takes part|"
    r"participates?|chairs?|leaves|enters?|examines?|lays?|pays tribute)\b"
)
_PHOTO_HINT = re.compile(
    r"\((?:L|R|C|left|right|center|centre)\)|\bin this (?:file )?(?:photo|picture|image)\b|"
    r"\bfile (?:photo|picture|image)\b|\bphoto taken\b|\bpictured\b",
    re.I,
)
_PHOTO_HINT_KEYS = ("(", "photo", "picture", "image")


def _has_photo_hint(probe: str) -> bool:
    low = probe.casefold()
    return any(key in low for key in _PHOTO_HINT_KEYS) and bool(_PHOTO_HINT.search(probe))


_REPORTING_VERB = re.compile(r"\b(?:said|says|told|according to|added|stated|wrote)\b")


def looks_like_photo_caption(probe: str) -> bool:
    """A caption: a subject in the present tense at a scene dated at the end, and nobody saying anything.

    "NATO Secretary-General Jens Stoltenberg attends a NATO Foreign Ministers' Meeting in
    Bucharest, Romania, on November 29, 2022." News prose is told in the past tense.
    """
    if len(probe) > 300 or not probe[:1].isupper():
        return False
    if not (_FULL_DATE.search(probe[-40:]) or _has_photo_hint(probe)):
        return False
    return bool(_PHOTO_VERB.search(probe[:160])) and not _REPORTING_VERB.search(probe)


_DONATION = re.compile(
    r"\b(?:billed (?:once|monthly|annually|yearly)|paypal only|credit card or paypal|one[- ]off contribution|"
    r"make a (?:one[- ]time |small |regular )?(?:contribution|donation) to (?:us|our|support)|"
    r"consider becoming a (?:regular |paying |monthly )?(?:supporter|member|patron|subscriber)|"
    r"become (?:a |our )(?:paying |monthly )?(?:patron|subscriber)\b|"
    r"support (?:our|independent|quality|fearless|the guardian['’]?s?)\b.{0,40}"
    r"\b(?:journalism|reporting|newsroom)|support our (?:work|newsroom|reporting|mission)\b|"
    r"donate (?:now|today)\b|(?:^|[.!?] )(?:please )?consider supporting\b|"
    r"we['’]ve been working hard to bring you\b|"
    r"^(?:become a (?:member|supporter|patron)|support us)\b.{0,40}$|(?:monthly|annual|yearly) supporter|"
    r"reader[- ](?:funded|supported) (?:news|journalism|newsroom|publication)|from as little as [$€£]|"
    r"thanks for (?:being here|reading)\b.{0,40}\b(?:help|support|contribut)|"
    r"we don['’]t have a paywall|ad blockers?\b.{0,80}\brevenue)",
    re.I,
)


_DONATION_KEYS = (
    "billed",
    "paypal",
    "contribut",
    "support",
    "patron",
    "subscriber",
    "donat",
    "reader",
    "little as",
    "paywall",
    "ad block",
    "working hard",
)


# A phrase each alternative of _DONATION needs, lower-case: "support" is in much news text, "support our"
# is not, and the regex is slow (about 35 µs a line).
_DONATION_PHRASES = (
    "billed ", "paypal only", "credit card or paypal", "off contribution", "contribution to ", "donation to ",
    "consider becoming a ", "patron", "subscriber", "support our", "support independent", "support quality",
    "support fearless", "support the guardian", "donate now", "donate today", "consider supporting",
    "working hard to bring you", "become a member", "become a supporter", "support us", "monthly supporter",
    "annual supporter", "yearly supporter", "reader-funded", "reader funded", "reader-supported",
    "reader supported", "from as little as ", "thanks for being here", "thanks for reading", "have a paywall",
    "ad blocker",
)  # fmt: skip


def is_donation_appeal(probe: str) -> bool:
    """A plea for money: "Thanks for being here; We need your help...", "Monthly Supporter $5"."""
    if len(probe) > 2000:
        return False
    low = probe.casefold()
    return (
        any(key in low for key in _DONATION_KEYS)
        and may_contain(probe, _DONATION_PHRASES)
        and bool(_DONATION.search(probe))
    )


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
    if _FEED_FROM.match(probe):
        return True
    if ("edited" in probe or "syndicated" in probe) and _SYNDICATED.search(probe):
        return True
    return bool(_FEED_VIA.match(probe)) and len(probe.split()) <= 6 and not ends_sentence(probe)


_EMAIL = re.compile(r"\b[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}\b")
_CONTACT_OPENER = re.compile(
    r"^(?:do you have (?:a |any )?(?:story|tip|news tip|information|questions?)|have a (?:news )?tip|"
    r"got a (?:news )?tip|send (?:us )?your (?:tips|stories|news)|"
    r"to contact the (?:reporter|author|editor)s?|contact (?:us|the (?:author|reporter|newsroom))\b|"
    r"if you have (?:a story|a tip|information) (?:you|that)|share your (?:story|tips?)\b|"
    r"have you got a story)",
    re.I,
)
_CONTACT_WORDS = re.compile(
    r"\b(?:contact|email us|e-mail us|write to|send|tips?|reach us|get in touch)\b", re.I
)


def is_contact_appeal(probe: str) -> bool:
    """The outlet asking for tips: "Do you have a story we should be covering? ... Contact X@y.com".

    "Newsweek has reached out to the Kremlin via email for comment." is reporting, and stays.
    """
    if len(probe) > 300:
        return False
    if _CONTACT_OPENER.match(probe):
        return True
    if "@" not in probe or len(probe.split()) > 25:
        return False
    return bool(_EMAIL.search(probe)) and bool(_CONTACT_WORDS.search(probe))


_VISIT_COUNTER = re.compile(
    r"^(?:visited \d[\d,]* times?,? \d[\d,]* visits?(?:\(s\))? today|"
    r"(?:post |page |total )?views?:? ?\d[\d,.]*k?|\d[\d,.]*k? (?:views|reads|shares)|hits:? ?\d[\d,]*|"
    r"\d{1,3} min(?:ute)?s? read|(?:estimated )?reading time:? .{1,20})\W*$",
    re.I,
)


def is_visit_counter(probe: str) -> bool:
    """Page counters: "Visited 1 times, 1 visit(s) today", "Post Views: 1,234", "3 min read"."""
    return len(probe) <= 80 and bool(_VISIT_COUNTER.match(probe))


_ADVERT = re.compile(
    r"^[-–—\s]*(?:advertisement|advertising|ad|ads|sponsored(?: content)?|"
    r"(?:story|article) continues below(?: advertisement)?|scroll (?:down )?to continue(?: reading)?|"
    r"skip advertisement|continue reading (?:the )?(?:main story|below)|supported by|promoted(?: content)?|"
    r"paid content|partner content|our standards: the thomson reuters trust principles\.?|"
    r"previous (?:article|post|story)|next (?:article|post|story)|back to top|print this page|"
    r"sign (?:in|up)|log ?in|subscribe(?: now)?|advertisement\W+scroll to continue(?: reading)?|"
    r"listen to (?:this|the) (?:article|story)|bookmark|embedded content|audio|"
    r".{0,40} is committed to challenging conventional wisdom.*)[-–—\s.]*$",
    re.I,
)
_NEWSLETTER = re.compile(
    r"^(?:(?:sign up|subscribe|register)\b.{0,80}\bnewsletters?\b|get (?:the|our) .{0,60}newsletter|"
    r"enter your e-?mail|by (?:clicking|signing up|subscribing)\b.{0,80}\b(?:agree|privacy)|"
    r"we use cookies\b|click here\b.{0,60}$)",
    re.I,
)
_INBOX_OR_TYPO = re.compile(r"\bdelivered (?:straight |directly )?to your inbox\b|\bctrl ?\+ ?enter\b", re.I)
_NAVIGATION = re.compile(r"^(?:tags?|topics?|filed under|categories|category|posted in|keywords)\s*:", re.I)
_TWEET_SIGNATURE = re.compile(
    rf"^[—–-]\s?[^()\n]{{1,60}}\(@\w{{1,30}}\)\s{{1,3}}{_MONTH}\.? \d{{1,2}}, \d{{4}}$"
)
_BREADCRUMB_SEPARATOR = re.compile(r"\s[»›>]\s")


def is_page_furniture(probe: str) -> bool:
    """Ads, newsletter boxes, tag lists, breadcrumbs, tweet signatures: the page around the article."""
    if len(probe) > 300:
        return False
    if _ADVERT.match(probe) or _NEWSLETTER.match(probe) or _NAVIGATION.match(probe):
        return True
    low = probe.casefold()
    if ("inbox" in low or "ctrl" in low) and _INBOX_OR_TYPO.search(probe):
        return True
    if "(@" in probe and _TWEET_SIGNATURE.match(probe):  # an embedded tweet's signature
        return True
    # breadcrumbs: "Home » World » Europe"
    if len(probe) > 120 or probe.count(" ") > 15 or not any(mark in probe for mark in "»›>"):
        return False
    return len(_BREADCRUMB_SEPARATOR.findall(probe)) >= 2


_TABLE_DEBRIS = re.compile(r"^[\s|+\-=_*•·#~.:–—/\\]*$")


def is_table_debris(probe: str) -> bool:
    """Lines of punctuation only: "||", "|", "* * *", "___"."""
    return len(probe) <= 200 and bool(_TABLE_DEBRIS.match(probe))


# --- metadata lines --------------------------------------------------------

_URL_LINE = re.compile(r"^(?:source|url|link|original url)?\s*:?\s*<?(?:https?://|www\.)\S+>?$", re.I)
_URL_LABEL = re.compile(
    r"^(?:original (?:url|link|article)|source url|url|link to (?:the )?original)\s*:\s*$", re.I
)


def is_url_line(probe: str) -> bool:
    """The article's address: "<https://www.themoscowtimes.com/...>", and its label "Original url:"."""
    return len(probe) <= 2100 and bool(_URL_LINE.match(probe) or _URL_LABEL.match(probe))


_BYLINE_LEAD = re.compile(
    r"^(?:by|written by|posted by|story by|words by|authors?:|reporting by|text by)\s+(.+)$", re.I
)
_BYLINE_TITLE = re.compile(
    r"^(?:[A-Z][\w.'’-]+ ){1,3}(?:[A-Za-z&]+ ){0,4}(?:editor|correspondent|reporter|writer|columnist|"
    r"contributor|bureau chief|analyst)s?(?: in [A-Z][\w-]+)?$"
)
_DATED_BYLINE = re.compile(r"^((?:posted|published|updated)(?: on)? .{4,40}?) by (.{2,60})$", re.I)
_BYLINE_SPLIT = re.compile(r"[\s,|;/•·–—-]+")
_NAME_WIRE_SPLIT = re.compile(r"\s*[,|–—]\s+|\s+[|–—]\s*")
_NAME_CONNECTORS = _wordset(
    "and in for at of the de del da van von der den bin al el la le y with staff admin on"
)
_WIRE_NAME = re.compile(
    r"^(?:AFP|AP|Reuters|Associated Press|Agence France-Presse|Agence France Presse|UPI|dpa|DPA|EFE|ANI|PTI|"
    r"Xinhua|TASS|Interfax|Ukrinform|UNIAN|Bloomberg|RFE/RL)$"
)


def is_byline(probe: str) -> bool:
    """Who wrote it: "By [AFP](#)", "By Jane Doe, Reuters", "Dan Sabbagh Defence editor", "Reuters".

    "By the end of the year, ..." is a sentence: after "By" a byline has only names.
    """
    if len(probe) > 120:
        return False
    lead = _BYLINE_LEAD.match(probe)
    if lead:
        tokens = [t for t in _BYLINE_SPLIT.split(lead.group(1)) if t]
        return 0 < len(tokens) <= 14 and all(_is_name_token(t) for t in tokens)
    if _BYLINE_TITLE.match(probe):
        return True
    dated = _DATED_BYLINE.match(probe)
    if dated and is_date_line(dated.group(1)):  # "Posted on April 6, 2021 by admin"
        return all(_is_name_token(t) for t in _BYLINE_SPLIT.split(dated.group(2)) if t)
    parts = _NAME_WIRE_SPLIT.split(probe)
    if len(parts) == 2 and _WIRE_NAME.match(parts[1].strip(" .")):  # "Jane Doe, Reuters"
        tokens = parts[0].split()
        return 2 <= len(tokens) <= 4 and all(t[:1].isupper() for t in tokens)
    return bool(_WIRE_NAME.match(probe.strip(" ()—–-.")))  # "AFP", "— Reuters"


def _is_name_token(token: str) -> bool:
    return token[:1].isupper() or token[:1].isdigit() or token.casefold() in _NAME_CONNECTORS or token == "&"


_MONTHS = _wordset(
    "jan january feb february mar march apr april may jun june jul july aug august sep sept september "
    "oct october nov november dec december"
)
_DATE_WORDS = _MONTHS | _wordset(
    "mon monday tue tues tuesday wed wednesday thu thur thurs thursday fri friday sat saturday sun sunday "
    "am pm a m p utc gmt bst est edt cet cest eet eest msk pst pdt cst cdt published updated posted on at "
    "last modified date time first created st nd rd th kyiv local ago hour hours minute minutes min mins read"
)
_DATE_TOKEN = re.compile(r"[A-Za-z]+|\d+")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?$")


def is_date_line(probe: str) -> bool:
    """A line that is only a date (and time): "April 06, 2021", "Tue 9 Jul 2024 05.00 BST"."""
    if len(probe) > 80:
        return False
    if _ISO_DATE.match(probe):
        return True
    tokens = [t.casefold() for t in _DATE_TOKEN.findall(probe)]
    numbers = [t for t in tokens if t.isdigit()]
    has_year_or_month = any(len(n) == 4 for n in numbers) or any(t in _MONTHS for t in tokens)
    if not numbers or not has_year_or_month:
        return False
    return all(t.isdigit() or t in _DATE_WORDS for t in tokens)


_CREDIT_NOTE = re.compile(
    r"^\(?\s*(?:(?:additional|extra) report(?:ing|s)? (?:by|from)|(?:reporting|writing|editing|compiled|"
    r"produced|research|translated|translation|edited|contributing reporting) (?:by|from)\b|"
    r"contributing:|contributors?:|"
    r"with (?:reporting|reports|input|inputs|additional reporting|wire services?) (?:from|by)\b|"
    r"this (?:article|story|report) (?:draws on|is based on|includes|contains|uses|"
    r"was (?:compiled|written|produced|prepared) (?:from|with|using)) "
    r"(?:reports?|reporting|material|information|wire)|"
    r"(?:©|\(c\)|copyright)\s*(?:\d{4}|the\b)|originally published\b|"
    r"this (?:article|story) (?:was|is) (?:originally |first )?(?:published|republished)|"
    r"the post .{1,300} appeared first on|"
    r"[-–—\s]*with (?:afp|ap|reuters|agencies|wires|wire services|the associated press)\W*$)",
    re.I,
)
_SOURCE_CREDIT = re.compile(r"^(?:source|sources|via)\s*:\s*\S", re.I)
_CONTRIBUTED = re.compile(
    r"\bcontributed (?:to )?(?:this|the) (?:report|story|article)\.?\)?$|all rights reserved\.?$", re.I
)


def is_credit_note(probe: str) -> bool:
    """Credits for the text: "Additional report by X in Washington", "(This article draws on reports ...)".

    They name reporters and wires, so they go to the metadata, not to the body.
    """
    if len(probe) > 400:
        return False
    if _CREDIT_NOTE.match(probe):
        # "Reporting by the BBC found that ..." is a sentence, not a credit
        return not (probe[:12].casefold() == "reporting by" and probe.endswith(".") and len(probe) > 120)
    if _SOURCE_CREDIT.match(probe):  # "Source: Reuters", not "Source: the ministry said 30 drones ..."
        return len(probe.split()) <= 8 and not _REPORTING_VERB.search(probe)
    low = probe.casefold()
    if len(probe) > 250 or ("contributed" not in low and "reserved" not in low):
        return False
    return bool(_CONTRIBUTED.search(probe))


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

_MD_LINK_ONLY = re.compile(r"^\s*[-*•]?\s*(?:\[[^\[\]\n]{1,300}\]\([^()\[\]\n]{0,2000}\)[^\w\[]{0,3})+$")
_MD_IMAGE_ONLY = re.compile(r"^\s*(?:!\[[^\[\]\n]{0,500}\]\([^()\[\]\n]{0,2000}\)\s*)+$")


def is_markdown_link_only(raw: str, probe: str) -> bool:
    """A line that is nothing but links or images: navigation or a related story."""
    if len(raw) > 2500 or "](" not in raw or _URL_LINE.match(probe):
        return False
    return bool(_MD_LINK_ONLY.match(raw) or _MD_IMAGE_ONLY.match(raw))


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


def attach_url_to_label(lines: list[_Line]) -> None:
    """The address on the line after "Original url:" is metadata too."""
    for line, nxt in zip(lines, lines[1:], strict=False):
        if line.why == "url" and _URL_LABEL.match(line.probe) and nxt.probe.startswith(("http", "www.")):
            _mark(nxt, META, "url")


# ---------------------------------------------------------------------------
# Heuristics that look at neighbouring lines


def drop_comment_section(lines: list[_Line]) -> None:
    """Everything after "Leave a Reply" late in the text is the comment section, its dates included."""
    for i, line in enumerate(lines):
        if line.start >= LATE and line.kind == REMOVED and _COMMENT_SECTION.match(line.probe):
            for rest in lines[i + 1 :]:
                if rest.kind in (BODY, META):
                    _mark(rest, REMOVED, "comment_section")
            return


def drop_related_link_lists(lines: list[_Line]) -> None:
    """The story titles listed under "Related Links", "Most read", "Source link" (not the article after)."""
    for i, line in enumerate(lines):
        if not (line.why == "teaser" and _LIST_MARKER.match(line.probe) or line.why == "source_link"):
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
    return len(probe) <= 160 and not _ends_with(probe, (".", "!", "?", "…", ":"))


def drop_read_more_teasers(lines: list[_Line]) -> None:
    """A related story's blurb cut off with "... read more", and the story's title above it."""
    for i, line in enumerate(lines):
        if line.kind != BODY or len(line.probe) > 1500 or not _READ_MORE_TAIL.search(line.probe[-40:]):
            continue
        _mark(line, REMOVED, "read_more_teaser")
        for prev in reversed(lines[max(0, i - 2) : i]):
            if prev.kind != BODY or ends_sentence(prev.probe) or len(prev.probe) > 250:
                break
            _mark(prev, REMOVED, "read_more_title")


_NAME_SENTENCE = re.compile(
    r"^(?:[A-Z][\w.'’-]*|of|the|and|de|van|von|al|bin)"
    r"(?: (?:[A-Z][\w.'’-]*|of|the|and|de|van|von|al|bin)){1,7}\.(?:\s|$)"
)


def _reads_like_caption(probe: str) -> bool:
    """A caption's telltales: a bare name for a first sentence, a subject posing in the present tense."""
    if len(probe) > 400 or probe.startswith(("“", '"')):
        return False
    if _NAME_SENTENCE.match(probe) or _has_photo_hint(probe):
        return True
    return bool(_PHOTO_VERB.search(probe[:120])) and not _REPORTING_VERB.search(probe)


def drop_captions_above_credits(lines: list[_Line]) -> None:
    """The caption right above a credit line ("Sean Gallup/Getty Images")."""
    for prev, line in zip(lines, lines[1:], strict=False):
        if line.why == "photo_credit" and prev.kind == BODY and _reads_like_caption(prev.probe):
            _mark(prev, REMOVED, "caption_above_credit")


def drop_duplicate_lines(lines: list[_Line]) -> None:
    """A line repeated: a caption and its alt text, a paragraph scraped twice, a pull quote.

    Of neighbouring duplicates the later goes, and both when they are a dated photo caption;
    duplicates far apart must be long enough not to be a refrain of the article.
    """
    seen: set[str] = set()
    prev, prev_folded = None, ""
    for line in _body(lines):
        folded = _fold(line.probe)
        if prev is not None and folded == prev_folded:
            _mark(line, REMOVED, "duplicate")
            if looks_like_photo_caption(prev.probe):
                _mark(prev, REMOVED, "duplicate_caption")
            continue
        if len(folded) >= 40 and folded in seen:
            _mark(line, REMOVED, "duplicate")
            continue
        seen.add(folded)
        prev, prev_folded = line, folded


# ---------------------------------------------------------------------------
# Headline, the lead photo's alt text, subheadings


_DANGLING_WORDS = _wordset(
    "a an the of and or but nor to in on at with by from as than that which who whose near into onto per via"
)


def _looks_like_headline(line: _Line) -> bool:
    """Short, capitalised, without final punctuation, and not broken off on "in" or "the"."""
    probe = line.probe
    if not probe or len(probe) > 200 or line.words < 2:
        return False
    if _ends_with(probe, (".", ",", ";", ":", "…", "-", "–", "—")) or not _starts_like_text(probe):
        return False
    return probe.rsplit(None, 1)[-1].casefold() not in _DANGLING_WORDS


def _is_kicker(line: _Line, headline: _Line) -> bool:
    """A section label above the headline: "Opinion", "Russia-Ukraine war"."""
    if line.words > 2 or len(line.probe) > 40 or _ends_with(line.probe, (".", "!", "?", ":", ",")):
        return False
    return _looks_like_headline(headline) and headline.words > line.words


def pick_headline(lines: list[_Line]) -> _Line | None:
    """The first body line when it reads like a headline, or a Markdown `# ` heading near the top.

    A one- or two-word label above a longer headline ("World", "Opinion") is a kicker, dropped.
    A text whose first line is a full sentence has no headline.
    """
    top = [line for _, line in zip(range(3), _body(lines), strict=False)]
    if not top:
        return None
    for i, line in enumerate(top):
        if line.raw.lstrip().startswith("# "):
            for above in top[:i]:  # section labels and navigation above the title
                if above.words <= 5:
                    _mark(above, REMOVED, "kicker")
            return _make_headline(line)
    first = top[0]
    if _MD_HEADING.match(first.raw):
        return _make_headline(first)
    if len(top) > 1 and _is_kicker(first, top[1]):
        _mark(first, REMOVED, "kicker")
        first = top[1]
    if not _looks_like_headline(first):
        return None
    following = next(_body(lines[lines.index(first) + 1 :]), None)
    if following is not None and _starts_lower(following.probe):
        return None  # the first half of a paragraph split in two
    return _make_headline(first)


def _make_headline(line: _Line) -> _Line:
    _mark(line, HEADLINE, "headline")
    return line


_STOPWORDS = _wordset(
    "a an the of in on at to for from with by and or but is are was were be has have had will would as "
    "that this it its not"
)


def drop_lead_name_captions(lines: list[_Line], headline: _Line | None) -> None:
    """A bare name between the headline and the lede ("Zelenskyy") is the lead photo's alt text."""
    start = lines.index(headline) + 1 if headline else 0
    for _, line in zip(range(LEAD_LINES), _body(lines[start:]), strict=False):
        if line.words >= 12 and ends_sentence(line.probe):
            return  # the lede: the article has begun
        if _is_bare_name(line.probe):
            _mark(line, REMOVED, "lead_caption")


def _is_bare_name(probe: str) -> bool:
    words = probe.split()
    if not 1 <= len(words) <= 4 or any(ch.isdigit() for ch in probe) or probe[-1] in ".!?:,;":
        return False
    return all(w[0].isupper() and w.casefold() not in _STOPWORDS for w in words)


_MD_SUBHEADING = re.compile(r"^\s{0,3}#{1,6}\s+\S")
_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)[^*_\n]{2,120}(?:\*\*|__)\s*$")
_DASHED_SUBHEADING = re.compile(r"^[-–—•=*]{1,3}\s+(\S.{0,100}?)\s+[-–—•=*]{1,3}$")


def mark_explicit_subheadings(lines: list[_Line]) -> None:
    """Subheadings marked as such: "## **Two more soldiers killed**", AFP's "- Path to membership? -"."""
    for line in _body(lines):
        if len(line.raw) > 300:
            continue
        if _MD_SUBHEADING.match(line.raw) or _BOLD_LINE.match(line.raw):
            text = line.probe
        elif match := _DASHED_SUBHEADING.match(line.probe):
            text = match.group(1)
        else:
            continue
        if not _ends_with(text, (".",)):
            line.kind, line.heading, line.why = HEADING, text.strip("*_# "), "explicit_subheading"


def mark_plain_subheadings(lines: list[_Line]) -> None:
    """A short line without final punctuation between two paragraphs is a subheading."""
    kept = [line for line in lines if line.kind in (BODY, HEADING, HEADLINE)]
    for prev, line, nxt in zip(kept, kept[1:], kept[2:], strict=False):
        if line.kind != BODY or not _looks_like_subheading(line.probe):
            continue
        if prev.kind == BODY and not ends_sentence(prev.probe):
            continue  # maybe the second half of a split sentence
        if nxt.kind == BODY and not _starts_like_text(nxt.probe):
            continue  # continued on the next line
        line.kind, line.heading, line.why = HEADING, line.probe, "plain_subheading"


def _looks_like_subheading(probe: str) -> bool:
    if len(probe) > 100 or len(probe.split()) > 14 or _ends_with(probe, (".", ",", ";", ":", "…", "-", "–")):
        return False
    last_word = probe.rsplit(None, 1)[-1].casefold()
    return (probe[:1].isupper() or probe[:1].isdigit()) and last_word not in _CONTINUATION_WORDS


# ---------------------------------------------------------------------------
# Mending paragraphs split in the middle of a sentence

_CONTINUATION_WORDS = _wordset(
    "a an the of in on at to for from with by and or but nor as than that which who whom whose near into "
    "onto over under between among after before during since until against about across along around "
    "behind beyond despite through toward towards upon within without via per is are was were be been has "
    "have had will would could should can may might must its their his her our this these those not"
)


def should_join(first: str, second: str, same_block: bool, wrapped_text: bool) -> bool:
    """Whether `second` continues the sentence that `first` breaks off.

    "... near the town of Zolote-4 in" + "Lugansk region, ..." and "... Stoltenberg said. Kuleba" +
    "welcomed the foreign ministers ..." are one sentence; "... Kuleba." + "He said ..." are two.
    """
    if not first or not second or _ends_with(first, (".", "!", "?", "…", ":")):
        return False
    if _starts_lower(second):
        return True
    last_word = first.rsplit(None, 1)[-1].casefold()
    if first.endswith((",", ";", "–", "—")) or last_word in _CONTINUATION_WORDS:
        return _starts_like_text(second)
    # hard-wrapped text: a long line without an end, continued on the next line of its paragraph
    return wrapped_text and same_block and len(first) >= 40


def _has_blank_line_paragraphs(lines: list[_Line]) -> bool:
    """Paragraphs separated by blank lines (rather than one paragraph a line)."""
    return len({line.block for line in lines}) * 2 >= len(lines)


def join_split_paragraphs(lines: list[_Line], markdown: bool) -> list[str]:
    """The body's paragraphs, the halves of a split sentence joined (across removed lines too)."""
    wrapped_text = _has_blank_line_paragraphs(lines)
    paragraphs: list[list[str]] = []  # each paragraph as its pieces, glued once at the end
    last: _Line | None = None  # the body line that ended the last paragraph, while it is open
    for line in lines:
        if line.kind == HEADING:
            paragraphs.append(["## " + (line.heading or line.probe)])
            last = None
        elif line.kind == HEADLINE:
            last = None
        elif line.kind == BODY:
            text = line.probe if markdown else line.raw.strip()
            if "opens new tab" in text:
                text = _INLINE_DEBRIS.sub("", text)
            same_block = last is not None and line.block == last.block
            if last is not None and should_join(paragraphs[-1][-1], text, same_block, wrapped_text):
                paragraphs[-1].append(text)
            else:
                paragraphs.append([text])
            last = line
    return [_glue(pieces) for pieces in paragraphs]


def _glue(pieces: list[str]) -> str:
    text = pieces[0]
    for piece in pieces[1:]:
        if text.endswith("-") and text[-2:-1].isalpha() and _starts_lower(piece):
            text += piece  # a word hyphenated across the break: "Russian-" + "backed"
        else:
            text = text.rstrip() + " " + piece.lstrip()
    return text


# ---------------------------------------------------------------------------

_NEWLINE = re.compile(r"\r\n|\r|\n")


def _split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    total = max(len(text), 1)
    block, offset, blank_before = 0, 0, False
    for raw in _NEWLINE.split(text):
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


_MARKDOWN_SIGNS = re.compile(
    r"(?m)^#{1,6} \S|\[[^\[\]\n]{1,300}\]\((?:https?://|#|/)[^()\[\]\s]{0,2000}\)|<https?://[^<>\s]{1,2000}>"
)


def looks_like_markdown(text: str) -> bool:
    """Scraped text saved as .txt is often Markdown: `# Title`, `[text](url)`, `<https://...>`."""
    if "#" not in text and "](" not in text and "<http" not in text:
        return False  # none of the signs can match: no need to scan every line start
    return bool(_MARKDOWN_SIGNS.search(text))


def clean(text: str, markdown: bool = False) -> Cleaned:
    """Split an article's text into headline, body paragraphs, removed boilerplate and metadata lines.

    With `markdown` (or when the text plainly is Markdown) inline links, emphasis and
    autolinks in the body and headline are reduced to their text.
    """
    markdown = markdown or looks_like_markdown(text)
    lines = _split_lines(text)
    classify_lines(lines)
    attach_url_to_label(lines)
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
