"""`links-kept`: every link of the original story's body is in the republished article.

ProPublica: "If you're republishing online, you have to link to us and to include all of the
links from our story"; the Texas Tribune and Global Press Journal ask the same. URLs are
compared after normalisation (scheme, `www.`, trailing slash, tracking parameters); links of
the source to itself and whatever `ignore` matches (newsletter sign-ups) are not required.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any
from urllib.parse import urljoin

from checker.check_support.reuse import anchor
from checker.checks.base import CheckKind, Hit, Source
from checker.checks.original_link import original_urls
from checker.document import Block, Document, Link
from checker.patterns import search_any
from checker.plural import plural
from checker.text import shorten
from checker.urls import is_web_url, normalise_url


def required_links(source: Source, ignore: list[str]) -> dict[str, Link]:
    """The source body's links by normalised URL, relative ones resolved against its URL."""
    if source.document is None:
        return {}
    base = source.url or source.document.metadata.url
    own = original_urls(source)
    patterns = [str(pattern) for pattern in ignore]
    wanted: dict[str, Link] = {}
    for link in source.document.body_links:
        url = link.url if is_web_url(link.url) else urljoin(base, link.href) if base else ""
        key = normalise_url(url)
        if is_web_url(url) and key not in own and not search_any(patterns, url):
            wanted.setdefault(key, replace(link, url=url))
    return wanted


def _block_with(article: Document, text: str) -> Block | None:
    if len(text) < 3:
        return None
    pattern = re.compile(r"\s+".join(re.escape(word) for word in text.split()), re.I)
    return next((block for block in article.blocks if pattern.search(block.text)), None)


def run(article: Document, source: Source, params: Mapping[str, Any]) -> Iterator[Hit]:
    wanted = required_links(source, params["ignore"])
    present = {normalise_url(link.url) for link in article.links}
    by_text = {" ".join(link.text.split()).lower(): link for link in article.body_links}
    missing = [(key, link) for key, link in wanted.items() if key not in present]
    limit: int = params["max_findings"]
    for key, link in missing[:limit]:
        text = " ".join(link.text.split())
        block = _block_with(article, text)
        line, column = (block.line, block.column) if block else anchor(article)
        moved = by_text.get(text.lower()) if text else None
        if moved is not None:
            detail = f'the link "{shorten(text, 60)}" now goes to {moved.url}, not to {link.url}'
        elif block is not None:
            detail = f'the words "{shorten(text, 60)}" no longer link to {link.url}'
        else:
            detail = f'the link "{shorten(text, 60) or link.url}" ({link.url}) was left out'
        yield Hit(detail, line, column, evidence=f"{text} -> {key}", values={"url": link.url})
    if len(missing) > limit:
        line, column = anchor(article)
        yield Hit(f"and {plural(len(missing) - limit, 'more link')} of the original", line, column)


CHECK = CheckKind(
    name="links-kept",
    run=run,
    description="Every link of the original story's body is kept in the article.",
    defaults={"ignore": [], "max_findings": 25},
    regex_params=frozenset({"ignore"}),
)
