"""Live sites: crawl a site's articles politely (`crawl`, `audit --site`) and find where our
stories were republished (`copies`). Everything goes through `checker.fetch.Fetcher`."""

from __future__ import annotations

from checker.crawl.site import CrawlConfig, CrawlOutcome, crawl

__all__ = ["CrawlConfig", "CrawlOutcome", "crawl"]
