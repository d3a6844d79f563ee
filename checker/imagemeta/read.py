"""One image file's bytes -> `Embedded`: IIM, XMP and EXIF through Pillow, C2PA through c2pa.

A TIFF's IIM block is the one exception: Pillow truncates its tag, so `tiff.read_iim_tag`
reads it from the file's bytes.

Pillow's `Image.open` reads headers only and decodes no pixels until asked, which is never
here. Whatever the bytes (truncated, bogus lengths, a PNG chunk claiming 2 GB, a decompression
bomb's dimensions), the answer is an `Embedded` with a note, never an exception.
"""

from __future__ import annotations

import io
import struct
import warnings
import zlib
from typing import Any

from PIL import Image as PILImage
from PIL import UnidentifiedImageError

from checker.imagemeta.c2pa_manifest import has_manifest, read_manifest
from checker.imagemeta.exif import read_exif
from checker.imagemeta.iim import read_iim
from checker.imagemeta.model import Embedded, EmbeddedField
from checker.imagemeta.tiff import read_iim_tag
from checker.imagemeta.xmp import read_xmp

_IPTC_RESOURCE = 0x0404  # Photoshop image resource that holds the IIM block
_TIFF_XMP = 700
_MIME = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "TIFF": "image/tiff",
         "GIF": "image/gif", "AVIF": "image/avif", "HEIF": "image/heif"}  # fmt: skip
# What a broken or hostile file makes Pillow raise while it reads headers.
_PILLOW_ERRORS = (
    OSError,
    ValueError,
    SyntaxError,
    EOFError,
    struct.error,
    zlib.error,
    IndexError,
    KeyError,
    TypeError,
    MemoryError,
    RecursionError,
    PILImage.DecompressionBombError,
)


def read_image(data: bytes, name: str) -> Embedded:
    """What the file `name` (a path or URL, for the notes) says of its credit."""
    fields: list[EmbeddedField] = []
    notes: list[str] = []
    mime = ""
    present: bool | None = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # DecompressionBombWarning: no pixels are decoded
            with PILImage.open(io.BytesIO(data)) as image:
                mime = _MIME.get(image.format or "", "")
                fields, notes = _containers(image, data)
                present = _jpeg_manifest(image)
    except UnidentifiedImageError:
        notes.append("not an image Pillow can identify")
    except PILImage.DecompressionBombError as error:
        notes.append(f"refused as a decompression bomb: {error}")
    except _PILLOW_ERRORS as error:
        problem = " ".join(str(error).split())[:200] or type(error).__name__
        notes.append(f"damaged image header ({type(error).__name__}: {problem})")
    manifest, c2pa_notes = read_manifest(data, mime or "image/jpeg", present)
    notes += c2pa_notes
    if manifest is not None:
        fields += [EmbeddedField("creator", a, "C2PA", "c2pa:author") for a in manifest.authors]
        fields += [
            EmbeddedField("digital_source_type", t, "C2PA", "c2pa:digitalSourceType")
            for t in manifest.source_types
        ]
    return Embedded(file=name, fields=tuple(fields), c2pa=manifest, notes=tuple(notes))


def _containers(image: PILImage.Image, data: bytes) -> tuple[list[EmbeddedField], list[str]]:
    fields: list[EmbeddedField] = []
    iim, notes = _iim_block(image, data)
    if iim:
        found, problems = read_iim(iim)
        fields += found
        notes += problems
    packet = _xmp_packet(image)
    if packet:
        found, problems = read_xmp(packet)
        fields += found
        notes += problems
    fields += read_exif(image)
    return fields, notes


def _jpeg_manifest(image: PILImage.Image) -> bool | None:
    """Whether a JPEG's APP11 segments hold a C2PA store (None for other formats): looking
    there spares scanning megabytes of picture data for the JUMBF label."""
    applist: Any = getattr(image, "applist", None)
    if image.format != "JPEG" or not isinstance(applist, list):
        return None
    return any(marker == "APP11" and has_manifest(segment) for marker, segment in applist)


def _iim_block(image: PILImage.Image, data: bytes) -> tuple[bytes, list[str]]:
    """A JPEG's IIM block (Photoshop resource 0x0404), or a TIFF's (tag 33723), and notes.

    The TIFF tag is read from `data`, not through Pillow: Pillow types it as one value and
    keeps only its first four bytes (see `checker.imagemeta.tiff`)."""
    if image.format == "TIFF":
        return read_iim_tag(data)
    resources: Any = image.info.get("photoshop")
    if isinstance(resources, dict) and isinstance(resources.get(_IPTC_RESOURCE), bytes):
        return bytes(resources[_IPTC_RESOURCE]), []
    return b"", []


def _xmp_packet(image: PILImage.Image) -> bytes | str:
    for key in ("xmp", "XML:com.adobe.xmp"):
        value = image.info.get(key)
        if isinstance(value, bytes | str) and value:
            return value
    tags: Any = getattr(image, "tag_v2", None)
    if tags is not None and isinstance(tags.get(_TIFF_XMP), bytes):
        return bytes(tags[_TIFF_XMP])
    return b""
