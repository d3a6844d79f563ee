"""Run a few lines of Python in a fresh interpreter and return the last line it prints.

For what only a new process shows: which modules an import pulls in, which patterns a call
compiles, what a worker's start leaves behind.
"""

from __future__ import annotations

import subprocess
import sys


def last_line(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return done.stdout.splitlines()[-1]
