"""The ASGI wrapper around the app: body limit, shutdown, crashes, and the request log.

Plain ASGI rather than Starlette middleware, so that it sees every request first and every
response last, including the 413 and 503 it answers itself and a crash below it.
"""

from __future__ import annotations

import time
import traceback
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from checker.crash import CrashLog
from checker.serve.logs import log
from checker.serve.problems import problem_body, problem_headers
from checker.serve.state import ServiceState


class TooLarge(Exception):
    """The body grew past --max-body while it was read."""


class Service:
    def __init__(self, app: ASGIApp, state: ServiceState, max_body: int) -> None:
        self.app = app
        self.state = state
        self.max_body = max_body
        self.crash_log = CrashLog()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 0

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        self.state.in_flight += 1
        try:
            await self._answer(scope, receive, sending)
        except Exception:  # a bug: the traceback goes to the crash log, never to the client
            self.crash_log.record("serve: internal error", traceback.format_exc())
            if status == 0:
                await _problem(sending, 500, "internal error")
        finally:
            self.state.in_flight -= 1
            state: dict[str, Any] = scope.get("state", {})
            log(
                "request",
                method=scope["method"],
                path=scope["path"],
                status=status,
                ms=round((time.perf_counter() - started) * 1000, 1),
                article_bytes=state.get("article_bytes"),
            )

    async def _answer(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.state.draining:
            headers = {"Connection": "close", "Retry-After": "5"}
            await _problem(send, 503, "the service is shutting down", headers)
            return
        declared = _content_length(scope)
        if declared is None:
            await _problem(send, 400, "the Content-Length header is not a number")
            return
        if declared > self.max_body:
            await _problem(send, 413, self._too_large(), {"Connection": "close"})
            return
        try:
            body = await self._read(receive)
        except TooLarge:
            await _problem(send, 413, self._too_large(), {"Connection": "close"})
            return
        scope.setdefault("state", {})
        await self.app(scope, _replay(body, receive), send)

    def _too_large(self) -> str:
        return f"the request body is over the server's limit of {self.max_body:,} bytes"

    async def _read(self, receive: Receive) -> bytes:
        """The whole body, counted as it arrives: a chunked body has no Content-Length."""
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break  # the client went away
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                raise TooLarge
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return 0


def _replay(body: bytes, receive: Receive) -> Receive:
    """The body read up front, given to the app as one message; then the real channel."""
    given = False

    async def replayed() -> Message:
        nonlocal given
        if not given:
            given = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed


async def _problem(
    send: Send, status: int, detail: str, headers: dict[str, str] | None = None
) -> None:
    body = problem_body(status, detail)
    await send(
        {"type": "http.response.start", "status": status, "headers": problem_headers(body, headers)}
    )
    await send({"type": "http.response.body", "body": body})
