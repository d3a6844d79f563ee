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

from checker.overlap.grow import Span, grow
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
    covered = sum(span.words for span in spans)
    containment = covered / n if n else 0.0
    similarity = sum(span.words * span.similarity for span in spans) / covered if covered else 0.0
    return Alignment(
        containment=containment,
        source_coverage=_union_length(spans) / m if m else 0.0,
        longest_passage_words=max((span.words for span in spans), default=0),
        passages=_passages(spans, article, source),
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
    max_gap = settings.max_gap
    index = SourceIndex(s, k)
    positions, firsts = find_seeds(a, index, k, settings.seed_step)
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
        starts: list[int] | None = None
        if a[i : i + k] != s[j : j + k]:
            starts = index.starts_of(firsts[h])
            j = starts[min(bisect_left(starts, expected + 1), len(starts) - 1)] - 1
        span = grow(a, s, i, j, k, max_gap, floor)
        # Too short, or stopped by an end of the source while the article goes on: a repeat
        # of the k-gram elsewhere may give the real passage.
        if (
            span.words < min_words
            or (span.source_end == len(s) and span.article_end < len(a))
            or (span.source_start == 0 and span.article_start > floor)
        ):
            if starts is None:
                starts = index.starts_of(firsts[h])
            span = _best_other(a, s, i, j, k, max_gap, floor, starts, span)
        if span.words >= min_words:
            spans.append(span)
            floor, expected = span.article_end, span.source_end
            h = bisect_left(positions, floor, h + 1)
        else:
            h += 1
    return spans


def _best_other(
    a: Sequence[bytes],
    s: Sequence[bytes],
    i: int,
    tried: int,
    k: int,
    max_gap: int,
    floor: int,
    starts: list[int],
    best: Span,
) -> Span:
    """The longest passage from the other occurrences of a repeated k-gram."""
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
            span = grow(a, s, i, j, k, max_gap, floor)
            if span.words > best.words:
                best = span
    return best


def _passages(spans: list[Span], article: Words, source: Words) -> tuple[Passage, ...]:
    a_at = article.spans([i for span in spans for i in (span.article_start, span.article_end - 1)])
    s_at = source.spans([j for span in spans for j in (span.source_start, span.source_end - 1)])
    return tuple(
        Passage(
            article_start=a_at[span.article_start][0],
            article_end=a_at[span.article_end - 1][1],
            source_start=s_at[span.source_start][0],
            source_end=s_at[span.source_end - 1][1],
            words=span.words,
            similarity=span.similarity,
        )
        for span in spans
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
