"""Writing reports: atomically, and never over an input file."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from checker.errors import UsageError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_report(path: str, text: str, inputs: Iterable[str] = ()) -> None:
    target = Path(path)
    try:
        resolved = target.resolve()
        if any(Path(p).resolve() == resolved for p in inputs if p):
            raise UsageError(path, "the output file is one of the inputs; choose another path")
    except OSError as exc:
        raise UsageError(path, f"cannot use this output path: {exc.strerror or exc}") from None
    if target.is_dir():
        raise UsageError(path, "the output path is a directory")
    directory = target.parent if str(target.parent) else Path(".")
    import tempfile  # only when a report is written to a file (start-up time of the rest)

    try:
        directory.mkdir(parents=True, exist_ok=True)
        # Write beside the target, then rename: a reader never sees half a report.
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
        try:
            # mkstemp makes the file private (0600); a report gets the usual mode.
            os.chmod(tmp, 0o666 & ~_umask())
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise UsageError(path, f"cannot write the report: {exc.strerror or exc}") from None
