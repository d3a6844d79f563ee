"""`completeness`: the article runs the whole story, or an extract in the allowed form.

ProPublica: "we're only granting rights to post stories in full". The Conversation allows
extracts: "run the first few lines or paragraphs of the article and then say: 'Read the full
article on The Conversation' with a link back". Reuters: "You may not remove or conceal any
copyright, trade mark or other proprietary notice": source paragraphs matching `keep` must be
in the article whatever the share. A source paragraph is present when most of its word
trigrams are in the article.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from checker.check_support.edits import tokenise
from checker.check_support.reuse import anchor, story_blocks
from checker.checks.base import CheckKind, Hit, Source
from checker.checks.original_link import matching_links
from checker.document import Block, Document
from checker.patterns import search, search_any
from checker.text import shorten

EXTRACT_PHRASE = r"\bread\s+the\s+(?:full|whole|rest\s+of\s+the|complete)\s+(?:article|story)"
_PRESENT = 0.5


def _grams(text: str) -> set[tuple[str, ...]]:
    keys = [token.key for token in tokenise(text)]
    if len(keys) < 3:
        return {tuple(keys)} if keys else set()
    return {tuple(keys[i : i + 3]) for i in range(len(keys) - 2)}


def present_blocks(blocks: list[Block], article: Document) -> list[bool]:
    have = _grams(article.body_text)
    found = []
    for block in blocks:
        grams = _grams(block.text)
        found.append(bool(grams) and len(grams & have) >= _PRESENT * len(grams))
    return found


def _extract_problem(
    article: Document, source: Source, params: Mapping[str, Any], present: list[bool]
) -> str | None:
    """None when the article is an extract in the allowed form, else what is wrong with it."""
    if not present or not present[0]:
        return "an extract must start with the original's first lines, which are not here"
    phrase = str(params["extract_phrase"])
    blocks = [b for b in article.blocks if search(phrase, b.text) is not None]
    if not blocks:
        return 'an extract must end with "Read the full article" and a link, which is missing'
    if not matching_links(article, source, {"publisher_domains": []}):
        return 'the extract\'s "Read the full article" line does not link to the original'
    return None


def run(article: Document, source: Source, params: Mapping[str, Any]) -> Iterator[Hit]:
    if source.document is None:
        return
    keep = [str(pattern) for pattern in params["keep"]]
    notices = [b for b in source.document.blocks if search_any(keep, b.text)]
    for block, found in zip(notices, present_blocks(notices, article), strict=True):
        if not found:
            line, column = anchor(article, last=True)
            yield Hit(
                f'the notice "{shorten(block.text, 100)}" of the original was removed',
                line,
                column,
                evidence=shorten(block.text),
            )
    blocks = story_blocks(source.document, params["ignore"], source.document.metadata.authors)
    if not blocks or params["min_share"] <= 0:
        return
    present = present_blocks(blocks, article)
    words = [len(block.text.split()) for block in blocks]
    share = sum(w for w, found in zip(words, present, strict=True) if found) / sum(words)
    if share >= params["min_share"]:
        return
    line, column = anchor(article, last=True)
    problem = _extract_problem(article, source, params, present)
    if params["allow_extract"] and problem is None:
        return
    missing = [block for block, found in zip(blocks, present, strict=True) if not found]
    detail = (
        f"{len(missing)} of the original's {len(blocks)} paragraphs are not in the article "
        f"({share:.0%} of its words are)"
    )
    if params["allow_extract"] and problem:
        detail += f", and it is not an extract in the allowed form: {problem}"
    yield Hit(
        detail, line, column, evidence=shorten(missing[0].text), values={"share": f"{share:.2f}"}
    )


CHECK = CheckKind(
    name="completeness",
    run=run,
    description="The whole story is republished, or an extract in the allowed form.",
    defaults={
        "min_share": 0.9,
        "allow_extract": False,
        "extract_phrase": EXTRACT_PHRASE,
        "keep": [],
        "ignore": [],
    },
    regex_params=frozenset({"extract_phrase", "keep", "ignore"}),
)
