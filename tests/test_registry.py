"""Slugs and guids are minted once and survive re-extraction and renames."""

from __future__ import annotations

from generator import registry as registry_module
from generator.registry import Registry, slugify


def test_slugs_are_ascii_and_cut_on_a_word():
    assert (
        slugify("Zelenskyy: «Ukraine» wants NATO’s invitation") == "zelenskyy-ukraine-wants-natos-invitation"
    )
    assert slugify("Київ") == "kiyiv"
    long = slugify("word " * 40)
    assert len(long) <= 70 and not long.endswith("-")
    assert slugify("!!!") == "briefing"


def test_two_articles_with_the_same_title_get_different_stable_urls():
    registry = Registry()
    ids = registry.assign([("a.txt", "aa" * 32, "Same title"), ("b.txt", "bb" * 32, "Same title")])
    assert ids["a.txt"].slug != ids["b.txt"].slug
    again = Registry(registry.entries).assign(
        [("a.txt", "aa" * 32, "Same title"), ("b.txt", "bb" * 32, "Same title")]
    )
    assert again == ids


def test_a_re_extracted_seed_keeps_its_slug_and_guid_when_its_title_changes():
    registry = Registry()
    first = registry.assign([("a.txt", "aa" * 32, "Old title")])
    second = registry.assign([("a.txt", "cc" * 32, "A better title")])
    assert first == second


def test_a_renamed_seed_keeps_its_identity():
    registry = Registry()
    first = registry.assign([("old.txt", "aa" * 32, "Title")])
    second = registry.assign([("new.txt", "aa" * 32, "Title")])
    assert second["new.txt"] == first["old.txt"]
    assert "old.txt" not in registry.entries


def test_identical_seeds_get_distinct_guids():
    ids = Registry().assign([("a.txt", "aa" * 32, "T"), ("b.txt", "aa" * 32, "T")])
    assert ids["a.txt"].guid != ids["b.txt"].guid


def test_registry_file_round_trips(tmp_path):
    registry = Registry()
    ids = registry.assign([("a.txt", "aa" * 32, "T")])
    registry.save(tmp_path / "registry.json")
    assert Registry.load(tmp_path / "registry.json").assign([("a.txt", "aa" * 32, "T")]) == ids


def test_the_registry_file_has_one_seed_per_line_so_a_diff_shows_each_identity(tmp_path):
    registry = Registry()
    registry.assign([("b.txt", "bb" * 32, "Second"), ("a.txt", "aa" * 32, "First")])
    registry.save(tmp_path / "registry.json")
    lines = (tmp_path / "registry.json").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "{" and lines[-1] == "}"
    assert [line.split(":")[0] for line in lines[1:-1]] == ['"a.txt"', '"b.txt"']
    assert Registry.load(tmp_path / "registry.json").entries == registry.entries


def test_a_build_that_mints_nothing_does_not_encode_the_registry_again(tmp_path, monkeypatch):
    path = tmp_path / "registry.json"
    first = Registry()
    first.assign([("a.txt", "aa" * 32, "First")])
    first.save(path)
    unchanged = Registry.load(path)
    unchanged.assign([("a.txt", "aa" * 32, "First")])
    monkeypatch.setattr(registry_module, "_ascii", None)  # encoding anything would fail
    unchanged.save(path)


def test_a_seed_whose_bytes_changed_is_saved_with_its_new_digest(tmp_path):
    path = tmp_path / "registry.json"
    first = Registry()
    first.assign([("a.txt", "aa" * 32, "First")])
    first.save(path)
    edited = Registry.load(path)
    edited.assign([("a.txt", "bb" * 32, "First, corrected")])  # updates its entry in place
    edited.save(path)
    assert Registry.load(path).entries["a.txt"]["sha256"] == "bb" * 32
