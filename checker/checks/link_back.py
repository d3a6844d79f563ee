"""`link-back`: a link to the original article or, where the terms accept it, its publisher.

The Conversation asks republishers to "include a link back to either our home page or the
article URL": a link to theconversation.com (or an edition's front page, /us, /uk) is as good
as the article's. With `home_page: false` this is the `original-link` check.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

from checker.checks import original_link
from checker.checks.base import CheckKind, Hit, Source
from checker.document import Document
from checker.lazy_pattern import LazyPattern
from checker.urls import is_web_url, registrable_domain

_EDITION = LazyPattern(r"^/(?:[a-z]{2}(?:-[a-z]{2})?/?)?$")


def home_page_links(article: Document, source: Source, params: Mapping[str, Any]) -> list[str]:
    domains = original_link.publisher_domains(source, params)
    return [
        link.url
        for link in article.body_links
        if is_web_url(link.url)
        and registrable_domain(link.url) in domains
        and _EDITION.match(urlsplit(link.url).path or "/")
    ]


def run(article: Document, source: Source, params: Mapping[str, Any]) -> Iterator[Hit]:
    if params["home_page"] and home_page_links(article, source, params):
        return
    yield from original_link.run(article, source, params)


CHECK = CheckKind(
    name="link-back",
    run=run,
    description="A link to the original article, or to the publisher's home page if allowed.",
    # original-link's parameters, since it runs that check, plus its own.
    defaults={**original_link.CHECK.defaults, "home_page": True},
    facts=original_link.facts,
    urls=original_link.urls_to_try,
)
