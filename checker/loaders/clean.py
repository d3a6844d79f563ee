"""Take out of a page what is never article text: code, widgets, comments, hidden elements.

Comments and hidden elements are not thrown away silently: their text is returned so that a
check can tell "credit missing" from "credit present but readers cannot see it".
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

from checker.lazy_pattern import LazyLiterals, LazyPattern
from checker.loaders.tree import (
    Element,
    drop,
    norm,
    raw_image_src,
    tag_of,
    text_of,
    unwrap,
)

# Elements whose content is code, controls or embedded media, never prose.
JUNK_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "canvas",
        "button",
        "select",
        "textarea",
        "input",
        "option",
        "datalist",
        "link",
        "meta",
        "dialog",
        "map",
        "audio",
        "video",
    }
)
HIDDEN_CLASSES = frozenset(
    {
        "hidden",
        "d-none",
        "is-hidden",
        "hide",
        "visually-hidden",
        "visuallyhidden",
        "sr-only",
        "screen-reader-text",
        "screen-reader-only",
        "off-screen",  # the BBC's visually hidden labels ("Image copyright")
        "offscreen",
        "element-invisible",
        "u-hidden",
    }
)
_HIDDEN_STYLE = LazyPattern(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_TAG = LazyPattern(r"<[^>]{0,500}>")
_MAX_HIDDEN = 500
# Share of the page's text above which a "hidden" wrapper is taken for a script-driven state
# (a modal open, a paywall teaser toggled) rather than for text hidden from readers.
_HIDDEN_WRAPPER_SHARE = 0.5


def is_hidden(el: Element) -> bool:
    return _hidden_by(el, el.keys())


def _hidden_by(el: Element, names: list[str]) -> bool:
    """is_hidden() with the attribute names at hand.

    This runs for most elements of the page. The attribute names come in one call, and only
    the attributes present are read: most elements carry a class and none of the others, and
    each get() costs as much as the names do.
    """
    if not names:
        return False
    if "hidden" in names:
        return True
    get = el.get
    if "aria-hidden" in names and (get("aria-hidden") or "").strip().lower() == "true":
        return True
    if "style" in names:
        style = get("style")
        if style and _HIDDEN_STYLE.search(style):
            return True
    class_ = get("class") if "class" in names else None
    if not class_:
        return False
    # Class and id joined as tree.class_tokens() joins them; a page repeats its class strings.
    return _hidden_by_class(class_ + " " + (get("id") or ""))


_HIDING_TOKENS = LazyLiterals(HIDDEN_CLASSES | {"collapse"})


@lru_cache(maxsize=8192)
def _hidden_by_class(value: str) -> bool:
    value = value.lower()
    # Most class strings are new to the cache (a page brings its own) and name nothing hidden:
    # a token that hides is in the string, found in one scan before the string is split.
    if not _HIDING_TOKENS.found_in(value):
        return False
    tokens = frozenset(value.split())
    if "collapse" in tokens and tokens.isdisjoint(("show", "in")):
        return True  # Bootstrap hides .collapse until a click adds .show (.in in version 3)
    return not tokens.isdisjoint(HIDDEN_CLASSES)


def _comment_text(el: Element) -> str:
    text = el.text or ""
    if text.lstrip().startswith(("[if", "<![endif]", "[endif]")):
        return ""  # conditional comments carry markup for old browsers, not words
    return norm(_TAG.sub(" ", text))


def _rescue_images(parent: Element, noscript: Element) -> bool:
    """Lazy-loading pages put the real <img> in <noscript>: keep its URL. True if unwrapped."""
    images = list(noscript.iter("img"))
    if not images:
        return False
    placeholders = [img for img in parent.iter("img") if img not in images]
    if not placeholders:
        unwrap(noscript, images[:3])
        return True
    for placeholder, real in zip(placeholders, images, strict=False):
        src = raw_image_src(placeholder)
        if not src or src.startswith("data:"):
            placeholder.set("src", raw_image_src(real))
    return False


def _detached(el: Element, root: Element) -> bool:
    """True once an ancestor of `el` has been dropped from the tree under `root`."""
    node: Element | None = el
    while node is not None:
        if node is root:
            return False
        node = node.getparent()
    return True


def _candidates(body: Element) -> list[Element]:
    """The comments and the hidden elements under `body`, itself included, in document order.

    is_hidden() written out for the two commonest cases, since this visits every element of
    the page: no attributes (comments have none either), and a class alone, tested without
    the string is_hidden() joins (class, a space, no id: the space changes no token). The
    attribute names are read once, not again by is_hidden().
    """
    comment = etree._Comment
    hidden_class = _hidden_by_class
    found: list[Element] = []
    append = found.append
    for node in body.iter(etree.Element, etree.Comment):
        names = node.keys()
        if not names:
            if isinstance(node, comment):
                append(node)
        elif names == ["class"]:
            if hidden_class(node.get("class") or ""):
                append(node)
        elif _hidden_by(node, names):
            append(node)
    return found


def clean_page(body: Element) -> list[str]:
    """Remove junk and hidden elements from `body` in place; return the hidden text, in order."""
    for noscript in list(body.iter("noscript")):
        parent = noscript.getparent()
        if parent is not None and _rescue_images(parent, noscript):
            continue
    etree.strip_elements(body, *JUNK_TAGS, with_tail=False)
    # Candidates first, in document order, then drop them: dropping while iterating would
    # cut the walk short. An XPath pre-filter was tried and is slower than this loop. lxml
    # passes over what is neither an element nor a comment (an entity, a processing
    # instruction), so each node needs one test of its type.
    candidates = _candidates(body)
    hidden: list[str] = []
    page_text = 0  # computed on demand: only a large hidden element needs it
    for node in candidates:
        if _detached(node, body):
            continue
        if isinstance(node, etree._Comment):
            text = _comment_text(node)
        elif tag_of(node) not in ("html", "body"):  # a candidate element is a hidden one
            text = text_of(node)
            if len(text) > 2000:
                page_text = page_text or len(text_of(body))
                if len(text) > _HIDDEN_WRAPPER_SHARE * page_text:
                    continue
        else:
            continue
        if text and len(hidden) < _MAX_HIDDEN:
            hidden.append(text)
        drop(node)
    return hidden
