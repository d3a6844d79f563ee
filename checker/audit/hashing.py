"""Identities the history relies on: what an article's result depends on, and a finding's.

An article's content hash covers everything its result is computed from: the article's bytes,
the declared source's bytes, the packs' resolved rules and version, the options of its row and
syndicheck's own version (a new release may check differently). Equal hashes mean the stored
result can be reused as it is.

A finding's fingerprint must survive edits that do not touch it, so it leaves out the line and
column (an added paragraph moves every finding below it) and the digits of the message (the
text-overlap figures move with any edit): rule + article + normalised evidence or message.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

from checker.audit.manifest import Entry
from checker.engine import DEFAULT_PACK, PackCache
from checker.errors import CheckerError
from checker.findings import Finding
from checker.loaders import kind_for
from checker.loaders.markdown import split_front_matter
from checker.urls import is_web_url
from checker.version import __version__

_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")


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


def declared(entry: Entry, data: bytes) -> tuple[str | None, tuple[str, ...]]:
    """The source path and pack specs the article itself declares in its front matter."""
    if kind_for(entry.article) != "markdown" or not data.lstrip(b"\xef\xbb\xbf").startswith(b"---"):
        return None, ()
    try:
        front, _, _ = split_front_matter(data.decode("utf-8", "replace"), entry.article)
    except CheckerError:
        return None, ()
    source = front.get("source")
    rules = front.get("rules")
    specs: tuple[str, ...] = ()
    if isinstance(rules, str) and rules.strip():
        specs = (rules.strip(),)
    elif isinstance(rules, list):
        specs = tuple(str(spec) for spec in rules)
    if isinstance(source, str) and source.strip() and not is_web_url(source.strip()):
        return str(Path(entry.article).parent / source.strip()), specs
    return None, specs


def pack_digest(specs: Iterable[str], packs: PackCache) -> bytes:
    parts = []
    for spec in specs:
        try:
            pack = packs.get(spec)
        except CheckerError as exc:
            parts.append(f"unloadable {spec}: {exc}")  # checked again, and reported, per article
            continue
        parts.append(repr((pack.name, pack.version, pack.rules)))
    return "\n".join(parts).encode("utf-8")


def content_hash(entry: Entry, packs: PackCache, max_bytes: int, extra: str = "") -> str:
    """The hash of everything `entry`'s result depends on (`extra`: e.g. the discovery index)."""
    article = _read(entry.article, max_bytes)
    front_source, front_rules = declared(entry, article)
    source = entry.source or front_source
    specs = entry.rules or front_rules or (DEFAULT_PACK,)
    options = repr((entry.publisher, entry.source_url, entry.source, specs, __version__, extra))
    return _digest(
        (article, _read(source, max_bytes), pack_digest(specs, packs), options.encode("utf-8"))
    )


def normalise(text: str) -> str:
    return _SPACE.sub(" ", _DIGITS.sub("#", text.casefold())).strip()


def finding_fingerprint(key: str, finding: Finding) -> str:
    """Stable across runs: rule + article key + normalised evidence (or message), no line."""
    what = normalise(finding.evidence) or normalise(finding.message)
    return _digest(part.encode("utf-8") for part in (finding.rule, key, what))
