"""The verdict: which degree of reuse an alignment corresponds to.

The four degrees are the labelled corpus's (cut and paste, light revision, heavy revision,
written independently). Containment says how much was taken; the passages' similarity tells a
copy from a revision of the same extent, which containment alone cannot.
"""

from __future__ import annotations

from checker.overlap.params import Params


def verdict_for(containment: float, similarity: float, settings: Params) -> str:
    """The degree of reuse for a containment and the passages' word-weighted similarity."""
    if containment < settings.heavy_revision:
        return "independent"
    if containment >= settings.near_copy and similarity >= settings.near_copy_similarity:
        return "near-copy"
    if containment >= settings.light_revision:
        return "light-revision"
    return "heavy-revision"
