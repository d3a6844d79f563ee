"""Whether an article declares where it comes from, and what it says: one decision that `check`
and `audit` share, made on the Document and the configuration only (no network, no source).

An article declares its source by any of (design.md, "Declared source"):
- front matter: `source` (a path, relative to the article, or a URL), `source_url`,
  `source_publisher`;
- `<meta name="syndication-source" content="URL">` and `<meta name="original-source">`, the
  tags Google News documented for syndicated and original stories;
- schema.org `isBasedOn` (or the older `isBasedOnUrl`) in the page's JSON-LD: a URL, or an
  object with `url`/`@id` and perhaps a `publisher`;
- a canonical link to another site: its registrable domain differs from the page's own address.
  A page whose own address is unknown (a local file with no og:url, <base> or front matter
  `url`) cannot show that its canonical is another site's, and a staff story's canonical names
  its own site: such a canonical declares nothing;
- a per-glob override in the configuration (`source`, `source_url`, `publisher`).

Per field, the article's own statement wins over the configuration (it is more specific), and
within the article the order is the one above. An article that declares none is not
syndicated: `check` and `audit` skip it unless the command line names a source.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.document import Document
from checker.urls import is_web_url, registrable_domain

SKIP_REASON = "no declared source"
META_TAGS = ("syndication-source", "original-source")


@dataclass(frozen=True)
class SourceHint:
    """A source stated outside the article: the configuration's override for its glob."""

    source: str = ""  # a path (already made relative to the working directory) or a URL
    source_url: str = ""
    publisher: str = ""


@dataclass(frozen=True)
class Declared:
    """What the article (or its configuration) says about its source."""

    source: str = ""  # a file to read as the source (a path) or a URL to fetch
    url: str = ""  # the original's address
    publisher: str = ""
    url_from: str = ""  # where `url` came from, e.g. "front matter", "meta syndication-source"
    how: tuple[str, ...] = ()  # every declaration found, in order of precedence


def _front(document: Document, key: str) -> str:
    value = document.metadata.front_matter.get(key)
    return str(value).strip() if value not in (None, "") else ""


def _based_on(document: Document) -> Iterator[tuple[str, str]]:
    """(url, publisher) for each `isBasedOn` in the page's JSON-LD."""
    for obj in document.metadata.json_ld:
        for key in ("isBasedOn", "isBasedOnUrl"):
            value: Any = obj.get(key)
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, str) and is_web_url(item.strip()):
                    yield item.strip(), ""
                elif isinstance(item, dict):
                    url = item.get("url") or item.get("@id") or ""
                    publisher = item.get("publisher")
                    name = publisher.get("name") if isinstance(publisher, dict) else publisher
                    if isinstance(url, str) and is_web_url(url.strip()):
                        yield url.strip(), name.strip() if isinstance(name, str) else ""


def _canonical_elsewhere(document: Document) -> str:
    meta = document.metadata
    canonical, own = meta.canonical.strip(), meta.address.strip()
    if not (is_web_url(canonical) and is_web_url(own)):
        return ""
    theirs, ours = registrable_domain(canonical), registrable_domain(own)
    return canonical if theirs and ours and theirs != ours else ""


def _candidates(document: Document, hint: SourceHint) -> Iterator[tuple[str, str, str, str]]:
    """(how, source, url, publisher) for each declaration, in order of precedence."""
    front_source = _front(document, "source")
    if front_source and not is_web_url(front_source):
        # A front-matter path is relative to the article, not to where syndicheck runs.
        front_source = str(Path(document.path).parent / front_source)
    front_url = _front(document, "source_url") or (front_source if is_web_url(front_source) else "")
    yield "front matter", front_source, front_url, _front(document, "source_publisher")
    for name in META_TAGS:
        url = document.metadata.meta_tags.get(name, "").strip()
        if is_web_url(url):
            yield f"meta {name}", "", url, ""
    for url, publisher in _based_on(document):
        yield "JSON-LD isBasedOn", "", url, publisher
    canonical = _canonical_elsewhere(document)
    if canonical:
        yield "canonical link to another site", "", canonical, ""
    hint_url = hint.source_url or (hint.source if is_web_url(hint.source) else "")
    yield "configuration", hint.source, hint_url, hint.publisher


def declared_source(document: Document, hint: SourceHint | None = None) -> Declared | None:
    """The article's declared source, field by field; None when it declares none."""
    source = url = publisher = url_from = ""
    how: list[str] = []
    for origin, c_source, c_url, c_publisher in _candidates(document, hint or SourceHint()):
        if not (c_source or c_url or c_publisher):
            continue
        how.append(origin)
        source = source or c_source
        publisher = publisher or c_publisher
        if c_url and not url:
            url, url_from = c_url, origin
    if not how:
        return None
    return Declared(source, url, publisher, url_from, tuple(how))


__all__ = ["SKIP_REASON", "Declared", "SourceHint", "declared_source"]
