"""The HTML loader's shortcuts answer as the plain ways they replace.

Each shortcut (a test on the text instead of the bytes, a search done by libxml2 instead of a
Python loop) is compared with the straightforward way on pages made for the purpose.
"""

from __future__ import annotations

import re

import pytest
from lxml import etree

from checker import credit_vocabulary as cv
from checker.loaders import lead, metadata
from checker.loaders.decode import binary_kind
from checker.loaders.locate import marker_words
from checker.loaders.metadata import _byline_candidates
from checker.loaders.tree import parse_html

BODY = "<html><body><p>Caf\u00e9 {x}news{x} and \u4e2d\u6587{x}.</p></body></html>"


@pytest.mark.parametrize("wide", ["", "\u4e2d"])  # a Latin-1 text and a wider one
@pytest.mark.parametrize("nonchar", ["\ufffe", "\uffff", "\ufffe\uffff"])
def test_noncharacters_are_removed_from_any_text(nonchar: str, wide: str) -> None:
    page = wide + BODY.format(x=nonchar)
    clean = wide + BODY.format(x="")
    parsed, expected = parse_html(page), parse_html(clean)
    assert parsed is not None and expected is not None
    assert etree.tostring(parsed) == etree.tostring(expected)


@pytest.mark.parametrize("page", ["", " ", "\n\t\r\x0b\x0c ", "\x01\x02", "\ufffe\n"])
def test_a_page_of_white_space_and_controls_is_nothing(page: str) -> None:
    assert parse_html(page) is None


def _byline_marked_plainly(body: etree._Element) -> list[etree._Element]:
    """The four attributes lower-cased for every element: what the shortcut must agree with."""
    found = []
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        marks = " ".join(el.get(name) or "" for name in ("class", "id", "itemprop", "rel"))
        if "byline" in marks.lower() or "author" in marks.lower():
            found.append(el)
    return found


def test_byline_candidates_are_the_elements_marked_in_any_case() -> None:
    values = ["", "ByLine", "post-AUTHOR", "by line", "x", "autho r", "\u0130", "bylines"]
    attributes = ["class", "id", "itemprop", "rel", "href", "data-x"]
    parts = []
    for i, value in enumerate(values):
        for j, attribute in enumerate(attributes):
            other = attributes[(i + j) % len(attributes)]
            parts.append(f'<div {attribute}="{value}" {other}="{values[j % len(values)]}">t</div>')
    parts.append("<!-- a comment: byline author --><span>no attributes</span>")
    body = parse_html("<html><body>" + "".join(parts) + "</body></html>")
    assert body is not None
    expected = _byline_marked_plainly(body)
    assert len(expected) > 10
    assert list(_byline_candidates(body)) == expected


def test_an_agency_start_is_found_exactly_when_an_in_test_finds_it() -> None:
    starts = cv._AGENCY_STARTS
    texts = ["", "no agency named here", "photo: ap", "AAP", "aP", "Getty", "(Pool)"]
    for i, start in enumerate(starts):
        texts += [start, f"Photo by Jane Doe/{start}", start.lower(), start[:-1], start[1:]]
        texts.append(f"{start[: len(start) // 2]} {starts[(i + 7) % len(starts)][1:]}")
    for text in texts:
        assert cv._may_name_agency(text) == any(start in text for start in starts), text


def test_a_tracker_is_found_exactly_when_an_in_test_finds_its_host() -> None:
    urls = ["", "https://example.com/app.js", "HTTPS://WWW.GOOGLE-ANALYTICS.COM/ga.js"]
    for host in metadata.TRACKER_HOSTS:
        urls += [f"https://{host}/x.js", f"//cdn.{host.upper()}/p.gif", host[:-1], host[1:]]
    for url in urls:
        lowered = url.lower()
        expected = any(host in lowered for host in metadata.TRACKER_HOSTS)
        assert metadata._is_tracker(url) == expected, url


def test_json_ld_in_cdata_or_comments_reads_as_without() -> None:
    plain = '{"@type": "NewsArticle", "headline": "A <b>]] x"}'
    for wrapped in (f"//<![CDATA[\n{plain}\n//]]>", f"<![CDATA[{plain}]]>", f" {plain} "):
        assert metadata.parse_json_ld(wrapped) == metadata.parse_json_ld(plain), wrapped


def test_binary_kind_counts_control_bytes_as_a_regex_does() -> None:
    control = re.compile(rb"[\x01-\x08\x0e-\x1a\x1c-\x1f]")
    for byte in range(256):
        for share in (1, 9, 10, 11, 50):
            sample = bytes([byte]) * share + b"a" * (100 - share)
            expected = "binary data" if len(control.findall(sample)) * 10 > len(sample) else None
            if sample.count(0) * 200 > len(sample):
                expected = "binary data"  # NUL bytes are counted on their own, first
            assert binary_kind(sample) == expected, (byte, share)


@pytest.mark.parametrize(
    "page",
    [
        "<p>no body tag",
        "<html><body class=a><p>x</p></body></html>",
        "<head><noscript><body class=early><p>a</noscript></head><body class=late><p>b",
        "<html><head><body class=a><p>x</head><body class=b>",
        "<body class=a><body class=b><p>x",
        "<svg><body class=a></svg><body class=b>",
        "<head><title>t</title></head><frameset><frame src=a></frameset>",
        "<table><body class=a><tr><td>x",
        "<!-- c --><body class=a><p>x",
    ],
)
def test_the_page_body_is_the_first_body_in_document_order(page: str) -> None:
    root = parse_html(page)
    assert root is not None
    assert metadata.page_body(root) is next(root.iter("body"), None)


def test_titled_is_the_marker_words_test() -> None:
    values = ["", "Title", "page-title", "pageTitle", "HEADLINE", "head line", "titles", "sub"]
    values += ["t\u0130tle", "x-headline-y", "entry-title-link", "headlines", "tit"]
    parts = []
    for i, class_ in enumerate(values):
        for j, id_ in enumerate(values):
            if (i + j) % 3 == 0:
                id_ = "how-to-read-the-page-title"  # an anchor slug: its words say nothing
            attributes = (f' class="{class_}"' if class_ else "") + (f' id="{id_}"' if id_ else "")
            parts.append(f"<div{attributes}><h2>A heading {i} {j}</h2></div>")
    root = parse_html("<html><body>" + "".join(parts) + "</body></html>")
    assert root is not None
    elements = list(root.iter("div"))
    expected = [bool(marker_words(el) & {"headline", "title"}) for el in elements]
    assert sum(expected) > 20
    assert [lead._titled(el) for el in elements] == expected
