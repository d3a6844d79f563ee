"""clean_page's candidates: the written-out fast path picks what is_hidden() picks, in order."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from checker.loaders.clean import _candidates, is_hidden
from checker.loaders.tree import Element, parse_html

_ATTRIBUTES = st.sampled_from(
    [
        'class="hidden"', 'class="Sr-Only x"', 'class="collapse"', 'class="collapse show"',
        'class="story"', 'class=""', 'id="hidden"', 'id="show"', 'id="main"', 'hidden',
        'aria-hidden="true"', 'aria-hidden="false"', 'style="display: none"', 'style="color:red"',
        'data-x="1"',
    ]
)  # fmt: skip
_ELEMENT = st.tuples(
    st.sampled_from(["div", "p", "span", "a", "section"]),
    st.lists(_ATTRIBUTES, max_size=3, unique=True),
    st.booleans(),  # a comment after it
)


def _reference(body: Element) -> list[Element]:
    """The candidates as clean_page picked them before: every node tested with is_hidden()."""
    comment = etree._Comment
    return [
        node
        for node in body.iter(etree.Element, etree.Comment)
        if isinstance(node, comment) or is_hidden(node)
    ]


@settings(max_examples=300, deadline=None)
@given(st.lists(_ELEMENT, max_size=30), st.lists(_ATTRIBUTES, max_size=2, unique=True))
def test_generated_pages_give_the_reference_candidates(
    elements: list[tuple[str, list[str], bool]], body_attributes: list[str]
) -> None:
    markup = "".join(
        f"<{tag} {' '.join(attributes)}>x" + ("<!-- note -->" if comment else "")
        for tag, attributes, comment in elements
    )
    root = parse_html(f"<html><body {' '.join(body_attributes)}>{markup}</body></html>")
    assert root is not None
    body = root.find("body")
    assert body is not None
    assert _candidates(body) == _reference(body)
