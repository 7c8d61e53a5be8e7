"""The maintainer's commands: review and extract --explain."""

from __future__ import annotations

import json
import subprocess
import sys

from generator.cli import main

from .conftest import copy_project

NEW_SEED = """Ukraine asks allies for more air defence

Defence Minister Rustem Umerov met allies in Brussels on Thursday, February 15, 2024.

"We need more air defence systems before the winter," said Olena Hrytsenko, an adviser to the ministry.

Ukraine's allies promised to consider the request, Hrytsenko added.
"""


def test_review_lists_unknown_people_with_context_and_skips_what_a_sidecar_settled(tmp_path, capsys):
    root = copy_project(tmp_path / "p")
    (root / "content" / "seeds" / "200_new.txt").write_text(NEW_SEED, encoding="utf-8")
    assert main(["--root", str(root), "review"]) == 0
    out = capsys.readouterr().out
    assert "content/seeds/200_new.txt" in out
    assert "unknown person 'Olena Hrytsenko'" in out and "air defence systems" in out
    assert "000_6a68046b109a9a6b" not in out  # its date comes from a sidecar
    assert "synthesized title: NATO chief Jens Stoltenberg" in out


def test_extract_explain_says_which_cues_and_rules_fired(tmp_path, capsys):
    root = copy_project(tmp_path / "p")
    seed = root / "content" / "seeds" / "002_0e4e21fef0fe375a.txt"
    assert main(["--root", str(root), "extract", "--json", "--explain", str(seed)]) == 0
    record = json.loads(capsys.readouterr().out)
    explain = record["explain"]
    nato = next(t for t in explain["topics"] if t["id"] == "nato-membership")
    assert nato["assigned"] and nato["cues"]
    assert any(m["surface"] == "Zelenskiy" and m["name"] == "Volodymyr Zelensky" for m in explain["mentions"])
    assert explain["date"]


def test_the_command_flushes_its_output_and_exits_with_the_code_of_main(tmp_path):
    root = copy_project(tmp_path / "p")
    (root / "content" / "seeds" / "200_new.txt").write_text(NEW_SEED, encoding="utf-8")
    missing = root / "content" / "seeds" / "404_missing.txt"
    seed = root / "content" / "seeds" / "200_new.txt"
    command = [sys.executable, "-m", "generator.cli", "--root", str(root), "extract", "--json"]
    run = subprocess.run([*command, str(seed), str(missing)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 1  # one seed could not be read
    assert "404_missing.txt" in run.stderr
    assert [r["seed"] for r in json.loads(run.stdout)] == ["content/seeds/200_new.txt"]  # piped: flushed
