"""`byline`: the original's authors (and what else the terms name) are credited.

ProPublica and The City: 'In the byline, "Author Name, Publication(s)" is preferred'
(`require_publisher`). The Conversation: "You have to credit authors and their institutions,
ideally in the byline" (`institutions`: names of the source's /institutions/ links or JSON-LD
affiliations). Reuters: "you will maintain the original Reuters dateline and author credit
(i.e., the byline)" (`dateline`). `where: byline` reads the byline element and author
metadata; `where: anywhere` also what readers see in the body (a footer author line).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from checker.check_support.reuse import anchor, visible_text
from checker.checks.base import CheckKind, Hit, Source
from checker.document import Document
from checker.lazy_pattern import LazyPattern
from checker.text import name_pattern, name_variants, shorten
from checker.urls import is_web_url

WHERE = ("byline", "anywhere")
DATELINE = LazyPattern(
    r"^(?P<dateline>[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*\([A-Za-z .]{2,30}\)\s*[-–—])"
)
_SPLIT = LazyPattern(r"\s*(?:,|;|\band\b|&)\s*", re.I)


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[–—]", "-", text).split()).casefold()


def names_in_byline(byline: str, publisher: str) -> list[str]:
    """ "By Jane Doe and John Roe, ProPublica" -> ["Jane Doe", "John Roe"]."""
    text = re.sub(r"^\s*(?:by|written\s+by)\s+", "", byline, flags=re.I)
    skip = {v.lower() for v in name_variants(publisher)} if publisher else set()
    return [part for part in _SPLIT.split(text) if part and part.lower() not in skip]


def source_authors(article: Document, source: Source) -> list[str]:
    front = article.metadata.front_matter.get("source_authors")
    if isinstance(front, list):
        return [str(name) for name in front if str(name).strip()]
    if source.document is None:
        return []
    meta = source.document.metadata
    authors = [a for a in meta.authors if not is_web_url(a)]
    return authors or names_in_byline(meta.byline, source.publisher)


def institutions(source: Source, markers: list[str]) -> list[str]:
    if source.document is None:
        return []
    found = [link.text for link in source.document.links if any(m in link.url for m in markers)]
    for obj in source.document.metadata.json_ld:
        authors = obj.get("author")
        for person in authors if isinstance(authors, list) else [authors]:
            if isinstance(person, dict):
                for key in ("affiliation", "worksFor"):
                    org = person.get(key)
                    if isinstance(org, dict) and isinstance(org.get("name"), str):
                        found.append(org["name"])
    return list(dict.fromkeys(" ".join(name.split()) for name in found if name.strip()))


def credit_texts(article: Document, where: str) -> list[str]:
    texts = [article.metadata.byline, *article.metadata.authors]
    if where == "anywhere":
        texts.append(visible_text(article))
    return [text for text in texts if text.strip()]


def run(article: Document, source: Source, params: Mapping[str, Any]) -> Iterator[Hit]:
    line, column = anchor(article)
    texts = credit_texts(article, params["where"])
    shown = shorten(article.metadata.byline or ", ".join(article.metadata.authors) or "(none)")
    authors = source_authors(article, source)
    for author in authors:
        if not any(name_pattern((author,)).search(text) for text in texts):
            yield Hit(
                f"the original's author {author} is not credited",
                line,
                column,
                evidence=f"byline: {shown}",
                values={"author": author},
            )
    if params["require_publisher"] and source.publisher:
        publisher = name_pattern(name_variants(source.publisher, tuple(params["aliases"])))
        if not any(publisher.search(text) for text in credit_texts(article, "byline")):
            yield Hit(
                f'the byline does not name {source.publisher} ("Author Name, {source.publisher}")',
                line,
                column,
                evidence=f"byline: {shown}",
            )
    if params["institutions"]:
        everything = " ".join(credit_texts(article, "anywhere"))
        for name in institutions(source, list(params["institution_links"])):
            if not name_pattern(name_variants(name)).search(everything):
                yield Hit(
                    f"the author's institution, {name}, is not credited",
                    line,
                    column,
                    values={"institution": name},
                )
    if params["dateline"] and source.document is not None:
        # The dateline opens the story, after any editor's note above it.
        found = next((m for b in source.document.blocks[:3] if (m := DATELINE.match(b.text))), None)
        wanted = " ".join(found["dateline"].split()) if found else ""
        start = " ".join(b.text for b in article.blocks[:3])
        if wanted and _plain(wanted) not in _plain(start):
            yield Hit(
                f'the dateline "{wanted}" of the original is missing',
                line,
                column,
                evidence=shorten(article.blocks[0].text if article.blocks else ""),
            )


def _validate(params: Mapping[str, Any]) -> None:
    if params["where"] not in WHERE:
        raise ValueError(f"where must be one of {', '.join(WHERE)}")


CHECK = CheckKind(
    name="byline",
    run=run,
    description="The original's authors, and where asked its publisher, institutions or "
    "dateline, are credited.",
    defaults={
        "where": "byline",
        "require_publisher": False,
        "aliases": [],
        "institutions": False,
        "institution_links": ["/institutions/"],
        "dateline": False,
    },
    validate=_validate,
)
