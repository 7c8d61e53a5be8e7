"""The reader's cache: a briefing's body is rendered once for as long as it is published."""

from __future__ import annotations

from generator.site import reader
from generator.site.reader import ReadCache, body_key, rendered_body


def counting_renders(monkeypatch) -> list[str]:
    rendered: list[str] = []
    real = reader.render_markdown
    monkeypatch.setattr(reader, "render_markdown", lambda text: rendered.append(text) or real(text))
    return rendered


def test_a_published_body_is_rendered_once_however_many_builds_leave_it_unread(tmp_path, monkeypatch):
    rendered = counting_renders(monkeypatch)
    first = rendered_body("Talks resumed.", ReadCache(tmp_path / "read.sqlite"), "digest-1")
    for _ in range(5):  # builds in which no page showed it, but it stayed published
        ReadCache(tmp_path / "read.sqlite").keep_bodies([body_key("digest-1")])
    again = rendered_body("Talks resumed.", ReadCache(tmp_path / "read.sqlite"), "digest-1")
    assert again == first == "<p>Talks resumed.</p>\n" and rendered == ["Talks resumed."]


def test_a_body_no_longer_published_is_forgotten(tmp_path, monkeypatch):
    cache = ReadCache(tmp_path / "read.sqlite")
    rendered_body("Old text.", cache, "old-digest")
    rendered_body("New text.", cache, "new-digest")
    cache.keep_bodies([body_key("new-digest")])
    assert cache.body(body_key("old-digest")) is None
    assert cache.body(body_key("new-digest")) == "<p>New text.</p>\n"


def test_a_record_without_a_digest_is_rendered_every_time(tmp_path, monkeypatch):
    rendered = counting_renders(monkeypatch)
    cache = ReadCache(tmp_path / "read.sqlite")
    rendered_body("Text.", cache, "")
    rendered_body("Text.", cache, "")
    assert rendered == ["Text.", "Text."]
