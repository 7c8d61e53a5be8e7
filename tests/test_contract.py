"""`briefings extract --json` speaks the contract, and scores on the seeds as the issue asks."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from generator.record import CONTRACT_KEYS

from .conftest import ROOT, SEEDS, SHARED


def extract(*paths, check=True) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", "extract", "--json", *map(str, paths)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=check,
        timeout=300,
    )


def test_extract_prints_every_contract_key_for_every_seed():
    seeds = sorted(SEEDS.glob("*.txt"))
    records = json.loads(extract(*seeds).stdout)
    assert len(records) == len(seeds)
    for record in records:
        assert set(CONTRACT_KEYS) <= set(record), set(CONTRACT_KEYS) - set(record)
        assert record["seed"].startswith("content/seeds/")
        assert re.fullmatch(r"[0-9a-f]{64}", record["seed_sha256"])


def test_one_path_prints_one_object():
    record = json.loads(extract(sorted(SEEDS.glob("*.txt"))[0]).stdout)
    assert isinstance(record, dict)


def test_an_unreadable_file_is_one_line_on_stderr_and_the_others_still_print(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = extract(empty, sorted(SEEDS.glob("*.txt"))[0], check=False)
    assert result.returncode != 0
    assert len(json.loads(result.stdout)) == 1
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and "empty.txt" in errors[0]


@pytest.mark.skipif(not (SHARED / "tools" / "score_extraction.py").exists(), reason="needs ../shared")
def test_extraction_scores_at_least_90_with_every_field_at_least_80():
    result = subprocess.run(
        [
            sys.executable,
            str(SHARED / "tools" / "score_extraction.py"),
            "--cmd",
            f"{sys.executable} -m generator.cli extract --json",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    fields = dict(re.findall(r"^(\w+)\s+([\d.]+)$", result.stdout, re.M))
    score = float(re.search(r"score: ([\d.]+)/100", result.stdout).group(1))
    low = {k: v for k, v in fields.items() if float(v) < 80}
    assert score >= 90 and not low, result.stdout
