"""The command's entry point: `syndicheck` and `python -m checker`."""

from __future__ import annotations

import atexit
import gc
import os
import sys
import threading
from typing import NoReturn

# Allocations between collections of the young generation (CPython's default is 700). A
# command's objects are modules, packs and pages that reference counting frees: the 44
# collections a one-file check made while importing and checking freed 292 objects and cost
# ~8-20 ms of its ~220 ms (issue 14). Set before the command line is imported, since most of
# those collections ran while click and the checker were imported.
COMMAND_GC_THRESHOLD = 50_000


def main() -> NoReturn:
    gc.set_threshold(COMMAND_GC_THRESHOLD, *gc.get_threshold()[1:])
    from checker.cli import main as run

    try:
        run()
    except SystemExit as exit_:
        leave(exit_.code)


def leave(status: str | int | None) -> NoReturn:
    """End the process with `status` (a SystemExit's code) without tearing the interpreter down.

    Freeing every module, pattern and page one object at a time cost 12-15 ms of a one-file
    check's ~240 ms (issue 14); the operating system takes the memory back at once. mypy ends
    its runs the same way (its "fast exit"). What a normal exit does that matters is kept:
    the atexit handlers run (multiprocessing's, logging's, weakref finalizers) and the standard
    streams are flushed. Every file syndicheck writes is closed by a `with` block before this.
    With another thread alive, or a stream that cannot be flushed (a closed pipe), the exit is
    the interpreter's own, which joins the threads and reports the stream as it always has.
    """
    if threading.active_count() > 1:
        sys.exit(status)
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        sys.exit(status)
    os._exit(_exit_code(status))


def _exit_code(status: str | int | None) -> int:
    """The code `sys.exit(status)` would end with (it prints a message given instead)."""
    if status is None:
        return 0
    if isinstance(status, int):
        return status & 0xFF
    print(status, file=sys.stderr, flush=True)
    return 1


# Worker processes that spawn (macOS, Windows) import this module; only the CLI runs main.
if __name__ == "__main__":
    main()
