"""`syndicheck audit`: many articles, checked in parallel, stored in the history, reported.

The parent process is the only writer. It hashes every article (cheap: bytes, not parsing),
reuses the stored result of each one whose hash is unchanged, hands the rest to the engine,
and commits each result as it arrives. Whatever stops the run, the next one starts where this
one was: its committed results have matching hashes and are reused.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from checker.audit.discovery import DiscoveryParams
from checker.audit.engines import run_dask, run_local
from checker.audit.hashing import content_hash
from checker.audit.history import Changes, compare
from checker.audit.library import Library, generation
from checker.audit.manifest import Entry, RowError, read_input
from checker.audit.overview import trend
from checker.audit.progress import Progress, Silent
from checker.audit.reports import summary, write_reports
from checker.audit.store import DEFAULT_DB, Store
from checker.audit.work import AuditTask, TaskOutcome
from checker.engine import DEFAULT_PACK, CheckRequest, PackCache
from checker.errors import UsageError
from checker.findings import ArticleResult, RunResult, Severity
from checker.loaders import DEFAULT_MAX_BYTES
from checker.version import __version__

ENGINES = ("local", "dask")
# Parsed documents are kept for this many freshly checked articles, so that the HTML report
# shows their texts; past it they are dropped, or a 100,000-article audit would hold every
# page in memory. Findings and overlap figures are always kept.
DOCUMENTS_KEPT = 500


@dataclass(frozen=True)
class AuditConfig:
    input: str
    db: str = DEFAULT_DB
    report_dir: str | None = "reports"  # None: write no report files
    jobs: int | None = None  # None: one worker per core
    engine: str = "local"
    scheduler: str | None = None
    force: bool = False
    discover: bool = False
    fail_level: Severity | None = Severity.ERROR
    max_bytes: int = DEFAULT_MAX_BYTES
    discovery: DiscoveryParams = field(default_factory=DiscoveryParams)


@dataclass(frozen=True)
class AuditOutcome:
    run_id: str
    run: RunResult
    changes: Changes
    row_errors: tuple[RowError, ...]
    checked: int
    reused: int
    seconds: float
    report_folder: Path | None

    @property
    def exit_code(self) -> int:
        return 2 if self.row_errors else self.run.exit_code

    def summary(self) -> str:
        return summary(
            self.run_id, self.run, self.changes, self.checked, self.reused,
            self.row_errors, self.seconds, self.report_folder,
        )  # fmt: skip


def _validate(config: AuditConfig) -> None:
    if config.engine not in ENGINES:
        raise UsageError(None, f"unknown engine {config.engine!r} (choose {', '.join(ENGINES)})")
    if config.engine == "dask" and not config.scheduler:
        raise UsageError(None, "--engine dask needs --scheduler ADDRESS (e.g. tcp://host:8786)")
    if config.jobs is not None and config.jobs < 1:
        raise UsageError(None, "--jobs must be at least 1")


def _request(entry: Entry, config: AuditConfig) -> CheckRequest:
    # An article that declares no source is skipped and counted, as `check` does, except when
    # discovering: finding the sources nobody declared is the point of --discover.
    return CheckRequest(
        entry.article, entry.source, entry.source_url, entry.publisher, entry.rules,
        config.max_bytes, check_undeclared=config.discover,
    )  # fmt: skip


def _pack_specs(entries: tuple[Entry, ...]) -> tuple[str, ...]:
    specs = {DEFAULT_PACK}
    for entry in entries:
        specs.update(entry.rules)
    return tuple(sorted(specs))


def _engine(
    config: AuditConfig, tasks: list[AuditTask], specs: tuple[str, ...], library: str | None
) -> Iterator[TaskOutcome]:
    if config.engine == "dask":
        assert config.scheduler is not None
        return run_dask(tasks, config.scheduler)
    jobs = config.jobs or os.cpu_count() or 1
    return run_local(tasks, min(jobs, max(len(tasks), 1)), specs, library)


def _library_generation(config: AuditConfig) -> str:
    library = Library(config.db)  # raises a clear error when nothing was indexed
    try:
        if library.size == 0:
            raise UsageError(config.db, "the source index is empty: run `syndicheck index` first")
        return generation(library.db)
    finally:
        library.close()


def run_audit(
    config: AuditConfig,
    progress: Progress | None = None,
    warn: Callable[[str], None] | None = None,
) -> AuditOutcome:
    """Audit `config.input`; `warn` hears of each unusable manifest row before work starts."""
    _validate(config)
    started = time.monotonic()
    manifest = read_input(config.input)
    for problem in manifest.errors:
        if warn is not None:
            warn(str(problem))
    progress = progress or Silent()
    index_state = _library_generation(config) if config.discover else ""
    store = Store.open(config.db)
    try:
        store.recover_stale()
        fail = config.fail_level.label if config.fail_level is not None else "never"
        run_id = store.start_run(manifest.path, config.engine, __version__, fail)
        packs = PackCache()
        results: dict[str, ArticleResult] = {}
        tasks: list[AuditTask] = []
        library = os.path.abspath(config.db) if config.discover else None
        progress.start(len(manifest.entries), "audit")
        try:
            for entry in manifest.entries:
                digest = content_hash(entry, packs, config.max_bytes, index_state)
                earlier = None if config.force else store.reusable(entry.key, digest)
                if earlier is not None:
                    store.copy_result(run_id, earlier, entry.key, entry.article)
                    results[entry.key] = store.load_result(run_id, entry.key)
                    progress.advance()
                else:
                    request = _request(entry, config)
                    tasks.append(AuditTask(entry.key, request, digest, library, config.discovery))
            reused = len(results)
            for outcome in _engine(config, tasks, _pack_specs(manifest.entries), library):
                _store(store, run_id, outcome, results, reused)
                progress.advance()
        except BaseException:
            store.finish_run(run_id, "interrupted", _versions(packs))
            raise
        finally:
            progress.close()
        store.finish_run(run_id, "complete", _versions(packs))
        keys = [entry.key for entry in manifest.entries]
        baseline = store.baseline(run_id)
        previous = store.finding_rows(baseline) if baseline else {}
        changes = compare(keys, store.finding_rows(run_id), previous, baseline)
        points = trend(store.db, run_id)
    finally:
        store.close()
    ordered = [results[key] for key in keys]
    run = RunResult(
        results=tuple(result for result in ordered if not result.skipped),
        fail_level=config.fail_level,
        tool_version=__version__,
        packs=_versions(packs),
        # Rule descriptions and quoted terms for the report, and each pack's content hash.
        rules={r.qualified_id: r for p in packs.packs.values() for r in p.rules},
        pack_hashes={pack.name: pack.sha256 for pack in packs.packs.values()},
        skipped=tuple(result for result in ordered if result.skipped),
    )
    folder = Path(config.report_dir) / run_id if config.report_dir else None
    if folder is not None:
        meta = {"input": manifest.path, "engine": config.engine, "checked": len(tasks),
                "reused": reused}  # fmt: skip
        write_reports(folder, run_id, run, changes, meta, points)
    return AuditOutcome(
        run_id, run, changes, manifest.errors, len(tasks), reused,
        time.monotonic() - started, folder,
    )  # fmt: skip


def _store(
    store: Store, run_id: str, outcome: TaskOutcome, results: dict[str, ArticleResult], reused: int
) -> None:
    result = outcome.result
    if result.skipped:
        # Not syndicated (no declared source): nothing for the history to keep; the next run
        # decides again, which costs one load.
        results[outcome.key] = result
        return
    store.save_result(run_id, outcome.key, outcome.content_hash, result, outcome.seconds)
    if len(results) - reused >= DOCUMENTS_KEPT:
        result = replace(result, article_doc=None, source_doc=None)
    results[outcome.key] = result


def _versions(packs: PackCache) -> dict[str, str]:
    return {pack.name: pack.version for pack in packs.packs.values()}


__all__ = ["ENGINES", "AuditConfig", "AuditOutcome", "run_audit"]
