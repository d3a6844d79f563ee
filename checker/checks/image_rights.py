"""`image-rights`: images taken from the source are reused only as the terms allow.

ProPublica: "You cannot republish our photographs without specific permission" (graphics
may be). The Conversation: "images ... licensed from certain commercial providers cannot be
republished without permission or payment" (agency credits). Reuters: "Where any picture is
credited to any individual ... you must clearly and prominently display such credit
(REUTERS/Jane Doe)". An article image is the source's when its file name (without size
suffixes) or its credit is the same; the credit inside the article image's file (IPTC, XMP,
EXIF, C2PA, JSON-LD: `Image.embedded`) counts as its credit too, and a file whose credit names
the source's publisher is the source's, however it was renamed or its caption cut.
`mode: forbid` reports reused images whose credit is not `allowed` (and, if `forbidden` is
given, matches it); `mode: keep-credit` reports reused images that lost the source's credit.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import unquote, urlsplit

from checker.checks.base import CheckKind, Hit, Source
from checker.checks.image_credit import is_tracking
from checker.credit_vocabulary import without_label
from checker.document import Document, Image
from checker.lazy_pattern import LazyPattern
from checker.patterns import search_any
from checker.text import shorten

MODES = ("forbid", "keep-credit")
_SIZE = LazyPattern(r"(?:-\d{2,5}x\d{2,5}|-scaled|-e\d{10,13}|@\dx)(?=\.\w{2,5}$)")


def file_key(src: str) -> str:
    name = unquote(urlsplit(src).path.rsplit("/", 1)[-1]).lower()
    return _SIZE.sub("", name) if "." in name and len(name) > 6 else ""


def credit_key(text: str) -> str:
    text = without_label(" ".join(text.split()).strip(" ()."))
    return text.casefold() if len(text) > 3 else ""


def _source_images(source: Source) -> list[Image]:
    if source.document is None:
        return []
    doc = source.document
    images = [image for image in doc.images if not is_tracking(image, doc)]
    og_image = doc.metadata.og.get("image", "")
    if og_image:
        images.append(Image(src=og_image, in_body=False))
    return images


def embedded_credits(image: Image) -> list[str]:
    """The credit, creator and copyright the image's file (or the page's JSON-LD) states."""
    return [field.value for field in image.embedded.credits] if image.embedded else []


def _match(image: Image, candidates: list[Image], publisher: str) -> tuple[Image, str] | None:
    key, credit = file_key(image.src), credit_key(image.credit)
    for candidate in candidates:
        if key and key == file_key(candidate.src):
            return candidate, "the same file"
    for candidate in candidates:
        if credit and credit == credit_key(candidate.credit):
            return candidate, f'the same credit, "{candidate.credit}"'
    inside = embedded_credits(image)
    keys = {credit_key(text) for text in inside} - {""}
    for candidate in candidates:
        theirs = {credit_key(candidate.credit), *map(credit_key, embedded_credits(candidate))}
        if keys & (theirs - {""}):
            return candidate, f'the same credit inside the file, "{inside[0]}"'
    owner = publisher.casefold().strip()
    named = next(
        (text for text in inside if owner and len(owner) > 2 and owner in text.casefold()), ""
    )
    if named:
        # No source image to point at: the file itself says whose it is.
        return Image(src=image.src, credit=named), f'its file\'s credit, "{named}"'
    return None


def run(article: Document, source: Source, params: Mapping[str, Any]) -> Iterator[Hit]:
    candidates = _source_images(source)
    allowed = [str(pattern) for pattern in params["allowed"]]
    forbidden = [str(pattern) for pattern in params["forbidden"]]
    for image in article.body_images:
        found = None if is_tracking(image, article) else _match(image, candidates, source.publisher)
        if found is None:
            continue
        original, how = found
        inside = " ".join(embedded_credits(image))
        text = f"{image.caption} {image.credit} {original.caption} {original.credit} {inside}"
        evidence = shorten(f"{image.src} credit: {image.credit or original.credit or '(none)'}")
        if params["mode"] == "keep-credit":
            wanted = original.credit.strip()
            seen = f"{image.caption} {image.credit}".casefold()
            if wanted and credit_key(wanted) not in seen:
                yield Hit(
                    f'the image is the source\'s ({how}) but its credit "{wanted}" was not kept',
                    image.line,
                    image.column,
                    evidence,
                    values={"src": image.src},
                )
            continue
        if search_any(allowed, text):
            continue
        if forbidden and not search_any(forbidden, text):
            continue
        yield Hit(
            f"the image is the source's ({how}), and these terms do not allow reusing it",
            image.line,
            image.column,
            evidence,
            values={"src": image.src},
        )


def _validate(params: Mapping[str, Any]) -> None:
    if params["mode"] not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}")


CHECK = CheckKind(
    name="image-rights",
    run=run,
    description="Images taken from the source are reused only where the terms allow it.",
    defaults={"mode": "forbid", "allowed": [], "forbidden": []},
    regex_params=frozenset({"allowed", "forbidden"}),
    validate=_validate,
)
