"""The search index, refreshed by a process of its own after a rebuild's pages are out.

One refresh at a time: a build stops the one still running (with its Pagefind) before it
changes pages, then may start the next. The refresh reports to `.cache/search.json`.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .build import Project


def start_search_refresh(project: Project) -> Path:
    """Index `output/` in a process of its own; returns the file it reports to."""
    project.search_status.unlink(missing_ok=True)
    project.search_status.parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "generator.site.search", str(project.output), str(project.search_status)]
    with project.search_status.with_suffix(".log").open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=log, start_new_session=True)
    project.search_pid.write_text(str(process.pid), encoding="utf-8")
    return project.search_status


def stop_search_refresh(project: Project) -> None:
    """Stop a background refresh still running (with its Pagefind): the build will start anew."""
    try:
        pid = int(project.search_pid.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    project.search_pid.unlink(missing_ok=True)
    with contextlib.suppress(ChildProcessError):  # our own child (watch mode), done: reap it
        if os.waitpid(pid, os.WNOHANG)[0]:
            return
    if not _is_search_refresh(pid):
        return  # finished long ago; the pid may now be another program's
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGTERM)  # its own session: the refresh and its Pagefind
    for _ in range(250):  # reap it when it is our child (watch mode), else wait for it to go
        with contextlib.suppress(ChildProcessError):
            if os.waitpid(pid, os.WNOHANG)[0]:
                return
        if not _alive(pid):
            return
        time.sleep(0.02)  # it goes within milliseconds: a rebuild should not wait longer


def _is_search_refresh(pid: int) -> bool:
    try:
        return b"generator.site.search" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return _alive(pid)  # no /proc to ask: trust the pid file


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
