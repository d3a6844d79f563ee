"""The one exception family for user errors: each carries the file and the problem.

The CLI catches `CheckerError` once and turns it into one line on stderr and exit code 2.
Anything else escaping is a bug in syndicheck, not in the user's input.
"""

from __future__ import annotations


class CheckerError(Exception):
    """A problem with what the user gave us (a file, a pack, an option)."""

    def __init__(self, path: str | None, problem: str) -> None:
        super().__init__(f"{path}: {problem}" if path else problem)
        self.path = path
        self.problem = problem

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}" if self.path else self.problem


class InputError(CheckerError):
    """An article or source that cannot be read or understood."""


class PackError(CheckerError):
    """A rule pack that cannot be found, parsed or validated."""


class UsageError(CheckerError):
    """Options that do not fit together."""
