"""A TIFF's IPTC-IIM block (tag 33723): read whole, seen by the checks, and hostile tags, IFDs
and headers each end in a note, never an exception, with the file's other fields still read.
"""

from __future__ import annotations

import io
import struct
from pathlib import Path

import pytest
from checkrun import findings_of, run
from hypothesis import given, settings
from hypothesis import strategies as st
from imagefiles import (
    EXIFTOOL,
    exiftool_read,
    exiftool_write,
    needs_exiftool,
    tiff_picture,
)
from pages import BODY, CREDIT, LINK, write_case
from PIL import Image

from checker.findings import Severity
from checker.imagemeta import read_image
from checker.imagemeta.model import Embedded
from checker.imagemeta.tiff import IIM_TAG, MAX_BLOCK, read_iim_tag

REUTERS = ("-IPTC:Credit=REUTERS/Zoë Ångström", "-IPTC:By-line=Zoë Ångström",
           "-IPTC:CodedCharacterSet=UTF8")  # fmt: skip
# Credit "AP" and By-line "Zoë" (Latin 1), as IIM records: 0x1C record dataset length value.
BLOCK = b"\x1c\x02\x6e\x00\x02AP" + b"\x1c\x02\x50\x00\x03Zo\xeb"


def tags(embedded: Embedded) -> list[tuple[str, str]]:
    return [(f.tag, f.value) for f in embedded.fields]


# The image-metadata check sees a credit that only a TIFF's IIM block carries.


@needs_exiftool
@pytest.mark.parametrize("order", ["II", "MM"])
def test_a_tiff_originals_iim_only_credit_is_seen(tmp_path: Path, order: str) -> None:
    path = tmp_path / "photo.tif"
    exiftool_write(tiff_picture(path, order), *REUTERS)
    figure = '<figure><img src="photo.tif" alt="The talks"><figcaption>{}</figcaption></figure>'

    def findings(caption: str) -> list[str]:
        article, source = write_case(tmp_path, figure.format(caption) + BODY + CREDIT + LINK)
        found = findings_of(run(article, source), "image-metadata")
        assert all(f.severity == Severity.ERROR for f in found)
        return [f"{f.message} | {f.evidence}" for f in found]

    (finding,) = findings("Delegates arrive for the talks.")
    assert "the page shows no credit" in finding
    assert "REUTERS/Zoë Ångström (IPTC:Credit)" in finding
    assert findings("Delegates arrive for the talks. REUTERS/Zoë Ångström") == []


# BigTIFF: exiftool reads it but cannot write it, so Pillow writes the block (as UNDEFINED).


def _tiff(block: bytes, *, big: bool = False) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, "TIFF", big_tiff=big, tiffinfo={IIM_TAG: block})
    return out.getvalue()


@needs_exiftool
def test_a_bigtiffs_iim_block_equals_exiftools(tmp_path: Path) -> None:
    path = tmp_path / "big.tif"
    path.write_bytes(_tiff(BLOCK, big=True))
    assert path.read_bytes()[:4] == b"II+\x00"
    data = exiftool_read(path)
    expected = [("IPTC:Credit", data["IPTC:Credit"]), ("IPTC:By-line", data["IPTC:By-line"])]
    embedded = read_image(path.read_bytes(), str(path))
    assert tags(embedded) == expected == [("IPTC:Credit", "AP"), ("IPTC:By-line", "Zoë")]
    assert embedded.notes == ()


def test_a_block_that_fits_in_the_entry_is_read_from_it() -> None:
    for big, size in ((False, 4), (True, 8)):  # what fits a classic entry, a BigTIFF one
        block, notes = read_iim_tag(_tiff(BLOCK[:size], big=big))
        assert (block, notes) == (BLOCK[:size], [])


# Hostile tags: an exiftool-written TIFF whose tag 33723 (typed LONG) is then broken by hand.


def _written(tmp_path: Path, order: str) -> bytes:
    if EXIFTOOL is None:
        pytest.skip("exiftool missing: apt-get install libimage-exiftool-perl")
    path = tmp_path / "photo.tif"
    tiff_picture(path, order)
    exiftool_write(path, "-IPTC:Credit=AP", "-XMP-dc:Creator=Zoë", "-EXIF:Artist=Zoë")
    return path.read_bytes()


@pytest.fixture(params=["II", "MM"])
def agency_tiff(tmp_path: Path, request: pytest.FixtureRequest) -> bytes:
    return _written(tmp_path, request.param)


def _endian(data: bytes) -> str:
    return "<" if data[:2] == b"II" else ">"


def _entry(data: bytes) -> tuple[int, int]:
    """Where tag 33723's IFD entry starts, and how many bytes its LONGs hold."""
    entry = struct.pack(_endian(data) + "HH", IIM_TAG, 4)
    assert data.count(entry) == 1
    at = data.index(entry)
    return at, 4 * struct.unpack_from(_endian(data) + "L", data, at + 4)[0]


def _patched(data: bytes, *, kind: int = 4, count: int = -1, offset: int = -1) -> bytes:
    at, _ = _entry(data)
    layout = _endian(data) + "HHLL"
    _, _, was_count, was_offset = struct.unpack_from(layout, data, at)
    out = bytearray(data)
    count, offset = (was_count if count < 0 else count), (was_offset if offset < 0 else offset)
    struct.pack_into(layout, out, at, IIM_TAG, kind, count, offset)
    return bytes(out)


OTHERS = [("XMP-dc:Creator", "Zoë"), ("IFD0:Artist", "Zoë")]
NOTE = "TIFF IPTC-IIM tag not read: "


def test_the_agency_tiff_reads_whole(agency_tiff: bytes) -> None:
    embedded = read_image(agency_tiff, "photo.tif")
    assert tags(embedded) == [("IPTC:Credit", "AP"), *OTHERS]
    assert embedded.notes == ()


def test_a_tag_pointing_past_the_end_is_a_note(agency_tiff: bytes) -> None:
    size, (_, block) = len(agency_tiff), _entry(agency_tiff)
    embedded = read_image(_patched(agency_tiff, offset=size + 100), "past.tif")
    assert tags(embedded) == OTHERS
    assert embedded.notes == (
        f"{NOTE}tag 33723's {block} bytes at byte {size + 100:,} run past the end of the file"
        f" ({size:,} bytes)",
    )


def test_a_tag_ending_past_the_end_is_a_note(agency_tiff: bytes) -> None:
    embedded = read_image(_patched(agency_tiff, offset=len(agency_tiff) - 8, count=4), "end.tif")
    assert tags(embedded) == OTHERS
    (note,) = embedded.notes
    assert note.startswith(f"{NOTE}tag 33723's 16 bytes at byte")


def test_a_huge_count_is_refused_before_reading(agency_tiff: bytes) -> None:
    embedded = read_image(_patched(agency_tiff, count=0xFFFFFFFF), "huge.tif")
    assert tags(embedded) == OTHERS
    assert embedded.notes == (
        f"{NOTE}tag 33723 claims 17,179,869,180 bytes, over the {MAX_BLOCK:,}-byte limit",
    )


def test_a_tag_of_another_type_is_a_note(agency_tiff: bytes) -> None:
    embedded = read_image(_patched(agency_tiff, kind=3), "short.tif")
    assert tags(embedded) == OTHERS
    assert embedded.notes == (f"{NOTE}tag 33723 has type 3, not BYTE, LONG or UNDEFINED",)


def test_an_ifd_cut_short_before_the_tag_is_a_note(tmp_path: Path) -> None:
    # Big-endian: the 16-bit grey file's every tag Pillow needs is inline in the IFD, so Pillow
    # still opens the file cut inside tag 33723's entry (the RGB one's BitsPerSample is not).
    written = _written(tmp_path, "MM")
    cut = _entry(written)[0] + 6
    embedded = read_image(written[:cut], "cut.tif")
    (note,) = embedded.notes
    assert note.startswith(NOTE) and "of the first IFD at byte" in note
    assert note.endswith(f"runs past the end of the file ({cut:,} bytes)")


def test_an_ifd_chain_that_loops_is_never_followed(agency_tiff: bytes) -> None:
    endian = _endian(agency_tiff)
    (ifd,) = struct.unpack_from(endian + "L", agency_tiff, 4)
    (count,) = struct.unpack_from(endian + "H", agency_tiff, ifd)
    looped = bytearray(agency_tiff)
    struct.pack_into(endian + "L", looped, ifd + 2 + 12 * count, ifd)  # the next IFD is this one
    embedded = read_image(bytes(looped), "loop.tif")
    # Only the first IFD is read, so the loop is no problem and no note: everything reads.
    assert tags(embedded) == [("IPTC:Credit", "AP"), *OTHERS]
    assert embedded.notes == ()


# Hostile headers and IFDs, read directly (Pillow refuses most of them before any tag).


@pytest.mark.parametrize(
    ("data", "note"),
    [
        (b"XX*\x00", "no II or MM byte order mark"),
        (b"II", "the TIFF version at byte 2 runs past the end of the file (2 bytes)"),
        (b"II\x2c\x00\x08\x00\x00\x00", "version 44, neither 42 (TIFF) nor 43 (BigTIFF)"),
        (b"II*\x00\xff\xff\xff\xff", "the first IFD at byte 4,294,967,295 runs past the end"),
        (b"MM\x00*\x00\x00\x00\x08\x00\x02" + b"\x00" * 12, "entry 2 of 2 of the first IFD"),
        (b"II+\x00\x04\x00\x00\x00" + struct.pack("<Q", 0), "BigTIFF offsets of 4 bytes, not 8"),
        (
            b"II+\x00\x08\x00\x00\x00" + struct.pack("<QQ", 16, 2**40),
            "the first IFD claims 1,099,511,627,776 entries, over 65,535",
        ),
    ],
)
def test_a_malformed_header_or_ifd_is_one_note(data: bytes, note: str) -> None:
    block, notes = read_iim_tag(data)
    assert block == b""
    (got,) = notes
    assert got.startswith(NOTE + note)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_any_damage_to_a_tiff_is_read_without_an_exception(data: st.DataObject) -> None:
    original = _tiff(BLOCK)
    damaged = bytearray(original)
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(damaged) - 1))
        damaged[at] = data.draw(st.integers(0, 255))
    damaged = damaged[: data.draw(st.integers(0, len(damaged)))]
    block, notes = read_iim_tag(bytes(damaged))
    assert len(block) <= MAX_BLOCK and len(notes) <= 1
    assert isinstance(read_image(bytes(damaged), "fuzzed.tif"), Embedded)
