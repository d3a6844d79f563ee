"""IPTC IIM (the "IPTC" block of a JPEG's Photoshop APP13 segment, or a TIFF's IPTC tag).

Pillow finds a JPEG's block (its JPEG reader collects the Photoshop resources; a TIFF's tag it
truncates, so `checker.imagemeta.tiff` reads that) but does not decode the records' text:
`IptcImagePlugin.getiptcinfo` returns raw bytes and knows nothing of the character set marker
(record 1, dataset 90). The records are a flat run of `0x1C record dataset length value`, so
they are read here, every length checked against what is left. Without the marker the text is
taken as Windows Latin 1, as exiftool does; with `ESC % G` it is UTF-8.
"""

from __future__ import annotations

from checker.imagemeta.model import EmbeddedField

_TAGS = {
    (2, 80): ("creator", "IPTC:By-line"),
    (2, 110): ("credit", "IPTC:Credit"),
    (2, 115): ("source", "IPTC:Source"),
    (2, 116): ("copyright", "IPTC:CopyrightNotice"),
}
CHARSET = (1, 90)
_UTF8_MARKER = b"\x1b%G"
MAX_RECORDS = 10_000  # far past any real block; a bogus run of tiny records stops here


class IimError(ValueError):
    """A malformed IIM block; the message says what is wrong."""


def records(block: bytes) -> list[tuple[int, int, bytes]]:
    """(record, dataset, value) in order; IimError when a length runs past the block."""
    found: list[tuple[int, int, bytes]] = []
    at = 0
    while at < len(block):
        if block[at] != 0x1C:
            if any(block[at:]):  # Photoshop pads blocks with zero bytes: those are fine
                raise IimError(f"no record marker at byte {at}")
            break
        if at + 5 > len(block):
            raise IimError(f"a record header is cut short at byte {at}")
        record, dataset = block[at + 1], block[at + 2]
        length = int.from_bytes(block[at + 3 : at + 5], "big")
        at += 5
        if length & 0x8000:  # an extended length: the next N bytes hold it
            size = length & 0x7FFF
            if size > 4 or at + size > len(block):
                raise IimError(f"bad extended length at byte {at - 5}")
            length = int.from_bytes(block[at : at + size], "big")
            at += size
        if at + length > len(block):
            raise IimError(
                f"record {record}:{dataset} claims {length:,} bytes, {len(block) - at:,} are left"
            )
        found.append((record, dataset, block[at : at + length]))
        at += length
        if len(found) > MAX_RECORDS:
            raise IimError(f"more than {MAX_RECORDS:,} records")
    return found


def read_iim(block: bytes) -> tuple[list[EmbeddedField], list[str]]:
    """The credit fields of an IIM block, and notes on what could not be read."""
    notes: list[str] = []
    try:
        found = records(block)
    except IimError as error:
        return [], [f"malformed IPTC IIM block: {error}"]
    utf8 = any((r, d) == CHARSET and v.startswith(_UTF8_MARKER) for r, d, v in found)
    fields = []
    if utf8:
        fields.append(EmbeddedField("charset", "UTF8", "IIM", "IPTC:CodedCharacterSet"))
    for record, dataset, value in found:
        if (record, dataset) not in _TAGS:
            continue
        name, tag = _TAGS[(record, dataset)]
        text = _decode(value, utf8).strip(" \x00")
        if text:
            fields.append(EmbeddedField(name, text, "IIM", tag))
    return fields, notes


def _decode(value: bytes, utf8: bool) -> str:
    if utf8:
        return value.decode("utf-8", "replace")
    return value.decode("cp1252", "replace")
