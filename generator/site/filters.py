"""Jinja filters the theme uses to show a record's fields."""

from __future__ import annotations

import datetime as dt

_SOURCES = {
    "text": "date from the text",
    "dateline": "date from the dateline",
    "inferred": "date inferred",
    "override": "date set by a maintainer",
}


def precise_date(date: str | None) -> str:
    """A date at the precision known: "6 April 2021", "April 2021", "2021" or "date unknown"."""
    if not date:
        return "date unknown"
    parts = [int(p) for p in str(date).split("-")]
    if len(parts) == 3:
        day = dt.date(*parts)
        return f"{day.day} {day:%B %Y}"
    if len(parts) == 2:
        return f"{dt.date(parts[0], parts[1], 1):%B %Y}"
    return str(parts[0])


def month_label(date: str | None) -> str:
    """The chronology's month heading ("April 2021"), or the year or "Undated"."""
    if not date:
        return "Undated"
    return precise_date(str(date)[:7])


def year_label(year: str) -> str:
    """A year page's name: "2021", or "Undated" for the briefings without a date."""
    return "Undated" if year == "undated" else year


def year_counts(years: dict[str, list]) -> list[tuple[str, int]]:
    """(year, how many) for a page's year links."""
    return [(year, len(items)) for year, items in years.items()]


def date_provenance(record: dict) -> str:
    return _SOURCES.get(record.get("date_source") or "", "no date found")


FILTERS = {
    "precise_date": precise_date,
    "month_label": month_label,
    "year_label": year_label,
    "year_counts": year_counts,
    "date_provenance": date_provenance,
}
