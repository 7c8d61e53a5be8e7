"""The published site as a reader and a subscriber meet it."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from pathlib import Path

import feedparser
import yaml

from generator.build import Project, build

from .conftest import SEEDS, copy_project


def briefing_pages(root: Path) -> list[Path]:
    return sorted((root / "output" / "briefings").glob("*/index.html"))


def test_every_seed_has_a_briefing_page(built_site):
    root, report = built_site
    assert report.problems == []
    seeds = sorted(p for p in SEEDS.iterdir() if p.suffix == ".txt")
    assert len(briefing_pages(root)) == len(seeds) == 5
    for md in (root / "content" / "briefings").glob("*.md"):
        page = root / "output" / "briefings" / md.stem / "index.html"
        assert page.is_file(), md.name


def test_home_page_is_the_chronology_newest_first(built_site):
    root, _ = built_site
    html = (root / "output" / "index.html").read_text(encoding="utf-8")
    dates = re.findall(r'<time datetime="(\d{4}(?:-\d{2}){0,2})"', html)
    assert len(dates) == 5
    assert dates == sorted(dates, reverse=True)
    assert "<h2" in html  # grouped by month


def test_index_pages_exist(built_site):
    out = built_site[0] / "output"
    for page in (
        "actors/index.html",
        "topics/index.html",
        "chronology/index.html",
        "about/index.html",
        "404.html",
        "topics/nato-membership/index.html",
        "actors/jens-stoltenberg/index.html",
    ):
        assert (out / page).is_file(), page


def test_feed_parses_with_five_items_newest_first_and_unique_guids(built_site):
    feed = feedparser.parse((built_site[0] / "output" / "feeds" / "chronology.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert len(feed.entries) == 5
    guids = [e.id for e in feed.entries]
    assert len(set(guids)) == 5
    published = [e.published_parsed for e in feed.entries]
    assert published == sorted(published, reverse=True)
    assert all(e.get("tags") for e in feed.entries)  # topics as categories


def test_feed_is_advertised_in_every_page_head(built_site):
    for page in (built_site[0] / "output").rglob("*.html"):
        head = page.read_text(encoding="utf-8").split("</head>")[0]
        assert 'type="application/rss+xml"' in head, page


def test_zelensky_page_lists_every_briefing_that_mentions_him_under_any_spelling(built_site):
    root, _ = built_site
    spellings = re.compile(r"Zelensk(?:y|iy|yy|yi)")
    mentioning = set()
    for md in (root / "content" / "briefings").glob("*.md"):
        text = md.read_text(encoding="utf-8")
        body = text.split("\n---\n", 1)[1]
        if spellings.search(body):
            mentioning.add(md.stem)
    assert len(mentioning) >= 4
    page = (root / "output" / "actors" / "volodymyr-zelensky" / "index.html").read_text(encoding="utf-8")
    listed = set(re.findall(r'href="[./]*/?briefings/([^/"]+)/"', page))
    assert mentioning <= listed


def test_each_briefing_page_shows_its_record(built_site):
    root, _ = built_site
    for md in (root / "content" / "briefings").glob("*.md"):
        meta = yaml.safe_load(md.read_text(encoding="utf-8").split("---\n")[1])
        html = (root / "output" / "briefings" / md.stem / "index.html").read_text(encoding="utf-8")
        assert "Raw seed file" in html
        assert ("date inferred" in html) or ("date from" in html) or ("set by a maintainer" in html)
        raw = root / "output" / "seeds" / Path(meta["seed"]).name
        assert raw.read_bytes() == (root / meta["seed"]).read_bytes()


def _digest_tree(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_a_rebuild_without_changes_leaves_every_file_byte_identical(tmp_path):
    root = copy_project(tmp_path / "project")
    project = Project(root)
    trees = (root / "output", root / "content" / "briefings")
    build(project)
    first = [_digest_tree(tree) for tree in trees]
    build(project)
    second = [_digest_tree(tree) for tree in trees]
    for before, after in zip(first, second, strict=True):
        changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
        assert changed == []


def test_the_timeline_links_the_2014_annexation_of_crimea_to_every_seed_that_mentions_it(built_site):
    root, _ = built_site
    html = (root / "output" / "chronology" / "2014" / "index.html").read_text(encoding="utf-8")
    entry = re.search(
        r'datetime="2014">2014</time>\s*<span class="event">[^<]*annexation of Crimea.*?</li>', html, re.S
    )
    linked = set(re.findall(r'briefings/([^/"]+)/', entry.group()))
    mentioning = {
        md.stem
        for md in (root / "content" / "briefings").glob("*.md")
        if re.search(
            r"annex\w* (?:of )?(?:the )?Crimea|Crimean peninsula annexed", md.read_text(encoding="utf-8")
        )
    }
    assert len(mentioning) >= 3
    assert mentioning <= linked


def test_the_chronology_is_also_atom_and_both_carry_the_same_guids(built_site):
    feeds = built_site[0] / "output" / "feeds"
    rss = feedparser.parse((feeds / "chronology.xml").read_bytes())
    atom = feedparser.parse((feeds / "chronology.atom").read_bytes())
    assert not atom.bozo and atom.version == "atom10"
    assert [e.id for e in atom.entries] == [e.id for e in rss.entries]


def test_rss_follows_the_best_practices_profile(built_site):
    xml = (built_site[0] / "output" / "feeds" / "chronology.xml").read_text(encoding="utf-8")
    feed = feedparser.parse(xml)
    assert 'rel="self"' in xml and "<atom:link" in xml
    assert feed.feed.updated_parsed == feed.entries[0].published_parsed  # lastBuildDate = newest item
    entry = feed.entries[0]
    assert entry.summary and entry.content[0].value.startswith("<p>")
    assert re.search(r'<category domain="https://[^"]+/topics/[\w-]+/">', xml)
    assert "<dc:creator>" in xml


def test_every_actor_and_topic_page_has_its_own_feed_of_its_briefings(built_site):
    out = built_site[0] / "output"
    for page in (out / "actors").glob("*/index.html"):
        feed = feedparser.parse((out / "feeds" / "actors" / f"{page.parent.name}.xml").read_bytes())
        assert not feed.bozo
        listed = set(re.findall(r'href="[^"]*briefings/([^/"]+)/"', page.read_text(encoding="utf-8")))
        assert {e.link.rstrip("/").rsplit("/", 1)[1] for e in feed.entries} == listed
    for page in (out / "topics").glob("*/index.html"):
        assert (out / "feeds" / "topics" / f"{page.parent.name}.xml").is_file()


def test_subject_feeds_carry_their_newest_few_and_the_chronology_its_newest_many(tmp_path):
    root = copy_project(tmp_path / "project")
    with (root / "pelicanconf.py").open("a", encoding="utf-8") as settings:
        settings.write("\nFEED_MAX_ITEMS = 4\nSUBJECT_FEED_MAX_ITEMS = 2\n")
    build(Project(root))
    out = root / "output"
    chronology = feedparser.parse((out / "feeds" / "chronology.xml").read_bytes())
    assert len(chronology.entries) == 4
    subject_feeds = [*(out / "feeds" / "actors").glob("*.xml"), *(out / "feeds" / "topics").glob("*.xml")]
    sizes = []
    for path in subject_feeds:
        dates = [e.published_parsed for e in feedparser.parse(path.read_bytes()).entries]
        assert dates == sorted(dates, reverse=True)
        sizes.append(len(dates))
    assert max(sizes) == 2  # NATO is named by more than two of the five


def test_a_build_on_another_day_gives_the_same_bytes(tmp_path):
    """Nothing depends on the clock or on file times: touch every input a year later, rebuild."""
    root = copy_project(tmp_path / "project")
    build(Project(root))
    before = _digest_tree(root / "output")
    a_year_later = 365 * 24 * 3600
    for path in (root / "content").rglob("*"):
        stat = path.stat()
        os.utime(path, (stat.st_atime + a_year_later, stat.st_mtime + a_year_later))
    shutil.rmtree(root / ".cache")
    build(Project(root))
    after = _digest_tree(root / "output")
    assert sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k)) == []
