"""Which elements caption an image, where pages put them.

Inside a `<figure>`, its `<figcaption>`, `<cite>` and caption- or credit-classed elements.
Real pages put captions and credits elsewhere too, and a reader still sees them under the
photo: a `<figcaption>` that is the figure's next sibling, a credit `<span>` in a `<div>` after the
`<picture>`'s wrapper, a chart's "By The New York Times | Source: ..." line in the footer of
the graphic's container, a `<p class="legend">` after the figure. So when the figure holds
none, the search goes on *after* the image in document order: past empty wrappers, other
renditions of the same image and a chart's short labels, and up through the image's wrappers,
but never past prose, a heading, a list, a link or another figure: what lies beyond those
belongs to the text, not to the image.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import islice

from lxml import etree

from checker.credit_vocabulary import is_photo_credit
from checker.lazy_pattern import LazyPattern
from checker.loaders.credits import (
    credit_in,
    is_caption_element,
    is_credit_element,
    is_media_caption,
)
from checker.loaders.tree import Element, ancestors, norm, tag_of, text_of

_LEVELS = 6  # wrappers climbed from the image: picture, link, frame, artboard, box, graphic
_SKIPPABLE = 600  # characters of short text (a chart's labels) passed over to reach a credit
_SHORT = 150  # one sibling's text that may be a label rather than prose
_PROSE_TAGS = frozenset(
    {"h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "table", "blockquote"}
)
_MEDIA_TAGS = frozenset({"img", "picture", "source", "svg", "video", "canvas", "iframe"})
_WALLS = frozenset({"body", "html", "article", "main"})


def image_captions(roots: list[Element]) -> frozenset[Element]:
    """Every element that captions an image under `roots`, for the pruner to leave alone."""
    return frozenset(
        el for root in roots for img in root.iter("img") for el in caption_elements(img, False)
    )


def caption_elements(img: Element, detach: bool = True) -> list[Element]:
    """The elements that caption `img`, outermost first; [] when none does.

    `detach`: a credit in the text right after the image is moved into an element of its
    own, out of the body text; False looks without changing the page.
    """
    # islice, not a test on the index: the walk must stop at 8, however deep the page.
    figure = next((a for a in islice(ancestors(img), 8) if tag_of(a) == "figure"), None)
    if figure is None:
        return _following(img, img, detach)
    holders = set(ancestors(img))
    found = [el for el in figure.iter() if el is not img and isinstance(el.tag, str)]
    found = [el for el in found if el not in holders]
    # A <cite> in a figure names whose image it is (Vox Media's pages put the credit there,
    # beside the <figcaption>): a caption element of the figure, and its credit (walk).
    captions = [el for el in found if tag_of(el) in ("figcaption", "cite")]
    captions += [
        el
        for el in found
        if is_caption_element(el)
        and el not in captions
        and not any(a in captions for a in ancestors(el))
    ]
    inside = [el for el in captions if not any(a in captions for a in ancestors(el))]
    return inside or _following(figure, img, detach)


def _following(start: Element, img: Element, detach: bool) -> list[Element]:
    """The first caption after `start` in document order, within the image's own wrappers."""
    node = start
    skipped = 0
    for _ in range(_LEVELS):
        if norm(node.tail):
            # Text right after the image: "![..](..) *Photo: AP*" as one paragraph.
            return _tail_caption(img) if node is img and detach else []
        for sibling in node.itersiblings():
            if not isinstance(sibling.tag, str):
                continue
            verdict, text = _classify(sibling)
            if verdict == "caption":
                return [sibling]
            if verdict == "stop":
                return []
            skipped += len(text)
            if skipped > _SKIPPABLE:
                return []
            if norm(sibling.tail):
                return []  # loose text between the image and what follows: body text
        parent = node.getparent()
        if parent is None or tag_of(parent) in _WALLS or norm(parent.text):
            return []
        node = parent
    return []


def _classify(el: Element) -> tuple[str, str]:
    """ "caption" (it captions the image), "skip" (pass over it) or "stop"; and the text read.

    The text (text_of) is "" with a "stop" that needed none: whoever skips counts its length.
    """
    tag = tag_of(el)
    if tag == "figure" or tag in _PROSE_TAGS:
        return "stop", ""  # another photo, with its own caption; or the article's text
    text = text_of(el)
    if is_caption_element(el) or is_media_caption(el):
        return ("caption" if len(text) < 1000 else "stop"), text
    if not text:
        return "skip", text  # an empty wrapper, or another rendition of the image
    return _classify_text(el, tag, text), text


def _classify_text(el: Element, tag: str, text: str) -> str:
    """`_classify` of an element with text that is no caption by its markup."""
    if any(tag_of(d) == "figure" for d in el.iter()):
        return "stop"
    inner = [d for d in el.iter() if isinstance(d.tag, str) and d is not el]
    if len(text) < 400 and (
        any(is_credit_element(d) or tag_of(d) == "figcaption" for d in inner) or photo_credit(text)
    ):
        return "stop" if any(tag_of(d) in _MEDIA_TAGS for d in inner) else "caption"
    if (
        len(text) < _SHORT
        and tag in ("div", "span")
        and not any(tag_of(d) in ("a", "p") and len(text_of(d)) > 60 for d in inner)
        and next(el.iter("a"), None) is None
    ):
        return "skip"  # a chart's label, a play button's text
    return "stop"


def _tail_caption(img: Element) -> list[Element]:
    """ "![..](..) *Photo: AP*" in one paragraph: the credit text after the image is its caption.

    The tail text is moved into a detached <span> so that it stops being body text.
    """
    parent = img.getparent()
    if parent is None or norm(parent.text) or tag_of(parent) not in ("p", "div", "span", "a"):
        return []
    rest = list(img.itersiblings())
    if any(tag_of(el) in ("img", "p", "div") for el in rest):
        return []
    text = norm((img.tail or "") + " ".join(text_of(el) + " " + (el.tail or "") for el in rest))
    if not text or len(text) > 400 or not photo_credit(text):
        return []
    holder = etree.Element("span")
    holder.text = text
    img.tail = None
    for el in rest:
        parent.remove(el)
    return [holder]


@lru_cache(maxsize=1024)
def photo_credit(text: str) -> bool:
    """A plain paragraph beside an image is its caption only if it credits a photo.

    "Source: Bloomberg" or "All rights belong to Bloomberg" after the last image is the
    article's own credit line and must stay body text.

    Cached: the pruner's look for captions and the walk's ask it of the same texts.
    """
    credit = credit_in(text)
    return bool(credit) and is_photo_credit(credit)


# A caption that is only a name, or ends with one in parentheses, names the photographer:
# "Vanessa Hicks" under a photo, "Glass cloche terrariums (Lucy Akins)". Two to four
# capitalised words, so that "(left)", "(file)" or "(2019)" are not read as names.
_CAPITAL = "A-ZÀ-ÖØ-ÞĀ-Ž"
_NAME = (
    rf"[{_CAPITAL}][\w'’.-]+"
    rf"(?:\s+(?:(?:de|da|van|von|del|der|la|le|di|bin)\s+)?[{_CAPITAL}][\w'’.-]+){{1,3}}"
)
# "Name/Organisation" and "Name / Agency" are a credit's shape too.
_CREDIT_NAME = rf"{_NAME}(?:\s*/\s*[{_CAPITAL}][\w&'’.-]*(?:\s+[{_CAPITAL}][\w&'’.-]*){{0,3}})*"
_ONLY_NAME = LazyPattern(rf"^{_CREDIT_NAME}$")
_END_NAME = LazyPattern(rf"\(({_CREDIT_NAME})\)\s*\.?$")


def name_credit(caption: Element) -> str:
    """The photographer a caption element names by a bare name, or ""."""
    text = text_of(caption)
    if len(text) > 300:
        return ""
    only = _ONLY_NAME.match(text)
    if only:
        return only.group(0)
    end = _END_NAME.search(text)
    return end.group(1) if end else ""
