"""Incremental publishing: a rebuild touches only the files its change affects, and leaves
exactly the bytes a clean full build of the same content would."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import jinja2
import pytest

from generator.build import Project, build
from generator.warm import Warm

from .conftest import copy_project
from .test_search import indexed

LATE_SEED = "004_"  # added after the others were published


def snapshot(output: Path) -> dict[str, tuple[bytes, int]]:
    """Every published file: (bytes, mtime_ns)."""
    return {
        p.relative_to(output).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(output.rglob("*"))
        if p.is_file()
    }


def site_files(output: Path) -> dict[str, bytes]:
    """The rendered site without its search bundle (compared on its own in test_search.py)."""
    return {path: data for path, (data, _) in snapshot(output).items() if not path.startswith("pagefind/")}


def clean_build_of(root: Path, scratch: Path) -> dict[str, bytes]:
    """The same content built from nothing: no output, no caches, no manifests."""
    clean = scratch / "clean"
    shutil.copytree(root, clean, ignore=shutil.ignore_patterns("output", ".cache", "output.*"))
    build(Project(clean))
    return site_files(clean / "output")


def move_seed_aside(root: Path, name: str, aside: Path) -> None:
    seeds = root / "content" / "seeds"
    aside.mkdir(exist_ok=True)
    for path in seeds.glob(f"{name}*"):  # the seed and its sidecar
        shutil.move(path, aside / path.name)


def bring_seed_back(root: Path, aside: Path) -> None:
    for path in aside.iterdir():
        shutil.move(path, root / "content" / "seeds" / path.name)


@pytest.fixture
def published(tmp_path) -> Path:
    """The project built without its late seed (sidecar included), then built once more."""
    root = copy_project(tmp_path / "project")
    move_seed_aside(root, LATE_SEED, tmp_path / "aside")
    build(Project(root))
    return root


def test_a_rebuild_with_nothing_changed_renders_no_tracked_page_and_changes_no_file(published):
    before = snapshot(published / "output")
    report = build(Project(published))
    assert report.files["written"] == 0 and report.files["removed"] == 0
    assert report.files["rendered"] == 0
    assert snapshot(published / "output") == before


def test_a_build_leaves_no_object_frozen_away_from_the_collector(published):
    build(Project(published))  # `watch` builds again and again in one process: each build's records must go
    assert gc.get_freeze_count() == 0


def test_a_rebuild_takes_its_compiled_templates_from_the_last_build(published, monkeypatch):
    def compile_again(*args, **kwargs):
        raise AssertionError("a template was compiled again")

    monkeypatch.setattr(jinja2.Environment, "compile", compile_again)
    min((published / "content" / "seeds").glob("*.txt")).unlink()  # pages to render
    report = build(Project(published))
    assert report.files["rendered"] > 0


def test_adding_a_seed_changes_only_the_files_that_show_it(published, tmp_path):
    before = snapshot(published / "output")
    bring_seed_back(published, tmp_path / "aside")
    report = build(Project(published))
    after = snapshot(published / "output")
    record = next(r for r in _records(published) if Path(r["seed"]).name.startswith(LATE_SEED))
    changed = {path for path in after if path not in before or after[path] != before[path]}
    allowed = _files_showing(record, _records(published))
    unexpected = sorted(path for path in changed if not path.startswith("pagefind/") and path not in allowed)
    assert unexpected == []
    assert f"briefings/{record['slug']}/index.html" in changed
    untouched = [path for path in before if path not in changed]
    assert any(path.startswith("briefings/") for path in untouched)  # other briefings kept their mtime
    assert report.files["rendered"] < report.files["files"] / 2


def test_adding_a_seed_leaves_the_bytes_of_a_clean_full_build(published, tmp_path):
    bring_seed_back(published, tmp_path / "aside")
    build(Project(published))
    assert site_files(published / "output") == clean_build_of(published, tmp_path)


def test_removing_a_seed_removes_its_pages_and_leaves_the_bytes_of_a_clean_full_build(published, tmp_path):
    gone = next(r for r in _records(published) if Path(r["seed"]).name.startswith("002_"))
    move_seed_aside(published, "002_", tmp_path / "gone")
    build(Project(published))
    output = published / "output"
    assert not (output / "briefings" / gone["slug"]).exists()
    assert gone["slug"] not in (output / "feeds" / "chronology.xml").read_text(encoding="utf-8")
    assert site_files(output) == clean_build_of(published, tmp_path)


def test_a_knowledge_base_change_relinks_pages_to_the_bytes_of_a_clean_full_build(published, tmp_path):
    actors = published / "content" / "actors.yaml"
    text = actors.read_text(encoding="utf-8")
    actors.write_text(
        text.replace("name: Jens Stoltenberg", "name: Jens Stoltenberg (NATO)", 1), encoding="utf-8"
    )
    build(Project(published))
    page = (published / "output" / "actors" / "jens-stoltenberg" / "index.html").read_text(encoding="utf-8")
    assert "Jens Stoltenberg (NATO)" in page
    assert site_files(published / "output") == clean_build_of(published, tmp_path)


def test_a_corrected_date_moves_the_briefing_to_the_bytes_of_a_clean_full_build(published, tmp_path):
    sidecar = published / "content" / "seeds" / "001_3ed97192f3d4092b.yaml"
    sidecar.write_text("date: 2019-03-14\nnote: corrected by an editor\n", encoding="utf-8")
    build(Project(published))
    chronology = (published / "output" / "chronology" / "2019" / "index.html").read_text(encoding="utf-8")
    record = next(r for r in _records(published) if Path(r["seed"]).name.startswith("001_"))
    assert record["date"] == "2019-03-14" and record["slug"] in chronology
    assert site_files(published / "output") == clean_build_of(published, tmp_path)


def test_rebuilds_that_keep_their_records_warm_leave_the_bytes_of_a_clean_full_build(published, tmp_path):
    """`briefings watch` builds again and again in one process, keeping what it decoded."""
    warm = Warm()
    build(Project(published), warm=warm)
    steps = [
        lambda: bring_seed_back(published, tmp_path / "aside"),
        lambda: (published / "content" / "seeds" / "001_3ed97192f3d4092b.yaml").write_text(
            "title: Corrected by an editor\ndate: 2019-03-14\n", encoding="utf-8"
        ),
        lambda: move_seed_aside(published, "002_", tmp_path / "gone"),
        lambda: (published / "content" / "actors.yaml").write_text(
            (published / "content" / "actors.yaml")
            .read_text(encoding="utf-8")
            .replace("name: Jens Stoltenberg", "name: Jens Stoltenberg (NATO)", 1),
            encoding="utf-8",
        ),
    ]
    for n, change in enumerate(steps):
        change()
        build(Project(published), warm=warm)
        assert site_files(published / "output") == clean_build_of(published, tmp_path / str(n))
    assert warm.records and warm.linked and warm.published


def test_a_page_edited_by_hand_in_the_output_is_made_again(published):
    page = published / "output" / "actors" / "index.html"
    original = page.read_bytes()
    page.write_bytes(b"defaced")
    build(Project(published))
    assert page.read_bytes() == original


def _records(root: Path) -> list[dict]:
    import json

    files = (root / "output" / "api" / "briefings").iterdir()
    return [json.loads(path.read_text(encoding="utf-8")) for path in files]


def _files_showing(record: dict, records: list[dict]) -> set[str]:
    """What a new briefing may change: its page and raw seed, its story mates' pages, the
    lists (home, timeline, actors, topics: index and year pages), the pages and feeds of its
    actors and topics, and the site-wide files (feeds, API, sitemap)."""
    slugs = [record["slug"]] + [
        r["slug"] for r in records if record.get("story") and r.get("story") == record["story"]
    ]
    allowed = {f"briefings/{slug}/index.html" for slug in slugs}
    allowed |= {f"seeds/{Path(record['seed']).name}"}
    allowed |= {f"api/briefings/{slug}.json" for slug in slugs}
    allowed |= {"index.html", "sitemap.xml", "feeds/chronology.xml", "feeds/chronology.atom"}
    allowed |= {"api/years.json", "api/actors.json", "api/topics.json"}
    allowed |= {"actors/index.html", "topics/index.html"}
    allowed |= {f"api/years/{year}.json" for year in _years([record])}
    for folder in ("chronology",):
        allowed |= {f"{folder}/index.html"} | {f"{folder}/{y}/index.html" for y in _years(records)}
    for kind, ids in (("actors", record.get("actors") or []), ("topics", record.get("topics") or [])):
        for item in ids:
            allowed |= {f"{kind}/{item}/index.html", f"feeds/{kind}/{item}.xml", f"api/{kind}/{item}.json"}
            allowed |= {f"{kind}/{item}/{y}/index.html" for y in _years(records)}
    return allowed


def _years(records: list[dict]) -> set[str]:
    years = {str(r["date"])[:4] for r in records if r.get("date")}
    years |= {str(e["date"])[:4] for r in records for e in r.get("events") or []}
    return years | {"undated"}


def test_a_rebuild_can_refresh_the_search_index_in_the_background(published, tmp_path):
    bring_seed_back(published, tmp_path / "aside")
    report = build(Project(published), search="background")
    assert "search" not in report.seconds
    wait_for_background_search(report.search_in_background)
    record = next(r for r in _records(published) if Path(r["seed"]).name.startswith(LATE_SEED))
    assert f"/briefings/{record['slug']}/" in indexed(published / "output")  # the new page is searchable


def test_a_first_build_publishes_its_pages_before_the_search_index_is_made(tmp_path):
    root = copy_project(tmp_path / "project")
    report = build(Project(root), search="background")
    assert "search" not in report.seconds and (root / "output" / "index.html").is_file()
    wait_for_background_search(report.search_in_background)
    searchable = indexed(root / "output")
    assert all(f"/briefings/{record['slug']}/" in searchable for record in _records(root))


def wait_for_background_search(status: Path | None) -> None:
    import json
    import time

    assert status is not None
    for _ in range(600):
        if status.exists():
            break
        time.sleep(0.1)
    assert json.loads(status.read_text(encoding="utf-8"))["ok"]
