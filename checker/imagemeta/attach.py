"""The loading step for embedded credits: find each image's file, read it, attach the result.

This runs before the checks (which stay pure functions of the Document): a local file is
looked up relative to the article, then under `images_root`; a web image is fetched through the
safe fetcher only when the network is allowed, images only, at most 10 MB. A file must lie
inside the article's folder or `images_root` (a page cannot make syndicheck read
`/etc/shadow` or `/dev/zero`), be a regular file, and be under the size cap. Nothing here
raises: what could not be read is a note on the image. Inside `noting_files` each local file
looked at is also noted, for an audit to know what a stored result depends on.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from checker.document import Document, Image, changed
from checker.errors import InputError
from checker.imagemeta.jsonld import image_objects, url_key
from checker.imagemeta.model import Embedded
from checker.urls import is_image_file

if TYPE_CHECKING:
    # The network stack and Pillow are imported where a file is fetched or read: most
    # articles name no image file that can be read, and a check must start fast.
    from checker.fetch import Fetcher, FetchPolicy

MAX_NETWORK_BYTES = 10_000_000  # a fetched image (the cap)
MAX_LOCAL_BYTES = 50_000_000  # an agency's full-size TIFF fits; metadata sits in the headers
MAX_FILES = 200  # image files read per article; a page of 100,000 images reads the first 200
_IMAGE_TYPES = ("image/",)
MISSING = "missing"
REFUSED = "refused: outside the folders an image may be read from"
# The files looked at, while `noting_files` listens; a context variable so that each thread of
# a threaded worker (Dask's) notes only its own article's files.
_LOOKED: ContextVar[dict[str, tuple[str, str]] | None] = ContextVar("looked", default=None)


def attach_embedded(
    document: Document,
    article_path: str,
    *,
    images_root: str | None = None,
    network: FetchPolicy | None = None,
    fetchers: dict[FetchPolicy, Fetcher] | None = None,
) -> Document:
    """`document` with `Image.embedded` set on every image with a file or JSON-LD to read."""
    if not document.images:
        return document
    base = document.metadata.url
    stated = image_objects(document.metadata.json_ld, base) if document.metadata.json_ld else {}
    fetcher = _fetcher(network, fetchers) if network is not None else None
    folders = _folders(article_path, images_root)
    read: dict[str, Embedded] = {}
    images = []
    for image in document.images:
        found = _embedded(image, base, folders, fetcher, read)
        # Resolving every image's URL costs more than the rest of this loop: only when the
        # page's JSON-LD states anything about an image is there a key to look up.
        extra = stated.get(url_key(image.src, base), []) if stated else []
        if extra:
            found = replace(found or Embedded(), fields=(*(found or Embedded()).fields, *extra))
        images.append(replace(image, embedded=found) if found is not None else image)
    return changed(document, images=tuple(images))  # the links stay unbuilt if they are


def _fetcher(policy: FetchPolicy, fetchers: dict[FetchPolicy, Fetcher] | None) -> Fetcher:
    from checker.fetch import Fetcher

    capped = replace(policy, max_bytes=min(policy.max_bytes, MAX_NETWORK_BYTES))
    if fetchers is None:
        return Fetcher(capped)
    if capped not in fetchers:
        fetchers[capped] = Fetcher(capped)
    return fetchers[capped]


def _folders(article_path: str, images_root: str | None) -> list[Path]:
    folders = [Path(article_path).resolve().parent]
    if images_root:
        folders.append(Path(images_root).resolve())
    return folders


def _embedded(
    image: Image,
    base: str,
    folders: list[Path],
    fetcher: Fetcher | None,
    read: dict[str, Embedded],
) -> Embedded | None:
    src = image.src.strip()
    if not src or src.startswith("data:"):
        return None
    if src in read:
        return read[src]
    if len(read) >= MAX_FILES:
        return Embedded(file=src, notes=(f"not read: only the first {MAX_FILES} images are",))
    parts = urlsplit(src)
    if parts.scheme in ("http", "https"):
        # A saved page's "photo.jpg" was resolved against its URL: look beside the article
        # for the part after the page's folder, and under the images root for the URL's path.
        page_folder = base.rsplit("/", 1)[0] + "/" if base else ""
        beside = src[len(page_folder) :] if page_folder and src.startswith(page_folder) else ""
        found = _local(urlsplit(beside).path, folders, folders, src) if beside else None
        if (found is None or _missing(found)) and len(folders) > 1:
            found = _local(parts.path, folders[1:], folders, src)
        if (found is None or _missing(found)) and fetcher is not None:
            found = _fetched(src, fetcher)
        if found is not None and _missing(found) and fetcher is None:
            found = None  # a web image, and no network: nothing to say
    elif parts.scheme in ("", "file"):
        if parts.query and not is_image_file(parts.path):
            # "../../image.php?src=/images/post.jpg&w=660": a server script's address, which
            # names no file that a saved page's folder could hold.
            return None
        # A site path ("/images/a.jpg") is relative to the images root, never to "/".
        site = parts.path.startswith("/")
        found = _local(parts.path, folders[1:] if site else folders, folders, src)
    else:
        return None
    if found is not None:
        read[src] = found
    return found


def _missing(found: Embedded) -> bool:
    return any(note.startswith("not found") for note in found.notes)


def _local(path: str, folders: list[Path], allowed: list[Path], src: str) -> Embedded | None:
    """The file a page path names, looked up in `folders`; never outside `allowed`."""
    relative = unquote(path)
    if not relative:
        return None
    for folder in folders:
        named = folder / relative.lstrip("/")
        candidate = named.resolve()
        if not any(candidate.is_relative_to(root) for root in allowed):
            _note(named, candidate, None, REFUSED)
            return Embedded(
                file=src, notes=("not read: outside the article's folder and --images-root",)
            )
        data, why = _open(candidate)
        _note(named, candidate, data, why)
        if why == MISSING:
            continue
        if data is None:
            return Embedded(file=str(candidate), notes=(why,))
        from checker.imagemeta.read import read_image

        return read_image(data, str(candidate))
    return Embedded(file=src, notes=("not found",))


def _open(candidate: Path) -> tuple[bytes | None, str]:
    """The bytes of a resolved local image file, or (None, why they were not read)."""
    try:
        info = os.stat(candidate)
    except (OSError, ValueError):
        return None, MISSING
    if not stat.S_ISREG(info.st_mode):
        return None, "not read: not a regular file"
    if info.st_size > MAX_LOCAL_BYTES:
        return None, f"not read: {info.st_size:,} bytes, over the {MAX_LOCAL_BYTES:,}-byte limit"
    try:
        with open(candidate, "rb") as handle:
            # Not read(cap): that would allocate the whole cap for every small file.
            return handle.read(min(info.st_size, MAX_LOCAL_BYTES) + 1), ""
    except OSError as error:
        return None, f"not read: {error.strerror or error}"


def _state(data: bytes | None, why: str) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest() if data is not None else why


def _note(named: Path, candidate: Path, data: bytes | None, why: str) -> None:
    looked = _LOOKED.get()
    if looked is not None:  # digested only for a listener: `check` pays nothing for this
        looked[str(named)] = (str(candidate), _state(data, why))


@contextmanager
def noting_files() -> Iterator[dict[str, tuple[str, str]]]:
    """The local image files `attach_embedded` looks at inside the block, read or not.

    Each path as a page named it (under the folder it was looked for in) maps to where it
    resolved and what was seen there: a digest of the bytes read, "missing", or why it was not
    read. An audit stores these with a result, so that it is reused only while `unchanged`
    says so of every one. A context variable, not an argument: the engine and the checks
    between the caller and this module stay as they are for every other caller.
    """
    looked: dict[str, tuple[str, str]] = {}
    token = _LOOKED.set(looked)
    try:
        yield looked
    finally:
        _LOOKED.reset(token)


def unchanged(path: str, resolved: str, state: str) -> bool:
    """Whether `path` would be seen as `noting_files` noted it: same place, same bytes."""
    candidate = Path(path).resolve()
    if str(candidate) != resolved:
        return False  # a link now points elsewhere; nothing outside is read to find out more
    if state == REFUSED:
        return True  # refused for where it resolves, which has not changed
    return _state(*_open(candidate)) == state


def _fetched(url: str, fetcher: Fetcher) -> Embedded:
    try:
        fetched = fetcher.get(url)
    except InputError as error:
        return Embedded(file=url, notes=(f"not fetched: {error.problem}",))
    if fetched.content_type and not fetched.content_type.startswith(_IMAGE_TYPES):
        return Embedded(
            file=url, notes=(f"not read: the server sent {fetched.content_type}, not an image",)
        )
    from checker.imagemeta.read import read_image

    return read_image(fetched.body, url)
