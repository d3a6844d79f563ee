"""`undeclared-source`: the indexed sources an article reuses, whether or not it names them.

Candidates come from the fingerprint index (library.py); each is then aligned with the article
by the same aligner the text-overlap check uses, so the figures a finding quotes are measured,
not estimated. Only when a source's file can no longer be read are the fingerprint estimates
used, and the message says so.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from checker.audit.library import Candidate, Library, body_hash
from checker.audit.winnow import fingerprints
from checker.document import Document
from checker.errors import CheckerError
from checker.findings import ArticleResult, Finding, Location, Severity
from checker.loaders import DEFAULT_MAX_BYTES, load_file
from checker.overlap import Alignment, align
from checker.rule_ref import RuleRef

RULE = RuleRef("audit", "undeclared-source")
CHECK = "undeclared-source"


@dataclass(frozen=True)
class DiscoveryParams:
    # Reported when the article holds at least this share of the source's words, or this share
    # of the article is the source's text: either way, more than a quotation.
    min_coverage: float = 0.1
    min_containment: float = 0.1
    max_candidates: int = 5  # aligned per article; the index ranks them
    min_shared: int = 3  # fingerprints in common before a source is worth aligning
    severity: Severity = Severity.WARNING
    max_bytes: int = DEFAULT_MAX_BYTES


@dataclass(frozen=True)
class Reuse:
    candidate: Candidate
    coverage: float
    containment: float
    passages: int
    longest: int
    first_offset: int
    measured: bool  # aligned (True) or estimated from fingerprints (False)


def _declared(result: ArticleResult) -> tuple[set[str], set[str]]:
    paths, hashes = {os.path.abspath(result.article)}, set()
    if result.source_doc is not None:
        paths.add(os.path.abspath(result.source_doc.path))
        hashes.add(body_hash(result.source_doc.body_text))
    return paths, hashes


def _measure(
    article: Document, prints: set[int], candidate: Candidate, p: DiscoveryParams
) -> Reuse:
    try:
        source = load_file(candidate.source.path, max_bytes=p.max_bytes)
    except CheckerError:
        count = max(candidate.source.fingerprint_count, 1)
        share = min(1.0, candidate.shared / count)
        return Reuse(candidate, share, candidate.shared / max(len(prints), 1), 0, 0, 0, False)
    found: Alignment = align(article.body_text, source.body_text)
    first = found.passages[0].article_start if found.passages else 0
    return Reuse(
        candidate, found.source_coverage, found.containment, len(found.passages),
        found.longest_passage_words, first, True,
    )  # fmt: skip


def find_reuse(article: Document, library: Library, params: DiscoveryParams) -> list[Reuse]:
    prints = fingerprints(article.body_text)
    found = []
    for candidate in library.candidates(prints, params.max_candidates, params.min_shared):
        reuse = _measure(article, prints, candidate, params)
        if reuse.coverage >= params.min_coverage or reuse.containment >= params.min_containment:
            found.append(reuse)
    return found


def _where(article: Document, offset: int) -> tuple[int, int]:
    block = next((b for b in article.blocks if b.start <= offset < b.end), None)
    block = block or (article.blocks[0] if article.blocks else None)
    return (block.line, block.column) if block is not None else (0, 0)


def _finding(article: Document, reuse: Reuse, params: DiscoveryParams) -> Finding:
    source = reuse.candidate.source
    named = f"{source.path}" + (f" ({source.title})" if source.title else "")
    if reuse.measured:
        detail = (
            f"{reuse.containment:.0%} of the article's words in {reuse.passages} aligned passages,"
            f" longest {reuse.longest} words; {reuse.coverage:.0%} of the source reused"
        )
    else:
        detail = (
            f"about {reuse.coverage:.0%} of the source's fingerprints found (estimated: the"
            " source file can no longer be read)"
        )
    line, column = _where(article, reuse.first_offset)
    return Finding(
        rule=RULE,
        check=CHECK,
        severity=params.severity,
        message=f"Reuses an indexed source it does not declare: {named}: {detail}",
        location=Location(article.path, line, column),
        # The source is the evidence, and keeps the finding's fingerprint stable across runs.
        evidence=source.url or source.path,
    )


def discover(result: ArticleResult, library: Library, params: DiscoveryParams) -> list[Finding]:
    """Findings for the indexed sources `result`'s article reuses without declaring them."""
    article = result.article_doc
    if article is None or result.error is not None:
        return []
    paths, hashes = _declared(result)
    declared_url = result.variables.get("source_url", "")
    return [
        _finding(article, reuse, params)
        for reuse in find_reuse(article, library, params)
        if reuse.candidate.source.path not in paths
        and reuse.candidate.source.body_hash not in hashes
        and not (declared_url and reuse.candidate.source.url == declared_url)
    ]
