"""Plain text -> Document: one block per paragraph, URLs in the text as links.

A paragraph is what blank lines separate. Inside one, short lines of a page copied from a
browser ("1 min read", a photo's alt text, its caption) are separate blocks; only lines that
look hard-wrapped (several long lines of similar width) are joined back into one paragraph.
"""

from __future__ import annotations

import re

from checker.document import Block, Document, Link, Metadata
from checker.lazy_pattern import LazyPattern

_LINE_BREAK = LazyPattern(r"\r\n|\r|\n")  # as editors count lines, unlike str.splitlines()
_URL = LazyPattern(r"""https?://[^\s<>"'“”«»]+""")
_TRAILING = ".,;:!?)]}'\"’”»"
_WRAP_MIN = 50  # shortest line that hard wrapping at 60-80 columns leaves behind
_WRAP_MAX = 100


def _hard_wrapped(lines: list[str]) -> bool:
    if len(lines) < 2:
        return False
    widths = [len(line) for line in lines[:-1]]
    return min(widths) >= _WRAP_MIN and max(widths) <= _WRAP_MAX and max(widths) - min(widths) <= 30


def _paragraphs(text: str) -> list[tuple[str, int, int]]:
    """(text, line, column) of each paragraph, 1-based."""
    result: list[tuple[str, int, int]] = []
    chunk: list[tuple[int, str]] = []
    for number, raw in enumerate([*_LINE_BREAK.split(text), ""], start=1):
        if raw.strip():
            chunk.append((number, raw))
            continue
        if not chunk:
            continue
        lines = [line.strip() for _, line in chunk]
        if _hard_wrapped(lines):
            first_line, first = chunk[0]
            column = len(first) - len(first.lstrip()) + 1
            result.append((" ".join(" ".join(lines).split()), first_line, column))
        else:
            for line_number, line in chunk:
                column = len(line) - len(line.lstrip()) + 1
                result.append((" ".join(line.split()), line_number, column))
        chunk = []
    return result


def links_in(text: str, line: int, column: int) -> list[Link]:
    links = []
    for match in _URL.finditer(text):
        url = match.group(0).rstrip(_TRAILING)
        links.append(Link(href=url, url=url, text=url, line=line, column=column + match.start()))
    return links


def load_text(text: str, path: str, *, encoding: str = "utf-8") -> Document:
    # NUL is nothing a reader sees; the HTML and Markdown loaders drop or replace it too.
    paragraphs = _paragraphs(text.replace("\x00", ""))
    blocks: list[Block] = []
    links: list[Link] = []
    offset = 0
    for content, line, column in paragraphs:
        blocks.append(Block("text", content, offset, line, column))
        offset += len(content) + 2
        links.extend(links_in(content, line, column))
    # A headline: the first early line of several words that is not a sentence or a date.
    title = next(
        (
            block.text
            for block in blocks[:12]
            if 5 <= len(block.text.split()) <= 30
            and not block.text.endswith((".", "!", "?", ":"))
            and not re.search(r"\b(?:19|20)\d{2}\b", block.text)
        ),
        blocks[0].text if blocks else "",
    )
    return Document(
        path=path,
        kind="text",
        title=title,
        blocks=tuple(blocks),
        links=tuple(links),
        metadata=Metadata(title=title),
        encoding=encoding,
    )
