"""Regular expressions from rule packs: compiled once, matched with a time bound.

A pack is written by a user and the text it is matched against by whoever wrote the article,
so a pattern such as `(a+)+$` must not be able to hang CI on a line of "aaaa…b". Python's
`re` cannot be interrupted; the `regex` module takes a `timeout` on every match. Each rule
gets `BUDGET` seconds of matching per article in total (the engine opens a `budget` around the
rule); outside a budget each match gets that much on its own. Running out raises
`PatternTimeout`, which the engine turns into a finding that names the pattern and the rule.

Patterns match case-insensitively, as they always have in packs.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

import regex

from checker.errors import CheckerError

__all__ = ["BUDGET", "PatternTimeout", "budget", "compile_pattern", "search", "search_any"]

BUDGET = 1.0  # seconds of matching per rule and article
_FLAGS = regex.IGNORECASE | regex.VERSION0  # VERSION0: the `re`-compatible syntax packs use
_remaining: ContextVar[list[float] | None] = ContextVar("pattern_budget", default=None)


class PatternTimeout(CheckerError):
    """A user pattern ran out of matching time; the engine reports it and skips the rule.

    A CheckerError so that, should one ever escape the engine, it is one line and exit 2.
    """

    def __init__(self, pattern: str, seconds: float) -> None:
        super().__init__(None, f"pattern {pattern!r} took longer than {seconds:g} s")
        self.pattern = pattern
        self.seconds = seconds


@lru_cache(maxsize=1024)
def compile_pattern(pattern: str) -> regex.Pattern[str]:
    """Compile once per process: packs call this when they load, checks hit the cache.

    Raises `regex.error` for a bad pattern; the pack loader names the file and the rule.
    """
    return regex.compile(pattern, _FLAGS)


@contextmanager
def budget(seconds: float = BUDGET) -> Iterator[None]:
    """Share `seconds` of matching among every `search` made inside the block."""
    token = _remaining.set([seconds])
    try:
        yield
    finally:
        _remaining.reset(token)


def search(pattern: str, text: str) -> regex.Match[str] | None:
    """`pattern` searched in `text` within the time left; PatternTimeout when it runs out."""
    compiled = compile_pattern(pattern)
    cell = _remaining.get()
    allowed = BUDGET if cell is None else cell[0]
    if allowed <= 0:
        raise PatternTimeout(pattern, BUDGET)
    start = time.perf_counter()
    try:
        return compiled.search(text, timeout=allowed)
    except TimeoutError:
        raise PatternTimeout(pattern, BUDGET) from None
    finally:
        if cell is not None:
            cell[0] -= time.perf_counter() - start


def search_any(patterns: Iterable[str], text: str) -> bool:
    return any(search(pattern, text) is not None for pattern in patterns)
