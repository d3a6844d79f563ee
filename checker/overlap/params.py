"""The knobs of the aligner and the verdict, with their defaults in one place."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from checker.errors import UsageError


@dataclass(frozen=True)
class Params:
    """Alignment parameters; `align(..., **params)` accepts any of these by name.

    The alignment defaults are chosen for what they mean, not fitted: three-word seeds, gaps
    of up to four edited words, passages of at least eight words (shorter shared stretches
    are the stock phrases any two texts on one topic share). `benchmarks/overlap.py` prints
    how the figures move around them. The verdict thresholds are fitted on the labelled
    corpus by the benchmark's procedure; its held-out (cross-validated) scores are the ones
    to quote.
    """

    # Seeds are shared runs of this many words.
    seed_words: int = 3
    # The article is probed for seeds every this many words. Exact runs of
    # seed_words + seed_step - 1 words or more are always found (see seeds.py); a larger step
    # is faster and finds fewer of the short runs that only heavy rewriting leaves.
    seed_step: int = 3
    # Edits up to this many words (on each side) between two runs keep them one passage.
    max_gap: int = 4
    # Passages shorter than this (in article words) are not counted.
    min_words: int = 8
    # Verdict thresholds (see verdict.py): containment from which the article reuses the
    # source at all, from which the reuse is a light revision, and from which it is a
    # near-copy when its passages are also at least `near_copy_similarity` alike.
    heavy_revision: float = 0.005
    light_revision: float = 0.5
    near_copy: float = 0.5
    near_copy_similarity: float = 0.96

    def __post_init__(self) -> None:
        for spec in fields(self):
            value = getattr(self, spec.name)
            if spec.type == "int":
                if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                    raise UsageError(None, f"overlap parameter {spec.name} must be a whole number")
                if value < 1 and spec.name != "max_gap":
                    raise UsageError(None, f"overlap parameter {spec.name} must be at least 1")
            elif (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or not 0.0 <= value <= 1.0
            ):
                raise UsageError(None, f"overlap parameter {spec.name} must be between 0 and 1")
        if self.heavy_revision > self.light_revision:
            raise UsageError(
                None, "overlap parameter heavy_revision must not exceed light_revision"
            )

    @classmethod
    def from_options(cls, options: dict[str, Any]) -> Params:
        """Build from keyword options, rejecting unknown names with a clear message."""
        if not options:
            return _DEFAULTS
        known = {spec.name for spec in fields(cls)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise UsageError(
                None,
                f"unknown overlap parameter(s): {', '.join(unknown)}"
                f" (known: {', '.join(sorted(known))})",
            )
        return replace(_DEFAULTS, **options)


_DEFAULTS = Params()
