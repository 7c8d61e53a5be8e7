"""The background search refresh: one at a time, and never another program's process."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.background import stop_search_refresh
from generator.build import Project


def test_a_stale_pid_file_never_stops_another_program(tmp_path):
    project = Project(tmp_path)
    project.search_pid.parent.mkdir(parents=True)
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"], start_new_session=True)
    try:
        project.search_pid.write_text(str(other.pid), encoding="utf-8")  # the pid was reused
        stop_search_refresh(project)
        assert other.poll() is None and not project.search_pid.exists()
    finally:
        other.kill()
        other.wait()


def test_a_running_refresh_is_stopped_before_the_next_build(tmp_path):
    project = Project(tmp_path)
    project.search_pid.parent.mkdir(parents=True)
    refresh = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(30)", "generator.site.search"], start_new_session=True
    )
    project.search_pid.write_text(str(refresh.pid), encoding="utf-8")
    started(refresh.pid)
    stop_search_refresh(project)
    with pytest.raises(ProcessLookupError):  # terminated, and reaped (no zombie left)
        os.kill(refresh.pid, 0)
    refresh.returncode = -1  # reaped by stop_search_refresh, not by Popen


def started(pid: int) -> None:
    """Wait until the process runs its own command (not the fork of this one it starts as):
    a refresh is known by its command line."""
    cmdline = Path(f"/proc/{pid}/cmdline")
    for _ in range(100):
        if b"generator.site.search" in cmdline.read_bytes():
            return
        time.sleep(0.05)
    raise AssertionError("the stand-in refresh never started")
