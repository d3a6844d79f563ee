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

from collections.abc import Iterable, Iterator

from lxml import etree

from checker.lazy_pattern import LazyPattern
from checker.loaders.locate import REGION_TAGS, marker_words
from checker.loaders.prune import PRUNE_WORDS, teaser_link
from checker.loaders.tree import Element, ancestors, raw_image_src, tag_of, text_of

_ARTICLE_WORDS = frozenset({"article", "story", "post", "entry"})
# Text between a headline and the body above this (150 words or more: a standfirst, a byline
# and a caption take less) is not a header but another page part (a listing, a sidebar): the
# h1 is then not this article's headline.
_HEADER_TEXT = 1000
_HEADER_ELEMENTS = 2000
# A hero image sits just before the headline, with at most a kicker or a section label between.
_HERO_GAP_TEXT = 150
_HERO_GAP_ELEMENTS = 40
# The site's own marks and people's portraits beside a byline: never the article's lead photo.
_NOT_LEAD_WORDS = frozenset(
    {"logo", "logos", "masthead", "brand", "branding", "avatar", "headshot", "mugshot", "icon"}
)
_HEADINGS = frozenset({"h2", "h3"})
_NAMED_MIN = 8  # a file name this long ("4039.jpg") names one picture, not "logo.png"
_TITLE_WORDS = frozenset({"headline", "title"})
_TITLE_MIN = 15  # characters: shorter headings ("News") match too many titles
_WORD = LazyPattern(r"\w+")


def article_scope(main: Element) -> Element | None:
    """The article element around the body container, where a lead photo sits above the text."""
    for level, ancestor in enumerate(ancestors(main)):
        if level > 3 or ancestor.tag in ("body", "html"):
            return None
        if ancestor.tag == "article" or marker_words(ancestor) & _ARTICLE_WORDS:
            return ancestor
    return None


def _chain(el: Element, scope: Element | None) -> Iterator[Element]:
    """The element and its ancestors below `scope` (all of them when `scope` is None)."""
    yield el
    for ancestor in ancestors(el):
        if ancestor is scope or ancestor.tag in ("body", "html"):
            return
        yield ancestor


def _boilerplate(el: Element, scope: Element | None) -> bool:
    """Inside navigation, an aside, a footer or a boilerplate container (share bar, byline...)."""
    for a in _chain(el, scope):
        tag = tag_of(a)  # `el` may be any node; the ancestors above it are elements
        if tag in REGION_TAGS or tag == "form":
            return True
        words = marker_words(a)  # once for both word lists: this climbs for every element
        if words & PRUNE_WORDS or words & _NOT_LEAD_WORDS:
            return True
    return False


def _own_text(el: Element) -> int:
    """Characters of text directly in `el` that is not link text (headline links, labels)."""
    linked = tag_of(el) == "a" or any(a.tag == "a" for a in ancestors(el))
    return 0 if linked else len((el.text or "").strip())


def _titled(el: Element) -> bool:
    """A "headline" or "title" element by its marker words.

    Asked of every element above the body, most of which have neither word anywhere in their
    class and id: a word is a run of the lower-cased class or id, so without the letters there
    it cannot be a marker word, and the costlier word split is skipped (0.5 against 1.7 us).
    """
    marks = ((el.get("class") or "") + (el.get("id") or "")).lower()
    if "title" not in marks and "headline" not in marks:
        return False
    return bool(marker_words(el) & _TITLE_WORDS)


def _headline(order: list[Element], start: int, title: str) -> int | None:
    """Index of the headline before the body, if what lies between is a header.

    The headline is the last h1 before the body; without one, a heading or "headline"/"title"
    element whose words are the page's title (og:title, <title>).
    """
    wanted = _norm_title(title)
    fallback: int | None = None
    for index in range(start - 1, -1, -1):
        el = order[index]
        tag = el.tag  # `order` holds elements only
        if tag == "h1" and text_of(el):
            return index if _header_text(order, index, start) <= _HEADER_TEXT else None
        if fallback is None and wanted and (tag in _HEADINGS or _titled(el)):
            words = _norm_title(text_of(el))
            if len(words) >= _TITLE_MIN and (words in wanted or wanted in words):
                fallback = index
    if fallback is not None and _header_text(order, fallback, start) <= _HEADER_TEXT:
        return fallback
    return None


def _header_text(order: list[Element], headline: int, start: int) -> int:
    """Readable text between the headline and the body, counted up to just past the limit."""
    if start - headline > _HEADER_ELEMENTS:
        return _HEADER_TEXT + 1  # thousands of elements are a page part, not a header
    total = 0
    for x in order[headline + 1 : start]:
        size = len((x.text or "").strip()) + len((x.tail or "").strip())
        if not size or _boilerplate(x, None):
            continue  # the ancestor climbs only for elements that hold text
        total += _own_text(x) + len((x.tail or "").strip())
        if total > _HEADER_TEXT:
            break
    return total


def _norm_title(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _hero_start(order: list[Element], headline: int) -> int:
    """Reach back from the headline to a hero image just above it, if there is one."""
    gap = 0
    for index in range(headline - 1, max(-1, headline - 1 - _HERO_GAP_ELEMENTS), -1):
        el = order[index]
        tag = el.tag  # `order` holds elements only
        if tag in REGION_TAGS or tag in ("header", "h1", "h2"):
            break  # the site's header or navigation: what lies above is not the article's
        if tag == "img":
            return index
        gap += _own_text(el) + len((el.tail or "").strip())
        if gap > _HERO_GAP_TEXT:
            break
    return headline


def _wanted(img: Element, scope: Element | None) -> bool:
    return not _boilerplate(img, scope) and not teaser_link(img)


def _shared(el: Element, body_line: set[Element]) -> Element | None:
    """The nearest ancestor of `el` that also holds the body.

    Classes above it (a layout wrapper "has-sidebar") describe the body's surroundings too, so
    they say nothing about whether `el` is boilerplate.
    """
    return next((a for a in ancestors(el) if a in body_line), None)


def _file_name(src: str) -> str:
    return src.split("?", 1)[0].split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1].lower()


def lead_images(
    page: Element, roots: list[Element], title: str = "", og_image: str = ""
) -> list[Element]:
    """Images above the body container that belong to the article, in document order.

    Three signs make an image above the body the article's: it is in the header of the
    article element around the body; it lies between the headline (an h1, or the heading that
    carries the page's title, shortly before the body) and the body, or is a hero image just
    above that headline; or it is the picture the page names as its own (og:image).
    """
    # Only what lies above the body is ever looked at: the walk stops at the body's start.
    order: list[Element] = []
    first = roots[0]
    for el in page.iter(etree.Element):  # elements only, skipped in C: no comments to ask
        order.append(el)
        if el is first:
            break
    else:
        return []  # the body is not inside the page
    start = len(order) - 1
    position = {el: index for index, el in enumerate(order)}
    found: dict[Element, None] = {}
    scope = article_scope(roots[0])
    if scope is not None and scope in position:
        for el in order[position[scope] : start]:
            if el.tag == "img" and _wanted(el, scope):
                found[el] = None
    body_line = set(ancestors(roots[0]))
    headline = _headline(order, start, title)
    if headline is not None:
        for el in order[_hero_start(order, headline) : start]:
            if el.tag == "img" and _wanted(el, _shared(el, body_line)):
                found[el] = None
    named = _file_name(og_image)
    if len(named) >= _NAMED_MIN:
        for el in order[:start]:
            if el.tag != "img" or _file_name(raw_image_src(el)) != named:
                continue
            if _wanted(el, _shared(el, body_line)):
                found[el] = None
    return sorted(found, key=position.__getitem__)


# Elements with an itemprop, in document order: libxml2 finds the few a page has faster than
# a Python loop over every element asks each (0.18 against 0.28 ms a page on Zyte's pages).
_WITH_ITEMPROP = etree.XPath("descendant-or-self::*[@itemprop]")


def marked_body_images(page: Element, roots: Iterable[Element]) -> list[Element]:
    """Images inside the page's own `itemprop=articleBody` elements that overlap the article.

    The locator may settle on part of a marked body (the text of one section, when a gallery
    or a second container makes the marked element look too large); the page's statement
    still says its images are the article's.
    """
    chosen = set(roots)
    images: list[Element] = []
    for marked in _WITH_ITEMPROP(page):
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
