"""Markdown with YAML front matter -> Document.

The body is rendered to HTML by markdown-it-py and then goes through the same walker as a
web page, so images, captions, credits and links come out exactly as they do for HTML. Each
rendered block carries the Markdown line it came from, so findings point into the .md file.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import Any

import yaml

from checker.document import Document, Metadata
from checker.errors import InputError
from checker.lazy_pattern import LazyPattern
from checker.loaders.html import load_html
from checker.loaders.walk import LINE_ATTR
from checker.urls import is_web_url
from checker.yaml_size import MAX_VALUES, expands_within

FRONT_MATTER_KEYS = ("source", "source_url", "source_publisher", "license", "rules")
_FENCE = LazyPattern(r"\A(?:\ufeff)?---[ \t]*\r?\n")
_CLOSE = LazyPattern(r"^(?:---|\.\.\.)[ \t]*$", re.M)
# markdown-it's commonmark preset stops at 20 levels (ten nested lists); 100 is deeper than any
# real article goes and far from the HTML parser's limit of 2,048.
MAX_NESTING = 100


def split_front_matter(text: str, path: str) -> tuple[dict[str, Any], str, int]:
    """(front matter, body, number of lines before the body); a broken block is an InputError."""
    opening = _FENCE.match(text)
    if not opening:
        return {}, text, 0
    closing = _CLOSE.search(text, opening.end())
    if not closing:
        raise InputError(path, "front matter starts with --- but never ends (no closing ---)")
    raw = text[opening.end() : closing.start()]
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise InputError(path, f"broken YAML front matter{where}: {problem}") from None
    except (ValueError, RecursionError) as error:
        raise InputError(path, f"broken YAML front matter: {error}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(path, "front matter must be a mapping of keys to values")
    if not expands_within(data):
        raise InputError(path, f"front matter expands to over {MAX_VALUES:,} values (YAML aliases)")
    rest = text[closing.end() :]
    rest = rest[1:] if rest.startswith("\n") else rest[2:] if rest.startswith("\r\n") else rest
    skipped = text[: len(text) - len(rest)].count("\n")
    return _plain(data), rest, skipped


def _plain(value: Any, depth: int = 0) -> Any:
    """YAML values as JSON-safe ones: dates as ISO strings, keys as strings."""
    if depth > 20:
        return None
    if isinstance(value, dict):
        return {str(key): _plain(item, depth + 1) for key, item in value.items()}
    if isinstance(value, list | tuple | set):
        return [_plain(item, depth + 1) for item in value]
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def render(body: str, first_line: int) -> str:
    from markdown_it import MarkdownIt  # imported for Markdown files only (start-up time)

    md = MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING}).enable("table")
    tokens = md.parse(body)
    if any(token.nesting == 1 and token.level >= MAX_NESTING - 1 for token in tokens):
        # At its nesting limit markdown-it stops reading and drops the rest of the file
        # without a word; checking what is left would report credits missing that are there.
        raise ValueError(f"quotes or lists nested more than {MAX_NESTING} deep")
    for token in tokens:
        if token.map and token.nesting == 1:
            token.attrSet(LINE_ATTR, str(token.map[0] + 1 + first_line))
        if token.type == "inline" and token.map and token.children:
            # Links and images inside a paragraph: its first line plus the breaks before them.
            line = token.map[0] + 1 + first_line
            for child in token.children:
                if child.type in ("softbreak", "hardbreak"):
                    line += 1
                elif child.type in ("link_open", "image"):
                    child.attrSet(LINE_ATTR, str(line))
    html: str = md.renderer.render(tokens, md.options, {})
    return f"<html><body>{html}</body></html>"


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def load_markdown(
    text: str, path: str, *, url: str | None = None, encoding: str = "utf-8"
) -> Document:
    front, body, skipped = split_front_matter(text, path)
    try:
        html = render(body, skipped)
    except (ValueError, RecursionError) as error:
        raise InputError(path, f"cannot render Markdown: {error}") from None
    doc = load_html(
        html, path, url=url or _text(front.get("url")) or None, encoding=encoding, markdown=True
    )
    authors = front.get("authors", front.get("author"))
    names = [authors] if isinstance(authors, str) else authors if isinstance(authors, list) else []
    licence = _text(front.get("license")) or _text(front.get("licence"))
    meta = doc.metadata
    metadata = Metadata(
        title=_text(front.get("title")) or doc.title,
        authors=tuple(str(name) for name in names if isinstance(name, str | int)),
        published=_text(front.get("date")) or _text(front.get("published")),
        modified=_text(front.get("updated")) or _text(front.get("modified")),
        canonical=_text(front.get("canonical")),
        url=_text(front.get("url")) or _text(front.get("canonical")) or meta.url,
        address=_text(front.get("url")) or meta.address,
        site_name=_text(front.get("site_name")) or _text(front.get("publisher")),
        language=_text(front.get("lang")) or _text(front.get("language")),
        licence_links=tuple([licence] if is_web_url(licence) else []) + meta.licence_links,
        tracking_pixels=meta.tracking_pixels,
        front_matter=front,
    )
    return replace(doc, kind="markdown", title=metadata.title, metadata=metadata)
