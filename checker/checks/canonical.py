"""`canonical`: the republished page names the original as canonical, or keeps out of search.

ProPublica's and the Republication Tracker Tool's republish HTML carry
`<link rel="canonical" href="{original}">`; since May 2023 Google asks syndication partners to
block indexing instead (`<meta name="robots" content="noindex">`, or `googlebot-news`). The
pack's `accept` says which the terms take: `either` (default), `canonical` or `noindex`.
The legacy `<meta name="syndication-source">` / `original-source` tags count as a canonical
link when `legacy` is on and the page has no rel=canonical of its own (which would win).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from checker.check_support.reuse import anchor
from checker.checks.base import CheckKind, Hit, Source
from checker.checks.original_link import original_urls
from checker.document import Document
from checker.urls import normalise_url

ACCEPT = ("either", "canonical", "noindex")
ROBOTS_TAGS = ("robots", "googlebot", "googlebot-news")
LEGACY_TAGS = ("syndication-source", "original-source")


def noindex_tag(article: Document) -> str:
    """The tag that keeps the page out of search ("robots", "googlebot-news"), or ""."""
    meta = article.metadata
    tags = {"robots": meta.robots, **meta.meta_tags}
    robots = meta.front_matter.get("robots")
    if isinstance(robots, str):
        tags.setdefault("front matter robots", robots)
    for name, content in tags.items():
        if (name in ROBOTS_TAGS or name == "front matter robots") and "noindex" in content.lower():
            return name
    return "front matter noindex" if meta.front_matter.get("noindex") is True else ""


def run(article: Document, source: Source, params: Mapping[str, Any]) -> Iterator[Hit]:
    accept: str = params["accept"]
    meta = article.metadata
    targets = original_urls(source)
    line, column = anchor(article)
    canonical = meta.canonical
    legacy = next((meta.meta_tags[t] for t in LEGACY_TAGS if meta.meta_tags.get(t)), "")
    to_original = bool(canonical) and normalise_url(canonical) in targets
    if params["legacy"] and not canonical and legacy and normalise_url(legacy) in targets:
        to_original = True  # a legacy tag speaks only where no rel=canonical says otherwise
    noindex = noindex_tag(article)
    if (accept in ("either", "canonical") and to_original) or (
        accept in ("either", "noindex") and noindex
    ):
        return
    wanted = source.url or next(iter(sorted(targets)), "")
    if accept != "noindex" and not targets:
        yield Hit("the original's URL is not known: give --source-url", line, column)
        return
    if accept == "canonical" and noindex:
        detail = f"the page is kept out of search ({noindex}: noindex), but these terms ask for "
        detail += f"a canonical link to the original ({wanted})"
    elif accept == "noindex":
        detail = "no robots or googlebot-news meta tag with noindex"
        if to_original:
            detail += " (a canonical link to the original is not enough under these terms)"
    elif canonical:
        detail = f"the canonical link points to {canonical}, not to the original ({wanted})"
    else:
        detail = f"no canonical link to the original ({wanted})"
        detail += "" if accept == "canonical" else " and no noindex robots tag"
    yield Hit(detail, line, column, evidence=canonical or legacy)


def _validate(params: Mapping[str, Any]) -> None:
    if params["accept"] not in ACCEPT:
        raise ValueError(f"accept must be one of {', '.join(ACCEPT)}")


CHECK = CheckKind(
    name="canonical",
    run=run,
    description="rel=canonical names the original, or noindex keeps the page out of search.",
    defaults={"accept": "either", "legacy": True},
    validate=_validate,
)
