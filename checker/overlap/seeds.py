"""Seeds: article positions whose next k words occur in the source, found by dict lookups.

The source's k-grams go into a dict once (`map(dict.setdefault, ...)`, in C). The article is
probed only every `step` words (`zip` over strided slices, also in C): an exact run of
`k + step - 1` words or more always contains a probe, and `grow` recovers the rest of the
passage around a probe. Hashing words and k-grams is most of the cost of a pair, so no Python
code runs per word here.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from itertools import compress, count
from operator import ne


def _kgrams(tokens: Sequence[Hashable], k: int, step: int = 1) -> zip[tuple[Hashable, ...]]:
    """The k-grams starting at every `step`-th position (a lazy, C-level iterator)."""
    return zip(*(tokens[offset::step] for offset in range(k)), strict=False)


class SourceIndex:
    """Where each k-gram of the source starts (positions plus one, so that all are truthy).

    A dict gives each k-gram's first start; `starts_of` lists all starts of a repeated one,
    which the aligner asks for when a seed does not simply continue the previous passage.
    The lists of repeats are built on that first call, once, from the positions where a
    k-gram is seen again, so prose (few repeats) pays little and repetitive text pays once
    per repeat.
    """

    def __init__(self, s: Sequence[Hashable], k: int) -> None:
        self.first: dict[tuple[Hashable, ...], int] = {}
        # first_of[j] is the first start (plus one) of the k-gram starting at j.
        self._first_of = list(map(self.first.setdefault, _kgrams(s, k), count(1)))
        self._repeats: dict[int, list[int]] | None = None

    def starts_of(self, first: int) -> list[int]:
        """Every start (plus one, ascending) of the k-gram first starting at `first` - 1.

        The list returned is shared: callers must not change it.
        """
        if self._repeats is None:
            repeats: dict[int, list[int]] = {}
            first_of = self._first_of
            # Positions (plus one) where first_of[j] is not j + 1: a k-gram seen before.
            for later in compress(count(1), map(ne, first_of, count(1))):
                earlier = first_of[later - 1]
                found = repeats.get(earlier)
                if found is None:
                    repeats[earlier] = [earlier, later]
                else:
                    found.append(later)
            self._repeats = repeats
        return self._repeats.get(first) or [first]


def find_seeds(
    a: Sequence[Hashable], index: SourceIndex, k: int, step: int
) -> tuple[list[int], list[int]]:
    """Article positions (every `step` words) whose k-gram occurs in the source.

    Returns two parallel lists: article positions in increasing order, and for each the
    k-gram's first start in the source plus one (the key for `SourceIndex.starts_of`).
    """
    if k < 1 or len(a) < k:
        return [], []
    found = list(map(index.first.get, _kgrams(a, k, step)))
    positions = [probe * step for probe in compress(range(len(found)), found)]
    return positions, list(filter(None, found))
