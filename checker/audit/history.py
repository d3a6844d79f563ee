"""What changed since the previous complete run: new, fixed and still-open findings.

Findings are matched by fingerprint (see hashing.py) as multisets, so an article with the same
finding twice that loses one shows one fixed and one still open. An article that was not in
the previous run has only new findings; an article dropped from the manifest is not "fixed".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from checker.audit.records import FindingRow


@dataclass(frozen=True)
class ArticleChanges:
    key: str
    new: tuple[FindingRow, ...]
    fixed: tuple[FindingRow, ...]
    open: tuple[FindingRow, ...]


@dataclass(frozen=True)
class Changes:
    baseline: str | None  # the run compared with, or None for a first run
    articles: tuple[ArticleChanges, ...]

    @property
    def new(self) -> int:
        return sum(len(a.new) for a in self.articles)

    @property
    def fixed(self) -> int:
        return sum(len(a.fixed) for a in self.articles)

    @property
    def open(self) -> int:
        return sum(len(a.open) for a in self.articles)

    def for_article(self, key: str) -> ArticleChanges | None:
        return next((a for a in self.articles if a.key == key), None)


def _split(
    current: Sequence[FindingRow], previous: Sequence[FindingRow]
) -> tuple[list[FindingRow], list[FindingRow], list[FindingRow]]:
    before = Counter(row.fingerprint for row in previous)
    new, still = [], []
    for row in current:
        if before[row.fingerprint] > 0:
            before[row.fingerprint] -= 1
            still.append(row)
        else:
            new.append(row)
    fixed = []
    for row in previous:
        if before[row.fingerprint] > 0:
            before[row.fingerprint] -= 1
            fixed.append(row)
    return new, fixed, still


def compare(
    keys: Iterable[str],
    current: Mapping[str, Sequence[FindingRow]],
    previous: Mapping[str, Sequence[FindingRow]],
    baseline: str | None,
) -> Changes:
    """Changes for each article in `keys` (the current run's articles, in its order)."""
    articles = []
    for key in keys:
        new, fixed, still = _split(current.get(key, ()), previous.get(key, ()))
        articles.append(ArticleChanges(key, tuple(new), tuple(fixed), tuple(still)))
    return Changes(baseline, tuple(articles))
