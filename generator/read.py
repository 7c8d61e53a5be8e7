"""Read one seed file: raw bytes in, clean Unicode text out (the first stage of the pipeline).

The encoding is detected, not guessed: byte-order marks, BOM-less UTF-16 by its NUL bytes, strict UTF-8,
UTF-8 with stray cp1252 bytes, then legacy code pages proposed by charset-normalizer and picked by a
plausibility score (it misreads short texts). Then ftfy repairs mojibake (curly quotes kept as published)
and the text is normalized. HTML seeds go through trafilatura and come out as Markdown with metadata.
"""

from __future__ import annotations

import codecs
import functools
import hashlib
import logging
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from itertools import islice, pairwise
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import ftfy

MAX_SEED_BYTES = 20_000_000  # 20 MB: far above any article, low enough to stay fast
SEED_SUFFIXES = (".txt", ".md", ".html", ".htm")
_FORMATS = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html"}
_SAMPLE_BYTES = 256_000  # what the encoding detectors look at


class SeedError(Exception):
    """One clear line naming the file and the problem, e.g. 'content/seeds/x.txt: empty file'."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path, self.problem = path, problem
        super().__init__(f"{str(path).replace(chr(10), ' ')}: {problem}")


class _Problem(Exception):
    """Raised by the helpers below; read_seed adds the path."""


@dataclass(frozen=True)
class SeedText:
    path: Path
    text: str
    sha256: str  # of the raw bytes
    format: str  # txt | md | html
    encoding: str  # codec name; "utf-8+cp1252" for UTF-8 with stray cp1252 bytes
    markdown: bool
    meta: dict[str, str] = field(default_factory=dict)


def read_seed(path: Path, root: Path | None = None) -> SeedText:
    """Read, decode, repair and normalize one seed; any problem is a one-line SeedError."""
    try:
        fmt = _FORMATS.get(path.suffix.lower())
        if fmt is None:
            raise _Problem("unsupported file type")
        if root is not None:
            refuse_escaping_symlink(path, root)
        raw = read_bounded(path)
        text, encoding = decode_bytes(raw)
        refuse_non_text(text)
        meta: dict[str, str] = {}
        if fmt == "html":
            text, meta = extract_html(text)
        text = normalize_text(text, unescape_html=fmt != "html")
        refuse_non_text(text)
    except _Problem as problem:
        raise SeedError(path, str(problem)) from None
    return SeedText(path, text, hashlib.sha256(raw).hexdigest(), fmt, encoding, fmt != "txt", meta)


def refuse_escaping_symlink(path: Path, root: Path) -> None:
    try:
        real_root, real = root.resolve(), path.resolve()
    except (OSError, RuntimeError) as error:  # RuntimeError: a symlink loop, on Python 3.11
        raise _Problem(f"cannot resolve path ({error})") from None
    if not real.is_relative_to(real_root):
        written_inside = Path(os.path.abspath(path)).is_relative_to(os.path.abspath(root))
        raise _Problem(f"{'symlink points' if written_inside else 'file is'} outside {real_root.name}/")


def _too_large(size: int) -> _Problem:
    return _Problem(f"too large ({size / 1e6:.1f} MB > {MAX_SEED_BYTES // 1_000_000} MB limit)")


def read_bounded(path: Path) -> bytes:
    """The file's bytes; what is not a regular file or is over the limit is refused before reading."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise _Problem("is a directory" if stat.S_ISDIR(info.st_mode) else "not a regular file")
        if info.st_size > MAX_SEED_BYTES:
            raise _too_large(info.st_size)
        with path.open("rb") as handle:
            raw = handle.read(MAX_SEED_BYTES + 1)  # the file may have grown since stat
    except FileNotFoundError:
        raise _Problem("broken symlink" if path.is_symlink() else "file not found") from None
    except PermissionError:
        raise _Problem("permission denied") from None
    except OSError as error:
        raise _Problem(f"cannot read ({error.strerror or error})") from None
    if len(raw) > MAX_SEED_BYTES:
        raise _too_large(len(raw))
    if not raw:
        raise _Problem("empty file")
    return raw


# -- decoding -------------------------------------------------------------------------------------

_BOMS = (  # UTF-32 before UTF-16, whose little-endian BOM begins UTF-32's
    *((bom, "utf-32") for bom in (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)),
    (codecs.BOM_UTF8, "utf-8-sig"),
    *((bom, "utf-16") for bom in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)),
)


def decode_bytes(raw: bytes) -> tuple[str, str]:
    """(text, encoding name) of a seed's bytes."""
    encoding = next((name for bom, name in _BOMS if raw.startswith(bom)), None) or utf16_by_nul_bytes(raw)
    if encoding:
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            raise _Problem(f"undecodable (invalid {encoding} data)") from None
    if b"\x00" in raw:
        raise _Problem("binary data (NUL bytes)")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if mostly_utf8(raw):
        return raw.decode("utf-8", "seed-stray-cp1252"), "utf-8+cp1252"
    return decode_legacy(raw)


def utf16_by_nul_bytes(raw: bytes) -> str | None:
    """BOM-less UTF-16: Latin text has a NUL in every other byte, the odd ones in little-endian."""
    sample = raw[:4096]
    half = len(sample) // 2
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if half < 2 or max(even, odd) < half * 0.2 or min(even, odd) > half * 0.02:
        return None
    return "utf-16-le" if odd > even else "utf-16-be"


def _sample(raw: bytes) -> bytes:
    """The first bytes, cut after a newline so that no multi-byte character is split."""
    if len(raw) <= _SAMPLE_BYTES:
        return raw
    return raw[: raw.rfind(b"\n", 0, _SAMPLE_BYTES) + 1 or _SAMPLE_BYTES]


@functools.cache
def _ftfy() -> ModuleType:
    """ftfy, and its sloppy-windows-* codecs registered: imported when a seed is first read, so
    that a build process which reads none (its workers do) saves their 40 ms of imports."""
    import ftfy
    import ftfy.bad_codecs  # noqa: F401  registers the codecs

    return ftfy


def _stray_bytes_as_cp1252(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    _ftfy()  # registers the sloppy-windows codec
    return error.object[error.start : error.end].decode("sloppy-windows-1252"), error.end


codecs.register_error("seed-stray-cp1252", _stray_bytes_as_cp1252)
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
_VALID_NON_ASCII = re.compile("[^\x00-\x7f\udc80-\udcff]")


def mostly_utf8(raw: bytes) -> bool:
    """UTF-8 with a few pasted-in cp1252 bytes (a lone \\x93 quote) has more valid multi-byte characters
    than stray bytes; a legacy file has next to none."""
    sample = _sample(raw).decode("utf-8", "surrogateescape")
    strays = sum(1 for _ in _ESCAPED_BYTE.finditer(sample))
    return sum(1 for _ in islice(_VALID_NON_ASCII.finditer(sample), strays)) >= strays


# Tried in this order; an encoding further down must score strictly better to win.
_LEGACY_PREFERENCE = ("cp1252", "cp1251", "koi8-r", "cp1250", "iso8859-2", "mac-roman", "iso8859-1")


def decode_legacy(raw: bytes) -> tuple[str, str]:
    import charset_normalizer  # see `_ftfy`

    sample = _sample(raw)
    proposed = tuple(match.encoding for match in charset_normalizer.from_bytes(sample))
    candidates = dict.fromkeys(codecs.lookup(name).name for name in _LEGACY_PREFERENCE + proposed)
    scored = []
    for rank, name in enumerate(candidates):
        try:
            scored.append((implausibility(sample.decode(name)), rank, name))
        except UnicodeDecodeError:
            continue
    for *_, name in sorted(scored):
        try:
            return raw.decode(name), name
        except UnicodeDecodeError:
            continue
    raise _Problem("undecodable (unknown encoding)")


_NON_ASCII_WORD = re.compile(r"\S*[^\x00-\x7f]\S*")
_NEWS_SYMBOLS = frozenset("€£¥¢©®™°±×§¶•²³½¼¾")
_WORD_INNER_MARKS = frozenset("’‐‑·")


def _is_latin(char: str) -> bool:
    return char < "\u0250" or "\u1e00" <= char <= "\u1eff"


def _char_penalty(chars: str, at: int) -> int:
    char, category = chars[at], unicodedata.category(chars[at])
    if category in ("Cc", "Co", "Cn", "Cs") or char == "\ufffd":
        return 10
    if (category[0] == "S" or category == "No") and char not in _NEWS_SYMBOLS:
        return 3  # box drawing, '÷' for 'ч'...
    if category[0] == "P" and char not in _WORD_INNER_MARKS and 0 < at < len(chars) - 1:
        return 3 * (chars[at - 1].isalpha() and chars[at + 1].isalpha())  # 'mo¿e'
    return int(category[0] == "L" and "\u0100" <= char < "\u0250")  # beyond Latin-1: Polish, or a wrong page


def implausibility(text: str) -> int:
    """How unlike real text a decoding looks, judged on its words with non-ASCII characters."""
    penalty = 0
    for word in islice(_NON_ASCII_WORD.finditer(text), 2000):
        chars = word.group()
        penalty += sum(_char_penalty(chars, at) for at, char in enumerate(chars) if char >= "\x80")
        letters = [char for char in chars if char.isalpha()]
        latin = sum(map(_is_latin, letters))
        accented = sum(1 for char in letters if char >= "\x80" and _is_latin(char))
        penalty += 2 * (0 < latin < len(letters))  # Latin and Cyrillic (Greek...) in one word
        penalty += 2 * (len(letters) >= 3 and accented * 2 > len(letters))  # 'Ïðåçèäåíò': cp1251 as cp1252
        penalty += any(a.islower() and b.isupper() for a, b in pairwise(letters))  # 'пРЕЗИДЕНТ': koi8-r
    return penalty


_NON_TEXT = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\ufffd]")
_LETTER = re.compile(r"[^\W\d_]")


def refuse_non_text(text: str) -> None:
    sample = text[:100_000]
    if sum(1 for _ in _NON_TEXT.finditer(sample)) > len(sample) * 0.05:
        raise _Problem("binary data (mostly non-text characters)")
    if not text.strip():
        raise _Problem("only whitespace")
    if not _LETTER.search(text):
        raise _Problem("no text")


# -- HTML -----------------------------------------------------------------------------------------

_HTML_META_KEYS = ("title", "date", "sitename", "url", "author")
# trafilatura logs what it thinks of a page ("not valid HTML"); read_seed reports the seed's problem
# itself. Quiet, because after a build Pelican's logger class turns any warning into a RuntimeError.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


def extract_html(html: str) -> tuple[str, dict[str, str]]:
    """The article of an HTML page as Markdown (headings kept, no comments), and its metadata."""
    import trafilatura  # on first use: its import costs a tenth of a second that text seeds need not pay
    from trafilatura.xml import xmltotxt

    document = trafilatura.bare_extraction(
        html,
        output_format="markdown",
        include_formatting=True,
        include_comments=False,
        favor_precision=True,
        with_metadata=True,
    )
    body = getattr(document, "body", None)
    text = xmltotxt(body, include_formatting=True) if body is not None else ""
    if not has_a_sentence(text):
        raise _Problem("no article text found in HTML")
    meta = {key: str(value) for key in _HTML_META_KEYS if (value := getattr(document, key, None))}
    return with_title_heading(text, meta.get("title")), meta


def has_a_sentence(text: str) -> bool:
    """Menus and link lists have none: six words or more with a full stop, '!' or '?'."""
    return any(len(line.split()) >= 6 and any(mark in line for mark in ".!?") for line in text.split("\n"))


def with_title_heading(text: str, title: str | None) -> str:
    """Put the page title on top as a '# ' heading when the article text does not start with it."""
    first_line = text.lstrip().split("\n", 1)[0].lstrip("# ").strip()
    if not title or first_line.casefold() == title.strip().casefold():
        return text
    return f"# {title.strip()}\n\n{text}"


# -- repair and normalization ---------------------------------------------------------------------

_LINE_BREAK = re.compile("\r\n?|[\u2028\u2029]")
_ODD_SPACE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
# What ftfy fixes besides mojibake: entities, control characters, ligatures, fullwidth forms, surrogates.
_FTFY_OTHER_FIXES = re.compile(
    r"&#?\w+;|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufb00-\ufb06\uff01-\uff5e]"
)


def _mojibake_signature() -> re.Pattern[str]:
    """UTF-8 read as a single-byte code page leaves a lead byte's character, then a continuation byte's
    ('â€', 'Ã©', 'Ð¿', 'Ð¡Ñ'...). Only lines showing one go to ftfy's slower detector."""
    leads, trails = {"Р", "С"}, set(bytes(range(0x80, 0xC0)).decode("cp1251", "ignore"))  # Cyrillic as cp1251
    for code_page in ("cp1252", "latin-1", "cp1250", "mac-roman", "cp437"):
        leads.update(bytes(range(0xC2, 0xF5)).decode(code_page, "ignore"))
        trails.update(bytes(range(0x80, 0xC0)).decode(code_page, "ignore"))
    lead, trail = (re.escape("".join(sorted(chars))) for chars in (leads, trails))
    return re.compile(f"[{lead}](?:[{trail}]|(?<=[ÂÃ]) )|вЂ")  # 'Ã ': 'à' whose NBSP became a space


_MOJIBAKE = _mojibake_signature()


def undo_double_encoding(line: str) -> str:
    """A line of UTF-8 read as cp1252 comes back in one fast round trip; ftfy handles subtler cases."""
    _ftfy()  # registers the sloppy-windows codec
    try:
        return line.encode("sloppy-windows-1252").decode("utf-8")
    except UnicodeError:
        return line


def repair_mojibake(text: str, config: ftfy.TextFixerConfig) -> str:
    if not _MOJIBAKE.search(text) and not _FTFY_OTHER_FIXES.search(text):
        return text
    lines = text.split("\n")
    for index, line in enumerate(lines):  # line by line keeps ftfy's cost to the lines that need it
        if _MOJIBAKE.search(line):
            line = undo_double_encoding(line)
        if _MOJIBAKE.search(line) or _FTFY_OTHER_FIXES.search(line):
            line = _ftfy().fix_text(line, config)
        lines[index] = line
    return "\n".join(lines)


@functools.cache
def _ftfy_config(unescape_html: bool) -> ftfy.TextFixerConfig:
    return _ftfy().TextFixerConfig(
        uncurl_quotes=False, explain=False, unescape_html="auto" if unescape_html else False
    )


def normalize_text(text: str, unescape_html: bool = True) -> str:
    """Repaired, NFC, '\\n' line ends, plain spaces, no invisible characters, no trailing spaces."""
    text = _LINE_BREAK.sub("\n", text)
    text = repair_mojibake(text, _ftfy_config(unescape_html))
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", _ODD_SPACE.sub(" ", text))
    return "\n".join(line.rstrip() for line in text.split("\n"))
