"""What an audit's index page shows before its tables: failing articles by publisher, by rule
and run by run, and what is new and fixed. Computed here, so that the page only draws it (its
charts' numbers are these), and counted by the history database, so that the audit's parent
holds no results whatever the archive's size."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from checker.audit.history import ChangeSummary
from checker.findings import Severity

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
    by_publisher: tuple[tuple[str, int], ...]  # failing articles per source publisher
    by_rule: tuple[tuple[str, int], ...]  # failing articles per rule that fails them
    trend: tuple[RunPoint, ...]  # complete runs, oldest first, then this one


def _ranked(rows: list[tuple[object, object]]) -> tuple[tuple[str, int], ...]:
    counts = [(str(label), int(str(value))) for label, value in rows]
    return tuple(sorted(counts, key=lambda item: (-item[1], item[0])))


def failing_by_publisher(
    db: sqlite3.Connection, run_id: str, fail_level: Severity | None
) -> tuple[tuple[str, int], ...]:
    """Articles that fail (unreadable, or a finding at or above the fail level) per publisher,
    counted by the database: the parent holds no results."""
    level = int(fail_level) if fail_level is not None else Severity.ERROR + 1
    rows = db.execute(
        "SELECT COALESCE(NULLIF(json_extract(a.variables, '$.publisher'), ''), ?), COUNT(*)"
        " FROM articles a WHERE a.run_id = ? AND (a.error IS NOT NULL OR EXISTS (SELECT 1"
        " FROM findings f WHERE f.run_id = a.run_id AND f.key = a.key AND f.severity >= ?))"
        " GROUP BY 1",
        (UNKNOWN_PUBLISHER, run_id, level),
    ).fetchall()
    return _ranked(rows)


def failing_by_rule(
    db: sqlite3.Connection, run_id: str, fail_level: Severity | None
) -> tuple[tuple[str, int], ...]:
    """For each rule, the articles it fails: findings at or above the fail level."""
    if fail_level is None:
        return ()
    rows = db.execute(
        "SELECT rule, COUNT(DISTINCT key) FROM findings WHERE run_id = ? AND severity >= ?"
        " GROUP BY rule",
        (run_id, int(fail_level)),
    ).fetchall()
    return _ranked(rows)


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
    db: sqlite3.Connection, run_id: str, fail_level: Severity | None, changes: ChangeSummary
) -> AuditOverview:
    """The figures of the index's charts and badges, read from the history database."""
    return AuditOverview(
        run_id=run_id,
        baseline=changes.baseline,
        new=changes.new,
        fixed=changes.fixed,
        open=changes.open,
        by_publisher=failing_by_publisher(db, run_id, fail_level),
        by_rule=failing_by_rule(db, run_id, fail_level),
        trend=trend(db, run_id),
    )
