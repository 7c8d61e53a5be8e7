"""The extract stage as a whole, on small real-style articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.extract.article import Extractor
from generator.knowledge import load_knowledge
from generator.read import SeedText

from .conftest import ROOT


@pytest.fixture(scope="module")
def extractor():
    return Extractor(load_knowledge(ROOT / "content"))


def seed(text: str) -> SeedText:
    return SeedText(Path("x.txt"), text, "0" * 64, "txt", "utf-8", False, {})


REUTERS = """Ukraine's Zelenskiy says Russia preparing new offensive in east

KYIV, Feb 12 (Reuters) - Ukrainian President Volodymyr Zelenskiy said on Sunday that Russia was massing
troops in the east for a new offensive, and urged Western allies to speed up deliveries of tanks.

"The enemy is preparing. We are preparing too," Zelenskiy said in his nightly video address.

(Reporting by Tom Balmforth; Editing by Angus MacSwan)
"""


def test_a_place_named_only_in_the_headline_is_a_place(extractor):
    record = extractor.extract(seed(REUTERS), "x.txt")
    assert record.places[0] == "Ukraine"
    assert record.wire == ["Reuters"]
    assert "Tom Balmforth" not in record.people


def test_a_guessed_date_does_not_pick_the_role_holder_the_article_does_not_name(extractor):
    text = (
        "Ukraine presses NATO\n\nThe Ukrainian president called on NATO to speed up membership, saying the "
        "annexation of Crimea in 2014 began a long war.\n\nVolodymyr Zelensky made the remarks on Tuesday "
        "after talks with NATO Secretary General Jens Stoltenberg."
    )
    record = extractor.extract(seed(text), "x.txt")
    assert record.date_confidence < 0.5  # only "2014" and "Tuesday" to go on
    assert "Petro Poroshenko" not in record.people
    assert record.people[:2] == ["Volodymyr Zelensky", "Jens Stoltenberg"]


def test_a_body_named_in_a_title_counts_as_an_organization(extractor):
    text = (
        "EU agrees aid\n\nEuropean Commission President Ursula von der Leyen said on Thursday, "
        "February 1, 2024, that the deal sent a strong signal to Moscow."
    )
    record = extractor.extract(seed(text), "x.txt")
    assert "European Commission" in record.organizations
    assert "Ursula von der Leyen" in record.people
