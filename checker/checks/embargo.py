"""`embargo`: the article respects the source's time window and publication notices.

ProPublica marks some stories "This article is not subject to ProPublica's Creative Commons
license until Jan. 7, 2023." AP: "Licensee shall abide by all advance, hold for release, or
embargo notices" and "shall not display any material which is labeled ... 'advisory,' 'on-line
out' or 'not for publication'". Undark allows republication within 90 days
(`max_days_after_source`). A note's date is compared with the article's publication date
(`published` metadata or front matter `date`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from checker.check_support.reuse import anchor
from checker.checks.base import CheckKind, Hit, Source
from checker.document import Document
from checker.findings import Severity
from checker.lazy_pattern import LazyPattern
from checker.patterns import search, search_any
from checker.text import shorten

_DATE = r"(?P<date>[\w.,: ]{3,40}?\d{4})"
NOTES = [
    r"not\s+subject\s+to\s+.{0,80}?licen[cs]e\s+until\s+" + _DATE,
    r"\bembargo(?:ed)?\s+(?:for\s+release\s+)?(?:until|till|to)\s+" + _DATE,
    r"\bhold\s+for\s+release\s+(?:until\s+)?" + _DATE,
    r"\b(?:may\s+not|must\s+not|cannot|can't)\s+be\s+(?:re)?published\s+(?:before|until)\s+"
    + _DATE,
]
BLOCKING = [r"\bnot\s+for\s+publication\b", r"\bon-?line\s+out\b", r"\b(?:kill|elimination)\s*:"]
_MONTHS = {
    name: number
    for number, names in enumerate(
        ("jan january", "feb february", "mar march", "apr april", "may", "jun june",
         "jul july", "aug august", "sep sept september", "oct october", "nov november",
         "dec december"),
        start=1,
    )
    for name in names.split()
}  # fmt: skip
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_FORMS = (
    LazyPattern(r"(?P<year>\d{4})-(?P<num>\d{1,2})-(?P<day>\d{1,2})"),
    LazyPattern(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})"),
    LazyPattern(r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})"),
)


def parse_date(text: str) -> dt.date | None:
    """The first date in `text` ("Jan. 7, 2023", "7 January 2023", "2023-01-07")."""
    for form in _FORMS:
        for match in form.finditer(text):
            parts = match.groupdict()
            month = int(parts["num"]) if parts.get("num") else _MONTHS.get(parts["month"].lower())
            if month is None:
                continue
            try:
                return dt.date(int(parts["year"]), month, int(parts["day"]))
            except ValueError:
                continue
    return None


def article_date(article: Document) -> dt.date | None:
    meta = article.metadata
    for value in (meta.published, meta.front_matter.get("date"), meta.modified):
        if isinstance(value, str) and value.strip():
            found = parse_date(value)
            if found is not None:
                return found
    return None


def run(article: Document, source: Source, params: Mapping[str, Any]) -> Iterator[Hit]:
    if source.document is None:
        return
    line, column = anchor(article)
    # Whole paragraphs, not sentences: "until 12:01 a.m. BST on April 5" holds a full stop.
    notes_text = [*(b.text for b in source.document.blocks), *source.document.hidden_text]
    blocking = [str(pattern) for pattern in params["blocking"]]
    for paragraph in notes_text:
        if search_any(blocking, paragraph):
            yield Hit(
                "the source is marked not to be published",
                line,
                column,
                evidence=shorten(paragraph),
            )
            return
    published = article_date(article)
    notes = [str(pattern) for pattern in params["notes"]]
    for paragraph in notes_text:
        match = next((m for p in notes if (m := search(p, paragraph))), None)
        # An optional date group may match nothing: no date, no comparison.
        date = match.groupdict().get("date") if match else None
        until = parse_date(date) if date else None
        if until is None:
            continue
        if published is None:
            yield Hit(
                f"the source may not be republished before {until.isoformat()}, and the "
                "article has no publication date to compare",
                line,
                column,
                evidence=shorten(paragraph),
                at_most=Severity.WARNING,
            )
        elif published < until:
            yield Hit(
                f"published on {published.isoformat()}, before the source may be "
                f"republished ({until.isoformat()})",
                line,
                column,
                evidence=shorten(paragraph),
                values={"until": until.isoformat()},
            )
        return
    window: int = params["max_days_after_source"]
    original = article_date(source.document)
    if window and published and original and (published - original).days > window:
        yield Hit(
            f"published {(published - original).days} days after the original "
            f"({original.isoformat()}); the terms allow {window}",
            line,
            column,
        )


def _validate(params: Mapping[str, Any]) -> None:
    for pattern in params["notes"]:
        if "(?P<date>" not in str(pattern):
            raise ValueError("each pattern in notes needs a (?P<date>...) group")


CHECK = CheckKind(
    name="embargo",
    run=run,
    description="The article respects the source's embargo, delayed licence and notices.",
    defaults={"notes": NOTES, "blocking": BLOCKING, "max_days_after_source": 0},
    regex_params=frozenset({"notes", "blocking"}),
    validate=_validate,
)
