"""Where an actor is named in the cleaned body: shared by entity matching and quote attribution."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mention:
    paragraph: int  # index into the cleaned paragraphs
    start: int  # character offsets within that paragraph
    end: int
    surface: str  # the words as written ("Zelenskiy", "the Ukrainian president")
    name: str  # canonical name; as written for an uncatalogued person
    kind: str  # person | organization | country | place
    actor_id: str | None  # None for an uncatalogued person
    how: str  # alias | surname | title | role | fuzzy | uncatalogued
