"""The library of indexed sources: winnowed fingerprints in an inverted index, in SQLite.

`postings` maps a fingerprint to the sources holding it (primary key (hash, source), so a
lookup is one B-tree descent). A query reads at most `MAX_DF + 1` postings per fingerprint:
a fingerprint held by more sources than that is boilerplate (a footer, a standard disclaimer)
and says nothing about where an article comes from. That cap is also what keeps a query's
cost logarithmic, not linear, in the size of the library.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from array import array
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from checker.audit.winnow import fingerprints
from checker.errors import CheckerError, UsageError
from checker.loaders import load_file

MAX_DF = 50
TITLE_CHARS = 200

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    body_hash TEXT NOT NULL,
    url TEXT NOT NULL,
    title TEXT NOT NULL,
    words INTEGER NOT NULL,
    fingerprints BLOB NOT NULL,  -- the source's own hashes, to remove them when it changes
    fingerprint_count INTEGER NOT NULL,
    indexed TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS postings (
    hash INTEGER NOT NULL,
    source INTEGER NOT NULL,
    PRIMARY KEY (hash, source)
) WITHOUT ROWID;
"""


@dataclass(frozen=True)
class IndexedSource:
    id: int
    path: str
    body_hash: str
    url: str
    title: str
    words: int
    fingerprint_count: int


@dataclass(frozen=True)
class Candidate:
    source: IndexedSource
    shared: int  # fingerprints the article and the source have in common


@dataclass
class IndexStats:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: tuple[tuple[str, str], ...] = ()  # (path, problem)


def body_hash(text: str) -> str:
    return hashlib.blake2b(" ".join(text.split()).encode("utf-8"), digest_size=16).hexdigest()


def ensure_schema(db: sqlite3.Connection) -> None:
    db.executescript(SCHEMA)


def generation(db: sqlite3.Connection) -> str:
    """Changes whenever the library does, so that audit results depending on it are redone."""
    try:
        row = db.execute("SELECT value FROM meta WHERE key = 'index_generation'").fetchone()
    except sqlite3.OperationalError:
        return "0"
    return str(row[0]) if row else "0"


def _remove(db: sqlite3.Connection, source_id: int, blob: bytes) -> None:
    old = array("q")
    old.frombytes(blob)
    rows = ((value, source_id) for value in old)
    db.executemany("DELETE FROM postings WHERE hash = ? AND source = ?", rows)


def add_source(db: sqlite3.Connection, path: str, text: str, url: str = "", title: str = "") -> str:
    """Index one source's text under `path`; returns "added", "updated" or "unchanged"."""
    digest = body_hash(text)
    # A plain-text page has no title element, and its loader may take a whole paragraph.
    title = " ".join(title.split())[:TITLE_CHARS]
    row = db.execute("SELECT id, body_hash, fingerprints FROM sources WHERE path = ?", (path,))
    found = row.fetchone()
    if found is not None and found[1] == digest:
        return "unchanged"
    prints = array("q", sorted(fingerprints(text)))
    if found is not None:
        _remove(db, found[0], found[2])
        db.execute("DELETE FROM sources WHERE id = ?", (found[0],))
    cursor = db.execute(
        "INSERT INTO sources (path, body_hash, url, title, words, fingerprints,"
        " fingerprint_count, indexed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (path, digest, url, title, len(text.split()), prints.tobytes(), len(prints),
         datetime.now(UTC).isoformat(timespec="seconds")),
    )  # fmt: skip
    source_id = cursor.lastrowid
    db.executemany("INSERT OR IGNORE INTO postings VALUES (?, ?)", ((h, source_id) for h in prints))
    return "added" if found is None else "updated"


def index_paths(
    db: sqlite3.Connection,
    paths: Iterable[str],
    max_bytes: int,
    on_done: Callable[[], None] | None = None,
    batch: int = 200,
) -> IndexStats:
    """Load each source with the article loaders and index its body text.

    Commits every `batch` sources: an interrupted indexing keeps what it committed, and a
    re-run skips the sources whose text has not changed.
    """
    ensure_schema(db)
    stats = IndexStats()
    failed: list[tuple[str, str]] = []
    pending = 0
    db.execute("BEGIN IMMEDIATE")
    try:
        for path in paths:
            absolute = os.path.abspath(path)
            try:
                doc = load_file(absolute, max_bytes=max_bytes)
            except CheckerError as exc:
                failed.append((path, exc.problem))
                continue
            meta = doc.metadata
            outcome = add_source(
                db, absolute, doc.body_text, meta.canonical or meta.url, doc.title or meta.title
            )
            setattr(stats, outcome, getattr(stats, outcome) + 1)
            if outcome != "unchanged":
                pending += 1
            if on_done is not None:
                on_done()
            if pending >= batch:
                _bump(db)
                db.execute("COMMIT")
                db.execute("BEGIN IMMEDIATE")
                pending = 0
        if pending:
            _bump(db)
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    stats.failed = tuple(failed)
    return stats


def _bump(db: sqlite3.Connection) -> None:
    db.execute(
        "INSERT INTO meta VALUES ('index_generation', '1') ON CONFLICT(key)"
        " DO UPDATE SET value = CAST(value AS INTEGER) + 1"
    )


class Library:
    """Read-only queries against an indexed library (one per worker process)."""

    def __init__(self, path: str) -> None:
        if not os.path.isfile(path):
            raise UsageError(path, "no source index here: run `syndicheck index SOURCES --db`")
        self.db = sqlite3.connect(f"file:{os.path.abspath(path)}?mode=ro", uri=True, timeout=30)
        try:
            self.size = int(self.db.execute("SELECT COUNT(*) FROM sources").fetchone()[0])
        except sqlite3.OperationalError:
            raise UsageError(path, "no source index here: run `syndicheck index`") from None
        self._lookup = "SELECT source FROM postings WHERE hash = ? LIMIT ?"

    def close(self) -> None:
        self.db.close()

    def candidates(self, prints: Iterable[int], limit: int, min_shared: int) -> list[Candidate]:
        """The sources sharing most fingerprints with `prints`, boilerplate left out."""
        shared: Counter[int] = Counter()
        execute = self.db.execute
        for value in prints:
            holders = execute(self._lookup, (value, MAX_DF + 1)).fetchall()
            if len(holders) <= MAX_DF:
                shared.update(source for (source,) in holders)
        best = [(source, n) for source, n in shared.most_common(limit) if n >= min_shared]
        return [Candidate(self.source(source), n) for source, n in best]

    def source(self, source_id: int) -> IndexedSource:
        row = self.db.execute(
            "SELECT id, path, body_hash, url, title, words, fingerprint_count FROM sources"
            " WHERE id = ?",
            (source_id,),
        ).fetchone()
        return IndexedSource(*row)
