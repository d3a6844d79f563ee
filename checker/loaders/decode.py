"""Bytes to text: BOM, then the declared charset checked against strict UTF-8, then a guess.

The order matters because the declaration is often wrong in one known way: pages re-saved as
UTF-8 keep the `<meta charset=windows-1251>` of the system they came from. Non-ASCII bytes that
happen to form valid UTF-8 sequences are vanishingly rare in a legacy single-byte text, so valid
UTF-8 wins over a contradicting declaration. Everything else trusts the declaration, and only
an undeclared, non-UTF-8 page is left to charset-normalizer's statistics.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from checker.errors import InputError

if TYPE_CHECKING:
    from charset_normalizer import CharsetMatch

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Magic numbers of the files most often saved under a page's name by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\x00\x00\x01\x00", "icon"),
)

_SNIFF = 65_536
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.I
)
_XML_DECL = re.compile(
    rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})""", re.I
)
_FRONT_MATTER_CHARSET = re.compile(
    rb"""\A---[ \t]*\r?\n(?:.{0,500}\n)*?(?:charset|encoding)\s*:\s*["']?([A-Za-z0-9._:-]{1,40})""",
)
# Control bytes that text does not hold (not tab, line ends, form feed, escape), counted by
# deleting them (bytes.translate, in C): a regex findall took 0.3 ms of a page's 0.4 to decode.
_CONTROL_BYTES = bytes([*range(0x01, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20)])
# "Mostly UTF-8": at least this many valid non-ASCII characters, and this many per bad byte.
_MOSTLY_MIN = 20
_MOSTLY_RATIO = 10

# WHATWG's encoding standard maps these labels to the superset browsers actually use.
# Keys are Python's canonical codec names (codecs.lookup(label).name).
_BROWSER_SUPERSET = {
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "big5": "big5hkscs",
}


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # the Python codec name that produced `text`
    declared: str | None  # what the page said, normalised, if anything
    # `text` as UTF-8 when that is the bytes read (strict UTF-8 without a BOM): the parser
    # takes UTF-8, and these spare it encoding the whole page again.
    utf8: bytes | None = None


def binary_kind(data: bytes) -> str | None:
    """What binary thing `data` looks like, or None if it may be text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data[8:12] in (b"WEBP", b"AVI ", b"WAVE") and data.startswith(b"RIFF"):
        return "RIFF media file"
    if data[4:8] == b"ftyp":
        return "video or image container"
    sample = data[:_SNIFF]
    if not sample:
        return None
    # A stray NUL survives in real pages; many do not.
    if sample.count(0) * 200 > len(sample):
        return "binary data"
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls * 10 > len(sample):
        return "binary data"
    return None


def normalise_label(label: str | bytes | None) -> str | None:
    """A charset label as a Python codec name, widened to the browser superset; None if unknown."""
    if not label:
        return None
    if isinstance(label, bytes):
        label = label.decode("ascii", "replace")
    label = label.strip().strip("\"'").lower()
    if label in ("utf8", "unicode-1-1-utf-8", "x-unicode20utf8"):
        label = "utf-8"
    try:
        name = codecs.lookup(label).name
    except (LookupError, ValueError):
        return None
    return _BROWSER_SUPERSET.get(name, name)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes (XML declaration, meta, front matter)."""
    head = data[:_SNIFF]
    for pattern in (_XML_DECL, _FRONT_MATTER_CHARSET, _META_CHARSET):
        match = pattern.search(head)
        if match:
            name = normalise_label(match.group(1))
            if name:
                return name
    return None


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


# The legacy encodings most used on the web, most used first: the tie-break between guesses
# that charset-normalizer finds equally plausible (short texts often tie).
_WEB_PREFERENCE = ("cp1252", "cp1251", "cp1250", "gb18030", "cp932", "cp949", "koi8-r", "cp1256")


def guess_encoding(data: bytes) -> str | None:
    """charset-normalizer's guess; among equal guesses, one that reads as a known language."""
    # Imported for an undeclared, non-UTF-8 page only: most pages never need it.
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data[:1_000_000]))
    if not matches:
        return None

    def rank(match: CharsetMatch) -> tuple[float, float, bool, int]:
        name = normalise_label(match.encoding) or match.encoding
        preference = (
            _WEB_PREFERENCE.index(name) if name in _WEB_PREFERENCE else len(_WEB_PREFERENCE)
        )
        return (
            round(match.chaos, 2),
            -round(match.coherence, 2),
            match.language == "Unknown",
            preference,
        )

    best = min(matches, key=rank)
    return normalise_label(best.encoding) or best.encoding


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 text with a few bytes in another encoding (a legacy footer pasted into a UTF-8
    page): decoded as UTF-8 with those bytes replaced, as a browser shows it.

    For the reason valid UTF-8 wins above, many valid multi-byte sequences beside a few bad
    bytes are a UTF-8 page, not a legacy one; guessing would garble all of it instead.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")  # not those written as U+FFFD
    good = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")
    return text if good >= _MOSTLY_MIN and bad * _MOSTLY_RATIO <= good else None


def decode_bytes(data: bytes, path: str, *, declared: str | None = None) -> Decoded:
    """Decode a page; raise InputError for binary data or bytes no encoding explains.

    `declared` is a charset from outside the bytes (an HTTP header); it outranks the page's own.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(encoding, errors="replace")
            return Decoded(text, encoding, encoding)
    kind = binary_kind(data)
    if kind:
        raise InputError(path, f"binary data, not a page ({kind})")

    label = normalise_label(declared) or declared_charset(data)
    utf8 = _strict(data, "utf-8")
    if utf8 is not None:
        if label and label != "utf-8" and data.isascii() and _strict(data, label) == utf8:
            return Decoded(utf8, label, label, data)  # ASCII is the same text in either
        return Decoded(utf8, "utf-8", label, data)
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return Decoded(mostly, "utf-8", label)

    if label and not label.startswith(("utf-16", "utf-32")):
        strict = _strict(data, label)
        if strict is not None:
            return Decoded(strict, label, label)

    guessed = guess_encoding(data)
    if guessed:
        return Decoded(data.decode(guessed, errors="replace"), guessed, label)
    if label:
        # The declaration is the only evidence left; a few bad bytes become U+FFFD.
        return Decoded(data.decode(label, errors="replace"), label, label)
    raise InputError(path, "cannot decode: not UTF-8, no charset declared, and none fits")
