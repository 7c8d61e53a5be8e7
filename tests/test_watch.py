"""`briefings watch`: a seed dropped into content/seeds is published without being asked."""

from __future__ import annotations

import json
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.request import urlopen

from generator.build import Project, build

from .conftest import copy_project

NEW_SEED = """Ukraine asks allies for more air defence

Defence Minister Rustem Umerov met allies in Brussels on Thursday, February 15, 2024.

"We need more air defence systems before the winter," said Olena Hrytsenko, an adviser to the ministry.
"""


class Lines:
    """A process's stderr, line by line, waited for with a deadline."""

    def __init__(self, process: subprocess.Popen) -> None:
        self.seen: list[str] = []
        self._lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, args=(process.stderr,), daemon=True).start()

    def _read(self, stream) -> None:
        for line in stream:
            self._lines.put(line)

    def wait_for(self, text: str, seconds: float = 120) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                line = self._lines.get(timeout=0.1)
            except queue.Empty:
                continue
            self.seen.append(line)
            if text in line:
                return line
        raise AssertionError(f"no {text!r} in:\n{''.join(self.seen)}")


def watching(root: Path, *command: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "--root", str(root), *command],
        stderr=subprocess.PIPE,
        text=True,
    )


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGINT)
    process.wait(timeout=30)


def drop_seed(root: Path, lines: Lines) -> None:
    lines.wait_for("watching content/seeds")
    time.sleep(0.5)  # the watcher is set up just after it says so
    (root / "content" / "seeds" / "099_air_defence.txt").write_text(NEW_SEED, encoding="utf-8")
    assert "099_air_defence.txt" in lines.wait_for("changed:")
    assert "1 briefings written" in lines.wait_for("seeds read")
    assert lines.wait_for("rebuilt in")


def test_a_seed_dropped_in_while_watching_is_published_and_reported(tmp_path):
    root = copy_project(tmp_path / "project")
    build(Project(root))
    watch = watching(root, "watch")
    try:
        drop_seed(root, Lines(watch))
    finally:
        stop(watch)
    assert watch.returncode == 0
    years = (root / "output" / "api" / "years").iterdir()
    listed = [b for year in years for b in json.loads(year.read_text(encoding="utf-8"))]
    new = [b for b in listed if b["title"] == "Ukraine asks allies for more air defence"]
    assert new and (root / "output" / "briefings" / new[0]["slug"] / "index.html").is_file()


def test_serve_watch_serves_the_page_of_a_seed_dropped_in(tmp_path):
    root = copy_project(tmp_path / "project")
    build(Project(root))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = watching(root, "serve", "--watch", "--port", str(port))
    try:
        drop_seed(root, Lines(server))
        api = f"http://127.0.0.1:{port}/api"
        years = [y["year"] for y in json.loads(urlopen(f"{api}/years.json", timeout=10).read())]
        listed = [b for y in years for b in json.loads(urlopen(f"{api}/years/{y}.json", timeout=10).read())]
        slug = next(b["slug"] for b in listed if b["title"] == "Ukraine asks allies for more air defence")
        page = urlopen(f"http://127.0.0.1:{port}/briefings/{slug}/", timeout=10).read().decode("utf-8")
        assert "Ukraine asks allies for more air defence" in page
    finally:
        stop(server)
