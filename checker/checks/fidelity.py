"""`fidelity`: the article reproduces the source's text without edits the terms do not allow.

No-derivatives terms (CC BY-ND: "You do not have permission ... to Share Adapted Material";
ProPublica and The Conversation: "You can't edit our material, except to reflect relative
changes in time, location and editorial style") allow the story in whole or in part, but not
altered. The story's words are diffed against the source's after style normalisation; a changed
span is allowed when it only touches time words or place names (see `edits`). Each sentence
changed or added is reported with a word diff (`[-removed-]{+added+}`); whole sentences cut from
the source count as edits only when `cuts_are_edits` says so (The Conversation UK).
With `mode: indicate` (CC BY: "indicate if You modified the Licensed Material") edits are
allowed but the article must say it was adapted.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from difflib import SequenceMatcher
from typing import Any

from checker.check_support.diffs import Opcode, render_diff, sentence_ranges, slide
from checker.check_support.edits import (
    EDIT_KINDS,
    Side,
    context_of,
    is_allowed,
    key_of,
    make_side,
)
from checker.check_support.reuse import anchor, story_blocks, visible_text
from checker.checks.base import CheckKind, Hit, Source
from checker.document import Document
from checker.findings import Severity
from checker.patterns import search
from checker.plural import plural
from checker.text import shorten

MODES = ("forbid", "indicate")
MODIFICATION_NOTICE = (
    r"\b(?:adapted|edited|modified|abridged|condensed|shortened|excerpted|translated"
    r"|changes?\s+(?:were|have\s+been)\s+made)\b"
)
DETAILS = {
    "changed": "a sentence of the original was changed",
    "added": "a sentence not in the original was added",
    "removed": "a sentence of the original was cut",
}
_ADDED_BELOW = 0.3  # a sentence sharing less than this share of its words with the source is new


def _host(j1: int, at: int, art: Side, src: Side) -> int:
    """The article sentence a deletion sits in: the one the cut words (from src[at]) belong to."""
    if j1 <= 0:
        return art.tokens[0].sentence
    if j1 >= len(art.tokens):
        return art.tokens[-1].sentence
    before, after = art.tokens[j1 - 1].sentence, art.tokens[j1].sentence
    continues = at > 0 and src.tokens[at].sentence == src.tokens[at - 1].sentence
    return before if before == after or continues else after


def _edits(
    opcodes: list[Opcode], art: Side, src: Side, params: Mapping[str, Any]
) -> tuple[dict[int, list[Opcode]], list[tuple[int, int]]]:
    """Disallowed opcodes by article sentence, and whole source sentences cut (sentence, j)."""
    places = frozenset(key_of(word) for place in params["places"] for word in str(place).split())
    free = frozenset(key_of(str(w)) for w in params["allowed_words"])
    kinds = frozenset(str(kind) for kind in params["allow"])
    source_ranges = sentence_ranges(src)
    changed: dict[int, list[Opcode]] = defaultdict(list)
    cut: list[tuple[int, int]] = []
    for op in opcodes:
        tag, i1, i2, j1, j2 = op
        old, new = src.tokens[i1:i2], art.tokens[j1:j2]
        around = context_of(src.tokens, i1, i2)
        if tag == "equal" or is_allowed(old, new, places, free, around, kinds):
            continue
        if new:
            for sentence in dict.fromkeys(t.sentence for t in new):
                changed[sentence].append(op)
            continue
        whole = {
            s
            for s in dict.fromkeys(t.sentence for t in old)
            if source_ranges[s][0] >= i1 and source_ranges[s][1] <= i2
        }
        cut.extend((s, j1) for s in sorted(whole))
        partial = [i1 + k for k, token in enumerate(old) if token.sentence not in whole]
        if partial:
            changed[_host(j1, partial[0], art, src)].append(op)
    return changed, cut


def _hits(
    changed: dict[int, list[Opcode]], cut: list[tuple[int, int]], art: Side, src: Side
) -> list[tuple[int, Hit]]:
    hits: list[tuple[int, Hit]] = []
    ranges = sentence_ranges(art)
    for sentence, ops in changed.items():
        first, last = ranges[sentence]
        shared = sum(1 for j in range(first, last) if not any(o[3] <= j < o[4] for o in ops))
        kind = "added" if shared < _ADDED_BELOW * (last - first) else "changed"
        block = art.blocks[sentence]
        hit = Hit(
            DETAILS[kind],
            block.line,
            block.column,
            render_diff(sentence, ops, art, src),
            values={"change": kind},
        )
        hits.append((art.sentences[sentence][0], hit))
    for sentence, j in cut:
        at = art.tokens[min(j, len(art.tokens) - 1)]
        block = art.blocks[at.sentence]
        evidence = f"[-{shorten(src.sentence_text(sentence), 300)}-]"
        hit = Hit(
            DETAILS["removed"],
            block.line,
            block.column,
            evidence,
            values={"change": "removed"},
        )
        hits.append((at.start, hit))
    return sorted(hits, key=lambda pair: pair[0])


def _not_a_republication(share: str, line: int, column: int) -> Hit:
    return Hit(
        f"{share} of the article's words follow the source's text, so it is not "
        "a republication to compare sentence by sentence",
        line,
        column,
        at_most=Severity.INFO,
    )


def run(article: Document, source: Source, params: Mapping[str, Any]) -> Iterator[Hit]:
    line, column = anchor(article)
    if source.document is None:
        if params["require_source"]:
            yield Hit("no source text to compare with: give --source", line, column)
        return
    authors = source.document.metadata.authors
    art = make_side(article.body_text, story_blocks(article, params["ignore"], authors))
    src = make_side(source.document.body_text, story_blocks(source.document, params["ignore"]))
    if not art.tokens or not src.tokens:
        return
    if len(src.tokens) < params["min_shared"] * len(art.tokens):
        # Fewer source words than that share of the article's: the share found below could
        # not reach it, and difflib on a huge article against a short source takes minutes.
        yield _not_a_republication(f"at most {len(src.tokens) / len(art.tokens):.0%}", line, column)
        return
    matcher = SequenceMatcher(
        None, [t.key for t in src.tokens], [t.key for t in art.tokens], autojunk=False
    )
    opcodes = slide(list(matcher.get_opcodes()), src, art)
    shared = sum(j2 - j1 for tag, _, _, j1, j2 in opcodes if tag == "equal") / len(art.tokens)
    if shared < params["min_shared"]:
        yield _not_a_republication(f"only {shared:.0%}", line, column)
        return
    changed, cut = _edits(opcodes, art, src, params)
    hits = _hits(changed, cut if params["cuts_are_edits"] else [], art, src)
    if not hits:
        return
    if params["mode"] == "indicate":
        if search(str(params["modification_notice"]), visible_text(article)) is None:
            first = hits[0][1]
            yield Hit(
                f"{plural(len(hits), 'sentence')} "
                f"{'differs' if len(hits) == 1 else 'differ'} from the original and the article "
                "does not say that it was adapted",
                first.line,
                first.column,
                first.evidence,
            )
        return
    limit: int = params["max_findings"]
    for _, hit in hits[:limit]:
        yield hit
    if len(hits) > limit:
        last = hits[limit][1]
        yield Hit(f"and {plural(len(hits) - limit, 'more edit')}", last.line, last.column)


def _validate(params: Mapping[str, Any]) -> None:
    if params["mode"] not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}")
    unknown = set(map(str, params["allow"])) - EDIT_KINDS
    if unknown:
        raise ValueError(f"allow takes time and place, not {', '.join(sorted(unknown))}")
    if not 0 <= params["min_shared"] <= 1:
        raise ValueError("min_shared must be a number between 0 and 1")


CHECK = CheckKind(
    name="fidelity",
    run=run,
    description="The article's text is the source's, with only time, place and style edits.",
    defaults={
        "mode": "forbid",
        "cuts_are_edits": False,
        "allow": ["time", "place"],
        "places": [],
        "allowed_words": [],
        "ignore": [],
        "modification_notice": MODIFICATION_NOTICE,
        "min_shared": 0.3,
        "max_findings": 25,
        "require_source": False,
    },
    regex_params=frozenset({"ignore", "modification_notice"}),
    validate=_validate,
)
