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
    first = rendered_body("Talks resumed.", ReadCache(tmp_path / "read.sqlite"))
    for _ in range(5):  # builds in which no page showed it, but it stayed published
        ReadCache(tmp_path / "read.sqlite").keep_bodies(["Talks resumed."])
    again = rendered_body("Talks resumed.", ReadCache(tmp_path / "read.sqlite"))
    assert again == first == "<p>Talks resumed.</p>\n" and rendered == ["Talks resumed."]


def test_bodies_no_longer_published_are_forgotten_once_they_are_many(tmp_path):
    cache = ReadCache(tmp_path / "read.sqlite")
    for n in range(3):
        rendered_body(f"Old text {n}.", cache)
    rendered_body("New text.", cache)
    cache.keep_bodies(["New text."])
    assert cache.body(body_key("Old text 0.")) is not None  # a few: not worth hashing every body
    for n in range(3, 200):
        rendered_body(f"Old text {n}.", cache)
    cache.keep_bodies(["New text."])
    assert cache.body(body_key("Old text 0.")) is None and cache.body(body_key("Old text 199.")) is None
    assert cache.body(body_key("New text.")) == "<p>New text.</p>\n"


def test_a_body_edited_by_its_seed_is_rendered_again(tmp_path, monkeypatch):
    rendered = counting_renders(monkeypatch)
    cache = ReadCache(tmp_path / "read.sqlite")
    assert rendered_body("Talks resumed.", cache) == "<p>Talks resumed.</p>\n"
    assert rendered_body("Talks *stalled*.", cache) == "<p>Talks *stalled*.</p>\n"  # escaped: text
    assert len(rendered) == 2
