"""`tracker`: the publisher's tracking code is on the page, unmodified, for the right story.

- ProPublica: "include all of the links from our story, as well as our PixelPing tag":
  `<script src="https://pixel.propublica.org/pixel.js" async>`.
- The Conversation: "You must use our page view counter": an image
  `https://counter.theconversation.com/content/{ID}/count.gif?distributor=...`, where ID is the
  number that ends the original article's URL.
- Republication Tracker Tool (WordPress plugin used by CalMatters and other INN members):
  `<img id="republication-tracker-tool-source" src="{origin}/?republication-pixel=true&post={ID}">`
  on the original publisher's site, for the original's post ID.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import parse_qs, urlsplit

from checker.check_support.reuse import anchor
from checker.checks.base import CheckKind, Hit, Source
from checker.checks.original_link import original_urls
from checker.document import Document
from checker.lazy_pattern import LazyPattern
from checker.text import shorten
from checker.urls import host_of, registrable_domain

KINDS = ("propublica", "the-conversation", "republication-tracker-tool")
_COUNTER = LazyPattern(r"counter\.theconversation\.(?:com|edu\.au)/content/(\d+)/count\.gif", re.I)
_ARTICLE_ID = LazyPattern(r"theconversation\.(?:com|edu\.au)/(?:[\w-]+/)*[\w-]*?-?(\d{3,})/?$")


def page_resources(article: Document) -> list[str]:
    """Every script, pixel and image URL of the page, in order."""
    meta = article.metadata
    urls = [*meta.scripts, *meta.tracking_pixels, *(image.src for image in article.images)]
    return list(dict.fromkeys(url for url in urls if url))


def _propublica(urls: list[str], source: Source) -> str | None:
    pixel = [u for u in urls if host_of(u) == "pixel.propublica.org"]
    if any(urlsplit(u).path.endswith("/pixel.js") for u in pixel):
        return None
    if pixel:
        return f"the ProPublica tracker was changed: {shorten(pixel[0], 100)} is not pixel.js"
    return "no ProPublica PixelPing script (https://pixel.propublica.org/pixel.js)"


def _conversation(urls: list[str], source: Source) -> str | None:
    counters = [(u, m.group(1)) for u in urls if (m := _COUNTER.search(u))]
    expected = next((m.group(1) for u in original_urls(source) if (m := _ARTICLE_ID.search(u))), "")
    if not counters:
        return (
            "no page counter of The Conversation (counter.theconversation.com/content/ID/count.gif)"
        )
    if not expected or any(found == expected for _, found in counters):
        return None
    return f"the page counter counts article {counters[0][1]}, not the original ({expected})"


def _post_id(article: Document, source: Source) -> str:
    front = article.metadata.front_matter.get("source_post_id")
    if front not in (None, ""):
        return str(front)
    if source.document is not None and source.document.metadata.post_id:
        return source.document.metadata.post_id
    for url in original_urls(source):
        query = parse_qs(urlsplit(url).query)
        for key in ("p", "post", "page_id"):
            if query.get(key, [""])[0].isdigit():
                return query[key][0]
    return ""


def _tracker_tool(urls: list[str], source: Source, article: Document) -> str | None:
    pixels = []
    for url in urls:
        query = parse_qs(urlsplit(url).query)
        if query.get("republication-pixel") == ["true"] or "republication-tracker-tool" in url:
            pixels.append((url, query.get("post", [""])[0]))
    if not pixels:
        return "no Republication Tracker Tool pixel (img#republication-tracker-tool-source)"
    sites = {registrable_domain(u) for u in original_urls(source)} - {""}
    url, post = pixels[0]
    if sites and registrable_domain(url) not in sites:
        return f"the tracking pixel reports to {host_of(url)}, not to {', '.join(sorted(sites))}"
    expected = _post_id(article, source)
    if expected and all(found != expected for _, found in pixels):
        return (
            f"the tracking pixel counts post {post or '(none)'}, not the original (post {expected})"
        )
    return None


def run(article: Document, source: Source, params: Mapping[str, Any]) -> Iterator[Hit]:
    urls = page_resources(article)
    kind: str = params["kind"]
    if kind == "propublica":
        problem = _propublica(urls, source)
    elif kind == "the-conversation":
        problem = _conversation(urls, source)
    else:
        problem = _tracker_tool(urls, source, article)
    if problem:
        line, column = anchor(article)
        yield Hit(problem, line, column, values={"tracker": kind})


def _validate(params: Mapping[str, Any]) -> None:
    if params["kind"] not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}")


CHECK = CheckKind(
    name="tracker",
    run=run,
    description="The publisher's tracking pixel or script is present, for the original story.",
    defaults={"kind": "propublica"},
    validate=_validate,
)
