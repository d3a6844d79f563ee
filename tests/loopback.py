"""A real HTTP server on loopback for the tests that fetch: started, yielded, stopped."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest


class Recording(BaseHTTPRequestHandler):
    """A handler that remembers the paths asked for and logs nothing."""

    hits: ClassVar[list[str]] = []

    def log_message(self, *args: object) -> None:
        pass


def serve(
    handler: type[Recording], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """For a fixture to `yield from`: the base URL while the test runs, in `tmp_path`."""
    monkeypatch.chdir(tmp_path)  # the fetch cache lives under the working directory
    handler.hits = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
