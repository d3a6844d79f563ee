"""Sitemaps with ultimate-sitemap-parser, fetched through our fetcher.

usp lets the caller supply its web client (`AbstractWebClient`), so every sitemap request
goes through `Fetcher`: address vetting, the size cap, the cache, per-origin spacing and the
robots.txt `permit` hook (a sitemap URL that robots.txt disallows is never fetched). usp
handles sitemap indexes, gzipped sitemaps, news sitemaps, plain-text and RSS/Atom sitemaps.
Errors are answered as not retryable: usp would otherwise retry a 500 five times, a second
apart, which a polite crawler does not.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from urllib.parse import urljoin

from usp.exceptions import SitemapException
from usp.fetch_parse import SitemapFetcher
from usp.objects.sitemap import AbstractSitemap
from usp.tree import sitemap_tree_for_homepage
from usp.web_client.abstract_client import (
    AbstractWebClient,
    AbstractWebClientResponse,
    AbstractWebClientSuccessResponse,
    WebClientErrorResponse,
)

from checker.fetch import Fetched, Fetcher, FetchError

# usp logs every missing guessed path as a warning; the crawl reports what matters itself.
logging.getLogger("usp").setLevel(logging.CRITICAL)


class _Success(AbstractWebClientSuccessResponse):
    def __init__(self, fetched: Fetched) -> None:
        self._fetched = fetched

    def status_code(self) -> int:
        return self._fetched.status

    def status_message(self) -> str:
        return "OK"

    def header(self, case_insensitive_name: str) -> str | None:
        if case_insensitive_name.lower() == "content-type":
            return self._fetched.content_type or None
        return None

    def raw_data(self) -> bytes:
        return self._fetched.body

    def url(self) -> str:
        return self._fetched.url


class _Error(WebClientErrorResponse):
    pass


class FetcherClient(AbstractWebClient):
    """usp's web client over our fetcher; `failures` keeps (url, problem) of each failure."""

    def __init__(self, fetcher: Fetcher) -> None:
        self.fetcher = fetcher
        self.failures: list[tuple[str, str]] = []

    def set_max_response_data_length(self, max_response_data_length: int | None) -> None:
        pass  # the fetcher's own cap (FetchPolicy.max_bytes) applies to every response

    def get(self, url: str) -> AbstractWebClientResponse:
        try:
            return _Success(self.fetcher.get(url))
        except FetchError as error:
            self.failures.append((url, error.problem))
            return _Error(error.problem, retryable=False)


def _pages(tree: AbstractSitemap) -> Iterator[str]:
    for page in tree.all_pages():
        yield page.url


def sitemap_urls(client: FetcherClient, sitemaps: list[str], home: str) -> Iterator[str]:
    """Page URLs from the sitemaps robots.txt names (or SITE itself, when it is a sitemap);
    when there are none, from the paths where sites commonly put them, as usp guesses."""
    try:
        if sitemaps:
            for url in sitemaps:
                yield from _pages(SitemapFetcher(urljoin(home, url), 0, client).sitemap())
            return
        yield from _pages(sitemap_tree_for_homepage(home, client, use_robots=False))
    except SitemapException as error:  # a bad URL or a recursion usp refuses: no pages from it
        client.failures.append((home, str(error)))
