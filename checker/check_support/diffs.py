"""Sentence-aware word diffs between a story and its source, for the fidelity check.

`difflib` finds the matching runs; what it cannot know is where sentences begin, so a cut of
one whole sentence may come out shifted by a word. `slide` moves such edits onto sentence
boundaries, and `render_diff` shows one article sentence with its edits marked.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from checker.check_support.edits import Side, Token
from checker.text import shorten

Opcode = tuple[str, int, int, int, int]


def sentence_ranges(side: Side) -> dict[int, tuple[int, int]]:
    ranges: dict[int, tuple[int, int]] = {}
    for index, token in enumerate(side.tokens):
        first, _ = ranges.get(token.sentence, (index, index))
        ranges[token.sentence] = (first, index + 1)
    return ranges


def _boundaries(tokens: Sequence[Token], start: int, end: int) -> int:
    """How many ends of tokens[start:end] fall on sentence boundaries (0, 1 or 2)."""
    begins = start == 0 or tokens[start - 1].sentence != tokens[start].sentence
    ends = end == len(tokens) or tokens[end - 1].sentence != tokens[end].sentence
    return int(begins) + int(ends)


def slide(opcodes: list[Opcode], src: Side, art: Side) -> list[Opcode]:
    """Move each pure cut or insertion to where it covers whole sentences, if it can slide.

    A diff may cut "closures ... alarmed. The" where the reader sees the sentence "The
    closures ... alarmed." cut: both are the same edit, but only the second is a cut sentence.
    """
    ops = list(opcodes)
    for n in range(1, len(ops) - 1):
        tag, i1, i2, j1, j2 = ops[n]
        before, after = ops[n - 1], ops[n + 1]
        if tag not in ("delete", "insert") or before[0] != "equal" or after[0] != "equal":
            continue
        tokens, a1, a2 = (src.tokens, i1, i2) if tag == "delete" else (art.tokens, j1, j2)
        left = right = 0
        while (
            left < before[2] - before[1] and tokens[a1 - 1 - left].key == tokens[a2 - 1 - left].key
        ):
            left += 1
        while right < after[2] - after[1] and tokens[a1 + right].key == tokens[a2 + right].key:
            right += 1
        best = max(
            range(-left, right + 1), key=lambda d: (_boundaries(tokens, a1 + d, a2 + d), -abs(d))
        )
        if best:
            ops[n - 1] = ("equal", before[1], before[2] + best, before[3], before[4] + best)
            ops[n] = (tag, i1 + best, i2 + best, j1 + best, j2 + best)
            ops[n + 1] = ("equal", after[1] + best, after[2], after[3] + best, after[4])
    return ops


def render_diff(sentence: int, ops: list[Opcode], art: Side, src: Side) -> str:
    """The article sentence with its disallowed changes marked as a word diff."""
    first, last = sentence_ranges(art)[sentence]
    before: dict[int, list[str]] = defaultdict(list)
    marked: set[int] = set()
    for _, i1, i2, j1, j2 in ops:
        if i2 > i1 and j1 >= first:
            before[j1].append(f"[-{shorten(src.span(src.tokens[i1:i2]), 120)}-]")
        marked.update(range(max(j1, first), min(j2, last)))
    pieces: list[str] = []
    cursor = art.sentences[sentence][0]
    open_run = False
    for j in range(first, last + 1):
        token = art.tokens[j] if j < last else None
        gap = art.text[cursor : token.start if token else art.sentences[sentence][1]]
        if open_run and (token is None or j not in marked):
            pieces.append("+}")
            open_run = False
        if token is None:  # words cut at the end go before the closing full stop
            pieces.extend(f" {cut}" for cut in before.get(j, []))
            pieces.append(gap)
            break
        pieces.append(gap)
        pieces.extend(f"{cut} " for cut in before.get(j, []))
        if j in marked and not open_run:
            pieces.append("{+")
            open_run = True
        pieces.append(token.text)
        cursor = token.end
    text = " ".join("".join(pieces).split())
    at = min((i for i in (text.find("[-"), text.find("{+")) if i >= 0), default=0)
    return shorten(("…" if at > 120 else "") + text[max(0, at - 120) :], 320)
