"""Declared source: which articles say where they come from, and what they say (checker.declared)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.declared import SourceHint, declared_source
from checker.loaders import load_file

BODY = (
    "<article><h1>Tariffs rise</h1><p>Tariffs rose sharply this week, officials said.</p></article>"
)


def page(tmp_path: Path, head: str, name: str = "a.html") -> str:
    path = tmp_path / name
    path.write_text(f"<html><head><title>T</title>{head}</head><body>{BODY}</body></html>")
    return str(path)


def declared(path: str, hint: SourceHint | None = None):  # type: ignore[no-untyped-def]
    return declared_source(load_file(path), hint)


def test_a_page_with_no_declaration_declares_nothing(tmp_path: Path) -> None:
    assert declared(page(tmp_path, "")) is None


@pytest.mark.parametrize("name", ["syndication-source", "original-source"])
def test_google_news_meta_tags_declare_the_original(tmp_path: Path, name: str) -> None:
    url = "https://www.reuters.com/world/tariffs-2025"
    found = declared(page(tmp_path, f'<meta name="{name}" content="{url}">'))
    assert found is not None
    assert (found.url, found.url_from, found.source) == (url, f"meta {name}", "")


def test_a_meta_tag_that_is_not_a_url_declares_nothing(tmp_path: Path) -> None:
    assert declared(page(tmp_path, '<meta name="syndication-source" content="Reuters">')) is None


def test_json_ld_is_based_on_gives_the_url_and_the_publisher(tmp_path: Path) -> None:
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "isBasedOn": {
            "@type": "NewsArticle",
            "url": "https://theconversation.com/story-123",
            "publisher": {"@type": "Organization", "name": "The Conversation"},
        },
    }
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    found = declared(page(tmp_path, head))
    assert found is not None
    assert found.url == "https://theconversation.com/story-123"
    assert found.publisher == "The Conversation"
    assert found.how == ("JSON-LD isBasedOn",)


def test_json_ld_is_based_on_as_a_plain_url(tmp_path: Path) -> None:
    ld = {"@type": "Article", "isBasedOn": ["https://example.org/original"]}
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    found = declared(page(tmp_path, head))
    assert found is not None and found.url == "https://example.org/original"


def test_a_canonical_to_another_site_declares_it(tmp_path: Path) -> None:
    head = (
        '<meta property="og:url" content="https://ournews.example/2025/tariffs">'
        '<link rel="canonical" href="https://www.propublica.org/article/tariffs">'
    )
    found = declared(page(tmp_path, head))
    assert found is not None
    assert found.url == "https://www.propublica.org/article/tariffs"
    assert found.how == ("canonical link to another site",)


def test_a_canonical_to_the_same_site_declares_nothing(tmp_path: Path) -> None:
    head = (
        '<meta property="og:url" content="https://www.ournews.example/2025/tariffs?utm=x">'
        '<link rel="canonical" href="https://ournews.example/2025/tariffs">'
    )
    assert declared(page(tmp_path, head)) is None


def test_a_canonical_on_a_page_with_no_address_of_its_own_declares_nothing(tmp_path: Path) -> None:
    # A local file with no og:url, <base> or url: its canonical may well be its own.
    head = '<link rel="canonical" href="https://www.propublica.org/article/tariffs">'
    assert declared(page(tmp_path, head)) is None


def test_front_matter_wins_and_its_path_is_relative_to_the_article(tmp_path: Path) -> None:
    folder = tmp_path / "content" / "news"
    folder.mkdir(parents=True)
    article = folder / "a.md"
    article.write_text(
        "---\nsource: ../sources/s.html\nsource_publisher: Bloomberg\n---\nTariffs rose.\n"
    )
    found = declared(str(article), SourceHint(source_url="https://other.example/x"))
    assert found is not None
    assert Path(found.source) == folder / "../sources/s.html"
    assert found.publisher == "Bloomberg"
    # The URL comes from the configuration, the only declaration that gives one.
    assert (found.url, found.url_from) == ("https://other.example/x", "configuration")
    assert found.how == ("front matter", "configuration")


def test_a_configuration_override_alone_declares_a_source(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("---\ntitle: Wire copy\n---\nTariffs rose.\n")
    assert declared(str(article)) is None
    found = declared(str(article), SourceHint(publisher="Wire Service"))
    assert found is not None and found.publisher == "Wire Service" and found.url == ""
