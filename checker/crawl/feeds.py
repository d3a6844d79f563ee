"""RSS and Atom feeds advertised by the home page (`<link rel="alternate">`), read with
feedparser, and WordPress's REST API (`/wp-json/wp/v2/posts`), page by page."""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import urljoin

import feedparser
import lxml.html

from checker.fetch import Fetcher, FetchError

FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/feed+json"})
WP_POSTS = "/wp-json/wp/v2/posts"
WP_PER_PAGE = 100  # WordPress's largest page
WP_MAX_PAGES = 1000  # a guard against an API that never ends


def advertised_feeds(body: bytes, base: str) -> list[str]:
    """The feeds a page advertises, resolved against its address."""
    if not body.strip():
        return []
    try:
        tree = lxml.html.fromstring(body)
    except (ValueError, lxml.etree.ParserError):
        return []
    found = []
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        if "alternate" in rel and kind in FEED_TYPES and (href := link.get("href")):
            found.append(urljoin(base, href.strip()))
    return list(dict.fromkeys(found))


def feed_urls(fetcher: Fetcher, feed: str) -> Iterator[str]:
    """The entries' links of one feed; a feed that cannot be fetched gives none."""
    try:
        fetched = fetcher.get(feed)
    except FetchError:
        return
    parsed = feedparser.parse(fetched.body)
    for entry in parsed.entries:
        link = entry.get("link")
        if isinstance(link, str) and link.strip():
            yield urljoin(fetched.url, link.strip())


def wp_posts(fetcher: Fetcher, home: str) -> Iterator[str]:
    """Each post's `link` from the WordPress REST API, until a page is empty or refused
    (WordPress answers 400 past the last page; a site without the API answers 404)."""
    for number in range(1, WP_MAX_PAGES + 1):
        url = urljoin(home, f"{WP_POSTS}?per_page={WP_PER_PAGE}&page={number}")
        try:
            posts = json.loads(fetcher.get(url).body)
        except (FetchError, ValueError):
            return
        if not isinstance(posts, list) or not posts:
            return
        for post in posts:
            link = post.get("link") if isinstance(post, dict) else None
            if isinstance(link, str) and link.strip():
                yield urljoin(home, link.strip())
        # No stop on a short page: a site may cap per_page lower than asked; the next page
        # answers empty or 400.
