"""Growing a seed into a passage: exact runs, joined across the small gaps that edits leave.

A swapped word, an inserted or dropped word, a trimmed clause: each splits an exact run in two
with a gap of a few words on one or both sides. From the end of a run, the nearest place within
`max_gap` words on each side where the next `k` words match again continues the passage; the
gap words count as part of it, because they are the edited words of copied text. The same
search runs backwards from the start, so a passage does not depend on where it was seeded.
Each step only looks a few words ahead, so growing costs about one comparison per word.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

# Compare this many words at a time before going word by word: long copies are the common
# case, and one slice comparison runs in C.
_STRIDE = 16

Tokens = Sequence[Hashable]


@dataclass
class Span:
    """A passage in word positions (end exclusive) and how many of its words match exactly."""

    article_start: int
    article_end: int
    source_start: int
    source_end: int
    matched: int

    @property
    def words(self) -> int:
        return self.article_end - self.article_start

    @property
    def source_words(self) -> int:
        return self.source_end - self.source_start

    @property
    def similarity(self) -> float:
        """Share of the passage's words, on both sides together, that its exact runs match.

        This is the Indel (insert/delete) similarity of the two sides under the alignment
        found, as rapidfuzz's `Indel.normalized_similarity` defines it; it equals rapidfuzz's
        figure whenever the runs form a longest common subsequence (as they do for copies with
        scattered edits) and is never above it. It costs nothing, where rapidfuzz would hash
        every word of the passage again.
        """
        return 2 * self.matched / (self.words + self.source_words)


def forward(a: Tokens, s: Tokens, i: int, j: int, known: int) -> int:
    """Length of the exact run starting at (i, j), the first `known` words known to match."""
    length = known
    limit = min(len(a) - i, len(s) - j)
    while length + _STRIDE <= limit and (
        a[i + length : i + length + _STRIDE] == s[j + length : j + length + _STRIDE]
    ):
        length += _STRIDE
    while length < limit and a[i + length] == s[j + length]:
        length += 1
    return length


def backward(a: Tokens, s: Tokens, i: int, j: int, floor: int) -> int:
    """Length of the exact run ending just before (i, j), not reaching below article `floor`."""
    length = 0
    limit = min(i - floor, j)
    while length + _STRIDE <= limit and (
        a[i - length - _STRIDE : i - length] == s[j - length - _STRIDE : j - length]
    ):
        length += _STRIDE
    while length < limit and a[i - length - 1] == s[j - length - 1]:
        length += 1
    return length


def _resume_forward(
    a: Tokens, s: Tokens, x: int, y: int, k: int, max_gap: int
) -> tuple[int, int] | None:
    """The nearest (x', y') at most `max_gap` words past (x, y) where k words match again."""
    window = s[y : y + max_gap + 1]
    best: tuple[int, int] | None = None
    reach = 2 * max_gap + 1  # more than any gap: ga + gs <= 2 * max_gap
    for ga in range(min(max_gap + 1, len(a) - x - k + 1)):
        if ga >= reach:
            break
        word = a[x + ga]
        gs = -1
        while word in window[gs + 1 :]:
            gs = window.index(word, gs + 1)
            if ga + gs >= reach:
                break
            if a[x + ga : x + ga + k] == s[y + gs : y + gs + k]:
                best, reach = (x + ga, y + gs), ga + gs
                break
    return best


def _resume_backward(
    a: Tokens, s: Tokens, x: int, y: int, k: int, max_gap: int, floor: int
) -> tuple[int, int] | None:
    """The mirror image of `_resume_forward`: the nearest run end before (x, y).

    Returns (x', y'), at most `max_gap` words before x and y, where the k words ending there
    match; the article side does not reach below `floor`.
    """
    window = s[max(0, y - max_gap - 1) : y][::-1]  # window[g] is s[y - 1 - g]
    best: tuple[int, int] | None = None
    reach = 2 * max_gap + 1
    for ga in range(min(max_gap + 1, x - floor - k + 1)):
        if ga >= reach:
            break
        word = a[x - ga - 1]
        gs = -1
        while word in window[gs + 1 :]:
            gs = window.index(word, gs + 1)
            if ga + gs >= reach:
                break
            end_a, end_s = x - ga, y - gs
            if end_s >= k and a[end_a - k : end_a] == s[end_s - k : end_s]:
                best, reach = (end_a, end_s), ga + gs
                break
    return best


def grow(a: Tokens, s: Tokens, i: int, j: int, k: int, max_gap: int, floor: int) -> Span:
    """The passage around the seed (i, j), whose k words are known to match.

    It never reaches below article position `floor` (the end of the previous passage), so
    passages do not overlap in the article; they may in the source, where an article can
    quote the same sentence twice.
    """
    back = backward(a, s, i, j, floor)
    i, j = i - back, j - back
    length = forward(a, s, i, j, k + back)
    span = Span(i, i + length, j, j + length, length)
    while nxt := _resume_forward(a, s, span.article_end, span.source_end, k, max_gap):
        x, y = nxt
        length = forward(a, s, x, y, k)
        span.article_end, span.source_end = x + length, y + length
        span.matched += length
    while prv := _resume_backward(a, s, span.article_start, span.source_start, k, max_gap, floor):
        x, y = prv
        length = k + backward(a, s, x - k, y - k, floor)
        span.article_start, span.source_start = x - length, y - length
        span.matched += length
    return span
