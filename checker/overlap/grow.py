"""Growing a seed into a passage: exact runs, joined across the small gaps that edits leave.

A swapped word, an inserted or dropped word, a trimmed clause: each splits an exact run in two
with a gap of a few words on one or both sides. From the end of a run, the nearest place within
`max_gap` words on each side where the next `k` words match again continues the passage; the
gap words count as part of it, because they are the edited words of copied text. The same
search runs backwards from the start, so a passage does not depend on where it was seeded.
Exact runs are compared a slice at a time, and "do k words match again within the gap?" is
asked of the k-grams' names (seeds.py) in the two windows, a few list operations in C, so
growing a passage costs a few calls per run, not one per word.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import NamedTuple

from checker.overlap.seeds import SourceIndex

# Compare this many words at a time before going word by word: long copies are the common
# case, and one slice comparison runs in C.
_STRIDE = 16

Tokens = Sequence[Hashable]


class Span(NamedTuple):
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


class Grower:
    """Grows seeds into passages between one article and one source.

    `found[x]` names the article's k-gram at x (seeds.py; None where the source lacks it) and
    `index.first_of[y]` the source's at y. "Do k words match again within `max_gap`?" then
    costs a slice of each: after the last run of a passage the article's is usually all None.
    """

    __slots__ = ("a", "found", "index", "k", "max_gap", "s")

    def __init__(
        self,
        a: Tokens,
        s: Tokens,
        k: int,
        max_gap: int,
        index: SourceIndex,
        found: Sequence[int | None],
    ) -> None:
        self.a, self.s, self.k, self.max_gap = a, s, k, max_gap
        self.index, self.found = index, found

    def grow(self, i: int, j: int, floor: int) -> Span:
        """The passage around the seed (i, j), whose k words are known to match.

        It never reaches below article position `floor` (the end of the previous passage), so
        passages do not overlap in the article; they may in the source, where an article can
        quote the same sentence twice.
        """
        a, s, k = self.a, self.s, self.k
        back = backward(a, s, i, j, floor)
        i, j = i - back, j - back
        length = forward(a, s, i, j, k + back)
        article_end, source_end, matched = i + length, j + length, length
        while nxt := self._resume_forward(article_end, source_end):
            x, y = nxt
            length = forward(a, s, x, y, k)
            article_end, source_end = x + length, y + length
            matched += length
        while prv := self._resume_backward(i, j, floor):
            x, y = prv
            length = k + backward(a, s, x - k, y - k, floor)
            i, j = x - length, y - length
            matched += length
        return Span(i, article_end, j, source_end, matched)

    def _resume_forward(self, x: int, y: int) -> tuple[int, int] | None:
        """The nearest (x', y') at most `max_gap` words past (x, y) where k words match again.

        Nearest means the fewest gap words on both sides together, then the fewest in the
        article.
        """
        max_gap = self.max_gap
        window = self.found[x : x + max_gap + 1]
        if not any(window):
            return None
        # source[gs] names the source k-gram gs words past y: equal names, equal k-grams.
        source = self.index.first_of[y : y + max_gap + 1]
        best: tuple[int, int] | None = None
        reach = 2 * max_gap + 1  # more than any gap: ga + gs <= 2 * max_gap
        for ga, name in enumerate(window):
            if ga >= reach:
                break
            if name and name in source and ga + (gs := source.index(name)) < reach:
                best, reach = (x + ga, y + gs), ga + gs
        return best

    def _resume_backward(self, x: int, y: int, floor: int) -> tuple[int, int] | None:
        """The mirror image of `_resume_forward`: the nearest run end before (x, y).

        Returns (x', y'), at most `max_gap` words before x and y, where the k words ending there
        match; the article side does not reach below `floor`.
        """
        k, max_gap = self.k, self.max_gap
        last = min(max_gap, x - floor - k)
        if last < 0 or y < k:
            return None
        # window[last - ga] names the article k-gram ending ga words before x.
        window = self.found[x - k - last : x - k + 1]
        if not any(window):
            return None
        # source[gs] names the source k-gram ending gs words before y.
        source = self.index.first_of[max(0, y - k - max_gap) : y - k + 1][::-1]
        best: tuple[int, int] | None = None
        reach = 2 * max_gap + 1
        for ga in range(last + 1):
            if ga >= reach:
                break
            name = window[last - ga]
            if name and name in source and ga + (gs := source.index(name)) < reach:
                best, reach = (x - ga, y - gs), ga + gs
        return best
