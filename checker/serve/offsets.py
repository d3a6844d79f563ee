"""Character offsets into the submitted content for a finding's line and column.

The loaders give each finding a 1-based line and column in the page as submitted (an HTML
element's `<tag`, a text or Markdown paragraph's first character); lines are split exactly
as the HTML loader splits them (`LINE_BREAK`: not `splitlines()`, which also breaks on form
feeds and U+2028), so the start is exact. How far the finding reaches, `end`, is taken from
the page itself:
- the evidence's own span, when the evidence is text that follows verbatim;
- else, for HTML, the element that starts there, to its matching end tag (the opening tag
  alone for a void element or one never closed);
- else, for text and Markdown, the paragraph: up to the next blank line.
"""

from __future__ import annotations

import re
from itertools import accumulate

# How far after the finding's element its evidence may start and still be taken as its own.
_EVIDENCE_WINDOW = 4000
# Line ends as the HTML loader counts them: CR LF, CR or LF, never a form feed or U+2028.
LINE_BREAK = re.compile(r"\r\n|\r|\n")
_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)")
_VOID = frozenset({"area", "br", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})
_BLANK_LINE = re.compile(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)")


def line_starts(text: str) -> list[int]:
    """The offset at which each line of `text` starts (the first is 0)."""
    if "\r" in text:
        return [0] + [match.end() for match in LINE_BREAK.finditer(text)]
    # Only LF: the lines' lengths, each plus its LF, added up in C (a match object per line
    # cost a quarter of a millisecond per request on a 2,000-word article, a tenth of what
    # the service adds to a check).
    return list(accumulate(map((1).__add__, map(len, text.split("\n"))), initial=0))[:-1]


class LineIndex:
    """Turns (line, column) into character offsets of one text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = line_starts(text)

    def offset(self, line: int, column: int) -> int | None:
        """The offset of a 1-based line and column; None when unknown or outside the text."""
        if line < 1 or column < 1 or line > len(self.starts):
            return None
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(self.text)
        at = start + column - 1
        return at if at < end else None

    def span(self, line: int, column: int, evidence: str) -> tuple[int, int] | None:
        """`[start, end]` of a finding: see the module's docstring."""
        start = self.offset(line, column)
        if start is None:
            return None
        if evidence:
            found = self.text.find(evidence, start, start + _EVIDENCE_WINDOW + len(evidence))
            if found >= 0:
                return found, found + len(evidence)
        tag = _TAG.match(self.text, start)
        if tag is not None:
            return start, self._element_end(start, tag.group(1).lower())
        blank = _BLANK_LINE.search(self.text, start)
        return start, blank.start() if blank is not None else len(self.text.rstrip())

    def _element_end(self, start: int, name: str) -> int:
        opening_end = self.text.find(">", start)
        if opening_end < 0:
            return len(self.text)
        if name in _VOID or self.text[opening_end - 1] == "/":
            return opening_end + 1
        depth = 1
        for match in re.finditer(rf"<(/?){re.escape(name)}\b[^>]*>", self.text[opening_end:], re.I):
            depth += -1 if match.group(1) else 1
            if depth == 0:
                return opening_end + match.end()
        return opening_end + 1  # never closed: the opening tag alone
