"""`syndicheck serve`: the pre-publish check over HTTP, for newsroom CMS plugins.

This package's `__init__` imports nothing heavy: the CLI imports it only when `serve` runs,
and the check workers (`checker.serve.worker`) are started by importing it too, so the web
stack (FastAPI, uvicorn) is loaded by the server process alone.
"""

from __future__ import annotations

from checker.serve.settings import ServeSettings


def run(settings: ServeSettings) -> int:
    """Serve until SIGTERM or Ctrl-C; the exit code. Raises UsageError for bad options."""
    from checker.serve.server import serve

    return serve(settings)


__all__ = ["ServeSettings", "run"]
