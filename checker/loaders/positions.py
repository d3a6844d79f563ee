"""Source columns of a page's elements, worked out only for the elements a record points at.

libxml2 records only the line of an element; on minified pages everything is on one line, so
the column is what tells two findings apart. The column of an element is best effort: the
k-th `<tag` written on its line is taken for the k-th such element the parser made there,
counted before the page is cleaned.

Counting is one pass over the parsed page before cleaning (cleaning drops elements, which
would shift the count); the text of a line is searched only when a block, image or link asks
for the column of an element on it, and only as far as that element. Most elements of a page
(the divs of its navigation, the paragraphs the locator throws away) are never asked for.
"""

from __future__ import annotations

from checker.loaders.tree import Element

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
        # (line, tag) -> how many such elements, and then the columns found for them.
        self._counts: dict[tuple[int, str], int] = {}
        self._columns: dict[tuple[int, str], list[int]] = {}
        # Each element's (line, tag) and its place among them, in document order.
        self._places: dict[Element, tuple[tuple[int, str], int]] = {}
        counts, places = self._counts, self._places
        for el in root.iter(*COLUMN_TAGS):
            key = (el.sourceline or 0, str(el.tag))  # a str already: the tags asked for
            count = counts.get(key, 0)
            counts[key] = count + 1
            places[el] = (key, count)

    def column(self, el: Element, default: int = 1) -> int:
        """The 1-based column of `el`, or `default` when its line shows no such `<tag`."""
        place = self._places.get(el)
        if place is None:
            return default
        key, ordinal = place
        columns = self._columns.get(key)
        if columns is None:
            columns = self._columns[key] = self._search(*key)
        return columns[ordinal] if ordinal < len(columns) else default

    def _search(self, line: int, tag: str) -> list[int]:
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
        for _ in range(self._counts[(line, tag)]):
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
