"""The unit of audit work and the function every worker runs on it, wherever it runs.

A worker keeps its packs (and, with discovery, its read-only view of the source index) for its
whole life, so the cost of loading them is paid once per worker, not once per article. Workers
never write to the history: they return results, and the one writer (the parent) stores them.
"""

from __future__ import annotations

import contextlib
import signal
import time
import traceback
from dataclasses import dataclass, field, replace

from checker.audit.discovery import DiscoveryParams, discover
from checker.audit.library import Library
from checker.engine import CheckRequest, PackCache, check_article
from checker.errors import CheckerError
from checker.findings import ArticleResult, Finding


@dataclass(frozen=True)
class AuditTask:
    key: str
    request: CheckRequest
    content_hash: str
    library: str | None = None  # the index database, when discovering undeclared sources
    discovery: DiscoveryParams = field(default_factory=DiscoveryParams)


@dataclass(frozen=True)
class TaskOutcome:
    key: str
    content_hash: str
    result: ArticleResult
    seconds: float


@dataclass
class _State:
    packs: PackCache = field(default_factory=PackCache)
    libraries: dict[str, Library] = field(default_factory=dict)

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


def _failed(task: AuditTask, problem: str) -> ArticleResult:
    return ArticleResult(
        article=task.request.article,
        source=task.request.source,
        pack=",".join(task.request.rules),
        findings=(),
        error=f"{task.request.article}: {problem}",
    )


def check_task(task: AuditTask) -> TaskOutcome:
    started = time.perf_counter()
    try:
        result = check_article(task.request, _STATE.packs)
        if task.library is not None and result.error is None:
            extra = discover(result, _STATE.library(task.library), task.discovery)
            if extra:
                merged = tuple(sorted((*result.findings, *extra), key=Finding.sort_key))
                result = replace(result, findings=merged)
    except CheckerError as exc:
        result = _failed(task, exc.problem)
    except Exception as exc:  # a bug on one article must not end an audit of thousands
        where = traceback.extract_tb(exc.__traceback__)[-1]
        result = _failed(
            task,
            f"internal error {type(exc).__name__}: {exc} ({where.filename}:{where.lineno});"
            " please report it",
        )
    return TaskOutcome(task.key, task.content_hash, result, time.perf_counter() - started)
