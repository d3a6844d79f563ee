"""Turn the located article elements into blocks, images and links.

One walk serves HTML pages and rendered Markdown alike, so both come out the same way:
block elements become blocks, <br> a line break, figure captions and caption paragraphs
beside an image become that image's caption rather than body text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice
from urllib.parse import urlsplit

from lxml import etree

from checker.document import Image, Link
from checker.lazy_pattern import LazyPattern
from checker.loaders.credits import credit_in, is_caption_only, is_credit_element
from checker.loaders.image_captions import caption_elements, name_credit
from checker.loaders.image_roles import exempt_reason
from checker.loaders.positions import SourcePositions
from checker.loaders.tree import (
    Element,
    ancestors,
    norm,
    raw_image_src,
    resolve,
    text_of,
)

_BLOCK_KIND = {
    "p": "p", "h1": "h1", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h5", "h6": "h6",
    "li": "li", "blockquote": "blockquote", "pre": "pre", "dd": "p", "dt": "p", "tr": "text",
    "div": "text", "section": "text", "article": "text", "main": "text", "figure": "text",
    "header": "text", "footer": "text", "table": "text", "ul": "text", "ol": "text",
    "dl": "text", "address": "p", "caption": "text", "center": "text", "form": "text",
    "aside": "text", "nav": "text", "details": "text", "summary": "text", "body": "text",
    "figcaption": "caption", "hr": "text", "fieldset": "text", "legend": "text",
    "tbody": "text", "thead": "text", "tfoot": "text", "option": "text",
}  # fmt: skip
LINE_ATTR = "data-source-line"  # set by the Markdown renderer: the .md line of a block
_CELL_TAGS = frozenset({"td", "th"})


@dataclass
class RawBlock:
    kind: str
    text: str
    line: int
    column: int


@dataclass
class Walked:
    blocks: list[RawBlock] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    seen: set[Element] = field(default_factory=set)  # img and a elements already listed


def image_src(img: Element, base: str, raw: str | None = None) -> str:
    """The image's URL, resolved (`raw`: its raw_image_src, when read already)."""
    src = raw_image_src(img) if raw is None else raw
    return resolve(base, src) if src and not src.startswith("data:") else src


def is_icon(img: Element) -> bool:
    """Pixels, emoji and icons: images too small to need a credit."""
    try:
        width = int((img.get("width") or "0").strip().removesuffix("px") or 0)
        height = int((img.get("height") or "0").strip().removesuffix("px") or 0)
    except ValueError:
        return False
    return 0 < width < 50 and 0 < height < 50


def element_line(el: Element, from_attr: bool = False) -> int:
    """The 1-based source line of an element; Markdown's come from the renderer's attribute."""
    if not from_attr:
        return el.sourceline or 0
    for node in (el, *ancestors(el)):
        value = node.get(LINE_ATTR)
        if value and value.isdigit():
            return int(value)
    return 0


def describe_image(
    img: Element,
    base: str,
    in_body: bool,
    positions: SourcePositions,
    from_attr: bool = False,
    holder: Element | None = None,
) -> tuple[Image, list[Element]]:
    """An Image record and the elements that caption it (`holder`: a caption wrapper around it)."""
    captions = [holder] if holder is not None else caption_elements(img) if in_body else []
    caption = norm(" ".join(text_of(el) for el in captions))
    visible = bool(caption)
    if not caption and in_body:
        # A gallery's script shows its `data-caption` under the photo: readers see it.
        caption = _data_caption(img)
        visible = bool(caption)
    credit = _credit(captions, caption)
    alt, title = norm(img.get("alt")), norm(img.get("title"))
    raw = raw_image_src(img)  # once for the URL and the file name's words
    if not caption:
        # Last resort, and not visible to readers: marked so the image check can tell.
        caption = alt or title
        credit = credit or credit_in(caption)
    image = Image(
        src=image_src(img, base, raw),
        alt=alt,
        title=title,
        caption=caption,
        credit=credit,
        caption_visible=visible,
        in_body=in_body,
        line=element_line(img, from_attr),
        column=positions.column(img),
        exempt=exempt_reason(img, raw),
    )
    return image, captions


# "Credit", "Photo:", "Image :" and the like before the name, sometimes twice over when a
# visually hidden label repeats the visible one ("Credit Credit Jeon Heon-Kyun/EPA").
_LABEL = LazyPattern(
    r"^(?:(?:photo(?:graph(?:er)?)?s?|image|picture|credits?|foto|bild|fotó|фото|source)"
    r"(?:\b|(?=(?-i:[A-ZÀ-Þ])))\s*(?:by\b)?\s*[:：|]?\s*)+",
    re.I,
)
_MARKED_CREDIT = 120


def _credit(captions: list[Element], caption: str) -> str:
    """The credit among the caption elements: what the page marks as one, else a credit form.

    A credit-classed element (or a caption's `<cite>`) holds the credit and little else
    ("Credit: lili sams/mashable", "Ezra Acayan / Getty Images"), so its text wins over a form
    found in the whole caption; a caption that is only a name, or ends with one in
    parentheses, names the photographer.
    """
    marked = next(
        (text_of(el) for el in _iter_all(captions) if el.tag == "cite" or is_credit_element(el)),
        "",
    )
    if marked:
        # Short, it is the credit and nothing else: whole, as "Ashraf Shazly/Agence
        # France-Presse — Getty Images", where a credit form would keep only the agency.
        bare = _bare(marked)
        return bare if bare and len(bare) <= _MARKED_CREDIT else _bare(credit_in(marked)) or marked
    found = _bare(credit_in(caption))
    if found:
        return found
    return next((name for name in map(name_credit, captions) if name), "")


def _bare(credit: str) -> str:
    """The credit without its label or brackets: "(Foto: Christian Charisius/dpa)" -> the name."""
    credit = credit.strip()
    if credit.startswith(("(", "[")) and credit.endswith((")", "]")):
        credit = credit[1:-1].strip()
    return _LABEL.sub("", credit).strip() or credit


def _data_caption(img: Element) -> str:
    for node in (img, *islice(ancestors(img), 3)):
        value = norm(node.get("data-caption"))
        if value:
            return value
    return ""


def _iter_all(elements: Iterable[Element]) -> Iterable[Element]:
    for el in elements:
        yield from (child for child in el.iter() if isinstance(child.tag, str))


def _has_scheme(url: str) -> bool:
    """urlsplit(url).scheme != "", without splitting the common absolute http(s) URL, nor a
    relative one: a scheme ends at a colon, and no character urlsplit removes makes one.

    urlsplit raises ValueError on a bracketed host it cannot read and may on a non-ASCII
    host: those go through it, so that what raises still raises.
    """
    if url.isascii() and "[" not in url and "]" not in url:
        if url.startswith(("http://", "https://")):
            return True
        if ":" not in url:
            return False  # "/about", "#top", "?page=2": two in five links of a page
    return bool(urlsplit(url).scheme)


def describe_link(
    a: Element, base: str, in_body: bool, positions: SourcePositions, from_attr: bool = False
) -> Link:
    href = (a.get("href") or "").strip()
    resolved = resolve(base, href)
    return Link(
        href=href,
        # "" when it cannot be resolved: a relative link on a page of unknown address.
        url=resolved if _has_scheme(resolved) else "",
        text=text_of(a),
        rel=tuple((a.get("rel") or "").lower().split()),
        in_body=in_body,
        line=element_line(a, from_attr),
        column=positions.column(a),
    )


class _Builder:
    def __init__(self, walked: Walked, positions: SourcePositions, from_attr: bool) -> None:
        self.walked = walked
        self.positions = positions
        self.from_attr = from_attr
        self.parts: list[str] = []
        # The open block elements; a column is looked up only for one that yields a block.
        self.context: list[tuple[str, int, Element | None]] = []

    def open(self, el: Element, kind: str) -> None:
        self.flush()
        self.context.append((kind, element_line(el, self.from_attr), el))

    def close(self) -> None:
        self.flush()
        if self.context:
            self.context.pop()

    def add(self, text: str | None) -> None:
        if text:
            self.parts.append(text)

    def flush(self) -> None:
        if not self.parts:
            return
        raw = "".join(self.parts)
        self.parts = []
        kind, line, el = self.context[-1] if self.context else ("text", 0, None)
        if kind == "pre":
            raw = raw.replace("\x00", "")
            text = "\n".join(line_.rstrip() for line_ in raw.strip("\n").splitlines()).strip()
        elif "\n\x00" in raw:  # line breaks (<br>) kept, the rest of the white space collapsed
            text = "\n".join(filter(None, (norm(piece) for piece in raw.split("\n\x00"))))
        else:
            text = norm(raw)  # most blocks: one piece, as the split and join would give
        if text:
            column = self.positions.column(el) if el is not None else 1
            self.walked.blocks.append(RawBlock(kind, text, line, column))


def walk(
    roots: list[Element], base: str, positions: SourcePositions, from_attr: bool = False
) -> Walked:
    walked = Walked()
    skip: set[Element] = set()
    for root in roots:
        builder = _Builder(walked, positions, from_attr)
        walker = etree.iterwalk(root, events=("start", "end"))
        for event, el in walker:
            tag = el.tag
            if not isinstance(tag, str):
                tag = ""  # a comment or processing instruction, as tag_of says
            kind = _BLOCK_KIND.get(tag)
            if event == "start":
                if skip and el in skip:
                    walker.skip_subtree()
                    continue
                if is_caption_only(el):
                    # Caption text is never body text; a caption wrapper around an image
                    # ("wp-caption") captions each image inside it.
                    for img in el.iter("img"):
                        image, _ = describe_image(img, base, True, positions, from_attr, el)
                        walked.seen.add(img)
                        if image.src and not is_icon(img):
                            walked.images.append(image)
                    walker.skip_subtree()
                    skip.add(el)
                    continue
                if kind is not None:
                    builder.open(el, kind)
                elif tag in _CELL_TAGS:
                    builder.add(" ")
                elif tag == "br":
                    builder.add("\n\x00")
                elif tag == "img":
                    image, captions = describe_image(el, base, True, positions, from_attr)
                    skip.update(captions)
                    walked.seen.add(el)
                    if image.src and not is_icon(el):
                        walked.images.append(image)
                elif tag == "a" and el.get("href") is not None:
                    walked.seen.add(el)
                    walked.links.append(describe_link(el, base, True, positions, from_attr))
                builder.add(el.text)
            else:
                if kind is not None and el not in skip:
                    builder.close()
                builder.add(el.tail)
        builder.flush()
    return walked
