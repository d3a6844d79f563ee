"""The registry of check kinds: every module here that defines `CHECK` is registered by name.

Adding a check kind means adding one module; nothing else in the package changes.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil

from checker.checks.base import CheckKind, Hit, Source

__all__ = ["CheckKind", "Hit", "Source", "all_checks", "get_check"]


@functools.cache
def all_checks() -> dict[str, CheckKind]:
    registry: dict[str, CheckKind] = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        kind = getattr(module, "CHECK", None)
        if isinstance(kind, CheckKind):
            registry[kind.name] = kind
    return dict(sorted(registry.items()))


def get_check(name: str) -> CheckKind | None:
    return all_checks().get(name)
