"""`headline`: the article keeps the original's headline where the terms forbid rewriting it.

ProPublica's 2010 "Steal Our Stories" allowed no edits beyond time, place and style, the
headline included (its current wording, mirrored by INN, lets the headline be rewritten);
Global Press Journal forbids changing it. Letter case, quotes, dashes and number style are
not changes, and neither is a site suffix on the page title ("Headline | Site").
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from checker.check_support.edits import differs, word_diff
from checker.check_support.reuse import anchor
from checker.checks.base import CheckKind, Hit, Source
from checker.document import Document
from checker.lazy_pattern import LazyPattern
from checker.text import shorten

_SUFFIX = LazyPattern(r"\s+[|–—-]\s+[^|–—-]{1,60}$")


def headline_of(document: Document) -> str:
    """The headline: the article's h1 (its title), else og:title without a site suffix.

    Sites put their name after the headline in the page's <title> and og:title, not in its
    h1, where " - clause" is part of the headline ("Fed raises rates - markets fall"): an h1
    loses a suffix only when it names the site. A title that is not an h1 (none, or the h1
    reads exactly as the page's title) loses one that names the site or, the site unknown,
    any.
    """
    title = document.title or document.metadata.og.get("title", "") or document.metadata.title
    site = document.metadata.site_name.lower()
    suffix = _SUFFIX.search(title)
    if suffix is not None:
        names_site = bool(site) and site in suffix.group().lower()
        from_h1 = bool(document.title) and document.title != document.metadata.title
        if names_site or (not site and not from_h1):
            title = title[: suffix.start()]
    return " ".join(title.split())


def run(article: Document, source: Source, params: Mapping[str, Any]) -> Iterator[Hit]:
    if source.document is None:
        return
    original, current = headline_of(source.document), headline_of(article)
    if not original or not current or not differs(original, current):
        return
    line, column = anchor(article)
    yield Hit(
        f'the headline reads "{shorten(current, 120)}"; the original is "{shorten(original, 120)}"',
        line,
        column,
        evidence=shorten(word_diff(original, current), 300),
        values={"headline": current, "original_headline": original},
    )


CHECK = CheckKind(
    name="headline",
    run=run,
    description="The article's headline is the original's (style aside).",
)
