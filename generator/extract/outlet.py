"""Who published an article, which agencies it credits, its address and its reporters.

The outlet publishes; agencies are credited; outlets merely cited are neither.
So agency names count only where they stand in a credit ("By AFP", a dateline
"(Reuters) -", "(This article draws on reports from ...)", "Copyright ... The
Associated Press", "Reporting by ...; Editing by ..."), never in running text
("told Reuters", "according to AFP", "as per the BBC").

Wire credits, strongest first:
- `wire_from_bylines`        "By AFP", "By [AFP](#)", "By Jane Doe, Reuters"
- `wire_from_lede_dateline`  "KYIV, Nov 29 (Reuters) -", "WARSAW (AFP) July 6, 2017 —"
- `wire_from_credit_lines`   "(This article draws on reports from ...)", "— Reuters", "© AFP",
                             "The Associated Press contributed to this report", "Reporting by X; Editing by Y"
- `wire_from_teaser_datelines` (weak) agency datelines of the related-story teasers ("Warsaw (AFP)
  July 6, 2017"). A site that runs an agency's feed shows that agency's datelines on its teasers,
  so they count only when the article credits nobody else and no reporter of its own, and all
  such teasers name one and the same agency.

Source, strongest first: the reader's site name, the article's own address,
"<Outlet> has reached out to ... for comment" / "<Outlet> could not independently
verify", a contact e-mail on the outlet's domain, "Copyright <Outlet>", a footer
naming the site ("Learn about ... at SpaceWar.com"), an outlet in the byline or
dateline. Nothing naming the outlet gives None: a wire credit alone is no source.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit

from generator.extract.prefilter import may_contain


@dataclass(frozen=True)
class Outlet:
    source: str | None  # the outlet that published it
    wire: list[str]  # agencies credited, canonical names
    url: str | None  # original address when the text gives one (http/https only)
    byline: str | None  # reporter name(s)


# --- names -------------------------------------------------------------------

AGENCIES: dict[str, str] = {  # canonical name -> how credits write it (case-sensitive)
    "AFP": r"AFP|Agence France[- ]Presse",
    "Reuters": r"(?:Thomson )?Reuters",
    "Associated Press": r"(?:The )?Associated Press|AP",
    "Bloomberg": r"Bloomberg(?: News)?",
    "Interfax": r"Interfax(?:-Ukraine)?",
    "TASS": r"(?:ITAR-)?TASS",
    "RIA Novosti": r"RIA(?: Novosti)?",
    "Sputnik": r"Sputnik",
    "Ukrinform": r"Ukrinform",
    "UNIAN": r"UNIAN",
    "dpa": r"dpa|DPA|Deutsche Presse-Agentur",
    "Xinhua": r"Xinhua(?: News Agency)?",
    "EFE": r"EFE",
    "ANSA": r"ANSA",
    "PAP": r"PAP|Polish Press Agency",
    "Anadolu": r"Anadolu(?: Agency| Ajans\w*)?|AA",
    "Kyodo": r"Kyodo(?: News)?",
    "Yonhap": r"Yonhap(?: News Agency)?",
    "UPI": r"UPI|United Press International",
    "AAP": r"AAP|Australian Associated Press",
    "Canadian Press": r"(?:The )?Canadian Press",
    "PA Media": r"PA Media|Press Association",
    "PTI": r"PTI|Press Trust of India",
    "ANI": r"ANI",
    "IANS": r"IANS",
    "Europa Press": r"Europa Press",
    "BTA": r"BTA",
    "Lusa": r"Lusa",
    "Belga": r"Belga",
    "CTK": r"ČTK|CTK",
    "MTI": r"MTI",
}
_AGENCY_RE = re.compile(
    "|".join(rf"(?P<a{i}>\b(?:{alias})\b)" for i, alias in enumerate(AGENCIES.values()))
)
_AGENCY_NAMES = list(AGENCIES)

DOMAIN_NAMES: dict[str, str] = {
    "themoscowtimes.com": "The Moscow Times", "newsweek.com": "Newsweek", "reuters.com": "Reuters",
    "apnews.com": "Associated Press", "bbc.co.uk": "BBC", "bbc.com": "BBC",
    "theguardian.com": "The Guardian", "guardian.co.uk": "The Guardian",
    "kyivindependent.com": "The Kyiv Independent", "kyivpost.com": "Kyiv Post",
    "aljazeera.com": "Al Jazeera", "cnn.com": "CNN", "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post", "politico.eu": "Politico Europe",
    "politico.com": "Politico", "euronews.com": "Euronews", "dw.com": "DW", "france24.com": "France 24",
    "rferl.org": "RFE/RL", "ukrinform.net": "Ukrinform", "ukrinform.ua": "Ukrinform",
    "pravda.com.ua": "Ukrainska Pravda", "tass.com": "TASS", "tass.ru": "TASS", "rt.com": "RT",
    "afp.com": "AFP", "foxnews.com": "Fox News", "nbcnews.com": "NBC News", "cbsnews.com": "CBS News",
    "abcnews.go.com": "ABC News", "npr.org": "NPR", "wsj.com": "The Wall Street Journal",
    "ft.com": "Financial Times", "bloomberg.com": "Bloomberg", "economist.com": "The Economist",
    "telegraph.co.uk": "The Telegraph", "independent.co.uk": "The Independent",
    "thetimes.co.uk": "The Times", "dailymail.co.uk": "Daily Mail", "news.sky.com": "Sky News",
    "sky.com": "Sky News", "axios.com": "Axios", "thehill.com": "The Hill", "usatoday.com": "USA Today",
    "latimes.com": "Los Angeles Times", "time.com": "Time", "euractiv.com": "Euractiv",
    "unian.info": "UNIAN", "unian.net": "UNIAN", "interfax.com.ua": "Interfax-Ukraine",
    "interfax.ru": "Interfax", "meduza.io": "Meduza", "scmp.com": "South China Morning Post",
    "xinhuanet.com": "Xinhua", "news.cn": "Xinhua", "globaltimes.cn": "Global Times", "cgtn.com": "CGTN",
    "aa.com.tr": "Anadolu", "lemonde.fr": "Le Monde", "spiegel.de": "Der Spiegel",
    "theatlantic.com": "The Atlantic", "voanews.com": "Voice of America",
    "businessinsider.com": "Business Insider",
    "defensenews.com": "Defense News", "militarytimes.com": "Military Times", "nypost.com": "New York Post",
}
_OUTLET_ALIASES = {"bbc news": "BBC", "the associated press": "Associated Press", "ap": "Associated Press",
                   "voa": "Voice of America", "the ft": "Financial Times", "sky": "Sky News"}
_KNOWN_OUTLETS = {name.casefold(): name for name in DOMAIN_NAMES.values()} | _OUTLET_ALIASES
_SECOND_LEVEL = {"co", "com", "org", "net", "gov", "ac", "edu", "go"}
_NOT_OUTLET_DOMAINS = {
    "gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "protonmail.com", "proton.me", "icloud.com",
    "ift.tt", "bit.ly", "t.co", "ow.ly", "goo.gl", "buff.ly", "dlvr.it", "tinyurl.com", "feedburner.com",
    "feedproxy.google.com", "twitter.com", "x.com", "t.me", "facebook.com", "instagram.com",
    "youtube.com", "youtu.be", "tiktok.com", "linkedin.com", "telegram.me", "whatsapp.com", "google.com",
}


def agencies_in(text: str) -> list[str]:
    """Canonical names of the agencies a credit names, in order."""
    found = []
    for m in _AGENCY_RE.finditer(text):
        name = _AGENCY_NAMES[int(m.lastgroup[1:])]
        if name not in found:
            found.append(name)
    return found


def registered_domain(host: str) -> str:
    """"www.bbc.co.uk" -> "bbc.co.uk"; known multi-part hosts ("news.sky.com") stay whole."""
    host = host.lower().split(":")[0].removeprefix("www.").removeprefix("m.").removeprefix("amp.")
    if host in DOMAIN_NAMES:
        return host
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def outlet_for_domain(host: str) -> str | None:
    """The outlet's name from a known-domain table, else the domain itself, capitalised."""
    domain = registered_domain(host)
    if not domain or "." not in domain or domain in _NOT_OUTLET_DOMAINS:
        return None
    return DOMAIN_NAMES.get(domain) or domain[:1].upper() + domain[1:]


def _known_outlet(name: str) -> str | None:
    return _KNOWN_OUTLETS.get(name.strip().casefold())


# --- the article's address ---------------------------------------------------

_URL_LABEL_RE = re.compile(
    r"^\s*(?:original\s+(?:url|link|article)|source\s+(?:url|link)|canonical(?:\s+url)?|permalink|url|link"
    r"|source|read\s+(?:the\s+)?original(?:\s+article)?)\s*:?\s*(?P<url><?https?://\S+)?\s*$",
    re.IGNORECASE,
)
_BARE_URL_LINE_RE = re.compile(r"^\s*<?(?P<url>https?://[^\s<>]+)>?\s*$")


def _clean_url(raw: str) -> str | None:
    """An article address: http(s), a real host, a path; no shortener, feed redirect or social link."""
    url = raw.strip().strip("<>").rstrip(".,;)>")
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or "." not in parts.netloc:
        return None
    if registered_domain(parts.netloc) in _NOT_OUTLET_DOMAINS or len(parts.path.strip("/")) < 2:
        return None
    return url


def _labelled_urls(lines: list[str]) -> list[str]:
    """'Original url: https://…', or the label on one line and the address on the next."""
    found = []
    for i, line in enumerate(lines):
        m = _URL_LABEL_RE.match(line)
        if not m:
            continue
        following = lines[i + 1] if i + 1 < len(lines) else ""
        raw = m["url"] or (following if _BARE_URL_LINE_RE.match(following) else "")
        if raw and (url := _clean_url(raw)):
            found.append(url)
    return found


def _bare_urls(lines: list[str]) -> list[str]:
    return [url for line in lines if (m := _BARE_URL_LINE_RE.match(line)) and (url := _clean_url(m["url"]))]


def find_url(
    paragraphs: list[str], meta_lines: list[str], removed: list[str], seed_meta: dict[str, str]
) -> str | None:
    """The article's own address: the reader's, a labelled one, or an address standing alone on a line.

    Links inside text (a photo credit "[president.gov.ua](https://…)"), shorteners
    and feed redirects (ift.tt), social links and e-mail addresses are not it.
    """
    if seed_meta and (url := _clean_url(seed_meta.get("url") or "")):
        return url
    edges = paragraphs[:3] + paragraphs[-3:]
    for lines in (meta_lines, removed, paragraphs):
        if found := _labelled_urls(lines):
            return found[0]
    for lines in (meta_lines, removed, edges):
        if found := _bare_urls(lines):
            return found[0]
    return None


# --- reporters ---------------------------------------------------------------

MAX_CREDIT_CHARS = 400  # credits are short lines; longer ones are not worth a regex scan
# Bounded, and no bracket inside the link text: a line of 20,000 "[" cost quadratic time.
_MARKDOWN_LINK_RE = re.compile(r"\[([^\[\]]{0,500})\]\([^)]{0,2000}\)")
_BYLINE_RE = re.compile(
    r"^\s*(?:(?i:by|written\s+by|words\s+by|story\s+by|author)\s*:?\s+)(?P<names>[A-Z].{1,100})$"
)
_REPORTING_RE = re.compile(
    r"(?i:(?:additional\s+)?report(?:ing|s)?\s+by|written\s+by)\s+(?P<names>[A-Z][^;()]{2,100})"
)
_NAME_SPLIT_RE = re.compile(r"\s*(?:,|;|\||\band\b|&|\s[—–-]\s)\s*")
_LOCATION_TAIL_RE = re.compile(r"\s+(?:in|from|at)\s+[A-Z].*$")
_DATE_TAIL_RE = re.compile(r"\s*\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d.*$")
_PERSON_NAME_RE = re.compile(
    r"^[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]*|de|da|di|van|von|der|den|la|le|al|bin|ibn|el))*\s+[A-Z][\w'’-]+$"
)
_NOT_A_NAME = re.compile(
    r"\b(?:Staff|Writers?|Reporters?|Correspondents?|Editors?|Desk|Team|News|Agenc(?:y|ies)|Wire|Services?"
    r"|Bureau|Times|Post|Press|Daily)\b"
)


def _person_names(text: str) -> list[str]:
    """The people a credit names: 'Jane Doe and John Roe in Kyiv, Reuters' -> [Jane Doe, John Roe]."""
    text = _DATE_TAIL_RE.sub("", _MARKDOWN_LINK_RE.sub(r"\1", text)).strip(" .")
    names = []
    for part in _NAME_SPLIT_RE.split(text):
        name = _LOCATION_TAIL_RE.sub("", part).strip(" .")
        if (_PERSON_NAME_RE.match(name) and not agencies_in(name) and not _known_outlet(name)
                and not _NOT_A_NAME.search(name) and len(name.split()) <= 5):
            names.append(name)
    return names


def _join_names(names: list[str]) -> str | None:
    if not names:
        return None
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _credit_zone(paragraphs: list[str], meta_lines: list[str], removed: list[str]) -> list[str]:
    """Where credits stand: meta lines, the first and last paragraphs, removed lines."""
    return meta_lines + paragraphs[:3] + paragraphs[-4:] + removed


def find_byline(paragraphs: list[str], meta_lines: list[str], removed: list[str],
                seed_meta: dict[str, str] | None = None) -> str | None:
    """Reporters from 'By Jane Doe', 'Additional report by Katrina Manson in Washington', 'Reporting by …'."""
    if seed_meta and (author := (seed_meta.get("author") or "").strip()) and not agencies_in(author):
        return author
    for line in _credit_zone(paragraphs, meta_lines, removed):
        if len(line) > MAX_CREDIT_CHARS or len(line.split()) > 25:
            continue
        m = _BYLINE_RE.match(line) or _REPORTING_RE.search(line)
        if m and (names := _person_names(m["names"])):
            return _join_names(names)
    return byline_without_by(meta_lines)


_NOT_A_BYLINE_RE = re.compile(r"[\d:@<>/]|https?")


def byline_without_by(meta_lines: list[str]) -> str | None:
    """A meta line that is nothing but names, as the Guardian writes it: 'Dan Sabbagh in Kyiv'."""
    for line in meta_lines:
        if len(line.split()) > 10 or _NOT_A_BYLINE_RE.search(line):
            continue
        names = _person_names(line)
        rest = _NAME_SPLIT_RE.sub(" ", _LOCATION_TAIL_RE.sub("", line))
        plain = all(len(n.split()) <= 3 for n in names)  # a title-case headline is longer than a name
        if names and plain and len(rest.split()) == sum(len(n.split()) for n in names):
            return _join_names(names)
    return None


# --- wire credits ------------------------------------------------------------


def wire_from_bylines(lines: list[str]) -> list[str]:
    """'By AFP', 'By [AFP](#)', 'By Jane Doe, Reuters', 'By The Associated Press'."""
    found = []
    for line in lines:
        m = _BYLINE_RE.match(_MARKDOWN_LINK_RE.sub(r"\1", line))
        if m and len(line.split()) <= 15:
            found += agencies_in(m["names"])
    return found


_LEDE_CREDIT_RE = re.compile(
    r"^\s*(?:[A-Z][^()\n.;\"“]{0,60}?)?\((?P<credit>[^()]{2,40})\)\s*[^\n]{0,30}?(?:—|–|--|\s-\s|:)"
)


def wire_from_lede_dateline(lede: str) -> list[str]:
    """'KYIV, Nov 29 (Reuters) -', 'WARSAW (AFP) July 6, 2017 —', '(AP) —' opening the article."""
    m = _LEDE_CREDIT_RE.match(lede)
    return agencies_in(m["credit"]) if m else []


_PHOTO_CUES = ("photo", "image", "picture", "getty", "via", "illustration", "video", "file")
_PHOTO_CUE_RE = re.compile(r"(?i)\b(?:" + "|".join(_PHOTO_CUES) + r")\b|/")


def _has_photo_cue(line: str) -> bool:
    return "/" in line or (may_contain(line, _PHOTO_CUES) and bool(_PHOTO_CUE_RE.search(line)))


_LINE_START = r"^\s*[(\[*_—–-]*\s*"  # credits open their line, maybe after "(" or a dash
_CREDIT_LINE_RES = (
    # "(This article draws on reports from the Associated Press, Reuters and AFP.)"
    re.compile(
        _LINE_START + r"(?i:this\s+(?:article|story|report)\s+(?:draws\s+on|is\s+based\s+on|includes|contains"
        r"|uses|was\s+compiled\s+from)|(?:with\s+)?(?:additional\s+)?(?:reporting|reports|material|information|input)"
        r"\s+(?:from|by)|compiled\s+from|courtesy\s+of|sources?\s*:)\s+(?P<credit>.{2,150})"
    ),
    # "The Associated Press contributed to this report."
    re.compile(
        _LINE_START + r"(?P<credit>.{2,60}?)\s+contributed\s+(?:to\s+this\s+(?:report|story)|reporting)"
    ),
    # "Copyright 2024 The Associated Press. All rights reserved." / "© Agence France-Presse"
    re.compile(
        _LINE_START
        + r"(?i:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?P<credit>.{2,60})"
    ),
)
_REUTERS_SIGNATURE_RE = re.compile(r"(?i)\breporting\s+by\b.{2,200}\b(?:editing|writing)\s+by\b")
_SIGN_OFF_RE = re.compile(r"(?:^|\s)[—–-]{1,2}\s*(?P<credit>[A-Z][\w /&-]{1,40}?)\s*\.?\s*$")
_LONE_CREDIT_RE = re.compile(r"^\s*\(?(?P<credit>[A-Z][\w /&,-]{1,40}?)\)?\s*\.?\s*$")


def wire_from_credit_lines(paragraphs: list[str], meta_lines: list[str], removed: list[str]) -> list[str]:
    """Credit lines wherever the cleaner put them; sign-offs and lone agency names only in the article."""
    found = []
    for line in _credit_zone(paragraphs, meta_lines, removed):
        if len(line) > MAX_CREDIT_CHARS or len(line.split()) > 40 or (
            _has_photo_cue(line) and "reports" not in line
        ):
            continue
        for regex in _CREDIT_LINE_RES:
            if m := regex.search(line):
                found += agencies_in(m["credit"])
        if may_contain(line, ("reporting",)) and _REUTERS_SIGNATURE_RE.search(line):
            found.append("Reuters")
    tail = [p for p in paragraphs[-2:] + meta_lines if not _has_photo_cue(p)]
    for line in tail:
        m = _SIGN_OFF_RE.search(line[-80:]) or _LONE_CREDIT_RE.match(line)
        if m and agencies_in(m["credit"]) and len(m["credit"].split()) <= 6:
            found += agencies_in(m["credit"])
    return found


_TEASER_DATELINE_RE = re.compile(
    r"\((?P<credit>[^()]{2,30})\)\s*(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d"
    r"|\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|[—–-])"
)


def wire_from_teaser_datelines(lines: list[str]) -> list[str]:
    """Agency datelines on related-story teasers ("…strongWarsaw (AFP) July 6, 2017"): one agency only."""
    credits = [m["credit"] for line in lines for m in _TEASER_DATELINE_RE.finditer(line)]
    agencies = {agency for credit in credits for agency in agencies_in(credit)}
    return sorted(agencies) if len(agencies) == 1 else []


def _unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys(names))


def find_wire(paragraphs: list[str], meta_lines: list[str], removed: list[str],
              has_own_reporter: bool = False) -> list[str]:
    """Agencies the article credits, strongest evidence first."""
    zone = meta_lines + paragraphs[:3]
    lede = next((p for p in paragraphs if len(p.split()) >= 8), "")
    strong = _unique(
        wire_from_bylines(zone + removed)
        + wire_from_lede_dateline(lede)
        + wire_from_credit_lines(paragraphs, meta_lines, removed)
    )
    if strong or has_own_reporter:
        return strong
    after_lede = paragraphs[paragraphs.index(lede) + 1:] if lede else paragraphs
    return wire_from_teaser_datelines(after_lede + removed)


# --- the publishing outlet ---------------------------------------------------

_SUBJECT = r"(?P<who>(?:The\s+)?[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,4})"
_REACHED_OUT_RE = re.compile(
    rf"(?:^|(?<=[.!?]\s)){_SUBJECT}\s+(?:has|had|have)\s+(?:reached\s+out\s+to|contacted|asked|emailed"
    r"|sought\s+comment\s+from|requested\s+comment\s+from)\b[^.]{0,120}?\bfor\s+(?:a\s+|further\s+)?"
    r"(?:comment|response|reaction)"
)
_COULD_NOT_VERIFY_RE = re.compile(
    rf"(?:^|(?<=[.!?]\s)){_SUBJECT}\s+(?:could\s+not|cannot|can\s*not|was\s+unable\s+to|has\s+not\s+been\s+able\s+to)"
    r"\s+(?:independently\s+|immediately\s+)?(?:verify|confirm)"
)
_OUTLET_SUBJECT_CUE_RE = re.compile(r"comment|response|reaction|verify|confirm")
_NOT_AN_OUTLET = {
    "he", "she", "they", "we", "it", "i", "officials", "police", "the ministry", "the government",
}


def _outlet_subjects(lines: list[str]) -> list[str]:
    """'Newsweek has reached out to … for comment', 'The Kyiv Independent could not verify …'."""
    found = []
    for line in lines:
        if not _OUTLET_SUBJECT_CUE_RE.search(line):
            continue
        for regex in (_REACHED_OUT_RE, _COULD_NOT_VERIFY_RE):
            for m in regex.finditer(line):
                who = m["who"].strip()
                if who.casefold() not in _NOT_AN_OUTLET and not agencies_in(who):
                    found.append(_known_outlet(who) or who)
    return found


_EMAIL_RE = re.compile(r"\b[\w.+-]+@(?P<domain>[\w-]+(?:\.[\w-]+)+)\b")
_CONTACT_CUE_RE = re.compile(r"(?i)\b(?:contact|tips?|e-?mail|write|send|story|reach|newsroom|editor)\b")


def _contact_outlets(lines: list[str], footer: list[str]) -> list[str]:
    """'Contact LiveNews@newsweek.com': a known outlet's domain anywhere, any domain in a contact footer."""
    found = []
    footer_set = set(footer)
    for line in lines:
        if "@" not in line:
            continue
        for m in _EMAIL_RE.finditer(line):
            domain = registered_domain(m["domain"])
            if domain in DOMAIN_NAMES:
                found.append(DOMAIN_NAMES[domain])
            elif line in footer_set and _CONTACT_CUE_RE.search(line) and (name := outlet_for_domain(domain)):
                found.append(name)
    return found


def _copyright_outlets(lines: list[str]) -> list[str]:
    """'© 2024 The Moscow Times. All rights reserved.' (an agency there is a wire credit instead)."""
    found = []
    for line in lines:
        m = _CREDIT_LINE_RES[2].search(line)
        if m and not agencies_in(m["credit"]) and len(line.split()) <= 15:
            name = re.split(r"[.,|]|\s+All\s+rights", m["credit"])[0].strip()
            if name and name[0].isupper() and len(name.split()) <= 5:
                found.append(_known_outlet(name) or name)
    return found


_SITE_ENDING_RE = re.compile(r"\.(?:com|net|org|info|news|co|ua|eu|io|tv)")  # in every site below
_FOOTER_SITE_RE = re.compile(
    r"(?i:\b(?:learn|read|more|visit|subscribe|follow|news|coverage|stories|find)\b[^.]{0,80}?"
    r"\b(?:at|on|visit|from|to))\s+(?P<site>(?:www\.)?[A-Za-z][\w-]*\.(?:com|net|org|info|news|co\.uk|com\.ua"
    r"|ua|eu|io|tv))\b(?!@)"
)


def _footer_sites(lines: list[str]) -> list[str]:
    """'Learn about the Superpowers of the 21st Century at SpaceWar.com' -> SpaceWar.com (as written)."""
    found = []
    for line in lines:
        if not _SITE_ENDING_RE.search(line):
            continue  # no address for the slow regex to find
        for m in _FOOTER_SITE_RE.finditer(line):
            site = m["site"].removeprefix("www.").removeprefix("WWW.")
            if registered_domain(site) not in _NOT_OUTLET_DOMAINS:
                found.append(DOMAIN_NAMES.get(site.lower()) or site)
    return found


def _credited_outlets(bylines: list[str], lede: str) -> list[str]:
    """An outlet (not an agency) in a byline 'By Jane Doe, BBC News' or a dateline '(CNN) —'."""
    found = []
    for line in bylines:
        if m := _BYLINE_RE.match(_MARKDOWN_LINK_RE.sub(r"\1", line)):
            found += [name for part in _NAME_SPLIT_RE.split(m["names"]) if (name := _known_outlet(part))]
    if m := _LEDE_CREDIT_RE.match(lede):
        found += [name for name in [_known_outlet(m["credit"])] if name]
    return [name for name in found if name not in AGENCIES]


def _most_common(names: list[str]) -> str | None:
    return Counter(names).most_common(1)[0][0] if names else None


def find_source(paragraphs: list[str], meta_lines: list[str], removed: list[str],
                seed_meta: dict[str, str], url: str | None) -> str | None:
    """The outlet that published the article, from the strongest evidence there is."""
    if seed_meta and (site := (seed_meta.get("sitename") or "").strip()):
        return _known_outlet(site) or site
    if url and (name := outlet_for_domain(urlsplit(url).netloc)):
        return name
    everything = meta_lines + paragraphs + removed
    footer = _credit_zone(paragraphs, meta_lines, removed)
    lede = next((p for p in paragraphs if len(p.split()) >= 8), "")
    for candidates in (  # each kind of evidence is looked for only when the ones before found none
        lambda: _outlet_subjects(paragraphs + removed),
        lambda: _contact_outlets(everything, footer),
        lambda: _copyright_outlets(footer),
        lambda: _footer_sites(everything),
        lambda: _credited_outlets(meta_lines + paragraphs[:3], lede),
    ):
        if name := _most_common(candidates()):
            return name
    return None


def find_outlet(
    paragraphs: list[str], meta_lines: list[str], removed: list[str], seed_meta: dict[str, str]
) -> Outlet:
    """Publisher, credited agencies, original address and reporters of one article."""
    seed_meta = seed_meta or {}
    url = find_url(paragraphs, meta_lines, removed, seed_meta)
    byline = find_byline(paragraphs, meta_lines, removed, seed_meta)
    wire = find_wire(paragraphs, meta_lines, removed, has_own_reporter=byline is not None)
    source = find_source(paragraphs, meta_lines, removed, seed_meta, url)
    return Outlet(source=source, wire=wire, url=url, byline=byline)
