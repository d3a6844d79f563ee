"""Errors as RFC 9457 problem details (`application/problem+json`), never a traceback."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from http import HTTPStatus

from pydantic import BaseModel

PROBLEM_TYPE = "application/problem+json"


class FieldError(BaseModel):
    field: str  # dotted path in the request body: "article.content", "rules"
    message: str


class Problem(BaseModel):
    """RFC 9457's members, plus `errors` naming each invalid field (for 422)."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str = ""
    errors: list[FieldError] | None = None


def problem_body(status: int, detail: str = "", errors: Sequence[tuple[str, str]] = ()) -> bytes:
    problem: dict[str, object] = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    if errors:
        problem["errors"] = [{"field": field, "message": message} for field, message in errors]
    return json.dumps(problem, ensure_ascii=False).encode("utf-8")


def problem_headers(
    body: bytes, extra: Mapping[str, str] | None = None
) -> list[tuple[bytes, bytes]]:
    headers = [
        (b"content-type", PROBLEM_TYPE.encode()),
        (b"content-length", str(len(body)).encode()),
    ]
    headers += [(name.lower().encode(), value.encode()) for name, value in (extra or {}).items()]
    return headers
