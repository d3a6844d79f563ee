"""What of a page is the story itself, as the pack checks that compare it with its source see it.

Republished pages wrap the story in notes: the credit line, the licence footer, a newsletter
plug, "Read the full article on ...". Sources carry notes of their own ("This article is not
subject to our licence until ..."). Such short notes at either edge of the body, captions, and
whatever a pack's `ignore` patterns match are not the story.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from checker.credit_vocabulary import is_credit_statement
from checker.document import Block, Document
from checker.lazy_pattern import LazyPattern
from checker.patterns import search_any
from checker.text import name_pattern

NOTE_PHRASES = LazyPattern(
    r"""(?ix)
      licen[cs]e | republish | newsletter | \bsign\s+up\b | \bsubscribe\b
    | \bread\s+the\s+(?:full|original|rest|whole)\b | \bfirst\s+appeared\b
    | \beditor['’]?s\s+note\b | \bcorrection\s*: | \bupdate\s*:
    | \bthis\s+(?:article|story)\s+(?:is|was)\b
    | \b(?:reporting|editing|additional\s+reporting|writing)\s+by\b
    """
)
EDGE_BLOCKS = 3
NOTE_MAX_WORDS = 70
AUTHOR_LINE_WORDS = 30


def is_note(text: str, authors: re.Pattern[str] | None = None) -> bool:
    """A credit, licence or newsletter note, or an author line ("Name, Professor, University")."""
    size = len(text.split())
    if authors is not None and size <= AUTHOR_LINE_WORDS and authors.search(text):
        return True
    return size <= NOTE_MAX_WORDS and (bool(NOTE_PHRASES.search(text)) or is_credit_statement(text))


def story_blocks(
    document: Document, ignore: Iterable[str] = (), authors: Iterable[str] = ()
) -> list[Block]:
    """The blocks of the story: notes at the edges, captions and `ignore` matches left out.

    `authors`: the original's authors, whose short author lines at the edges are notes too.
    """
    patterns = [str(pattern) for pattern in ignore]
    names = tuple(name for name in authors if name.strip())
    author_line = name_pattern(names) if names else None
    blocks = [
        block
        for block in document.blocks
        if block.kind != "caption" and not search_any(patterns, block.text)
    ]
    start, end = 0, len(blocks)
    while start < end and start < EDGE_BLOCKS and is_note(blocks[start].text, author_line):
        start += 1
    while (
        end > start
        and len(blocks) - end < EDGE_BLOCKS
        and is_note(blocks[end - 1].text, author_line)
    ):
        end -= 1
    return blocks[start:end]


def anchor(document: Document, last: bool = False) -> tuple[int, int]:
    """Line and column of the first (or last) block, for findings about the whole article."""
    if not document.blocks:
        return 0, 0
    block = document.blocks[-1] if last else document.blocks[0]
    return block.line, block.column


def visible_text(document: Document) -> str:
    """Everything a reader sees of the article: its body blocks and image captions."""
    captions = [image.caption for image in document.body_images if image.caption]
    return "\n\n".join([document.body_text, *captions])
