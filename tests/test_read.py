"""The read-seed stage: every test writes a real file of its kind and reads it back."""

from __future__ import annotations

import codecs
import hashlib
import os
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  registers sloppy-windows-1252
import pytest

from generator.read import MAX_SEED_BYTES, SEED_SUFFIXES, SeedError, read_seed, with_title_heading

ZELENSKY = (
    "Ukrainian President Volodymyr Zelenskiy on Tuesday urged NATO to speed up his country's membership "
    "in the alliance, saying it was the only way to end fighting with pro-Russia separatists."
)
CURLY = "“NATO is the only way to end the war in Donbas,” Zelensky said — adding that Ukraine’s MAP mattered."
RUSSIAN = "Президент России Владимир Путин заявил во вторник, что Москва не намерена нападать на Украину."
UKRAINIAN = (
    "Президент України Володимир Зеленський у вівторок закликав НАТО пришвидшити вступ країни до Альянсу."
)
FRENCH = "Le président français Emmanuel Macron a déclaré à Paris que l'Europe devait « se réveiller »."


def write(tmp_path: Path, data: bytes, name: str = "seed.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def problem(path: Path, root: Path | None = None) -> str:
    with pytest.raises(SeedError) as caught:
        read_seed(path, root)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    return message.removeprefix(f"{path}: ")


# -- decoding -------------------------------------------------------------------------------------


def test_plain_utf8_is_read_as_is(tmp_path):
    seed = read_seed(write(tmp_path, f"{ZELENSKY}\n\n{CURLY}\n".encode()))
    assert seed.text == f"{ZELENSKY}\n\n{CURLY}\n"
    assert (seed.encoding, seed.format, seed.markdown, seed.meta) == ("utf-8", "txt", False, {})


def test_utf8_byte_order_mark_is_dropped(tmp_path):
    seed = read_seed(write(tmp_path, codecs.BOM_UTF8 + CURLY.encode()))
    assert seed.text == CURLY
    assert seed.encoding == "utf-8-sig"


@pytest.mark.parametrize(
    "data",
    [
        CURLY.encode("utf-16"),
        codecs.BOM_UTF16_BE + CURLY.encode("utf-16-be"),
        codecs.BOM_UTF16_LE + RUSSIAN.encode("utf-16-le"),
    ],
    ids=["native", "big-endian", "cyrillic-little-endian"],
)
def test_utf16_with_byte_order_mark_is_decoded(tmp_path, data):
    seed = read_seed(write(tmp_path, data))
    assert seed.text in (CURLY, RUSSIAN)
    assert seed.encoding == "utf-16"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_byte_order_mark_is_recognized_by_its_nul_bytes(tmp_path, codec):
    seed = read_seed(write(tmp_path, f"{ZELENSKY}\n{CURLY}\n".encode(codec)))
    assert seed.text == f"{ZELENSKY}\n{CURLY}\n"
    assert seed.encoding == codec


@pytest.mark.parametrize("sentence", [RUSSIAN, UKRAINIAN, "Москва заявила"], ids=["ru", "uk", "short"])
def test_cp1251_cyrillic_news_is_not_mistaken_for_a_western_code_page(tmp_path, sentence):
    seed = read_seed(write(tmp_path, sentence.encode("cp1251")))
    assert seed.text == sentence
    assert seed.encoding == "cp1251"


def test_koi8r_cyrillic_is_told_apart_from_cp1251(tmp_path):
    seed = read_seed(write(tmp_path, RUSSIAN.encode("koi8-r")))
    assert seed.text == RUSSIAN
    assert seed.encoding == "koi8-r"


def test_cp1252_curly_quotes_and_em_dash_are_decoded(tmp_path):
    seed = read_seed(write(tmp_path, CURLY.encode("cp1252")))
    assert seed.text == CURLY
    assert seed.encoding == "cp1252"


@pytest.mark.parametrize(
    "sentence",
    [FRENCH, "Außenministerin Annalena Baerbock sagte am Montag in München, die Lage sei sehr ernst."],
    ids=["french", "german"],
)
def test_latin1_accents_are_decoded(tmp_path, sentence):
    seed = read_seed(write(tmp_path, sentence.encode("latin-1")))
    assert seed.text == sentence
    assert seed.encoding in ("cp1252", "iso8859-1")  # identical without bytes 0x80-0x9F


def test_stray_cp1252_bytes_in_utf8_text_are_read_as_cp1252(tmp_path):
    data = f"{CURLY}\n{FRENCH}\n".encode() + "Russia’s envoy said.".encode("cp1252")
    seed = read_seed(write(tmp_path, data))
    assert seed.text == f"{CURLY}\n{FRENCH}\nRussia’s envoy said."
    assert seed.encoding == "utf-8+cp1252"


def test_cp1252_text_with_a_little_utf8_is_read_as_cp1252_and_the_utf8_repaired(tmp_path):
    data = "Zelensky’s office said ".encode() + "“NATO is the only way.”".encode("cp1252")
    seed = read_seed(write(tmp_path, data))
    assert seed.text == "Zelensky’s office said “NATO is the only way.”"
    assert seed.encoding == "cp1252"


def test_sha256_is_of_the_raw_bytes_not_the_decoded_text(tmp_path):
    data = b"\r\n" + RUSSIAN.encode("cp1251") + b"\r\n"
    seed = read_seed(write(tmp_path, data))
    assert seed.sha256 == hashlib.sha256(data).hexdigest()
    assert seed.text == f"\n{RUSSIAN}\n"


# -- repair and normalization ---------------------------------------------------------------------


def mojibake(text: str, code_page: str = "sloppy-windows-1252") -> str:
    """UTF-8 bytes wrongly decoded with a single-byte code page, as scrapers do."""
    return text.encode().decode(code_page)


def test_mojibake_apostrophe_is_repaired(tmp_path):
    seed = read_seed(write(tmp_path, f"{ZELENSKY}\nRussiaâ€™s military build-up\n".encode()))
    assert seed.text == f"{ZELENSKY}\nRussia’s military build-up\n"


@pytest.mark.parametrize(
    ("text", "code_page"),
    [
        ("He called it “a signal” to Moscow — again.", "sloppy-windows-1252"),
        (FRENCH, "sloppy-windows-1252"),
        ("Emmanuel Macron a déclaré à Paris", "latin-1"),
        (UKRAINIAN, "sloppy-windows-1251"),
    ],
    ids=["quotes-cp1252", "accents-cp1252", "accents-latin1", "cyrillic-cp1251"],
)
def test_mojibake_lines_are_repaired(tmp_path, text, code_page):
    seed = read_seed(write(tmp_path, f"{ZELENSKY}\n{mojibake(text, code_page)}\n".encode()))
    assert seed.text == f"{ZELENSKY}\n{text}\n"


def test_a_file_that_is_all_mojibake_is_repaired(tmp_path):
    data = mojibake(f"{CURLY}\n{FRENCH}\n").encode()
    assert read_seed(write(tmp_path, data)).text == f"{CURLY}\n{FRENCH}\n"


def test_accented_text_that_is_not_mojibake_is_left_alone(tmp_path):
    text = (
        f"{FRENCH}\nZürich, São Paulo, naïve, Łódź and Kraków — “fine”.\nСільське господарство\n{UKRAINIAN}\n"
    )
    assert read_seed(write(tmp_path, text.encode())).text == text


def test_curly_and_straight_quotes_are_kept_as_published(tmp_path):
    text = f"{CURLY}\n\"It's a 'signal',\" he said.\n‘Single’ quotes too.\n"
    assert read_seed(write(tmp_path, text.encode())).text == text


def test_odd_spaces_become_plain_spaces_and_invisible_characters_go(tmp_path):
    text = "NATO\u00a0chief Jens\u202fStoltenberg\u2009said 10\u2007000 troops\u200b were "
    text += "Stolten\u00adberg\u2019s \ufeffidea"
    seed = read_seed(write(tmp_path, text.encode()))
    assert seed.text == "NATO chief Jens Stoltenberg said 10 000 troops were Stoltenberg’s idea"


def test_line_endings_become_newlines_and_trailing_spaces_go(tmp_path):
    data = f"{ZELENSKY}  \r\n\r\n{CURLY}\t\r{RUSSIAN} \u00a0\n".encode()
    assert read_seed(write(tmp_path, data)).text == f"{ZELENSKY}\n\n{CURLY}\n{RUSSIAN}\n"


def test_leading_spaces_and_blank_lines_are_kept(tmp_path):
    text = "\n\n  Indented dateline: KYIV, April 6\n\n\n"
    assert read_seed(write(tmp_path, text.encode())).text == text


def test_html_entities_and_ligatures_in_text_seeds_are_fixed(tmp_path):
    seed = read_seed(write(tmp_path, "AT&amp;T and the ﬁnance ministry &#8212; officials said".encode()))
    assert seed.text == "AT&T and the finance ministry — officials said"


def test_a_five_megabyte_single_line_is_accepted(tmp_path):
    line = ("Russia’s “signal” — NATO said, naïvely. " * 130_000)[:5_000_000]
    seed = read_seed(write(tmp_path, line.encode()))
    assert seed.text == line.rstrip()


# -- formats --------------------------------------------------------------------------------------


def test_markdown_seed_is_kept_verbatim(tmp_path):
    text = (
        "\n\n# Ukraine Urges NATO to Speed Up Membership in 'Signal' to Moscow\n\nBy [AFP](#)\n\n"
        "April 06, 2021\n\n* **Zelenskiy** spoke with _Stoltenberg_.\n\n> “NATO is the only way.”\n"
    )
    seed = read_seed(write(tmp_path, text.encode(), "seed.md"))
    assert seed.text == text
    assert (seed.format, seed.markdown, seed.meta) == ("md", True, {})


ARTICLE_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Ukraine urges NATO to speed up membership | Kyiv Independent</title>
<meta property="og:title" content="Ukraine urges NATO to speed up membership">
<meta property="og:site_name" content="The Kyiv Independent">
<meta property="article:published_time" content="2021-04-06T14:20:00+03:00">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/war">War</a></li></ul></nav>
<main><article>
<h1>Ukraine urges NATO to speed up membership</h1>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a></div>
<p>Ukrainian President Volodymyr Zelensky on Tuesday urged NATO to speed up his country&rsquo;s membership
in the alliance, saying it was the only way to end fighting with pro-Russian separatists in the east.</p>
<h2>Build-up on the border</h2>
<p>Zelensky spoke with NATO Secretary General Jens Stoltenberg after an increase in clashes and Russian
military movements on the border raised fears of an escalation of the long-simmering conflict.</p>
<p>“NATO is the only way to end the war in Donbas,” Zelensky said on Twitter.</p>
</article></main>
<footer><p>© 2021 The Kyiv Independent. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>
"""


def test_html_article_text_is_extracted_without_boilerplate(tmp_path):
    seed = read_seed(write(tmp_path, ARTICLE_PAGE.encode(), "page.html"))
    assert seed.text.startswith("# Ukraine urges NATO to speed up membership\n")
    assert "## Build-up on the border" in seed.text
    assert "his country’s membership" in seed.text
    assert "“NATO is the only way to end the war in Donbas,” Zelensky said" in seed.text
    for boilerplate in ("Share on Facebook", "Privacy policy", "All rights reserved", "Home"):
        assert boilerplate not in seed.text
    assert (seed.format, seed.markdown) == ("html", True)


def test_html_metadata_is_found(tmp_path):
    meta = read_seed(write(tmp_path, ARTICLE_PAGE.encode("cp1252"), "page.htm")).meta
    assert meta["title"] == "Ukraine urges NATO to speed up membership"
    assert meta["date"] == "2021-04-06"
    assert meta["sitename"] == "The Kyiv Independent"


def test_html_page_without_article_text_is_refused(tmp_path):
    page = "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>"
    assert problem(write(tmp_path, page.encode(), "page.html")) == "no article text found in HTML"


def test_page_title_becomes_a_heading_only_when_the_text_lacks_it():
    body = "Zelensky spoke with NATO Secretary General Jens Stoltenberg.\n"
    assert with_title_heading(body, "Ukraine urges NATO") == f"# Ukraine urges NATO\n\n{body}"
    assert (
        with_title_heading(f"# Ukraine urges NATO\n\n{body}", "Ukraine urges NATO")
        == f"# Ukraine urges NATO\n\n{body}"
    )
    assert with_title_heading(body, None) == body


def test_unsupported_suffix_is_refused(tmp_path):
    assert problem(write(tmp_path, ZELENSKY.encode(), "seed.pdf")) == "unsupported file type"
    assert set(SEED_SUFFIXES) == {".txt", ".md", ".html", ".htm"}


# -- refusals -------------------------------------------------------------------------------------


def test_empty_file_is_refused(tmp_path):
    assert problem(write(tmp_path, b"")) == "empty file"


@pytest.mark.parametrize("data", [b"  \n\t\r\n  \n", "\u00a0\n\u2009\n".encode(), codecs.BOM_UTF8 + b"\n"])
def test_whitespace_only_file_is_refused(tmp_path, data):
    assert problem(write(tmp_path, data)) == "only whitespace"


def test_text_without_any_letter_is_refused(tmp_path):
    assert problem(write(tmp_path, "2021-04-06 — 14,000 / 10,000 %\n".encode())) == "no text"


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", ZELENSKY.encode() + b"\x00" + CURLY.encode()],
    ids=["png", "text-with-nul"],
)
def test_nul_bytes_outside_utf16_mean_binary_data(tmp_path, data):
    assert problem(write(tmp_path, data)) == "binary data (NUL bytes)"


def test_control_characters_without_nul_mean_binary_data(tmp_path):
    data = bytes(range(1, 32)) * 50 + b"some words"
    assert problem(write(tmp_path, data)) == "binary data (mostly non-text characters)"


def test_file_above_the_limit_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_SEED_BYTES + 5_000_000)  # sparse: nothing is written
    monkeypatch.setattr(Path, "open", lambda *a, **k: pytest.fail("read a file above the limit"))
    assert problem(path) == "too large (25.0 MB > 20 MB limit)"


def test_missing_file_is_refused(tmp_path):
    assert problem(tmp_path / "gone.txt") == "file not found"


def test_directory_is_refused(tmp_path):
    (tmp_path / "folder.txt").mkdir()
    assert problem(tmp_path / "folder.txt") == "is a directory"


def test_symlink_pointing_outside_root_is_refused(tmp_path):
    root = tmp_path / "content"
    (root / "seeds").mkdir(parents=True)
    outside = write(tmp_path, ZELENSKY.encode(), "secret.txt")
    link = root / "seeds" / "link.txt"
    link.symlink_to(outside)
    assert problem(link, root) == "symlink points outside content/"
    assert read_seed(link).text == ZELENSKY  # without a root nothing is confined


def test_symlink_inside_root_is_followed(tmp_path):
    root = tmp_path / "content"
    (root / "seeds").mkdir(parents=True)
    target = write(root, ZELENSKY.encode(), "original.txt")
    link = root / "seeds" / "link.txt"
    link.symlink_to(target)
    seed = read_seed(link, root)
    assert (seed.path, seed.text) == (link, ZELENSKY)


def test_broken_symlink_is_named_as_such(tmp_path):
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    assert problem(link) == "broken symlink"


def test_unreadable_file_is_refused(tmp_path, monkeypatch):
    path = write(tmp_path, ZELENSKY.encode())

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", denied)
    assert problem(path) == "permission denied"


def test_file_without_read_permission_is_refused(tmp_path):
    path = write(tmp_path, ZELENSKY.encode())
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as a user who can read anything (root)")
        assert problem(path) == "permission denied"
    finally:
        path.chmod(0o644)


def test_html_page_title_is_added_as_heading_and_a_missing_date_stays_missing(tmp_path):
    page = (
        "<html><head><title>Stoltenberg: Ukraine will join NATO</title></head><body>"
        "<div class='menu'><a href='/'>Home</a> <a href='/world'>World</a></div><div class='content'>"
        "<p>NATO Secretary-General Jens Stoltenberg said on Tuesday that Ukraine will one day join NATO, "
        "directly challenging Russian President Vladimir Putin.</p></div></body></html>"
    )
    seed = read_seed(write(tmp_path, page.encode(), "page.html"))
    assert seed.text.startswith("# Stoltenberg: Ukraine will join NATO\n\nNATO Secretary-General")
    assert "Home" not in seed.text
    assert seed.meta == {"title": "Stoltenberg: Ukraine will join NATO"}
