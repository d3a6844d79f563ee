"""`syndicheck serve`: the pre-publish check over HTTP, for newsroom CMS plugins.

This package's `__init__` imports nothing heavy: the CLI imports it only when `serve` runs,
and the check workers (`checker.serve.worker`) are started by importing it too, so the web
stack (FastAPI, uvicorn) is loaded by the server process alone.
"""

from __future__ import annotations

from checker.errors import UsageError
from checker.serve.settings import ServeSettings

_WEB_STACK = {"fastapi", "fastapi_offline", "starlette", "uvicorn", "pydantic"}


def run(settings: ServeSettings) -> int:
    """Serve until SIGTERM or Ctrl-C; the exit code. Raises UsageError for bad options."""
    try:
        from checker.serve.server import serve
    except ImportError as error:
        if (error.name or "").partition(".")[0] not in _WEB_STACK:
            raise
        raise UsageError(
            "serve", f"needs {error.name}, which is not installed: pip install 'syndicheck[serve]'"
        ) from None
    return serve(settings)


__all__ = ["ServeSettings", "run"]
