"""What the server sends a worker and what it gets back: plain records that pickle small."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class WorkerOptions:
    """What every worker is started with."""

    config: str | None = None  # a configuration file, loaded once per worker
    allow_network: bool = False
    allow_private: bool = False
    max_bytes: int = 5_000_000  # the largest page a worker will fetch


@dataclass(frozen=True)
class Job:
    """One `POST /v1/check`, validated by the server."""

    article: str
    article_format: str | None = None
    article_url: str | None = None
    source: str | None = None  # the source's content, when given
    source_format: str | None = None
    fetch: str | None = None  # a source given by URL alone: fetched by the worker
    publisher: str | None = None
    source_url: str | None = None
    rules: tuple[str, ...] = ("auto",)
    fail_level: str = "error"


@dataclass(frozen=True)
class Outcome:
    """A worker's answer: 200 with the JSON body, 422 naming the field, or 500."""

    status: int
    body: bytes = b""  # the answer's JSON for 200
    detail: str = ""  # what is wrong with the field, for 422
    field: str = ""  # the request field it concerns ("article.content", "rules", ...)
