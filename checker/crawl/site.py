"""`syndicheck crawl SITE`: find a site's articles as crawlers do, fetch each politely, and
write the audit manifest (JSON Lines: url, path, source, status, error, found_via).

Discovery, in order (a URL keeps the first way it was found): the sitemaps robots.txt names
(or SITE itself when it is a sitemap; else the usual sitemap paths), the RSS/Atom feeds the
home page advertises, the WordPress REST API. Only the site's own origin is crawled. Every
request goes through one `Fetcher`, whose `permit` hook applies robots.txt (politeness.py).
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

from checker.audit.progress import Progress, Silent
from checker.crawl.feeds import advertised_feeds, feed_urls, wp_posts
from checker.crawl.pages import PageStore, declared_url
from checker.crawl.robots import REFUSED, Politeness, origin_of
from checker.crawl.sitemaps import FetcherClient, sitemap_urls
from checker.crawl.state import CrawlState
from checker.errors import UsageError
from checker.fetch import Fetcher, FetchError, FetchPolicy
from checker.output import write_report
from checker.urls import is_web_url
from checker.version import __version__

USER_AGENT = f"syndicheck/{__version__} (+https://pypi.org/project/syndicheck/)"
DAY = 86_400.0
_SITEMAP_ENDINGS = (".xml", ".xml.gz", ".gz", ".txt")


@dataclass(frozen=True)
class CrawlConfig:
    site: str
    out: str = "crawl.jsonl"
    cache_dir: str = ".syndicheck/crawl"
    state: str | None = None  # None: beside `out` (out + ".state.sqlite")
    delay: float = 1.0  # seconds between requests to one origin (robots' Crawl-delay if larger)
    user_agent: str = USER_AGENT
    max_pages: int | None = None
    allow_private: bool = False
    cache_ttl: float = DAY  # a cached page younger than this is not asked for again
    timeout: float = 10.0
    max_bytes: int = FetchPolicy.max_bytes  # a larger page is a recorded failure

    @property
    def state_path(self) -> str:
        return self.state or f"{self.out}.state.sqlite"

    def policy(self) -> FetchPolicy:
        return FetchPolicy(
            allow_private=self.allow_private,
            timeout=self.timeout,
            deadline=self.timeout * 3,  # a page that drips in slowly fails too
            min_interval=self.delay,
            max_bytes=self.max_bytes,
            cache_dir=str(Path(self.cache_dir) / "http"),
            user_agent=self.user_agent,
            cache_ttl=self.cache_ttl,
            cache_private=True,  # the user named the folder: its pages are the crawl's output
        )


def site_manifest(cache_dir: str, site: str) -> str:
    """Where `audit --site` keeps the crawl's manifest: one per site, in the crawl cache."""
    digest = hashlib.sha256(site.encode("utf-8")).hexdigest()[:16]
    return str(Path(cache_dir) / "sites" / f"{digest}.jsonl")


@dataclass(frozen=True)
class CrawlOutcome:
    out: str
    lines: tuple[dict[str, Any], ...]
    requests: int  # sent over the network by this run (cache hits are not requests)
    refused: int  # URLs robots.txt disallows: never requested
    seconds: float
    complete: bool  # False when --max-pages stopped it before the frontier was empty

    def summary(self) -> str:
        failed = sum(1 for line in self.lines if line["error"] and line["error"] != REFUSED)
        declared = sum(1 for line in self.lines if line["source"])
        return (
            f"Crawled {len(self.lines)} pages into {self.out} in {self.seconds:.1f} s:"
            f" {declared} declare a source, {failed} could not be fetched,"
            f" {self.refused} refused by robots.txt; {self.requests} requests\n"
        )


def fetched_only(outcome: CrawlOutcome) -> str:
    """For `audit --site`: a manifest beside the crawl's holding only the pages it fetched.
    The failures stay in the crawl's manifest and its summary; they are the site's broken
    links, not inputs the audit could not read, so they do not make the audit exit 2."""
    path = str(Path(outcome.out).with_suffix(".fetched.jsonl"))
    kept = [line for line in outcome.lines if line["path"]]
    write_report(path, "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in kept))
    return path


def _split_site(site: str) -> tuple[str, str | None]:
    """(home page, sitemap URL or None) from SITE."""
    if not is_web_url(site):
        raise UsageError(site, "SITE must be an http(s) URL of a home page or a sitemap")
    path = urlsplit(site).path.lower()
    if path.endswith(_SITEMAP_ENDINGS) or "sitemap" in path.rsplit("/", 1)[-1]:
        return urljoin(site, "/"), site
    return site, None


def _same_site(url: str, home: str) -> bool:
    return is_web_url(url) and origin_of(url) == origin_of(home)


def _discover(
    fetcher: Fetcher, politeness: Politeness, home: str, sitemap: str | None
) -> Iterator[tuple[str, str]]:
    client = FetcherClient(fetcher)
    sitemaps = [sitemap] if sitemap else politeness.robots(home).sitemaps()
    for url in sitemap_urls(client, sitemaps, home):
        yield url, "sitemap"
    try:
        front = fetcher.get(home)
    except FetchError:
        front = None
    if front is not None:
        for feed in advertised_feeds(front.body, front.url):
            for url in feed_urls(fetcher, feed):
                yield url, "feed"
    for url in wp_posts(fetcher, home):
        yield url, "wp-api"


def _visit(fetcher: Fetcher, store: PageStore, url: str, via: str) -> dict[str, Any]:
    line: dict[str, Any] = {"url": url, "path": None, "source": None, "status": None,
                            "error": None, "found_via": via}  # fmt: skip
    try:
        fetched = fetcher.get(url)
    except FetchError as error:
        line.update(status=error.status, error=error.problem)
        return line
    # A page is named by where it was found to be (after redirects): a shortlink and the
    # story it leads to are one article, listed once.
    path = store.save(fetched.url, fetched)
    line.update(url=fetched.url, path=path, status=fetched.status)
    line.update(source=declared_url(fetched, fetched.url, path))
    return line


def crawl(
    config: CrawlConfig,
    progress: Progress | None = None,
    on_page: Callable[[dict[str, Any]], None] | None = None,
) -> CrawlOutcome:
    """Crawl `config.site` (resuming its state if a run was cut short); write the manifest."""
    started = time.monotonic()
    home, sitemap = _split_site(config.site)
    if config.max_pages is not None and config.max_pages < 1:
        raise UsageError(None, "--max-pages must be at least 1")
    fetcher = Fetcher(config.policy())
    politeness = Politeness(fetcher, config.delay)
    store = PageStore(str(Path(config.cache_dir) / "pages"))
    state = CrawlState(config.state_path, config.site, config.cache_ttl)
    progress = progress or Silent()
    try:
        if state.get("status") == "discovering":
            found = [
                (urldefrag(url).url, via)
                for url, via in _discover(fetcher, politeness, home, sitemap)
                if _same_site(url, home)
            ]
            state.add(found)
            state.put("status", "crawling")
        done = state.tried()
        pending = list(state.pending())
        progress.start(len(pending), "crawl")
        complete = True
        for seq, url, via in pending:
            if config.max_pages is not None and done >= config.max_pages:
                complete = False
                break
            if politeness.allowed(url):
                line = _visit(fetcher, store, url, via)
                done += 1
            else:  # never requested: listed, so that the manifest says why it is missing
                line = {"url": url, "path": None, "source": None, "status": None,
                        "error": REFUSED, "found_via": via}  # fmt: skip
            state.record(seq, url, line)
            progress.advance()
            if on_page is not None:
                on_page(line)
        if complete:  # else a later run with a larger --max-pages goes on from here
            state.complete()
        lines = state.lines()
    finally:
        progress.close()
        state.close()
    write_report(config.out, "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines))
    refused = sum(1 for line in lines if line["error"] == REFUSED)
    return CrawlOutcome(
        config.out, tuple(lines), fetcher.requests, refused, time.monotonic() - started,
        complete,
    )  # fmt: skip
