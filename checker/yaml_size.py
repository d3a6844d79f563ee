"""How big a loaded YAML value really is once its aliases are followed.

Safe loading stops YAML from running code, not from "billion laughs": nine lines of anchors
and aliases load as a few shared lists, but anything that walks, prints or copies the value
(front matter made JSON-safe, a pack parameter in an error message) expands it to 10^9 items.
Front matter and packs are measured with aliases expanded, up to a limit, before any use.
"""

from __future__ import annotations

from typing import Any

MAX_VALUES = 100_000  # generous: real front matter and packs hold tens to hundreds


def expands_within(value: Any, limit: int = MAX_VALUES) -> bool:
    """True if `value` holds at most `limit` values with every alias (and cycle) followed."""
    stack = [value]
    count = 0
    while stack:
        item = stack.pop()
        count += 1
        if count > limit:
            return False
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            stack.extend(item)
    return True
