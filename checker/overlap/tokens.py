"""Words and where they are, normalised so that republisher edits do not matter.

A word is a run of letters and digits; everything else (whitespace, punctuation, quotes of any
style, dashes of any length) only separates words. That one rule is what makes the alignment
blind to case, whitespace, quote and dash styles and punctuation: none of them survive here.
Letters are case-folded and stripped of accents ("Café" and "cafe" are one word).

Tokenising is a large part of the cost of a pair, so the common cases run no Python code per
character or per word: the text becomes bytes with one byte per character in which every
separator is a space, lower-cased by `bytes.translate` and split in C, and character offsets
are only worked out for the few words that start or end a passage (byte offsets are character
offsets). There are three routes to those bytes:
- ASCII text, and text whose only other characters are no-break spaces and the quotes, dashes
  and ellipses of U+2000-U+203F (most news): its own ASCII or UTF-8 bytes, each of those
  characters cut down to one byte;
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
# and nothing else contains them: deleting them leaves one byte (0x80-0xBF, a separator) per
# character. The UTF-8 of U+00A0 (no-break space) is the other pair.
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

    __slots__ = ("_folded", "_spans", "tokens")

    def __init__(
        self,
        tokens: list[bytes],
        spans: tuple[list[int], list[int]] | None = None,
        folded: bytes = b"",
    ) -> None:
        self.tokens = tokens
        self._spans = spans
        # The text as bytes, one byte per character, with every separator a space.
        self._folded = folded

    def __len__(self) -> int:
        return len(self.tokens)

    def spans(self, indices: Iterable[int]) -> dict[int, tuple[int, int]]:
        """Character spans (start, end) of the words at `indices`."""
        if self._spans is not None:
            starts, ends = self._spans
            return {i: (starts[i], ends[i]) for i in indices}
        tokens, count, join = self.tokens, self._folded.count, b"".join
        out: dict[int, tuple[int, int]] = {}
        done = end = 0  # words before `done` end at or before offset `end`
        # Walk the wanted words in order. Word i ends where the letters of words done..i (their
        # joined length) and the spaces among them fit: count the spaces (in C) up to a first
        # guess and move the guess on until the count stops growing. No word object is made,
        # whatever the distance, and a long passage costs a few calls, not one per word.
        for i in sorted(set(indices)):
            letters = len(join(tokens[done : i + 1]))
            # At least one space between two words: this guess is at or before the end.
            guess = end + letters + i - done
            spaces = count(b" ", end, guess)
            while (reach := end + letters + spaces) != guess:
                spaces += count(b" ", guess, reach)
                guess = reach
            out[i] = (guess - len(tokens[i]), guess)
            done, end = i + 1, guess
        return out


def words(text: str) -> Words:
    """Split `text` into normalised words, keeping the way back to character offsets."""
    if text.isascii():
        folded = text.encode("ascii").translate(_FOLD)
        return Words(folded.split(), folded=folded)
    raw = text.encode("utf-8", "surrogatepass")
    extra = len(raw) - len(text)  # bytes beyond one per character
    dashes = 2 * raw.count(_PUNCT_2000)
    if extra == dashes:
        folded = raw.replace(_PUNCT_2000, b"").translate(_FOLD)
    elif extra == dashes + raw.count(_NBSP):
        folded = raw.replace(_NBSP, b" ").replace(_PUNCT_2000, b"").translate(_FOLD)
    else:
        return _other_words(text)
    return Words(folded.split(), folded=folded)


def _other_words(text: str) -> Words:
    """Text with other punctuation, or with letters beyond ASCII."""
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
