"""An `ArticleResult` as rows of the history database, and back.

Only what a report needs later is kept: findings, overlap figures and passages, the error and
the resolved variables. Parsed documents are not stored (they are large and are re-read from
the files when an article is checked again), so a reused result's report page has no texts.
JSON, not pickle: a history database handed around must not be able to run code when read.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from checker.audit.hashing import finding_fingerprint
from checker.findings import ArticleResult, Finding, Location, Severity
from checker.overlap import Alignment, Passage


@dataclass(frozen=True)
class FindingRow:
    seq: int
    fingerprint: str
    rule: str
    check: str
    severity: int
    message: str
    path: str
    line: int
    column: int
    evidence: str
    help_uri: str

    def to_finding(self) -> Finding:
        return Finding(
            rule=self.rule,
            check=self.check,
            severity=Severity(self.severity),
            message=self.message,
            location=Location(self.path, self.line, self.column),
            evidence=self.evidence,
            help_uri=self.help_uri,
        )


def finding_rows(key: str, findings: Sequence[Finding]) -> list[FindingRow]:
    return [
        FindingRow(
            seq=seq,
            fingerprint=finding_fingerprint(key, f),
            rule=f.rule,
            check=f.check,
            severity=int(f.severity),
            message=f.message,
            path=f.location.path,
            line=f.location.line,
            column=f.location.column,
            evidence=f.evidence,
            help_uri=f.help_uri,
        )
        for seq, f in enumerate(findings)
    ]


def _passage(p: Passage) -> list[float]:
    return [p.article_start, p.article_end, p.source_start, p.source_end, p.words, p.similarity]


def overlap_json(alignment: Alignment | None) -> str | None:
    if alignment is None:
        return None
    return json.dumps(
        {
            "containment": alignment.containment,
            "source_coverage": alignment.source_coverage,
            "longest_passage_words": alignment.longest_passage_words,
            "verdict": alignment.verdict,
            "article_words": alignment.article_words,
            "source_words": alignment.source_words,
            "passages": [_passage(p) for p in alignment.passages],
        }
    )


def overlap_from_json(text: str | None) -> Alignment | None:
    if not text:
        return None
    data: dict[str, Any] = json.loads(text)
    return Alignment(
        containment=float(data["containment"]),
        source_coverage=float(data["source_coverage"]),
        longest_passage_words=int(data["longest_passage_words"]),
        passages=tuple(
            Passage(int(a), int(b), int(c), int(d), int(w), float(s))
            for a, b, c, d, w, s in data["passages"]
        ),
        verdict=str(data["verdict"]),
        article_words=int(data["article_words"]),
        source_words=int(data["source_words"]),
    )


def rebuild(
    path: str,
    source: str | None,
    pack: str,
    error: str | None,
    overlap: str | None,
    variables: str | None,
    findings: Sequence[FindingRow],
) -> ArticleResult:
    """The stored result as the renderers expect it (without the parsed documents)."""
    return ArticleResult(
        article=path,
        source=source,
        pack=pack,
        findings=tuple(sorted((row.to_finding() for row in findings), key=Finding.sort_key)),
        overlap=overlap_from_json(overlap),
        error=error,
        variables=json.loads(variables) if variables else {},
    )
