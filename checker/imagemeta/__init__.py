"""Credits embedded in image files (IIM, XMP, EXIF, C2PA) and the page's JSON-LD about them.

`read_image(data, name)` reads one file's bytes; `attach_embedded(document, ...)` (in the
loading step, before any check) finds each image's file and puts what it says on
`Image.embedded`. Pixels are never decoded: only headers, with sizes bounded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from checker.imagemeta.model import C2paInfo, Embedded, EmbeddedField

if TYPE_CHECKING:
    from checker.imagemeta.read import read_image


def __getattr__(name: str) -> Any:
    # Pillow is imported when an image file is read, not whenever the model is imported.
    if name == "read_image":
        from checker.imagemeta.read import read_image

        return read_image
    raise AttributeError(f"module 'checker.imagemeta' has no attribute {name!r}")


__all__ = ["C2paInfo", "Embedded", "EmbeddedField", "read_image"]
