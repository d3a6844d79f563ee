"""`syndicheck index`: fingerprint a library of source articles into the database."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from checker.audit.library import IndexStats, ensure_schema, index_paths
from checker.audit.progress import Progress, Silent
from checker.audit.store import DEFAULT_DB, Store
from checker.errors import InputError
from checker.loaders import DEFAULT_MAX_BYTES, kind_for


@dataclass(frozen=True)
class IndexConfig:
    sources: tuple[str, ...]
    db: str = DEFAULT_DB
    max_bytes: int = DEFAULT_MAX_BYTES


def source_files(specs: tuple[str, ...]) -> Iterator[str]:
    """Files as given, and inside folders every page a loader reads (.html, .md, .txt, ...)."""
    for spec in specs:
        path = Path(spec)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                hidden = any(p.startswith(".") for p in found.relative_to(path).parts)
                if found.is_file() and not hidden and kind_for(found) is not None:
                    yield str(found)
        elif path.is_file():
            yield spec
        else:
            raise InputError(spec, "no such source file or folder")


def run_index(config: IndexConfig, progress: Progress | None = None) -> tuple[IndexStats, float]:
    files = list(source_files(config.sources))
    progress = progress or Silent()
    store = Store.open(config.db)
    started = time.monotonic()
    try:
        ensure_schema(store.db)
        progress.start(len(files), "index")
        try:
            stats = index_paths(store.db, files, config.max_bytes, on_done=progress.advance)
        finally:
            progress.close()
        # Fold the WAL into the main file, so that readers opening it read-only start clean.
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.close()
    return stats, time.monotonic() - started
