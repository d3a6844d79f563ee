"""The unit of audit work and the function every worker runs on it, wherever it runs.

A worker keeps its packs (and, with discovery, its read-only view of the source index) for its
whole life, so the cost of loading them is paid once per worker, not once per article; a pack
whose file changed is loaded again. Workers never write to the history: they return results,
and the one writer (the parent) stores them. With each result a worker returns what it was
checked with (the packs that ran and the image files looked at, see hashing.py) and its report
view (records.py), and no parsed documents: the parent stays small however many articles go
through it.

A bug that escapes the engine on one article makes that article "not checked", with its
traceback returned for the parent's crash log; the other articles go on.
"""

from __future__ import annotations

import contextlib
import gc
import json
import signal
import time
import traceback
from dataclasses import dataclass, field, replace

from checker.audit.discovery import DiscoveryParams, discover
from checker.audit.hashing import Inputs, PackFiles, checked_with
from checker.audit.library import Library
from checker.audit.records import view_blob, without_documents
from checker.core import PackSpec, SourceCache
from checker.crash import one_line
from checker.engine import CheckRequest, PackCache, check_article, session_for
from checker.errors import CheckerError
from checker.findings import ArticleResult, Finding
from checker.imagemeta.attach import noting_files
from checker.packs import Pack

WORKER_GC_THRESHOLD = 10_000  # allocations between young-generation collections (default 700)


@dataclass(frozen=True)
class AuditTask:
    key: str
    request: CheckRequest
    inputs: Inputs
    position: int = 0
    library: str | None = None  # the index database, when discovering undeclared sources
    discovery: DiscoveryParams = field(default_factory=DiscoveryParams)


@dataclass(frozen=True)
class TaskOutcome:
    key: str
    position: int
    content_hash: str
    result: ArticleResult  # without parsed documents
    seconds: float
    checked_with: str | None = None  # JSON; None when the article could not be checked
    view: bytes | None = None
    crash: str | None = None  # the traceback of an internal error


@dataclass
class _Recording(PackCache):
    """A pack cache that notes which specs the engine asked for: the packs that really ran."""

    used: list[str] = field(default_factory=list)

    def get(self, spec: PackSpec) -> Pack:
        pack = super().get(spec)
        # Noted once it loads: a pack `auto` tried and left out because it does not load
        # (checker.core) did not run. A Pack handed over itself is noted by its file.
        self.used.append(spec if isinstance(spec, str) else spec.path)
        return pack


@dataclass
class _State:
    packs: _Recording = field(default_factory=_Recording)
    libraries: dict[str, Library] = field(default_factory=dict)
    # A source shared by many of the worker's articles is loaded once (per worker).
    sources: SourceCache = field(default_factory=SourceCache)

    def __post_init__(self) -> None:
        self.files = PackFiles(self.packs)

    def library(self, path: str) -> Library:
        if path not in self.libraries:
            self.libraries[path] = Library(path)
        return self.libraries[path]


_STATE = _State()


def init_worker(pack_specs: tuple[str, ...], library: str | None) -> None:
    """Process-pool initializer: load the packs (and open the index) once per worker."""
    # Ctrl-C is the parent's to handle: it stops handing out work and lets each worker finish
    # its article, instead of every worker dying mid-article with a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for spec in pack_specs:
        with contextlib.suppress(CheckerError):  # reported per article, by check_article
            _STATE.packs.get(spec)
    if library is not None:
        _STATE.library(library)
    # What the worker holds from here on (the modules, the packs, all it inherited from the
    # parent) lives as long as it does: frozen, the collector no longer walks it again and
    # again while articles are checked, and forked pages stay shared (the `gc.freeze`
    # documentation's advice for forked workers). A worker's articles leave few reference
    # cycles, so it also collects less often than the default of every 700 allocations.
    gc.freeze()
    gc.set_threshold(WORKER_GC_THRESHOLD, *gc.get_threshold()[1:])


def _failed(task: AuditTask, problem: str) -> ArticleResult:
    return ArticleResult(
        article=task.request.article,
        source=task.request.source,
        packs=tuple(task.request.rules),
        findings=(),
        error=f"{task.request.article}: {problem}",
    )


def check_task(task: AuditTask) -> TaskOutcome:
    started = time.perf_counter()
    record: str | None = None
    view: bytes | None = None
    crash: str | None = None
    try:
        _STATE.files.drop_changed()
        _STATE.packs.used.clear()
        session = session_for(task.request, _STATE.packs, _STATE.sources)
        with noting_files() as images:
            result = check_article(task.request, session)
        used = list(_STATE.packs.used)
        if task.library is not None and result.error is None:
            extra = discover(result, _STATE.library(task.library), task.discovery)
            if extra:
                merged = tuple(sorted((*result.findings, *extra), key=Finding.sort_key))
                result = replace(result, findings=merged)
        if result.error is None:
            fetched = task.request.network is not None
            found = checked_with(
                task.inputs, task.request.article, used, _STATE.files, fetched, images
            )
            record = json.dumps(found, sort_keys=True)
            view = view_blob(result)
    except CheckerError as exc:
        result = _failed(task, exc.problem)
    except Exception as exc:  # a bug on one article must not end an audit of thousands
        result = _failed(task, f"not checked: internal error ({one_line(exc)})")
        crash = traceback.format_exc()
    return TaskOutcome(
        task.key, task.position, task.inputs.digest, without_documents(result),
        time.perf_counter() - started, record, view, crash,
    )  # fmt: skip
