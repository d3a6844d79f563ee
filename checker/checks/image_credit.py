"""`image-credit`: every image in the body carries a credit that readers can see.

A credit is a credit element or caption text in one of the forms photo desks use: "Credit:",
"Photo:", "©", "AP Photo/Name", "REUTERS/Name", "Name/Getty Images", "© Name/ZUMA Press Wire",
"AFP". Alt text is read by screen readers only, so a credit that lives only there is not
visible. Teaser images outside the body are not the article's images and are not checked.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from checker.checks.base import CheckKind, Hit, Source
from checker.credit_vocabulary import credit_in
from checker.document import Document, Image
from checker.text import shorten


def is_tracking(image: Image, article: Document) -> bool:
    return image.src in article.metadata.tracking_pixels or image.src.startswith("data:")


def visible_credit(image: Image) -> str:
    """The credit a reader sees: the credit element, else a credit form in a visible caption."""
    if not image.caption_visible:
        return ""  # the loader took alt or title text: not on the page
    if image.credit.strip():
        return image.credit.strip()
    return credit_in(image.caption.strip())


def image_status(image: Image, article: Document) -> str:
    if not image.in_body:
        return "outside body"
    if image.exempt:
        return f"needs no credit ({image.exempt})"
    if is_tracking(image, article):
        return "tracking pixel"
    return "credited" if visible_credit(image) else "uncredited"


def run(article: Document, source: Source, params: Mapping[str, Any]) -> Iterator[Hit]:
    for image in article.images:
        if image_status(image, article) != "uncredited":
            continue
        hidden = [t for t in (image.alt, image.title) if t and credit_in(t)]
        detail = "the image has no visible credit"
        if hidden:
            detail += " (a credit appears only in its alt or title text, which readers do not see)"
        yield Hit(
            detail,
            image.line,
            image.column,
            evidence=shorten(f"{image.src} caption: {image.caption or '(none)'}"),
            values={"src": image.src},
        )


def facts(
    article: Document, source: Source, params: Mapping[str, Any]
) -> dict[str, list[tuple[Image, str]]]:
    """For reports: every image with its status ("credited", "uncredited", "outside body")."""
    return {"image_statuses": [(image, image_status(image, article)) for image in article.images]}


CHECK = CheckKind(
    name="image-credit",
    run=run,
    description="Every image in the body carries a visible credit.",
    facts=facts,
)
