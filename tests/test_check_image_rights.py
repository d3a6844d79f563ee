from __future__ import annotations

from typing import Any

import pytest

from checker.checks import get_check
from checker.checks.base import Source
from checker.checks.image_rights import file_key
from checker.document import Block, Document, Image


def page(*images: Image) -> Document:
    return Document("a.html", "html", "T", (Block("p", "Text.", 0, 1, 1),), images=images)


def details(article: Document, source: Document, **params: Any) -> list[str]:
    kind = get_check("image-rights")
    assert kind is not None
    return [
        hit.detail
        for hit in kind.run(article, Source(document=source), {**kind.defaults, **params})
    ]


@pytest.mark.parametrize(
    ("src", "key"),
    [
        ("https://site.org/wp-content/uploads/2025/04/photo-1024x683.jpg", "photo.jpg"),
        ("https://cdn.org/files/photo.jpg?w=1200&q=80", "photo.jpg"),
        ("https://site.org/uploads/photo-scaled.jpg", "photo.jpg"),
        ("https://site.org/a.jpg", ""),
    ],
)
def test_file_key(src: str, key: str) -> None:
    assert file_key(src) == key


AGENCY = Image(src="https://cdn.org/files/heat.jpg", credit="Mario Tama/Getty Images")
CHART = Image(src="https://cdn.org/files/chart.png", credit="Priya Raman, CC BY-ND")
FORBIDDEN = [r"\bGetty\b"]


def test_forbid_only_what_the_pack_names() -> None:
    source = page(AGENCY, CHART)
    copied = Image(
        src="https://partner.org/uploads/heat-800x600.jpg", credit="Mario Tama/Getty Images"
    )
    assert len(details(page(copied), source, forbidden=FORBIDDEN)) == 1
    assert details(page(CHART), source, forbidden=FORBIDDEN) == []
    assert len(details(page(CHART), source)) == 1  # with no list every source image is forbidden
    assert details(page(CHART), source, allowed=["CC BY"]) == []


def test_same_credit_counts_as_the_same_image() -> None:
    other_file = Image(src="https://partner.org/uploads/x1.jpg", credit="Mario Tama/Getty Images")
    (detail,) = details(page(other_file), page(AGENCY))
    assert 'the same credit, "Mario Tama/Getty Images"' in detail


def test_keep_credit_mode() -> None:
    source = page(Image(src="https://r.com/v2/ABC123.jpg", credit="REUTERS/Hannah McKay"))
    kept = Image(src="https://p.org/ABC123-1024x683.jpg", caption="The bank. REUTERS/Hannah McKay")
    lost = Image(src="https://p.org/ABC123-1024x683.jpg", credit="Photo: Reuters")
    assert details(page(kept), source, mode="keep-credit") == []
    assert len(details(page(lost), source, mode="keep-credit")) == 1
