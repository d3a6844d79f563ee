"""The crawl's state in SQLite (WAL): the frontier and each page's manifest line, committed
page by page, so that a killed crawl started again with the same state file goes on where it
stopped. A crawl that completed less than the cache's lifetime ago is not done again (its lines
stand, and not one request is sent); an older one is started afresh, its pages asked for with
conditional requests."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from checker.audit.manifest import ROBOTS_REFUSED
from checker.errors import InputError

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS frontier (
    seq INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE, found_via TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS pages (url TEXT PRIMARY KEY, seq INTEGER NOT NULL, line TEXT NOT NULL);
"""


class CrawlState:
    def __init__(self, path: str, site: str, lifetime: float) -> None:
        try:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(path, isolation_level=None, timeout=30)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.executescript(SCHEMA)
        except sqlite3.DatabaseError as error:
            raise InputError(path, f"not a usable crawl state file ({error})") from None
        except OSError as error:
            raise InputError(path, f"cannot open the crawl state: {error}") from None
        finished = float(self.get("completed_at") or 0) if self.get("status") == "complete" else 0
        if self.get("site") != site or (finished and time.time() - finished >= lifetime):
            self.reset(site)

    def complete(self) -> None:
        self.put("status", "complete")
        self.put("completed_at", repr(time.time()))

    def close(self) -> None:
        self.db.close()

    def get(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def put(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def reset(self, site: str) -> None:
        with self.db:
            self.db.execute("BEGIN")
            for table in ("meta", "frontier", "pages"):
                self.db.execute(f"DELETE FROM {table}")
            self.put("site", site)
            self.put("status", "discovering")

    def add(self, found: Iterable[tuple[str, str]]) -> None:
        """Queue (url, found_via) pairs; a URL already queued keeps its first way in."""
        with self.db:
            self.db.execute("BEGIN")
            self.db.executemany(
                "INSERT OR IGNORE INTO frontier (url, found_via) VALUES (?, ?)", found
            )

    def pending(self) -> Iterator[tuple[int, str, str]]:
        """(seq, url, found_via) of the queued URLs without a line yet, in queue order."""
        rows = self.db.execute(
            "SELECT seq, url, found_via FROM frontier WHERE url NOT IN (SELECT url FROM pages)"
            " ORDER BY seq"
        ).fetchall()
        yield from ((int(seq), str(url), str(via)) for seq, url, via in rows)

    def record(self, seq: int, url: str, line: dict[str, Any]) -> None:
        """The line of the queued `url`, committed at once: the unit of resumption."""
        self.db.execute(
            "INSERT OR REPLACE INTO pages VALUES (?, ?, ?)",
            (url, seq, json.dumps(line, ensure_ascii=False)),
        )

    def tried(self) -> int:
        """Queued URLs fetched or tried (a robots.txt refusal is neither)."""
        rows = self.db.execute("SELECT line FROM pages").fetchall()
        return sum(1 for (text,) in rows if json.loads(text)["error"] != ROBOTS_REFUSED)

    def lines(self) -> list[dict[str, Any]]:
        """Each page's line once, in queue order: URLs that redirect to a page already listed
        (a shortlink, a moved page) are the same article, not another."""
        rows = self.db.execute("SELECT line FROM pages ORDER BY seq").fetchall()
        unique: dict[str, dict[str, Any]] = {}
        for (text,) in rows:
            line = json.loads(text)
            unique.setdefault(line["url"], line)
        return list(unique.values())
