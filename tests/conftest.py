"""Shared fixtures: the project's five seeds, built once into a scratch copy of the project."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "content" / "seeds"
SHARED = ROOT.parent / "shared"


def copy_project(target: Path) -> Path:
    """A scratch project with the repository's seeds, knowledge base, theme and settings."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("theme", "content"):
        shutil.copytree(
            ROOT / name, target / name, ignore=shutil.ignore_patterns("briefings", "registry.json")
        )
    shutil.copy(ROOT / "pelicanconf.py", target / "pelicanconf.py")
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The five seeds built once: (project root, build report)."""
    from generator.build import Project, build

    root = copy_project(tmp_path_factory.mktemp("site"))
    report = build(Project(root))
    return root, report
