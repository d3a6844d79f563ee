from __future__ import annotations

import pytest

from checker.urls import normalise_url, registrable_domain

ORIGINAL = "https://www.bloomberg.com/news/articles/2025-04-04/us-russia-talks"


@pytest.mark.parametrize(
    "variant",
    [
        "http://bloomberg.com/news/articles/2025-04-04/us-russia-talks",
        "https://www.bloomberg.com/news/articles/2025-04-04/us-russia-talks/",
        "https://WWW.Bloomberg.com:443/news/articles/2025-04-04/us-russia-talks#comments",
        "https://www.bloomberg.com/news/articles/2025-04-04/us-russia-talks?utm_source=tw&fbclid=x",
    ],
)
def test_variants_of_the_same_page_normalise_alike(variant: str) -> None:
    assert normalise_url(variant) == normalise_url(ORIGINAL)


@pytest.mark.parametrize(
    "other",
    [
        "https://www.bloomberg.com/",
        "https://www.bloomberg.com/news/articles/2025-04-04/other-story",
        "https://bloomberg.com.example.net/news/articles/2025-04-04/us-russia-talks",
        "https://www.bloomberg.com/news/articles/2025-04-04/us-russia-talks?page=2",
    ],
)
def test_other_pages_stay_different(other: str) -> None:
    assert normalise_url(other) != normalise_url(ORIGINAL)


def test_registrable_domain_uses_the_public_suffix_list() -> None:
    assert registrable_domain("https://news.bbc.co.uk/x") == "bbc.co.uk"
    assert registrable_domain("https://bloomberg.com.example.net/") == "example.net"
    assert registrable_domain("www.bloomberg.com") == "bloomberg.com"
