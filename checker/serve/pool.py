"""The worker pool: N check processes, each doing one request at a time over a pipe.

Why not `concurrent.futures.ProcessPoolExecutor`: it cannot kill one task, so a check that
runs over `--timeout` would hold its process forever, and when one of its processes dies
(killed by the OOM killer, a crash in a C library) the whole executor is broken and every
later request fails. Here each worker is a `multiprocessing` process with its own pipe: a
check over time gets its worker killed and replaced, a worker that dies fails only the request
it held, and the next request goes to a fresh worker.

Workers are started with `spawn`: a forked worker would inherit the server's listening socket
and event loop; a spawned one imports only the checker (never the web stack).
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.process import BaseProcess

from checker.crash import one_line
from checker.serve import worker as worker_module
from checker.serve.jobs import Job, Outcome, WorkerOptions
from checker.serve.logs import log

START_TIMEOUT = 120.0  # seconds for a new worker to import the checker and read its packs


class QueueFull(Exception):
    """More requests are waiting for a worker than `--queue` allows."""


class CheckTimeout(Exception):
    """A check ran over `--timeout`; its worker was replaced."""


class WorkerDied(Exception):
    """The worker holding the request died; it was replaced."""


class Worker:
    def __init__(self, options: WorkerOptions) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process: BaseProcess = context.Process(
            target=worker_module.main, args=(child, options), daemon=True
        )
        self.process.start()
        child.close()
        self.fd = self.conn.fileno()

    def wait_ready(self) -> None:
        """Blocks until the worker has imported the checker and read its packs."""
        try:
            ready = self.conn.poll(START_TIMEOUT) and self.conn.recv() == worker_module.READY
        except (EOFError, OSError):
            ready = False
        if not ready:
            raise WorkerDied("a check worker did not start")

    def send(self, job: Job) -> None:
        """Hands the worker a job. It does not stall the event loop: an idle worker is blocked
        reading its pipe, so even a large job is copied straight through."""
        # uvloop's add_reader leaves the pipe non-blocking, and a message larger than what
        # has arrived would then fail with EAGAIN: send and receive in blocking mode.
        os.set_blocking(self.fd, True)
        self.conn.send(job)

    def receive(self) -> Outcome:
        """The answer, once the pipe is readable; EOFError or OSError if the worker died."""
        os.set_blocking(self.fd, True)
        outcome: Outcome = self.conn.recv()
        return outcome

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.send(None)
        self.process.join(5)
        if self.process.is_alive():
            self.kill()
        self.conn.close()


@dataclass
class Pending:
    """A request's job and the future its handler awaits."""

    job: Job
    answer: asyncio.Future[Outcome]


class WorkerPool:
    """Hands each job to an idle worker; at most `queue` jobs wait for one.

    The hand-over happens in the event loop's callback for the worker's pipe, not in the
    request's coroutine: when a worker's answer arrives, the callback reads it, gives the
    worker the next waiting job at once, and only then wakes the request it answered. Passing
    the worker back through an `asyncio.Queue` to the waiting request's coroutine instead
    took two turns of the loop, with other requests' parsing in between: the workers sat idle
    0.7 ms (median) between checks of 9 ms, 8% of their time, on a busy 2-core server. The
    pipe is watched with `add_reader`, without a thread: handing each request to a thread
    and back costs the server CPU that the workers need on a small machine. A worker that
    dies makes its pipe readable too, and `receive` then raises EOFError.
    """

    def __init__(self, size: int, options: WorkerOptions, timeout: float, queue: int) -> None:
        self.size = size
        self.options = options
        self.timeout = timeout
        self.queue = queue
        self._idle: list[Worker] = []
        self._waiting: deque[Pending] = deque()  # requests waiting for a worker
        self._running: dict[Worker, tuple[Pending, asyncio.TimerHandle]] = {}
        self._workers: set[Worker] = set()
        # Waiting for a new worker to be ready blocks: it is done here, off the event loop.
        self._threads = ThreadPoolExecutor(max_workers=size, thread_name_prefix="start")
        self._closing = False

    @property
    def alive(self) -> int:
        """Workers started and not yet replaced (a replacement may still be starting)."""
        return len(self._workers)

    @property
    def waiting(self) -> int:
        """Requests waiting for a worker."""
        return len(self._waiting)

    @property
    def busy(self) -> int:
        """Requests being checked."""
        return len(self._running)

    async def start(self) -> None:
        await asyncio.gather(*(self._add() for _ in range(self.size)))

    async def _add(self) -> None:
        worker = Worker(self.options)
        self._workers.add(worker)
        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(self._threads, worker.wait_ready)
        except Exception:
            self._discard(worker)
            raise
        if self._closing:
            self._discard(worker)
            return
        self._idle.append(worker)
        self._dispatch()

    def _discard(self, worker: Worker) -> None:
        self._workers.discard(worker)
        worker.kill()

    def _replace(self, worker: Worker, reason: str) -> None:
        log("worker replaced", reason=reason)
        self._discard(worker)
        if not self._closing:
            task = asyncio.get_running_loop().create_task(self._add())
            task.add_done_callback(_retrieve)

    async def run(self, job: Job) -> Outcome:
        """The worker's outcome; raises QueueFull, CheckTimeout or WorkerDied."""
        if not self._idle and len(self._waiting) >= self.queue:
            raise QueueFull
        pending = Pending(job, asyncio.get_running_loop().create_future())
        self._waiting.append(pending)
        self._dispatch()
        try:
            return await pending.answer
        finally:
            # Cancelled while waiting: it leaves the queue. Cancelled while being checked:
            # the worker finishes, and its answer is read and dropped (the future is done).
            if pending in self._waiting:
                self._waiting.remove(pending)

    def _dispatch(self) -> None:
        """Gives waiting jobs to idle workers, oldest first."""
        while self._idle and self._waiting:
            worker = self._idle.pop()
            if not worker.process.is_alive():  # died while idle: not this request's fault
                self._replace(worker, "worker died while idle")
                continue
            pending = self._waiting.popleft()
            if pending.answer.done():  # cancelled before its turn
                self._idle.append(worker)
                continue
            self._start(worker, pending)

    def _start(self, worker: Worker, pending: Pending) -> None:
        loop = asyncio.get_running_loop()
        try:
            worker.send(pending.job)
        except OSError:
            self._replace(worker, "worker died")
            _fail(pending, WorkerDied())
            return
        timer = loop.call_later(self.timeout, self._timed_out, worker)
        self._running[worker] = (pending, timer)
        loop.add_reader(worker.fd, self._answered, worker)

    def _finish(self, worker: Worker) -> Pending:
        pending, timer = self._running.pop(worker)
        timer.cancel()
        asyncio.get_running_loop().remove_reader(worker.fd)
        return pending

    def _answered(self, worker: Worker) -> None:
        pending = self._finish(worker)
        try:
            outcome = worker.receive()
        except (EOFError, OSError):
            self._replace(worker, "worker died")
            _fail(pending, WorkerDied())
            return
        self._idle.append(worker)
        self._dispatch()  # the next job first: the worker never waits for this request
        if not pending.answer.done():
            pending.answer.set_result(outcome)

    def _timed_out(self, worker: Worker) -> None:
        pending = self._finish(worker)
        self._replace(worker, "check over --timeout")
        _fail(pending, CheckTimeout())

    def close(self) -> None:
        self._closing = True
        loop = asyncio.get_running_loop()
        for worker, (pending, timer) in list(self._running.items()):
            timer.cancel()
            loop.remove_reader(worker.fd)
            _fail(pending, WorkerDied())
        self._running.clear()
        for pending in self._waiting:
            _fail(pending, WorkerDied())
        self._waiting.clear()
        for worker in list(self._workers):
            worker.stop()
        self._workers.clear()
        self._idle.clear()
        self._threads.shutdown(wait=False, cancel_futures=True)


def _fail(pending: Pending, error: Exception) -> None:
    if not pending.answer.done():
        pending.answer.set_exception(error)


def _retrieve(task: asyncio.Task[None]) -> None:
    """A replacement that failed to start leaves the pool smaller: logged, not lost."""
    if not task.cancelled() and (error := task.exception()) is not None:
        log("worker not replaced", error=one_line(error))
