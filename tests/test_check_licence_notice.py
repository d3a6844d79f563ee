from __future__ import annotations

import pytest

from checker.checks import get_check
from checker.checks.base import Source
from checker.checks.licence_notice import Licence, parse_licence
from checker.document import Block, Document, Image, Link


@pytest.mark.parametrize(
    ("url", "licence"),
    [
        ("https://creativecommons.org/licenses/by-nd/4.0/", Licence("by-nd", "4.0")),
        ("http://creativecommons.org/licenses/by-nc-nd/3.0/us/", Licence("by-nc-nd", "3.0", "us")),
        ("https://creativecommons.org/licenses/by/4.0/legalcode", Licence("by", "4.0")),
        ("https://creativecommons.org/publicdomain/zero/1.0/", Licence("zero", "1.0")),
        ("https://example.org/licenses/by/4.0/", None),
    ],
)
def test_parse_licence(url: str, licence: Licence | None) -> None:
    assert parse_licence(url) == licence


def page(text: str, *links: Link, images: tuple[Image, ...] = ()) -> Document:
    return Document("a.html", "html", "T", (Block("p", text, 0, 9, 1),), links=links, images=images)


def details(doc: Document, **params: object) -> list[str]:
    kind = get_check("licence-notice")
    assert kind is not None
    merged = {**kind.defaults, "licence": "by-nd", "version": "4.0", **params}
    return [hit.detail for hit in kind.run(doc, Source(), merged)]


ND = "https://creativecommons.org/licenses/by-nd/4.0/"


def test_named_and_linked() -> None:
    text = (
        "Republished under a Creative Commons Attribution-NoDerivatives 4.0 International License."
    )
    assert details(page(text, Link(ND, ND, "Creative Commons ... License"))) == []


def test_a_link_only_in_the_site_footer_does_not_count() -> None:
    footer = Link(ND, ND, "CC BY-ND", in_body=False)
    (detail,) = details(page("Republished under a Creative Commons licence.", footer))
    assert "only outside the article" in detail


def test_the_name_alone_is_not_a_notice_unless_the_pack_says_so() -> None:
    text = "This article is republished from The Conversation under a Creative Commons license."
    assert details(page(text)) == [f"no link to the licence, CC BY-ND 4.0 ({ND})"]
    assert details(page(text), require_link=False) == []


def test_a_badge_names_the_licence() -> None:
    badge = Image(
        src="https://i.creativecommons.org/l/by-nd/4.0/88x31.png", alt="Creative Commons License"
    )
    assert details(page("Some text.", Link(ND, ND, ""), images=(badge,))) == []


def test_the_wrong_version_named_in_the_text() -> None:
    (detail,) = details(page("Licensed under CC BY-ND 3.0.", Link(ND, ND, "licence")))
    assert detail == "the article names CC BY-ND 3.0, but the licence is CC BY-ND 4.0"


def test_the_licence_comes_from_the_source_when_the_pack_names_none() -> None:
    source = page("Story.", Link(ND, ND, "CC BY-ND 4.0"))
    kind = get_check("licence-notice")
    assert kind is not None
    by = "https://creativecommons.org/licenses/by/4.0/"
    hits = list(
        kind.run(
            page("CC BY 4.0", Link(by, by, "CC BY 4.0")), Source(document=source), kind.defaults
        )
    )
    assert [hit.detail for hit in hits] == ["the licence link is to CC BY 4.0, not CC BY-ND 4.0"]
