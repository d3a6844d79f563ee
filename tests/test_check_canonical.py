from __future__ import annotations

from typing import Any

import pytest

from checker.checks import get_check
from checker.checks.base import Hit, Source
from checker.document import Block, Document, Metadata

ORIGINAL = "https://www.propublica.org/article/oregon-hospitals-stop-suing-patients"
SELF = "https://partner.example.org/news/oregon-hospitals/"


def article(canonical: str = "", robots: str = "", **meta: Any) -> Document:
    metadata = Metadata(
        canonical=canonical,
        robots=robots,
        meta_tags=meta.get("tags", {}),
        front_matter=meta.get("front", {}),
    )
    return Document("a.html", "html", "T", (Block("p", "Text.", 0, 5, 1),), metadata=metadata)


def hits(doc: Document, accept: str = "either", url: str = ORIGINAL) -> list[Hit]:
    kind = get_check("canonical")
    assert kind is not None
    return list(
        kind.run(doc, Source(url=url, url_from="command line"), {**kind.defaults, "accept": accept})
    )


@pytest.mark.parametrize(
    "doc",
    [
        article(canonical=ORIGINAL.replace("https://www.", "http://") + "/"),
        article(canonical=SELF, robots="noindex, follow"),
        article(canonical=SELF, tags={"googlebot-news": "noindex"}),
        article(tags={"syndication-source": ORIGINAL}),
        article(tags={"original-source": ORIGINAL}),
        article(front={"noindex": True}),
    ],
)
def test_either_accepts_a_canonical_link_or_noindex(doc: Document) -> None:
    assert hits(doc) == []


def test_a_self_canonical_outweighs_the_legacy_tag() -> None:
    (hit,) = hits(article(canonical=SELF, tags={"syndication-source": ORIGINAL}))
    assert f"points to {SELF}" in hit.detail


def test_nothing_at_all() -> None:
    (hit,) = hits(article())
    assert hit.detail == f"no canonical link to the original ({ORIGINAL}) and no noindex robots tag"


def test_a_pack_may_demand_canonical() -> None:
    (hit,) = hits(article(canonical=SELF, robots="noindex"), accept="canonical")
    assert "these terms ask for a canonical link" in hit.detail
    assert hits(article(canonical=ORIGINAL), accept="canonical") == []


def test_a_pack_may_demand_noindex() -> None:
    (hit,) = hits(article(canonical=ORIGINAL), accept="noindex")
    assert "a canonical link to the original is not enough" in hit.detail


def test_an_unknown_original_is_said_so() -> None:
    (hit,) = hits(article(canonical=SELF), url="")
    assert "--source-url" in hit.detail
