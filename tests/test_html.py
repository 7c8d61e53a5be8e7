"""Every page is well-formed HTML a screen reader can navigate: a strict HTML5 parse (the
WHATWG algorithm, html5lib, every parse error fatal), one h1, headings in order, a
language, alt text, and the four landmarks."""

from __future__ import annotations

import json
from pathlib import Path

import html5lib
import pytest
import yaml

from generator.site.jsonld import news_article, script_json

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def html_pages(output: Path) -> list[Path]:
    return sorted(p for p in output.rglob("*.html") if "pagefind" not in p.relative_to(output).parts)


@pytest.fixture(scope="module")
def documents(built_site):
    """Each page's document tree, from a strict parse (a parse error fails the test)."""
    output = built_site[0] / "output"
    parsed = {}
    for page in html_pages(output):
        parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
        try:
            parsed[page.relative_to(output).as_posix()] = parser.parse(page.read_bytes())
        except html5lib.html5parser.ParseError as error:
            pytest.fail(f"{page.relative_to(output)}: {error}")
    return parsed


def test_the_strict_parser_rejects_what_a_validator_would():
    for broken in ("<p>no doctype</p>", "<!DOCTYPE html><p><div></p>", "<!DOCTYPE html><b><i></b></i>"):
        with pytest.raises(html5lib.html5parser.ParseError):
            html5lib.HTMLParser(strict=True).parse(broken)


def test_every_page_parses_strictly(documents):
    assert len(documents) > 50  # the five briefings, their actors and topics, the indexes


def test_every_page_has_a_language(documents):
    for name, root in documents.items():
        assert root.get("lang") == "en", name


def test_every_page_has_exactly_one_h1(documents):
    for name, root in documents.items():
        assert len(root.findall(".//h1")) == 1, name


def test_headings_never_skip_a_level(documents):
    for name, root in documents.items():
        levels = [int(e.tag[1]) for e in root.iter() if e.tag in HEADINGS]
        assert levels[0] == 1, name
        for before, after in zip(levels, levels[1:], strict=False):
            assert after <= before + 1, (name, levels)


def test_every_image_has_alt_text(documents):
    for name, root in documents.items():
        for image in root.iter("img"):
            assert image.get("alt") is not None, (name, image.attrib)


def test_every_page_has_header_nav_main_and_footer_landmarks(documents):
    for name, root in documents.items():
        body = root.find("body")
        top_level = [child.tag for child in body]
        assert {"header", "main", "footer"} <= set(top_level), (name, top_level)
        assert body.find("header/nav") is not None, name
        assert len(root.findall(".//main")) == 1, name
        assert body.find("header/div[@class='search']/div[@id='search']") is not None, name


def test_the_skip_link_leads_to_the_main_content(documents):
    for name, root in documents.items():
        first_link = root.find("body/a")
        assert first_link.get("href") == "#main", name
        assert root.find(".//main").get("id") == "main", name


def head_meta(root, prop: str) -> str | None:
    for meta in root.iter("meta"):
        if meta.get("property") == prop:
            return meta.get("content")
    return None


def test_every_page_has_open_graph_tags(documents):
    for name, root in documents.items():
        for prop in ("og:title", "og:description", "og:type", "og:url", "og:site_name"):
            assert head_meta(root, prop), (name, prop)
        expected = "article" if name.startswith("briefings/") else "website"
        assert head_meta(root, "og:type") == expected, name


def test_each_briefing_has_news_article_json_ld(built_site, documents):
    root_dir = built_site[0]
    for md in (root_dir / "content" / "briefings").glob("*.md"):
        record = yaml.safe_load(md.read_text(encoding="utf-8").split("---\n")[1])
        page = documents[f"briefings/{md.stem}/index.html"]
        [script] = [s for s in page.iter("script") if s.get("type") == "application/ld+json"]
        data = json.loads(script.text)
        assert data["@type"] == "NewsArticle" and data["headline"] == record["title"]
        assert data.get("datePublished") == record["date"]
        assert data.get("publisher", {}).get("name") == record["source"]  # no outlet known: none
        assert data["url"] == f"https://briefings.example.org/briefings/{md.stem}/"
        assert {m["url"].split("/")[-2] for m in data["mentions"]} <= set(record["actors"])
        assert [a["url"].split("/")[-2] for a in data["about"]] == record["topics"]


def test_json_ld_cannot_be_closed_by_a_hostile_title():
    record = {"title": "</script><script>alert(1)</script> & <!--", "slug": "x", "date": "2021-04"}
    text = script_json(news_article(record, None, "https://example.org"))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["headline"] == record["title"]
    assert json.loads(text)["datePublished"] == "2021-04"  # at its known precision


def test_json_ld_leaves_out_what_is_unknown_and_links_no_script_urls():
    record = {"title": "Talks in Kyiv", "slug": "talks", "date": None, "url": "javascript:alert(1)"}
    data = news_article(record, None, "https://example.org/")
    assert "datePublished" not in data and "publisher" not in data and "isBasedOn" not in data
    assert data["url"] == "https://example.org/briefings/talks/"
