"""The command's entry point: `syndicheck` and `python -m checker`."""

from __future__ import annotations

import gc
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

    run()


# Worker processes that spawn (macOS, Windows) import this module; only the CLI runs main.
if __name__ == "__main__":
    main()
