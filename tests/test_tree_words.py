"""The class-word splitter of the HTML loader agrees with the plain algorithm it speeds up."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from checker.loaders.tree import _words


def _reference(value: str) -> frozenset[str]:
    """Camel case split by a space before each capital, lower-cased, cut at non-alphanumerics."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", value).lower()
    return frozenset(word for word in re.split(r"[^a-z0-9]+", spaced) if word)


# Class names as pages write them, and the characters that would catch a shortcut out: the
# Kelvin sign and the dotted capital I lower-case to ASCII letters.
_CLASS_CHARS = st.sampled_from(list("aAbBzZ09-_ :.\t\u00a0\u212a\u0130\u00e9\u00c9"))


@given(st.text(_CLASS_CHARS, max_size=30) | st.text(max_size=30))
def test_words_agree_with_the_plain_split(value: str) -> None:
    _words.cache_clear()
    assert _words(value) == _reference(value)


def test_words_of_typical_classes() -> None:
    assert _words("relatedArticles__item main-Content ") == {
        "related",
        "articles",
        "item",
        "main",
        "content",
    }
    assert _words("x\u212aY") == _reference("x\u212aY")
    assert _words("   ") == frozenset()
