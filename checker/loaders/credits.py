"""Which elements are captions or credits.

Which words of a caption are its credit is the credit vocabulary's business
(`checker.credit_vocabulary.credit_in`); `credit_in` is imported here for the walker.
"""

from __future__ import annotations

from checker.credit_vocabulary import credit_in as credit_in
from checker.loaders.tree import Element, class_words, words_of_class

CAPTION_WORDS = frozenset(
    {
        "caption",
        "figcaption",
        "credit",
        "credits",
        "copyright",
        "attribution",
        "wp-caption-text",
        "legend",
    }
)
_CAPTION_ONLY = frozenset({"caption", "figcaption", "captions", "imagecaption", "photocaption"})
_MEDIA_WORDS = frozenset({"media", "image", "img", "photo", "picture", "figure", "gallery"})
_MEDIA_PART_WORDS = frozenset(
    {"caption", "title", "footer", "description", "desc", "credit", "info", "text", "legend"}
)
CREDIT_WORDS = frozenset({"credit", "credits", "copyright", "attribution", "photographer"})
# schema.org's ImageObject properties for the credit, as microdata.
_CREDIT_PROPS = frozenset({"copyrightHolder", "creditText", "copyrightNotice"})


_PICTURE_WORDS = frozenset({"photo", "image", "img", "picture", "caption"})
_OWNER_WORDS = frozenset({"byline", "source", "author", "owner"})


def is_credit_element(el: Element) -> bool:
    return _credit_by(el, class_words(el))


def _credit_by(el: Element, words: frozenset[str]) -> bool:
    """`is_credit_element` with the element's class words already at hand."""
    if words & CREDIT_WORDS or el.get("itemprop") in _CREDIT_PROPS:
        return True
    # "byline-photo", "photo-byline", "image-source", "caption__source": photo or caption
    # words next to byline or source words.
    return not words.isdisjoint(_PICTURE_WORDS) and not words.isdisjoint(_OWNER_WORDS)


def is_caption_element(el: Element) -> bool:
    if el.tag == "figcaption":
        return True
    words = class_words(el)  # once for both tests: the pruner asks this of every element
    return _names(el, words, CAPTION_WORDS) or _credit_by(el, words)


def is_caption_only(el: Element) -> bool:
    """A caption by its markup: never body text, with or without an image beside it.

    Credit-classed elements are not here: `<p class="credit">Source: Bloomberg</p>` at the end
    of an article is the article's credit line, which the body must keep.
    """
    return el.tag == "figcaption" or _names(el, class_words(el), _CAPTION_ONLY)


# Words that turn a class name around: "withoutCaption", "no-caption", "hide-caption" mark the
# element that has NO caption (Express.co.uk's <p class="withoutCaption"> holds the photo).
_NEGATORS = frozenset({"no", "without", "hide", "hidden", "none"})


def _names(el: Element, words: frozenset[str], marks: frozenset[str]) -> bool:
    """One of the element's class names (or its id) names one of `marks`, and not negated."""
    if words.isdisjoint(marks):
        return False  # most elements: one set test
    if words.isdisjoint(_NEGATORS):
        return True
    # A negator among the words: read each class name apart ("caption no-border" is one).
    names = [*(el.get("class") or "").split(), el.get("id") or ""]
    return any(
        not found.isdisjoint(marks) and found.isdisjoint(_NEGATORS)
        for found in map(words_of_class, names)
    )


def is_media_caption(el: Element) -> bool:
    """Next to an image, "media__title", "photo-info", "image-desc" and the like caption it."""
    words = class_words(el)
    return bool(words & _MEDIA_WORDS) and bool(words & _MEDIA_PART_WORDS)
