"""Helpers of the HTML loader's tree agree with the plain algorithms they speed up."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from checker.loaders.tree import _words, norm, parse_html, raw_text, text_of


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


# Markup pieces that a page's text meets: nesting, comments, entities, tails, invisible spaces.
_PIECES = st.sampled_from(
    ["<p>", "</p>", "<div>", "</div>", "<span>", "</span>", "<br>", "<!-- a comment -->",
     "<?pi x?>", "&amp;", "&nbsp;", "text", " ", "\n", "\u200b", "é", "<![CDATA[x]]>",
     "<script>var a = 1;</script>", "<img src=a.jpg>", "<li>", "<table><tr><td>c</td></tr>"]
)  # fmt: skip


@given(st.lists(_PIECES, min_size=1, max_size=40))
def test_raw_text_is_the_joined_itertext(pieces: list[str]) -> None:
    root = parse_html("<html><body>" + "".join(pieces) + "</body></html>")
    assert root is not None
    for el in root.iter(etree.Element):
        expected = "".join(el.itertext())
        assert raw_text(el) == expected
        assert text_of(el) == norm(expected)
