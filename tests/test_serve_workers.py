"""The worker pool under trouble, on real processes: a full queue, a check over time, a
worker killed mid-check, and SIGTERM with a request in flight."""

from __future__ import annotations

import os
import signal
import threading
import time
from typing import Any

import httpx
from serving import EXAMPLE, EXAMPLE_SOURCE, Server, running, slow_article

SMALL = {
    "article": {"content": EXAMPLE.read_text(encoding="utf-8")},
    "source": {"content": EXAMPLE_SOURCE.read_text(encoding="utf-8")},
}
SLOW = {"article": {"content": slow_article()}, "source": SMALL["source"]}


class InBackground:
    """One request sent from a thread, its answer kept for the test to look at."""

    def __init__(self, server: Server, body: dict[str, Any]) -> None:
        self.answer: httpx.Response | None = None
        self.error: Exception | None = None
        self.thread = threading.Thread(target=self._send, args=(server, body))
        self.thread.start()

    def _send(self, server: Server, body: dict[str, Any]) -> None:
        try:
            self.answer = server.post(body)
        except Exception as error:  # kept for the assertion that follows
            self.error = error

    def result(self) -> httpx.Response:
        self.thread.join(120)
        assert self.answer is not None, self.error
        return self.answer


def is_problem(answer: httpx.Response, status: int) -> None:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["status"] == status


def wait_waiting(server: Server, count: int, seconds: float = 60) -> None:
    """Until /healthz counts `count` requests waiting (sent ahead to a busy worker, or queued)."""
    deadline = time.monotonic() + seconds
    while server.health()["waiting"] != count and time.monotonic() < deadline:
        time.sleep(0.01)


def test_a_full_queue_is_429_with_retry_after() -> None:
    with running(["--queue", "0"]) as server:
        first = InBackground(server, SLOW)
        server.wait_busy()
        refused = server.post(SMALL)
        is_problem(refused, 429)
        assert int(refused.headers["retry-after"]) >= 1
        assert first.result().status_code == 200


def test_a_check_over_timeout_is_504_and_its_worker_is_replaced() -> None:
    with running(["--timeout", "0.2"]) as server:
        (before,) = server.workers()
        is_problem(server.post(SLOW), 504)
        assert before not in server.workers()
        assert server.post({"article": {"content": "<p>Short.</p>"}}).status_code == 200
        assert any(e["reason"] == "check over --timeout" for e in server.events("worker replaced"))


def test_a_worker_killed_mid_check_fails_that_request_only() -> None:
    with running() as server:
        (worker,) = server.workers()
        held = InBackground(server, SLOW)
        server.wait_busy()
        os.kill(worker, signal.SIGKILL)
        is_problem(held.result(), 503)
        after = server.post(SMALL)
        assert after.status_code == 200
        assert after.json()["status"] == "pass"
        assert worker not in server.workers()


def test_a_request_queued_behind_a_killed_check_is_served_by_the_replacement() -> None:
    # One worker: the second request is sent ahead into the busy worker's pipe, and counts
    # as waiting. It never started there, so the worker's death must not fail it.
    with running() as server:
        (worker,) = server.workers()
        held = InBackground(server, SLOW)
        server.wait_busy()
        behind = InBackground(server, SMALL)
        wait_waiting(server, 1)
        assert server.health() | {"workers": 1} == {
            "status": "ok",
            "workers": 1,
            "busy": 1,
            "waiting": 1,
        }
        os.kill(worker, signal.SIGKILL)
        is_problem(held.result(), 503)
        served = behind.result()
        assert served.status_code == 200
        assert served.json()["status"] == "pass"
        assert len(server.events("worker replaced")) == 1


def test_a_large_request_waiting_for_a_busy_worker_does_not_stall_the_server() -> None:
    # Its job is far larger than a pipe holds, and the worker is not reading: were it written
    # in one blocking call, the event loop would stop until the check before it finished.
    big = {"article": {"content": f"<script>/*{'x' * 2_000_000}*/</script><p>Short.</p>"}}
    with running() as server:
        held = InBackground(server, SLOW)
        server.wait_busy()
        behind = InBackground(server, big)
        wait_waiting(server, 1)
        assert held.answer is None  # still being checked, and yet the server answers
        assert server.health()["busy"] == 1
        assert held.result().status_code == 200
        assert behind.result().status_code == 200


def test_sigterm_lets_the_request_in_flight_finish_and_refuses_new_ones() -> None:
    with running() as server:
        held = InBackground(server, SLOW)
        server.wait_busy()
        server.process.send_signal(signal.SIGTERM)
        server.wait_for("draining")
        refused = server.post(SMALL)
        is_problem(refused, 503)
        finished = held.result()
        assert finished.status_code == 200
        assert finished.json()["schema_version"] == 1
        assert server.process.wait(60) == 0  # drained, then stopped by itself
        assert server.events("stopped")
        assert not any(e["reason"] for e in server.events("worker replaced"))
