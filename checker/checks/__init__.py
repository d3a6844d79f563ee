"""The registry of check kinds: one explicit table, as pre-commit's `all_languages.py`.

Adding a check kind means adding its module and one line here; nothing else in the package
changes. An explicit table, rather than discovering modules, keeps what runs visible and lets
modules that are not kinds live elsewhere (`checker.check_support`).

The table names each kind's module, which is imported when the kind is first looked up: a
pack uses a handful of the sixteen kinds, and importing the others (their patterns, fuzzy
matching, dataclasses) was part of every one-file check's start-up (issue 14).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, MutableMapping

from checker.checks.base import CheckKind, Hit, Source

__all__ = ["KINDS", "CheckKind", "Hit", "Source", "all_checks", "get_check", "kind_names"]

# Kind name -> the module in checker.checks whose CHECK it is.
MODULES = {
    "byline": "byline",
    "canonical": "canonical",
    "completeness": "completeness",
    "embargo": "embargo",
    "fidelity": "fidelity",
    "headline": "headline",
    "image-credit": "image_credit",
    "image-metadata": "image_metadata",
    "image-rights": "image_rights",
    "licence-notice": "licence_notice",
    "link-back": "link_back",
    "links-kept": "links_kept",
    "original-link": "original_link",
    "source-credit": "source_credit",
    "text-overlap": "text_overlap",
    "tracker": "tracker",
}


class _Registry(MutableMapping[str, CheckKind]):
    """A dict of the kinds whose names are known at once and whose modules load on lookup.

    Written here because neither the standard library nor importlib has a lazily filled
    mapping; PEP 562 covers module attributes, not the entries of a table.
    """

    def __init__(self, modules: dict[str, str]) -> None:
        self._modules = modules
        self._loaded: dict[str, CheckKind] = {}

    def __getitem__(self, name: str) -> CheckKind:
        kind = self._loaded.get(name)
        if kind is None:
            module = importlib.import_module(f"checker.checks.{self._modules[name]}")
            kind = self._loaded[name] = module.CHECK
        return kind

    def __setitem__(self, name: str, kind: CheckKind) -> None:  # tests put a broken kind in
        self._modules.setdefault(name, name)
        self._loaded[name] = kind

    def __delitem__(self, name: str) -> None:
        del self._modules[name]
        self._loaded.pop(name, None)

    def __contains__(self, name: object) -> bool:
        return name in self._modules  # no import: a pack's check names are tested this way

    def __iter__(self) -> Iterator[str]:
        return iter(self._modules)

    def __len__(self) -> int:
        return len(self._modules)


KINDS: MutableMapping[str, CheckKind] = _Registry(dict(MODULES))


def all_checks() -> dict[str, CheckKind]:
    """Every kind, sorted by name (imports them all: for listings and tests)."""
    return {name: KINDS[name] for name in sorted(KINDS)}


def kind_names() -> list[str]:
    """The kinds' names, sorted, without importing them."""
    return sorted(KINDS)


def get_check(name: str) -> CheckKind | None:
    return KINDS.get(name)
