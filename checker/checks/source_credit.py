"""`source-credit`: a credit statement that readers can see names the publisher.

A credit says where the article comes from ("originally published by", "based on materials
published by", "republished from", "Source:", "© Publisher", "rights … belong to"). A sentence
that merely mentions the publisher ("according to Bloomberg", "as Bloomberg notes") is
reporting, not a credit, and text in a comment or a hidden element is no credit at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from checker.checks.base import CheckKind, Hit, Source
from checker.document import Block, Document
from checker.findings import Severity
from checker.text import name_pattern, name_variants, near_miss, sentences, shorten

CREDIT_PHRASES = re.compile(
    r"""(?ix)
    # All but the last line start at a word's first letter: testing that once, before the
    # alternatives, skips the middle of every word (most of any text) at once, which makes
    # searching a long article several times faster.
    (?<!\w)(?=\w)(?:
      \b(?:originally|first)\s+(?:published|appeared|ran|posted|reported)\b
    | \b(?:re)?published\s+(?:here\s+)?(?:with\s+(?:the\s+)?permission|under\s+a|courtesy)\b
    | \b(?:article|story|piece|text|report|content|post|essay|column)\s+(?:was|is|has\s+been)\s+
        (?:originally\s+|first\s+)?(?:published|produced|written|reported|prepared)\s+(?:by|in|on|at|for)\b
    | \bbased\s+on\s+(?:the\s+)?
        (?:materials?|reporting|an?\s+article|a\s+story|articles|stories|content|a\s+report)\b
    | \b(?:re)?(?:published|printed|produced|posted)\s+from\b
    | \breprinted\b | \breproduced\b | \bsyndicated\b | \bcourtesy\s+of\b
    | \bcredit\s*: | \bvia\s*:
    | \bcopyright\b | \ball\s+rights\s+reserved\b
    | \brights?\b[^.]{0,80}\bbelongs?\s+to\b
    | \boriginal\s+(?:article|story|text|report|version|piece|publication|source|material)\b
    | \bthis\s+(?:article|story|piece|report)\s+(?:appeared|ran|comes|is\s+from|first)\b
    | \b(?:distributed|provided|supplied|licensed)\s+by\b
    | \bin\s+(?:partnership|collaboration)\s+with\b
    | \bwith\s+permission\s+(?:of|from)\b
    | \bthis\s+(?:article|story|piece)\s+(?:is|was)\s+(?:from|by)\b
    )
    | (?:^|\s)sources?\s*: | © | \(c\)
    """
)
# The same statements in the languages republishers of wire copy often write in: Russian
# ("по материалам", "источник:"), Spanish, Portuguese, French, German, Italian.
CREDIT_PHRASES_OTHER = re.compile(
    r"""(?ix)
    (?:^|(?=[повpzu\s]))  # the first letters below: skips every other position at once
    (?:
      по\s+материалам | (?:^|\s)источник\s*: | оригинал\s+(?:статьи|материала|публикации)
    | впервые\s+опубликован | права\s+на\s+.{0,60}принадлежат | перепечатк
    | publicad[oa]\s+(?:originalmente|originariamente|primeiro) | (?:^|\s)fuente\s*:
    | publié\s+(?:initialement|à\s+l'origine|d'abord) | (?:^|\s)source\s*:
    | (?:^|\s)quelle\s*: | (?:zuerst|ursprünglich)\s+(?:erschienen|veröffentlicht)
    | pubblicato\s+originariamente | (?:^|\s)fonte\s*:
    )
    """
)


def is_credit_statement(text: str) -> bool:
    return bool(CREDIT_PHRASES.search(text) or CREDIT_PHRASES_OTHER.search(text))


PLACEMENTS = ("any", "top", "bottom")


def _credit_sentences(blocks: tuple[Block, ...]) -> Iterator[tuple[Block, str]]:
    for block in blocks:
        # Most blocks hold no credit phrase at all: one search spares splitting them.
        if not is_credit_statement(block.text):
            continue
        for _, sentence in sentences(block.text):
            if is_credit_statement(sentence):
                yield block, sentence


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
    aliases = tuple(params["aliases"])
    pattern = name_pattern(name_variants(source.publisher, aliases))
    # One pass over the text: on a long article each pass is most of the check's time.
    statements = list(_credit_sentences(blocks))
    credits = [(b, s) for b, s in statements if pattern.search(s)]
    placed = [(b, s) for b, s in credits if _placed(b, blocks, placement, window)]
    if placed:
        return
    if credits:
        block, sentence = credits[0]
        yield Hit(
            f"the credit is not at the {placement} of the article",
            block.line,
            block.column,
            evidence=shorten(sentence),
        )
        return
    for block, sentence in statements:
        found = near_miss(sentence, source.publisher, params["near_miss_threshold"])
        if found:
            yield Hit(
                f'the credit names "{found}", not "{source.publisher}"',
                block.line,
                block.column,
                evidence=shorten(sentence),
            )
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


def satisfied_by(article: Document, source: Source, params: Mapping[str, Any]) -> str:
    """The credit line that satisfied the rule, as readers see it."""
    if not source.publisher:
        return ""
    blocks = article.blocks
    pattern = name_pattern(name_variants(source.publisher, tuple(params["aliases"])))
    placement, window = params["placement"], params["placement_blocks"]
    for block, sentence in _credit_sentences(blocks):
        if pattern.search(sentence) and _placed(block, blocks, placement, window):
            return f"credit line (line {block.line}): {shorten(sentence)}"
    return ""


def _validate(params: Mapping[str, Any]) -> None:
    if params["placement"] not in PLACEMENTS:
        raise ValueError(f"placement must be one of {', '.join(PLACEMENTS)}")


CHECK = CheckKind(
    name="source-credit",
    run=run,
    description="A visible credit statement in the body names the publisher.",
    defaults={"placement": "any", "placement_blocks": 3, "aliases": [], "near_miss_threshold": 80},
    validate=_validate,
    satisfied=satisfied_by,
)
