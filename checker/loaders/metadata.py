"""Page metadata: <head> meta and link tags, JSON-LD, licence links and tracking pixels.

Read from the whole parsed page before anything is removed, since JSON-LD lives in <script>
elements and tracking pixels are exactly what the locator throws away.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from checker.document import Metadata
from checker.lazy_pattern import LazyLiterals, LazyPattern
from checker.loaders.tree import (
    Element,
    class_words,
    norm,
    page_body,
    resolve,
    tag_of,
    text_of,
)
from checker.urls import is_web_url

_TRAILING_COMMA = LazyPattern(r",\s*([\]}])")
_HTML_COMMENT = LazyPattern(r"<!--|-->")
_CONTROL = LazyPattern(r"[\x00-\x1f]")
_CDATA = LazyPattern(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$")

# Hosts whose images and scripts only count visits; a checker may flag them ("tracker" check).
TRACKER_HOSTS = (
    "google-analytics.com",
    "googletagmanager.com",
    "doubleclick.net",
    "facebook.com/tr",
    "connect.facebook.net",
    "mc.yandex.ru",
    "top-fwz1.mail.ru",
    "counter.yadro.ru",
    "scorecardresearch.com",
    "quantserve.com",
    "pixel.wp.com",
    "stats.wp.com",
    "bat.bing.com",
    "analytics.twitter.com",
    "ads.linkedin.com",
    "px.ads.linkedin.com",
    "hotjar.com",
    "chartbeat.com",
    "parsely.com",
    "cdn.parsely.com",
    "clarity.ms",
)


def parse_json_ld(raw: str) -> list[dict[str, Any]]:
    """JSON-LD objects from one script's text; a broken one is repaired once, then skipped."""
    raw = raw.strip()
    if "<![CDATA[" in raw or "]]>" in raw:  # what each side of _CDATA needs: most have neither
        raw = _CDATA.sub("", raw)
    if not raw:
        return []
    for attempt in (raw, _repair(raw)):
        try:
            value = json.loads(attempt)
        except (ValueError, RecursionError):
            continue
        return list(_objects(value))
    return []


def _repair(raw: str) -> str:
    # The three breakages CMSes ship most: HTML comment markers around the JSON, raw newlines
    # or tabs inside strings, and trailing commas left by templates that loop over fields.
    text = _HTML_COMMENT.sub("", raw)
    text = _CONTROL.sub(" ", text)
    return _TRAILING_COMMA.sub(r"\1", text)


def _objects(value: object, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 4:
        return
    if isinstance(value, list):
        for item in value:
            yield from _objects(item, depth + 1)
    elif isinstance(value, dict):
        graph = value.get("@graph")
        if isinstance(graph, list):
            yield from _objects(graph, depth + 1)
        if any(key != "@graph" and key != "@context" for key in value):
            yield value


def _names(value: object) -> list[str]:
    """Names out of a JSON-LD author/publisher value: a string, an object or a list of them."""
    if isinstance(value, str):
        return [norm(value)] if norm(value) else []
    if isinstance(value, dict):
        name = value.get("name")
        return [norm(name)] if isinstance(name, str) and norm(name) else []
    if isinstance(value, list):
        return [name for item in value[:20] for name in _names(item)]
    return []


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {item for item in kinds if isinstance(item, str)}


_TRACKERS = LazyLiterals(TRACKER_HOSTS)  # one scan of a URL, not 21


def _is_tracker(url: str) -> bool:
    """A tracker host is in the URL, in any case (found whenever any one of them is in it)."""
    return _TRACKERS.found_in(url.lower())


def _is_pixel(img: Element) -> bool:
    width, height = (img.get("width") or "").strip(), (img.get("height") or "").strip()
    if width in ("0", "1", "1px") and height in ("0", "1", "1px"):
        return True
    style = (img.get("style") or "").replace(" ", "").lower()
    return "width:1px" in style and "height:1px" in style


def _is_licence(url: str) -> bool:
    parts = urlsplit(url) if "://" in url else None
    if parts is None:
        return False
    host = parts.netloc.lower()
    return host.endswith("creativecommons.org") and parts.path.startswith(
        ("/licenses", "/publicdomain")
    )


def base_url(root: Element, url: str | None) -> str:
    """The URL that relative links resolve against: <base href> over the page's own URL."""
    for base in root.iter("base"):
        href = base.get("href")
        if href and href.strip():
            return resolve(url or "", href)
    return url or ""


@dataclass
class _Found:
    """What one pass over the page collects, before it is assembled into Metadata."""

    og: dict[str, str] = field(default_factory=dict)
    named: dict[str, str] = field(default_factory=dict)  # other <meta> name/property -> content
    canonical: str = ""
    shortlink: str = ""
    title: str = ""
    licences: list[str] = field(default_factory=list)
    pixels: list[str] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)
    json_ld: list[dict[str, Any]] = field(default_factory=list)


def _meta(el: Element, found: _Found) -> None:
    key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
    content = norm(el.get("content"))
    if not key or not content:
        if (el.get("http-equiv") or "").strip().lower() == "content-language" and content:
            found.named.setdefault("content-language", content)
        return
    if key.startswith("og:"):
        found.og.setdefault(key[3:], content)
    else:
        found.named.setdefault(key, content)


def _link(el: Element, base: str, found: _Found) -> None:
    href = el.get("href")
    if not href:
        return
    rels = (el.get("rel") or "").lower().split()
    if tag_of(el) == "link":
        if "canonical" in rels and not found.canonical:
            found.canonical = resolve(base, href)
        if "shortlink" in rels and not found.shortlink:
            found.shortlink = href
    if "license" in rels or "licence" in rels or "creativecommons.org" in href.lower():
        url = resolve(base, href)
        licence = "license" in rels or "licence" in rels or _is_licence(url)
        if licence and url not in found.licences:
            found.licences.append(url)


def extract_metadata(root: Element, base: str) -> Metadata:
    found = _Found()
    for el in root.iter("meta", "link", "title", "script", "img", "a", "iframe"):
        tag = el.tag  # a str: iter() by tag name yields elements only
        if tag == "a":
            # Most of a page's links: only a rel or a Creative Commons href can make one a
            # licence link, so the rest (nearly all) are passed over here, without a call.
            href = el.get("href")
            if href and (el.get("rel") or "creativecommons.org" in href.lower()):
                _link(el, base, found)
        elif tag == "meta":
            _meta(el, found)
        elif tag == "title" and not found.title:
            found.title = text_of(el)
        elif tag == "script":
            kind = (el.get("type") or "").strip().lower()
            if kind == "application/ld+json" and len(found.json_ld) < 50:
                found.json_ld.extend(parse_json_ld(el.text or ""))
            src = (el.get("src") or "").strip()
            if src:
                found.scripts.append(resolve(base, src))
                if _is_tracker(src):
                    found.pixels.append(resolve(base, src))
        elif tag == "link":
            _link(el, base, found)
        else:
            src = el.get("src") or ""
            if src and (_is_tracker(src) or (tag == "img" and _is_pixel(el))):
                found.pixels.append(resolve(base, src))
    return _assemble(root, base, found)


def _post_id(root: Element, shortlink: str) -> str:
    """A CMS post id: WordPress's shortlink (?p=123) or its body class (postid-123)."""
    match = _SHORTLINK_ID.search(shortlink)
    if match:
        return match.group(1)
    body = page_body(root)
    match = _POSTID_CLASS.search(body.get("class") or "") if body is not None else None
    return match.group(1) if match else ""


def _assemble(root: Element, base: str, found: _Found) -> Metadata:
    og, named, json_ld = found.og, found.named, found.json_ld
    articles = [obj for obj in json_ld if _types(obj) & _ARTICLE_TYPES] or json_ld
    authors: list[str] = []
    for key in _AUTHOR_KEYS:
        if key in named and not is_web_url(named[key]):
            authors.append(re.sub(r"^by\s+", "", named[key], flags=re.I))
    site_name = og.get("site_name", "")
    published = named.get("article:published_time") or named.get("datepublished", "")
    modified = named.get("article:modified_time") or named.get("datemodified", "")
    for obj in articles:
        authors.extend(_names(obj.get("author")))
        if not site_name:
            site_name = next(iter(_names(obj.get("publisher"))), "")
        published = published or _text(obj.get("datePublished"))
        modified = modified or _text(obj.get("dateModified"))
    if not site_name:
        site_name = next(
            (_text(obj.get("name")) for obj in json_ld if "WebSite" in _types(obj)), ""
        )
    og_url = resolve(base, og["url"]) if og.get("url") else ""
    headline = _text(articles[0].get("headline")) if articles else ""
    language = root.get("lang") or root.get("xml:lang") or named.get("content-language", "")
    return Metadata(
        title=og.get("title") or found.title or headline,
        authors=tuple(dict.fromkeys(name for name in authors if name)),
        published=published,
        modified=modified,
        canonical=found.canonical,
        robots=named.get("robots", ""),
        url=og_url or found.canonical or base,
        address=og_url or base,
        site_name=site_name,
        language=norm(language),
        og=og,
        json_ld=tuple(json_ld),
        licence_links=tuple(found.licences),
        tracking_pixels=tuple(dict.fromkeys(found.pixels)),
        scripts=tuple(dict.fromkeys(found.scripts)),
        meta_tags=dict(named),
        post_id=_post_id(root, found.shortlink),
    )


_AUTHOR_KEYS = (
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "byl",
    "dc.creator",
)
_SHORTLINK_ID = LazyPattern(r"[?&]p=(\d+)")
_POSTID_CLASS = LazyPattern(r"\bpostid-(\d+)\b")
_ARTICLE_TYPES = {
    "Article",
    "NewsArticle",
    "BlogPosting",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "TechArticle",
    "ScholarlyArticle",
    "WebPage",
    "LiveBlogPosting",
}


def _text(value: object) -> str:
    return norm(value) if isinstance(value, str) else ""


def _byline_candidates(body: Element) -> Iterator[Element]:
    """Elements with "byline" or "author" in their class, id, itemprop or rel, in any case."""
    for el in body.iter(etree.Element):  # elements only: no comments to ask
        # All of an element's attribute values at once, one call: a cheap first test that the
        # four attributes can pass only if it does (an href ".../author/..." passes it too).
        values = el.values()
        if not values:
            continue
        joined = " ".join(values).lower()
        if "byline" not in joined and "author" not in joined:
            continue
        get = el.get
        marks = f"{get('class') or ''} {get('id') or ''} {get('itemprop') or ''} {get('rel') or ''}"
        lowered = marks.lower()
        if "byline" in lowered or "author" in lowered:
            yield el


def find_byline(body: Element) -> str:
    """The visible byline's text ("By Jane Doe, ProPublica"); call after hidden text is gone."""
    by_author = ""
    for el in _byline_candidates(body):
        words = class_words(el)
        if "byline" in words:
            text = text_of(el)
            if 0 < len(text) <= 200:
                return text
        elif not by_author and (
            (el.get("itemprop") or "").lower() == "author"
            or "author" in (el.get("rel") or "").lower().split()
            or words & {"author", "authors"}
        ):
            text = text_of(el)
            if 0 < len(text) <= 120:
                by_author = text
    return by_author
