"""Sidecar overrides win, say so, and fail loudly when broken."""

from __future__ import annotations

import pytest

from generator.overrides import OverrideError, apply_override, load_override
from generator.record import Briefing


def write_sidecar(tmp_path, text):
    seed = tmp_path / "003_x.txt"
    seed.write_text("Headline\n\nBody.", encoding="utf-8")
    (tmp_path / "003_x.yaml").write_text(text, encoding="utf-8")
    return seed


def test_no_sidecar_means_no_override(tmp_path):
    seed = tmp_path / "a.txt"
    seed.write_text("x")
    assert load_override(seed) == {}


def test_a_date_override_wins_and_says_override(tmp_path):
    seed = write_sidecar(tmp_path, "date: 2024-10\nnote: election less than a month away\n")
    record = apply_override(
        Briefing(date="2014", date_source="inferred", date_confidence=0.2), load_override(seed)
    )
    assert (record.date, record.date_precision, record.date_source, record.date_confidence) == (
        "2024-10",
        "month",
        "override",
        1.0,
    )


def test_a_yaml_date_becomes_an_iso_day(tmp_path):
    seed = write_sidecar(tmp_path, "date: 2021-04-06\n")
    assert apply_override(Briefing(), load_override(seed)).date == "2021-04-06"


def test_title_and_quotes_can_be_corrected(tmp_path):
    seed = write_sidecar(
        tmp_path, "title: Better\nquotes:\n  - {speaker: Jens Stoltenberg, text: NATO's door is open}\n"
    )
    record = apply_override(Briefing(title="Worse"), load_override(seed))
    assert record.title_source == "override"
    assert record.quotes[0].speaker == "Jens Stoltenberg"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("date: [unclosed\n", "not valid YAML"),
        ("date: 2020-02-30\n", "not valid YAML (day is out of range"),
        ("colour: red\n", "unknown key 'colour'"),
        ("people: Jens Stoltenberg\n", "'people' must be a list of strings"),
        ("date: April 2021\n", "'date' must be YYYY-MM-DD"),
        ("date_confidence: high\n", "'date_confidence' must be"),
        ("- just\n- a list\n", "expected a mapping"),
        ("seed: other.txt\n", "unknown key 'seed'"),
    ],
)
def test_a_broken_sidecar_is_an_error_naming_the_file(tmp_path, text, problem):
    seed = write_sidecar(tmp_path, text)
    with pytest.raises(OverrideError) as error:
        load_override(seed)
    message = str(error.value)
    assert message.startswith(str(tmp_path / "003_x.yaml"))
    assert problem in message
    assert "\n" not in message
