"""The crawled pages' bodies on disk, one file per URL, named so that the loaders know the
kind by the suffix; and what each page declares as its source (checker/declared.py)."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from checker.crawl import declares
from checker.errors import CheckerError, InputError
from checker.fetch import Fetched
from checker.loaders import load_bytes

_SUFFIXES = {"text/markdown": ".md", "text/plain": ".txt"}  # anything else is read as HTML
_KINDS = {".html": "html", ".md": "markdown", ".txt": "text"}
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


class PageStore:
    def __init__(self, folder: str) -> None:
        self.folder = Path(folder).absolute()

    def path_for(self, url: str, content_type: str) -> Path:
        """A readable file name (audit reports show it): host_port/the/url/path.html; a short
        hash of the URL is added when the path had to be changed or had a query, so that two
        URLs never share a file."""
        parts = urlsplit(url)
        segments = [s for s in parts.path.split("/") if s not in ("", ".", "..")] or ["index"]
        if parts.path.endswith("/") and parts.path != "/":
            segments.append("index")
        safe = [_UNSAFE.sub("_", s)[:80] for s in segments]
        name = "/".join(safe)
        if safe != segments or parts.query:
            name += "-" + hashlib.sha256(url.encode("utf-8")).hexdigest()[:10]
        host = _UNSAFE.sub("_", parts.netloc.lower()) or "_"
        return self.folder / host / (name + _SUFFIXES.get(content_type, ".html"))

    def save(self, url: str, fetched: Fetched) -> str:
        path = self.path_for(url, fetched.content_type)
        try:
            if not (path.is_file() and path.read_bytes() == fetched.body):
                path.parent.mkdir(parents=True, exist_ok=True)
                # Write then rename: a killed crawl never leaves half a page under its name.
                with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as handle:
                    handle.write(fetched.body)
                os.replace(handle.name, path)
        except OSError as error:
            raise InputError(str(path), f"cannot write the crawled page: {error}") from None
        return str(path)


def kind_of(path: str) -> str:
    return _KINDS.get(Path(path).suffix, "html")


def declared_url(fetched: Fetched, url: str, path: str) -> str | None:
    """The source the page declares (its URL), or None; an unreadable page declares none."""
    try:
        document = load_bytes(
            fetched.body, url, kind=kind_of(path), url=fetched.url, declared=fetched.charset
        )
    except CheckerError:
        return None
    return declares.declared_url(document)
