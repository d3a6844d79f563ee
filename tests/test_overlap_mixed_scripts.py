"""One letter without an ASCII form costs its own word, not the whole text (issue 14).

Every route of `words` must give the general route's words and offsets; the general route
(`_exact_words`: a regex over the text, Unicode normalisation per word) is the reference.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.overlap.tokens import _COMMON_PUNCT, _exact_words, words

# Latin letters, accented ones, letters with no one-letter ASCII form (ß, Greek, Cyrillic,
# CJK, Turkish dotted I, ligatures, full-width, fractions that normalise to several words,
# combining marks alone) and the separators web text has.
ALPHABET = st.sampled_from(
    list("abcXYZ019 ,.-_'\n\t")
    + list("éüñçÅ")
    + list("ßΩαθήЖшя中文İıﬁＡ½²ǅ\u0301\u0308")
    + list("\u00a0\u2014\u2019\u201c\u2026\u2009\x01\x92")
)
TEXTS = st.lists(ALPHABET, max_size=80).map("".join)


def _same_as_exact(text: str) -> None:
    found = words(text)
    exact = _exact_words(_COMMON_PUNCT.sub(" ", text))
    assert found.tokens == exact.tokens
    indices = range(len(exact))
    assert found.spans(indices) == exact.spans(indices)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_every_route_gives_the_exact_words_and_offsets(text: str) -> None:
    _same_as_exact(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["Straße", "café", "½", "Αθήνα", "news", "x²", "\u0301"]),
                max_size=30))  # fmt: skip
def test_whole_words_mixed(chosen: list[str]) -> None:
    _same_as_exact(" ".join(chosen) + " and the rest of a plain English sentence")


def test_one_unfoldable_letter_keeps_the_rest_on_the_folded_route() -> None:
    text = "The quick brown fox " * 100 + "in der Straße " + "jumps over " * 50
    found = words(text)
    # Only the marked word was normalised on its own: the others are the folded bytes.
    assert found._spans is None
    assert found.tokens.count(b"strasse") == 1
    _same_as_exact(text)


def test_a_word_that_normalises_into_several_keeps_its_span_for_each() -> None:
    text = "only ½ of Ω"
    found = words(text)
    assert found.tokens == [b"only", b"1", b"2", b"of", "ω".encode()]
    spans = found.spans(range(5))
    assert [text[a:b] for a, b in spans.values()] == ["only", "½", "½", "of", "Ω"]


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.booleans())
def test_a_few_marked_words_in_a_long_text(text: str, before: bool) -> None:
    # Padded so that the marked letters are rare: the marked route, not the general one.
    padding = " plain words" * (5 * len(text) + 1)
    _same_as_exact(padding + text if before else text + padding)
