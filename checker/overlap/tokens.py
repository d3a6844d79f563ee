"""Words and where they are, normalised so that republisher edits do not matter.

A word is a run of letters and digits; everything else (whitespace, punctuation, quotes of any
style, dashes of any length) only separates words. That one rule is what makes the alignment
blind to case, whitespace, quote and dash styles and punctuation: none of them survive here.
Letters are case-folded and stripped of accents ("Café" and "cafe" are one word).

Tokenising is a large part of the cost of a pair, so the common cases run no Python code per
character or per word: the text becomes bytes in which every separator is a space, lower-cased
by `bytes.translate` and split in C, and character offsets are only worked out for the few
words that start or end a passage. There are three routes to those bytes:
- ASCII text, and text whose only other characters are no-break spaces and the quotes, dashes
  and ellipses of U+2000-U+203F (most news): its own ASCII or UTF-8 bytes;
- text with other punctuation, or letters that fold to one ASCII letter ("é"): mapped one
  character for one;
- anything else (Greek, CJK, "ß"): a regex over the text and Unicode normalisation per word.
All three give the same words for the same text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

# `[^\W_]` is `\w` without the underscore: "snake_case" is two words, as a reader sees it.
_WORD = re.compile(r"[^\W_]+")
# Punctuation outside ASCII that web text is full of (curly quotes, dashes, ellipsis, no-break
# spaces, bullets, guillemets, primes, and the C1 controls that cp1252 text decoded as Latin-1
# leaves behind), replaced by spaces before anything else looks at the text.
_COMMON_PUNCT = re.compile(
    "[\u0080-\u00a0\u00ab\u00bb\u2010-\u2015\u2018-\u201f\u2022\u2026\u2032\u2033\u202f\u2039\u203a]"
)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# The UTF-8 of every character in U+2000-U+203F (all separators) starts with these two bytes,
# and nothing else contains them; the UTF-8 of U+00A0 (no-break space) is the other pair.
_PUNCT_2000 = b"\xe2\x80"
_NBSP = b"\xc2\xa0"
# Byte table: ASCII letters to lower case, digits kept, every other byte to a space.
_FOLD = bytes(
    (c | 0x20) if chr(c).isalpha() else c if chr(c).isdigit() else 0x20 for c in range(128)
) + (b" " * 128)


def normalise(word: str) -> str:
    """Fold case, compatibility forms (full-width, ligatures) and accents ("café" == "cafe")."""
    folded = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


@lru_cache(maxsize=4096)
def _one_ascii(char: str) -> str | None:
    """The single ASCII character standing for a non-ASCII one, or None if there is none."""
    if not char.isalnum():
        return " "
    folded = normalise(char)
    if len(folded) == 1 and folded.isascii() and folded.isalnum():
        return folded
    return None


class Words:
    """A text's normalised words (as bytes) and the character span of each in the text."""

    __slots__ = ("_folded", "_raw", "_spans", "tokens")

    def __init__(
        self,
        tokens: list[bytes],
        spans: tuple[list[int], list[int]] | None = None,
        folded: bytes = b"",
        raw: bytes = b"",
    ) -> None:
        self.tokens = tokens
        self._spans = spans
        # The text as bytes with every separator a space: one byte per character, or the
        # text's UTF-8 (`raw`) when its only characters outside ASCII are those of _PUNCT_2000
        # (3 bytes each) and _NBSP (2 bytes).
        self._folded = folded
        self._raw = raw

    def __len__(self) -> int:
        return len(self.tokens)

    def spans(self, indices: Iterable[int]) -> dict[int, tuple[int, int]]:
        """Character spans (start, end) of the words at `indices`."""
        if self._spans is not None:
            starts, ends = self._spans
            return {i: (starts[i], ends[i]) for i in indices}
        # Walk the wanted words in order; from the start of word `done`, splitting off
        # `i - done` words (in C) leaves a rest that starts at word i, and the length of that
        # rest gives the offset. Each stretch of text is split about once.
        folded, tokens, raw = self._folded, self.tokens, self._raw
        size = len(folded)
        out: dict[int, tuple[int, int]] = {}
        done, pos = 0, size - len(folded.lstrip())
        extra = counted = 0  # bytes beyond one per character before byte `counted`
        for i in sorted(set(indices)):
            if i > done:
                pos = _skip_words(folded, pos, i - done)
                done = i
            if raw:
                extra += 2 * raw.count(_PUNCT_2000, counted, pos) + raw.count(_NBSP, counted, pos)
                counted = pos
            out[i] = (pos - extra, pos - extra + len(tokens[i]))
        return out


def _skip_words(folded: bytes, pos: int, count: int) -> int:
    """The offset of the word `count` words after the one starting at `pos`."""
    # Split a window, not the rest of the text: copying the rest for every passage would make
    # long texts quadratic. The window doubles until it holds the word sought.
    width = 16 * count + 64
    while True:
        window = folded[pos : pos + width]
        parts = window.split(None, count)
        if len(parts) > count:  # the last part (the rest) starts at the word sought
            return pos + len(window) - len(parts[-1])
        width *= 2


def words(text: str) -> Words:
    """Split `text` into normalised words, keeping the way back to character offsets."""
    if text.isascii():
        folded = text.encode("ascii").translate(_FOLD)
        return Words(folded.split(), folded=folded)
    raw = text.encode("utf-8", "surrogatepass")
    if len(raw) - len(text) == 2 * raw.count(_PUNCT_2000) + raw.count(_NBSP):
        folded = raw.translate(_FOLD)
        return Words(folded.split(), folded=folded, raw=raw)
    text = _COMMON_PUNCT.sub(" ", text)
    if not text.isascii():
        mapped = _fold_rest(text)
        if mapped is None:
            return _exact_words(text)
        text = mapped
    folded = text.encode("ascii").translate(_FOLD)
    return Words(folded.split(), folded=folded)


def _fold_rest(text: str) -> str | None:
    """Replace the remaining non-ASCII characters one for one, or None if one cannot be."""
    replacements = {}
    for char in set(_NON_ASCII.findall(text)):
        one = _one_ascii(char)
        if one is None:
            return None
        replacements[char] = one
    return _NON_ASCII.sub(lambda match: replacements[match.group()], text)


def _exact_words(text: str) -> Words:
    """The general route: a regex over the text and full Unicode normalisation per word."""
    tokens: list[bytes] = []
    starts: list[int] = []
    ends: list[int] = []
    cache: dict[str, list[bytes]] = {}
    for match in _WORD.finditer(text):
        raw = match.group()
        parts = cache.get(raw)
        if parts is None:
            # Normalising can split a word ("½" becomes "1⁄2") but never joins two; every
            # part keeps the span of the word it came from.
            parts = [p.encode() for p in _WORD.findall(normalise(raw))]
            cache[raw] = parts
        for part in parts:
            tokens.append(part)
            starts.append(match.start())
            ends.append(match.end())
    return Words(tokens, spans=(starts, ends))
