"""Reading credits inside image files: every field equals what `exiftool -j -G1` reads."""

from __future__ import annotations

import struct
import zlib
from collections import defaultdict
from pathlib import Path

import pytest
from imagefiles import (
    GENERATED,
    exiftool_read,
    exiftool_write,
    needs_exiftool,
    picture,
    tagged,
    tiff_picture,
)
from PIL import Image, PngImagePlugin

from checker.imagemeta import read_image
from checker.imagemeta.iim import read_iim
from checker.imagemeta.model import Embedded
from checker.imagemeta.xmp import MAX_PACKET

# Every tag syndicheck reads, as exiftool -G1 names it.
TAGS = (
    "IPTC:CodedCharacterSet", "IPTC:By-line", "IPTC:Credit", "IPTC:Source",
    "IPTC:CopyrightNotice", "XMP-dc:Creator", "XMP-photoshop:Credit", "XMP-dc:Rights",
    "XMP-photoshop:Source", "XMP-xmpRights:WebStatement", "XMP-xmpRights:UsageTerms",
    "XMP-plus:LicensorURL", "XMP-iptcExt:DigitalSourceType", "IFD0:Artist", "IFD0:Copyright",
)  # fmt: skip
EVERYTHING = (
    "-IPTC:CodedCharacterSet=UTF8",
    "-IPTC:By-line=Zoë Ångström",
    "-IPTC:By-line=Łukasz Żółć",
    "-IPTC:Credit=REUTERS/Zoë Ångström",
    "-IPTC:Source=Reuters",
    "-IPTC:CopyrightNotice=© Reuters 2026 – 東京",
    "-XMP-dc:Creator=Zoë Ångström",
    "-XMP-dc:Creator=Second Person",
    "-XMP-photoshop:Credit=REUTERS",
    "-XMP-photoshop:Source=Reuters Pictures",
    "-XMP-dc:Rights=© Reuters",
    "-XMP-xmpRights:WebStatement=https://example.org/terms",
    "-XMP-xmpRights:UsageTerms=Editorial use only — no sales",
    "-XMP-plus:LicensorURL=https://licensing.example.org/",
    f"-XMP-iptcExt:DigitalSourceType={GENERATED}",
    "-EXIF:Artist=Zoë Ångström",
    "-EXIF:Copyright=© Reuters",
)


def ours(embedded: Embedded) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for field in embedded.fields:
        found[field.tag].append(field.value)
    return dict(found)


def theirs(path: Path) -> dict[str, list[str]]:
    data = exiftool_read(path)
    found = {}
    for tag in TAGS:
        if tag in data:
            value = data[tag]
            found[tag] = [str(v) for v in value] if isinstance(value, list) else [str(value)]
    return found


CASES = {
    "jpeg-utf8-iim-xmp-exif": ("photo.jpg", EVERYTHING, ()),
    # No 1:90 marker: IIM text is Windows Latin 1, for exiftool and for syndicheck alike.
    "jpeg-latin1-iim": (
        "latin.jpg",
        ("-IPTC:By-line=Zoë Müller", "-IPTC:Credit=AFP/Zoë Müller", "-IPTC:CopyrightNotice=© AFP"),
        ("-charset", "iptc=Latin"),
    ),
    "png-xmp-exif": ("photo.png", tuple(a for a in EVERYTHING if not a.startswith("-IPTC")), ()),
    "webp-xmp": ("photo.webp", ("-XMP-dc:Creator=Zoë", "-XMP-photoshop:Credit=dpa"), ()),
    "tiff-xmp-exif": ("photo.tif", ("-XMP-dc:Creator=Zoë", "-EXIF:Artist=Zoë"), ()),
    # The IIM block in TIFF tag 33723, typed as LONGs the way exiftool and Photoshop write it.
    "tiff-utf8-iim-xmp-exif": ("photo.tif", EVERYTHING, ()),
    "xmp-shorthand": ("short.jpg", ("-XMP-photoshop:Credit=AP", "-XMP-photoshop:Source=AP"), ()),
}


@needs_exiftool
@pytest.mark.parametrize("case", list(CASES))
def test_every_field_read_equals_exiftool(tmp_path: Path, case: str) -> None:
    name, assignments, args = CASES[case]
    path = tagged(tmp_path / name, *assignments, args=args)
    expected = theirs(path)
    assert expected, "exiftool wrote nothing: the case tests nothing"
    assert ours(read_image(path.read_bytes(), str(path))) == expected


@needs_exiftool
def test_the_utf8_marker_and_non_ascii_names_are_read(tmp_path: Path) -> None:
    path = tagged(tmp_path / "photo.jpg", *EVERYTHING)
    embedded = read_image(path.read_bytes(), str(path))
    assert embedded.values("charset") == ("UTF8",)
    assert embedded.values("creator")[:2] == ("Zoë Ångström", "Łukasz Żółć")
    assert [f.origin for f in embedded.fields if f.name == "credit"] == ["IIM", "XMP"]
    assert embedded.notes == ()


# What an agency's full-size TIFF original carries: the credit in IIM only.
AGENCY_IIM = (
    "-IPTC:By-line=Zoë Müller",
    "-IPTC:By-line=Second Person",
    "-IPTC:Credit=AFP/Zoë Müller",
    "-IPTC:Source=AFP",
    "-IPTC:CopyrightNotice=© AFP 2026",
)


@needs_exiftool
@pytest.mark.parametrize("order", ["II", "MM"])
def test_a_tiffs_iim_block_is_read_whole_in_either_byte_order(tmp_path: Path, order: str) -> None:
    path = tmp_path / "original.tif"
    exiftool_write(tiff_picture(path, order), *AGENCY_IIM)
    assert path.read_bytes()[:2] == order.encode()
    expected = theirs(path)
    assert set(expected) == {"IPTC:By-line", "IPTC:Credit", "IPTC:Source", "IPTC:CopyrightNotice"}
    embedded = read_image(path.read_bytes(), str(path))
    assert ours(embedded) == expected
    assert {f.origin for f in embedded.fields} == {"IIM"}
    assert embedded.notes == ()


def test_a_plain_picture_has_no_fields(tmp_path: Path) -> None:
    path = picture(tmp_path / "plain.jpg")
    assert read_image(path.read_bytes(), str(path)) == Embedded(file=str(path))


# Hostile files: each ends in one clear note, never an exception.


def _iim_jpeg(block: bytes) -> bytes:
    resource = b"8BIM\x04\x04\x00\x00" + len(block).to_bytes(4, "big") + block
    resource += b"\x00" * (len(resource) % 2)
    app13 = b"Photoshop 3.0\x00" + resource
    segment = b"\xff\xed" + (len(app13) + 2).to_bytes(2, "big") + app13
    plain = _jpeg()
    return plain[:2] + segment + plain[2:]


def _jpeg() -> bytes:
    import io

    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, "JPEG")
    return out.getvalue()


def test_an_iim_record_whose_length_runs_past_its_block_is_one_note() -> None:
    block = b"\x1c\x02\x6e\x7f\xff" + b"AP"  # Credit claiming 32,767 bytes, 2 there
    embedded = read_image(_iim_jpeg(block), "bogus.jpg")
    assert embedded.fields == ()
    assert embedded.notes == (
        "malformed IPTC IIM block: record 2:110 claims 32,767 bytes, 2 are left",
    )


def test_an_iim_block_is_read_up_to_its_padding() -> None:
    fields, notes = read_iim(b"\x1c\x02\x6e\x00\x02AP\x00\x00")
    assert [(f.tag, f.value) for f in fields] == [("IPTC:Credit", "AP")]
    assert notes == []


def test_a_truncated_jpeg_is_one_note() -> None:
    embedded = read_image(_jpeg()[:40], "cut.jpg")
    assert embedded.fields == ()
    assert len(embedded.notes) == 1 and embedded.notes[0].startswith("damaged image header")


def test_random_bytes_are_not_an_image() -> None:
    assert read_image(b"GIF89a\x00" * 3, "x.gif").notes != ()
    assert read_image(b"hello", "x.jpg").notes == ("not an image Pillow can identify",)


def _chunk(kind: bytes, data: bytes, length: int | None = None) -> bytes:
    size = len(data) if length is None else length
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", size) + kind + data + struct.pack(">I", crc)


def _png(*chunks: bytes, width: int = 8, height: int = 8) -> bytes:
    header = _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    return b"\x89PNG\r\n\x1a\n" + header + b"".join(chunks)


def test_a_png_text_chunk_claiming_2_gb_is_one_note() -> None:
    claim = struct.pack(">I", 0x7FFFFFF0) + b"iTXt" + b"XML:com.adobe.xmp\x00\x00\x00\x00\x00<x"
    embedded = read_image(_png(claim), "claim.png")
    assert embedded.fields == ()
    assert len(embedded.notes) == 1 and "damaged image header" in embedded.notes[0]


def test_a_huge_xmp_packet_is_refused_before_parsing(tmp_path: Path) -> None:
    info = PngImagePlugin.PngInfo()
    packet = "<x:xmpmeta xmlns:x='adobe:ns:meta/'>" + " " * (MAX_PACKET + 10) + "</x:xmpmeta>"
    info.add_itxt("XML:com.adobe.xmp", packet)
    path = tmp_path / "huge.png"
    Image.new("RGB", (8, 8)).save(path, pnginfo=info)
    embedded = read_image(path.read_bytes(), str(path))
    assert embedded.fields == ()
    (note,) = embedded.notes
    assert note.startswith("XMP packet of 2,000,") and note.endswith("limit: not read")


def test_an_xmp_packet_with_entities_is_refused() -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><x>&b;</x>'
    )
    info = PngImagePlugin.PngInfo()
    info.add_itxt("XML:com.adobe.xmp", bomb)
    import io

    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, "PNG", pnginfo=info)
    embedded = read_image(out.getvalue(), "bomb.png")
    assert embedded.fields == ()
    (note,) = embedded.notes
    assert note.startswith("malformed XMP packet")


def test_a_decompression_bomb_is_one_note_and_no_pixels_are_decoded() -> None:
    idat = _chunk(b"IDAT", zlib.compress(b"\x00" * 64))  # far too little: never decoded
    embedded = read_image(_png(idat, width=200_000, height=200_000), "bomb.png")
    (note,) = embedded.notes
    assert note.startswith("refused as a decompression bomb")
