"""Document -> plain JSON-ready dict: what `syndicheck extract --format json` prints.

Deterministic: fields in a fixed order, lists in document order, og:* keys sorted; JSON-LD
objects and front matter keep the order they were written in.
"""

from __future__ import annotations

from typing import Any

from checker.document import Block, Document, Image, Link, Metadata
from checker.imagemeta.model import Embedded


def _block(block: Block) -> dict[str, Any]:
    return {
        "kind": block.kind,
        "text": block.text,
        "start": block.start,
        "line": block.line,
        "column": block.column,
    }


def _image(image: Image) -> dict[str, Any]:
    return {
        "src": image.src,
        "alt": image.alt,
        "title": image.title,
        "caption": image.caption,
        "credit": image.credit,
        "caption_visible": image.caption_visible,
        "in_body": image.in_body,
        "exempt": image.exempt,
        "line": image.line,
        "column": image.column,
        "embedded": _embedded(image.embedded),
    }


def _embedded(embedded: Embedded | None) -> dict[str, Any] | None:
    if embedded is None:
        return None
    c2pa = embedded.c2pa
    return {
        "file": embedded.file,
        "fields": [
            {"name": f.name, "value": f.value, "origin": f.origin, "tag": f.tag}
            for f in embedded.fields
        ],
        "c2pa": None
        if c2pa is None
        else {
            "state": c2pa.state,
            "claim_generator": c2pa.claim_generator,
            "authors": list(c2pa.authors),
            "actions": list(c2pa.actions),
            "digital_source_types": list(c2pa.source_types),
            "codes": list(c2pa.codes),
        },
        "notes": list(embedded.notes),
    }


def _link(link: Link) -> dict[str, Any]:
    return {
        "href": link.href,
        "url": link.url,
        "text": link.text,
        "rel": list(link.rel),
        "in_body": link.in_body,
        "line": link.line,
        "column": link.column,
    }


def _json_safe(value: Any, depth: int = 0) -> Any:
    """JSON-LD and front matter as parsed, with anything JSON cannot hold turned into text."""
    if depth > 30:
        return None
    if isinstance(value, dict):
        return {str(key): _json_safe(item, depth + 1) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(item, depth + 1) for item in value]
    if value is None or isinstance(value, str | int | bool):
        return value
    if isinstance(value, float):
        return value if value == value and abs(value) != float("inf") else str(value)
    return str(value)


def _metadata(metadata: Metadata) -> dict[str, Any]:
    return {
        "title": metadata.title,
        "authors": list(metadata.authors),
        "published": metadata.published,
        "modified": metadata.modified,
        "canonical": metadata.canonical,
        "robots": metadata.robots,
        "url": metadata.url,
        "site_name": metadata.site_name,
        "language": metadata.language,
        "og": dict(sorted(metadata.og.items())),
        "json_ld": _json_safe(list(metadata.json_ld)),
        "licence_links": list(metadata.licence_links),
        "tracking_pixels": list(metadata.tracking_pixels),
        "front_matter": _json_safe(metadata.front_matter),
    }


def document_to_dict(doc: Document) -> dict[str, Any]:
    return {
        "path": doc.path,
        "kind": doc.kind,
        "title": doc.title,
        "encoding": doc.encoding,
        "body_text": doc.body_text,
        "blocks": [_block(block) for block in doc.blocks],
        "images": [_image(image) for image in doc.images],
        "links": [_link(link) for link in doc.links],
        "metadata": _metadata(metadata=doc.metadata),
        "hidden_text": list(doc.hidden_text),
    }
