"""An `ArticleResult` as rows of the history database, and back.

Findings are rows (the history compares them); the overlap figures are JSON; everything else a
report shows of an article (its title, the source's title, both texts for the side-by-side
view, the images with their status, the links that count as the original, why the pack was
chosen, suppressed findings, what satisfied each passing rule, the evidence of the check) is
one compressed JSON "view", made by the worker. So an article reused from an earlier run is
shown exactly as it was when it was checked, and the parent never holds parsed documents:
reports are rendered from the database, one article at a time.
JSON, not pickle: a history database handed around must not be able to run code when read.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

from checker.document import Block, Document, Image, Link, Metadata
from checker.evidence import Evidence
from checker.findings import ArticleResult, Finding, Location, Severity
from checker.fingerprint import fingerprint
from checker.overlap import Alignment, Passage
from checker.rule_ref import RuleRef

VIEW_VERSION = 1
VIEW_COMPRESSION = 1  # zlib level (any level reads back the same)


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
    unlisted: int = 0  # an "and N more" row: the findings it stands for (Finding.unlisted)

    def to_finding(self) -> Finding:
        return Finding(
            rule=RuleRef.parse(self.rule),
            check=self.check,
            severity=Severity(self.severity),
            message=self.message,
            location=Location(self.path, self.line, self.column),
            evidence=self.evidence,
            help_uri=self.help_uri,
            unlisted=self.unlisted,
        )


def finding_rows(key: str, findings: Sequence[Finding]) -> list[FindingRow]:
    return [
        FindingRow(
            seq=seq,
            fingerprint=fingerprint(f, article=key),
            rule=f.rule,
            check=f.check,
            severity=int(f.severity),
            message=f.message,
            path=f.location.path,
            line=f.location.line,
            column=f.location.column,
            evidence=f.evidence,
            help_uri=f.help_uri,
            unlisted=f.unlisted,
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


def _document(doc: Document | None) -> dict[str, Any] | None:
    if doc is None:
        return None
    return {
        "path": doc.path,
        "kind": doc.kind,
        "title": doc.title,
        "meta_title": doc.metadata.title,
        "site_name": doc.metadata.site_name,
        "body_text": doc.body_text,
    }


def _finding(f: Finding) -> dict[str, Any]:
    return {**asdict(f), "severity": int(f.severity)}


def view_blob(result: ArticleResult) -> bytes:
    """What the reports show of `result` beyond its findings and figures (made by the worker)."""
    data = {
        "version": VIEW_VERSION,
        "article": _document(result.article_doc),
        "source": _document(result.source_doc),
        "images": [[asdict(image), status] for image, status in result.image_statuses],
        "links": [asdict(link) for link in result.original_links],
        "suppressed": [_finding(f) for f in result.suppressed],
        "pack_reason": result.pack_reason,
        "rules": list(result.rules),
        "satisfied": [list(pair) for pair in result.satisfied],
        "evidence": asdict(result.evidence) if result.evidence is not None else None,
    }
    # Level 1: the view holds both body texts, and at level 6 compressing them was a fifth of
    # an audit worker's time on the audit benchmark's pages (3.6 ms of ~15 ms an article;
    # 0.34 ms for 10 KB of real text). Level 1 is 3-8x faster for views about a quarter larger.
    return zlib.compress(json.dumps(data, ensure_ascii=False).encode("utf-8"), VIEW_COMPRESSION)


def _stored_document(data: dict[str, Any] | None) -> Document | None:
    """The stored part of a document: what the reports read of it (titles and body text).
    The text is one block, so `body_text`, which passage offsets point into, is unchanged."""
    if data is None:
        return None
    return Document(
        path=data["path"],
        kind=data["kind"],
        title=data["title"],
        blocks=(Block("text", data["body_text"], 0, 0, 0),),
        metadata=Metadata(title=data["meta_title"], site_name=data["site_name"]),
    )


def _to_finding(data: dict[str, Any]) -> Finding:
    location = Location(**data["location"])
    return Finding(**{**data, "severity": Severity(data["severity"]), "location": location})


def with_view(result: ArticleResult, blob: bytes | None) -> ArticleResult:
    if not blob:
        return result
    data: dict[str, Any] = json.loads(zlib.decompress(blob))
    return replace(
        result,
        article_doc=_stored_document(data["article"]),
        source_doc=_stored_document(data["source"]),
        facts={
            "image_statuses": tuple(
                (Image(**image), str(status)) for image, status in data["images"]
            ),
            "original_links": tuple(
                Link(**{**link, "rel": tuple(link["rel"])}) for link in data["links"]
            ),
        },
        suppressed=tuple(_to_finding(f) for f in data["suppressed"]),
        pack_reason=str(data["pack_reason"]),
        rules=tuple(data["rules"]),
        satisfied=tuple((str(rule), str(what)) for rule, what in data.get("satisfied", ())),
        evidence=Evidence(**data["evidence"]) if data.get("evidence") else None,
    )


def without_documents(result: ArticleResult) -> ArticleResult:
    """What a worker sends back besides the view: findings and figures, no parsed pages."""
    return replace(
        result, article_doc=None, source_doc=None, facts={}, suppressed=(), satisfied=(),
        evidence=None,
    )  # fmt: skip


def rebuild(
    path: str,
    source: str | None,
    pack: str,
    error: str | None,
    overlap: str | None,
    variables: str | None,
    findings: Sequence[FindingRow],
    view: bytes | None = None,
) -> ArticleResult:
    """The stored result as the renderers expect it."""
    result = ArticleResult(
        article=path,
        source=source,
        packs=tuple(name for name in pack.split(",") if name),  # as stored: "a,b"
        findings=tuple(sorted((row.to_finding() for row in findings), key=Finding.sort_key)),
        overlap=overlap_from_json(overlap),
        error=error,
        variables=json.loads(variables) if variables else {},
    )
    return with_view(result, view)
