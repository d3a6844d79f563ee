"""Page-level JSON-LD `ImageObject`s, attached to the page's images by URL.

Google reads `creditText`, `copyrightNotice`, `creator`, `license` and `acquireLicensePage`
from them (its "Licensable" badge); they are the page's statement of what the image file
should carry, so they count as an embedded credit with the origin "JSON-LD". `license` is
the web statement of rights and `acquireLicensePage` the licensor URL, as Google maps them to
IPTC's fields.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urldefrag, urljoin

from checker.imagemeta.model import EmbeddedField

_PROPS = {
    "creditText": "credit",
    "copyrightNotice": "copyright",
    "creator": "creator",
    "author": "creator",
    "license": "web_statement",
    "acquireLicensePage": "licensor_url",
    # schema.org's IPTC digital source type (TrainedAlgorithmicMediaDigitalSource, ...).
    "digitalSourceType": "digital_source_type",
}
_MAX_NODES = 10_000  # JSON-LD nodes walked per page


def image_objects(json_ld: tuple[dict[str, Any], ...], base: str) -> dict[str, list[EmbeddedField]]:
    """URL (resolved, without fragment or scheme) -> the fields its ImageObjects state."""
    found: dict[str, list[EmbeddedField]] = {}
    for node in _nodes(json_ld):
        types = node.get("@type")
        if "ImageObject" not in (types if isinstance(types, list) else [types]):
            continue
        fields = [
            EmbeddedField(name, value, "JSON-LD", f"JSON-LD:{prop}")
            for prop, name in _PROPS.items()
            for value in _texts(node.get(prop))
        ]
        if not fields:
            continue
        for key in ("contentUrl", "url", "@id"):
            for url in _texts(node.get(key)):
                found.setdefault(url_key(url, base), []).extend(fields)
    return {key: list(dict.fromkeys(fields)) for key, fields in found.items()}


def url_key(url: str, base: str) -> str:
    """The form two URLs of one image share: resolved, no fragment, no scheme."""
    try:
        resolved = urldefrag(urljoin(base, url.strip())).url
    except ValueError:
        return url.strip()
    return resolved.split(":", 1)[1] if resolved.startswith(("http:", "https:")) else resolved


def _nodes(json_ld: tuple[dict[str, Any], ...]) -> Iterator[Mapping[str, Any]]:
    stack: list[Any] = list(json_ld)
    seen = 0
    while stack and seen < _MAX_NODES:
        node = stack.pop()
        seen += 1
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            yield node
            stack.extend(v for v in node.values() if isinstance(v, dict | list))


def _texts(value: Any) -> list[str]:
    """A property's text: a string, an object's name (a Person), or each of a list's."""
    items = value if isinstance(value, list) else [value]
    texts = []
    for item in items[:20]:
        if isinstance(item, dict):
            item = item.get("name") or item.get("url") or item.get("@id")
        if isinstance(item, str) and item.strip():
            texts.append(item.strip()[:500])
    return texts
