"""Source columns: looked up only for the records that ask, the same as counting every element.

The reference below is the eager count the loader used before (every element of the column
tags, on the page as parsed, before cleaning): the lazy lookup must give each element the same
column, whatever cleaning later removes or moves.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.loaders import load_document
from checker.loaders import positions as positions_module
from checker.loaders.positions import COLUMN_TAGS, SourcePositions
from checker.loaders.tree import Element, parse_html


def eager_columns(root: Element, text: str) -> dict[Element, int]:
    """Every element's column as the loader counted it before (its code, kept here as the
    reference): the k-th `<tag` on the line, searched as written until that fails, then in
    the lower-cased line, for the k-th such element; none once the line runs out of them."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    found: dict[tuple[int, str], int] = {}
    upper: set[tuple[int, str]] = set()
    exhausted: set[tuple[int, str]] = set()
    columns: dict[Element, int] = {}
    for el in root.iter(*COLUMN_TAGS):
        line, tag = el.sourceline or 0, str(el.tag)
        key = (line, tag)
        if not 0 < line <= len(lines) or key in exhausted:
            continue
        source = lines[line - 1]
        start = found.get(key, 0)
        at = -1 if key in upper else source.find("<" + tag, start)
        if at < 0:
            upper.add(key)
            at = source.lower().find("<" + tag, start)
        if at >= 0:
            found[key] = at + 1
            columns[el] = at + 1
        else:
            exhausted.add(key)
    return columns


PAGES = {
    "one line": '<html><body><div><p>One <a href="/a">a</a></p><p>Two <a href="/b">b</a>'
    '<img src="x.jpg"></p><div><p>Three</p></div></div></body></html>',
    "upper case": '<HTML><BODY><DIV><P>One <A HREF="/a">a</A></P><p>two</p><P>three <a href="/b">'
    "b</a></P></DIV></BODY></HTML>",
    "stray closing tags": "<html><body><div></p></p><p>x</p></div></p><p>y</p></body></html>",
    "lines and CR": '<html>\r\n<body>\r<p>a</p><p>b\r\n<a href="/c">c</a></p>\n<p>d</p></body>',
    "removed by cleaning": '<html><body><div hidden><p>gone <a href="/g">g</a></p></div>'
    '<script>var s = "<p><a href=x>";</script><p>kept <a href="/k">k</a></p>'
    '<noscript><img src="real.jpg"></noscript><img src="lazy.gif"></body></html>',
    "tag names inside others": "<html><body><article><aside><p>x</p></aside><abbr>y</abbr>"
    '<p><a href="/a">a</a> <address>z</address> <a href="/b">b</a></p></article></body>',
}


def _parsed(name: str) -> tuple[Element, SourcePositions, dict[Element, int]]:
    text = PAGES[name]
    root = parse_html(text)
    assert root is not None
    return root, SourcePositions(root, text), eager_columns(root, text)


@pytest.mark.parametrize("name", list(PAGES))
def test_every_element_gets_the_eager_column(name: str) -> None:
    root, positions, expected = _parsed(name)
    for el in root.iter(*COLUMN_TAGS):
        assert positions.column(el) == expected.get(el, 1), (name, el.tag, el.sourceline)


@pytest.mark.parametrize("name", list(PAGES))
def test_asked_in_any_order_after_cleaning(name: str) -> None:
    """Asked last-first and after the tree is changed, as the loader's passes ask."""
    root, positions, expected = _parsed(name)
    elements = list(root.iter(*COLUMN_TAGS))
    for el in elements[1:]:
        parent = el.getparent()
        if parent is not None and el.tag == "div":
            parent.remove(el)  # dropped, as cleaning drops hidden elements
    for el in reversed(elements):
        assert positions.column(el) == expected.get(el, 1)


def test_records_of_a_loaded_page_carry_those_columns() -> None:
    text = PAGES["removed by cleaning"].replace("<body>", "<body><article>")
    document = load_document(text, kind="html")
    root = parse_html(text)
    assert root is not None
    expected = eager_columns(root, text)
    by_href = {a.get("href"): expected.get(a, 1) for a in root.iter("a")}
    # The hidden paragraph's link is a record outside the body, built when read.
    assert [(link.href, link.column, link.in_body) for link in document.links] == [
        ("/g", by_href["/g"], False),
        ("/k", by_href["/k"], True),
    ]
    kept = next(p for p in root.iter("p") if (p.text or "").startswith("kept"))
    assert document.blocks[0].text == "kept k"
    assert document.blocks[0].column == expected[kept]
    # Best effort, as before: `<article` was taken for an `<a`, and the `<p` in the script's
    # text for the second paragraph's.
    assert by_href["/g"] == text.index("<article") + 1
    assert expected[kept] == text.index('"<p>') + 2


# Pieces of markup whose shuffles give stray and implied elements, several lines, upper case,
# `<p` in a script's text and in a comment: where the parser's elements and the written tags
# part ways, and where the elements' lines need not follow the list's order.
_PIECES = [
    "<p>", "</p>", "<P>", '<a href="/x">', "</a>", "<div>", "</div>", "<img src=x.jpg>", "<li>",
    "<h2>", "</h2>", "<blockquote>", "\n", "\r\n", "\r", "text ", "<script>var s='<p>';</script>",
    "<!-- <p> -->", "<table>", "<td>", "</table>", "<abbr>", "<article>",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60))
def test_generated_pages_get_the_eager_columns(pieces: list[str]) -> None:
    text = "<html><body>" + "".join(pieces) + "</body></html>"
    root = parse_html(text)
    assert root is not None
    positions, expected = SourcePositions(root, text), eager_columns(root, text)
    # The fallback for lines that go back in document order (all lines counted at once).
    unordered = SourcePositions(root, text)
    unordered._ordered = False
    # The one-regex-pass search of a long (minified) line, here used for every line.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(positions_module, "LONG_LINE", 0)
        long_lines = SourcePositions(root, text)
        elements = list(root.iter(*COLUMN_TAGS))
        for el in reversed(elements):  # asked in another order than the document's
            assert positions.column(el) == expected.get(el, 1)
            assert unordered.column(el) == expected.get(el, 1)
            assert long_lines.column(el) == expected.get(el, 1)
