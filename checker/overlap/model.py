"""The records overlap hands to the rest of the product: passages and the alignment.

They are plain frozen dataclasses so that checks, renderers and the HTML report can read them
without importing any of the alignment machinery.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

VERDICTS: tuple[str, ...] = ("near-copy", "light-revision", "heavy-revision", "independent")


@dataclass(frozen=True)
class Passage:
    """One stretch of the article aligned with one stretch of the source.

    Offsets are character offsets into the texts given to `align` (end exclusive), so
    `article_text[article_start:article_end]` is exactly the highlighted text.
    """

    article_start: int
    article_end: int
    source_start: int
    source_end: int
    words: int
    similarity: float

    def to_dict(self) -> dict[str, Any]:
        """The passage as the JSON contract spells it."""
        return {
            "article": [self.article_start, self.article_end],
            "source": [self.source_start, self.source_end],
            "words": self.words,
            "similarity": round(self.similarity, 4),
        }


@dataclass(frozen=True)
class Alignment:
    """How much of the article is the source's text, and where."""

    containment: float
    source_coverage: float
    longest_passage_words: int
    passages: tuple[Passage, ...]
    verdict: str
    article_words: int
    source_words: int

    def to_dict(self) -> dict[str, Any]:
        """The `overlap` object of the JSON contract (keys in contract order).

        Shares are rounded to four places so that the output is stable across platforms.
        """
        return {
            "containment": round(self.containment, 4),
            "source_coverage": round(self.source_coverage, 4),
            "longest_passage_words": self.longest_passage_words,
            "verdict": self.verdict,
            "passages": [passage.to_dict() for passage in self.passages],
        }
