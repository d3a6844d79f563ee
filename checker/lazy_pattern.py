"""Regular expressions, and sets of literals, compiled on first use instead of at import.

The loaders and checks hold a few hundred module-level patterns; compiling them all at import
cost a one-file `syndicheck check` about 90 ms of its start-up (issue 14), although a given
page needs only some of them. `LazyPattern` has the methods of `re.Pattern` that the code
uses; the first call compiles the pattern and puts the compiled pattern's own bound methods
on the instance, so later calls go straight to them (no wrapper on a hot path).

The standard library has no lazy compile (`re`'s cache only spares a second compile), hence
this small class.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ahocorasick_rs import AhoCorasick

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "split")


class LazyPattern:
    """`re.compile(pattern, flags)`, done when a method is first called."""

    def __init__(self, pattern: str, flags: int | re.RegexFlag = 0) -> None:
        self.pattern = pattern
        self.flags = flags

    def compiled(self) -> re.Pattern[str]:
        compiled = re.compile(self.pattern, self.flags)
        for name in _METHODS:  # instance attributes win over these methods from now on
            setattr(self, name, getattr(compiled, name))
        self.compiled = lambda: compiled  # type: ignore[method-assign]
        return compiled

    def search(self, string: str, *args: int) -> re.Match[str] | None:
        return self.compiled().search(string, *args)

    def match(self, string: str, *args: int) -> re.Match[str] | None:
        return self.compiled().match(string, *args)

    def fullmatch(self, string: str, *args: int) -> re.Match[str] | None:
        return self.compiled().fullmatch(string, *args)

    def finditer(self, string: str, *args: int) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(string, *args)

    def findall(self, string: str, *args: int) -> list[Any]:
        return self.compiled().findall(string, *args)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self.compiled().sub(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        return self.compiled().split(string, maxsplit)


class LazyLiterals:
    """Whether any of some literal strings is in a text: `any(s in text for s in literals)`.

    With one Aho-Corasick automaton (ahocorasick-rs), built on the first call: the text is
    scanned once however many literals there are, where an `in` test per literal scans it once
    each (the credit literals, the agencies' names and the tracker hosts are tested on every
    caption, text and script of a page). The automaton reports a match wherever one of its
    literals occurs, so "no match" is "none is in the text".
    """

    def __init__(self, literals: Iterable[str]) -> None:
        self.literals = tuple(literals)
        self._automaton: AhoCorasick | None = None

    def found_in(self, text: str) -> bool:
        automaton = self._automaton
        if automaton is None:
            from ahocorasick_rs import AhoCorasick  # a compiled module: imported on first use too

            automaton = self._automaton = AhoCorasick(list(self.literals))
        return bool(automaton.find_matches_as_indexes(text))


__all__ = ["LazyLiterals", "LazyPattern"]
