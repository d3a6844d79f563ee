"""Seeds: article positions whose next k words occur in the source, found by dict lookups.

The source's k-grams go into a dict once (`map(dict.setdefault, ...)`, in C), and every
article k-gram is looked up in it (`map(dict.get, ...)` over `zip`ped slices, also in C). The
article is seeded only every `step` words: an exact run of `k + step - 1` words or more always
contains a seed, and `grow` recovers the rest of the passage around it. Splitting and hashing
words and k-grams is most of the cost of a pair, so no Python code runs per word here.

A k-gram is named by its first start in the source plus one (so that every name is truthy),
and equal k-grams share one name object: `found[i] is first_of[j]` says that the article's
k-gram at i is the source's at j, with no word compared.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from itertools import compress
from operator import is_not


def kgrams(tokens: Sequence[Hashable], k: int, step: int = 1) -> zip[tuple[Hashable, ...]]:
    """The k-grams starting at every `step`-th position (a lazy, C-level iterator)."""
    return zip(*[tokens[offset::step] for offset in range(k)], strict=False)


class SourceIndex:
    """Where each k-gram of the source starts (positions plus one, so that all are truthy).

    `first` names each k-gram (its first start) and `first_of[j]` is the name of the k-gram
    starting at j. `starts_of` lists all starts of a repeated k-gram; those lists are built on
    the first call, once, from the positions where a k-gram is seen again, so prose (few
    repeats) pays little and repetitive text pays once per repeat.
    """

    def __init__(self, s: Sequence[Hashable], k: int) -> None:
        self.first: dict[tuple[Hashable, ...], int] = {}
        # One int object per position, made in one C call: first_of then holds the very
        # object of a k-gram's first start, which makes repeats an identity test (below).
        self._numbers = list(range(1, len(s) - k + 2))
        self.first_of = list(map(self.first.setdefault, kgrams(s, k), self._numbers))
        self._repeats: dict[int, list[int]] | None = None

    def starts_of(self, first: int) -> list[int]:
        """Every start (plus one, ascending) of the k-gram first starting at `first` - 1.

        The list returned is shared: callers must not change it.
        """
        if self._repeats is None:
            repeats: dict[int, list[int]] = {}
            first_of = self.first_of
            # Positions (plus one) whose first_of is not their own number: k-grams seen before.
            for later in compress(self._numbers, map(is_not, first_of, self._numbers)):
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
) -> tuple[list[int | None], list[int], list[int]]:
    """Where each article k-gram occurs in the source, and the seeds among them.

    Returns the k-gram's first start in the source plus one (None where it does not occur)
    for every article position, then two parallel lists: the positions probed (every `step`
    words) whose k-gram occurs, in increasing order, and that first start plus one for each
    (the key for `SourceIndex.starts_of`). Every position is looked up, not only the probes:
    that costs one C-level pass, and it turns each "does the passage go on past this edit?"
    question of `grow` into a slice of this list.
    """
    if k < 1 or len(a) < k:
        return [], [], []
    found = list(map(index.first.get, kgrams(a, k)))
    probes = found[::step]
    return found, list(compress(range(0, len(found), step), probes)), list(filter(None, probes))
