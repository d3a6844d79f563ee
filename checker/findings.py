"""One record for every finding, and the result records built from them.

Summaries are computed from findings, never stored beside them.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checker.baseline import BaselineEntry
    from checker.document import Document, Image, Link
    from checker.overlap import Alignment
    from checker.packs import Rule


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.strip().upper()]


@dataclass(frozen=True)
class Location:
    path: str
    line: int = 0
    column: int = 0


@dataclass(frozen=True)
class Finding:
    rule: str  # "<pack>/<rule id>", e.g. "default/source-credit"
    check: str  # the check kind, e.g. "source-credit"
    severity: Severity
    message: str
    location: Location
    evidence: str = ""
    help_uri: str = ""

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.location.path, self.location.line, self.location.column, self.rule)


@dataclass(frozen=True)
class ArticleResult:
    article: str
    source: str | None
    pack: str
    findings: tuple[Finding, ...]
    overlap: Alignment | None = None
    # A file that could not be read: reported, counted, and the run goes on.
    error: str | None = None
    # What the checks saw, kept so that reports can show it without recomputing anything.
    article_doc: Document | None = None
    source_doc: Document | None = None
    # Resolved variables ({publisher}, {source_url}, ...).
    variables: dict[str, str] = field(default_factory=dict)
    # Facts the checks established, for reports to show: each image with its status
    # ("credited", "uncredited", "outside body") and the body links that count as the original.
    image_statuses: tuple[tuple[Image, str], ...] = ()
    original_links: tuple[Link, ...] = ()
    # Findings an inline `syndicheck-disable` comment excused, kept for the record.
    suppressed: tuple[Finding, ...] = ()
    # How the packs were chosen (`--rules auto`, configuration), said to the user.
    pack_reason: str = ""
    # The qualified ids of the rules that ran on this article, found something or not.
    rules: tuple[str, ...] = ()
    # Why the article was not checked (e.g. "no declared source"); "" when it was.
    skipped: str = ""

    def failed(self, fail_level: Severity | None) -> bool:
        if self.error is not None:
            return True
        if fail_level is None:
            return False
        return any(finding.severity >= fail_level for finding in self.findings)


@dataclass(frozen=True)
class RunResult:
    results: tuple[ArticleResult, ...]
    fail_level: Severity | None = Severity.ERROR
    tool_version: str = ""
    packs: dict[str, str] = field(default_factory=dict)  # pack name -> version
    # Every rule that ran, by qualified id: reports describe rules that found nothing too.
    rules: Mapping[str, Rule] = field(default_factory=dict)
    # Findings below this level are not listed in reports (see `shown`).
    min_level: Severity = Severity.INFO
    # Baseline entries that matched no finding any more (the problem was fixed or moved).
    stale_baseline: tuple[BaselineEntry, ...] = ()
    baseline_path: str = ""  # the baseline applied, if any
    # Articles not checked (not syndicated: no declared source), kept apart from `results`
    # so that every renderer and the exit code see only what was checked.
    skipped: tuple[ArticleResult, ...] = ()

    @property
    def findings(self) -> Iterable[Finding]:
        for result in self.results:
            yield from result.findings

    def counts(self) -> dict[str, int]:
        counts = {severity.label: 0 for severity in sorted(Severity, reverse=True)}
        for finding in self.findings:
            counts[finding.severity.label] += 1
        return counts

    def counts_by_rule(self) -> list[tuple[str, str, int]]:
        """(rule, severity, count) for `--statistics`, the most frequent first."""
        tally: dict[tuple[str, str], int] = {}
        for finding in self.findings:
            key = (finding.rule, finding.severity.label)
            tally[key] = tally.get(key, 0) + 1
        return sorted(((r, s, n) for (r, s), n in tally.items()), key=lambda t: (-t[2], t[0]))

    def shown(self) -> RunResult:
        """The run as reports list it: findings below `min_level` left out.

        The exit code is taken from the whole run, before this filter.
        """
        if self.min_level == Severity.INFO:
            return self
        results = tuple(
            replace(r, findings=tuple(f for f in r.findings if f.severity >= self.min_level))
            for r in self.results
        )
        return replace(self, results=results)

    def status(self, result: ArticleResult) -> str:
        """ "pass", "fail" (findings at or above the fail level) or "error" (unreadable input)."""
        if result.error is not None:
            return "error"
        return "fail" if result.failed(self.fail_level) else "pass"

    @property
    def failed_articles(self) -> int:
        return sum(1 for result in self.results if result.failed(self.fail_level))

    @property
    def exit_code(self) -> int:
        if any(result.error is not None for result in self.results):
            return 2
        return 1 if self.failed_articles else 0
