"""`text-overlap`: how much of the article is the source's text, against the pack's thresholds.

The alignment is computed once by the engine (reports show it too); this check only compares
its figures with the rule's limits. `report_always` makes it an informational line per article.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from checker.checks.base import CheckKind, Hit, Source
from checker.document import Document
from checker.plural import plural


def run(article: Document, source: Source, params: Mapping[str, Any]) -> Iterator[Hit]:
    alignment = source.alignment
    anchor = article.blocks[0] if article.blocks else None
    line, column = (anchor.line, anchor.column) if anchor else (0, 0)
    if alignment is None:
        if params["require_source"]:
            yield Hit("no source text to compare with: give --source", line, column)
        return
    figures = {
        "containment": f"{alignment.containment:.2f}",
        "source_coverage": f"{alignment.source_coverage:.2f}",
        "longest_passage_words": str(alignment.longest_passage_words),
        "verdict": alignment.verdict,
    }
    summary = (
        f"{alignment.containment:.0%} of the article's words are in passages aligned with the "
        f"source ({plural(len(alignment.passages), 'passage')}, longest "
        f"{plural(alignment.longest_passage_words, 'word')}; "
        f"source coverage {alignment.source_coverage:.0%}; verdict {alignment.verdict})"
    )
    # The verdict, not the exact figures, identifies the finding across small edits (baselines).
    evidence = f"verdict {alignment.verdict}"
    limit_max = params["max_containment"]
    limit_min = params["min_containment"]
    if limit_max is not None and alignment.containment > limit_max:
        yield Hit(f"{summary}, above the limit of {limit_max:.0%}", line, column, evidence, figures)
    elif limit_min is not None and alignment.containment < limit_min:
        yield Hit(f"{summary}, below the required {limit_min:.0%}", line, column, evidence, figures)
    elif params["report_always"]:
        yield Hit(summary, line, column, evidence, figures)


def _validate(params: Mapping[str, Any]) -> None:
    for key in ("max_containment", "min_containment"):
        value = params[key]
        if value is not None and not (isinstance(value, int | float) and 0 <= value <= 1):
            raise ValueError(f"{key} must be a number between 0 and 1")


CHECK = CheckKind(
    name="text-overlap",
    run=run,
    description="The article's reuse of the source text stays within the pack's limits.",
    defaults={
        "max_containment": None,
        "min_containment": None,
        "report_always": False,
        "require_source": False,
    },
    validate=_validate,
)
