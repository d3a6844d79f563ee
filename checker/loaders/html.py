"""HTML page -> Document: metadata, cleaning, locating, pruning, then one walk."""

from __future__ import annotations

from dataclasses import replace

from checker.document import Block, Document, Image, Link, Metadata
from checker.errors import InputError
from checker.loaders.blocks import finish_blocks
from checker.loaders.clean import clean_page
from checker.loaders.image_captions import image_captions
from checker.loaders.lead import lead_images, marked_body_images
from checker.loaders.locate import locate
from checker.loaders.metadata import base_url, extract_metadata, find_byline
from checker.loaders.outside import Deferred
from checker.loaders.positions import NoPositions, SourcePositions
from checker.loaders.prune import prune
from checker.loaders.tree import (
    Element,
    ParserStopped,
    page_body,
    parse_html,
    tag_of,
    text_of,
)
from checker.loaders.walk import Walked, describe_image, describe_link, is_icon, walk


def add_lead_images(
    page: Element,
    roots: list[Element],
    walked: Walked,
    base: str,
    positions: SourcePositions,
    metadata: Metadata,
) -> None:
    """The lead media above the body and the images of the page's marked body are body images.

    Lead photos usually sit in the article's header, outside the element that holds the
    paragraphs; their credit is checked like any other body image's.
    """
    lead = lead_images(page, roots, metadata.title, metadata.og.get("image", ""))
    for img in lead + marked_body_images(page, roots):
        if img in walked.seen or is_icon(img):
            continue
        image, _ = describe_image(img, base, True, positions)
        walked.seen.add(img)
        if image.src:
            walked.images.append(image)


def _title(roots: list[Element], body: Element, fallback: str) -> str:
    for root in roots:
        # The headline usually sits just above the body, in the same article element.
        scope = root.getparent() if tag_of(root) not in ("body", "html") else root
        for el in (scope if scope is not None else root).iter("h1"):
            text = text_of(el)
            if text:
                return text
    if fallback:
        return fallback
    return next((text_of(el) for el in body.iter("h1") if text_of(el)), "")


def load_html(
    text: str,
    path: str,
    *,
    url: str | None = None,
    encoding: str = "utf-8",
    markdown: bool = False,
    utf8: bytes | None = None,
    columns: bool = True,
) -> Document:
    """Build a Document from page text; `markdown`: rendered Markdown, all of it the body.

    `utf8`, when given, is `text` encoded as UTF-8 (parse_html's). `columns=False`: the
    records' columns are not looked up (0), for a page no finding points into.
    """
    try:
        root = parse_html(text, utf8)
    except ParserStopped as stopped:
        problem = f"cannot read the whole page: the HTML parser stopped at its limit ({stopped})"
        raise InputError(path, problem) from None
    if root is None:
        raise InputError(path, "no HTML content")
    base = base_url(root, url)
    metadata = extract_metadata(root, base)
    # No <base> and no address given: relative links stay relative. A canonical or og:url says
    # where the original lives, which on a republished copy is another site: resolving the
    # republisher's own "/about" against it would invent links to the publisher.
    # Counted now, before cleaning drops elements; lines are searched when a record asks.
    if markdown:
        positions: SourcePositions = NoPositions()
    else:
        positions = SourcePositions(root, text) if columns else NoPositions(column=0)
    body = page_body(root)
    if body is None:
        body = root
    every_link = [a for a in body.iter("a") if a.get("href") is not None]
    hidden = clean_page(body)
    every_image = list(body.iter("img"))  # after cleaning: hidden images are nobody's images
    byline = find_byline(body)
    if byline:
        metadata = replace(metadata, byline=byline)
    if markdown:
        roots = [body]
    else:
        located, stats = locate(body)
        roots = prune(located, stats, image_captions(located))
    title = _title(roots, body, metadata.title)
    walked = walk(roots, base, positions, markdown)
    raw_blocks = finish_blocks(walked.blocks, title)
    blocks: list[Block] = []
    offset = 0
    for raw in raw_blocks:
        blocks.append(Block(raw.kind, raw.text, offset, raw.line, raw.column))
        offset += len(raw.text) + 2
    seen, pixels = walked.seen, metadata.tracking_pixels

    def body_images() -> list[Image]:
        # Found when the images are first read, always before those outside (which they
        # join `seen`, so as not to be counted twice): a source's images are never read.
        if not markdown:
            add_lead_images(body, roots, walked, base, positions, metadata)
        return walked.images

    def outside_images() -> list[Image]:
        found = []
        for img in every_image:
            if img not in seen and not is_icon(img):
                image, _ = describe_image(img, base, False, positions, markdown)
                if image.src and image.src not in pixels:
                    found.append(image)
        return found

    def outside_links() -> list[Link]:
        return [
            describe_link(a, base, False, positions, markdown) for a in every_link if a not in seen
        ]

    # Built when first read (checker.loaders.outside); rendered Markdown has few, built now.
    images = Deferred(body_images, outside_images)
    links = Deferred(walked.links, outside_links)
    return Document(
        path=path,
        kind="html",
        title=title,
        blocks=tuple(blocks),
        images=images.build() if markdown else images,
        links=links.build() if markdown else links,
        metadata=metadata,
        encoding=encoding,
        hidden_text=tuple(hidden),
    )
