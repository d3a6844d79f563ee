"""A TIFF's IPTC-IIM block (tag 33723, "IPTC/NAA"), read whole from the file's bytes.

Hand-written because Pillow (13.0 when this was written) has no public route to the block:
its tag table types 33723 as one UNDEFINED value, while Photoshop, exiftool and the agencies
type it as LONGs, so `tag_v2[33723]` (and the legacy `tag[33723]`) keep the first four bytes,
with a warning. The whole bytes sit only in `ImageFileDirectory_v2._tagdata`, documented as
internal, and Pillow's public `IptcImagePlugin.getiptcinfo` hands back its own parse of them,
not the block. Pillow also drops a tag whose data runs past the file without a word, where a
reader of the credit wants a note.

Only the first IFD is read (the main image's, where the block lives), so there is no chain of
IFDs to follow and no loop to guard against. Every offset and length is checked against the
bytes before it is used; a malformed structure is a `TiffError` with a message, never an
index past the end. Classic TIFF and BigTIFF, either byte order.
"""

from __future__ import annotations

import struct

IIM_TAG = 33723
MAX_BLOCK = 1_000_000  # bytes; real blocks are a few kB
MAX_ENTRIES = 65_535  # what a classic TIFF's 16-bit count allows; BigTIFF's may claim 2**64
_UNIT = {1: 1, 4: 4, 7: 1}  # BYTE, LONG (as agencies write it), UNDEFINED: bytes per value


class TiffError(ValueError):
    """A malformed TIFF header or first IFD; the message says what is wrong."""


def read_iim_tag(data: bytes) -> tuple[bytes, list[str]]:
    """The raw bytes of tag 33723 in the first IFD (b"" when absent), and notes."""
    try:
        return _iim_tag(data), []
    except TiffError as error:
        return b"", [f"TIFF IPTC-IIM tag not read: {error}"]


def _iim_tag(data: bytes) -> bytes:
    order = data[:2]
    if order not in (b"II", b"MM"):
        raise TiffError("no II or MM byte order mark")
    endian = "<" if order == b"II" else ">"
    (magic,) = _unpack(data, endian + "H", 2, "the TIFF version")
    if magic == 42:
        (ifd,) = _unpack(data, endian + "L", 4, "the first IFD offset")
        count_format, entry_format, entry_size, inline = "H", "HHL", 12, 4
    elif magic == 43:
        (offset_size, _, ifd) = _unpack(data, endian + "HHQ", 4, "the BigTIFF header")
        if offset_size != 8:
            raise TiffError(f"BigTIFF offsets of {offset_size} bytes, not 8")
        count_format, entry_format, entry_size, inline = "Q", "HHQ", 20, 8
    else:
        raise TiffError(f"version {magic}, neither 42 (TIFF) nor 43 (BigTIFF)")
    (count,) = _unpack(data, endian + count_format, ifd, "the first IFD")
    if count > MAX_ENTRIES:
        raise TiffError(f"the first IFD claims {count:,} entries, over {MAX_ENTRIES:,}")
    first = ifd + struct.calcsize(count_format)
    for index in range(count):
        at = first + index * entry_size
        what = f"entry {index + 1:,} of {count:,} of the first IFD"
        tag, kind, values = _unpack(data, endian + entry_format, at, what)
        if tag == IIM_TAG:
            return _value(data, endian, kind, values, at + entry_size - inline, inline)
    return b""


def _value(data: bytes, endian: str, kind: int, values: int, field: int, inline: int) -> bytes:
    """The bytes of the tag, in the entry's value field when they fit there, else at the
    offset it holds. LONGs are taken byte for byte, unswapped: the IIM stream is bytes."""
    if kind not in _UNIT:
        raise TiffError(f"tag {IIM_TAG} has type {kind}, not BYTE, LONG or UNDEFINED")
    size = values * _UNIT[kind]
    if size > MAX_BLOCK:
        raise TiffError(f"tag {IIM_TAG} claims {size:,} bytes, over the {MAX_BLOCK:,}-byte limit")
    if size <= inline:
        return data[field : field + size]
    (offset,) = _unpack(data, endian + ("L" if inline == 4 else "Q"), field, "the offset")
    if offset + size > len(data):
        raise TiffError(
            f"tag {IIM_TAG}'s {size:,} bytes at byte {offset:,} run past the end of the file"
            f" ({len(data):,} bytes)"
        )
    return data[offset : offset + size]


def _unpack(data: bytes, fmt: str, at: int, what: str) -> tuple[int, ...]:
    if at + struct.calcsize(fmt) > len(data):
        raise TiffError(
            f"{what} at byte {at:,} runs past the end of the file ({len(data):,} bytes)"
        )
    values: tuple[int, ...] = struct.unpack_from(fmt, data, at)
    return values
