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
- letters without a one-letter ASCII form (Greek, CJK, "ß"): the same bytes with such a letter
  marked, and only the words that hold a marked letter normalised one by one (one "ß" in an
  English text costs one word, not the whole text); a text that holds the marker byte itself
  takes the general route, a regex over the text and Unicode normalisation per word.
All give the same words and offsets for the same text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from checker.lazy_pattern import LazyPattern

# `[^\W_]` is `\w` without the underscore: "snake_case" is two words, as a reader sees it.
_WORD = LazyPattern(r"[^\W_]+")
# Punctuation outside ASCII that web text is full of (curly quotes, dashes, ellipsis, no-break
# spaces, bullets, guillemets, primes, and the C1 controls that cp1252 text decoded as Latin-1
# leaves behind), replaced by spaces before anything else looks at the text.
_COMMON_PUNCT = LazyPattern(
    "[\u0080-\u00a0\u00ab\u00bb\u2010-\u2015\u2018-\u201f\u2022\u2026\u2032\u2033\u202f\u2039\u203a]"
)
_NON_ASCII = LazyPattern(r"[^\x00-\x7f]")
# The UTF-8 of every character in U+2000-U+203F (all separators) starts with these two bytes,
# and nothing else contains them: deleting them leaves one byte (0x80-0xBF, a separator) per
# character. The UTF-8 of U+00A0 (no-break space) is the other pair.
_PUNCT_2000 = b"\xe2\x80"
_NBSP = b"\xc2\xa0"
# Byte table: ASCII letters to lower case, digits kept, every other byte to a space.
_FOLD = bytes(
    (c | 0x20) if chr(c).isalpha() else c if chr(c).isdigit() else 0x20 for c in range(128)
) + (b" " * 128)
# A letter with no one-letter ASCII form becomes this byte, which the table below keeps (as a
# letter of its word): the words holding it are then normalised one by one.
_MARK = "\x01"
_FOLD_MARKED = _FOLD[:1] + _MARK.encode() + _FOLD[2:]


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

    __slots__ = ("_folded", "_folded_tokens", "_index", "_spans", "tokens")

    def __init__(
        self,
        tokens: list[bytes],
        spans: tuple[list[int], list[int]] | None = None,
        folded: bytes = b"",
        folded_tokens: list[bytes] | None = None,
        index: list[int] | None = None,
    ) -> None:
        self.tokens = tokens
        self._spans = spans
        # The text as bytes, one byte per character, with every separator a space.
        self._folded = folded
        # When some words were normalised one by one: the words of `folded` as they are there,
        # and for each token the word of `folded` it came from (None: the same index).
        self._folded_tokens = folded_tokens
        self._index = index

    def __len__(self) -> int:
        return len(self.tokens)

    def spans(self, indices: Iterable[int]) -> dict[int, tuple[int, int]]:
        """Character spans (start, end) of the words at `indices`."""
        if self._spans is not None:
            starts, ends = self._spans
            return {i: (starts[i], ends[i]) for i in indices}
        if self._folded_tokens is None:
            return _folded_spans(self.tokens, self._folded, indices)
        if self._index is None:
            return _folded_spans(self._folded_tokens, self._folded, indices)
        wanted = {i: self._index[i] for i in indices}
        found = _folded_spans(self._folded_tokens, self._folded, wanted.values())
        return {i: found[word] for i, word in wanted.items()}


def _folded_spans(
    tokens: list[bytes], folded: bytes, indices: Iterable[int]
) -> dict[int, tuple[int, int]]:
    """Character spans of the words at `indices` of `folded` (one byte per character)."""
    count, join = folded.count, b"".join
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
    if text.isascii():
        folded = text.encode("ascii").translate(_FOLD)
        return Words(folded.split(), folded=folded)
    replacements = {char: _one_ascii(char) for char in set(_NON_ASCII.findall(text))}
    unfoldable = [char for char, one in replacements.items() if one is None]
    if unfoldable and (_MARK in text or sum(map(text.count, unfoldable)) * 50 > len(text)):
        # Mostly another script (word by word from the start is then the cheaper way), or
        # the marker itself in the text, where it would be mistaken for a marked letter.
        return _exact_words(text)
    table = {char: _MARK if one is None else one for char, one in replacements.items()}
    mapped = _NON_ASCII.sub(lambda match: table[match.group()], text).encode("ascii")
    if not unfoldable:
        folded = mapped.translate(_FOLD)
        return Words(folded.split(), folded=folded)
    return _marked_words(text, mapped.translate(_FOLD_MARKED))


def _marked_words(text: str, folded: bytes) -> Words:
    """The folded words, with each word that holds a marked letter normalised as the general
    route does it (from the text's own characters); a word may become several or none."""
    mark = _MARK.encode()
    plain = folded.split()
    tokens = list(plain)
    changed: dict[int, list[bytes]] = {}
    cache: dict[str, list[bytes]] = {}
    # Find the marked words from the marks (in C), counting the words between them by
    # splitting only those stretches: no Python code runs per unmarked word.
    before = last = 0
    pos = folded.find(mark)
    while pos >= 0:
        start = folded.rfind(b" ", 0, pos) + 1
        end = folded.find(b" ", pos)
        end = len(folded) if end < 0 else end
        before += len(folded[last:start].split())
        word = text[start:end]  # one byte per character: byte offsets are character offsets
        parts = cache.get(word)
        if parts is None:
            parts = cache[word] = [p.encode() for p in _WORD.findall(normalise(word))]
        if len(parts) == 1:
            tokens[before] = parts[0]
        else:
            changed[before] = parts
        before, last = before + 1, end
        pos = folded.find(mark, end)
    if not changed:
        return Words(tokens, folded=folded, folded_tokens=plain)
    # Normalising split a word ("½" is "1⁄2") or left nothing of it: every part keeps the
    # span of the word it came from, as in the general route.
    final: list[bytes] = []
    index: list[int] = []
    for i, token in enumerate(tokens):
        parts = changed.get(i, [token])
        final.extend(parts)
        index.extend([i] * len(parts))
    return Words(final, folded=folded, folded_tokens=plain, index=index)


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
