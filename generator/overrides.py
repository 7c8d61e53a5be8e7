"""Sidecar overrides: a maintainer's corrections, beside the seed, that win over extraction.

`content/seeds/003_x.yaml` corrects `content/seeds/003_x.txt`. It holds only the keys to
change; a key that is not a contract field, a value of the wrong type, or YAML that does
not parse is an error for that seed, reported with the sidecar's name.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from pathlib import Path
from typing import Any

import yaml

from .record import Briefing, Event, Figure, Quote


class OverrideError(ValueError):
    """A broken sidecar; the message names the file."""


_STR = (str,)
_OPT_STR = (str, type(None))
_STR_LIST = "list[str]"
FIELD_TYPES: dict[str, Any] = {
    "title": _STR,
    "date": (str, dt.date, int, type(None)),
    "date_precision": _OPT_STR,
    "date_confidence": (int, float),
    "source": _OPT_STR,
    "wire": _STR_LIST,
    "url": _OPT_STR,
    "people": _STR_LIST,
    "organizations": _STR_LIST,
    "places": _STR_LIST,
    "actors": _STR_LIST,
    "topics": _STR_LIST,
    "quotes": Quote,
    "figures": Figure,
    "events": Event,
    "summary": _STR,
    "story": _OPT_STR,
    "note": _STR,  # the maintainer's reason, kept out of the record
}
DATE_FORMS = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}"}


def sidecar_path(seed: Path) -> Path:
    return seed.with_name(sidecar_name(seed.name))


def sidecar_name(seed_name: str) -> str:
    return f"{os.path.splitext(seed_name)[0]}.yaml"


def load_override(seed: Path) -> dict[str, Any]:
    """The sidecar's keys, validated; {} when there is no sidecar."""
    path = sidecar_path(seed)
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError, ValueError) as exc:  # ValueError: "date: 2020-02-30"
        raise OverrideError(f"{path}: not valid YAML ({_first_line(exc)})") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise OverrideError(f"{path}: expected a mapping of contract keys")
    for key, value in data.items():
        _check(path, key, value)
    if "date" in data:
        data["date"] = _normalize_date(path, data["date"])
    return data


def apply_override(record: Briefing, override: dict[str, Any]) -> Briefing:
    """The record with the sidecar's values; `*_source` fields say `override`."""
    changes: dict[str, Any] = {}
    for key, value in override.items():
        if key == "note":
            continue
        kind = FIELD_TYPES[key]
        if isinstance(kind, type) and dataclasses.is_dataclass(kind):
            value = [kind(**item) for item in value]
        changes[key] = value
    if "title" in changes:
        changes["title_source"] = "override"
    if "date" in changes:
        changes["date_source"] = "override" if changes["date"] else None
        changes.setdefault("date_precision", _precision(changes["date"]))
        changes.setdefault("date_confidence", 1.0 if changes["date"] else 0.0)
    return dataclasses.replace(record, **changes)


def _check(path: Path, key: Any, value: Any) -> None:
    if key not in FIELD_TYPES:
        raise OverrideError(f"{path}: unknown key {key!r} (not a contract field that can be overridden)")
    kind = FIELD_TYPES[key]
    if kind == _STR_LIST:
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        expected = "a list of strings"
    elif isinstance(kind, type) and dataclasses.is_dataclass(kind):
        names = {f.name for f in dataclasses.fields(kind)}
        ok = isinstance(value, list) and all(
            isinstance(v, dict) and set(v) == names and all(isinstance(x, str) for x in v.values())
            for v in value
        )
        expected = f"a list of {{{', '.join(sorted(names))}}} mappings"
    else:
        ok = isinstance(value, kind) and not isinstance(value, bool)
        expected = " or ".join("null" if t is type(None) else t.__name__ for t in kind)
    if not ok:
        raise OverrideError(f"{path}: {key!r} must be {expected}, not {type(value).__name__}")


def _normalize_date(path: Path, value: Any) -> str | None:
    if value is None:
        return None
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    if _precision(text) is None:
        raise OverrideError(f"{path}: 'date' must be YYYY-MM-DD, YYYY-MM or YYYY, not {text!r}")
    return text


def _precision(date: str | None) -> str | None:
    for precision, form in DATE_FORMS.items():
        if date and re.fullmatch(form, date):
            return precision
    return None


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
