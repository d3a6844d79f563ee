"""`source-credit`: a credit statement that readers can see names the publisher.

A credit says where the article comes from ("originally published by", "based on materials
published by", "republished from", "Source:", "© Publisher", "rights … belong to"). A sentence
that merely mentions the publisher ("according to Bloomberg", "as Bloomberg notes") is
reporting, not a credit; "reprinted on Wired.com" says where the text went, not where it came
from; a photo credit ("Foto: dpa") credits a picture; text in a comment or a hidden element is
no credit at all. What a credit looks like is `checker.credit_vocabulary`'s to say.

Wire copy is credited by convention rather than by a sentence: a byline ("By The Associated
Press") or a dateline ("WASHINGTON (AP) —"). Whether those count is the pack's decision
(`forms`). A partner that demands an exact wording names it (`wording`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from checker.checks.base import CheckKind, Hit, Source
from checker.credit_vocabulary import (
    BYLINE_LEAD,
    dateline_names,
    is_credit_statement,
    is_photo_credit,
    signoff_names,
    wire_aliases,
)
from checker.document import Block, Document
from checker.findings import Severity
from checker.patterns import search_any
from checker.text import name_pattern, name_variants, near_miss, sentences, shorten

PLACEMENTS = ("any", "top", "bottom")
FORMS = ("statement", "byline", "dateline")
# A byline kept as a body paragraph ("By The Associated Press") is short and near the top.
BYLINE_BLOCK_WORDS = 15
TOP_BLOCKS = 3


def _credit_sentences(blocks: tuple[Block, ...]) -> Iterator[tuple[Block, str]]:
    for block in blocks:
        # A caption credits its picture, never the article ("Source: Bloomberg" under a chart
        # names where the chart's figures come from).
        if block.kind == "caption":
            continue
        # Most blocks hold no credit phrase at all: one search spares splitting them.
        if not is_credit_statement(block.text):
            continue
        for _, sentence in sentences(block.text):
            if is_credit_statement(sentence) and not is_photo_credit(sentence):
                yield block, sentence


def _convention_credit(
    article: Document, forms: set[str], pattern: re.Pattern[str], placement: str
) -> str:
    """The byline, dateline or wire sign-off that credits the publisher, if the pack counts it.

    Bylines and datelines stand at the top of a story, a sign-off ("(PAP)") at its bottom.
    Returns what was found, for the report, or "".
    """
    blocks = article.blocks
    top, bottom = placement in ("any", "top"), placement in ("any", "bottom")
    byline = article.metadata.byline
    if is_photo_credit(byline):
        byline = ""  # a photographer's credit taken for the byline ("Foto: REUTERS/Name")
    # "Quelle: sid/dpa" in the byline element is a statement, whatever the forms say.
    counted = "byline" in forms or ("statement" in forms and is_credit_statement(byline))
    if top and byline and counted and pattern.search(byline):
        return f"byline: {shorten(byline)}"
    if top and "byline" in forms:
        # Only what readers see: an author named in metadata alone (parsely-author, JSON-LD)
        # is no credit. A byline kept as a body paragraph is.
        for block in blocks[:TOP_BLOCKS]:
            text = block.text
            short = len(text.split()) <= BYLINE_BLOCK_WORDS
            if short and BYLINE_LEAD.match(text) and pattern.search(text):
                return f"byline (line {block.line}): {shorten(text)}"
    if "dateline" not in forms:
        return ""
    for block in blocks[:TOP_BLOCKS] if top else ():
        if any(pattern.fullmatch(name) for name in dateline_names(block.text)):
            return f"dateline (line {block.line}): {shorten(block.text, 60)}"
    for block in [b for b in blocks if b.kind != "caption"][-2:] if bottom else ():
        if any(pattern.fullmatch(name) for name in signoff_names(block.text)):
            return f"sign-off (line {block.line}): {shorten(block.text)}"
    return ""


def _publisher_pattern(publisher: str, params: Mapping[str, Any]) -> re.Pattern[str]:
    # A wire service is credited under its other names too: "(AP) —" credits The Associated Press.
    aliases = (*params["aliases"], *wire_aliases(publisher))
    return name_pattern(name_variants(publisher, aliases))


def _at(block: Block, detail: str, evidence: str) -> Hit:
    return Hit(detail, block.line, block.column, evidence=shorten(evidence))


def _placed(block: Block, blocks: tuple[Block, ...], placement: str, window: int) -> bool:
    index = blocks.index(block)
    if placement == "top":
        return index < window
    if placement == "bottom":
        return index >= len(blocks) - window
    return True


def run(article: Document, source: Source, params: Mapping[str, Any]) -> Iterator[Hit]:
    blocks = article.blocks
    placement: str = params["placement"]
    window: int = params["placement_blocks"]
    anchor = (blocks[0] if placement == "top" else blocks[-1]) if blocks else None
    line, column = (anchor.line, anchor.column) if anchor else (0, 0)
    if not source.publisher:
        yield Hit(
            "the publisher is not known: give --publisher, `source_publisher` in the front "
            "matter, or a source page with og:site_name",
            line,
            column,
            at_most=Severity.WARNING,
        )
        return
    pattern = _publisher_pattern(source.publisher, params)
    forms = set(params["forms"])
    wording: list[str] = params["wording"]
    # One pass over the text: on a long article each pass is most of the check's time.
    statements = list(_credit_sentences(blocks)) if "statement" in forms else []
    credits = [(b, s) for b, s in statements if pattern.search(s)]
    if wording:
        yield from _check_wording(blocks, credits, wording, placement, window, line, column)
        return
    placed = [(b, s) for b, s in credits if _placed(b, blocks, placement, window)]
    if placed:
        return
    if _convention_credit(article, forms, pattern, placement):
        return
    if credits:
        block, sentence = credits[0]
        yield _at(block, f"the credit is not at the {placement} of the article", sentence)
        return
    for block, sentence in statements:
        found = near_miss(sentence, source.publisher, params["near_miss_threshold"])
        if found:
            yield _at(block, f'the credit names "{found}", not "{source.publisher}"', sentence)
            return
    for hidden in article.hidden_text:
        for _, sentence in sentences(hidden):
            if is_credit_statement(sentence) and pattern.search(sentence):
                yield Hit(
                    "a credit exists but readers cannot see it (hidden element or comment)",
                    line,
                    column,
                    evidence=shorten(sentence),
                )
                return
    mentions = [s for b in blocks for _, s in sentences(b.text) if pattern.search(s)]
    detail = "no credit line names the publisher"
    if mentions:
        detail += f" ({len(mentions)} in-text mention(s), which are not a credit)"
    yield Hit(detail, line, column, evidence=shorten(mentions[0]) if mentions else "")


def _worded(blocks: tuple[Block, ...], wording: list[str]) -> list[Block]:
    """Visible body blocks holding one of the pack's `wording` patterns (time-bounded)."""
    return [b for b in blocks if b.kind != "caption" and search_any(wording, b.text)]


def _check_wording(
    blocks: tuple[Block, ...],
    credits: list[tuple[Block, str]],
    wording: list[str],
    placement: str,
    window: int,
    line: int,
    column: int,
) -> Iterator[Hit]:
    """The partner's exact wording: a visible block must contain one of the `wording` patterns.

    Patterns come from the pack, so they are matched through checker.patterns (time-bounded).
    """
    worded = _worded(blocks, wording)
    if any(_placed(b, blocks, placement, window) for b in worded):
        return
    if worded:
        yield _at(worded[0], f"the credit is not at the {placement} of the article", worded[0].text)
        return
    wanted = " or ".join(f'"{w}"' for w in wording)
    if credits:
        block, sentence = credits[0]
        detail = f"the credit line does not use the required wording ({wanted})"
        yield _at(block, detail, sentence)
        return
    yield Hit(f"no credit line with the required wording ({wanted})", line, column)


def satisfied_by(article: Document, source: Source, params: Mapping[str, Any]) -> str:
    """What satisfied the rule, as readers see it: the credit line, byline or dateline."""
    if not source.publisher:
        return ""
    blocks = article.blocks
    pattern = _publisher_pattern(source.publisher, params)
    placement, window = params["placement"], params["placement_blocks"]
    wording: list[str] = params["wording"]
    if wording:
        placed = [b for b in _worded(blocks, wording) if _placed(b, blocks, placement, window)]
        return f"credit line (line {placed[0].line}): {shorten(placed[0].text)}" if placed else ""
    if "statement" in params["forms"]:
        for block, sentence in _credit_sentences(blocks):
            if pattern.search(sentence) and _placed(block, blocks, placement, window):
                return f"credit line (line {block.line}): {shorten(sentence)}"
    return _convention_credit(article, set(params["forms"]), pattern, placement)


def _validate(params: Mapping[str, Any]) -> None:
    if params["placement"] not in PLACEMENTS:
        raise ValueError(f"placement must be one of {', '.join(PLACEMENTS)}")
    forms = params["forms"]
    unknown = [form for form in forms if form not in FORMS]
    if unknown or not forms:
        raise ValueError(
            f"forms must be a non-empty list of {', '.join(FORMS)}"
            + (f" (not {', '.join(map(repr, unknown))})" if unknown else "")
        )


CHECK = CheckKind(
    name="source-credit",
    run=run,
    description="A visible credit statement in the body names the publisher.",
    defaults={
        "placement": "any",
        "placement_blocks": 3,
        "aliases": [],
        "near_miss_threshold": 80,
        # Which kinds of credit count: a statement ("Originally published by X"), a byline
        # naming the publisher ("By The Associated Press"), a dateline ("(AP) —"). Packs whose
        # terms demand a credit line keep the statement alone.
        "forms": ["statement"],
        # Patterns one of which the credit line must contain (a partner's exact wording).
        "wording": [],
    },
    regex_params=frozenset({"wording"}),
    validate=_validate,
    satisfied=satisfied_by,
)
