"""The article's edges: the lead media above the body container and the body's own marking.

`locate` finds the element that holds the paragraphs. Publishers put the headline, the lead
photo and its credit above that element and often outside it: in the article's header, in a
"hero" block before the headline, between the headline and the text. A lead photo is the
article's first image and its credit is checked like any other body image's. Images inside an
element the page itself marks as the body (`itemprop=articleBody`) are body images too, even
when the located text sits in only part of it.

What is never lead media: images in navigation, asides, footers and boilerplate containers
(share bars, bylines, teasers), icons, and teaser thumbnails (an image inside a link to
another page).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from checker.loaders.locate import REGION_TAGS, marker_words
from checker.loaders.prune import PRUNE_WORDS
from checker.loaders.tree import Element, ancestors, tag_of, text_of

_ARTICLE_WORDS = frozenset({"article", "story", "post", "entry"})
# Text between a headline and the body above this (150 words or more: a standfirst, a byline
# and a caption take less) is not a header but another page part (a listing, a sidebar): the
# h1 is then not this article's headline.
_HEADER_TEXT = 1000
# A hero image sits just before the headline, with at most a kicker or a section label between.
_HERO_GAP_TEXT = 150
_HERO_GAP_ELEMENTS = 40
# The site's own marks and people's portraits beside a byline: never the article's lead photo.
_NOT_LEAD_WORDS = frozenset(
    {"logo", "logos", "masthead", "brand", "branding", "avatar", "headshot", "mugshot", "icon"}
)
_IMAGE_LINK = re.compile(r"\.(?:jpe?g|png|gif|webp|avif)(?:[?#].*)?$", re.I)


def article_scope(main: Element) -> Element | None:
    """The article element around the body container, where a lead photo sits above the text."""
    for level, ancestor in enumerate(ancestors(main)):
        if level > 3 or tag_of(ancestor) in ("body", "html"):
            return None
        if tag_of(ancestor) == "article" or marker_words(ancestor) & _ARTICLE_WORDS:
            return ancestor
    return None


def _chain(el: Element, scope: Element | None) -> Iterator[Element]:
    """The element and its ancestors below `scope` (all of them when `scope` is None)."""
    yield el
    for ancestor in ancestors(el):
        if ancestor is scope or tag_of(ancestor) in ("body", "html"):
            return
        yield ancestor


def _boilerplate(el: Element, scope: Element | None) -> bool:
    """Inside navigation, an aside, a footer or a boilerplate container (share bar, byline...)."""
    return any(
        tag_of(a) in REGION_TAGS
        or tag_of(a) == "form"
        or marker_words(a) & PRUNE_WORDS
        or marker_words(a) & _NOT_LEAD_WORDS
        for a in _chain(el, scope)
    )


def _teaser_link(img: Element) -> bool:
    """An image inside a link to another page: a teaser's thumbnail, not the article's photo."""
    for a in _chain(img, None):
        if tag_of(a) == "a":
            href = (a.get("href") or "").strip()
            return bool(href) and not href.startswith("#") and not _IMAGE_LINK.search(href)
    return False


def _own_text(el: Element) -> int:
    """Characters of text directly in `el` that is not link text (headline links, labels)."""
    linked = tag_of(el) == "a" or any(tag_of(a) == "a" for a in ancestors(el))
    return 0 if linked else len((el.text or "").strip())


def _headline(order: list[Element], start: int) -> int | None:
    """Index of the last non-empty h1 before the body, if what lies between is a header."""
    for index in range(start - 1, -1, -1):
        el = order[index]
        if tag_of(el) == "h1" and text_of(el):
            between = sum(
                _own_text(x) + len((x.tail or "").strip())
                for x in order[index + 1 : start]
                if not _boilerplate(x, None)
            )
            return index if between <= _HEADER_TEXT else None
    return None


def _hero_start(order: list[Element], headline: int) -> int:
    """Reach back from the headline to a hero image just above it, if there is one."""
    gap = 0
    for index in range(headline - 1, max(-1, headline - 1 - _HERO_GAP_ELEMENTS), -1):
        el = order[index]
        if tag_of(el) in REGION_TAGS or tag_of(el) in ("header", "h1", "h2"):
            break  # the site's header or navigation: what lies above is not the article's
        if tag_of(el) == "img":
            return index
        gap += _own_text(el) + len((el.tail or "").strip())
        if gap > _HERO_GAP_TEXT:
            break
    return headline


def _wanted(img: Element, scope: Element | None) -> bool:
    return not _boilerplate(img, scope) and not _teaser_link(img)


def lead_images(page: Element, roots: list[Element]) -> list[Element]:
    """Images above the body container that belong to the article, in document order.

    Two regions count as the article's head: the article element around the body (its header
    holds the lead photo), and the stretch from the headline (an h1 shortly before the body)
    down to the body, reaching back over a hero image placed just above the headline.
    """
    order = [el for el in page.iter() if isinstance(el.tag, str)]
    position = {el: index for index, el in enumerate(order)}
    start = position.get(roots[0])
    if start is None:
        return []
    found: dict[Element, None] = {}
    scope = article_scope(roots[0])
    if scope is not None and scope in position:
        for el in order[position[scope] : start]:
            if tag_of(el) == "img" and _wanted(el, scope):
                found[el] = None
    headline = _headline(order, start)
    if headline is not None:
        for el in order[_hero_start(order, headline) : start]:
            if tag_of(el) == "img" and _wanted(el, None):
                found[el] = None
    return sorted(found, key=position.__getitem__)


def marked_body_images(page: Element, roots: Iterable[Element]) -> list[Element]:
    """Images inside the page's own `itemprop=articleBody` elements that overlap the article.

    The locator may settle on part of a marked body (the text of one section, when a gallery
    or a second container makes the marked element look too large); the page's statement
    still says its images are the article's.
    """
    chosen = set(roots)
    images: list[Element] = []
    for marked in page.iter():
        if not isinstance(marked.tag, str):
            continue
        if (marked.get("itemprop") or "").strip().lower() != "articlebody":
            continue
        overlaps = (
            marked in chosen
            or any(a in chosen for a in ancestors(marked))
            or any(any(a is marked for a in ancestors(root)) for root in chosen)
        )
        if not overlaps:
            continue
        images += [img for img in marked.iter("img") if _wanted(img, marked)]
    return images
