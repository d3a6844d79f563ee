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
from checker.loaders.prune import prune
from checker.loaders.tree import (
    Element,
    ParserStopped,
    parse_html,
    tag_of,
    text_of,
)
from checker.loaders.walk import Walked, describe_image, describe_link, is_icon, walk

_COLUMN_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "img", "a", "div", "blockquote")


def source_columns(root: Element, text: str) -> dict[Element, int]:
    """Best-effort 1-based columns: the k-th <tag on a line is the k-th such element there.

    libxml2 records only the line of an element; on minified pages everything is on one
    line, so the column is what tells two findings apart.
    """
    # Not splitlines(): form feeds and U+2028 do not end lines. str.split in C, not a regex.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    found: dict[tuple[int, str], int] = {}
    # On a minified page of 1 MB on one line, lower-casing the line for every <P>, or searching
    # it again for every <p> the parser made up (stray </p>), is quadratic: each line is
    # lower-cased once, and a tag not found from a point is not looked for again.
    lowered: dict[int, str] = {}
    upper: set[tuple[int, str]] = set()  # written <P> on that line: search the lowered line
    exhausted: set[tuple[int, str]] = set()
    columns: dict[Element, int] = {}
    for el in root.iter(*_COLUMN_TAGS):
        line = el.sourceline or 0
        tag = tag_of(el)
        key = (line, tag)
        if not 0 < line <= len(lines) or key in exhausted:
            continue
        source = lines[line - 1]
        start = found.get(key, 0)
        at = -1 if key in upper else source.find("<" + tag, start)
        if at < 0:
            upper.add(key)
            if line not in lowered:
                lowered[line] = source.lower()
            at = lowered[line].find("<" + tag, start)
        if at >= 0:
            found[key] = at + 1
            columns[el] = at + 1
        else:
            exhausted.add(key)
    return columns


def add_lead_images(
    page: Element,
    roots: list[Element],
    walked: Walked,
    base: str,
    columns: dict[Element, int],
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
        image, _ = describe_image(img, base, True, columns)
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
    text: str, path: str, *, url: str | None = None, encoding: str = "utf-8", markdown: bool = False
) -> Document:
    """Build a Document from page text; `markdown`: rendered Markdown, all of it the body."""
    try:
        root = parse_html(text)
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
    columns = {} if markdown else source_columns(root, text)
    body = next(root.iter("body"), None)
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
    walked = walk(roots, base, columns, markdown)
    if not markdown:
        add_lead_images(body, roots, walked, base, columns, metadata)
    raw_blocks = finish_blocks(walked.blocks, title)
    blocks: list[Block] = []
    offset = 0
    for raw in raw_blocks:
        blocks.append(Block(raw.kind, raw.text, offset, raw.line, raw.column))
        offset += len(raw.text) + 2
    images: list[Image] = list(walked.images)
    for img in every_image:
        if img not in walked.seen and not is_icon(img):
            image, _ = describe_image(img, base, False, columns, markdown)
            if image.src and image.src not in metadata.tracking_pixels:
                images.append(image)
    links: list[Link] = list(walked.links)
    links += [
        describe_link(a, base, False, columns, markdown) for a in every_link if a not in walked.seen
    ]
    # Document order, which is how a reader and a report meet them.
    images.sort(key=lambda image: (image.line, image.column))
    links.sort(key=lambda link: (link.line, link.column))
    return Document(
        path=path,
        kind="html",
        title=title,
        blocks=tuple(blocks),
        images=tuple(images),
        links=tuple(links),
        metadata=metadata,
        encoding=encoding,
        hidden_text=tuple(hidden),
    )
