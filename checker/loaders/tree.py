"""Small helpers over lxml's own tree, shared by the HTML loader's passes.

lxml rather than BeautifulSoup: the locator visits every element of every page, and on the
benchmark's pages BeautifulSoup spends more time building its tree than the whole locator takes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import islice
from urllib.parse import urljoin

from lxml import etree

from checker.lazy_pattern import LazyPattern

Element = etree._Element

# Zero-width spaces and word joiners: invisible, and they split a credit's words apart.
_INVISIBLE = LazyPattern("[\u200b\u2060\ufeff]")  # norm() tests for each of them first
_LAZY_SRC = (
    "data-src", "data-lazy-src", "data-original", "data-lazy", "data-url", "data-full-src",
    "data-hi-res-src", "data-orig-file",
)  # fmt: skip
# File names lazy loaders give the image they show until the real one loads, beyond those
# only a stand-in bears (is_stand_in): with these, raw_image_src looks further for the real
# image, but they do not make an image a stand-in (a photo may be "..._Clip_Grey.jpg").
_MAYBE_PLACEHOLDER = LazyPattern(
    r"(?:^|[/_.-])(?:placeholder|lazy[-_]?load(?:ing|er)?|blank|spacer|transparent|loading|"
    r"grey|gray|pixel|empty)(?:[-_.]\w*)*\.(?:gif|png|jpe?g|svg|webp)(?:[?#]|$)",
    re.I,
)
_IMAGE_URL = LazyPattern(
    r"(?:https?:)?//\S+\.(?:jpe?g|png|gif|webp|avif)(?:[?#]\S*)?$|/\S+\.(?:jpe?g|png|gif|webp)$",
    re.I,
)
# Absolute http(s) URLs without dot segments, which are the only part urljoin would change.
_ABSOLUTE = LazyPattern(r"https?://[^/?#]+(?:[/?#](?!.*/\.\.?(?:[/?#]|$)).*)?$", re.I | re.S)
_WORD = LazyPattern(r"[a-z0-9]+")
_CAMEL = LazyPattern(r"(?<=[a-z0-9])(?=[A-Z])")
# Characters lxml refuses in text (XML 1.0 forbids them) and that no reader ever sees. They
# are removed from the UTF-8 bytes: the C0 controls are single bytes that never occur inside
# another character's UTF-8, so deleting those bytes (in C, one table lookup a byte) removes
# exactly those characters, several times faster than a regex over the text.
_BAD_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
_NONCHARACTERS = (("\ufffe", "\ufffe".encode()), ("\uffff", "\uffff".encode()))


class ParserStopped(ValueError):
    """libxml2 gave up part-way (elements nested past its depth limit): the rest is lost."""


def parse_html(text: str, utf8: bytes | None = None) -> Element | None:
    """Parse a page with libxml2's forgiving HTML parser; None if nothing is left.

    `utf8`, when given, must be `text.encode("utf-8")`: the bytes of a page read as strict
    UTF-8, which spare encoding the page again (about 0.2 ms a page).

    Raises ParserStopped when the parser hit a resource limit: what it built then is only the
    start of the page, and checking that would report credits and links missing that are not.
    """
    parser = etree.HTMLParser(encoding="utf-8", remove_pis=True, huge_tree=True, no_network=True)
    if utf8 is None:
        utf8 = text.encode("utf-8", errors="replace")
    data = utf8.translate(None, _BAD_BYTES)
    # Looked for in the text, not the bytes: a text with no character above U+00FF (most
    # Latin pages) cannot hold them and answers at once; bytes would be scanned end to end.
    # U+FFFE and U+FFFF are in the text exactly when their UTF-8 is in the bytes.
    for char, nonchar in _NONCHARACTERS:
        if char in text:
            data = data.replace(nonchar, b"")
    # isspace() stops at the first other byte where strip() copies the page; both see the
    # same ASCII white space, and an empty page is not space.
    if not data or data.isspace():
        return None
    try:
        root = etree.fromstring(data, parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    for error in parser.error_log:
        if error.type_name == "ERR_RESOURCE_LIMIT":
            # "Excessive depth in document: 2048, use XML_PARSE_HUGE option": that option is
            # on (huge_tree) and does not lift the HTML parser's depth limit.
            raise ParserStopped(error.message.split(", use XML_PARSE_HUGE")[0].strip().lower())
    return root


def tag_of(el: Element) -> str:
    """The tag name, or "" for comments, entities and processing instructions.

    libxml2's HTML parser already lower-cases tag names, so no .lower() here: this runs for
    every element of every page.
    """
    tag = el.tag
    return tag if isinstance(tag, str) else ""


def norm(text: str | None) -> str:
    """Collapse white space the way a browser renders it."""
    if not text:
        return ""
    # split() and `\s` agree on what white space is (both Py_UNICODE_ISSPACE); split and join
    # is the faster of the two on the short texts this gets.
    text = " ".join(text.split())
    # Tests for the usual characters first: this runs on every text of every page. Searching
    # for each invisible character (in C, a fast search) beats the regex's scan of a text that
    # holds none of them, which most non-ASCII texts are.
    if text.isascii() or ("\u200b" not in text and "\u2060" not in text and "\ufeff" not in text):
        return text
    return _INVISIBLE.sub("", text)


# An element's text and its descendants' as `"".join(el.itertext())` joins it (text nodes in
# document order, no comment's text). The loaders ask it of thousands of elements a page. An
# element without children (comments count as children) holds only text nodes, which `.text`
# joins: no serializer to start, about four times faster than asking libxml2. Otherwise
# libxml2 joins the text in C: its text serializer is faster than XPath's string(), and both
# are several times faster than itertext() on an element with children.
_tostring = etree.tostring


def raw_text(el: Element) -> str:
    """All the text inside an element, as written: `"".join(el.itertext())`."""
    if len(el):
        return _tostring(el, method="text", encoding=str, with_tail=False)
    return el.text or ""


def text_of(el: Element) -> str:
    return norm(raw_text(el))


@lru_cache(maxsize=8192)
def _words(value: str) -> frozenset[str]:
    # A page brings hundreds of class strings not seen before, so a miss matters too. Most are
    # lower case already, and then no capital starts a word: the camel-case pass is skipped.
    lowered = value.lower()
    if lowered != value:
        lowered = _CAMEL.sub(" ", value).lower()
    return frozenset(_WORD.findall(lowered))


@lru_cache(maxsize=8192)
def _tokens(value: str) -> frozenset[str]:
    return frozenset(token for token in value.lower().split() if token)


_NO_WORDS: frozenset[str] = frozenset()


def class_words(el: Element) -> frozenset[str]:
    """Words of an element's class and id: "relatedArticles__item" -> related, articles, item."""
    get = el.get
    class_, id_ = get("class"), get("id")
    if not class_ and not id_:
        return _NO_WORDS  # most elements: asked by several passes, so no string built
    value = (class_ or "") + " " + (id_ or "")
    return _words(value) if value.strip() else _NO_WORDS


def words_of_class(class_: str | None) -> frozenset[str]:
    """`class_words` of an element with this class (None: none) and no id, from the value.

    For a caller that has read the attributes already: most elements have no id.
    """
    return _words(class_ + " ") if class_ else _NO_WORDS


def class_tokens(el: Element) -> frozenset[str]:
    """The whole class names and id of an element, lower-cased."""
    value = (el.get("class") or "") + " " + (el.get("id") or "")
    return _tokens(value) if value.strip() else frozenset()


def drop(el: Element) -> None:
    """Remove an element but keep its tail text, which belongs to the parent."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def unwrap(el: Element, keep: Iterable[Element]) -> None:
    """Replace an element by some of its descendants (the images a <noscript> carries)."""
    parent = el.getparent()
    if parent is None:
        return
    index = parent.index(el)
    for offset, child in enumerate(keep):
        child.tail = None
        parent.insert(index + offset, child)
    drop(el)


def resolve(base: str, href: str) -> str:
    """An href resolved against the page's base URL; as written if it cannot be."""
    href = href.strip()
    if not base or _ABSOLUTE.match(href):
        return href  # already absolute: urljoin would return it unchanged, slowly
    return _join(base, href)


@lru_cache(maxsize=4096)
def _join(base: str, href: str) -> str:
    try:
        return urljoin(base, href)
    except ValueError:
        return href


def srcset_candidates(value: str) -> list[tuple[str, float]]:
    """The (URL, size) candidates of a srcset, parsed as the HTML standard says.

    A URL may itself contain commas ("...,w_800/a.jpg"): a candidate's URL runs to the next
    white space, and only a comma outside the descriptors ends a candidate. The size is the
    width ("800w") or the density ("2x") descriptor, 0 when there is none.
    """
    found: list[tuple[str, float]] = []
    pos, end = 0, len(value)
    while pos < end:
        while pos < end and (value[pos].isspace() or value[pos] == ","):
            pos += 1
        start = pos
        while pos < end and not value[pos].isspace():
            pos += 1
        url = value[start:pos]
        descriptor = ""
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            depth, described = 0, pos
            while pos < end and (value[pos] != "," or depth):
                depth += {"(": 1, ")": -1}.get(value[pos], 0) if depth or value[pos] == "(" else 0
                pos += 1
            descriptor = value[described:pos].strip()
        if url:
            found.append((url, _descriptor_size(descriptor)))
    return found


def _descriptor_size(descriptor: str) -> float:
    for part in descriptor.split():
        number = part[:-1]
        if part[-1:] in ("w", "x") and number.replace(".", "", 1).isdigit():
            return float(number) * (1 if part.endswith("w") else 1000)
    return 0.0


def _largest(srcset: str) -> str:
    candidates = [c for c in srcset_candidates(srcset) if not c[0].startswith("data:")]
    return max(candidates, key=lambda c: c[1])[0] if candidates else ""


def raw_image_src(img: Element) -> str:
    """An image's URL as written, the real one rather than a lazy-loading placeholder.

    A lazy loader copies `data-src` (or its own attribute) into `src` when the image scrolls
    into view, so that attribute is the image; `src` is then a placeholder ("", a data: URI,
    "lazy-loading-14x9.png"). Without one, `src`, else the largest `srcset` candidate, else a
    `<picture>`'s `<source>`.
    """
    for attr in _LAZY_SRC:
        value = (img.get(attr) or "").strip()
        if value and not value.startswith("data:"):
            return value
    src = (img.get("src") or "").strip()
    if (
        src
        and not src.startswith("data:")
        and not is_stand_in(src)
        and not _MAYBE_PLACEHOLDER.search(src)
    ):
        return src
    for attr in ("data-srcset", "data-lazy-srcset", "srcset"):
        best = _largest(img.get(attr) or "")
        if best:
            return best
    # libxml2 knows no <source> element and nests the <img> inside it: look two levels up.
    picture = next((a for a in islice(ancestors(img), 2) if a.tag == "picture"), None)
    if picture is not None:
        for source in picture.iter("source"):
            best = _largest(source.get("srcset") or source.get("data-srcset") or "")
            if best:
                return best
    # Lazy loaders invent their own attribute names (data-normal, data-hi-res, ...).
    for name, value in img.attrib.items():
        if str(name).startswith("data-") and _IMAGE_URL.match(str(value).strip()):
            return str(value).strip().split()[0]
    return src


# The names only a stand-in bears, as a GIF, PNG or SVG: a lazy loader's placeholder, or a
# spinner ("sr-loader.png", "nbc-ajax-loader.gif"; not a photo, "front-loader.jpg").
_STAND_IN = LazyPattern(
    r"(?:^|[/_.-])(?:placeholder|lazy[-_]?load(?:ing|er)?|loading|loader|spinner|spacer|blank|"
    r"transparent)(?:[-_.]\w*)*\.(?:gif|png|svg)(?:[?#]|$)",
    re.I,
)


def is_stand_in(src: str) -> bool:
    """A lazy loader's stand-in or a spinner ("blank.gif", "sr-loader.png"), not a picture."""
    return bool(_STAND_IN.search(src))


def ancestors(el: Element) -> Iterable[Element]:
    """The parent, its parent, and so on to the root: lxml's own iterator, in C."""
    return el.iterancestors()


def page_body(root: Element) -> Element | None:
    """The page's first <body> in document order, as `next(root.iter("body"), None)` gives it.

    Not that way: lxml's iterator finds the next match before it hands over the current one,
    so asking for the first body walked the whole page looking for a second (0.09 ms a page).
    libxml2 makes <body> a child of <html>; only an earlier sibling's subtree (a <body> tag
    inside <noscript> in the head) can hold one before it, and those few are searched.
    """
    if root.tag == "body":
        return root
    body = root.find("body")
    if body is None or any(
        next(sibling.iter("body"), None) is not None
        for sibling in body.itersiblings(preceding=True)
    ):
        return next(root.iter("body"), None)
    return body
