"""What a lawyer needs to rely on a result: when it was made, and of exactly which bytes.

Computed where the result is made (the engine) and carried in it; reports only show it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime


def utc_now() -> str:
    """The current time as ISO 8601 in UTC, to the second: `2026-12-05T07:30:54Z`."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Evidence:
    """The identity of one check: its time and the SHA-256 of the article and source bytes."""

    checked_at: str  # ISO 8601, UTC
    article_sha256: str
    source_sha256: str = ""  # empty: no source document was read
    source_url: str = ""
    # "file" (read from disk when checked), "fetched" or "cache" (fetched earlier, at
    # `source_fetched_at`); empty without a source document.
    source_origin: str = ""
    source_fetched_at: str = ""  # ISO 8601, UTC; only for a fetched source
