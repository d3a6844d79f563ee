"""Pure renderers for an alignment on its own (`syndicheck overlap ARTICLE SOURCE`).

They format; they compute nothing the alignment does not already hold.
"""

from __future__ import annotations

from typing import Any

from checker.overlap.model import Alignment

# Passages are quoted in full up to this many characters, else by their two ends.
_QUOTE = 160


def alignment_to_dict(alignment: Alignment) -> dict[str, Any]:
    """The JSON contract's `overlap` object."""
    return alignment.to_dict()


def _quote(text: str) -> str:
    flat = " ".join(text.split())
    if len(flat) <= _QUOTE:
        return flat
    # Cut at spaces, so that no word is shown in part.
    head = flat[: _QUOTE * 2 // 3].rsplit(" ", 1)[0]
    tail = flat[-(_QUOTE // 3) :].split(" ", 1)[-1]
    return f"{head} … {tail}"


def _percent(share: float) -> str:
    return f"{share * 100:.1f}%"


def render_text(alignment: Alignment, article_text: str, source_text: str) -> str:
    """A plain-text report: the figures, then each passage quoted from both texts."""
    count = len(alignment.passages)
    lines = [
        f"verdict: {alignment.verdict}",
        f"containment: {_percent(alignment.containment)} of the article's"
        f" {alignment.article_words} words are in {count} passage{'' if count == 1 else 's'}"
        f" (longest {alignment.longest_passage_words} words)",
        f"source coverage: {_percent(alignment.source_coverage)} of the source's"
        f" {alignment.source_words} words",
    ]
    for number, passage in enumerate(alignment.passages, 1):
        lines += [
            "",
            f"passage {number}: {passage.words} words, similarity {passage.similarity:.2f}",
            f"  article [{passage.article_start}:{passage.article_end}]"
            f" {_quote(article_text[passage.article_start : passage.article_end])}",
            f"  source  [{passage.source_start}:{passage.source_end}]"
            f" {_quote(source_text[passage.source_start : passage.source_end])}",
        ]
    return "\n".join(lines) + "\n"
