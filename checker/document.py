"""The Document model: what a loader makes of a page, and everything a check may look at.

Plain dataclasses only; no parser objects leak out of the loaders. Offsets are character
offsets into `Document.body_text`, which is the body blocks joined by blank lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar, overload

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


T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


class Later(Protocol[T_co]):
    """Records of which the body part is at hand and the whole is built on first use."""

    @property
    def body(self) -> tuple[T_co, ...]: ...

    def build(self) -> tuple[T_co, ...]: ...


class Records(Generic[T]):
    """The `images` and `links` fields of a Document: a tuple, or a `Later` built on first read.

    Why not a plain tuple: the records outside the body (a page's navigation links, teaser
    images) cost the HTML loader more than the body itself takes to walk, and most checks read
    only the body's (`body_images`, `body_links`); a source page's are hardly ever read. Why a
    descriptor rather than a method: the fields stay ordinary dataclass fields, given to the
    constructor, compared, replaced and printed like any other, and a reader never knows.
    """

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self._name = name

    @overload
    def __get__(self, doc: None, owner: type[Any] | None = None) -> tuple[T, ...]: ...
    @overload
    def __get__(self, doc: Document, owner: type[Any] | None = None) -> tuple[T, ...]: ...
    def __get__(self, doc: Document | None, owner: type[Any] | None = None) -> tuple[T, ...]:
        if doc is None:
            return ()  # the field's default
        value: tuple[T, ...] | Later[T] = doc.__dict__[self._name]
        if isinstance(value, tuple):
            return value
        built = value.build()
        doc.__dict__[self._name] = built
        return built

    def __set__(self, doc: Document, value: tuple[T, ...] | Later[T]) -> None:
        doc.__dict__[self._name] = value  # once, from the frozen dataclass's __init__

    def body(self, doc: Document) -> tuple[T, ...] | None:
        """The body's records without building the rest; None when they must be filtered."""
        value = doc.__dict__[self._name]
        return None if isinstance(value, tuple) else value.body


@dataclass(frozen=True)
class Document:
    path: str
    kind: str  # "html", "markdown", "text"
    title: str
    blocks: tuple[Block, ...]
    # In document order (line, then column). The HTML loader builds those outside the body
    # only when they are first read (see `Records`).
    images: Records[Image] = Records()
    links: Records[Link] = Records()
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
        known = _IMAGES.body(self)
        return known if known is not None else tuple(i for i in self.images if i.in_body)

    @property
    def body_links(self) -> tuple[Link, ...]:
        known = _LINKS.body(self)
        return known if known is not None else tuple(k for k in self.links if k.in_body)

    def __getstate__(self) -> dict[str, Any]:
        # Records still to be built hold the parsed page: built now, so a copy stands alone.
        return {item.name: getattr(self, item.name) for item in fields(self)}

    def block_at(self, offset: int) -> Block | None:
        """The block containing a body_text offset, for turning offsets into lines."""
        for block in self.blocks:
            if block.start <= offset <= block.end:
                return block
        return None


def changed(doc: Document, **changes: Any) -> Document:
    """`dataclasses.replace(doc, ...)`, leaving the records not changed unbuilt if they are."""
    values = {item.name: doc.__dict__[item.name] for item in fields(doc)}
    return Document(**{**values, **changes})


_IMAGES: Records[Image] = Document.__dict__["images"]
_LINKS: Records[Link] = Document.__dict__["links"]
