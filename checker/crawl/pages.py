"""The crawled pages' bodies on disk, one file per URL, named so that the loaders know the
kind by the suffix; and what each page declares as its source (checker/declared.py)."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from checker.declared import declared_source
from checker.errors import CheckerError, InputError
from checker.fetch import Fetched
from checker.loaders import load_bytes

_SUFFIXES = {"text/markdown": ".md", "text/plain": ".txt"}  # anything else is read as HTML
_KINDS = {".html": "html", ".md": "markdown", ".txt": "text"}


class PageStore:
    def __init__(self, folder: str) -> None:
        self.folder = Path(folder).absolute()

    def save(self, url: str, fetched: Fetched) -> str:
        suffix = _SUFFIXES.get(fetched.content_type, ".html")
        path = self.folder / (hashlib.sha256(url.encode("utf-8")).hexdigest()[:32] + suffix)
        try:
            if not (path.is_file() and path.read_bytes() == fetched.body):
                self.folder.mkdir(parents=True, exist_ok=True)
                # Write then rename: a killed crawl never leaves half a page under its name.
                with tempfile.NamedTemporaryFile(dir=self.folder, delete=False) as handle:
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
    declared = declared_source(document)
    return (declared.url or None) if declared is not None else None
