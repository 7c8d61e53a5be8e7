"""The knowledge base: actors, roles and topics, as maintainers write them in YAML.

`content/actors.yaml`::

    roles:                      # role -> phrases that name its holder without a name
      President of Ukraine: [Ukrainian president, Ukraine's president]
    actors:
      - id: volodymyr-zelensky
        name: Volodymyr Zelensky
        kind: person            # person | organization | country | place
        aliases: [Zelensky, Zelenskiy, Zelenskyy]   # variants and known misprints
        roles:
          - {role: President of Ukraine, from: 2019-05-20}   # `to` optional
        wikidata: Q3881127      # optional
        description: President of Ukraine since 2019.

`content/topics.yaml`: a list of ``{id, name, about, iptc?, threshold?, cues}``
where ``cues`` maps a phrase (case-insensitive, whole words, a trailing ``*``
matches any word ending) to its weight.

A malformed entry fails loudly with the file and line (`KnowledgeError`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

KINDS = ("person", "organization", "country", "place")
DEFAULT_TOPIC_THRESHOLD = 3.0
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when the wheel has it


class KnowledgeError(ValueError):
    """A malformed knowledge-base entry; the message names file and line."""


@dataclass(frozen=True)
class RoleSpell:
    role: str
    start: dt.date | None = None
    end: dt.date | None = None

    def holds_on(self, day: dt.date | None) -> bool:
        if day is None:
            return self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    roles: tuple[RoleSpell, ...] = ()
    wikidata: str | None = None
    description: str = ""
    line: int = 0

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name first, then every alias."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Topic:
    id: str
    name: str
    about: str = ""
    iptc: str | None = None
    threshold: float = DEFAULT_TOPIC_THRESHOLD
    cues: tuple[tuple[str, float], ...] = ()
    line: int = 0


@dataclass
class KnowledgeBase:
    actors: list[Actor] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    role_phrases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    fingerprint: str = ""

    def __post_init__(self) -> None:
        self.by_id = {a.id: a for a in self.actors}
        self.by_name = {a.name: a for a in self.actors}
        self.topic_by_id = {t.id: t for t in self.topics}
        # (actor, spell) of each role in knowledge-base order: `holders` is asked for every role
        # phrase an article has, and most actors hold no role at all
        self._spells: dict[str, list[tuple[Actor, RoleSpell]]] = {}
        for actor in self.actors:
            for spell in actor.roles:
                self._spells.setdefault(spell.role, []).append((actor, spell))

    def holders(self, role: str, day: dt.date | None) -> list[Actor]:
        """Actors holding `role` on `day` (today's holder when the day is unknown)."""
        return [actor for actor, spell in self._spells.get(role, ()) if spell.holds_on(day)]


def knowledge_fingerprint(content_dir: Path) -> str:
    """A hash of the knowledge files' bytes: what the extraction cache keys on, without parsing."""
    digest = hashlib.sha256()
    for name in ("actors.yaml", "topics.yaml"):
        path = content_dir / name
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()


# The knowledge base last loaded from each folder, with the fingerprint of its files: a build
# asks for it at several stages (the check before any work, the extractor, the site), and
# a long-running `briefings watch` gets a fresh one as soon as a file changes.
_loaded: dict[Path, tuple[str, KnowledgeBase]] = {}


def load_knowledge(content_dir: Path) -> KnowledgeBase:
    """The knowledge base in `content_dir`, parsed once per version of its files.
    Treat it as read-only: it is shared."""
    fingerprint = knowledge_fingerprint(content_dir)
    key = content_dir.resolve()
    if key in _loaded and _loaded[key][0] == fingerprint:
        return _loaded[key][1]
    kb = _parse_knowledge(content_dir, fingerprint)
    _loaded[key] = (fingerprint, kb)
    return kb


def _parse_knowledge(content_dir: Path, fingerprint: str) -> KnowledgeBase:
    actors_path = content_dir / "actors.yaml"
    topics_path = content_dir / "topics.yaml"
    actors_doc = _compose(actors_path) if actors_path.exists() else None
    topics_doc = _compose(topics_path) if topics_path.exists() else None
    role_phrases, actors = _read_actors(actors_path, actors_doc)
    topics = _read_topics(topics_path, topics_doc)
    return KnowledgeBase(actors, topics, role_phrases, fingerprint)


# -- YAML with line numbers -------------------------------------------------


def _compose(path: Path) -> yaml.Node | None:
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise KnowledgeError(f"{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from exc
    _reject_duplicate_keys(path, node)
    return node


def _reject_duplicate_keys(path: Path, node: yaml.Node | None) -> None:
    """PyYAML keeps the last of two equal keys; a maintainer's second `aliases:` must not vanish."""
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: set[Any] = set()
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen:
                        raise KnowledgeError(f"{path}:{_line(key)}: key {key.value!r} is repeated")
                    seen.add(key.value)
                stack.append(value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)


def _value(node: yaml.Node) -> Any:
    return yaml.SafeLoader(  # construct plain data from one node
        ""
    ).construct_document(node)


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _entries(path: Path, node: yaml.Node | None, what: str) -> list[tuple[int, dict]]:
    if node is None:
        return []
    if not isinstance(node, yaml.SequenceNode):
        raise KnowledgeError(f"{path}:{_line(node)}: {what} must be a list")
    out = []
    for item in node.value:
        value = _value(item)
        if not isinstance(value, dict):
            raise KnowledgeError(f"{path}:{_line(item)}: each {what[:-1]} must be a mapping")
        out.append((_line(item), value))
    return out


def _read_actors(path: Path, doc: yaml.Node | None) -> tuple[dict[str, tuple[str, ...]], list[Actor]]:
    if doc is None:
        return {}, []
    if not isinstance(doc, yaml.MappingNode):
        raise KnowledgeError(f"{path}:{_line(doc)}: expected a mapping with `roles` and `actors`")
    sections = {key.value: value for key, value in doc.value}
    unknown = set(sections) - {"roles", "actors"}
    if unknown:
        raise KnowledgeError(f"{path}:{_line(doc)}: unknown section {sorted(unknown)[0]!r}")
    role_phrases = _read_roles(path, sections.get("roles"))
    actors: list[Actor] = []
    seen_ids: dict[str, int] = {}
    alias_owner: dict[str, tuple[str, int]] = {}
    for line, entry in _entries(path, sections.get("actors"), "actors"):
        actor = _actor(path, line, entry, role_phrases)
        if actor.id in seen_ids:
            raise KnowledgeError(
                f"{path}:{line}: duplicate actor id {actor.id!r} (first at line {seen_ids[actor.id]})"
            )
        seen_ids[actor.id] = line
        for alias in actor.names:
            key = alias.casefold()
            owner = alias_owner.get(key)
            if owner and owner[0] != actor.id:
                raise KnowledgeError(
                    f"{path}:{line}: alias {alias!r} of {actor.id!r} is already claimed by "
                    f"{owner[0]!r} (line {owner[1]})"
                )
            alias_owner[key] = (actor.id, line)
        actors.append(actor)
    return role_phrases, actors


def _read_roles(path: Path, node: yaml.Node | None) -> dict[str, tuple[str, ...]]:
    if node is None:
        return {}
    if not isinstance(node, yaml.MappingNode):
        raise KnowledgeError(f"{path}:{_line(node)}: `roles` must map each role to a list of phrases")
    roles = {}
    for key, value in node.value:
        phrases = _value(value) or []
        if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
            raise KnowledgeError(
                f"{path}:{_line(key)}: phrases of role {key.value!r} must be a list of strings"
            )
        roles[str(key.value)] = tuple(phrases)
    return roles


def _actor(path: Path, line: int, entry: dict, role_phrases: dict) -> Actor:
    where = f"{path}:{line}"
    for key in ("id", "name", "kind"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise KnowledgeError(f"{where}: actor needs a string `{key}`")
    allowed = {"id", "name", "kind", "aliases", "roles", "wikidata", "description"}
    unknown = set(entry) - allowed
    if unknown:
        raise KnowledgeError(f"{where}: unknown key {sorted(unknown)[0]!r} in actor {entry['id']!r}")
    if entry["kind"] not in KINDS:
        raise KnowledgeError(
            f"{where}: unknown kind {entry['kind']!r} for {entry['id']!r} (one of {', '.join(KINDS)})"
        )
    aliases = entry.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise KnowledgeError(f"{where}: `aliases` of {entry['id']!r} must be a list of strings")
    spells = []
    for spell in entry.get("roles") or []:
        if not isinstance(spell, dict) or not isinstance(spell.get("role"), str):
            raise KnowledgeError(f"{where}: each role of {entry['id']!r} needs a `role`")
        spells.append(
            RoleSpell(spell["role"], _date(where, spell.get("from")), _date(where, spell.get("to")))
        )
    return Actor(
        id=entry["id"],
        name=entry["name"],
        kind=entry["kind"],
        aliases=tuple(a for a in aliases if a != entry["name"]),
        roles=tuple(spells),
        wikidata=entry.get("wikidata"),
        description=str(entry.get("description") or ""),
        line=line,
    )


def _date(where: str, value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise KnowledgeError(f"{where}: {value!r} is not a YYYY-MM-DD date") from exc


def _read_topics(path: Path, doc: yaml.Node | None) -> list[Topic]:
    topics: list[Topic] = []
    seen: dict[str, int] = {}
    for line, entry in _entries(path, doc, "topics"):
        where = f"{path}:{line}"
        if not isinstance(entry.get("id"), str) or not isinstance(entry.get("name"), str):
            raise KnowledgeError(f"{where}: topic needs a string `id` and `name`")
        unknown = set(entry) - {"id", "name", "about", "iptc", "threshold", "cues"}
        if unknown:
            raise KnowledgeError(f"{where}: unknown key {sorted(unknown)[0]!r} in topic {entry['id']!r}")
        if entry["id"] in seen:
            raise KnowledgeError(
                f"{where}: duplicate topic id {entry['id']!r} (first at line {seen[entry['id']]})"
            )
        seen[entry["id"]] = line
        threshold = entry.get("threshold")
        if threshold is None and "threshold" not in entry:
            threshold = DEFAULT_TOPIC_THRESHOLD
        if not isinstance(threshold, (int, float)) or isinstance(threshold, bool):
            raise KnowledgeError(f"{where}: `threshold` of {entry['id']!r} must be a number")
        cues = entry.get("cues") or {}
        if not isinstance(cues, dict) or not all(isinstance(w, (int, float)) for w in cues.values()):
            raise KnowledgeError(f"{where}: `cues` of {entry['id']!r} must map phrases to weights")
        topics.append(
            Topic(
                id=entry["id"],
                name=entry["name"],
                about=str(entry.get("about") or ""),
                iptc=entry.get("iptc"),
                threshold=float(threshold),
                cues=tuple((str(p), float(w)) for p, w in cues.items()),
                line=line,
            )
        )
    return topics
