"""Where the work runs: local worker processes, or an existing Dask cluster.

Both take the same tasks and yield the same outcomes as they complete, back to the one writer.
Both keep only a bounded number of tasks in flight, so memory does not grow with the size of
the archive and an interrupted run has little work to throw away.
"""

from __future__ import annotations

import importlib
import multiprocessing
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any

from checker.audit.work import AuditTask, TaskOutcome, check_task, init_worker
from checker.errors import CheckerError, UsageError

IN_FLIGHT_PER_WORKER = 4
# A worker killed from outside (OOM killer, an operator) loses only its article; the pool is
# started again and the unfinished articles resubmitted. More deaths than this point at an
# article that kills its worker every time, and the run stops instead of looping.
MAX_RESTARTS = 3
POLL_SECONDS = 2.0
NO_WORKERS_GRACE = 60.0


class WorkersLost(CheckerError):
    """Workers died more often than a run should survive; what was stored is kept."""


def _context() -> multiprocessing.context.BaseContext:
    # fork: a worker starts in milliseconds with the packs' modules already imported. The pool
    # is created before any progress thread starts, so nothing is forked mid-lock.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def run_local(
    tasks: Iterable[AuditTask], jobs: int, pack_specs: tuple[str, ...], library: str | None
) -> Iterator[TaskOutcome]:
    """`tasks` is read lazily, a few per worker ahead: the parent never holds the whole list."""
    todo = iter(tasks)
    retry: deque[AuditTask] = deque()
    first = next(todo, None)
    if first is None:
        return  # nothing to check: no pool to start
    retry.append(first)
    restarts = 0
    while True:
        pool = ProcessPoolExecutor(
            jobs, mp_context=_context(), initializer=init_worker, initargs=(pack_specs, library)
        )
        inflight: dict[Future[TaskOutcome], AuditTask] = {}
        broken = False
        try:
            while not broken:
                while len(inflight) < jobs * IN_FLIGHT_PER_WORKER:
                    task = retry.popleft() if retry else next(todo, None)
                    if task is None:
                        break
                    try:
                        inflight[pool.submit(check_task, task)] = task
                    except BrokenProcessPool:
                        retry.appendleft(task)
                        broken = True
                        break
                if broken or not inflight:
                    break
                done, _ = wait(inflight, return_when=FIRST_COMPLETED)
                for future in done:
                    task = inflight.pop(future)
                    try:
                        outcome = future.result()
                    except BrokenProcessPool:
                        retry.appendleft(task)
                        broken = True
                        continue
                    yield outcome
        finally:
            # On Ctrl-C: queued tasks are dropped, each running one finishes its article.
            pool.shutdown(wait=not broken, cancel_futures=True)
        if not broken:
            return
        retry.extendleft(inflight.values())
        restarts += 1
        if restarts > MAX_RESTARTS:
            raise WorkersLost(
                None,
                f"worker processes died {restarts} times; at least {len(retry)} articles were"
                " not checked (the results stored so far are kept: run again to resume)",
            )


def run_dask(tasks: Iterable[AuditTask], scheduler: str) -> Iterator[TaskOutcome]:
    # Imported by name, as untyped modules: dask is an optional extra (absent where it is not
    # installed, and mypy must pass there too) and ships no type information.
    try:
        distributed: Any = importlib.import_module("distributed")
        lost = (
            importlib.import_module("distributed.scheduler").KilledWorker,
            importlib.import_module("distributed.client").FutureCancelledError,
        )
    except ImportError:
        raise UsageError(
            None, "--engine dask needs dask.distributed: pip install 'syndicheck[dask]'"
        ) from None
    try:
        client = distributed.Client(scheduler, timeout="30s", set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise UsageError(scheduler, f"cannot reach the Dask scheduler: {exc}") from None
    try:
        threads = sum(client.nthreads().values()) or 1
        todo = iter(tasks)
        inflight = {
            client.submit(check_task, task, pure=False)
            for task in islice(todo, threads * IN_FLIGHT_PER_WORKER)
        }
        idle_since: float | None = None
        while inflight:
            try:
                with client.as_current():  # wait() finds its client this way, not by argument
                    done = distributed.wait(
                        list(inflight), timeout=POLL_SECONDS, return_when="FIRST_COMPLETED"
                    ).done
            except TimeoutError:
                done = set()
            if not done:
                # A cluster whose workers are all gone never finishes a task: say so, instead
                # of waiting for ever (a cluster that autoscales gets a grace period).
                if client.nthreads():
                    idle_since = None
                elif idle_since is None:
                    idle_since = time.monotonic()
                elif time.monotonic() - idle_since > NO_WORKERS_GRACE:
                    raise WorkersLost(
                        scheduler,
                        f"the Dask cluster has had no workers for {NO_WORKERS_GRACE:.0f} s;"
                        " the results stored so far are kept: run again to resume",
                    )
                continue
            for future in done:
                inflight.discard(future)
                try:
                    outcome: TaskOutcome = future.result()
                except lost as exc:
                    raise WorkersLost(
                        scheduler, f"Dask lost the work ({type(exc).__name__}: {exc}); run again"
                    ) from None
                future.release()
                yield outcome
                following = next(todo, None)
                if following is not None:
                    inflight.add(client.submit(check_task, following, pure=False))
    finally:
        client.close()
