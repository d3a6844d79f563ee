"""A bug in the service answers 500 "internal error" as a problem, and its traceback goes to
a crash log as the CLI's does, never to the client. The bug is put in on purpose."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

import checker.serve.app as app_module
from checker.serve.app import create_app
from checker.serve.service import Service
from checker.serve.settings import ServeSettings
from checker.serve.state import ServiceState


def broken(*args: object) -> object:
    raise ZeroDivisionError("a bug put in by the test")


def test_a_bug_is_500_internal_error_and_a_crash_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the crash log goes to .syndicheck/ here
    monkeypatch.setattr(app_module, "to_job", broken)
    state = ServiceState()
    fastapi_app = create_app(ServeSettings(workers=1), state)
    service = Service(fastapi_app, state, 1_000_000)

    async def call() -> httpx.Response:
        async with fastapi_app.router.lifespan_context(fastapi_app):
            transport = httpx.ASGITransport(app=service)
            async with httpx.AsyncClient(transport=transport, base_url="http://service") as client:
                return await client.post("/v1/check", json={"article": {"content": "<p>x</p>"}})

    answer = asyncio.run(call())
    assert answer.status_code == 500
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["detail"] == "internal error"
    assert "ZeroDivisionError" not in answer.text and "Traceback" not in answer.text
    (log,) = (tmp_path / ".syndicheck").glob("crash-*.log")
    assert "ZeroDivisionError: a bug put in by the test" in log.read_text(encoding="utf-8")
