"""The write stage: a record becomes `content/briefings/<slug>.md`.

YAML front matter holds every contract field but `body`; the body follows as Markdown
in which every character of the article is escaped, so nothing a seed contains (HTML,
Markdown, Jinja) is ever read as markup: it renders exactly as written. Subheadings,
kept by the cleaner as "## text", are the only Markdown the body carries. The same
record always gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import yaml

from .record import Briefing

try:  # libyaml when the wheel has it: same output, ten times faster
    from yaml import CSafeDumper as _Dumper
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

FRONT_MATTER_FENCE = "---"
HEADING = "## "

# Inline characters CommonMark gives meaning to; escaping one that is harmless is also harmless.
_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]<>&|~!{}])")
# Characters that only matter where a line starts (lists, headings, quotes, code, rules).
_LINE_START_SPECIAL = re.compile(r"^(\s*)([#>+=-]|\d+(?=[.)]))")


def escape_markdown(text: str) -> str:
    """Text that markdown-it renders back to exactly `text`, with no markup."""
    lines = []
    for line in text.split("\n"):
        line = _INLINE_SPECIALS.sub(r"\\\1", line.strip())
        line = _LINE_START_SPECIAL.sub(_escape_line_start, line)
        lines.append(line)
    return "\n".join(lines)


def _escape_line_start(match: re.Match[str]) -> str:
    lead, token = match.groups()
    return f"{lead}{token}\\" if token[0].isdigit() else f"{lead}\\{token}"


def body_markdown(body: str) -> str:
    blocks = []
    for block in body.split("\n\n"):
        if not block.strip():
            continue
        if block.startswith(HEADING):
            blocks.append(HEADING + escape_markdown(block[len(HEADING) :].replace("\n", " ")))
        else:
            blocks.append(escape_markdown(block))
    return "\n\n".join(blocks)


def front_matter(record: Briefing) -> dict[str, Any]:
    data = record.to_dict()
    data.pop("body")
    return data


_FORMAT_VERSION = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def record_fingerprint(record: dict[str, Any], made_from: str = "") -> str:
    """Changes whenever the briefing file for this record (`Briefing.to_dict()` with its slug
    and guid) would change. `made_from`: a digest of all that decided the record's fields,
    when the pipeline knows it (`Extraction.made_from`): hashing it beats hashing the record."""
    if made_from:
        text = f"{made_from}\n{record['slug']}\n{record['guid']}"
    else:
        text = json.dumps(record, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(f"{_FORMAT_VERSION}\n{text}".encode()).hexdigest()


def render_briefing(record: Briefing) -> str:
    meta = yaml.dump(front_matter(record), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100_000)
    return f"{FRONT_MATTER_FENCE}\n{meta}{FRONT_MATTER_FENCE}\n\n{body_markdown(record.body)}\n"


def split_briefing(text: str) -> tuple[dict[str, Any], str]:
    """(front matter, Markdown body) of a briefing file."""
    if not text.startswith(FRONT_MATTER_FENCE + "\n"):
        return {}, text
    end = text.find(f"\n{FRONT_MATTER_FENCE}\n", len(FRONT_MATTER_FENCE))
    if end < 0:
        return {}, text
    meta = yaml.load(text[len(FRONT_MATTER_FENCE) + 1 : end + 1], Loader=_Loader) or {}
    return meta, text[end + len(FRONT_MATTER_FENCE) + 2 :].lstrip("\n")


def write_briefing(record: Briefing, directory: Path) -> bool:
    """Write `<slug>.md`; False when the file already held these bytes (left untouched)."""
    path = directory / f"{record.slug}.md"
    text = render_briefing(record)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def unescape_markdown(text: str) -> str:
    """The inverse of `escape_markdown`: the article text as it was."""
    return _ESCAPED.sub(r"\1", text)


def body_text(markdown: str) -> str:
    """The record's `body` back from a briefing's Markdown body."""
    return unescape_markdown(markdown.strip())
