"""Broken and hostile seeds: one clear line each, nothing lost, nothing injected."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.build import Project, build

from .conftest import ROOT, copy_project

HOSTILE_TEXT = """Hostile headline: 'quotes' # and --- dashes {{ config }}

The foreign minister said on Monday, April 3, 2023, that talks would go on. <script>alert("pwned")</script>

A second paragraph with <img src=x onerror="alert(1)"> and <iframe src="https://evil.example"></iframe> in it.

See [the report](javascript:alert(1)) and {% include 'secrets' %} for details, plus **bold** text.
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("hostile"))
    seeds = root / "content" / "seeds"
    (seeds / "100_empty.txt").write_bytes(b"")
    (seeds / "101_blank.txt").write_bytes(b"  \n\t\n  ")
    (seeds / "102_binary.txt").write_bytes(bytes(range(256)) * 64)
    (seeds / "103_hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (seeds / "104_sidecar.txt").write_text((seeds / "001_3ed97192f3d4092b.txt").read_text(), encoding="utf-8")
    (seeds / "104_sidecar.yaml").write_text("date: [unclosed\n", encoding="utf-8")
    outside = tmp_path_factory.mktemp("elsewhere") / "secret.txt"
    outside.write_text("Secret headline\n\nA secret paragraph that must never be published.\n")
    os.symlink(outside, seeds / "105_symlink.txt")
    with open(seeds / "106_huge.txt", "wb") as huge:
        huge.truncate(60 * 1024 * 1024)
    report = build(Project(root))
    return root, report


def test_each_bad_seed_gives_one_line_naming_it(hostile_site):
    _, report = hostile_site
    bad = ["100_empty", "101_blank", "102_binary", "104_sidecar", "105_symlink", "106_huge"]
    for name in bad:
        lines = [p for p in report.problems if name in p]
        assert len(lines) == 1, (name, report.problems)
        assert "\n" not in lines[0]
    assert len(report.problems) == len(bad)


def test_every_good_seed_is_still_published(hostile_site):
    root, _ = hostile_site
    pages = list((root / "output" / "briefings").glob("*/index.html"))
    assert len(pages) == 6  # the five seeds and the hostile one


class TagCollector(HTMLParser):
    """Every tag and attribute a browser would see, and the text of each script."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self.scripts.append((dict(attrs), ""))

    def handle_data(self, data):
        if self.tags and self.tags[-1][0] == "script" and self.scripts:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)


# The only scripts a page may have: the search UI and its starter, from the site's own
# files, and the briefing's JSON-LD (data, never run).
JSON_LD = "application/ld+json"
OUR_SCRIPT_SRC = re.compile(r"(?:\.\./)*\.?/?(?:pagefind/pagefind-ui\.js|theme/js/search\.js)")


def is_our_script(attrs: dict, text: str) -> bool:
    if attrs == {"type": JSON_LD}:
        json.loads(text)  # data, and nothing but data
        return "<" not in text and ">" not in text
    return set(attrs) == {"src"} and bool(OUR_SCRIPT_SRC.fullmatch(attrs["src"])) and not text.strip()


def test_nothing_from_a_seed_becomes_markup(hostile_site):
    root, _ = hostile_site
    for page in (root / "output").rglob("*.html"):
        parser = TagCollector()
        parser.feed(page.read_text(encoding="utf-8"))
        for tag, attrs in parser.tags:
            assert tag not in ("iframe", "img", "object", "embed"), (page, tag)
            assert not [a for a in attrs if a.startswith("on")], (page, tag, attrs)
            assert not (attrs.get("href") or "").lower().startswith("javascript:"), (page, attrs)
        assert len(parser.scripts) == sum(tag == "script" for tag, _ in parser.tags)
        for attrs, text in parser.scripts:
            assert is_our_script(attrs, text), (page, attrs, text[:200])


def test_a_hostile_seed_cannot_close_the_json_ld_script(hostile_site):
    root, _ = hostile_site
    page = next(p for p in (root / "output" / "briefings").glob("*/index.html") if "Hostile" in p.read_text())
    parser = TagCollector()
    parser.feed(page.read_text(encoding="utf-8"))
    [data] = [json.loads(text) for attrs, text in parser.scripts if attrs.get("type") == JSON_LD]
    assert data["headline"].startswith("Hostile headline: 'quotes'")
    assert "</iframe>" in data["description"]  # the seed's text, intact once decoded
    raw = page.read_text(encoding="utf-8").split(f'<script type="{JSON_LD}">')[1].split("</script>")[0]
    assert "</iframe>" not in raw and "\\u003c/iframe\\u003e" in raw


def test_hostile_text_comes_out_exactly_as_written(hostile_site):
    root, _ = hostile_site
    page = next(p for p in (root / "output" / "briefings").glob("*/index.html") if "Hostile" in p.read_text())
    html = page.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in html
    assert "{{ config }}" in html and "{% include" in html
    assert "**bold**" in html


def test_a_symlink_outside_content_is_never_published(hostile_site):
    root, _ = hostile_site
    for page in (root / "output").rglob("*"):
        if page.is_file():
            assert b"must never be published" not in page.read_bytes(), page


def test_build_exits_non_zero_when_a_seed_failed_and_strict_stops_first(tmp_path):
    root = copy_project(tmp_path / "p")
    (root / "content" / "seeds" / "100_empty.txt").write_bytes(b"")
    run = [sys.executable, "-m", "generator.cli", "--root", str(root), "build"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(run, capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 1
    assert "100_empty.txt" in result.stderr
    assert (root / "output" / "index.html").exists()
    strict = subprocess.run([*run, "--strict"], capture_output=True, text=True, env=env, timeout=300)
    assert strict.returncode == 1 and "strict" in strict.stderr


def test_a_removed_seed_removes_its_briefing_page_and_feed_item(tmp_path):
    root = copy_project(tmp_path / "p")
    project = Project(root)
    build(project)
    victim = root / "content" / "seeds" / "003_5009b44e79ebba7c.txt"
    slug_pages = {p.parent.name for p in (root / "output" / "briefings").glob("*/index.html")}
    victim.unlink()
    victim.with_suffix(".yaml").unlink()
    build(project)
    after = {p.parent.name for p in (root / "output" / "briefings").glob("*/index.html")}
    assert len(after) == len(slug_pages) - 1
    gone = (slug_pages - after).pop()
    assert gone not in (root / "output" / "feeds" / "chronology.xml").read_text()
    assert not (root / "content" / "briefings" / f"{gone}.md").exists()
    assert not (root / "output" / "seeds" / victim.name).exists()


def test_an_interrupted_publish_leaves_the_previous_site_whole(tmp_path, monkeypatch):
    root = copy_project(tmp_path / "p")
    project = Project(root)
    build(project)
    before = sorted(str(p.relative_to(root)) for p in (root / "output").rglob("*"))

    def crash(self):
        raise KeyboardInterrupt

    monkeypatch.setattr("pelican.Pelican.run", crash)
    with pytest.raises(KeyboardInterrupt):
        build(project)
    after = sorted(str(p.relative_to(root)) for p in (root / "output").rglob("*"))
    assert before == after
    assert not Path(f"{root / 'output'}.staging").exists()


@pytest.mark.parametrize(
    "text",
    [
        "Leave a Reply\n\nSource link\n\nShare this:\nWhatsApp Channel Join Now\n",
        "Ukraine\n",
        "Breaking news headline\n\nMUST READ: Something else entirely\n\nTelegram Group Join Now\n",
    ],
)
def test_a_seed_of_only_boilerplate_or_a_headline_is_one_clear_error(tmp_path, text):
    from generator.extract.article import Extractor
    from generator.knowledge import load_knowledge
    from generator.pipeline import process_seed
    from generator.read import SeedError

    seed = tmp_path / "only.txt"
    seed.write_text(text, encoding="utf-8")
    with pytest.raises(SeedError, match=r"only\.txt: no article text"):
        process_seed(seed, tmp_path, Extractor(load_knowledge(ROOT / "content")))
