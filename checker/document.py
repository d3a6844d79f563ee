"""The Document model: what a loader makes of a page, and everything a check may look at.

Plain dataclasses only; no parser objects leak out of the loaders. Offsets are character
offsets into `Document.body_text`, which is the body blocks joined by blank lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from checker.imagemeta.model import Embedded

BLOCK_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class Block:
    """One paragraph-like unit of the article body."""

    kind: str  # "p", "h2", "li", "blockquote", "pre", "caption", "text"
    text: str
    start: int  # offset of the block in Document.body_text
    line: int  # 1-based line in the source file (0 when unknown)
    column: int  # 1-based column in the source file (0 when unknown)

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True)
class Image:
    src: str
    alt: str = ""
    title: str = ""
    caption: str = ""
    credit: str = ""
    # False when the loader fell back to alt or title text for the caption (and so the
    # credit): screen readers read it, but it is not on the page a reader sees.
    caption_visible: bool = True
    in_body: bool = True
    line: int = 0
    column: int = 0
    # Why the image needs no credit ("headshot", "logo or icon", "advert", "teaser"), read
    # from the markup; "" for an article's photo, chart or illustration.
    exempt: str = ""
    # What the image file itself (IPTC, XMP, EXIF, C2PA) and the page's JSON-LD say of its
    # credit; set by the loading step (checker.imagemeta.attach), None when nothing was read.
    embedded: Embedded | None = None


@dataclass(frozen=True)
class Suppression:
    """An inline `<!-- syndicheck-disable RULE: reason -->` comment in the article."""

    rule: str  # as the author wrote it: a qualified id ("default/image-credit") or an id
    reason: str
    line: int


@dataclass(frozen=True)
class Link:
    href: str  # as written in the page
    # Resolved against <base href>, else the page's own address; "" when neither is known
    # and the href is relative (a local file's "/about"): never against its canonical.
    url: str
    text: str = ""
    rel: tuple[str, ...] = ()
    in_body: bool = True
    line: int = 0
    column: int = 0


@dataclass(frozen=True)
class Metadata:
    title: str = ""
    authors: tuple[str, ...] = ()
    published: str = ""
    modified: str = ""
    canonical: str = ""
    robots: str = ""
    url: str = ""  # the page's own URL: og:url, canonical, or front matter
    # The page's own address without falling back to its canonical (og:url, <base>, the URL it
    # was fetched from, front matter `url`): a canonical pointing elsewhere declares a source.
    address: str = ""
    site_name: str = ""  # og:site_name, JSON-LD publisher name, front matter
    language: str = ""
    og: dict[str, str] = field(default_factory=dict)
    json_ld: tuple[dict[str, Any], ...] = ()
    licence_links: tuple[str, ...] = ()
    tracking_pixels: tuple[str, ...] = ()
    front_matter: dict[str, Any] = field(default_factory=dict)
    # Facts the pack checks (byline, canonical, tracker) read; empty when a loader cannot tell.
    byline: str = ""  # the visible byline element's text, e.g. "By Jane Doe, ProPublica"
    scripts: tuple[str, ...] = ()  # resolved src of every <script src> on the page
    meta_tags: dict[str, str] = field(default_factory=dict)  # <meta name> -> content, lower-case
    post_id: str = ""  # CMS post id: WordPress shortlink ?p=ID, body class postid-ID


@dataclass(frozen=True)
class Document:
    path: str
    kind: str  # "html", "markdown", "text"
    title: str
    blocks: tuple[Block, ...]
    images: tuple[Image, ...] = ()
    links: tuple[Link, ...] = ()
    metadata: Metadata = field(default_factory=Metadata)
    encoding: str = "utf-8"
    # Text a reader cannot see (comments, hidden elements) kept apart so a check can say
    # "found, but hidden" instead of "missing".
    hidden_text: tuple[str, ...] = ()
    # `<!-- syndicheck-disable RULE: reason -->` comments found in the file.
    suppressions: tuple[Suppression, ...] = ()

    @property
    def body_text(self) -> str:
        return BLOCK_SEPARATOR.join(block.text for block in self.blocks)

    @property
    def body_images(self) -> tuple[Image, ...]:
        return tuple(image for image in self.images if image.in_body)

    @property
    def body_links(self) -> tuple[Link, ...]:
        return tuple(link for link in self.links if link.in_body)

    def block_at(self, offset: int) -> Block | None:
        """The block containing a body_text offset, for turning offsets into lines."""
        for block in self.blocks:
            if block.start <= offset <= block.end:
                return block
        return None
