"""Word tokens, style normalisation and the edits no-derivatives terms still allow.

ProPublica and The Conversation allow edits "to reflect relative changes in time, location and
editorial style" ("yesterday" -> "last week", "Portland, Ore." -> "Portland" or "here"). Style
differences (quotes, dashes, "per cent" and "%", "nine" and "9", "1,000" and "1000", British and
American spelling, serial commas, letter case) never reach the diff: tokens are compared by a
normalised key. Time and place edits are the diff's changed spans whose words all fall in the
vocabularies below. Not a library's job: no package knows these newsroom rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from checker.document import Block
from checker.lazy_pattern import LazyPattern
from checker.text import sentences

_TOKEN = LazyPattern(r"\w+(?:[.'’,]\w+)*|[%&]")


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_NUMBERS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen",
    "fifteen sixteen seventeen eighteen nineteen twenty",
)
_SAME = {
    **{word: str(value) for value, word in enumerate(" ".join(_NUMBERS).split())},
    "%": "percent",
    "&": "and",
    "january": "jan", "february": "feb", "march": "mar", "april": "apr", "june": "jun",
    "july": "jul", "august": "aug", "september": "sep", "sept": "sep", "october": "oct",
    "november": "nov", "december": "dec",
    "sen": "senator", "rep": "representative", "gov": "governor", "gen": "general",
    "dept": "department", "mt": "mount", "ft": "fort", "st": "saint", "okay": "ok",
    "licence": "license", "defence": "defense", "offence": "offense", "practise": "practice",
}  # fmt: skip
_SPELLING = (
    (LazyPattern(r"(?<=\w{2})is(e|ed|es|ing|ation|ations)$"), r"iz\1"),
    (LazyPattern(r"(?<=\w{2})our(s|ed|ing|able|ite|ites)?$"), r"or\1"),
    (LazyPattern(r"(?<=\w{2})tre(s)?$"), r"ter\1"),
    (LazyPattern(r"(?<=\w{2})ogue(s)?$"), r"og\1"),
    (LazyPattern(r"(?<=[aeiou][a-z])ll(ed|ing|er|ers)$"), r"l\1"),
)
TIME_WORDS = _set(
    """yesterday today tonight tomorrow now currently recently previously week weeks weekend
    weekends month months year years day days morning mornings afternoon evening night hour
    hours decade ago monday tuesday wednesday thursday friday saturday sunday jan feb mar apr
    may jun jul aug sep oct nov dec spring summer fall autumn winter midday midnight noon
    overnight"""
)
TIME_GLUE = _set(
    "on in at the of a during since until this that last next earlier later early late mid "
    "past coming following previous same"
)
_STATES = """alabama alaska arizona arkansas california colorado connecticut delaware florida
georgia hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts
michigan minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania
tennessee texas utah vermont virginia washington wisconsin wyoming ala ariz ark calif colo conn
del fla ga ill ind kan ky la md mass mich minn miss mo mont neb nev nh nj nm ny nc nd okla ore pa
ri sc sd tenn vt va wash wva wis wyo dc us usa uk england scotland wales australia canada"""
PLACE_WORDS = _set(_STATES) | {"new", "north", "south", "west", "rhode", "island"}
PLACE_GLUE = _set("in at the of from near our this")
HERE_WORDS = _set("here there locally nearby city town state county area region community")
_STOP = _set(
    "the a an and or but he she it they we i you his her their its this that these those "
    "in on at of for to by with from as is was are were be"
)


EDIT_KINDS = frozenset({"time", "place"})


@dataclass(frozen=True)
class Token:
    key: str  # the normalised form compared
    text: str  # as written
    start: int  # offset in the text the token came from
    end: int
    sentence: int  # index of its sentence in the side's sentence list


@lru_cache(maxsize=65536)  # words repeat: a long article has a few thousand distinct ones
def key_of(word: str) -> str:
    word = word.casefold().replace("’", "'").rstrip(".")
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", word):
        word = word.replace(",", "")
    word = word.replace(".", "") if re.fullmatch(r"(?:\w\.)+\w", word) else word
    word = _SAME.get(word, word)
    for pattern, replacement in _SPELLING:
        word = pattern.sub(replacement, word)
    return word


def tokenise(text: str, offset: int = 0, sentence: int = 0) -> list[Token]:
    tokens: list[Token] = []
    previous = ""
    for match in _TOKEN.finditer(text):
        key = key_of(match.group())
        if key == "cent" and previous == "per":
            tokens[-1] = Token(
                "percent", tokens[-1].text, tokens[-1].start, tokens[-1].end, sentence
            )
            previous = "percent"
            continue
        tokens.append(
            Token(key, match.group(), offset + match.start(), offset + match.end(), sentence)
        )
        previous = key
    return tokens


def _is_date_number(key: str) -> bool:
    return key.isdigit() and (int(key) <= 31 or 1900 <= int(key) <= 2100)


def is_time_edit(old: Sequence[Token], new: Sequence[Token], context: Sequence[Token] = ()) -> bool:
    """ "yesterday" -> "last week"; "on Friday" -> "last Friday" (Friday is the context)."""
    words = [t.key for t in (*old, *new)]
    allowed = TIME_WORDS | TIME_GLUE
    timely = any(w in TIME_WORDS for w in words) or any(t.key in TIME_WORDS for t in context)
    return timely and all(w in allowed or _is_date_number(w) for w in words)


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper() and token.key not in _STOP and token.key not in TIME_WORDS


def is_place_edit(old: Sequence[Token], new: Sequence[Token], places: frozenset[str]) -> bool:
    gazetteer = PLACE_WORDS | places
    words = [t.key for t in (*old, *new)]
    if any(w in gazetteer | HERE_WORDS for w in words) and all(
        w in gazetteer | PLACE_GLUE | HERE_WORDS for w in words
    ):
        return True  # "Portland, Ore." -> "Portland"; "in Oregon" -> "here"
    # "in Portland" -> "here": a place name replaced by a word that points at the reader's place.
    named = [t for t in old if t.key not in PLACE_GLUE]
    return (
        bool(named)
        and all(_capitalised(t) for t in named)
        and bool(new)
        and all(t.key in HERE_WORDS | PLACE_GLUE for t in new)
    )


def is_allowed(
    old: Sequence[Token],
    new: Sequence[Token],
    places: frozenset[str],
    free: frozenset[str],
    context: Sequence[Token] = (),
    kinds: frozenset[str] = EDIT_KINDS,
) -> bool:
    """Whether replacing `old` by `new` is an allowed time or place edit (or only `free` words).

    `context`: the unchanged words on either side, which make "on" -> "last" a time edit.
    """
    if all(t.key in free for t in (*old, *new)):
        return True
    if "time" in kinds and is_time_edit(old, new, context):
        return True
    return "place" in kinds and is_place_edit(old, new, places)


@dataclass(frozen=True)
class Side:
    """One text cut into sentences and tokens: the article's or the source's reused blocks."""

    text: str
    tokens: tuple[Token, ...]
    sentences: tuple[tuple[int, int], ...]  # (start, end) offsets in `text`
    blocks: tuple[Block, ...]  # the block of each sentence (for line numbers)

    def sentence_text(self, index: int) -> str:
        start, end = self.sentences[index]
        return self.text[start:end].strip()

    def span(self, tokens: Sequence[Token]) -> str:
        return self.text[tokens[0].start : tokens[-1].end] if tokens else ""


def make_side(text: str, blocks: Iterable[Block]) -> Side:
    """Tokens and sentences of some of a document's blocks; `text` is its body_text."""
    tokens: list[Token] = []
    spans: list[tuple[int, int]] = []
    owners: list[Block] = []
    for block in blocks:
        for offset, sentence in sentences(block.text):
            start = block.start + offset
            tokens.extend(tokenise(sentence, start, len(spans)))
            spans.append((start, start + len(sentence)))
            owners.append(block)
    return Side(text, tuple(tokens), tuple(spans), tuple(owners))


def word_diff(old: str, new: str) -> str:
    """`new` with the words that differ from `old` marked `[-old-]{+new+}` (style ignored)."""
    before, after = tokenise(old), tokenise(new)
    matcher = SequenceMatcher(None, [t.key for t in before], [t.key for t in after], autojunk=False)
    pieces: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(new[after[j1].start : after[j2 - 1].end])
            continue
        if i2 > i1:
            pieces.append(f"[-{old[before[i1].start : before[i2 - 1].end]}-]")
        if j2 > j1:
            pieces.append(f"{{+{new[after[j1].start : after[j2 - 1].end]}+}}")
    return " ".join(pieces)


def context_of(tokens: Sequence[Token], start: int, end: int) -> list[Token]:
    """The two unchanged words on either side of `tokens[start:end]`: see `is_allowed`."""
    return [*tokens[max(0, start - 2) : start], *tokens[end : end + 2]]


def differs(old: str, new: str, places: frozenset[str] = frozenset()) -> bool:
    """Whether `new` is more than a time, place or style edit of `old`."""
    before, after = tokenise(old), tokenise(new)
    matcher = SequenceMatcher(None, [t.key for t in before], [t.key for t in after], autojunk=False)
    return any(
        tag != "equal"
        and not is_allowed(
            before[i1:i2], after[j1:j2], places, frozenset(), context_of(before, i1, i2)
        )
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    )
