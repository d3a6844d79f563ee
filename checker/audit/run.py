"""`syndicheck audit`: many articles, checked in parallel, stored in the history, reported.

The parent process is the only writer. It hashes each article's inputs (cheap: bytes, not
parsing), reuses the stored result of each one whose inputs and packs are unchanged
(hashing.py), hands the rest to the engine, and commits each result as it arrives. It keeps no
results in memory: totals, changes and reports are read back from the database article by
article, so its peak stays flat as the archive grows. Whatever stops the run, the next one
starts where this one was: its committed results have matching hashes and are reused.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from checker.audit.discovery import DiscoveryParams
from checker.audit.engines import run_dask, run_local
from checker.audit.hashing import PackFiles, inputs, still_valid
from checker.audit.history import Changes, ChangeSummary, each_change
from checker.audit.library import Library, generation
from checker.audit.manifest import Entry, Manifest, RowError, read_input
from checker.audit.progress import Progress, Silent
from checker.audit.reports import summary, write_reports
from checker.audit.store import DEFAULT_DB, Store, StoredResult, Totals
from checker.audit.work import AuditTask, TaskOutcome
from checker.config import Config, load_config
from checker.crash import CRASH_EXIT, CrashLog
from checker.declared import SKIP_REASON
from checker.engine import DEFAULT_PACK, CheckRequest, PackCache
from checker.errors import CheckerError, UsageError
from checker.fetch import FetchPolicy
from checker.findings import ArticleResult, RunResult, Severity
from checker.loaders import DEFAULT_MAX_BYTES
from checker.packs import catalogue
from checker.version import __version__

ENGINES = ("local", "dask")


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
    config: str | None = None  # a configuration file; None: searched upward, as for `check`
    # None: no network. Otherwise sources given as URLs (a crawl manifest's) are fetched.
    network: FetchPolicy | None = None


@dataclass(frozen=True)
class AuditOutcome:
    run_id: str
    db: str
    totals: Totals
    change_summary: ChangeSummary
    row_errors: tuple[RowError, ...]
    checked: int
    reused: int
    seconds: float
    report_folder: Path | None
    crash_log: Path | None
    header: RunResult  # fail level, version, packs: a run without its results

    @property
    def exit_code(self) -> int:
        if self.totals.crashed:
            return CRASH_EXIT
        if self.row_errors or self.totals.errors:
            return 2
        return 1 if self.totals.failed else 0

    def summary(self) -> str:
        return summary(
            self.run_id, self.totals, self.change_summary, self.checked, self.reused,
            self.row_errors, self.seconds, self.report_folder, len(self.header.skipped),
        )  # fmt: skip

    def errors(self) -> Iterator[str]:
        """Each article that could not be checked, one line each, from the database."""
        store = Store.open(self.db)
        try:
            yield from store.errors(self.run_id)
        finally:
            store.close()

    @cached_property
    def run(self) -> RunResult:
        """Every result, read back from the database: for callers that want them all in
        memory (tests, small archives); the command line never asks for this."""
        store = Store.open(self.db)
        try:
            results = tuple(result for _, result in store.results(self.run_id))
        finally:
            store.close()
        return replace(self.header, results=results)

    @cached_property
    def changes(self) -> Changes:
        """Every article's changes (the command line uses `change_summary`)."""
        store = Store.open(self.db)
        try:
            articles = tuple(each_change(store, self.run_id, self.change_summary.baseline))
        finally:
            store.close()
        return Changes(self.change_summary.baseline, articles)


def _validate(config: AuditConfig) -> None:
    if config.engine not in ENGINES:
        raise UsageError(None, f"unknown engine {config.engine!r} (choose {', '.join(ENGINES)})")
    if config.engine == "dask" and not config.scheduler:
        raise UsageError(None, "--engine dask needs --scheduler ADDRESS (e.g. tcp://host:8786)")
    if config.jobs is not None and config.jobs < 1:
        raise UsageError(None, "--jobs must be at least 1")


def _request(
    entry: Entry, max_bytes: int, settings: Config, discover: bool, network: FetchPolicy | None
) -> CheckRequest:
    """The manifest row's options and the configuration that reaches this article.

    An article that declares no source is skipped and counted, as `check` does, except when
    discovering: finding the sources nobody declared is the point of --discover.
    """
    return CheckRequest(
        entry.article, entry.source, entry.source_url, entry.publisher, entry.rules, max_bytes,
        check_undeclared=discover,
        default_rules=settings.rules_for(entry.article),
        severity=settings.severity_for(entry.article),
        publishers=settings.publishers, network=network, url=entry.url,
    )  # fmt: skip


def _pack_specs(entries: tuple[Entry, ...]) -> tuple[str, ...]:
    specs = {DEFAULT_PACK}
    for entry in entries:
        specs.update(entry.rules)
    return tuple(sorted(specs))


def _auto_state() -> str:
    """What `auto` chooses from: each catalogue pack's name, file and `selects`. A change
    there can choose other packs for an unchanged article (the chosen packs' own files are
    checked by `still_valid`), so it is one of every result's inputs."""
    return json.dumps([[p.name, p.path, repr(p.selects)] for p in catalogue()])


def _library_generation(config: AuditConfig) -> str:
    library = Library(config.db)  # raises a clear error when nothing was indexed
    try:
        if library.size == 0:
            raise UsageError(config.db, "the source index is empty: run `syndicheck index` first")
        return generation(library.db)
    finally:
        library.close()


def _skipped(article: str) -> ArticleResult:
    return ArticleResult(article, None, (), (), skipped=SKIP_REASON)


@dataclass
class _Run:
    """One audit run's bookkeeping in the parent: what to check, what to reuse, what came back."""

    config: AuditConfig
    settings: Config
    manifest: Manifest
    store: Store
    run_id: str
    progress: Progress
    index_state: str
    library: str | None
    files: PackFiles = field(default_factory=lambda: PackFiles(PackCache()))
    auto_state: str = field(default_factory=lambda: _auto_state())
    packs: dict[str, str] = field(default_factory=dict)  # name -> version, of what ran
    specs: dict[str, str] = field(default_factory=dict)  # name -> spec, of what ran
    checked: int = 0
    reused: int = 0
    # Articles that declare no source: counted, listed in report.json, never stored (the next
    # run decides again, which costs one load).
    skipped: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.crashes = CrashLog(f"crash-{self.run_id}.log")

    def tasks(self) -> Iterator[AuditTask]:
        """Read by the engine a few at a time; reused articles are copied on the way."""
        config = self.config
        for position, entry in enumerate(self.manifest.entries):
            request = _request(
                entry, config.max_bytes, self.settings, config.discover, config.network
            )
            found = inputs(entry, request, config.max_bytes, self.index_state + self.auto_state)
            earlier = None if config.force else self.store.reusable(entry.key, found.digest)
            if earlier is not None:
                record = json.loads(earlier[1])
                if still_valid(record, self.files):
                    self.store.copy_result(
                        self.run_id, earlier[0], entry.key, entry.article, position
                    )
                    self._note_packs(earlier[1])
                    self.reused += 1
                    self.progress.advance()
                    continue
            yield AuditTask(entry.key, request, found, position, self.library, config.discovery)

    def _note_packs(self, record: str | None) -> None:
        if record:
            for pack in json.loads(record)["packs"]:
                self.packs[str(pack["name"])] = str(pack["version"])
                self.specs[str(pack["name"])] = str(pack["spec"])

    def header(self) -> RunResult:
        """The run without its results: what the reports say of it (version, fail level, the
        packs that ran with their content hashes, and their rules' descriptions and terms)."""
        loaded = []
        for spec in self.specs.values():
            try:
                loaded.append(self.files.packs.get(spec))
            except CheckerError:  # gone since it ran: its rules are shown by their ids
                continue
        return RunResult(
            (), self.config.fail_level, __version__, dict(sorted(self.packs.items())),
            rules={rule.qualified_id: rule for pack in loaded for rule in pack.rules},
            pack_hashes={pack.name: pack.sha256 for pack in loaded},
            skipped=tuple(_skipped(article) for article in self.skipped),
        )  # fmt: skip

    def _crash_note(self, entry: Entry, trace: str) -> str:
        try:
            return f"the traceback is in {self.crashes.record(entry.article, trace)}"
        except OSError:
            return "no crash log could be written"

    def store_outcome(self, outcome: TaskOutcome) -> None:
        entry = self.manifest.entries[outcome.position]
        result = outcome.result
        if result.skipped and outcome.crash is None:
            self.skipped.append(entry.article)
            self.progress.advance()
            return
        if outcome.crash is not None:
            note = self._crash_note(entry, outcome.crash)
            result = replace(result, error=f"{result.error}; {note}")
        if result.error is not None and entry.origin:
            result = replace(result, error=f"{entry.origin}: {result.error}")
        stored = StoredResult(
            outcome.key, outcome.position, outcome.content_hash, result, outcome.seconds,
            outcome.checked_with, outcome.view, outcome.crash is not None,
        )  # fmt: skip
        self.store.save_result(self.run_id, stored)
        self._note_packs(outcome.checked_with)
        self.checked += 1
        self.progress.advance()


def _engine(
    config: AuditConfig, tasks: Iterator[AuditTask], specs: tuple[str, ...], library: str | None
) -> Iterator[TaskOutcome]:
    if config.engine == "dask":
        assert config.scheduler is not None
        return run_dask(tasks, config.scheduler)
    return run_local(tasks, config.jobs or os.cpu_count() or 1, specs, library)


def run_audit(
    config: AuditConfig,
    progress: Progress | None = None,
    warn: Callable[[str], None] | None = None,
) -> AuditOutcome:
    """Audit `config.input`; `warn` hears of each unusable manifest row before work starts."""
    _validate(config)
    started = time.monotonic()
    settings = load_config(Path(config.config) if config.config else None)
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
        library = os.path.abspath(config.db) if config.discover else None
        run = _Run(config, settings, manifest, store, run_id, progress, index_state, library)
        progress.start(len(manifest.entries), "audit")
        try:
            specs = _pack_specs(manifest.entries)
            for outcome in _engine(config, run.tasks(), specs, library):
                run.store_outcome(outcome)
        except BaseException:
            store.finish_run(run_id, "interrupted", run.packs)
            raise
        finally:
            progress.close()
        store.finish_run(run_id, "complete", run.packs)
        baseline = store.baseline(run_id)
        changes = ChangeSummary.of(each_change(store, run_id, baseline), baseline)
        totals = store.totals(run_id, config.fail_level)
        header = run.header()
        folder = Path(config.report_dir) / run_id if config.report_dir else None
        if folder is not None:
            meta = {"input": manifest.path, "engine": config.engine, "checked": run.checked,
                    "reused": run.reused}  # fmt: skip
            jobs = config.jobs or os.cpu_count() or 1
            write_reports(folder, store, run_id, header, totals, changes, meta, jobs)
    finally:
        store.close()
    return AuditOutcome(
        run_id, config.db, totals, changes, manifest.errors, run.checked, run.reused,
        time.monotonic() - started, folder, run.crashes.path, header,
    )  # fmt: skip


__all__ = ["ENGINES", "AuditConfig", "AuditOutcome", "run_audit"]
