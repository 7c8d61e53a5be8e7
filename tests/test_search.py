"""Search: the build writes a Pagefind index of the briefings, actor and topic pages, and
nothing else, sharded so that a build re-indexes only the shards whose pages changed; every
page carries the search box and loads the UI from the site itself."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import sys
import threading
from pathlib import Path

import pytest

from generator.site import search
from generator.site.search import (
    BUNDLE_DIR,
    STATE_FILE,
    UI_FILES,
    SearchIndexError,
    index_site,
    searchable_pages,
    shard_count,
    shard_of,
    update_search_index,
)

from .test_browser import browser  # noqa: F401  (the fixture: Debian's Chromium, or a skip)

INDEXED_SECTIONS = ("briefings", "actors", "topics")
PAGE = (
    "<!DOCTYPE html><html lang='en'><head><title>{title}</title></head><body>"
    "<nav>Chronology Actors Topics</nav><main data-pagefind-body><h1>{title}</h1><p>{text}</p></main>"
    "</body></html>"
)
WORDS = ["Kyiv", "Vilnius", "Brussels", "Ankara", "Helsinki", "Warsaw", "Tallinn", "Riga", "Oslo", "Bern"]


# The site as a reader gets it, built from the five seeds.


@pytest.fixture(scope="module")
def output(built_site) -> Path:
    return built_site[0] / "output"


def html_pages(output: Path) -> list[Path]:
    return sorted(p for p in output.rglob("*.html") if BUNDLE_DIR not in p.relative_to(output).parts)


def is_detail_page(output: Path, page: Path) -> bool:
    """A briefing, an actor or a topic page (not the lists of them)."""
    parts = page.relative_to(output).parts
    return len(parts) == 3 and parts[0] in INDEXED_SECTIONS


def state(site: Path) -> dict:
    return json.loads((site / BUNDLE_DIR / STATE_FILE).read_text(encoding="utf-8"))


def bundles(site: Path) -> list[Path]:
    """The shards' bundles, as search.js finds them."""
    return [site / shard["bundle"] for shard in state(site)["shards"] if shard["bundle"]]


def entry(bundle: Path) -> dict:
    return json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))


def indexed_in(bundle: Path) -> dict[str, str]:
    """Each page's URL and text in a bundle, from Pagefind's fragments: gzipped JSON after a
    "pagefind_dcd" signature, one per page."""
    pages = {}
    for fragment in (bundle / "fragment").iterdir():
        text = gzip.decompress(fragment.read_bytes()).decode("utf-8")
        page = json.loads(text[text.index("{") :])
        pages[page["url"]] = page["content"]
    return pages


def indexed(site: Path) -> dict[str, str]:
    """Each indexed page's URL and text, from every shard."""
    pages = {}
    for bundle in bundles(site):
        shard = indexed_in(bundle)
        assert not shard.keys() & pages.keys(), "a page in two shards"
        pages.update(shard)
    return pages


def test_the_build_writes_the_search_box_and_a_bundle_for_each_shard(output):
    for name in UI_FILES:  # what every page loads
        assert (output / BUNDLE_DIR / name).is_file(), name
    assert bundles(output)
    for bundle in bundles(output):
        for name in ("pagefind.js", "pagefind-entry.json", "pagefind-worker.js", "wasm.en.pagefind"):
            assert (bundle / name).is_file(), (bundle, name)
        assert list((bundle / "fragment").iterdir())


def test_exactly_the_briefing_actor_and_topic_pages_are_indexed(output):
    marked = [p for p in html_pages(output) if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    assert marked == [p for p in html_pages(output) if is_detail_page(output, p)]
    assert sum(entry(b)["languages"]["en"]["page_count"] for b in bundles(output)) == len(marked)
    urls = {"/" + p.relative_to(output).parent.as_posix() + "/" for p in marked}
    assert set(indexed(output)) == urls


def test_the_search_index_holds_a_name_from_the_briefings(output):
    stoltenberg = [url for url, text in indexed(output).items() if "Stoltenberg" in text]
    assert any(url.startswith("/briefings/") for url in stoltenberg)
    assert "/actors/jens-stoltenberg/" in stoltenberg


def test_actor_and_topic_pages_are_indexed_without_their_cross_references(output):
    # A search for a name should find that person's page, not every page that lists them.
    pages = indexed(output)
    assert "Stoltenberg" in pages["/actors/jens-stoltenberg/"]
    assert "Most often named with" not in pages["/actors/jens-stoltenberg/"]
    assert "Leading actors" not in pages["/topics/nato-membership/"]
    assert "Stoltenberg" not in pages["/topics/nato-membership/"]


def test_every_page_has_the_search_box_and_no_script_from_another_host(output):
    for page in html_pages(output):
        html = page.read_text(encoding="utf-8")
        assert '<div id="search"></div>' in html and 'for="search-input"' in html, page
        for src in re.findall(r'<script[^>]* src="([^"]+)"', html):
            assert "://" not in src and not src.startswith("//"), (page, src)


@contextlib.contextmanager
def served(site: Path):
    """`site` on 127.0.0.1 at a free port; its address."""

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=site)
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_the_search_box_searches_every_shard(output, browser, tmp_path):  # noqa: F811
    site = tmp_path / "output"
    shutil.copytree(output, site)
    update_search_index(site, searchable_pages(site), pages_per_shard=4)  # shards of a few pages
    holding = {b.name for b in bundles(site) for u, t in indexed_in(b).items() if "Stoltenberg" in t}
    assert len(holding) > 1  # the name is in more than one shard
    found = [url for url, text in indexed(site).items() if "Stoltenberg" in text]
    briefing = next(url for url in found if url.startswith("/briefings/"))
    requested = []
    page = browser.new_page()
    page.on("request", lambda request: requested.append(request.url))
    try:
        with served(site) as address:
            page.goto(address + briefing)  # two folders deep
            page.get_by_label("Search the briefings, actors and topics").fill("Stoltenberg")
            page.locator(".pagefind-ui__result-link").first.wait_for(timeout=10_000)
            message = page.locator(".pagefind-ui__message").inner_text()
            excerpts = page.locator(".pagefind-ui__result-excerpt").all_inner_texts()
    finally:
        page.close()
    entries = {url.split("/shards/")[1].split("/")[0] for url in requested if "pagefind-entry.json" in url}
    assert entries == {b.name for b in bundles(site)}  # every shard was merged in
    assert int(message.split()[0]) >= len(found), message  # its pages, from every shard
    # search.js asks every bundle, not only the first, for excerpts of 12 words
    assert excerpts and max(len(e.split()) for e in excerpts) <= 12, excerpts


# Shards, on small sites written here.


def write_page(site: Path, name: str, text: str) -> str:
    """Write a briefing page as the build does (a new file renamed into place); its path."""
    path = f"briefings/{name}/index.html"
    file = site / path
    file.parent.mkdir(parents=True, exist_ok=True)
    new = file.with_name("index.html.new")
    new.write_text(PAGE.format(title=name, text=text), encoding="utf-8")
    os.replace(new, file)
    return path


def make_site(site: Path, count: int) -> dict[str, str]:
    """`count` pages, each with a word of its own; each fingerprint is the page's text."""
    pages = {}
    for number in range(count):
        text = f"Talks in {WORDS[number % len(WORDS)]}, meeting number{number}."
        pages[write_page(site, f"page-{number}", text)] = text
    return pages


def change_page(site: Path, pages: dict[str, str], path: str, text: str) -> dict[str, str]:
    write_page(site, Path(path).parent.name, text)
    return {**pages, path: text}


def files(directory: Path) -> dict[Path, bytes]:
    return {p.relative_to(directory): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def stamps(directory: Path) -> dict[Path, tuple[int, int]]:
    """Each file's inode and modification time: what a rewrite would change."""
    return {
        p.relative_to(directory): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in directory.rglob("*")
        if p.is_file()
    }


def test_a_page_goes_to_a_shard_by_a_hash_of_its_path_stable_across_runs():
    assert [shard_count(n) for n in (0, 1, 5_000, 5_001, 10_001, 10**6)] == [0, 1, 1, 2, 4, 32]
    assert [shard_count(n, pages_per_shard=250) for n in (250, 251, 501, 1001, 4001)] == [1, 2, 4, 8, 32]
    # Fixed values: Python's hash() of a string would change from one process to the next.
    assert [shard_of(f"briefings/page-{n}/index.html", 8) for n in range(6)] == [3, 7, 5, 7, 2, 6]
    assert shard_of("briefings/page-0/index.html", 1) == 0


def test_every_page_is_found_under_its_url_in_one_of_the_shards(tmp_path):
    pages = make_site(tmp_path, 9)
    update = update_search_index(tmp_path, pages, pages_per_shard=2)
    assert update.shards == len(state(tmp_path)["shards"]) == 8
    assert update.rebuilt == tuple(n for n, s in enumerate(state(tmp_path)["shards"]) if s["pages"])
    assert update.kept == () and update.removed == 0 and update.seconds > 0
    assert len(bundles(tmp_path)) > 1
    texts = indexed(tmp_path)
    assert set(texts) == {f"/briefings/page-{n}/" for n in range(9)}
    assert "number4" in texts["/briefings/page-4/"] and "Chronology" not in texts["/briefings/page-4/"]
    for name in UI_FILES:
        assert (tmp_path / BUNDLE_DIR / name).stat().st_size > 1000


def test_a_changed_page_rebuilds_only_its_shard(tmp_path):
    pages = make_site(tmp_path, 9)
    update_search_index(tmp_path, pages, pages_per_shard=2)
    before = stamps(tmp_path / BUNDLE_DIR)
    changed = "briefings/page-4/index.html"
    shard = shard_of(changed, 8)
    old_bundle = tmp_path / state(tmp_path)["shards"][shard]["bundle"]
    pages = change_page(tmp_path, pages, changed, "Talks in Reykjavik.")
    update = update_search_index(tmp_path, pages, pages_per_shard=2)
    assert update.rebuilt == (shard,) and update.removed == 1
    assert "Reykjavik" in indexed(tmp_path)["/briefings/page-4/"]
    assert not old_bundle.exists()
    after = stamps(tmp_path / BUNDLE_DIR)
    kept = {p: s for p, s in before.items() if p.parts[0] == "shards" and p.parts[1] != old_bundle.name}
    assert kept and {p: after[p] for p in kept} == kept  # not rewritten: same inodes, same times


def test_unchanged_fingerprints_rebuild_nothing_and_touch_no_file(tmp_path):
    pages = make_site(tmp_path, 9)
    update_search_index(tmp_path, pages, pages_per_shard=2)
    before = stamps(tmp_path / BUNDLE_DIR)
    update = update_search_index(tmp_path, pages, pages_per_shard=2)
    assert update.rebuilt == () and update.removed == 0 and len(update.kept) == len(bundles(tmp_path))
    assert stamps(tmp_path / BUNDLE_DIR) == before


def test_a_shard_whose_bundle_is_damaged_is_rebuilt(tmp_path):
    pages = make_site(tmp_path, 9)
    update_search_index(tmp_path, pages, pages_per_shard=2)
    damaged = bundles(tmp_path)[0]
    (damaged / "pagefind-entry.json").unlink()
    update = update_search_index(tmp_path, pages, pages_per_shard=2)
    assert len(update.rebuilt) == 1 and (damaged / "pagefind-entry.json").is_file()
    assert set(indexed(tmp_path)) == {f"/briefings/page-{n}/" for n in range(9)}


def test_removed_pages_leave_the_index(tmp_path):
    pages = make_site(tmp_path, 9)
    update_search_index(tmp_path, pages, pages_per_shard=2)
    for gone in ("briefings/page-1/index.html", "briefings/page-6/index.html"):
        (tmp_path / gone).unlink()
        del pages[gone]
    update_search_index(tmp_path, pages, pages_per_shard=2)
    texts = indexed(tmp_path)
    assert "/briefings/page-1/" not in texts and "/briefings/page-6/" not in texts
    assert len(texts) == 7 and not any("number1." in t or "number6." in t for t in texts.values())


def test_the_shard_count_grows_and_shrinks_with_the_pages(tmp_path):
    def shard_folders() -> set[Path]:
        return set((tmp_path / BUNDLE_DIR / "shards").iterdir())

    pages = make_site(tmp_path, 2)
    assert update_search_index(tmp_path, pages, pages_per_shard=2).shards == 1
    assert shard_folders() == set(bundles(tmp_path)) and len(bundles(tmp_path)) == 1
    pages = make_site(tmp_path, 9)
    assert update_search_index(tmp_path, pages, pages_per_shard=2).shards == 8
    assert shard_folders() == set(bundles(tmp_path)) and len(bundles(tmp_path)) > 4
    pages = {p: t for p, t in pages.items() if p.endswith(("-0/index.html", "-1/index.html"))}
    update = update_search_index(tmp_path, pages, pages_per_shard=2)
    assert update.shards == 1 and update.removed >= 5
    assert shard_folders() == set(bundles(tmp_path)) and len(bundles(tmp_path)) == 1
    assert set(indexed(tmp_path)) == {"/briefings/page-0/", "/briefings/page-1/"}


def test_an_updated_index_has_the_bytes_of_one_built_from_scratch(tmp_path):
    updated, scratch = tmp_path / "updated", tmp_path / "scratch"
    pages = make_site(updated, 12)
    update_search_index(updated, pages, pages_per_shard=2)
    pages = change_page(updated, pages, "briefings/page-3/index.html", "Talks in Reykjavik.")
    del pages["briefings/page-7/index.html"]
    pages = {**pages, write_page(updated, "page-20", "Talks in Lisbon."): "Talks in Lisbon."}
    update_search_index(updated, pages, pages_per_shard=2)
    for path in pages:
        write_page(scratch, Path(path).parent.name, pages[path])
    update = update_search_index(scratch, pages, pages_per_shard=2)
    assert update.kept == ()
    assert files(updated / BUNDLE_DIR) == files(scratch / BUNDLE_DIR)


FAILING_PAGEFIND = {
    "exits with an error": "sys.exit('Error: Pagefind was not able to build an index.')",
    "writes an empty entry": (
        "out = pathlib.Path(sys.argv[sys.argv.index('--output-path') + 1])\n"
        "out.mkdir(parents=True)\n"
        "(out / 'pagefind-entry.json').write_text('')"
    ),
}


@pytest.mark.parametrize("failure", FAILING_PAGEFIND)
def test_a_failing_pagefind_stops_the_update_and_leaves_the_index_as_it_was(tmp_path, monkeypatch, failure):
    pages = make_site(tmp_path, 9)
    update_search_index(tmp_path, pages, pages_per_shard=2)
    before = files(tmp_path / BUNDLE_DIR)
    entries = sorted((tmp_path / BUNDLE_DIR).iterdir())
    fake = tmp_path / "fake_pagefind.py"
    version = search.pagefind_version()
    fake.write_text(
        "import pathlib, sys\n"
        f"if '--version' in sys.argv: print('pagefind {version}'); sys.exit()\n"
        f"{FAILING_PAGEFIND[failure]}\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(search, "pagefind_command", lambda: (sys.executable, str(fake)))
    pages = change_page(tmp_path, pages, "briefings/page-2/index.html", "Talks in Reykjavik.")
    with pytest.raises(SearchIndexError, match="pagefind") as error:
        update_search_index(tmp_path, pages, pages_per_shard=2)
    assert "\n" not in str(error.value)
    assert files(tmp_path / BUNDLE_DIR) == before
    assert sorted((tmp_path / BUNDLE_DIR).iterdir()) == entries  # no work left behind


def test_the_live_site_is_never_written_through_the_hardlinks_of_its_staging_copy(tmp_path):
    live, staging = tmp_path / "live", tmp_path / "staging"
    pages = make_site(live, 9)
    update_search_index(live, pages, pages_per_shard=2)
    before = files(live)
    for file in sorted(live.rglob("*")):  # as the build stages: every file a hardlink
        if file.is_file():
            (staging / file.relative_to(live)).parent.mkdir(parents=True, exist_ok=True)
            os.link(file, staging / file.relative_to(live))
    pages = change_page(staging, pages, "briefings/page-2/index.html", "Talks in Reykjavik.")
    update_search_index(staging, pages, pages_per_shard=2)  # one shard
    pages = make_site(staging, 3)
    update_search_index(staging, pages, pages_per_shard=2)  # fewer shards, all rebuilt
    update_search_index(staging, {}, pages_per_shard=2)  # none
    assert files(live) == before


def test_a_site_without_searchable_pages_has_the_search_box_and_no_shard(tmp_path):
    update = update_search_index(tmp_path, {})
    assert (update.shards, update.rebuilt, update.kept) == (0, (), ())
    assert state(tmp_path) == {"pagefind": search.pagefind_version(), "pages": 0, "shards": []}
    for name in UI_FILES:  # the page's script and styles load; search.js keeps the box hidden
        assert (tmp_path / BUNDLE_DIR / name).is_file()
    assert sorted(p.name for p in (tmp_path / BUNDLE_DIR).iterdir()) == sorted([*UI_FILES, STATE_FILE])


def test_only_marked_pages_inside_the_site_can_be_indexed(tmp_path):
    (tmp_path / "index.html").write_text("<html lang='en'><body><p>A list</p></body></html>")
    with pytest.raises(SearchIndexError, match="no data-pagefind-body"):
        update_search_index(tmp_path, {"index.html": "1"})
    with pytest.raises(SearchIndexError, match="cannot read"):
        update_search_index(tmp_path, {"briefings/missing/index.html": "1"})
    for path in ("../outside.html", "/etc/page.html", "briefings/./a/index.html", "pagefind/x.html"):
        with pytest.raises(ValueError):
            update_search_index(tmp_path, {path: "1"})


def test_index_site_indexes_the_marked_pages_fingerprinted_by_their_bytes(tmp_path):
    write_page(tmp_path, "one", "Talks on Monday in Kyiv.")
    (tmp_path / "index.html").write_text("<!DOCTYPE html><html lang='en'><body><h1>List</h1></body></html>")
    assert index_site(tmp_path).rebuilt == (0,)
    assert set(indexed(tmp_path)) == {"/briefings/one/"}  # the list page has no data-pagefind-body
    assert index_site(tmp_path).rebuilt == ()
    write_page(tmp_path, "one", "Talks on Tuesday in Kyiv.")
    assert index_site(tmp_path).rebuilt == (0,)
    assert "Tuesday" in indexed(tmp_path)["/briefings/one/"]
