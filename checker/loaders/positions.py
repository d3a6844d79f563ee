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
from operator import attrgetter
from typing import cast

from checker.loaders.tree import Element

# Read by map() over a page's elements, so the loop runs in C.
_SOURCELINE: Callable[[Element], int | None] = attrgetter("sourceline")
_TAG: Callable[[Element], str] = attrgetter("tag")

COLUMN_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "img", "a", "div", "blockquote")


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
        # (line, tag) -> each such element's place among them, then the columns found for them.
        self._places: dict[tuple[int, str], dict[int, int]] = {}
        self._columns: dict[tuple[int, str], list[int]] = {}

    def column(self, el: Element, default: int = 1) -> int:
        """The 1-based column of `el`, or `default` when its line shows no such `<tag`."""
        index = self._index.get(el)
        if index is None:
            return default
        key = (self._element_lines[index], self._tags[index])
        places = self._places.get(key)
        if places is None:
            places = self._places[key] = self._places_of(*key)
        columns = self._columns.get(key)
        if columns is None:
            columns = self._columns[key] = self._search(*key, len(places))
        ordinal = places[index]
        return columns[ordinal] if ordinal < len(columns) else default

    def _places_of(self, line: int, tag: str) -> dict[int, int]:
        """Index in the element list -> place among the elements with this line and tag."""
        lines, tags = self._element_lines, self._tags
        if self._ordered:
            low, high = bisect_left(lines, line), bisect_right(lines, line)
        else:
            low, high = 0, len(lines)
        indexes = [i for i in range(low, high) if tags[i] == tag and lines[i] == line]
        return dict(zip(indexes, range(len(indexes)), strict=True))

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
        lowered = ""
        opening = "<" + tag
        columns: list[int] = []
        start = 0
        for _ in range(count):
            at = -1 if lowered else source.find(opening, start)
            if at < 0:
                lowered = lowered or self._lower(line, source)
                at = lowered.find(opening, start)
                if at < 0:
                    break
            start = at + 1
            columns.append(at + 1)
        return columns

    def _lower(self, line: int, source: str) -> str:
        lowered = self._lowered.get(line)
        if lowered is None:
            lowered = self._lowered[line] = source.lower()
        return lowered


class NoPositions(SourcePositions):
    """Rendered Markdown: its elements' lines come from the renderer and have no columns."""

    def __init__(self) -> None:
        pass

    def column(self, el: Element, default: int = 1) -> int:
        return default
