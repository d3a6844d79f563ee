"""LazyPattern and LazyLiterals: compiled on first use, answering as `re.compile` and `in` would
(issue 14)."""

from __future__ import annotations

import importlib
import pkgutil
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import checker
from checker.lazy_pattern import LazyLiterals, LazyPattern

TEXT = "Photo: Jane Doe / AP. Photo: John Roe / Reuters."
PATTERN = r"Photo:\s+(\w+) (\w+)"


def _calls(pattern: LazyPattern | re.Pattern[str]) -> list[object]:
    return [
        [m.span() for m in [pattern.search(TEXT)] if m],
        [m.groups() for m in [pattern.search(TEXT, 10)] if m],
        pattern.match(TEXT) is not None,
        pattern.fullmatch(TEXT) is not None,
        [m.group(2) for m in pattern.finditer(TEXT)],
        pattern.findall(TEXT),
        pattern.sub(r"\2", TEXT),
        pattern.sub(lambda m: m.group(1).upper(), TEXT, 1),
        pattern.split(TEXT),
    ]


def test_answers_as_the_compiled_pattern_before_and_after_compiling() -> None:
    lazy = LazyPattern(PATTERN, re.I)
    expected = _calls(re.compile(PATTERN, re.I))
    assert _calls(lazy) == expected  # the first call compiles
    assert _calls(lazy) == expected  # later calls go to the compiled pattern's methods
    assert lazy.compiled() is lazy.compiled()


def test_a_bad_pattern_fails_on_first_use_not_at_construction() -> None:
    lazy = LazyPattern(r"(unclosed")
    with pytest.raises(re.error):
        lazy.search("text")


def test_every_lazy_pattern_in_the_package_compiles() -> None:
    # Compiling at import used to prove every pattern valid as soon as a module loaded; this
    # keeps that guarantee for the patterns now compiled on use.
    # Tuples are searched too, nested ones included (credit_in's (test, pattern) pairs).
    def patterns(value: object) -> list[LazyPattern]:
        if isinstance(value, tuple):
            return [pattern for item in value for pattern in patterns(item)]
        return [value] if isinstance(value, LazyPattern) else []

    found = 0
    for info in pkgutil.walk_packages(checker.__path__, "checker."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            for item in patterns(value):
                item.compiled()
                found += 1
    assert found > 100


@given(
    st.lists(st.text(alphabet="abé.", min_size=1, max_size=4), min_size=1, max_size=6),
    st.text(alphabet="abé. ", max_size=40),
)
def test_lazy_literals_say_what_an_in_test_per_literal_says(literals: list[str], text: str) -> None:
    found = LazyLiterals(literals)
    # Twice: the first call builds the automaton, the second goes straight to it.
    expected = any(literal in text for literal in literals)
    assert found.found_in(text) == expected
    assert found.found_in(text + "!") == expected


def test_lazy_literals_build_their_automaton_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Also when the method was taken before its first call (`find = literals.found_in`)."""
    import ahocorasick_rs

    built: list[object] = []
    real = ahocorasick_rs.AhoCorasick

    def counted(*args: Any, **kwargs: Any) -> Any:
        built.append(real(*args, **kwargs))
        return built[-1]

    monkeypatch.setattr(ahocorasick_rs, "AhoCorasick", counted)
    find = LazyLiterals(["credit", "photo"]).found_in
    assert [find("Photo credit: AP"), find("no such word"), find("a photo")] == [True, False, True]
    assert len(built) == 1
