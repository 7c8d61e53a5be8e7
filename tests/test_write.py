"""Briefing files: every character of the article survives, none becomes markup."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from generator.record import Briefing, Quote
from generator.site.reader import render_markdown
from generator.write import body_markdown, body_text, escape_markdown, render_briefing, split_briefing

HOSTILE = [
    '<script>alert("x")</script>',
    '<img src=x onerror="alert(1)">',
    "<iframe src='https://evil.example'></iframe>",
    "[click](javascript:alert(1))",
    "{{ config }} and {% include 'x' %}",
    "# not a heading",
    "1. not a list",
    "- not a list either",
    "**not bold** and _not italic_",
    "&amp; stays &amp;",
    "back\\slash",
]


def test_hostile_html_in_the_body_renders_as_text():
    html = render_markdown(body_markdown("\n\n".join(HOSTILE)))
    assert "<script" not in html and "<img" not in html and "<iframe" not in html
    assert "&lt;script&gt;" in html
    assert 'href="javascript' not in html


def test_markdown_and_jinja_in_the_text_come_out_exactly_as_written():
    md = MarkdownIt("commonmark", {"html": False})
    for text in HOSTILE:
        rendered = md.render(escape_markdown(text))
        plain = rendered.removeprefix("<p>").removesuffix("</p>\n")
        plain = plain.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
        assert plain == text


def test_subheadings_stay_headings():
    html = render_markdown(body_markdown("First paragraph.\n\n## Two more soldiers killed\n\nNext one."))
    assert "<h2>Two more soldiers killed</h2>" in html


def test_yaml_significant_characters_in_a_title_round_trip():
    title = "Breaking: 'NATO' # \"allies\" --- say: yes"
    record = Briefing(title=title, body="Text.", quotes=[Quote("X", 'He said "no": --- #')])
    meta, body = split_briefing(render_briefing(record))
    assert meta["title"] == title
    assert meta["quotes"] == [{"speaker": "X", "text": 'He said "no": --- #'}]
    assert body_text(body) == "Text."


def test_the_same_record_gives_the_same_bytes():
    record = Briefing(title="T", body="A.\n\nB.", people=["Jens Stoltenberg"], slug="t", guid="g")
    assert render_briefing(record) == render_briefing(Briefing.from_dict(record.to_dict()))


paragraph = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1).map(str.strip).filter(bool)


@given(st.lists(paragraph, min_size=1, max_size=4))
def test_any_body_round_trips_through_the_briefing_file(paragraphs):
    body = "\n\n".join(p for p in paragraphs if not p.startswith("## "))
    if not body:
        return
    record = Briefing(title=paragraphs[0], body=body, summary=paragraphs[-1])
    meta, markdown = split_briefing(render_briefing(record))
    assert meta["title"] == record.title
    assert meta["summary"] == record.summary
    assert body_text(markdown) == body.strip()
