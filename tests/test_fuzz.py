"""A short fuzz run: the cleaner and every extractor take any text without an exception or a hang.

The text mixes real news sentences, boilerplate lines, quote marks of every kind, very long
lines and runs of blank lines (lone surrogates left out: reading a seed never yields them).
Each call runs under a generous alarm, so a catastrophic regex fails the test instead of
blocking the run.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.clean import clean
from generator.extract.article import Extractor
from generator.extract.dates import find_date
from generator.extract.entities import SENTENCE_REACH
from generator.extract.events import find_events
from generator.extract.figures import find_figures
from generator.extract.outlet import find_outlet
from generator.extract.quotes import find_quotes
from generator.extract.summary import split_sentences, summarize
from generator.extract.title import find_title
from generator.read import SeedError, SeedText

from .test_properties import BOILERPLATE, KB, OTHER_NEWS, SEED_LINES, seed_text

SECONDS_PER_CALL = 5  # a few milliseconds are normal; only a runaway regex comes near this
EXTRACTOR = Extractor(KB)

QUOTE_MARKS = "\"'“”‘’«»„‚‹›‛‟「」『』〝〞＂＇`´"
quote_soup = st.text(st.sampled_from(QUOTE_MARKS + " abcXYZ.,:;—-()"), min_size=1, max_size=40)
long_line = st.one_of(
    st.builds(" ".join, st.lists(st.sampled_from(SEED_LINES), min_size=20, max_size=60)),
    st.builds(lambda unit, n: unit * n, st.sampled_from(["“", "(", "[", "*", "a ", "A. ", "1,", "— ", "#"]),
              st.integers(1_000, 20_000)),
)
blank_run = st.integers(2, 40).map(lambda n: "\n" * n)
any_unicode = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
piece = st.one_of(
    st.sampled_from(SEED_LINES),
    st.sampled_from(SEED_LINES),
    st.sampled_from(OTHER_NEWS),
    st.sampled_from(BOILERPLATE),
    quote_soup,
    long_line,
    blank_run,
    any_unicode,
)
fuzz_text = st.lists(st.tuples(piece, st.sampled_from(["\n", "\n\n", " ", ""])), max_size=25).map(
    lambda parts: "".join(text + sep for text, sep in parts)
)


class Hang(Exception):
    pass


def _hang(signum, frame):
    raise Hang(f"a call ran over {SECONDS_PER_CALL} s")


@contextmanager
def time_limit(seconds: int = SECONDS_PER_CALL) -> Iterator[None]:
    previous = signal.signal(signal.SIGALRM, _hang)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(text=fuzz_text, markdown=st.booleans())
def test_clean_takes_any_text(text, markdown):
    with time_limit():
        cleaned = clean(text, markdown=markdown)
    assert all(paragraph.strip() for paragraph in cleaned.paragraphs)
    assert all(line in text for line in cleaned.removed)


@FUZZ
@given(text=fuzz_text, markdown=st.booleans())
def test_every_extractor_takes_any_cleaned_text(text, markdown):
    with time_limit():
        cleaned = clean(text, markdown=markdown)
    paragraphs, meta, removed = cleaned.paragraphs, cleaned.meta_lines, cleaned.removed
    with time_limit():
        title, _ = find_title(cleaned.headline, paragraphs)
    with time_limit():
        date = find_date(paragraphs, meta, removed, {})
    with time_limit():
        find_outlet(paragraphs, meta, removed, {})
    with time_limit():
        entities = EXTRACTOR.entities.find(paragraphs, None)
    with time_limit():
        quotes = find_quotes(paragraphs, entities.mentions)
    with time_limit():
        find_figures(paragraphs)
    with time_limit():
        find_events(paragraphs, date.date)
    with time_limit():
        summary = summarize(paragraphs, title)
    with time_limit():
        EXTRACTOR.topics.score("\n".join(paragraphs))
    assert all(quote.text in cleaned.body for quote in quotes)
    assert len(summary) <= len(cleaned.body)


@FUZZ
@given(text=fuzz_text, markdown=st.booleans())
def test_the_whole_extractor_takes_any_seed_text(text, markdown):
    seed: SeedText = seed_text(text, markdown)
    try:
        with time_limit():
            record = EXTRACTOR.extract(seed, "x.txt", known_date=None)
    except SeedError as problem:  # nothing but boilerplate: one line naming the seed
        assert str(problem).startswith(f"{seed.path}: ") and "\n" not in str(problem)
    else:
        assert record.body == "\n\n".join(clean(text, markdown=markdown).paragraphs)


# -- regressions found by the fuzz run: quadratic scans on one long paragraph ---------------------

LONG_PARAGRAPH_SENTENCE = (
    "Russia annexed Crimea in 2014. NATO allies do not recognise the annexation, Mr. Stoltenberg said. "
)


def test_a_very_long_paragraph_is_split_into_sentences_in_linear_time():
    paragraph = LONG_PARAGRAPH_SENTENCE * 1500  # 147,000 characters: took 15 s when each full stop rescanned
    with time_limit():
        sentences = split_sentences(paragraph)
    assert len(sentences) == 3000
    assert sentences[1] == "NATO allies do not recognise the annexation, Mr. Stoltenberg said."


def test_a_name_repeated_through_a_very_long_paragraph_keeps_a_bounded_sentence():
    paragraph = "Peter Kowalski, a Polish diplomat, said on Monday that the talks would continue " * 1500
    with time_limit():  # took 50 s when each mention rescanned the paragraph for its sentence
        found = EXTRACTOR.entities.find([paragraph], None)
    assert found.people == ["Peter Kowalski"]
    name, sentence = found.uncatalogued[0]
    assert name == "Peter Kowalski" and sentence.startswith("Peter Kowalski, a Polish diplomat")
    assert len(sentence) <= SENTENCE_REACH + len(name)


def test_the_sentence_around_an_uncatalogued_name_is_still_the_whole_sentence():
    paragraph = (
        "Talks resumed in Geneva on Monday. Peter Kowalski, a Polish diplomat, said the talks would "
        "continue. Both sides agreed to meet again."
    )
    found = EXTRACTOR.entities.find([paragraph], None)
    assert ("Peter Kowalski", "Peter Kowalski, a Polish diplomat, said the talks would continue.") in (
        found.uncatalogued
    )


def test_a_line_of_unclosed_brackets_does_not_stall_the_byline_search():
    junk = "[" * 20_000  # took 2.5 s per scan when each bracket looked for its "](" to the end of the line
    with time_limit():
        outlet = find_outlet([junk, "By Jane Doe, [Reuters](https://www.reuters.com/)"], [], [], {})
    assert outlet.wire == ["Reuters"]
