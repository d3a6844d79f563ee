"""Small text helpers shared by checks: sentences, name variants, fuzzy name search."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checker.lazy_pattern import LazyPattern

# A sentence ends at . ! ? (or a colon followed by a line break) followed by space and a capital,
# digit or quote; abbreviations like "U.S." stay inside because a lower-case letter or
# another dot follows.
_SENTENCE_END = LazyPattern(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(\[A-Z0-9À-ÖØ-ÞА-Я])")
_WORD = LazyPattern(r"\w+(?:[’'&.-]\w+)*", re.UNICODE)
_TRAILING_WORDS = LazyPattern(r"\s+(news|inc\.?|ltd\.?|llc|plc|\.com|online|digital)$", re.I)


def sentences(text: str) -> Iterator[tuple[int, str]]:
    """(offset, sentence) pairs; offsets index into `text`."""
    start = 0
    for match in _SENTENCE_END.finditer(text):
        piece = text[start : match.start()]
        if piece.strip():
            yield start, piece
        start = match.end()
    if text[start:].strip():
        yield start, text[start:]


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def name_variants(name: str, aliases: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Forms under which a publisher is credited: "The Conversation" also as "Conversation"."""
    variants: list[str] = []
    for candidate in (name, *aliases):
        candidate = " ".join(candidate.split())
        if not candidate:
            continue
        variants.append(candidate)
        bare = re.sub(r"^the\s+", "", candidate, flags=re.I)
        variants.append(bare)
        variants.append(_TRAILING_WORDS.sub("", bare))
    seen: dict[str, None] = {}
    for variant in variants:
        if variant and variant.lower() not in seen:
            seen[variant.lower()] = None
    return tuple(seen)


def name_pattern(variants: tuple[str, ...]) -> re.Pattern[str]:
    """Whole-word, case-insensitive, white-space tolerant match of any variant."""
    alternatives = sorted(
        (r"\s+".join(re.escape(part) for part in v.split()) for v in variants),
        key=len,
        reverse=True,
    )
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.I)


def near_miss(text: str, name: str, threshold: float) -> str | None:
    """A run of words in `text` that looks like `name` misspelt ("Bloombreg"), or None."""
    # Imported here: only a check that found no credit looks for a misspelt name, and
    # rapidfuzz's import is a noticeable part of a one-file check's start-up.
    from rapidfuzz import fuzz

    target = name.lower()
    size = max(1, len(name.split()))
    tokens = words(text)
    for width in {size, max(1, size - 1), size + 1}:
        for i in range(len(tokens) - width + 1):
            candidate = " ".join(tokens[i : i + width])
            lowered = candidate.lower()
            if lowered == target or len(lowered) < 3:
                continue
            if fuzz.ratio(lowered, target) >= threshold:
                return candidate
    return None


def shorten(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
