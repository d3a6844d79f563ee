"""Overlap: how much of an article is its source's text, and which parts.

`align(article_text, source_text)` returns an `Alignment`: passages with exact character
offsets on both sides, containment (share of the article's words inside passages), source
coverage, the longest passage and a verdict. Pure Python on the standard library: no network,
no model, linear in the length of the texts.
"""

from __future__ import annotations

from checker.overlap.align import align
from checker.overlap.model import VERDICTS, Alignment, Passage
from checker.overlap.params import Params

__all__ = ["VERDICTS", "Alignment", "Params", "Passage", "align"]
