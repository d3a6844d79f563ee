"""Loaders: a file's bytes -> Document (HTML, Markdown with front matter, plain text).

Whatever the bytes, the only exception that leaves this package is `InputError`, naming the
file and the problem in words a user can act on.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from lxml import etree

from checker.document import Document, changed
from checker.errors import InputError
from checker.lazy_pattern import LazyPattern
from checker.limits import DEFAULT_MAX_BYTES
from checker.loaders.decode import decode_bytes
from checker.loaders.html import load_html
from checker.loaders.markdown import load_markdown
from checker.loaders.text import load_text
from checker.suppress import find_suppressions

__all__ = [
    "DEFAULT_MAX_BYTES",
    "KINDS",
    "kind_for",
    "load_bytes",
    "load_document",
    "load_file",
    "read_file",
    "sniff_kind",
]

KINDS = ("html", "markdown", "text")
_SUFFIX_KIND = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
    ".txt": "text",
    ".text": "text",
}
_HTML_START = LazyPattern(
    r"\A\s*(?:<!doctype\s+html|<html|<\?xml[^>]*>\s*(?:<!doctype\s+html|<html))", re.I
)
_HTML_TAGS = LazyPattern(r"<(?:html|head|body|p|div|article|a\s+href|br|h[1-6]|title|meta)\b", re.I)
_MARKDOWN = LazyPattern(r"^(?:#{1,6} \S|[*-] \S|```|> \S)|\]\([^)\s]+\)", re.M)
# Errors a parser may raise on hostile input; each becomes an InputError, never a traceback.
_PARSER_ERRORS = (ValueError, RecursionError, UnicodeError, etree.LxmlError, MemoryError)


def kind_for(path: str | os.PathLike[str]) -> str | None:
    """The loader a file name asks for, or None when only the content can tell."""
    return _SUFFIX_KIND.get(Path(path).suffix.lower())


def sniff_kind(text: str) -> str:
    head = text[:4096]
    if _HTML_START.match(head):
        return "html"
    if head.lstrip("\ufeff").startswith("---") and re.search(
        r"^(?:---|\.\.\.)\s*$", text[3:], re.M
    ):
        return "markdown"
    if len(_HTML_TAGS.findall(head)) >= 2:
        return "html"
    if _MARKDOWN.search(head):
        return "markdown"
    return "text"


def load_file(
    path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES, url: str | None = None
) -> Document:
    """Read and load one article or source file."""
    name = os.fspath(path)
    return load_bytes(read_file(name, max_bytes), name, kind=kind_for(name), url=url)


def read_file(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """A file's bytes, refused (InputError) when it is missing, not a file, or too large.

    For a caller that needs the bytes too: a report's evidence hashes exactly what was read.
    """
    return _read(os.fspath(path), max_bytes)


def load_document(
    data: bytes | str,
    *,
    kind: str | None = None,
    url: str | None = None,
    name: str = "<document>",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document:
    """Load a page held in memory: bytes (decoded as a browser would) or text.

    `kind` ("html", "markdown", "text") says what it is, else the content decides; `url` is
    the page's own address; `name` stands for it in messages and findings.
    """
    if not isinstance(data, bytes | str):
        # A path here would be read as the text of a page: say so instead.
        raise TypeError(
            f"load_document takes bytes or text, not {type(data).__name__}; "
            "for a file, use load_file(path)"
        )
    if isinstance(data, str) and _names_a_file(data):
        raise TypeError(f"load_document takes a page's text; {data!r} names a file: load_file")
    size = len(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    if size > max_bytes:
        raise InputError(name, f"{size:,} bytes, over the limit of {max_bytes:,}")
    if isinstance(data, str):
        return _load_text(data, name, kind=kind, url=url, encoding="utf-8")
    return load_bytes(data, name, kind=kind, url=url)


def _names_a_file(text: str) -> bool:
    """One short line, no markup, and a file by that name: a path passed by mistake."""
    return len(text) < 1024 and "\n" not in text and "<" not in text and os.path.isfile(text)


def _read(name: str, max_bytes: int) -> bytes:
    try:
        info = os.stat(name)
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except (OSError, ValueError) as error:
        raise InputError(
            name, f"cannot read: {getattr(error, 'strerror', None) or error}"
        ) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(name, "is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(name, "not a regular file")
    if info.st_size > max_bytes:
        raise InputError(name, f"file is {info.st_size:,} bytes, over the limit of {max_bytes:,}")
    try:
        with open(name, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as error:
        raise InputError(name, f"cannot read: {error.strerror or error}") from None
    if len(data) > max_bytes:
        raise InputError(name, f"file is over the limit of {max_bytes:,} bytes")
    return data


def load_bytes(
    data: bytes,
    path: str,
    *,
    kind: str | None = None,
    url: str | None = None,
    declared: str | None = None,
    columns: bool = True,
) -> Document:
    """Load a page from bytes; `kind` ("html", "markdown", "text") skips sniffing.

    `declared` is a charset from outside the bytes (an HTTP header); it outranks the page's.
    `columns=False` leaves an HTML page's records at column 0 (lines are still read): for a
    page read for its text, metadata and links, as a source is, where no finding points.
    """
    if kind is not None and kind not in KINDS:
        raise InputError(
            path, f"unknown document kind {kind!r}; expected one of {', '.join(KINDS)}"
        )
    if not data:
        raise InputError(path, "empty file")
    decoded = decode_bytes(data, path, declared=declared)
    return _load_text(
        decoded.text,
        path,
        kind=kind,
        url=url,
        encoding=decoded.encoding,
        utf8=decoded.utf8,
        columns=columns,
    )


def _load_text(
    text: str,
    path: str,
    *,
    kind: str | None,
    url: str | None,
    encoding: str,
    utf8: bytes | None = None,
    columns: bool = True,
) -> Document:
    """`utf8`, when given, is `text` encoded as UTF-8 (the bytes read, when they were)."""
    if kind is not None and kind not in KINDS:
        raise InputError(
            path, f"unknown document kind {kind!r}; expected one of {', '.join(KINDS)}"
        )
    if not text.strip():
        raise InputError(path, "file contains only white space" if text else "empty file")
    kind = kind or sniff_kind(text)
    try:
        if kind == "html":
            document = load_html(text, path, url=url, encoding=encoding, utf8=utf8, columns=columns)
        elif kind == "markdown":
            document = load_markdown(text, path, url=url, encoding=encoding)
        else:
            document = load_text(text, path, encoding=encoding)
    except InputError:
        raise
    except _PARSER_ERRORS as error:
        raise InputError(path, f"cannot read {kind}: {type(error).__name__}: {error}") from None
    if not document.blocks:
        raise InputError(path, "no article text found")
    if "syndicheck-disable" in text:
        document = changed(document, suppressions=find_suppressions(text))
    return document
