"""A real `syndicheck serve` process on a loopback port, for the service's tests."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "seed-article.html"
EXAMPLE_SOURCE = REPO / "examples" / "bloomberg-source.html"
FAILING = REPO / "tests" / "fixtures" / "packs" / "default" / "source-credit" / "firing"
START_SECONDS = 120  # spawning workers on a busy 2-core machine


class Server:
    """The process, its base URL, and its stderr log lines as they arrive."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.url = ""

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line.rstrip("\n"))

    def events(self, name: str | None = None) -> list[dict[str, Any]]:
        found = []
        for line in list(self.lines):
            try:
                event = json.loads(line)
            except ValueError:
                continue
            if name is None or event.get("event") == name:
                found.append(event)
        return found

    def wait_for(self, name: str, seconds: float = START_SECONDS) -> dict[str, Any]:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if found := self.events(name):
                return found[-1]
            if self.process.poll() is not None and not self._reader.is_alive():
                break
            time.sleep(0.02)
        raise AssertionError(f"no {name!r} event; stderr:\n" + "\n".join(self.lines))

    def workers(self) -> list[int]:
        """The pids of the check workers (spawned children running checker.serve.worker)."""
        pids = []
        for child in _children(self.process.pid):
            try:
                command = Path(f"/proc/{child}/cmdline").read_bytes()
            except OSError:
                continue
            if b"spawn_main" in command:
                pids.append(child)
        return pids

    def health(self) -> dict[str, Any]:
        answer: dict[str, Any] = httpx.get(self.url + "/healthz", timeout=30).json()
        return answer

    def wait_busy(self, seconds: float = 60) -> None:
        """Until a request is being checked by a worker."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.health().get("busy"):
                return
            time.sleep(0.01)
        raise AssertionError("no request reached a worker")

    def post(self, body: Any, token: str | None = None, **options: Any) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.post(
            self.url + "/v1/check", json=body, headers=headers, timeout=120, **options
        )


def _children(pid: int) -> list[int]:
    children: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            children += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            continue
    return children


def start(
    args: Sequence[str] = (), env: dict[str, str] | None = None, cwd: Path | None = None
) -> Server:
    command = [sys.executable, "-m", "checker", "serve", "--port", "0", "--workers", "1", *args]
    environment = {k: v for k, v in os.environ.items() if k != "SYNDICHECK_TOKEN"}
    environment.update(env or {})
    process = subprocess.Popen(
        command,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        cwd=cwd,
        env=environment,
    )
    server = Server(process)
    server.url = server.wait_for("listening")["url"]
    server.wait_for("ready")
    return server


def stop(server: Server) -> int:
    if server.process.poll() is None:
        server.process.send_signal(signal.SIGTERM)
        try:
            server.process.wait(60)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()
    return server.process.returncode


@contextmanager
def running(
    args: Sequence[str] = (), env: dict[str, str] | None = None, cwd: Path | None = None
) -> Iterator[Server]:
    server = start(args, env, cwd)
    try:
        yield server
    finally:
        stop(server)


def slow_article(paragraphs: int = 400) -> str:
    """The bundled example's paragraphs many times over: a check of a few seconds."""
    text = EXAMPLE.read_text(encoding="utf-8")
    paras = [p for p in text.split("<p>")[1:] if "</p>" in p]
    body = "\n".join(
        f"<p>Paragraph {i}: {p.split('</p>')[0]}</p>" for i in range(paragraphs) for p in paras
    )
    return f"<html><body><article>{body}</article></body></html>"
