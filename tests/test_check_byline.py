from __future__ import annotations

from typing import Any

from checker.checks import get_check
from checker.checks.base import Source
from checker.checks.byline import names_in_byline
from checker.document import Block, Document, Link, Metadata


def page(
    *texts: str,
    byline: str = "",
    authors: tuple[str, ...] = (),
    links: tuple[Link, ...] = (),
    json_ld: tuple[dict[str, Any], ...] = (),
) -> Document:
    blocks, offset = [], 0
    for text in texts:
        blocks.append(Block("p", text, offset, 1, 1))
        offset += len(text) + 2
    meta = Metadata(byline=byline, authors=authors, json_ld=json_ld)
    return Document("a.html", "html", "T", tuple(blocks), links=links, metadata=meta)


def details(article: Document, source: Document, publisher: str = "", **params: Any) -> list[str]:
    kind = get_check("byline")
    assert kind is not None
    merged = {**kind.defaults, **params}
    return [
        hit.detail
        for hit in kind.run(article, Source(document=source, publisher=publisher), merged)
    ]


def test_names_in_byline() -> None:
    assert names_in_byline("By Jane Doe and John Roe, ProPublica", "ProPublica") == [
        "Jane Doe",
        "John Roe",
    ]


def test_authors_from_the_source_byline_when_it_has_no_metadata() -> None:
    source = page("Story.", byline="by Maya Lindqvist and Ken Ito, ProPublica")
    article = page("Story.", byline="By Maya Lindqvist, ProPublica")
    assert details(article, source, "ProPublica") == [
        "the original's author Ken Ito is not credited"
    ]


def test_the_publisher_in_the_byline() -> None:
    source = page("Story.", authors=("Maya Lindqvist",))
    plain = page("Story.", byline="By Maya Lindqvist")
    assert details(plain, source, "ProPublica", require_publisher=True) == [
        'the byline does not name ProPublica ("Author Name, ProPublica")'
    ]
    named = page("Story.", byline="By Maya Lindqvist, ProPublica")
    assert details(named, source, "ProPublica", require_publisher=True) == []


def test_institutions_from_json_ld_affiliation() -> None:
    person = {
        "@type": "Person",
        "name": "Priya Raman",
        "affiliation": {"name": "University of Arizona"},
    }
    source = page(
        "Story.", authors=("Priya Raman",), json_ld=({"@type": "NewsArticle", "author": [person]},)
    )
    article = page("Story.", "Priya Raman, Associate Professor")
    assert details(article, source, where="anywhere", institutions=True) == [
        "the author's institution, University of Arizona, is not credited"
    ]


def test_an_ap_dateline_with_an_em_dash() -> None:
    source = page("WASHINGTON (AP) — The Senate voted on Tuesday.")
    kept = page("WASHINGTON (AP) - The Senate voted on Tuesday.")
    cut = page("The Senate voted on Tuesday.")
    assert details(kept, source, dateline=True) == []
    assert details(cut, source, dateline=True) == [
        'the dateline "WASHINGTON (AP) —" of the original is missing'
    ]
