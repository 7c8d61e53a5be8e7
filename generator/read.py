"""Read one seed file: raw bytes in, clean Unicode text out (the first stage of the pipeline).

The encoding is detected, not guessed: byte-order marks, the NUL pattern of BOM-less UTF-16, strict
UTF-8, UTF-8 with a few stray legacy bytes, then legacy single-byte encodings. charset-normalizer
proposes legacy candidates but misreads short texts, so a small plausibility score picks among them.
The text is then repaired (ftfy, curly quotes kept as published) and normalized (NFC, "\\n" line
ends, plain spaces). HTML seeds go through trafilatura and come out as Markdown with their metadata.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import charset_normalizer
import ftfy
import ftfy.bad_codecs  # noqa: F401  registers the sloppy-windows-* codecs
import trafilatura
from trafilatura.xml import xmltotxt

MAX_SEED_BYTES = 20_000_000  # 20 MB: far above any article, low enough to stay fast
SEED_SUFFIXES = (".txt", ".md", ".html", ".htm")
_FORMATS = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html"}
_SAMPLE_BYTES = 256_000  # what the encoding detectors see of a large file


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
    digest = hashlib.sha256(raw).hexdigest()
    return SeedText(path, text, digest, fmt, encoding, fmt != "txt", meta)


def refuse_escaping_symlink(path: Path, root: Path) -> None:
    try:
        real_root, real = root.resolve(), path.resolve()
    except (OSError, RuntimeError) as error:  # RuntimeError: symlink loop on Python 3.11
        raise _Problem(f"cannot resolve path ({error})") from None
    if real.is_relative_to(real_root):
        return
    written_inside = Path(os.path.abspath(path)).is_relative_to(os.path.abspath(root))
    raise _Problem(f"{'symlink points' if written_inside else 'file is'} outside {real_root.name}/")


def _too_large(size: int) -> _Problem:
    return _Problem(f"too large ({size / 1e6:.1f} MB > {MAX_SEED_BYTES // 1_000_000} MB limit)")


def read_bounded(path: Path) -> bytes:
    """The file's bytes, refusing what is not a regular file or is over the limit before reading it."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise _Problem("is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise _Problem("not a regular file")
        if info.st_size > MAX_SEED_BYTES:
            raise _too_large(info.st_size)
        with path.open("rb") as handle:
            raw = handle.read(MAX_SEED_BYTES + 1)  # the file may grow after stat
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

_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(raw: bytes) -> tuple[str, str]:
    """(text, encoding name) of a seed's bytes."""
    encoding = encoding_from_bom(raw) or utf16_from_nul_pattern(raw)
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
    mixed = decode_utf8_with_stray_cp1252(raw)
    return (mixed, "utf-8+cp1252") if mixed is not None else decode_legacy(raw)


def encoding_from_bom(raw: bytes) -> str | None:
    return next((name for bom, name in _BOMS if raw.startswith(bom)), None)


def utf16_from_nul_pattern(raw: bytes) -> str | None:
    """BOM-less UTF-16: Latin text has a NUL in every other byte, on the odd side for little-endian."""
    sample = raw[:4096]
    half = len(sample) // 2
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if half < 2 or max(even, odd) < half * 0.2 or min(even, odd) > half * 0.02:
        return None
    return "utf-16-le" if odd > even else "utf-16-be"


_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
_VALID_NON_ASCII = re.compile("[^\x00-\x7f\udc80-\udcff]")


def _stray_byte_as_cp1252(match: re.Match[str]) -> str:
    byte = bytes([ord(match.group()) - 0xDC00])
    try:
        return byte.decode("cp1252")
    except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined
        return byte.decode("latin-1")


def decode_utf8_with_stray_cp1252(raw: bytes) -> str | None:
    """UTF-8 text with a few pasted-in cp1252 bytes (a lone \\x93 quote): keep the UTF-8, read the strays
    as cp1252. A legacy file has no valid multi-byte sequences to outnumber its strays, so it returns None."""
    sample = raw[:_SAMPLE_BYTES].decode("utf-8", "surrogateescape")
    strays = sum(1 for _ in _ESCAPED_BYTE.finditer(sample))
    valid = sum(1 for _ in islice(_VALID_NON_ASCII.finditer(sample), strays))
    if valid < strays:
        return None
    return _ESCAPED_BYTE.sub(_stray_byte_as_cp1252, raw.decode("utf-8", "surrogateescape"))


# Tried in this order; an encoding further down must score strictly better to win.
_LEGACY_PREFERENCE = ("cp1252", "cp1251", "koi8-r", "cp1250", "iso8859-2", "mac-roman", "iso8859-1")


def decode_legacy(raw: bytes) -> tuple[str, str]:
    sample = raw[:_SAMPLE_BYTES]
    proposed = [match.encoding for match in charset_normalizer.from_bytes(sample)]
    names = dict.fromkeys(codecs.lookup(name).name for name in (*_LEGACY_PREFERENCE, *proposed))
    scored = []
    for rank, name in enumerate(names):
        try:
            scored.append((implausibility(sample.decode(name)), rank, name))
        except UnicodeDecodeError:  # undefined byte, or a multi-byte char cut by the sample's end
            continue
    for _, _, name in sorted(scored):
        try:
            return raw.decode(name), name
        except UnicodeDecodeError:
            continue
    raise _Problem("undecodable (unknown encoding)")


_NON_ASCII_WORD = re.compile(r"\S*[^\x00-\x7f]\S*")
_NEWS_SYMBOLS = frozenset("€£¥¢©®™°±×§¶•·²³½¼¾º")
_WORD_INNER_MARKS = frozenset("’'‐‑-·")


def _is_latin(char: str) -> bool:
    return char < "\u0250" or "\u1e00" <= char <= "\u1eff"


def implausibility(text: str) -> int:
    """How unlike real text a decoding looks, from its words with non-ASCII characters: control and
    box-drawing characters, symbols inside words, mixed scripts, 'Ïðåçèäåíò'-like runs of accents."""
    penalty = 0
    for word in islice(_NON_ASCII_WORD.finditer(text), 2000):
        chars = word.group()
        for position, char in enumerate(chars):
            if char < "\x80":
                continue
            category = unicodedata.category(char)
            if category in ("Cc", "Co", "Cn", "Cs") or char == "\ufffd":
                penalty += 10
            elif (category[0] == "S" or category == "No") and char not in _NEWS_SYMBOLS:
                penalty += 3
            elif category[0] == "P" and char not in _WORD_INNER_MARKS and 0 < position < len(chars) - 1:
                penalty += 3 * (chars[position - 1].isalpha() and chars[position + 1].isalpha())
            elif category[0] == "L" and _is_latin(char) and char >= "\u0100":
                penalty += 1  # Latin beyond Latin-1: right for Polish, a sign of a wrong code page elsewhere
        letters = [char for char in chars if char.isalpha()]
        latin = sum(map(_is_latin, letters))
        accented = sum(1 for char in letters if char >= "\x80" and _is_latin(char))
        penalty += 2 * (0 < latin < len(letters))  # Latin and Cyrillic (or Greek...) in one word
        penalty += 2 * (len(letters) >= 3 and accented * 2 > len(letters))
        penalty += any(a.islower() and b.isupper() for a, b in zip(letters, letters[1:]))  # 'пРЕЗИДЕНТ'
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


def extract_html(html: str) -> tuple[str, dict[str, str]]:
    """The article of an HTML page as Markdown (headings kept, no comments), and its metadata."""
    document = trafilatura.bare_extraction(
        html, output_format="markdown", include_formatting=True, include_comments=False,
        favor_precision=True, with_metadata=True,
    )
    body = getattr(document, "body", None)
    text = xmltotxt(body, include_formatting=True) if body is not None else ""
    if not _LETTER.search(text):
        raise _Problem("no article text found in HTML")
    meta = {key: str(value) for key in _HTML_META_KEYS if (value := getattr(document, key, None))}
    return with_title_heading(text, meta.get("title")), meta


def with_title_heading(text: str, title: str | None) -> str:
    """Put the page title on top as a '# ' heading when the article text does not start with it."""
    first_line = text.lstrip().split("\n", 1)[0].lstrip("# ").strip()
    if not title or first_line.casefold() == title.strip().casefold():
        return text
    return f"# {title.strip()}\n\n{text}"


# -- repair and normalization ---------------------------------------------------------------------

_FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, explain=False)
_FTFY_CONFIG_NO_UNESCAPE = _FTFY_CONFIG._replace(unescape_html=False)
_LINE_BREAK = re.compile("\r\n?|[\u2028\u2029]")
_ODD_SPACE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
# What ftfy fixes besides mojibake: entities, control characters, ligatures, fullwidth forms, surrogates.
_FTFY_OTHER_FIXES = re.compile("[&\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufb00-\ufb06\uff01-\uff5e]")


def _mojibake_signature() -> re.Pattern[str]:
    """UTF-8 read as a single-byte code page leaves pairs: a lead byte's character, then a continuation
    byte's ('â€', 'Ã©', 'Ð¿', 'Ð¡Ñ'...). Only text showing one goes to ftfy's slower detector."""
    leads, trails = {"Р", "С"}, set(bytes(range(0x80, 0xC0)).decode("cp1251", "ignore"))  # UTF-8 Cyrillic as cp1251
    for code_page in ("cp1252", "latin-1", "cp1250", "mac-roman", "cp437"):
        leads.update(bytes(range(0xC2, 0xF5)).decode(code_page, "ignore"))
        trails.update(bytes(range(0x80, 0xC0)).decode(code_page, "ignore"))
    lead, trail = (re.escape("".join(sorted(chars))) for chars in (leads, trails))
    return re.compile(f"[{lead}](?:[{trail}]|(?<=[ÂÃ]) )|вЂ")  # 'Ã ': the NBSP of 'à' lost to a space


_MOJIBAKE = _mojibake_signature()


def undo_double_encoding(text: str) -> str:
    """A whole file of UTF-8 read as cp1252 comes back in one fast round trip, as ftfy would fix it."""
    try:
        return text.encode("sloppy-windows-1252").decode("utf-8")
    except UnicodeError:
        return text


def repair_mojibake(text: str, config: ftfy.TextFixerConfig) -> str:
    has_mojibake = _MOJIBAKE.search(text) is not None
    if has_mojibake:
        text = undo_double_encoding(text)
    if not has_mojibake and not _FTFY_OTHER_FIXES.search(text):
        return text
    lines = text.split("\n")
    for index, line in enumerate(lines):  # line by line keeps ftfy's cost to the lines that need it
        if _MOJIBAKE.search(line) or _FTFY_OTHER_FIXES.search(line):
            lines[index] = ftfy.fix_text(line, config)
    return "\n".join(lines)


def normalize_text(text: str, unescape_html: bool = True) -> str:
    """Repaired, NFC, '\\n' line ends, plain spaces, no invisible characters, no trailing spaces."""
    text = _LINE_BREAK.sub("\n", text)
    text = repair_mojibake(text, _FTFY_CONFIG if unescape_html else _FTFY_CONFIG_NO_UNESCAPE)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", _ODD_SPACE.sub(" ", text))
    return "\n".join(line.rstrip() for line in text.split("\n"))
