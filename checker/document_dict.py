"""Document -> plain JSON-ready dict: what `syndicheck extract --format json` prints.

Built from the dataclasses' own fields, so a field added to the model is shown without
anyone remembering to add it here. Deterministic: fields in the model's order, lists in
document order, the keys of `og` and `meta_tags` sorted; JSON-LD objects and front matter
keep the order they were written in.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from checker.document import Document

_SORTED = frozenset({"og", "meta_tags"})


def _json_safe(value: Any, depth: int = 0) -> Any:
    """Records, JSON-LD and front matter as parsed, with anything JSON cannot hold as text."""
    if depth > 30:
        return None
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            item.name: _json_safe(_sorted(item.name, getattr(value, item.name)), depth + 1)
            for item in dataclasses.fields(value)
        }
    if isinstance(value, dict):
        return {str(key): _json_safe(item, depth + 1) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(item, depth + 1) for item in value]
    if value is None or isinstance(value, str | int | bool):
        return value
    if isinstance(value, float):
        return value if value == value and abs(value) != float("inf") else str(value)
    return str(value)


def _sorted(name: str, value: Any) -> Any:
    return dict(sorted(value.items())) if name in _SORTED and isinstance(value, dict) else value


def document_to_dict(doc: Document) -> dict[str, Any]:
    fields: dict[str, Any] = _json_safe(doc)
    # The body as the checks read it, after the fields that say what the page is.
    head = {key: fields.pop(key) for key in ("path", "kind", "title", "encoding")}
    return {**head, "body_text": doc.body_text, **fields}
