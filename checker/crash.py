"""Internal errors: the traceback goes to a crash log, the user reads one line that names it.

Modelled on pre-commit's `error_handler.py`: a bug in syndicheck is not the user's input
problem (exit 2), nor findings (exit 1); it exits 3, and the log holds what a bug report
needs (version, command, Python, platform, traceback). The log goes to `.syndicheck/` where
syndicheck runs, beside its history and cache, or to the temporary folder when that cannot be
written.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from pathlib import Path

from checker.version import __version__

CRASH_EXIT = 3
CRASH_DIR = ".syndicheck"


def one_line(exc: BaseException) -> str:
    """`ValueError: what it said`, on one line whatever the message holds."""
    said = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {said}" if said else type(exc).__name__


def _header() -> str:
    import platform  # on a crash only: every command imports this module (start-up time)

    return (
        f"syndicheck {__version__}\n"
        f"command: {' '.join(sys.argv)}\n"
        f"python: {sys.version.split()[0]} ({sys.executable})\n"
        f"platform: {platform.platform()}\n"
        f"time: {datetime.now(UTC).isoformat(timespec='seconds')}\n"
    )


class CrashLog:
    """One log file per process or audit run, created only when something crashes."""

    def __init__(self, name: str | None = None) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        self.name = name or f"crash-{stamp}-{os.getpid()}.log"
        self.path: Path | None = None

    def _open_path(self) -> Path:
        import tempfile  # on a crash only (start-up time)

        for folder in (Path(CRASH_DIR), Path(tempfile.gettempdir())):
            candidate = folder / self.name
            try:
                folder.mkdir(parents=True, exist_ok=True)
                with candidate.open("a", encoding="utf-8") as handle:
                    handle.write(_header())
            except OSError:
                continue
            return candidate
        raise OSError(f"cannot write a crash log named {self.name}")

    def record(self, what: str, trace: str) -> Path:
        """Append `trace` (a formatted traceback) about `what`; return the log's path."""
        if self.path is None:
            self.path = self._open_path()
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(f"\n--- {what}\n{trace.rstrip()}\n")
        return self.path
