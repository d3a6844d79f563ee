"""The history database: runs, the articles each run checked, and their findings.

SQLite in WAL mode with one writer (the audit's parent process): readers never block it, and a
crash or SIGKILL at any moment leaves the committed prefix intact. Each article's result is one
transaction, so an interrupted run loses at most the article being written, and the next run
reuses every result already committed (its inputs and packs match, see hashing.py).

Schema 2 keeps with each result what it was checked with (`checked_with`) and what its report
section shows (`view`, content-addressed in `views`, so a result reused by many runs is stored
once). A schema 1 database is upgraded in place; its results lack both, so none is reused.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import socket
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from checker.audit.records import FindingRow, finding_rows, overlap_json, rebuild
from checker.errors import UsageError
from checker.findings import ArticleResult, Severity

DEFAULT_DB = ".syndicheck/history.sqlite"
SCHEMA_VERSION = "2"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    id TEXT PRIMARY KEY,
    started TEXT NOT NULL,
    finished TEXT,
    status TEXT NOT NULL CHECK (status IN ('running', 'complete', 'interrupted')),
    input TEXT NOT NULL,
    engine TEXT NOT NULL,
    tool_version TEXT NOT NULL,
    fail_level TEXT NOT NULL,
    packs TEXT NOT NULL DEFAULT '{}',
    host TEXT NOT NULL,
    pid INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    run_id TEXT NOT NULL REFERENCES runs(id),
    key TEXT NOT NULL,
    path TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    source TEXT,
    pack TEXT NOT NULL,
    error TEXT,
    overlap TEXT,
    variables TEXT,
    reused_from TEXT,
    seconds REAL NOT NULL DEFAULT 0,
    position INTEGER NOT NULL DEFAULT 0,
    checked_with TEXT,
    view TEXT,
    crashed INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (run_id, key)
);
CREATE TABLE IF NOT EXISTS views (id TEXT PRIMARY KEY, data BLOB NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS articles_by_hash ON articles (key, content_hash);
CREATE TABLE IF NOT EXISTS findings (
    run_id TEXT NOT NULL,
    key TEXT NOT NULL,
    seq INTEGER NOT NULL,
    fingerprint TEXT NOT NULL,
    rule TEXT NOT NULL,
    check_kind TEXT NOT NULL,
    severity INTEGER NOT NULL,
    message TEXT NOT NULL,
    path TEXT NOT NULL,
    line INTEGER NOT NULL,
    col INTEGER NOT NULL,
    evidence TEXT NOT NULL,
    help_uri TEXT NOT NULL,
    unlisted INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (run_id, key, seq)
) WITHOUT ROWID;
"""
# Columns schema 2 added to `articles`, for upgrading a schema 1 database in place.
_ADDED = (
    "position INTEGER NOT NULL DEFAULT 0",
    "checked_with TEXT",
    "view TEXT",
    "crashed INTEGER NOT NULL DEFAULT 0",
)
_ARTICLE_COLUMNS = "path, source, pack, error, overlap, variables, view"
_FINDING_COLUMNS = (
    "seq, fingerprint, rule, check_kind, severity, message, path, line, col, evidence, help_uri,"
    " unlisted"
)


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def new_run_id() -> str:
    """Sortable by start time, unique across machines writing reports to one folder."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _schema_version(db: sqlite3.Connection) -> str:
    return str(db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0])


def _upgrade(db: sqlite3.Connection, found: str) -> None:
    """Schema 1 -> 2: the new columns, and the findings' fingerprints recomputed by the one
    fingerprint function, so that the first run after the upgrade compares like with like."""
    if found != "1":
        return
    db.execute("BEGIN IMMEDIATE")
    have = {row[1] for row in db.execute("PRAGMA table_info(articles)")}
    for column in _ADDED:
        if column.split()[0] not in have:
            db.execute(f"ALTER TABLE articles ADD COLUMN {column}")
    if "unlisted" not in {row[1] for row in db.execute("PRAGMA table_info(findings)")}:
        db.execute("ALTER TABLE findings ADD COLUMN unlisted INTEGER NOT NULL DEFAULT 0")
    rows = db.execute(
        "SELECT run_id, key, seq, rule, check_kind, severity, message, path, line, col,"
        " evidence, help_uri FROM findings"
    ).fetchall()
    for run_id, key, seq, *fields in rows:
        row = FindingRow(seq, "", *fields)
        fresh = finding_rows(key, [row.to_finding()])[0].fingerprint
        db.execute(
            "UPDATE findings SET fingerprint = ? WHERE run_id = ? AND key = ? AND seq = ?",
            (fresh, run_id, key, seq),
        )
    db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (SCHEMA_VERSION,))
    db.execute("COMMIT")


@dataclass(frozen=True)
class Totals:
    """A run's figures, counted by the database rather than from results held in memory."""

    articles: int
    errors: int  # articles not checked (unreadable input, or a crash)
    crashed: int
    failed: int  # articles with an error or a finding at or above the fail level
    findings: dict[str, int]


class Store:
    def __init__(self, connection: sqlite3.Connection, path: str) -> None:
        self.db = connection
        self.path = path

    @classmethod
    def open(cls, path: str) -> Store:
        try:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            # Autocommit mode: transactions are explicit (`transaction()`), one per article.
            db = sqlite3.connect(path, isolation_level=None, timeout=30)
            db.execute("PRAGMA journal_mode=WAL")
            # NORMAL in WAL mode: a power cut may drop the last commits, never corrupt the file.
            db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(_SCHEMA)
            db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
            _upgrade(db, _schema_version(db))
            db.execute(
                "CREATE INDEX IF NOT EXISTS articles_in_order ON articles (run_id, position)"
            )
        except (sqlite3.Error, OSError) as exc:
            raise UsageError(path, f"cannot open the history database: {exc}") from None
        found = _schema_version(db)
        if found != SCHEMA_VERSION:
            raise UsageError(path, f"history database schema {found}, expected {SCHEMA_VERSION}")
        return cls(db, path)

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        if self.db.in_transaction:
            # A Ctrl-C can land between BEGIN and the `try` below, leaving a half-made
            # transaction open; it holds nothing committed, so it is dropped here.
            self.db.execute("ROLLBACK")
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def recover_stale(self) -> None:
        """Runs left 'running' by a process that no longer exists were interrupted."""
        host = socket.gethostname()
        rows = self.db.execute("SELECT id, host, pid FROM runs WHERE status = 'running'")
        stale = [run for run, h, pid in rows.fetchall() if h == host and not _alive(pid)]
        with self.transaction() as db:
            update = "UPDATE runs SET status = 'interrupted' WHERE id = ?"
            db.executemany(update, [(run,) for run in stale])

    def start_run(self, input_path: str, engine: str, tool_version: str, fail_level: str) -> str:
        run_id = new_run_id()
        with self.transaction() as db:
            db.execute(
                "INSERT INTO runs (id, started, status, input, engine, tool_version, fail_level,"
                " host, pid) VALUES (?, ?, 'running', ?, ?, ?, ?, ?, ?)",
                (run_id, _now(), input_path, engine, tool_version, fail_level,
                 socket.gethostname(), os.getpid()),
            )  # fmt: skip
        return run_id

    def finish_run(self, run_id: str, status: str, packs: dict[str, str]) -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE runs SET status = ?, finished = ?, packs = ? WHERE id = ?",
                (status, _now(), json.dumps(packs, sort_keys=True), run_id),
            )

    def reusable(self, key: str, content_hash: str) -> tuple[str, str] | None:
        """The latest run holding a clean result for this article with these exact inputs, and
        what that result was checked with (the caller verifies its packs)."""
        row = self.db.execute(
            "SELECT a.run_id, a.checked_with FROM articles a JOIN runs r ON r.id = a.run_id"
            " WHERE a.key = ? AND a.content_hash = ? AND a.error IS NULL"
            " AND a.checked_with IS NOT NULL AND a.view IS NOT NULL"
            " ORDER BY r.started DESC LIMIT 1",
            (key, content_hash),
        ).fetchone()
        return (str(row[0]), str(row[1])) if row else None

    def copy_result(self, run_id: str, from_run: str, key: str, path: str, position: int) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM articles WHERE run_id = ? AND key = ?", (run_id, key))
            db.execute("DELETE FROM findings WHERE run_id = ? AND key = ?", (run_id, key))
            db.execute(
                "INSERT INTO articles SELECT ?, key, ?, content_hash, source, pack, error,"
                " overlap, variables, ?, 0, ?, checked_with, view, crashed FROM articles"
                " WHERE run_id = ? AND key = ?",
                (run_id, path, from_run, position, from_run, key),
            )
            db.execute(
                f"INSERT INTO findings SELECT ?, key, {_FINDING_COLUMNS} FROM findings"
                " WHERE run_id = ? AND key = ?",
                (run_id, from_run, key),
            )

    def save_result(self, run_id: str, stored: StoredResult) -> None:
        result = stored.result
        rows = finding_rows(stored.key, result.findings)
        view_id = hashlib.blake2b(stored.view, digest_size=16).hexdigest() if stored.view else None
        with self.transaction() as db:
            db.execute("DELETE FROM articles WHERE run_id = ? AND key = ?", (run_id, stored.key))
            db.execute("DELETE FROM findings WHERE run_id = ? AND key = ?", (run_id, stored.key))
            if view_id is not None:
                db.execute("INSERT OR IGNORE INTO views VALUES (?, ?)", (view_id, stored.view))
            db.execute(
                "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)",
                (run_id, stored.key, result.article, stored.content_hash, result.source,
                 result.pack, result.error, overlap_json(result.overlap),
                 json.dumps(result.variables, sort_keys=True), stored.seconds, stored.position,
                 stored.checked_with, view_id, int(stored.crashed)),
            )  # fmt: skip
            db.executemany(
                f"INSERT INTO findings (run_id, key, {_FINDING_COLUMNS})"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (run_id, stored.key, r.seq, r.fingerprint, r.rule, r.check, r.severity,
                     r.message, r.path, r.line, r.column, r.evidence, r.help_uri, r.unlisted)
                    for r in rows
                ],
            )  # fmt: skip

    def rows_of(self, run_id: str | None, key: str) -> list[FindingRow]:
        if run_id is None:
            return []
        return [
            FindingRow(*values)
            for values in self.db.execute(
                f"SELECT {_FINDING_COLUMNS} FROM findings WHERE run_id = ? AND key = ?"
                " ORDER BY seq",
                (run_id, key),
            )
        ]

    def _result(self, run_id: str, key: str, row: tuple[object, ...]) -> ArticleResult:
        path, source, pack, error, overlap, variables, view_id = row
        blob = None
        if view_id is not None:
            found = self.db.execute("SELECT data FROM views WHERE id = ?", (view_id,)).fetchone()
            blob = bytes(found[0]) if found else None
        return rebuild(
            str(path), source, str(pack), error, overlap, variables,  # type: ignore[arg-type]
            self.rows_of(run_id, key), blob,
        )  # fmt: skip

    def load_result(self, run_id: str, key: str) -> ArticleResult:
        row = self.db.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE run_id = ? AND key = ?", (run_id, key)
        ).fetchone()
        return self._result(run_id, key, row)

    def keys(self, run_id: str) -> list[str]:
        """The run's articles in manifest order."""
        rows = self.db.execute(
            "SELECT key FROM articles WHERE run_id = ? ORDER BY position, key", (run_id,)
        )
        return [str(key) for (key,) in rows]

    def results(self, run_id: str) -> Iterator[tuple[str, ArticleResult]]:
        """The run's results in manifest order, one at a time (a cursor, not a list)."""
        reader = self.db.execute(
            f"SELECT key, {_ARTICLE_COLUMNS} FROM articles WHERE run_id = ? ORDER BY position, key",
            (run_id,),
        )
        for key, *row in reader:
            yield str(key), self._result(run_id, str(key), tuple(row))

    def checked_with(self, run_id: str, key: str) -> str | None:
        row = self.db.execute(
            "SELECT checked_with FROM articles WHERE run_id = ? AND key = ?", (run_id, key)
        ).fetchone()
        return str(row[0]) if row and row[0] is not None else None

    def errors(self, run_id: str) -> Iterator[str]:
        """Each unchecked article's one-line problem, in manifest order."""
        reader = self.db.execute(
            "SELECT error FROM articles WHERE run_id = ? AND error IS NOT NULL"
            " ORDER BY position, key",
            (run_id,),
        )
        for (error,) in reader:
            yield str(error)

    def totals(self, run_id: str, fail_level: Severity | None) -> Totals:
        level = int(fail_level) if fail_level is not None else 99
        articles, errors, crashed = self.db.execute(
            "SELECT COUNT(*), COUNT(error), COALESCE(SUM(crashed), 0) FROM articles"
            " WHERE run_id = ?",
            (run_id,),
        ).fetchone()
        failed = self.db.execute(
            "SELECT COUNT(*) FROM articles a WHERE a.run_id = ? AND (a.error IS NOT NULL OR"
            " EXISTS (SELECT 1 FROM findings f WHERE f.run_id = a.run_id AND f.key = a.key"
            " AND f.severity >= ?))",
            (run_id, level),
        ).fetchone()[0]
        counts = {severity.label: 0 for severity in sorted(Severity, reverse=True)}
        for severity, count in self.db.execute(
            # An "and N more" row counts as the N findings it stands for.
            "SELECT severity, SUM(MAX(unlisted, 1)) FROM findings WHERE run_id = ?"
            " GROUP BY severity",
            (run_id,),
        ):
            counts[Severity(severity).label] = int(count)
        return Totals(int(articles), int(errors), int(crashed), int(failed), counts)

    def status(self, run_id: str) -> str | None:
        row = self.db.execute("SELECT status FROM runs WHERE id = ?", (run_id,)).fetchone()
        return str(row[0]) if row else None

    def baseline(self, run_id: str) -> str | None:
        """The run to compare with: the latest complete run that started before this one."""
        row = self.db.execute(
            "SELECT id FROM runs WHERE status = 'complete'"
            " AND started < (SELECT started FROM runs WHERE id = ?) ORDER BY started DESC LIMIT 1",
            (run_id,),
        ).fetchone()
        return str(row[0]) if row else None


@dataclass(frozen=True)
class StoredResult:
    """One article's result as it is committed: with its inputs, packs and report view."""

    key: str
    position: int  # in the manifest: reports list articles in this order
    content_hash: str
    result: ArticleResult
    seconds: float = 0.0
    checked_with: str | None = None  # JSON (hashing.checked_with)
    view: bytes | None = None  # records.view_blob
    crashed: bool = False
