"""Properties of `align` that must hold for any text, checked with hypothesis.

Texts are built from made-up words (so repeats are rare, as in prose) and from separators of
every style a republisher might use; new text is drawn from letters the source never uses, so
that it can only align by mistake.
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz.distance import Indel

from checker.overlap import Alignment, Params, align

DEFAULTS = Params()
SOURCE_LETTERS = "abcdefghijklm"
NEW_LETTERS = "nopqrstuvwxyz"
WORD = re.compile(r"[^\W_]+")


def words_from(letters: str) -> st.SearchStrategy[str]:
    return st.text(alphabet=letters, min_size=2, max_size=9)


def paragraphs(letters: str, min_words: int) -> st.SearchStrategy[list[list[str]]]:
    paragraph = st.lists(words_from(letters), min_size=min_words, max_size=30)
    return st.lists(paragraph, min_size=1, max_size=6)


def plain(paras: list[list[str]]) -> str:
    return "\n\n".join(" ".join(p) for p in paras)


# Separators a republisher may change: whitespace, punctuation, quotes and dashes of any style.
SEPARATOR = st.sampled_from(
    [" ", "  ", "\t", "\n", " \u2014 ", "\u2013", " - ", ", ", ". ", "; ", ": ", "! ", "? ",
     " \u201c", "\u201d ", ' "', '" ', " '", "' ", "\u2019", "\u2018", " (", ") ", "\u2026 ",
     "\u00a0", " / "]
)  # fmt: skip


@st.composite
def restyled(draw: st.DrawFn, paras: list[list[str]]) -> str:
    """The same words, with case, whitespace, punctuation, quotes and dashes changed."""
    out: list[str] = [draw(st.sampled_from(["", " ", "\u201c", "\n"]))]
    for number, paragraph in enumerate(paras):
        if number:
            out.append(draw(st.sampled_from(["\n\n", "\r\n\r\n", "\n", " ", ".\n\n"])))
        for index, word in enumerate(paragraph):
            if index:
                out.append(draw(SEPARATOR))
            out.append(draw(st.sampled_from([word, word.upper(), word.title()])))
    out.append(draw(st.sampled_from(["", ".", "!\n", "\u201d"])))
    return "".join(out)


def figures(result: Alignment) -> tuple[object, ...]:
    """Everything but the character offsets, which move when separators change."""
    return (
        result.containment,
        result.source_coverage,
        result.longest_passage_words,
        result.verdict,
        result.article_words,
        result.source_words,
        tuple((p.words, p.similarity) for p in result.passages),
    )


def norm(text: str) -> list[str]:
    return [w.casefold() for w in WORD.findall(text)]


@given(paragraphs(SOURCE_LETTERS, 1))
def test_identical_texts_give_containment_one_and_one_passage(paras: list[list[str]]) -> None:
    text = plain(paras)
    result = align(text, text)
    assert result.containment == 1.0
    assert result.source_coverage == 1.0
    (passage,) = result.passages
    assert passage.words == result.article_words
    assert text[passage.article_start : passage.article_end] == text
    assert (passage.source_start, passage.source_end) == (0, len(text))


@given(paragraphs(SOURCE_LETTERS, 1), paragraphs(NEW_LETTERS, 1))
def test_disjoint_texts_give_zero(source: list[list[str]], article: list[list[str]]) -> None:
    result = align(plain(article), plain(source))
    assert result.containment == 0.0
    assert result.source_coverage == 0.0
    assert result.passages == ()
    assert result.verdict == "independent"


@st.composite
def reuse_pairs(draw: st.DrawFn) -> tuple[list[list[str]], list[list[str]]]:
    """A source, and an article mixing copied (some edited) and new paragraphs."""
    source = draw(paragraphs(SOURCE_LETTERS, 3))
    article: list[list[str]] = []
    for paragraph in source:
        if draw(st.booleans()):
            copied = list(paragraph)
            for _ in range(draw(st.integers(0, 3))):
                where = draw(st.integers(0, len(copied) - 1))
                edit = draw(st.sampled_from(["swap", "drop", "insert", "new"]))
                if edit == "swap":
                    copied[where] = draw(words_from(NEW_LETTERS))
                elif edit == "drop" and len(copied) > 1:
                    del copied[where]
                elif edit == "insert":
                    copied.insert(where, draw(words_from(NEW_LETTERS)))
                else:
                    copied[where] = draw(words_from(SOURCE_LETTERS))
            article.append(copied)
        if draw(st.booleans()):
            article.append(draw(st.lists(words_from(NEW_LETTERS), min_size=1, max_size=20)))
    if not article:
        article.append(list(source[0]))
    return source, draw(st.permutations(article))


@given(reuse_pairs(), st.data())
def test_restyling_either_text_changes_nothing_but_offsets(
    pair: tuple[list[list[str]], list[list[str]]], data: st.DataObject
) -> None:
    source, article = pair
    baseline = align(plain(article), plain(source))
    restyled_article = data.draw(restyled(article))
    restyled_source = data.draw(restyled(source))
    assert figures(align(restyled_article, restyled_source)) == figures(baseline)


@given(reuse_pairs(), st.data())
def test_passages_slice_out_text_that_matches(
    pair: tuple[list[list[str]], list[list[str]]], data: st.DataObject
) -> None:
    source_paras, article_paras = pair
    article = data.draw(restyled(article_paras))
    source = data.draw(restyled(source_paras))
    result = align(article, source)
    # Texts shorter than the minimum passage align whole (see align.find_spans).
    shortest = min(DEFAULTS.min_words, result.article_words, result.source_words)
    previous_end = -1
    for passage in result.passages:
        a_words = norm(article[passage.article_start : passage.article_end])
        s_words = norm(source[passage.source_start : passage.source_end])
        # Offsets fall on word boundaries, and a passage starts and ends with aligned words.
        assert (
            article[passage.article_start : passage.article_end].strip()
            == (article[passage.article_start : passage.article_end])
        )
        assert len(a_words) == passage.words >= shortest
        assert a_words[: DEFAULTS.seed_words] == s_words[: DEFAULTS.seed_words]
        assert a_words[-DEFAULTS.seed_words :] == s_words[-DEFAULTS.seed_words :]
        # The similarity is the Indel similarity of an alignment of the two slices, so the
        # best alignment (rapidfuzz's) is never worse.
        assert 0.0 < passage.similarity <= Indel.normalized_similarity(a_words, s_words) + 1e-12
        assert passage.article_start > previous_end
        previous_end = passage.article_end
    covered = sum(p.words for p in result.passages)
    assert result.containment == covered / result.article_words


@st.composite
def distinct_paragraphs(draw: st.DrawFn, letters: str, min_words: int) -> list[list[str]]:
    """Paragraphs with no word used twice, as distinct as paragraphs of prose are.

    The aligner is greedy: in a text made of one phrase repeated ("aa aa aa ...") it can
    align a paragraph with the wrong repeat and miss a word that a better choice would
    cover. Prose does not repeat whole passages, so the property is stated for text that
    does not either.
    """
    sizes = draw(st.lists(st.integers(min_words, 25), min_size=1, max_size=6))
    pool = draw(
        st.lists(words_from(letters), min_size=sum(sizes), max_size=sum(sizes), unique=True)
    )
    paras, start = [], 0
    for size in sizes:
        paras.append(pool[start : start + size])
        start += size
    return paras


@st.composite
def swap_cases(draw: st.DrawFn) -> tuple[list[list[str]], list[list[str]], int, int]:
    """Copied paragraphs of at least `min_words` words and new ones longer than `max_gap`."""
    source = draw(distinct_paragraphs(SOURCE_LETTERS, DEFAULTS.min_words))
    article = [list(p) for p in source if draw(st.booleans())] or [list(source[0])]
    for _ in range(draw(st.integers(0, 3))):
        new = st.lists(words_from(NEW_LETTERS), min_size=DEFAULTS.max_gap + 1, max_size=20)
        article.insert(draw(st.integers(0, len(article))), draw(new))
    first = draw(st.integers(0, len(article) - 1))
    second = draw(st.integers(0, len(article) - 1))
    return source, article, first, second


@given(swap_cases())
def test_swapping_two_article_paragraphs_does_not_lower_containment(
    case: tuple[list[list[str]], list[list[str]], int, int],
) -> None:
    source, article, first, second = case
    swapped = list(article)
    swapped[first], swapped[second] = swapped[second], swapped[first]
    before = align(plain(article), plain(source)).containment
    assert align(plain(swapped), plain(source)).containment >= before
