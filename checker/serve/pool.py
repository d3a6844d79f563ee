"""The worker pool: N check processes, each checking one request at a time.

Why not `concurrent.futures.ProcessPoolExecutor`: it cannot kill one task, so a check that
runs over `--timeout` would hold its process forever, and when one of its processes dies
(killed by the OOM killer, a crash in a C library) the whole executor is broken and every
later request fails. Here each worker is a `multiprocessing` process with its own pipes: a
check over time gets its worker killed and replaced, a worker that dies fails only the request
it was checking, and the next request goes to a fresh worker.

Workers are started with `spawn`: a forked worker would inherit the server's listening socket
and event loop; a spawned one imports only the checker (never the web stack).
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import struct
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from multiprocessing.reduction import ForkingPickler

from checker.crash import one_line
from checker.serve import worker as worker_module
from checker.serve.jobs import Job, Outcome, WorkerOptions
from checker.serve.logs import log

START_TIMEOUT = 120.0  # seconds for a new worker to import the checker and read its packs
# Jobs a worker holds at most: the one it checks and the next, already in its pipe, so that
# it goes from one check to the next without waiting for the server's event loop to turn.
DEPTH = 2


class QueueFull(Exception):
    """More requests are waiting for a worker than `--queue` allows."""


class CheckTimeout(Exception):
    """A check ran over `--timeout`; its worker was replaced."""


class WorkerDied(Exception):
    """The worker holding the request died; it was replaced."""


@dataclass
class Pending:
    """A request's job and the future its handler awaits."""

    job: Job
    answer: asyncio.Future[Outcome]


@dataclass
class Held:
    """What a worker holds: its jobs in the order sent (the first is being checked), the
    first one's timer, and job bytes not yet written to its pipe."""

    jobs: deque[Pending] = field(default_factory=deque)
    timer: asyncio.TimerHandle | None = None
    unsent: bytearray = field(default_factory=bytearray)


class Worker:
    """A check process and its two one-way pipes: jobs in, answers out.

    Two pipes rather than one duplex connection: jobs are written without blocking (a job
    sent ahead waits in the pipe while the worker checks, and a large one must not stall the
    event loop until the worker reads it), while an answer is read in blocking mode once its
    pipe is readable (a non-blocking read of a message only partly arrived fails with EAGAIN).
    """

    def __init__(self, options: WorkerOptions) -> None:
        context = multiprocessing.get_context("spawn")
        jobs_in, self.jobs = context.Pipe(duplex=False)
        self.answers, answers_out = context.Pipe(duplex=False)
        self.process: BaseProcess = context.Process(
            target=worker_module.main, args=(jobs_in, answers_out, options), daemon=True
        )
        self.process.start()
        jobs_in.close()
        answers_out.close()
        os.set_blocking(self.jobs.fileno(), False)  # see `flush`
        self.held = Held()

    @property
    def load(self) -> int:
        return len(self.held.jobs)

    def wait_ready(self) -> None:
        """Blocks until the worker has imported the checker and read its packs."""
        try:
            ready = self.answers.poll(START_TIMEOUT) and self.answers.recv() == worker_module.READY
        except (EOFError, OSError):
            ready = False
        if not ready:
            raise WorkerDied("a check worker did not start")

    def post(self, job: Job) -> None:
        """Queues a job's bytes, framed as `Connection.send` frames them, for the worker's
        `Connection.recv`; `flush` writes what the pipe takes now."""
        payload = ForkingPickler.dumps(job)
        size = len(payload)
        header = struct.pack("!i", size) if size <= 0x7FFFFFFF else struct.pack("!iQ", -1, size)
        self.held.unsent += header
        self.held.unsent += payload

    def flush(self) -> bool:
        """Writes what it can without blocking; True once nothing is left unsent. A worker
        that died has a broken pipe: what is left is dropped, and its answers pipe says why."""
        unsent = self.held.unsent
        fd = self.jobs.fileno()
        try:
            while unsent:
                written = os.write(fd, unsent)
                del unsent[:written]
        except BlockingIOError:
            return False
        except OSError:
            unsent.clear()
        return True

    def receive(self) -> Outcome:
        """The answer, once its pipe is readable; EOFError or OSError if the worker died."""
        # uvloop's add_reader leaves the pipe non-blocking: read it in blocking mode.
        os.set_blocking(self.answers.fileno(), True)
        outcome: Outcome = self.answers.recv()
        return outcome

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        _close(self.jobs, self.answers)

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            os.set_blocking(self.jobs.fileno(), True)
            self.jobs.send(None)
        self.process.join(5)
        if self.process.is_alive():
            self.kill()
        _close(self.jobs, self.answers)


def _close(*conns: Connection) -> None:
    for conn in conns:
        with contextlib.suppress(OSError):
            conn.close()


class WorkerPool:
    """Hands each job to a worker; at most `queue` jobs wait for one.

    A job goes to an idle worker if there is one, else to a busy worker that holds fewer
    than DEPTH jobs: it waits in that worker's pipe, and the worker starts it the moment it
    answers the one before, without waiting for the server. On a busy 2-core server, where
    the server's event loop waits for a core as often as the workers do, a worker that had
    to wait for its next job after each answer sat idle 0.7 ms (median, and a mean of 2 ms
    under load) between checks of 9 ms. A job sent ahead still counts as waiting, for
    `--queue` and /healthz, until its worker starts it, and its `--timeout` runs from then.

    The pipes are watched with `add_reader`/`add_writer`, without threads: handing each
    request to a thread and back costs the server CPU that the workers need on a small
    machine. A worker that dies makes its answers pipe readable, and `receive` then raises
    EOFError: the job it was checking fails, the jobs behind it go back to the queue's front.
    """

    def __init__(self, size: int, options: WorkerOptions, timeout: float, queue: int) -> None:
        self.size = size
        self.options = options
        self.timeout = timeout
        self.queue = queue
        self._ready: list[Worker] = []  # workers serving, in the order they started
        self._waiting: deque[Pending] = deque()  # jobs not yet given to a worker
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
        """Requests not yet being checked, including those sent ahead to a busy worker."""
        ahead = sum(max(0, worker.load - 1) for worker in self._ready)
        return len(self._waiting) + ahead

    @property
    def busy(self) -> int:
        """Requests being checked."""
        return sum(1 for worker in self._ready if worker.load)

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
        self._ready.append(worker)
        self._dispatch()

    def _discard(self, worker: Worker) -> None:
        self._workers.discard(worker)
        if worker in self._ready:
            self._ready.remove(worker)
        worker.kill()

    def _replace(self, worker: Worker, reason: str) -> None:
        log("worker replaced", reason=reason)
        self._discard(worker)
        if not self._closing:
            task = asyncio.get_running_loop().create_task(self._add())
            task.add_done_callback(_retrieve)

    async def run(self, job: Job) -> Outcome:
        """The worker's outcome; raises QueueFull, CheckTimeout or WorkerDied."""
        idle = any(worker.load == 0 for worker in self._ready)
        if not idle and self.waiting >= self.queue:
            raise QueueFull
        pending = Pending(job, asyncio.get_running_loop().create_future())
        self._waiting.append(pending)
        self._dispatch()
        try:
            return await pending.answer
        finally:
            # Cancelled while waiting: it leaves the queue. Cancelled once given to a worker:
            # the worker checks it anyway, and its answer is read and dropped.
            if pending in self._waiting:
                self._waiting.remove(pending)

    def _dispatch(self) -> None:
        """Gives waiting jobs to workers, oldest job first, least loaded worker first."""
        while self._waiting:
            worker = min(self._ready, key=lambda w: w.load, default=None)
            if worker is None or worker.load >= DEPTH:
                return
            if worker.load == 0 and not worker.process.is_alive():
                self._replace(worker, "worker died while idle")  # not this request's fault
                continue
            pending = self._waiting.popleft()
            if not pending.answer.done():  # a request cancelled before its turn is skipped
                self._send(worker, pending)

    def _send(self, worker: Worker, pending: Pending) -> None:
        loop = asyncio.get_running_loop()
        held = worker.held
        held.jobs.append(pending)
        writing = bool(held.unsent)
        worker.post(pending.job)
        if len(held.jobs) == 1:  # it starts now
            held.timer = loop.call_later(self.timeout, self._timed_out, worker)
            loop.add_reader(worker.answers.fileno(), self._answered, worker)
        if not writing and not worker.flush():
            loop.add_writer(worker.jobs.fileno(), self._flush, worker)

    def _flush(self, worker: Worker) -> None:
        if worker.flush():
            asyncio.get_running_loop().remove_writer(worker.jobs.fileno())

    def _answered(self, worker: Worker) -> None:
        held = worker.held
        try:
            outcome = worker.receive()
        except (EOFError, OSError):
            self._lost(worker, "worker died", WorkerDied())
            return
        if held.timer is not None:
            held.timer.cancel()
        answered = held.jobs.popleft()
        loop = asyncio.get_running_loop()
        if held.jobs:  # the job sent ahead has started: its time runs from now
            held.timer = loop.call_later(self.timeout, self._timed_out, worker)
        else:
            held.timer = None
            loop.remove_reader(worker.answers.fileno())
        self._dispatch()  # before waking the request: the worker never waits for it
        if not answered.answer.done():
            answered.answer.set_result(outcome)

    def _timed_out(self, worker: Worker) -> None:
        self._lost(worker, "check over --timeout", CheckTimeout())

    def _lost(self, worker: Worker, reason: str, error: Exception) -> None:
        """The worker goes; its first job fails with `error`, the others wait again."""
        held = worker.held
        if held.timer is not None:
            held.timer.cancel()
        _unwatch(worker)
        checked = held.jobs.popleft()
        self._waiting.extendleft(reversed(held.jobs))  # never started: first in line again
        held.jobs.clear()
        self._replace(worker, reason)
        _fail(checked, error)
        self._dispatch()

    def close(self) -> None:
        self._closing = True
        for worker in self._ready:
            if worker.held.timer is not None:
                worker.held.timer.cancel()
            _unwatch(worker)
            for pending in worker.held.jobs:
                _fail(pending, WorkerDied())
        for pending in self._waiting:
            _fail(pending, WorkerDied())
        self._waiting.clear()
        for worker in list(self._workers):
            worker.stop()
        self._workers.clear()
        self._ready.clear()
        self._threads.shutdown(wait=False, cancel_futures=True)


def _unwatch(worker: Worker) -> None:
    loop = asyncio.get_running_loop()
    with contextlib.suppress(OSError):
        loop.remove_reader(worker.answers.fileno())
    with contextlib.suppress(OSError):
        loop.remove_writer(worker.jobs.fileno())


def _fail(pending: Pending, error: Exception) -> None:
    if not pending.answer.done():
        pending.answer.set_exception(error)


def _retrieve(task: asyncio.Task[None]) -> None:
    """A replacement that failed to start leaves the pool smaller: logged, not lost."""
    if not task.cancelled() and (error := task.exception()) is not None:
        log("worker not replaced", error=one_line(error))
