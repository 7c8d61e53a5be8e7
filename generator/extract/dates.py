"""The publication date of an article, and every date it mentions.

`find_date` tries named heuristics from the most to the least trustworthy and
returns the first that fires, as a `DateGuess` that says how it was found:

1. `date_from_seed_meta`      HTML metadata from the reader                  -> text
2. `date_from_date_line`      a line that is just a date ("April 06, 2021")  -> text
3. `date_from_url`            /2021/04/06/ in the article's own address       -> text
4. `date_from_dateline`       "WARSAW (AFP) July 6, 2017 —", "LONDON, Nov 29 (Reuters) -"
5. `date_from_lede_day`       "said on Tuesday (November 29)", "on November 29, 2022" in the lede
6. `date_from_lede_weekday`   "on Monday" in the lede, resolved against the latest fully dated mention
7. `date_from_latest_mention` the latest past year/month mentioned: a lower bound, low confidence

A date is only called "text" when the article states it in full; a weekday
resolved against another date is "inferred", however likely it is.

`mentioned_dates` finds dated mentions with our own regexes: dateutil's fuzzy
parser invents the parts a text leaves out, so it is no use for detection.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dateutil import parser as dateutil_parser

from generator.extract.outlet import find_url


@dataclass(frozen=True)
class DateGuess:
    date: str | None  # "YYYY-MM-DD" | "YYYY-MM" | "YYYY" | None
    precision: str | None  # day | month | year | None
    source: str | None  # text | dateline | inferred | None
    confidence: float  # 0..1
    reason: str  # short human explanation


NO_DATE = DateGuess(None, None, None, 0.0, "no date found in the text")

# --- finding date mentions ---------------------------------------------------

_MONTH = (
    r"(?P<mon>(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?))\b\.?"
)
_MONTH_NUMBERS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_YEAR = r"(?P<y>(?:19|20)\d\d)(?!\d)"
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])"

_ISO_DATE_RE = re.compile(
    r"(?<![\d/.])(?P<y>(?:19|20)\d\d)(?P<sep>[-/.])(?P<m>[01]?\d)(?P=sep)(?P<d>[0-3]?\d)(?!\d)"
)
# "April 6, 2021", "Apr. 6 2021", "Nov 29", "July 2017", "September of 2022"
_MONTH_FIRST_RE = re.compile(
    rf"\b(?=[A-Za-z]){_MONTH}(?:\s*{_DAY}(?:(?:\s*,\s*|\s+){_YEAR})?"
    r"|,?\s+(?:of\s+)?(?P<y2>(?:19|20)\d\d)(?!\d))"
)
# "6 April 2021", "6th of April, 2021", "29 November"
_DAY_FIRST_RE = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?")
# "06.04.2021", "06/04/2021": read day first, as most of the world writes it, unless that is impossible
_NUMERIC_DATE_RE = re.compile(
    r"(?<![\d.])(?P<a>[0-3]?\d)(?P<sep>[./])(?P<b>[01]?\d)(?P=sep)(?P<y>(?:19|20)\d\d)(?!\d)"
)
_DIGIT_SEPARATOR_RE = re.compile(r"\d[-/.]\d")
# A bare number is only a year after a word that dates it: "in 2014", "since 2014", "mid-2014".
_BARE_YEAR_RE = re.compile(r"(?<![\d,.$€£])(?P<y>(?:19|20)\d\d)(?![\d%]|[,.]\d)")
_YEAR_CUE_RE = re.compile(
    r"\b(?i:in|since|from|of|during|until|till|by|before|after|around|early|late|mid|year|summer|spring"
    r"|autumn|fall|winter|between|and|through)[\s-]+$"
)
# Words just before a date that put it in the future ("by 2030", "will be held on May 5, 2024").
_FUTURE_CONTEXT_RE = re.compile(
    r"\b(?:by|until|till|through|next|before the end of)\s+$"
    r"|\b(?:will|would|shall|scheduled|expected|planned|plans?|upcoming|ahead of|in time for"
    r"|target(?:ed|s)?|aims?)\b[^.;,]{0,20}$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    future: bool = False

    @property
    def precision(self) -> str | None:
        if self.year is None:
            return None
        return "day" if self.day else "month" if self.month else "year"

    @property
    def iso(self) -> str:
        return _iso(self.year, self.month, self.day)

    @property
    def key(self) -> tuple[int, int, int]:
        return (self.year or 0, self.month or 0, self.day or 0)


def _iso(year: int | None, month: int | None = None, day: int | None = None) -> str:
    if day and month:
        return f"{year:04d}-{month:02d}-{day:02d}"
    if month:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}"


def _valid(year: int | None, month: int, day: int) -> bool:
    try:
        dt.date(year or 2000, month, day)  # 2000: a leap year, so Feb 29 passes without a year
    except ValueError:
        return False
    return True


def _parts(m: re.Match[str]) -> tuple[int | None, int | None, int | None] | None:
    """(year, month, day) of one regex match, or None when it is no real date."""
    g = m.groupdict()
    year_text = g.get("y") or g.get("y2")
    year = int(year_text) if year_text else None
    if g.get("a"):
        a, b = int(g["a"]), int(g["b"])
        day, month = (b, a) if b > 12 else (a, b)
    elif g.get("m"):
        day, month = int(g["d"]), int(g["m"])
    else:
        month = _MONTH_NUMBERS[g["mon"][:3].lower()] if g.get("mon") else None
        day = int(g["d"]) if g.get("d") else None
    if month and not 1 <= month <= 12 or month and day and not _valid(year, month, day):
        return None
    return year, month, day


def _rank(m: _Mention) -> tuple[int, int]:
    """Where two readings overlap, the more precise and then the longer one wins."""
    precision = 4 if m.day and m.year else 3 if m.day else 2 if m.month else 1
    return precision, m.end - m.start


def _find_mentions(text: str) -> list[_Mention]:
    """Every date mention in `text`, in order; month-day mentions have no year."""
    candidates = []
    if not _DIGIT_RE.search(text):
        return []  # every pattern needs a digit
    # all-number dates need a digit, a separator and a digit: most texts have none, so skip those scans
    numeric = _DIGIT_SEPARATOR_RE.search(text) is not None
    for pattern in (_ISO_DATE_RE, _MONTH_FIRST_RE, _DAY_FIRST_RE, _NUMERIC_DATE_RE):
        if not numeric and pattern in (_ISO_DATE_RE, _NUMERIC_DATE_RE):
            continue
        for m in pattern.finditer(text):
            if parts := _parts(m):
                candidates.append(_Mention(m.start(), m.end(), *parts))
    for m in _BARE_YEAR_RE.finditer(text):
        if _YEAR_CUE_RE.search(text, max(0, m.start() - 12), m.start()):
            candidates.append(_Mention(m.start(), m.end(), int(m["y"]), None, None))
    taken: list[_Mention] = []
    for cluster in _overlapping_clusters(candidates):
        chosen: list[_Mention] = []
        for c in sorted(cluster, key=_rank, reverse=True):
            if not any(c.start < t.end and c.end > t.start for t in chosen):
                chosen.append(c)
        for c in sorted(chosen, key=lambda x: x.start):
            future = bool(_FUTURE_CONTEXT_RE.search(text, max(0, c.start - 30), c.start))
            taken.append(_Mention(c.start, c.end, c.year, c.month, c.day, future))
    return taken


def _overlapping_clusters(candidates: list[_Mention]) -> list[list[_Mention]]:
    """Runs of candidates that overlap one another, in text order: a few at most, so cheap to rank."""
    clusters: list[list[_Mention]] = []
    end = -1
    for c in sorted(candidates, key=lambda x: x.start):
        if c.start < end:
            clusters[-1].append(c)
            end = max(end, c.end)
        else:
            clusters.append([c])
            end = c.end
    return clusters


def mentioned_dates(text: str) -> list[tuple[str, str]]:
    """Every fully or partly dated mention, in order.

    "April 06, 2021" -> ("2021-04-06", "day"); "July 2017" -> ("2017-07", "month");
    "in 2014" -> ("2014", "year"). Month-day mentions without a year are left out.
    """
    return [(m.iso, m.precision) for m in _find_mentions(text) if m.year is not None]


# --- datelines ---------------------------------------------------------------


@dataclass(frozen=True)
class Dateline:
    head: str  # "KYIV, Nov 29 (Reuters)"
    credit: str | None  # what the parentheses hold: "Reuters", "AP", "CNN"
    rest: str  # the paragraph after the dateline


_DATELINE_HEAD_RE = re.compile(r"^(?P<head>[^\n]{2,90}?)(?:\s*(?:—|–|--)\s*|\s+-\s+)(?=\S)")
_CREDIT_PAREN_RE = re.compile(r"\((?P<credit>[^()]{2,40})\)")
_SENTENCE_END_RE = re.compile(r"[.!?]\s+[A-Z]|[;\"“”]")
_LOWER_WORD_RE = re.compile(r"(?<![\w(])[a-z][a-z]+\b")
_ALL_CAPS_PLACE_RE = re.compile(r"^[A-Z][A-Z.'’ -]{2,}?(?=,|\s*\(|\s*$)")


def _is_dateline_head(head: str) -> bool:
    """A place, an optional credit in parentheses and an optional date; not the start of a sentence."""
    if len(head.split()) > 12 or _SENTENCE_END_RE.search(head):
        return False
    outside = _CREDIT_PAREN_RE.sub(" ", head)
    if len(_LOWER_WORD_RE.findall(outside)) > 1:
        return False
    has_date = any(m.day for m in _find_mentions(outside))
    return bool(_CREDIT_PAREN_RE.search(head) or _ALL_CAPS_PLACE_RE.match(head) or has_date)


def split_dateline(paragraph: str) -> Dateline | None:
    """The dateline that opens a paragraph ("KYIV, Ukraine (AP) — ..."), or None."""
    text = paragraph.strip()
    m = _DATELINE_HEAD_RE.match(text)
    head, rest = (m.group("head"), text[m.end():]) if m else (text, "")
    if not m and len(text) > 60:  # a dateline standing alone is short
        return None
    if not _is_dateline_head(head):
        return None
    credit = _CREDIT_PAREN_RE.search(head)
    return Dateline(head.strip(), credit.group("credit").strip() if credit else None, rest.strip())


# --- the context the heuristics share ----------------------------------------

_SUBHEADING_RE = re.compile(r"^\s*(?:#{1,6}\s|[-–—]\s.*\s[-–—]\s*$|\*\*[^*]+\*\*\s*$)")
_URL_RE = re.compile(r"<?\bhttps?://[^\s\0]+")
_DIGIT_RE = re.compile(r"\d")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY_RE = re.compile(
    r"(?<!Black )(?<!Good )(?<!Super )(?<!Cyber )(?<!Bloody )(?<!Ash )(?<!Holy )(?<!Maundy )(?<!Easter )"
    r"(?<!Palm )(?<!next )(?<!Next )(?<!every )(?<!coming )\b(?P<wd>Monday|Tuesday|Wednesday|Thursday"
    r"|Friday|Saturday|Sunday)\b"
)
_WEEKDAY_DATE_GAP_RE = re.compile(r"^\s*[(,]?\s*")

LEDE_PARAGRAPHS = 3


_ENDS_RUNNING_TEXT_RE = re.compile(r"[.!?…:;][\"”’)\]]*\s*$|[\"”]\s*$")


def _ends_running_text(paragraph: str) -> bool:
    """`_ENDS_RUNNING_TEXT_RE.search(paragraph)`, looking at the end only (a regex search for a match
    at the end tries every position first). Python's and the regex's spaces are the same."""
    text = paragraph.rstrip()
    return text.endswith(('"', "”")) or text.rstrip("\"”’)]").endswith((".", "!", "?", "…", ":", ";"))


def is_body_paragraph(paragraph: str) -> bool:
    """Running text rather than a headline, subheading, byline, date or other short line."""
    return (not _SUBHEADING_RE.match(paragraph) and len(paragraph.split()) >= 8
            and _ends_running_text(paragraph))


@dataclass
class _Context:
    lede: list[str]  # the first few paragraphs of running text, datelines stripped
    mentions: list[tuple[_Mention, str, str]]  # (mention, where, surface)
    dateline: Dateline | None
    credit_lines: list[str]  # the article's last paragraphs and meta lines, where copyright notes stand

    @classmethod
    def build(cls, paragraphs: list[str], meta_lines: list[str], removed: list[str]) -> _Context:
        body = [p for p in paragraphs if is_body_paragraph(p)]
        dateline = split_dateline(body[0]) if body else None
        lede = body[:LEDE_PARAGRAPHS]
        if dateline and lede:
            lede[0] = dateline.rest
        mentions = []
        for where, lines in (("body", paragraphs), ("meta line", meta_lines), ("removed line", removed)):
            # One scan per kind of line; NUL keeps a date from running across two lines.
            text = _URL_RE.sub(" ", "\0".join(line for line in lines if _DIGIT_RE.search(line)))
            mentions += [(m, where, text[m.start:m.end]) for m in _find_mentions(text)]
        return cls(lede, mentions, dateline, meta_lines + paragraphs[-3:])

    def dated(self, precision: str | None = None, past_only: bool = True) -> list[tuple[_Mention, str, str]]:
        return [
            (m, where, surface)
            for m, where, surface in self.mentions
            if m.year is not None and (precision is None or m.precision == precision)
            and not (past_only and m.future)
        ]


def _human(day: dt.date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def _year_for(month: int, day: int, weekday: str | None, ctx: _Context) -> tuple[int, bool, str] | None:
    """A year for a month-day: (year, stated in full, how). Prefers a full date with that month-day."""
    for m, where, surface in ctx.dated("day", past_only=False):
        if (m.month, m.day) == (month, day):
            return m.year, True, f"year from '{surface}' ({where})"
    years = sorted({m.year for m, _, _ in ctx.dated()}, reverse=True)
    if not years:
        return None
    if weekday:
        wanted = _WEEKDAYS.index(weekday)
        for year in [years[0] + 1, *years]:
            if _valid(year, month, day) and dt.date(year, month, day).weekday() == wanted:
                return year, False, f"the year mentioned in which it is a {weekday}"
        return None
    return years[0], False, "the latest year mentioned"


# --- the heuristics, in order ------------------------------------------------


def date_from_seed_meta(seed_meta: dict[str, str]) -> DateGuess | None:
    """The reader's HTML metadata: publication date as the publisher stated it."""
    raw = (seed_meta.get("date") or "").strip()
    if not raw:
        return None
    full = [m for m in _find_mentions(raw) if m.year is not None]
    if full:
        m = full[0]
        return DateGuess(m.iso, m.precision, "text", 0.95, f"HTML metadata date '{raw}'")
    try:
        parsed = dateutil_parser.parse(raw)
    except (ValueError, OverflowError):
        return None
    return DateGuess(parsed.date().isoformat(), "day", "text", 0.9, f"HTML metadata date '{raw}'")


_DATE_LINE_LABEL_RE = re.compile(
    r"\b(?:first\s+)?(?:published|posted|updated|last\s+updated|modified|date|on|at|am|pm|a\.m\.|p\.m\.|"
    r"GMT|UTC|BST|CET|CEST|EET|EEST|ET|EST|EDT|CT|PT|PST|PDT|MSK|local\s+time|Kyiv\s+time|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b\.?"
    r"|\d{1,2}[:.]\d{2}(?::\d{2})?|[|,:/·•()–—-]",
    re.IGNORECASE,
)
_UPDATED_RE = re.compile(r"\b(?:updated|modified)\b", re.IGNORECASE)
_PUBLISHED_RE = re.compile(r"\b(?:published|posted)\b", re.IGNORECASE)


def _date_line(line: str, spare_words: int) -> tuple[_Mention, str] | None:
    """The full date on a line that holds nothing else but labels, times and `spare_words` words."""
    text = _URL_RE.sub(" ", line).strip()
    if len(text) > 80:
        return None
    full = [m for m in _find_mentions(text) if m.precision == "day"]
    if not full:
        return None
    m = full[0]
    left = _DATE_LINE_LABEL_RE.sub(" ", text[: m.start] + " " + text[m.end:])
    if len(left.split()) > spare_words:
        return None
    return m, text[m.start:m.end]


def _rank_date_line(line: str) -> int:
    return 0 if _PUBLISHED_RE.search(line) else 2 if _UPDATED_RE.search(line) else 1


def date_from_date_line(paragraphs: list[str], meta_lines: list[str]) -> DateGuess | None:
    """A line that is just a date ("April 06, 2021", "Published: 6 April 2021"); published beats updated."""
    edges = paragraphs[:6] + paragraphs[-3:]
    # Meta lines were set apart by the cleaner, so a byline around the date is fine there.
    for where, lines, spare in (("meta line", meta_lines, 6), ("date line", edges, 0)):
        found = [(line, hit) for line in lines if (hit := _date_line(line, spare))]
        if found:
            line, (m, surface) = min(found, key=lambda f: _rank_date_line(f[0]))
            return DateGuess(m.iso, "day", "text", 0.9, f"{where} '{line.strip()}'")
    return None


_URL_DATE_RE = re.compile(r"/(?P<y>(?:19|20)\d\d)[/-](?P<m>[01]?\d)(?:[/-](?P<d>[0-3]?\d))?(?=[/-]|$)")


def date_from_url(url: str | None) -> DateGuess | None:
    """Publishers put the publication date in the address: /2021/04/06/slug."""
    m = _URL_DATE_RE.search(url or "")
    if not m:
        return None
    year, month = int(m["y"]), int(m["m"])
    day = int(m["d"]) if m["d"] else None
    if not 1 <= month <= 12 or (day and not _valid(year, month, day)):
        return None
    precision = "day" if day else "month"
    return DateGuess(_iso(year, month, day), precision, "text", 0.8, f"date in the article's address {url}")


def _lede_weekday(text: str) -> re.Match[str] | None:
    if not any(day in text for day in _WEEKDAYS):
        return None  # the regex, all lookbehinds, would try every position for nothing
    return _WEEKDAY_RE.search(text)


def date_from_dateline(ctx: _Context) -> DateGuess | None:
    """'WARSAW (AFP) July 6, 2017 —' is a date; 'LONDON, Nov 29 (Reuters) -' needs a year from elsewhere."""
    if not ctx.dateline:
        return None
    head = ctx.dateline.head
    dated = [m for m in _find_mentions(head) if m.month]
    if not dated:
        return None
    m = dated[0]
    if m.precision == "day":
        return DateGuess(m.iso, "day", "dateline", 0.85, f"dateline '{head}'")
    if m.year is None and m.day:
        weekday = _lede_weekday(" ".join(ctx.lede))
        found = _year_for(m.month, m.day, weekday["wd"] if weekday else None, ctx)
        if found:
            year, stated, how = found
            return DateGuess(
                _iso(year, m.month, m.day), "day", "dateline" if stated else "inferred",
                0.8 if stated else 0.5, f"dateline '{head}', {how}",
            )
    return None


_ON_DATE_RE = re.compile(r"\b(?:on|dated|of)\s*$", re.IGNORECASE)


_WEEKDAY_BEFORE_RE = re.compile(r"\b(?P<wd>" + "|".join(_WEEKDAYS) + r")\s*[(,]?\s*$")


def date_from_lede_day(ctx: _Context) -> DateGuess | None:
    """The day the lede reports: 'said on Tuesday (November 29)', 'on Tuesday, Nov. 29', 'on May 2, 2022'.

    A weekday with its date counts anywhere in the lede; a bare "on <date>" only in
    the first paragraph, and not when the lede's weekday says it is background.
    """
    lede_weekday = next((w["wd"] for p in ctx.lede if (w := _lede_weekday(p))), None)
    for index, paragraph in enumerate(ctx.lede):
        for m in _find_mentions(paragraph):
            if not m.day or m.future:
                continue
            before = paragraph[max(0, m.start - 15): m.start]
            weekday = _WEEKDAY_BEFORE_RE.search(before)
            if not weekday and not (index == 0 and _ON_DATE_RE.search(before)):
                continue
            end = m.end + 1 if weekday and paragraph[m.end: m.end + 1] == ")" else m.end
            surface = paragraph[m.start - len(weekday[0]) if weekday else m.start: end].strip()
            wd = weekday["wd"] if weekday else lede_weekday
            if m.year is not None:
                if not weekday and wd and _weekday_of(m) != wd:
                    continue
                return DateGuess(m.iso, "day", "text", 0.75, f"the lede's '{surface}'")
            if found := _year_for(m.month, m.day, wd, ctx):
                year, stated, how = found
                return DateGuess(
                    _iso(year, m.month, m.day), "day", "text" if stated else "inferred",
                    0.8 if stated else 0.5, f"the lede's '{surface}', {how}",
                )
    return None


def _weekday_of(m: _Mention) -> str:
    return _WEEKDAYS[dt.date(m.year, m.month, m.day).weekday()]


def date_from_lede_weekday(ctx: _Context) -> DateGuess | None:
    """'on Monday' in the lede: the first such weekday on or after the latest fully dated mention.

    News reports the last few days, so the latest date the text gives in full (a
    teaser, a caption, the body) is the day the weekday counts from. An anchor that
    a later month or year mention makes stale is not used, and a month or year
    anchor gives no day at all.
    """
    weekday = next((w for p in ctx.lede if (w := _lede_weekday(p))), None)
    anchors = ctx.dated("day")
    if not weekday or not anchors:
        return None
    anchor, where, surface = max(anchors, key=lambda a: a[0].key)
    if any(m.key[:2] > anchor.key[:2] and m.precision != "day" for m, _, _ in ctx.dated()):
        return None
    start = dt.date(anchor.year, anchor.month, anchor.day)
    offset = (_WEEKDAYS.index(weekday["wd"]) - start.weekday()) % 7
    day = start + dt.timedelta(days=offset)
    return DateGuess(
        day.isoformat(), "day", "inferred", 0.55 if where != "body" else 0.5,
        f"weekday '{weekday['wd']}' anchored to {_human(start)} ({where} '{surface}')",
    )


_COPYRIGHT_YEAR_RE = re.compile(
    r"(?i:©|\(c\)|copyright)\s*©?\s*(?:(?:19|20)\d\d\s*[-–]\s*)?(?P<y>(?:19|20)\d\d)\b"
)


def date_from_copyright_year(ctx: _Context) -> DateGuess | None:
    """'Copyright 2022 The Associated Press' in the story: the year published, unless a later one is named."""
    years = [int(m["y"]) for line in ctx.credit_lines for m in _COPYRIGHT_YEAR_RE.finditer(line)]
    if not years:
        return None
    year = max(years)
    if any(m.year > year for m, _, _ in ctx.dated()):
        return None
    return DateGuess(_iso(year), "year", "inferred", 0.35, f"copyright year {year}")


def date_from_latest_mention(ctx: _Context) -> DateGuess | None:
    """The latest past year or month mentioned: the article is no older. Coarse, low confidence."""
    dated = ctx.dated()
    if not dated:
        return None
    m, where, surface = max(dated, key=lambda a: a[0].key)
    if m.month:
        return DateGuess(_iso(m.year, m.month), "month", "inferred", 0.3,
                         f"latest date mentioned '{surface}' ({where}); a lower bound")
    return DateGuess(_iso(m.year), "year", "inferred", 0.2,
                     f"latest year mentioned '{surface}' ({where}); a lower bound")


def find_date(
    paragraphs: list[str], meta_lines: list[str], removed: list[str], seed_meta: dict[str, str]
) -> DateGuess:
    """The publication date at the precision the text supports, with how it was found."""
    seed_meta = seed_meta or {}
    guess = (
        date_from_seed_meta(seed_meta)
        or date_from_date_line(paragraphs, meta_lines)
        or date_from_url(find_url(paragraphs, meta_lines, removed, seed_meta))
    )
    if guess:
        return guess
    ctx = _Context.build(paragraphs, meta_lines, removed)
    for heuristic in (date_from_dateline, date_from_lede_day, date_from_lede_weekday,
                      date_from_copyright_year, date_from_latest_mention):
        if guess := heuristic(ctx):
            return guess
    return NO_DATE
