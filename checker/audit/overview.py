"""What an audit's index page shows before its tables: failing articles by publisher, by rule
and run by run, and what is new and fixed per article. Computed here, from the run and the
history, so that the page only draws it (its charts' numbers are these)."""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass

from checker.audit.history import Changes
from checker.findings import RunResult, Severity

UNKNOWN_PUBLISHER = "(publisher unknown)"
_LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}


@dataclass(frozen=True)
class RunPoint:
    run_id: str
    started: str  # ISO 8601, UTC
    articles: int
    failing: int

    @property
    def label(self) -> str:
        # Two runs can start within a second: the run id's tail tells them apart.
        return f"{self.started[:19].replace('T', ' ')} · {self.run_id[-6:]}"


@dataclass(frozen=True)
class AuditOverview:
    run_id: str
    baseline: str | None  # the run compared with, None for a first run
    new: int
    fixed: int
    open: int
    # Per article of the run, in its order: (new findings, fixed findings).
    article_changes: tuple[tuple[int, int], ...]
    by_publisher: tuple[tuple[str, int], ...]  # failing articles per source publisher
    by_rule: tuple[tuple[str, int], ...]  # failing articles per rule that fails them
    trend: tuple[RunPoint, ...]  # complete runs, oldest first, then this one


def failing_by_publisher(run: RunResult) -> tuple[tuple[str, int], ...]:
    counts: Counter[str] = Counter()
    for result in run.results:
        if run.status(result) != "pass":
            counts[result.variables.get("publisher", "") or UNKNOWN_PUBLISHER] += 1
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def failing_by_rule(run: RunResult) -> tuple[tuple[str, int], ...]:
    """For each rule, the articles it fails: findings at or above the fail level."""
    counts: Counter[str] = Counter()
    level = run.fail_level
    for result in run.results:
        if level is None:
            continue
        counts.update({f.rule for f in result.findings if f.severity >= level})
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def trend(db: sqlite3.Connection, run_id: str, limit: int = 30) -> tuple[RunPoint, ...]:
    """Failing articles in each complete run of the history and in this one, oldest first.

    An article fails a run as it failed then: unreadable, or a finding at or above that
    run's own fail level.
    """
    rows = db.execute(
        "SELECT id, started, fail_level FROM runs WHERE status = 'complete' OR id = ?"
        " ORDER BY started DESC LIMIT ?",
        (run_id, limit),
    ).fetchall()
    points = []
    for rid, started, fail_level in reversed(rows):
        level = int(_LEVELS.get(fail_level, Severity.ERROR + 1))
        articles, failing = db.execute(
            "SELECT COUNT(*), COALESCE(SUM(a.error IS NOT NULL OR EXISTS (SELECT 1 FROM"
            " findings f WHERE f.run_id = a.run_id AND f.key = a.key AND f.severity >= ?)), 0)"
            " FROM articles a WHERE a.run_id = ?",
            (level, rid),
        ).fetchone()
        points.append(RunPoint(str(rid), str(started), int(articles), int(failing)))
    return tuple(points)


def overview(
    run_id: str, run: RunResult, changes: Changes, points: tuple[RunPoint, ...]
) -> AuditOverview:
    # The run's results and the changes are both in manifest order, one per article.
    per_article = tuple((len(a.new), len(a.fixed)) for a in changes.articles)
    return AuditOverview(
        run_id=run_id,
        baseline=changes.baseline,
        new=changes.new,
        fixed=changes.fixed,
        open=changes.open,
        article_changes=per_article,
        by_publisher=failing_by_publisher(run),
        by_rule=failing_by_rule(run),
        trend=points,
    )
