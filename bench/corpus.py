"""A synthetic corpus of N seeds for the benchmarks, recombined from the five real seeds.

`python bench/corpus.py DIR N` makes a scratch project in DIR (theme, settings, knowledge
base and pages copied from this repo) with N seeds in `DIR/content/seeds/`.

The seeds look like scraped news: paragraphs of the real seeds recombined, their sentences
shuffled, people and places swapped for others from `content/actors.yaml`, numbers changed;
share prompts, comment forms, "MUST READ" teasers, captions and "Source link" lines mixed
in; a headline or none; a date in one of several styles spread over ten years, or none;
wire credits; some same-event pairs (one article lightly rewritten as another outlet's); a
few `.md` seeds. Seed i depends only on (`seed`, i), so seed N can be added to a corpus of
N seeds and the first N are unchanged. 10,000 seeds take a few seconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import re
import shutil
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
PROJECT_FILES = ["theme", "pelicanconf.py", "content/actors.yaml", "content/topics.yaml", "content/pages"]
FIRST_DAY = dt.date(2015, 1, 1)
DAYS = 3652  # ten years of dates
REWRITE_SHARE = 0.12  # of odd-numbered seeds: a rewrite of the seed before (about 6% of seeds)
MARKDOWN_SHARE = 0.03
# Five seeds give only ~90 paragraphs: recombined as they are, any two articles share enough
# word pairs to pass for the same story, and every seed ends up in one giant story. Swapping
# this share of lowercase words per article keeps unrelated articles apart (rewrites inherit
# their base's words, so same-event pairs still match).
WORD_SWAP_SHARE = 0.3

# A slot is a name, place, number, year or weekday in a real sentence, filled per article.
PERSON, PLACE, NUMBER, YEAR, WEEKDAY = "P", "L", "N", "Y", "W"
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_NUMBER = re.compile(r"\b(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\b")
_WEEKDAY = re.compile(r"\b(?:" + "|".join(_WEEKDAYS) + r")\b")
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][”\"]))\s+(?=[“\"A-Z])")
_LOWER_WORD = re.compile(r"\b[a-z]{4,}\b")
_MONTH_BEFORE = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? $")
_ON_WEEKDAY = re.compile(r"\bon (?:" + "|".join(_WEEKDAYS) + r")\b(?: \([A-Z][a-z]+ \d{1,2}\))?")

HEADLINES = [
    "{P} urges NATO to speed up {L} membership bid",
    "{P} says talks with {P2} were 'constructive'",
    "Shelling near {L} kills {N} as {P} calls for ceasefire",
    "{P} meets {P2} in {L} amid fears of escalation",
    "NATO chief {P} warns of Russian build-up near {L}",
    "{P} promises winter aid to {L} after strikes on power grid",
    "{P2} rejects {P}'s call for a Membership Action Plan",
    "Allies pledge {N} million in new support after {P} visit",
    "Ukraine will one day join NATO, says {P}",
    "{P} wants NATO invitation before the end of the year",
]
SHARE_PROMPTS = [
    "Share this article",
    "Share on Facebook",
    "Share on Twitter",
    "Click to share on Twitter (Opens in new window)",
    "WhatsApp Channel Join Now",
    "Telegram Group Join Now",
    "Tweet",
    "Email this story",
]
COMMENT_FORMS = [
    "Leave a Reply\n\nYour email address will not be published. Required fields are marked *",
    "Leave a Comment",
    "Comments are closed.",
]
TRAILERS = ["Source link", "Original url:", "Visited {N} times, 1 visit(s) today", "Advertisement"]
CAPTIONS = [
    "{P} speaks during a news conference in {L}. Photo: Reuters",
    "File photo: {P} in {L}",
    "Sean Gallup/Getty Images",
    "Photo: AFP",
    "{P} and {P2} shake hands before their talks. (AP Photo)",
]
AGENCIES = [("Reuters", "Reuters"), ("AFP", "AFP"), ("AP", "The Associated Press"), ("dpa", "dpa")]
REPORTERS = [
    "Pavel Polityuk",
    "Tom Balmforth",
    "Natalia Zinets",
    "Max Hunder",
    "Katrina Manson",
    "Dan Peleschuk",
]
EDITORS = ["Alex Richardson", "Gareth Jones", "Angus MacSwan", "Mark Heinrich"]
REWORDINGS = [
    ("said", "told reporters"),
    ("urged", "called on"),
    ("called on", "urged"),
    ("military", "armed forces'"),
    ("talks", "discussions"),
    ("alliance", "bloc"),
    ("killed", "left dead"),
]


@dataclass
class Source:
    """The real seeds, cut into sentence templates with slots."""

    paragraphs: list[list[list]]  # paragraph -> sentence -> parts (str | (slot, original))
    headlines: list[str]
    people: list[tuple[str, str]]  # (full name, surname)
    places: list[str]

    @classmethod
    def load(cls, repo: Path = REPO) -> Source:
        actors = yaml.safe_load((repo / "content/actors.yaml").read_text(encoding="utf-8"))["actors"]
        people = [a for a in actors if a["kind"] == "person"]
        places = [a for a in actors if a["kind"] == "place"]
        slots = _slot_pattern(people, places)
        paragraphs, headlines = [], []
        for path in sorted((repo / "content/seeds").glob("*.txt")):
            lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
            headlines.append(lines[0].lstrip("# "))
            for line in lines:
                if len(line.split()) >= 12 and line[-1] in ".\"”'":
                    sentences = [s for s in _SENTENCE_END.split(line) if s]
                    paragraphs.append([_template(s, slots) for s in sentences])
        return cls(
            paragraphs=paragraphs,
            headlines=headlines,
            people=[(p["name"], p["name"].split()[-1]) for p in people],
            places=[p["name"] for p in places],
        )

    @cached_property
    def vocabulary(self) -> list[str]:
        words = {w for s in self.sentences for p in s if isinstance(p, str) for w in _LOWER_WORD.findall(p)}
        return sorted(words)

    @cached_property
    def sentences(self) -> list[list]:
        return [s for p in self.paragraphs for s in p]

    @cached_property
    def weekday_leads(self) -> list[list]:
        """Sentences saying "on Tuesday", to carry an inline date."""
        return [s for s in self.sentences if any(isinstance(x, tuple) and x[0] == WEEKDAY for x in s)]


def _slot_pattern(people: list[dict], places: list[dict]) -> tuple[re.Pattern, dict[str, str]]:
    kinds = {}
    for kind, actors in ((PERSON, people), (PLACE, places)):
        for actor in actors:
            for form in [actor["name"], *(actor.get("aliases") or [])]:
                kinds.setdefault(str(form), kind)
    names = sorted(kinds, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b"), kinds


def _template(sentence: str, slots: tuple[re.Pattern, dict[str, str]]) -> list:
    """A sentence cut into text and (slot, original) parts."""
    pattern, kinds = slots
    found = [(m.start(), m.end(), kinds[m.group()]) for m in pattern.finditer(sentence)]
    for m in _NUMBER.finditer(sentence):
        value = m.group()
        if _MONTH_BEFORE.search(sentence, max(0, m.start() - 12), m.start()):
            continue  # a day of the month stays as written
        kind = YEAR if re.fullmatch(r"(?:19[5-9]|20[0-3])\d", value) else NUMBER
        found.append((m.start(), m.end(), kind))
    found += [(m.start(), m.end(), WEEKDAY) for m in _WEEKDAY.finditer(sentence)]
    parts, at = [], 0
    for start, end, kind in sorted(found):
        if start < at:  # a number inside a name
            continue
        parts += [sentence[at:start], (kind, sentence[start:end])]
        at = end
    parts.append(sentence[at:])
    return [p for p in parts if p]


@dataclass
class Article:
    """One synthetic article before it is laid out as a seed file."""

    date: dt.date
    cast: list[tuple[str, str]]
    places: list[str]
    paragraphs: list[list[list]]  # paragraph -> sentence templates
    headline: str | None
    agency: tuple[str, str] | None
    dated: str  # how the date is given: "line", "dateline", "inline", "iso", "none"
    mentioned: set[str] = field(default_factory=set)


class Corpus:
    """Seed i of a corpus made with `seed`, the same every time."""

    def __init__(self, seed: int = 0, source: Source | None = None) -> None:
        self.seed = seed
        self.source = source or Source.load()

    def rng(self, i: int, purpose: str) -> random.Random:
        return random.Random(f"{self.seed}:{purpose}:{i}")

    def is_rewrite(self, i: int) -> bool:
        return i % 2 == 1 and self.rng(i, "rewrite").random() < REWRITE_SHARE

    def name(self, i: int) -> str:
        digest = hashlib.sha256(f"{self.seed}:{i}".encode()).hexdigest()[:16]
        suffix = ".md" if self.rng(i, "format").random() < MARKDOWN_SHARE else ".txt"
        return f"{i:05d}_{digest}{suffix}"

    def text(self, i: int) -> str:
        rng = self.rng(i, "text")
        article = self.article(i)
        if self.is_rewrite(i):
            article = rewrite(self.article(i - 1), rng, self.source)
        return layout(article, rng, self.source, markdown=self.name(i).endswith(".md"))

    def article(self, i: int) -> Article:
        rng = self.rng(i, "article")
        src = self.source
        count = rng.randint(5, 16)
        paragraphs = []
        for _ in range(count):
            paragraph = list(rng.choice(src.paragraphs))
            if len(paragraph) > 1 and rng.random() < 0.4:
                rng.shuffle(paragraph)
            if len(paragraph) > 2 and rng.random() < 0.3:
                paragraph.pop(rng.randrange(len(paragraph)))
            if rng.random() < 0.25:
                paragraph.insert(rng.randrange(len(paragraph) + 1), rng.choice(src.sentences))
            paragraphs.append([_swap_words(t, rng, src.vocabulary) for t in paragraph])
        dated = rng.choices(["line", "dateline", "inline", "iso", "none"], [30, 15, 15, 10, 30])[0]
        if dated == "inline":
            paragraphs[0] = [rng.choice(src.weekday_leads)]
        has_headline = rng.random() < 0.75
        headline = (
            (rng.choice(src.headlines) if rng.random() < 0.3 else rng.choice(HEADLINES))
            if has_headline
            else None
        )
        return Article(
            date=FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS)),
            cast=rng.sample(src.people, 3),
            places=rng.sample(src.places, 2),
            paragraphs=paragraphs,
            headline=headline,
            agency=rng.choice(AGENCIES) if rng.random() < 0.5 else None,
            dated=dated,
        )


def rewrite(base: Article, rng: random.Random, src: Source) -> Article:
    """The same event as another outlet tells it: fewer paragraphs, sentences moved, words changed."""
    paragraphs = [list(p) for p in base.paragraphs if rng.random() < 0.85] or [list(base.paragraphs[0])]
    for paragraph in paragraphs:
        if len(paragraph) > 1 and rng.random() < 0.3:
            rng.shuffle(paragraph)
    if rng.random() < 0.5:
        paragraphs.append([rng.choice(src.sentences)])
    paragraphs = [[_reword(s, rng) for s in p] for p in paragraphs]
    other_agencies = [a for a in AGENCIES if a != base.agency]
    return Article(
        date=base.date,
        cast=base.cast,
        places=base.places,
        paragraphs=paragraphs,
        headline=rng.choice(HEADLINES) if rng.random() < 0.7 else None,
        agency=rng.choice(other_agencies),
        dated=rng.choice(["line", "dateline", "iso"]),
    )


def _swap_words(template: list, rng: random.Random, vocabulary: list[str]) -> list:
    """The template with some lowercase words replaced by others from the seeds."""

    def swap(match: re.Match) -> str:
        return rng.choice(vocabulary) if rng.random() < WORD_SWAP_SHARE else match.group()

    return [_LOWER_WORD.sub(swap, p) if isinstance(p, str) else p for p in template]


def _reword(template: list, rng: random.Random) -> list:
    if rng.random() > 0.3:
        return template
    old, new = rng.choice(REWORDINGS)
    return [p.replace(f" {old} ", f" {new} ", 1) if isinstance(p, str) else p for p in template]


def fill(template: list | str, article: Article, rng: random.Random) -> str:
    """A sentence with its slots filled from the article's cast, date and numbers."""
    if isinstance(template, str):
        template = [template]
    out = []
    for part in template:
        if isinstance(part, str):
            out.append(part)
            continue
        kind, original = part
        out.append(_fill_slot(kind, original, article, rng))
    return "".join(out)


def _fill_slot(kind: str, original: str, article: Article, rng: random.Random) -> str:
    if kind == PERSON:
        full, surname = article.cast[0] if rng.random() < 0.6 else rng.choice(article.cast[1:])
        if full in article.mentioned:
            return surname
        article.mentioned.add(full)
        return full
    if kind == PLACE:
        return article.places[0] if rng.random() < 0.7 else article.places[1]
    if kind == YEAR:
        year = int(original)
        return str(year if year <= article.date.year else article.date.year - rng.randint(0, 3))
    if kind == WEEKDAY:
        return _WEEKDAYS[article.date.weekday()] if article.dated != "none" else original
    value = float(original.replace(",", ""))
    changed = value * rng.uniform(0.5, 2.0)
    if "." in original:
        return f"{changed:.1f}"
    return f"{round(changed):,}" if "," in original else str(max(1, round(changed)))


def _fill_text(text: str, article: Article, rng: random.Random) -> str:
    (p, _), (p2, _) = article.cast[0], article.cast[1]
    return text.format(P=p, P2=p2, L=article.places[0], N=rng.randint(2, 900))


def layout(article: Article, rng: random.Random, src: Source, markdown: bool = False) -> str:
    """The article as a scraped page's text: boilerplate, credits, date, paragraphs."""
    lines: list[str] = []
    if rng.random() < 0.15:
        lines += rng.sample(SHARE_PROMPTS, 2)
    if article.headline:
        headline = _fill_text(article.headline, article, rng)
        lines.append(f"# {headline}" if markdown else headline)
    if article.agency and rng.random() < 0.5:
        lines.append(f"By [{article.agency[0]}](#)" if markdown else f"By {article.agency[0]}")
    date_line = _date_line(article, rng)
    if date_line:
        lines.append(date_line)
    if rng.random() < 0.3:
        lines.append(_fill_text(rng.choice(CAPTIONS), article, rng))
    body = [" ".join(fill(s, article, rng) for s in p) for p in article.paragraphs]
    if article.dated == "inline":
        body[0] = _ON_WEEKDAY.sub(
            lambda m: f"{m.group().split(' (')[0]} ({article.date:%B} {article.date.day})", body[0], 1
        )
    if article.dated == "dateline":
        body[0] = f"{_dateline(article, rng)} {body[0]}"
    for paragraph in body:
        if len(paragraph) > 120 and rng.random() < 0.08:  # split mid-sentence, as scrapers do
            cut = paragraph.index(" ", rng.randrange(40, len(paragraph) - 40))
            lines += [paragraph[:cut], paragraph[cut + 1 :]]
        else:
            lines.append(paragraph)
        if rng.random() < 0.04:
            teaser = _fill_text(rng.choice(HEADLINES), article, rng)
            lines.append(f"**Related article:** [{teaser}](#)" if markdown else f"MUST READ: ☞  {teaser}")
    lines += _credits(article, rng)
    if rng.random() < 0.4:
        lines.append(_fill_text(rng.choice(TRAILERS), article, rng))
    if rng.random() < 0.3:
        lines.append(rng.choice(COMMENT_FORMS))
    return "\n\n".join(lines) + "\n"


def _date_line(article: Article, rng: random.Random) -> str | None:
    d = article.date
    if article.dated == "line":
        return rng.choice(
            [
                f"{d:%B %d, %Y}",
                f"{d.day} {d:%B %Y}",
                f"Published {d:%a %d %b %Y} {rng.randint(7, 22):02d}.12 GMT",
            ]
        )
    if article.dated == "iso":
        return rng.choice(
            [f"{d:%Y-%m-%d}", f"Updated: {d:%d.%m.%Y} {rng.randint(7, 22)}:{rng.randint(10, 59)}"]
        )
    return None


def _dateline(article: Article, rng: random.Random) -> str:
    place = article.places[0].upper()
    agency = article.agency[0] if article.agency else "Reuters"
    if rng.random() < 0.7:
        return f"{place}, {article.date:%b} {article.date.day} ({agency}) -"
    return f"{place} ({agency}) — On {article.date:%A, %B} {article.date.day}, {article.date.year}:"


def _credits(article: Article, rng: random.Random) -> list[str]:
    if not article.agency:
        return [f"Additional reporting by {rng.choice(REPORTERS)}"] if rng.random() < 0.1 else []
    short, full = article.agency
    if short == "Reuters":
        return [f"Reporting by {rng.choice(REPORTERS)}; Editing by {rng.choice(EDITORS)}"]
    if rng.random() < 0.5:
        return [f"(This article draws on reports from {full}, Reuters, and AFP.)"]
    return [f"— {full}"]


def make_project(directory: Path, repo: Path = REPO) -> None:
    """A scratch project: the repo's theme, settings, knowledge base and pages; no seeds."""
    for name in PROJECT_FILES:
        source, target = repo / name, directory / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True)
        else:
            shutil.copy2(source, target)
    (directory / "content/seeds").mkdir(parents=True, exist_ok=True)


def write_seed(corpus: Corpus, directory: Path, i: int) -> Path:
    path = directory / "content/seeds" / corpus.name(i)
    path.write_text(corpus.text(i), encoding="utf-8")
    return path


def make_corpus(directory: Path, n: int, seed: int = 0) -> Corpus:
    """A scratch project in `directory` with seeds 0..n-1."""
    make_project(directory)
    corpus = Corpus(seed)
    for i in range(n):
        write_seed(corpus, directory, i)
    return corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    make_corpus(args.directory, args.n, args.seed)


if __name__ == "__main__":
    main()
