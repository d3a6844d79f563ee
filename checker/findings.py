"""One record for every finding, and the result records built from them.

Summaries are computed from findings, never stored beside them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, cast

from checker.rule_ref import RuleRef
from checker.severity import Severity

if TYPE_CHECKING:
    from checker.document import Document, Image, Link
    from checker.evidence import Evidence
    from checker.overlap import Alignment
    from checker.pack_model import Rule

__all__ = ["ArticleResult", "BaselineEntry", "Finding", "Location", "RunResult", "Severity"]


@dataclass(frozen=True)
class Location:
    path: str
    line: int = 0
    column: int = 0


@dataclass(frozen=True)
class Finding:
    rule: RuleRef  # "<pack>/<rule id>", e.g. "default/source-credit", with .pack and .id
    check: str  # the check kind, e.g. "source-credit"
    severity: Severity
    message: str
    location: Location
    evidence: str = ""
    help_uri: str = ""
    # A summary row ("and 4,902 more") stands for this many findings that are not listed.
    unlisted: int = 0

    @property
    def weight(self) -> int:
        """How many findings this row stands for: itself, or the unlisted ones it counts."""
        return self.unlisted or 1

    def __post_init__(self) -> None:
        if not isinstance(self.rule, RuleRef):  # read back from storage, or built by hand
            object.__setattr__(self, "rule", RuleRef.parse(self.rule))

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.location.path, self.location.line, self.location.column, self.rule)


@dataclass(frozen=True)
class BaselineEntry:
    """A finding accepted in a baseline file, by its fingerprint."""

    fingerprint: str
    rule: str
    path: str
    message: str


@dataclass(frozen=True)
class ArticleResult:
    article: str
    source: str | None
    packs: tuple[str, ...]  # the names of the packs that ran, in order
    findings: tuple[Finding, ...]
    overlap: Alignment | None = None
    # A file that could not be read: reported, counted, and the run goes on.
    error: str | None = None
    # What the checks saw, kept so that reports can show it without recomputing anything.
    article_doc: Document | None = None
    source_doc: Document | None = None
    # Resolved variables ({publisher}, {source_url}, ...).
    variables: dict[str, str] = field(default_factory=dict)
    # Facts the check kinds established, for reports to show, by name (each kind declares its
    # own: `CheckKind.facts`): "image_statuses", "original_links", ...
    facts: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)
    # Findings an inline `syndicheck-disable` comment excused, kept for the record.
    suppressed: tuple[Finding, ...] = ()
    # How the packs were chosen (`--rules auto`, configuration), said to the user.
    pack_reason: str = ""
    # The qualified ids of the rules that ran on this article, found something or not.
    rules: tuple[str, ...] = ()
    # What satisfied each passing rule whose check can say (rule id -> the credit line found,
    # the link that counts, ...), for a reader who must rely on the pass.
    satisfied: tuple[tuple[str, str], ...] = ()
    # When it was checked and the SHA-256 of the bytes checked; None for a stored result
    # that did not keep it, or an article that could not be read.
    evidence: Evidence | None = None
    # Those rules themselves, and the versions of the packs they came from, so that a report
    # of this result alone can describe them.
    rule_records: tuple[Rule, ...] = ()
    pack_versions: Mapping[str, str] = field(default_factory=dict)
    pack_hashes: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if isinstance(self.packs, str):  # one pack named by hand
            object.__setattr__(self, "packs", (self.packs,) if self.packs else ())

    @property
    def pack(self) -> str:
        """The packs as the JSON and text reports write them: "default", "wire,default"."""
        return ",".join(self.packs)

    @property
    def image_statuses(self) -> tuple[tuple[Image, str], ...]:
        """Each image with its status ("credited", "uncredited", "outside body", ...)."""
        return cast("tuple[tuple[Image, str], ...]", self.facts.get("image_statuses", ()))

    @property
    def original_links(self) -> tuple[Link, ...]:
        """The body links that count as a link to the original."""
        return cast("tuple[Link, ...]", self.facts.get("original_links", ()))

    # Why the article was not checked (e.g. "no declared source"); "" when it was.
    skipped: str = ""

    def failed(self, fail_level: Severity | None) -> bool:
        if self.error is not None:
            return True
        if fail_level is None:
            return False
        return any(finding.severity >= fail_level for finding in self.findings)

    def finding_counts(self) -> dict[str, int]:
        """Findings per severity, a summary row counted as the findings it stands for."""
        counts = {severity.label: 0 for severity in sorted(Severity, reverse=True)}
        for finding in self.findings:
            counts[finding.severity.label] += finding.weight
        return counts

    def rule_rows(self) -> tuple[tuple[str, str, int], ...]:
        """One row per broken rule: (rule, worst severity, number of findings), the most
        severe rules first, then in the order they were found."""
        worst: dict[str, Severity] = {}
        number: dict[str, int] = {}
        for finding in self.findings:
            worst[finding.rule] = max(worst.get(finding.rule, finding.severity), finding.severity)
            number[finding.rule] = number.get(finding.rule, 0) + finding.weight
        ordered = sorted(worst, key=lambda rule: -worst[rule])
        return tuple((rule, worst[rule].label, number[rule]) for rule in ordered)

    def broken_rules(self) -> tuple[str, ...]:
        return tuple(rule for rule, _, _ in self.rule_rows())


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
    # Each pack's content hash (SHA-256 of its file and of every pack it extends), by name.
    pack_hashes: dict[str, str] = field(default_factory=dict)
    checked_at: str = ""  # when the run started, ISO 8601 UTC

    @classmethod
    def of(
        cls,
        results: Iterable[ArticleResult],
        fail_level: Severity | None = Severity.ERROR,
        tool_version: str = "",
    ) -> RunResult:
        """A run of checked articles, describing the packs and rules they used."""
        results = tuple(results)
        packs = {name: v for r in results for name, v in r.pack_versions.items()}
        hashes = {name: h for r in results for name, h in r.pack_hashes.items()}
        rules: dict[str, Rule] = {
            rule.qualified_id: rule for r in results for rule in r.rule_records
        }
        return cls(
            results,
            fail_level,
            tool_version,
            dict(sorted(packs.items())),
            rules,
            pack_hashes=dict(sorted(hashes.items())),
        )

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

    def finding_counts(self) -> dict[str, int]:
        """Findings per severity, each "and N more" row counted as its N findings."""
        counts = {severity.label: 0 for severity in sorted(Severity, reverse=True)}
        for result in self.results:
            for label, count in result.finding_counts().items():
                counts[label] += count
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
