"""The request and answer of `POST /v1/check` as pydantic models: validation and OpenAPI.

The answer's models describe the CLI's JSON contract (`checker.report.contract`) for one
article; the answer itself is rendered by that contract in the worker, not by these models.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Format = Literal["html", "markdown", "text"]


class Article(BaseModel):
    model_config = ConfigDict(extra="forbid")

    content: str = Field(description="The article as it will be published.", pattern=r"\S")
    format: Format | None = Field(None, description="What `content` is; else it decides.")
    url: str | None = Field(
        None, description="The article's address: relative links resolve on it."
    )


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid")

    content: str | None = Field(None, description="The original page, as saved.")
    format: Format | None = Field(None, description="What `content` is; else it decides.")
    url: str | None = Field(None, description="Its URL; fetched only with --allow-network.")

    @model_validator(mode="after")
    def _content_or_url(self) -> Source:
        if self.content is None and not self.url:
            raise ValueError("give the source's content, or its url")
        return self


class CheckRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    article: Article
    source: Source | None = None
    publisher: str | None = Field(None, description="The source's publisher, by name.")
    source_url: str | None = Field(None, description="The original article's URL.")
    rules: list[str] = Field(["auto"], description="Bundled pack names, or `auto`.")
    fail_level: Literal["error", "warning", "info", "never"] = "error"


class Tool(BaseModel):
    name: str
    version: str


class Location(BaseModel):
    path: str
    line: int
    column: int
    offsets: list[int] | None = Field(
        description="[start, end] character offsets into the submitted article content.",
        min_length=2,
        max_length=2,
    )


class Finding(BaseModel):
    rule: str
    check: str
    severity: Literal["error", "warning", "info"]
    message: str
    location: Location
    evidence: str


class PassageOut(BaseModel):
    article: list[int]
    source: list[int]
    words: int
    similarity: float


class Overlap(BaseModel):
    containment: float
    source_coverage: float
    longest_passage_words: int
    verdict: str
    passages: list[PassageOut]


class EvidenceOut(BaseModel):
    """When the article was checked and the SHA-256 of the bytes checked (the CLI JSON's)."""

    checked_at: str = Field(description="ISO 8601, UTC.")
    article_sha256: str
    source_sha256: str = Field(description='"" when no source document was read.')
    source_url: str
    source_origin: str = Field(description='"file", "fetched", "cache", "given" or "".')
    source_fetched_at: str


class CheckAnswer(BaseModel):
    """The CLI JSON's result object for the article, with the run's version fields."""

    schema_version: int
    tool: Tool
    packs: dict[str, str]
    article: str
    source: str | None
    pack: str
    pack_reason: str
    status: Literal["pass", "fail"]
    findings: list[Finding]
    overlap: Overlap | None
    evidence: EvidenceOut | None = None


class RuleOut(BaseModel):
    id: str
    severity: Literal["error", "warning", "info"]
    check: str
    description: str


class PackOut(BaseModel):
    name: str
    version: str
    description: str
    rules: list[RuleOut]


class Rules(BaseModel):
    packs: list[PackOut]


class Health(BaseModel):
    status: Literal["ok"]  # while the server shuts down, /healthz answers 503
    workers: int
    busy: int
    waiting: int
