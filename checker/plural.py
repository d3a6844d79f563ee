"""Counts in words: "1 error", "2 errors", "1 passage", "0 articles"."""

from __future__ import annotations

# Words whose plural is not the word plus "s"; "info" is a level name and stays as it is.
_IRREGULAR = {"info": "info", "entry": "entries", "summary": "summaries"}


def plural(count: int, word: str) -> str:
    many = _IRREGULAR.get(word, word + "s")
    return f"{count:,} {word if count == 1 else many}"


__all__ = ["plural"]
