"""What changed since the previous complete run: new, fixed and still-open findings.

Findings are matched by fingerprint (checker.fingerprint: rule, severity, article and evidence,
without the figures) as multisets, so an article with the same finding twice that loses one
shows one fixed and one still open. An article that was not in the previous run has only new
findings; an article dropped from the manifest is not "fixed".

Changes are computed article by article from the database (`each_change`), so that an archive
of any size is compared, summed up and written out without holding its findings in memory.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from checker.audit.records import FindingRow
from checker.audit.store import Store
from checker.findings import Severity


@dataclass(frozen=True)
class ArticleChanges:
    key: str
    new: tuple[FindingRow, ...]
    fixed: tuple[FindingRow, ...]
    open: tuple[FindingRow, ...]
    position: int = 0  # 0-based, in the run's manifest order (the report's article number)

    @property
    def changed(self) -> bool:
        return bool(self.new or self.fixed)


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
    for position, key in enumerate(keys):
        new, fixed, still = _split(current.get(key, ()), previous.get(key, ()))
        articles.append(ArticleChanges(key, tuple(new), tuple(fixed), tuple(still), position))
    return Changes(baseline, tuple(articles))


def each_change(store: Store, run_id: str, baseline: str | None) -> Iterator[ArticleChanges]:
    """Changes article by article, in manifest order, read from the database as they go."""
    for position, key in enumerate(store.keys(run_id)):
        new, fixed, still = _split(store.rows_of(run_id, key), store.rows_of(baseline, key))
        yield ArticleChanges(key, tuple(new), tuple(fixed), tuple(still), position)


@dataclass
class ChangeSummary:
    """The totals of a run's changes, and the first few articles that changed."""

    baseline: str | None
    new: int = 0
    fixed: int = 0
    open: int = 0
    open_by_severity: dict[str, int] = field(default_factory=dict)
    changed_articles: int = 0
    first: list[ArticleChanges] = field(default_factory=list)

    @classmethod
    def of(
        cls, changes: Iterable[ArticleChanges], baseline: str | None, keep: int = 20
    ) -> ChangeSummary:
        by_severity = {severity.label: 0 for severity in sorted(Severity, reverse=True)}
        summary = cls(baseline, open_by_severity=by_severity)
        for article in changes:
            summary.new += len(article.new)
            summary.fixed += len(article.fixed)
            summary.open += len(article.open)
            for row in article.open:
                summary.open_by_severity[Severity(row.severity).label] += 1
            if article.changed:
                summary.changed_articles += 1
                if len(summary.first) < keep:
                    summary.first.append(article)
        return summary
