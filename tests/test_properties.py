"""Properties that hold for any input: a seed never crashes the pipeline, a briefing file gives
back exactly what was written into it, and the extractor keeps its invariants on any text."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.extract.article import Extractor
from generator.extract.summary import summary_paragraphs
from generator.extract.title import MAX_TITLE, find_title
from generator.knowledge import load_knowledge
from generator.overrides import OverrideError
from generator.pipeline import process_seed
from generator.read import SeedError, SeedText, normalize_text
from generator.record import Briefing, Event, Figure, Quote
from generator.write import body_text, render_briefing, split_briefing

from .conftest import ROOT, SEEDS

KB = load_knowledge(ROOT / "content")
EXTRACTOR = Extractor(KB)
ACTOR_IDS = {actor.id for actor in KB.actors}
TOPIC_IDS = {topic.id for topic in KB.topics}
KNOWN_DATES = st.sampled_from([None, "2022-02-24", "2014-03", "2019"])  # a maintainer's sidecar date
SHAPES = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}"}

# Real sentences: every line of the five seeds, and a few from other outlets' styles.
SEED_LINES = sorted(
    {line.strip() for path in SEEDS.glob("*.txt") for line in path.read_text("utf-8").splitlines()} - {""}
)
OTHER_NEWS = [
    "KYIV, Nov 29 (Reuters) - Ukraine's foreign minister said on Tuesday that NATO allies must speed up "
    "deliveries of air defence systems.",
    "BRUSSELS (AP) — NATO Secretary-General Jens Stoltenberg said Wednesday the alliance would not be "
    "dragged into the war.",
    "“We will not stop until every occupied town is free,” President Volodymyr Zelensky said in his "
    "nightly address.",
    "'This is a dangerous moment for Europe,' the Kremlin's spokesman Dmitry Peskov told reporters.",
    "More than 14,000 people have been killed in the conflict since 2014, according to the United Nations.",
    "The EU approved a €50bn aid package for Ukraine in February 2024.",
    "Russia annexed Crimea in March 2014, a move most of the world has condemned as illegal.",
]
BOILERPLATE = [
    "Share this:",
    "Click to share on Twitter (Opens in new window)",
    "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
    "Related",
    "Photo: AFP",
    "By John Smith",
    "March 3, 2022",
    "Copyright © 2023 Reuters. All rights reserved.",
    "https://www.example.com/world/2023/04/03/nato-ukraine",
    "Advertisement",
    "## Background",
    "* * *",
    "Read more: Ukraine war latest",
]
JUNK_CHARS = "\"'“”‘’«»„‚‹›—–-()[]*#_.,:;!?{}<>&$€%/\\|~ 0123456789abcXYZ"

junk_line = st.one_of(
    st.text(st.sampled_from(JUNK_CHARS), max_size=60),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=40),
)
news_line = st.one_of(st.sampled_from(SEED_LINES), st.sampled_from(OTHER_NEWS), st.sampled_from(BOILERPLATE))
paragraph = st.lists(st.one_of(news_line, news_line, junk_line), min_size=1, max_size=3).map(" ".join)
article = st.lists(paragraph, min_size=1, max_size=10).map("\n\n".join).map(normalize_text)


def seed_text(text: str, markdown: bool) -> SeedText:
    fmt = "md" if markdown else "txt"
    return SeedText(Path("content/seeds/x.txt"), text, "0" * 64, fmt, "utf-8", markdown)


# -- any bytes as a seed --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def scratch():
    directory = Path(tempfile.mkdtemp(prefix="briefings-props-"))
    yield directory
    shutil.rmtree(directory)


SEED_PIECES = [line.encode() for line in SEED_LINES[:40]] + [
    b"<html><head><title>NATO summit</title></head><body><article><p>",
    b"</p></article></body></html>",
    b"<script>alert(1)</script>",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\x00",
    b"\x93quoted\x94",
    b"\xc3\xa2\xe2\x82\xac\xe2\x84\xa2",  # 'â€™', mojibake of ’
    b"&#0;&#x110000;&#55296;&amp;",
    b"\r\n",
    b"\n\n",
    b"# ",
    b"---\n",
    b"{{ config }}",
]
seed_piece = st.one_of(st.binary(max_size=60), st.sampled_from(SEED_PIECES))
seed_bytes = st.lists(seed_piece, max_size=16).map(b"".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=seed_bytes, suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_any_bytes_give_a_record_or_one_line_naming_the_seed(scratch, data, suffix):
    path = scratch / f"seed{suffix}"
    path.write_bytes(data)
    try:
        record = process_seed(path, scratch, EXTRACTOR)
    except (SeedError, OverrideError) as problem:
        message = str(problem)
        assert message.startswith(f"{path}: ") and "\n" not in message
    else:
        assert isinstance(record, Briefing) and record.seed == path.name
    finally:
        path.unlink()


# -- the briefing file gives back what was written ------------------------------------------------

TRICKY = [
    ": ", "# ", "'", '"', "---", "\n---\n", "...", "- ", "? ", "|", ">", "&anchor", "*alias", "!tag", "%",
    "@", "`", "{{ config }}", "{% include 'x' %}", "<script>alert(1)</script>", "**bold**",
    "[a](javascript:x)", "null", "~", "yes", "no", "1e3", "0x1F", "2023-01-01", "\\", "\t", "  ", "\x85",
    "\u2028", "\ufeff",
    "\x1b", "\x7f", "é", "Київ", "😀", "\n", "\n\n",
]
tricky_text = st.lists(st.one_of(st.sampled_from(TRICKY), st.text(max_size=12)), max_size=10).map("".join)
read_text = tricky_text.map(normalize_text)  # what reading a seed can leave in a field


@settings(max_examples=150, deadline=None)
@given(
    title=read_text,
    summary=read_text,
    quote=st.tuples(read_text, read_text),
    figure=st.tuples(read_text, read_text, read_text),
    event_text=read_text,
    removed=st.lists(read_text, max_size=3),
    source=st.none() | read_text,
)
def test_every_field_round_trips_through_the_front_matter(title, summary, quote, figure, event_text, removed,
                                                          source):
    record = Briefing(
        title=title, summary=summary, quotes=[Quote(*quote)], figures=[Figure(*figure)],
        events=[Event("2014-03", "month", event_text)], removed=removed, source=source, byline=source,
        people=[title], wire=removed, slug="s", guid="g",
    )
    meta, _ = split_briefing(render_briefing(record))
    assert Briefing.from_dict({**meta, "body": record.body}) == record


@settings(max_examples=100, deadline=None)
@given(text=st.one_of(article, tricky_text.map(normalize_text)), markdown=st.booleans())
def test_the_cleaned_body_round_trips_through_the_briefing_markdown(text, markdown):
    try:
        record = EXTRACTOR.extract(seed_text(text, markdown), "x.txt")
    except SeedError:  # no article text left: nothing to write
        return
    _, body = split_briefing(render_briefing(record))
    assert body_text(body) == record.body


# -- the extractor's invariants on realistic text --------------------------------------------------


def _has_running_text(record: Briefing) -> bool:
    return any(re.search(r"\w", p) for p in summary_paragraphs(record.body.split("\n\n")))


@settings(max_examples=120, deadline=None)
@given(text=article, markdown=st.booleans(), known_date=KNOWN_DATES)
def test_extractor_invariants_hold_on_any_mix_of_news_and_junk(text, markdown, known_date):
    seed = seed_text(text, markdown)
    try:
        record = EXTRACTOR.extract(seed, "x.txt", known_date=known_date)
    except SeedError as problem:  # nothing but boilerplate: one line naming the seed
        assert str(problem).startswith(f"{seed.path}: ") and "\n" not in str(problem)
        return

    for quote in record.quotes:
        assert quote.text and quote.text in record.body
    if record.title_source == "synthesized":
        assert len(record.title) <= MAX_TITLE
        assert record.title or not _has_running_text(record)
    assert (record.date is None) == (record.date_source is None) == (record.date_precision is None)
    if record.date:
        assert re.fullmatch(SHAPES[record.date_precision], record.date)
    assert 0 <= record.date_confidence <= 1
    for event in record.events:
        assert re.fullmatch(SHAPES[event.precision], event.date)
    assert set(record.actors) <= ACTOR_IDS
    assert set(record.topics) <= TOPIC_IDS
    assert EXTRACTOR.extract(seed, "x.txt", known_date=known_date) == record


# -- regressions found by the properties above ------------------------------------------------------


def test_junk_before_the_lede_sentence_does_not_leave_an_empty_title():
    sentence = "The NATO chief's trip came a day after US Secretary of State Rex Tillerson visited Kiev"
    assert find_title(None, [f"— ? {sentence}."]) == (sentence, "synthesized")


def test_a_clean_lede_still_gives_its_first_sentence_as_the_title():
    lede = (
        "Russia annexed Crimea in March 2014. Most of the world has condemned the move as illegal, "
        "and NATO has since kept its door open to Kyiv."
    )
    assert find_title(None, [lede]) == ("Russia annexed Crimea in March 2014", "synthesized")


def test_an_html_seed_read_after_a_build_gives_its_own_problem_not_pelicans_runtime_error(tmp_path):
    """A build makes Pelican's logger class turn warnings into errors; trafilatura, imported later
    (watch mode), then raised RuntimeError on a page it could not parse."""
    seed = tmp_path / "seed.html"
    seed.write_text('"But reforms alone will not stop Russia," said Zelenskiy on Tuesday.', encoding="utf-8")
    script = (
        "import logging, sys\n"
        "from pathlib import Path\n"
        "from pelican import log\n"
        "log.init(level=logging.WARNING, fatal='warnings')\n"
        "from generator.read import SeedError, read_seed\n"
        "try:\n"
        "    read_seed(Path(sys.argv[1]))\n"
        "except SeedError as problem:\n"
        "    print(problem)\n"
    )
    run = subprocess.run([sys.executable, "-c", script, str(seed)], capture_output=True, text=True, cwd=ROOT,
                         timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == f"{seed}: no article text found in HTML"
