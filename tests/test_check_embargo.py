from __future__ import annotations

import datetime as dt

import pytest

from checker.checks import get_check
from checker.checks.base import Hit, Source
from checker.checks.embargo import parse_date
from checker.document import Block, Document, Metadata
from checker.findings import Severity


def doc(text: str, published: str = "") -> Document:
    return Document(
        "a.html", "html", "T", (Block("p", text, 0, 4, 1),), metadata=Metadata(published=published)
    )


def hits(article: Document, source: Document, **params: object) -> list[Hit]:
    kind = get_check("embargo")
    assert kind is not None
    return list(kind.run(article, Source(document=source), {**kind.defaults, **params}))


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Jan. 7, 2023", dt.date(2023, 1, 7)),
        ("until 12:01 a.m. EDT on April 8, 2025", dt.date(2025, 4, 8)),
        ("7 January 2023", dt.date(2023, 1, 7)),
        ("2023-01-07T05:00:00-05:00", dt.date(2023, 1, 7)),
        ("Sept. 30, 2024", dt.date(2024, 9, 30)),
        ("no date here", None),
        ("Feb. 30, 2024", None),
    ],
)
def test_parse_date(text: str, date: dt.date | None) -> None:
    assert parse_date(text) == date


NOTE = "This article is not subject to ProPublica’s Creative Commons license until Jan. 7, 2023."


def test_delayed_licence_against_the_article_date() -> None:
    (early,) = hits(doc("Text.", "2023-01-05"), doc(NOTE))
    assert (
        early.detail == "published on 2023-01-05, before the source may be republished (2023-01-07)"
    )
    assert hits(doc("Text.", "2023-01-07"), doc(NOTE)) == []


def test_an_article_without_a_date_is_a_warning() -> None:
    (hit,) = hits(doc("Text."), doc(NOTE))
    assert hit.at_most is Severity.WARNING


def test_blocking_notices_and_windows() -> None:
    (hit,) = hits(doc("Text.", "2025-01-01"), doc("ADVISORY: NOT FOR PUBLICATION."))
    assert "marked not to be published" in hit.detail
    assert (
        hits(doc("Text.", "2025-01-01"), doc("ADVISORY: NOT FOR PUBLICATION."), blocking=[]) == []
    )
    late = hits(doc("Text.", "2025-06-01"), doc("Story.", "2025-01-01"), max_days_after_source=90)
    assert (
        late[0].detail == "published 151 days after the original (2025-01-01); the terms allow 90"
    )
