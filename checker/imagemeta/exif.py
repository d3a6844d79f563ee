"""EXIF's credit tags in IFD0: Artist (the creator) and Copyright.

Pillow's `getexif()` reads them; it decodes EXIF text as Latin-1, while writers (exiftool,
cameras, Lightroom) put UTF-8 there, so the text is re-read as UTF-8 when it is valid UTF-8.
"""

from __future__ import annotations

from PIL import Image as PILImage

from checker.imagemeta.model import EmbeddedField

_TAGS = {
    0x013B: ("creator", "IFD0:Artist"),
    0x8298: ("copyright", "IFD0:Copyright"),
}


def read_exif(image: PILImage.Image) -> list[EmbeddedField]:
    exif = image.getexif()
    fields = []
    for number, (name, tag) in _TAGS.items():
        value = exif.get(number)
        if isinstance(value, bytes):
            value = value.decode("latin-1")
        if not isinstance(value, str):
            continue
        text = _utf8(value).strip(" \x00")
        if text:
            fields.append(EmbeddedField(name, text, "EXIF", tag))
    return fields


def _utf8(text: str) -> str:
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text
