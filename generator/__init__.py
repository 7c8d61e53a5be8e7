"""Briefings: raw news seeds to Markdown briefings and a static site."""

__version__ = "0.1.0"
