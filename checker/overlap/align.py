"""`align`: from two texts to an `Alignment` (passages with offsets, metrics, verdict).

Both texts become lists of normalised words (tokens.py). Article positions whose next few
words occur in the source are seeds (seeds.py); each seed not inside an earlier passage grows
into a passage across small edits (grow.py) and is kept if it is long enough. Everything is
greedy and local, so the cost grows with the length of the texts, not with their product.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import Any

from checker.overlap.grow import Grower, Span
from checker.overlap.model import Alignment, Passage
from checker.overlap.params import Params
from checker.overlap.seeds import SourceIndex, find_seeds
from checker.overlap.tokens import Words, words
from checker.overlap.verdict import verdict_for

# Other occurrences of a repeated k-gram tried when the one chosen does not give a passage.
_MAX_OCCURRENCES = 16


def align(article_text: str, source_text: str, **params: Any) -> Alignment:
    """Align the article with its source and measure how much of it is the source's text.

    Keyword parameters are the fields of `Params` (for example `min_words=6`); unknown names
    or bad values raise `UsageError`. Passages are sorted by their start in the article and
    never overlap there; their offsets index `article_text` and `source_text` directly.
    """
    settings = Params.from_options(params)
    article = words(article_text)
    source = words(source_text)
    spans = find_spans(article.tokens, source.tokens, settings)
    n, m = len(article), len(source)
    passages = _passages(spans, article, source)
    covered = sum(passage.words for passage in passages)
    containment = covered / n if n else 0.0
    similarity = (
        sum(passage.words * passage.similarity for passage in passages) / covered
        if covered
        else 0.0
    )
    return Alignment(
        containment=containment,
        source_coverage=_union_length(spans) / m if m else 0.0,
        longest_passage_words=max((passage.words for passage in passages), default=0),
        passages=passages,
        verdict=verdict_for(containment, similarity, settings),
        article_words=n,
        source_words=m,
    )


def find_spans(a: Sequence[bytes], s: Sequence[bytes], settings: Params) -> list[Span]:
    """The passages in word positions, in article order, not overlapping in the article."""
    # Texts shorter than the seed or the minimum passage still align with themselves: a
    # three-word article copied whole is a copy, not "too short to tell".
    shortest = min(len(a), len(s))
    if not shortest:
        return []
    k = min(settings.seed_words, shortest)
    min_words = min(settings.min_words, shortest)
    index = SourceIndex(s, k)
    found, positions, firsts = find_seeds(a, index, k, settings.seed_step)
    grower = Grower(a, s, k, settings.max_gap, index, found)
    first_of = index.first_of
    n, m = len(a), len(s)
    spans: list[Span] = []
    floor = 0  # article words before this are inside an accepted passage
    expected = 0  # where the previous passage ended in the source
    h = 0
    while h < len(positions):
        i = positions[h]
        # Where a k-gram occurs more than once, the likeliest reading continues the previous
        # passage: first the position as far on in the source as the article has gone since,
        # then the next occurrence after the previous passage, then (below) the others.
        j = expected + (i - floor)
        first = firsts[h]
        if j >= len(first_of) or first_of[j] is not first:  # another k-gram starts at j
            if first > expected:  # no start after the previous passage comes before it
                j = first - 1
            else:
                starts = index.starts_of(first)
                j = starts[min(bisect_left(starts, expected + 1), len(starts) - 1)] - 1
        span = grower.grow(i, j, floor)
        # Too short, or stopped by an end of the source while the article goes on: a repeat
        # of the k-gram elsewhere may give the real passage.
        if (
            span.article_end - span.article_start < min_words
            or (span.source_end == m and span.article_end < n)
            or (span.source_start == 0 and span.article_start > floor)
        ):
            span = _best_other(grower, i, j, floor, index.starts_of(firsts[h]), span)
        if span.article_end - span.article_start >= min_words:
            spans.append(span)
            floor, expected = span.article_end, span.source_end
            h = bisect_left(positions, floor, h + 1)
        else:
            h += 1
    return spans


def _best_other(
    grower: Grower, i: int, tried: int, floor: int, starts: list[int], best: Span
) -> Span:
    """The longest passage from the other occurrences of a repeated k-gram."""
    a, s, k = grower.a, grower.s, grower.k
    # The occurrences nearest the one tried first; a cap keeps repetitive text linear.
    middle = bisect_left(starts, tried + 1)
    low = max(0, middle - _MAX_OCCURRENCES // 2)
    for start in starts[low : low + _MAX_OCCURRENCES]:
        j = start - 1
        # Only an occurrence whose exact run goes past the k-gram can beat the first: at a
        # chance repeat the words either side differ (one comparison, where growing costs
        # dozens).
        if j != tried and (
            (i + k < len(a) and j + k < len(s) and a[i + k] == s[j + k])
            or (i > floor and j > 0 and a[i - 1] == s[j - 1])
        ):
            span = grower.grow(i, j, floor)
            if span.words > best.words:
                best = span
    return best


def _passages(spans: list[Span], article: Words, source: Words) -> tuple[Passage, ...]:
    a_at = article.spans([i for span in spans for i in (span.article_start, span.article_end - 1)])
    s_at = source.spans([j for span in spans for j in (span.source_start, span.source_end - 1)])
    return tuple(
        Passage(
            a_at[a0][0],
            a_at[a1 - 1][1],
            s_at[s0][0],
            s_at[s1 - 1][1],
            a1 - a0,
            2 * matched / (a1 - a0 + s1 - s0),  # Span.similarity
        )
        for a0, a1, s0, s1, matched in spans
    )


def _union_length(spans: list[Span]) -> int:
    """Source words inside at least one passage (passages may overlap in the source)."""
    total = 0
    reach = 0
    for start, end in sorted((span.source_start, span.source_end) for span in spans):
        if end > reach:
            total += end - max(start, reach)
            reach = end
    return total
