"""Source columns of a page's elements, worked out only for the elements a record points at.

libxml2 records only the line of an element; on minified pages everything is on one line, so
the column is what tells two findings apart. The column of an element is best effort: the
k-th `<tag` written on its line is taken for the k-th such element the parser made there,
counted before the page is cleaned.

The elements with their lines and tags are listed before cleaning (cleaning drops elements,
which would shift the count), in C; they are counted a (line, tag) at a time, and the text of
a line searched, only when a block, image or link asks for the column of an element on it.
Most elements of a page (the divs of its navigation, the paragraphs the locator throws away)
are never asked for.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from itertools import compress, zip_longest
from operator import attrgetter
from typing import cast

from checker.lazy_pattern import LazyPattern
from checker.loaders.tree import Element

# Read by map() over a page's elements, so the loop runs in C.
_SOURCELINE: Callable[[Element], int | None] = attrgetter("sourceline")
_TAG: Callable[[Element], str] = attrgetter("tag")

COLUMN_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "img", "a", "div", "blockquote")
# Every `<tag` of the column tags on a line, in one pass. No tag's name starts another's, so a
# `<` opens at most one of them and the matches are exactly each tag's str.find hits.
_OPENING = LazyPattern("<(" + "|".join(COLUMN_TAGS) + ")")
LONG_LINE = 4000  # characters: a minified page's line, where the regex pass pays


class SourcePositions:
    """Columns of the elements of one parsed page, from the page's text.

    Build it before the tree is changed; `column(el)` answers the same afterwards, also for
    an element moved within the tree.
    """

    def __init__(self, root: Element, text: str) -> None:
        self._text = text
        self._lines: list[str] | None = None
        self._lowered: dict[int, str] = {}
        # The elements, their lines and tags, in document order, each list made in C: a
        # Python loop over a page's elements here cost more than all the look-ups together.
        # Places are worked out from these only for the (line, tag)s a record asks about.
        elements = list(root.iter(*COLUMN_TAGS))
        written = list(map(_SOURCELINE, elements))
        # 0 for an element without a line, as `el.sourceline or 0`; most pages have none.
        lines = [line or 0 for line in written] if None in written else cast(list[int], written)
        self._element_lines = lines
        self._tags: list[str] = list(map(_TAG, elements))  # a str already: the tags asked for
        # The keys keep the elements' proxies alive, so that a record's element is found by
        # identity, however the tree changes.
        self._index = dict(zip(elements, range(len(elements)), strict=True))
        # Lines in document order did not go back on any of 303 real pages; where they do, a
        # line's elements are not one run of the list and bisect would miss some: a full scan.
        self._ordered = lines == sorted(lines)
        # Index in the element list -> its column, 0 for none; filled a (line, tag) at a time,
        # so that the other records of a line (a paragraph's links) are one dict look-up.
        self._found: dict[int, int] = {}
        # A long line -> the columns of each tag's openings on it (one regex pass).
        self._written: dict[int, dict[str, list[int]]] = {}

    def column(self, el: Element, default: int = 1) -> int:
        """The 1-based column of `el`, or `default` when its line shows no such `<tag`."""
        index = self._index.get(el)
        if index is None:
            return default
        column = self._found.get(index)
        if column is None:
            self._find(self._element_lines[index], self._tags[index])
            column = self._found[index]
        return column or default

    def _find(self, line: int, tag: str) -> None:
        """The columns of all the elements with this line and tag, 0 for one without."""
        lines, tags, found = self._element_lines, self._tags, self._found
        if self._ordered:
            low, high = bisect_left(lines, line), bisect_right(lines, line)
            if high - low == 1:  # most lines of a formatted page: one element
                columns = self._search(line, tag, 1)
                found[low] = columns[0] if columns else 0
                return
            # The line's elements are one run of the list: those with the tag picked in C.
            places = list(compress(range(low, high), map(tag.__eq__, tags[low:high])))
        else:
            places = [i for i, at in enumerate(lines) if at == line and tags[i] == tag]
        found.update(zip_longest(places, self._search(line, tag, len(places)), fillvalue=0))

    def _search(self, line: int, tag: str, count: int) -> list[int]:
        """The columns of the `<tag`s on a line, one for each such element the parser made.

        On a minified page of 1 MB on one line, searching the line again for every <p> the
        parser made up (stray </p>) would be quadratic: the search stops at the first miss,
        and the line is lower-cased (for <P>) once, when the written case stops matching.
        """
        if self._lines is None:
            text = self._text
            # Not splitlines(): form feeds and U+2028 do not end lines. str.split runs in C.
            if "\r" in text:
                text = text.replace("\r\n", "\n").replace("\r", "\n")
            self._lines = text.split("\n")
        if not 0 < line <= len(self._lines):
            return []
        source = self._lines[line - 1]
        opening = "<" + tag
        if len(source) > LONG_LINE:
            # str.find is slow on a long line when the tag's letter is common in its text
            # ("<a" on a line of prose or JSON); one regex pass finds every tag's openings.
            written = self._openings(line, source).get(tag, [])
            columns = written[:count]
            if len(columns) == count:
                return columns
            start = columns[-1] if columns else 0  # the written case has run out
            lowered = self._lower(line, source)
        else:
            lowered = ""
            columns = []
            start = 0
        for _ in range(count - len(columns)):
            at = -1 if lowered else source.find(opening, start)
            if at < 0:
                lowered = lowered or self._lower(line, source)
                at = lowered.find(opening, start)
                if at < 0:
                    break
            start = at + 1
            columns.append(at + 1)
        return columns

    def _openings(self, line: int, source: str) -> dict[str, list[int]]:
        """The columns of each column tag's openings on a line, as written."""
        openings = self._written.get(line)
        if openings is None:
            openings = self._written[line] = {}
            for match in _OPENING.finditer(source):
                openings.setdefault(match[1], []).append(match.start() + 1)
        return openings

    def _lower(self, line: int, source: str) -> str:
        lowered = self._lowered.get(line)
        if lowered is None:
            lowered = self._lowered[line] = source.lower()
        return lowered


class NoPositions(SourcePositions):
    """No columns: rendered Markdown's lines come from the renderer and have none (each
    record is at the default column, 1); a page loaded without columns gets `column` (0,
    not looked up) for every record."""

    def __init__(self, column: int | None = None) -> None:
        self._column = column

    def column(self, el: Element, default: int = 1) -> int:
        return default if self._column is None else self._column
