"""The history database: runs, the articles each run checked, and their findings.

SQLite in WAL mode with one writer (the audit's parent process): readers never block it, and a
crash or SIGKILL at any moment leaves the committed prefix intact. Each article's result is one
transaction, so an interrupted run loses at most the article being written, and the next run
reuses every result already committed (its content hash matches).
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from checker.audit.records import FindingRow, finding_rows, overlap_json, rebuild
from checker.errors import UsageError
from checker.findings import ArticleResult

DEFAULT_DB = ".syndicheck/history.sqlite"
SCHEMA_VERSION = "1"

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
    PRIMARY KEY (run_id, key)
);
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
    PRIMARY KEY (run_id, key, seq)
) WITHOUT ROWID;
"""
_FINDING_COLUMNS = (
    "seq, fingerprint, rule, check_kind, severity, message, path, line, col, evidence, help_uri"
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
        except (sqlite3.Error, OSError) as exc:
            raise UsageError(path, f"cannot open the history database: {exc}") from None
        found = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if found[0] != SCHEMA_VERSION:
            raise UsageError(path, f"history database schema {found[0]}, expected {SCHEMA_VERSION}")
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

    def reusable(self, key: str, content_hash: str) -> str | None:
        """The latest run holding a clean result for this article with this exact hash."""
        row = self.db.execute(
            "SELECT a.run_id FROM articles a JOIN runs r ON r.id = a.run_id"
            " WHERE a.key = ? AND a.content_hash = ? AND a.error IS NULL"
            " ORDER BY r.started DESC LIMIT 1",
            (key, content_hash),
        ).fetchone()
        return str(row[0]) if row else None

    def copy_result(self, run_id: str, from_run: str, key: str, path: str) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM articles WHERE run_id = ? AND key = ?", (run_id, key))
            db.execute("DELETE FROM findings WHERE run_id = ? AND key = ?", (run_id, key))
            db.execute(
                "INSERT INTO articles SELECT ?, key, ?, content_hash, source, pack, error,"
                " overlap, variables, ?, 0 FROM articles WHERE run_id = ? AND key = ?",
                (run_id, path, from_run, from_run, key),
            )
            db.execute(
                f"INSERT INTO findings SELECT ?, key, {_FINDING_COLUMNS} FROM findings"
                " WHERE run_id = ? AND key = ?",
                (run_id, from_run, key),
            )

    def save_result(
        self, run_id: str, key: str, content_hash: str, result: ArticleResult, seconds: float
    ) -> None:
        rows = finding_rows(key, result.findings)
        with self.transaction() as db:
            db.execute("DELETE FROM articles WHERE run_id = ? AND key = ?", (run_id, key))
            db.execute("DELETE FROM findings WHERE run_id = ? AND key = ?", (run_id, key))
            db.execute(
                "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)",
                (run_id, key, result.article, content_hash, result.source, result.pack,
                 result.error, overlap_json(result.overlap),
                 json.dumps(result.variables, sort_keys=True), seconds),
            )  # fmt: skip
            db.executemany(
                f"INSERT INTO findings (run_id, key, {_FINDING_COLUMNS})"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (run_id, key, r.seq, r.fingerprint, r.rule, r.check, r.severity, r.message,
                     r.path, r.line, r.column, r.evidence, r.help_uri)
                    for r in rows
                ],
            )  # fmt: skip

    def finding_rows(self, run_id: str) -> dict[str, list[FindingRow]]:
        found: dict[str, list[FindingRow]] = {}
        for key, *values in self.db.execute(
            f"SELECT key, {_FINDING_COLUMNS} FROM findings WHERE run_id = ? ORDER BY key, seq",
            (run_id,),
        ):
            found.setdefault(key, []).append(FindingRow(*values))
        return found

    def load_result(self, run_id: str, key: str) -> ArticleResult:
        row = self.db.execute(
            "SELECT path, source, pack, error, overlap, variables FROM articles"
            " WHERE run_id = ? AND key = ?",
            (run_id, key),
        ).fetchone()
        findings = [
            FindingRow(*values)
            for values in self.db.execute(
                f"SELECT {_FINDING_COLUMNS} FROM findings WHERE run_id = ? AND key = ?"
                " ORDER BY seq",
                (run_id, key),
            )
        ]
        path, source, pack, error, overlap, variables = row
        return rebuild(path, source, pack, error, overlap, variables, findings)

    def keys(self, run_id: str) -> set[str]:
        rows = self.db.execute("SELECT key FROM articles WHERE run_id = ?", (run_id,))
        return {str(key) for (key,) in rows}

    def baseline(self, run_id: str) -> str | None:
        """The run to compare with: the latest complete run that started before this one."""
        row = self.db.execute(
            "SELECT id FROM runs WHERE status = 'complete'"
            " AND started < (SELECT started FROM runs WHERE id = ?) ORDER BY started DESC LIMIT 1",
            (run_id,),
        ).fetchone()
        return str(row[0]) if row else None
