"""Text for `syndicheck extract --format text`: what the checker sees in a page."""

from __future__ import annotations

from checker.document import Document, Image


def render(doc: Document) -> str:
    meta = doc.metadata
    lines = [f"== {doc.path} ({doc.kind}, {doc.encoding})", f"title:     {doc.title}"]
    for label, value in (
        ("authors", ", ".join(meta.authors)),
        ("published", meta.published),
        ("canonical", meta.canonical),
        ("url", meta.url),
        ("site name", meta.site_name),
        ("robots", meta.robots),
        ("licences", ", ".join(meta.licence_links)),
    ):
        if value:
            lines.append(f"{label + ':':<10} {value}")
    if meta.front_matter:
        front = ", ".join(f"{k}={v}" for k, v in sorted(meta.front_matter.items()))
        lines.append(f"front:     {front}")
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
        lines.append(f"{image.line:>5}  {image.src}  [{where}]")
        for label, value in (
            ("alt", image.alt),
            ("caption", image.caption),
            ("credit", image.credit),
        ):
            if value:
                lines.append(f"         {label}: {value}")
        lines.extend(_embedded_lines(image))
    lines.append("")
    lines.append(f"-- links ({len(doc.links)})")
    for link in doc.links:
        where = "" if link.in_body else "  [outside body]"
        rel = f" rel={' '.join(link.rel)}" if link.rel else ""
        lines.append(f"{link.line:>5}  {link.text!r} -> {link.url}{rel}{where}")
    if doc.hidden_text:
        lines.append("")
        lines.append(f"-- hidden from readers ({len(doc.hidden_text)})")
        lines.extend(f"       {text}" for text in doc.hidden_text)
    return "\n".join(lines) + "\n"


def _embedded_lines(image: Image) -> list[str]:
    """The credits the image file carries, one field a line with the tag it came from."""
    embedded = image.embedded
    if embedded is None:
        return []
    lines = [f"         embedded in {embedded.file or 'the page JSON-LD'}:"]
    for field in embedded.fields:
        lines.append(f"           {field.name}: {field.value}  [{field.tag}]")
    if embedded.c2pa is not None:
        c2pa = embedded.c2pa
        lines.append(f"           c2pa: {c2pa.state}, by {c2pa.claim_generator or '(unnamed)'}")
        if c2pa.actions:
            lines.append(f"           c2pa actions: {', '.join(c2pa.actions)}")
        if c2pa.codes:
            lines.append(f"           c2pa failures: {', '.join(c2pa.codes)}")
    lines.extend(f"           note: {note}" for note in embedded.notes)
    return lines
