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
from concurrent.futures import ThreadPoolExecutor
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

    def wait_ready(self) -> None:
        """Blocks until the worker has imported the checker and read its packs."""
        try:
            ready = self.conn.poll(START_TIMEOUT) and self.conn.recv() == worker_module.READY
        except (EOFError, OSError):
            ready = False
        if not ready:
            raise WorkerDied("a check worker did not start")

    async def call(self, job: Job) -> Outcome:
        """Sends the job and waits in the event loop, without a thread, for the answer.

        The pipe is watched with `add_reader`: handing each request to a thread and back
        costs the server CPU that the workers need on a small machine. Sending does not
        stall the loop: an idle worker is blocked reading its pipe, so even a large job is
        copied straight through. A worker that dies makes the pipe readable too, and `recv`
        then raises EOFError.
        """
        loop = asyncio.get_running_loop()
        fd = self.conn.fileno()
        # uvloop's add_reader leaves the socket non-blocking, and a message larger than what
        # has arrived would then fail with EAGAIN: send and receive in blocking mode.
        os.set_blocking(fd, True)
        self.conn.send(job)
        answered: asyncio.Future[None] = loop.create_future()

        def readable() -> None:
            if not answered.done():
                answered.set_result(None)

        loop.add_reader(fd, readable)
        try:
            await answered
        finally:
            loop.remove_reader(fd)
        os.set_blocking(fd, True)
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


class WorkerPool:
    """Hands each job to an idle worker; at most `queue` jobs wait for one."""

    def __init__(self, size: int, options: WorkerOptions, timeout: float, queue: int) -> None:
        self.size = size
        self.options = options
        self.timeout = timeout
        self.queue = queue
        self.waiting = 0  # requests waiting for a worker
        self.busy = 0  # requests being checked
        self._idle: asyncio.Queue[Worker] = asyncio.Queue()
        self._workers: set[Worker] = set()
        # Waiting for a new worker to be ready blocks: it is done here, off the event loop.
        self._threads = ThreadPoolExecutor(max_workers=size, thread_name_prefix="start")
        self._closing = False

    @property
    def alive(self) -> int:
        """Workers started and not yet replaced (a replacement may still be starting)."""
        return len(self._workers)

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
        self._idle.put_nowait(worker)

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
        if self._idle.empty() and self.waiting >= self.queue:
            raise QueueFull
        self.waiting += 1
        try:
            worker = await self._idle.get()
            while not worker.process.is_alive():  # died while idle: not this request's fault
                self._replace(worker, "worker died while idle")
                worker = await self._idle.get()
        finally:
            self.waiting -= 1
        self.busy += 1
        try:
            outcome = await asyncio.wait_for(worker.call(job), self.timeout)
        except TimeoutError:
            self._replace(worker, "check over --timeout")
            raise CheckTimeout from None
        except (EOFError, OSError):
            self._replace(worker, "worker died")
            raise WorkerDied from None
        except BaseException:  # cancelled: the worker's state is unknown, so it goes
            self._replace(worker, "request cancelled")
            raise
        else:
            self._idle.put_nowait(worker)
            return outcome
        finally:
            self.busy -= 1

    def close(self) -> None:
        self._closing = True
        for worker in list(self._workers):
            worker.stop()
        self._workers.clear()
        self._threads.shutdown(wait=False, cancel_futures=True)


def _retrieve(task: asyncio.Task[None]) -> None:
    """A replacement that failed to start leaves the pool smaller: logged, not lost."""
    if not task.cancelled() and (error := task.exception()) is not None:
        log("worker not replaced", error=one_line(error))
