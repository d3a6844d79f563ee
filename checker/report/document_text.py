"""Text for `syndicheck extract --format text`: what the checker sees in a page.

Every field of the Document, its metadata, images, links and suppressions is shown, taken
from the dataclasses' own fields: what the checker sees is never a mystery.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from checker.document import Document, Image, Suppression

_LOCATION = ("line", "column")


def _value(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{key}={_value(item)}" for key, item in sorted(value.items(), key=str))
    if isinstance(value, list | tuple):
        return ", ".join(_value(item) for item in value)
    return str(value)


def _label(name: str) -> str:
    return name.replace("_", " ")


def _record(record: Any, indent: str) -> list[str]:
    """A record's fields that say something, one a line ("caption_visible: False" too)."""
    lines = []
    for item in dataclasses.fields(record):
        value = getattr(record, item.name)
        if item.name in _LOCATION or value in ("", (), {}, None):
            continue
        lines.append(f"{indent}{_label(item.name) + ':':<15} {_value(value)}")
    return lines


def render(doc: Document) -> str:
    lines = [f"== {doc.path} ({doc.kind}, {doc.encoding})", f"title:     {doc.title}"]
    lines.append("")
    lines.append("-- metadata")
    lines += _record(doc.metadata, "   ")
    lines.append("")
    lines.append(f"-- body ({len(doc.blocks)} blocks)")
    for block in doc.blocks:
        lines.append(f"{block.line:>5}:{block.column:<3} {block.kind:<10} {block.text}")
    lines.append("")
    lines.append(f"-- images ({len(doc.images)})")
    for image in doc.images:
        where = "body" if image.in_body else "outside body"
        if image.exempt:
            where += f", needs no credit: {image.exempt}"
        lines.append(f"{image.line:>5}:{image.column:<3} {image.src}  [{where}]")
        lines += [
            line
            for line in _record(image, "         ")
            if not line.lstrip().startswith(("src:", "in body:", "exempt:", "embedded:"))
        ]
        lines.extend(_embedded_lines(image))
    lines.append("")
    lines.append(f"-- links ({len(doc.links)})")
    for link in doc.links:
        where = "" if link.in_body else "  [outside body]"
        rel = f" rel={' '.join(link.rel)}" if link.rel else ""
        url = link.url or "(not resolved: no address for the page)"
        lines.append(f"{link.line:>5}:{link.column:<3} {link.text!r} -> {url}{rel}{where}")
        if link.href != link.url:
            lines.append(f"         href:           {link.href}")
    for name in ("hidden_text", "suppressions"):
        items = getattr(doc, name)
        if items:
            lines.append("")
            lines.append(f"-- {_label(name)} ({len(items)})")
            for item in items:
                if isinstance(item, Suppression):
                    item = f"line {item.line}: {item.rule}: {item.reason or '(no reason)'}"
                lines.append(f"       {item}")
    return "\n".join(lines) + "\n"


def _embedded_lines(image: Image) -> list[str]:
    """The credits the image file carries, one field a line with the tag it came from."""
    embedded = image.embedded
    if embedded is None:
        return []
    lines = [f"         embedded in {embedded.file or 'the page JSON-LD'}:"]
    for field in embedded.fields:
        lines.append(f"           {field.name}: {field.value}  [{field.origin} {field.tag}]")
    if embedded.c2pa is not None:
        c2pa = embedded.c2pa
        lines.append(f"           c2pa: {c2pa.state}, by {c2pa.claim_generator or '(unnamed)'}")
        if c2pa.actions:
            lines.append(f"           c2pa actions: {', '.join(c2pa.actions)}")
        if c2pa.codes:
            lines.append(f"           c2pa failures: {', '.join(c2pa.codes)}")
    lines.extend(f"           note: {note}" for note in embedded.notes)
    return lines
