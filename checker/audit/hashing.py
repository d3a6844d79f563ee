"""What a stored result depends on, so that it is reused only when nothing that decided it changed.

Two steps, because `--rules auto` chooses its packs only once the article and source are read:

1. `inputs`, in the parent before anything is checked: the article's bytes, the declared
   source's bytes, every field of the check request (the manifest row's options and the
   configuration that reaches the article: packs, severity, overrides, publishers, network
   policy), syndicheck's version and the discovery index's state. A stored result with equal
   inputs is a candidate.
2. `checked_with`, recorded by the worker with each result: the packs that really ran (after
   `auto` chose), each as the files of its `extends` chain with a digest of their bytes. A
   candidate is reused only if each of those specs still resolves to the same files with the
   same bytes (a pack added on SYNDICHECK_RULES_PATH may shadow a bundled one). With them, the
   local image files the check looked at for embedded credits (`attach.noting_files`: read,
   missing or refused): reused only while each is still as it was, so an image whose credit
   changed, or that appeared or went away beside the article, has its article checked again.

A result that fetched anything is never reused: a page may change without a local byte
changing. Finding identities are `checker.fingerprint`'s, the one function for them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from checker.audit.manifest import Entry
from checker.engine import CheckRequest, PackCache
from checker.errors import CheckerError
from checker.imagemeta.attach import unchanged
from checker.loaders import kind_for
from checker.loaders.markdown import split_front_matter
from checker.packs import resolve_pack_path
from checker.urls import is_web_url
from checker.version import __version__


def _digest(parts: Iterable[bytes]) -> str:
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        # Length-prefixed, so that ("ab", "c") and ("a", "bc") hash differently.
        hasher.update(len(part).to_bytes(8, "little"))
        hasher.update(part)
    return hasher.hexdigest()


def _read(path: str | None, max_bytes: int) -> bytes:
    if not path:
        return b""
    try:
        with open(path, "rb") as handle:
            return handle.read(max_bytes + 1)
    except OSError:
        return b"\0missing"  # the engine reports the problem; the hash only has to differ


def declared_source(entry: Entry, data: bytes) -> str | None:
    """The source path the article itself declares in its front matter, as the engine reads it."""
    if kind_for(entry.article) != "markdown" or not data.lstrip(b"\xef\xbb\xbf").startswith(b"---"):
        return None
    try:
        front, _, _ = split_front_matter(data.decode("utf-8", "replace"), entry.article)
    except CheckerError:
        return None
    source = front.get("source")
    if isinstance(source, str) and source.strip() and not is_web_url(source.strip()):
        return str(Path(entry.article).parent / source.strip())
    return None


def request_text(request: CheckRequest) -> str:
    """Every field of the request, canonically: a new field is covered without a new line here."""
    return json.dumps(asdict(request), sort_keys=True, default=str)


@dataclass(frozen=True)
class Inputs:
    digest: str  # of everything below, with the version and the index state
    article: str  # digest of the article's bytes
    source: str | None  # the declared source's path
    source_digest: str


def inputs(entry: Entry, request: CheckRequest, max_bytes: int, extra: str = "") -> Inputs:
    """Step 1 (`extra`: e.g. the discovery index's generation)."""
    article = _read(entry.article, max_bytes)
    source = entry.source or declared_source(entry, article)
    source_bytes = _read(source, max_bytes)
    article_digest, source_digest = _digest((article,)), _digest((source_bytes,))
    text = request_text(request).encode("utf-8")
    parts = (article_digest, source_digest, __version__, extra)
    combined = _digest((*(part.encode("utf-8") for part in parts), text))
    return Inputs(combined, article_digest, source, source_digest)


def _file_digest(path: str) -> str:
    try:
        return _digest((Path(path).read_bytes(),))
    except OSError:
        return "missing"


class PackFiles:
    """The files a pack spec stands for (the pack and its `extends` chain) and their digests."""

    def __init__(self, packs: PackCache) -> None:
        self.packs = packs
        self._memo: dict[str, tuple[tuple[str, str], ...]] = {}

    def _chain(self, spec: str) -> list[tuple[str, str]]:
        pack = self.packs.get(spec)
        found = [(pack.path, _file_digest(pack.path))]
        for parent in pack.extends:
            resolved = resolve_pack_path(parent, relative_to=Path(pack.path).parent).resolve()
            found += self._chain(str(resolved))
        return found

    def files(self, spec: str) -> tuple[tuple[str, str], ...]:
        """Raises CheckerError when the spec no longer loads."""
        if spec not in self._memo:
            self._memo[spec] = tuple(self._chain(spec))
        return self._memo[spec]

    def drop_changed(self) -> None:
        """Forget packs whose files changed since they were loaded (a long-lived worker, as a
        Dask worker is, would otherwise check with the pack as it was the first time)."""
        for spec, files in list(self._memo.items()):
            if any(_file_digest(path) != digest for path, digest in files):
                del self._memo[spec]
                self.packs.packs.pop(spec, None)
                for path, _ in files:
                    self.packs.packs.pop(path, None)


def checked_with(
    found: Inputs,
    article: str,
    specs: Iterable[str],
    files: PackFiles,
    fetched: bool,
    images: Mapping[str, tuple[str, str]],
) -> dict[str, Any]:
    """Step 2: what a result was checked with, stored beside it (and shown in report.json)."""
    packs = []
    for spec in dict.fromkeys(specs):
        pack = files.packs.get(spec)
        chain = [list(pair) for pair in files.files(spec)]
        packs.append({"spec": spec, "name": pack.name, "version": pack.version, "files": chain})
    return {
        "tool": __version__,
        "inputs": found.digest,
        "article": [article, found.article],
        "source": [found.source, found.source_digest] if found.source else None,
        "packs": packs,
        "images": [[path, *images[path]] for path in sorted(images)],
        "fetched": fetched,
    }


def still_valid(record: Mapping[str, Any], files: PackFiles) -> bool:
    """Whether a stored result's packs and image files are still exactly what they were when
    it was checked."""
    if record.get("fetched", True) or record.get("tool") != __version__:
        return False
    # A record from before image files were noted (same version) may have read one it does not
    # name: it is checked once again rather than trusted.
    images = record.get("images")
    if images is None or not all(unchanged(*map(str, entry)) for entry in images):
        return False
    for pack in record.get("packs", ()):
        try:
            current = files.files(str(pack["spec"]))
        except CheckerError:
            return False
        if [list(pair) for pair in current] != pack["files"]:
            return False
    return True
