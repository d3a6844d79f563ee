"""`check_article` (files) adds only the reading to `check_document` (memory): same verdicts."""

from __future__ import annotations

from pathlib import Path

from checker import check_document
from checker.engine import CheckRequest, check_article

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _verdicts(findings: object) -> list[tuple[str, str, int, int, str]]:
    return [
        (f.rule, f.severity.value, f.location.line, f.location.column, f.message)
        for f in findings  # type: ignore[attr-defined]
    ]


def test_the_file_wrapper_and_the_memory_call_give_the_same_findings() -> None:
    article = EXAMPLES / "seed-article.html"
    source = EXAMPLES / "bloomberg-source.html"
    request = CheckRequest(str(article), source=str(source), rules=("default",))
    from_files = check_article(request)
    in_memory = check_document(
        article.read_bytes(), source.read_bytes(), packs=("default",), kind="html"
    )
    assert from_files.error is None
    # The bundled example breaks its terms, so there are findings to compare.
    assert from_files.findings
    # Only the name differs: a path for the file, "<article>" for bytes given in memory.
    named = [
        (*v[:4], v[4].replace("<article>", str(article))) for v in _verdicts(in_memory.findings)
    ]
    assert _verdicts(from_files.findings) == named
    assert from_files.evidence is not None and in_memory.evidence is not None
    assert from_files.evidence.article_sha256 == in_memory.evidence.article_sha256
    assert from_files.evidence.source_sha256 == in_memory.evidence.source_sha256
