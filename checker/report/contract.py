"""The JSON contract of design.md as plain dicts, shared by every machine-readable renderer."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from checker.findings import ArticleResult, Finding, RunResult

if TYPE_CHECKING:
    from checker.pack_model import Rule

SCHEMA_VERSION = 1
TOOL_NAME = "syndicheck"


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "check": finding.check,
        "severity": finding.severity.label,
        "message": finding.message,
        "location": {
            "path": finding.location.path,
            "line": finding.location.line,
            "column": finding.location.column,
        },
        "evidence": finding.evidence,
    }


def overlap_to_dict(result: ArticleResult) -> dict[str, Any] | None:
    alignment = result.overlap
    if alignment is None:
        return None
    return {
        "containment": round(alignment.containment, 4),
        "source_coverage": round(alignment.source_coverage, 4),
        "longest_passage_words": alignment.longest_passage_words,
        "verdict": alignment.verdict,
        "passages": [
            {
                "article": [p.article_start, p.article_end],
                "source": [p.source_start, p.source_end],
                "words": p.words,
                "similarity": round(p.similarity, 4),
            }
            for p in alignment.passages
        ],
    }


def evidence_to_dict(result: ArticleResult) -> dict[str, str] | None:
    """When the article was checked and the SHA-256 of the bytes checked, as the result holds
    them (`checker.evidence.Evidence`); None when it holds none (an unreadable article)."""
    return asdict(result.evidence) if result.evidence is not None else None


def run_rules(run: RunResult) -> dict[str, Rule]:
    """Every rule the run or its results describe, by qualified id, sorted: the run's own
    records (`RunResult.rules`, built from the results' `rule_records`) and any a result
    carries that the run does not."""
    rules: dict[str, Rule] = {
        rule.qualified_id: rule for result in run.results for rule in result.rule_records
    }
    rules.update(run.rules)
    return dict(sorted(rules.items()))


def rule_to_dict(rule: Rule) -> dict[str, str]:
    return {
        "check": rule.check,
        "severity": rule.severity.label,
        "description": rule.description,
        "terms": rule.terms,
        "terms_text": rule.terms_text,
    }


def result_to_dict(run: RunResult, result: ArticleResult) -> dict[str, Any]:
    data: dict[str, Any] = {
        "article": result.article,
        "source": result.source,
        "pack": result.pack,
        "pack_reason": result.pack_reason,
        "status": run.status(result),
        "findings": [finding_to_dict(f) for f in sorted(result.findings, key=Finding.sort_key)],
        "overlap": overlap_to_dict(result),
        # Added in schema version 1, backward-compatibly: when it was checked and the SHA-256
        # of the article and source bytes checked, or null when the result holds none.
        "evidence": evidence_to_dict(result),
    }
    if result.error is not None:
        data["error"] = result.error
    return data


def run_to_dict(run: RunResult) -> dict[str, Any]:
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": TOOL_NAME, "version": run.tool_version},
        "packs": dict(sorted(run.packs.items())),
        "results": [result_to_dict(run, result) for result in run.results],
        "summary": {
            "articles": len(run.results),
            "failed": run.failed_articles,
            "findings": run.counts(),
        },
        # Added in the same schema version, backward-compatibly: one new top-level key, and
        # `results` and `summary` keep their keys and meaning (the checked articles only); an
        # article that was not checked (no declared source) is listed here with the reason.
        "skipped": [{"article": r.article, "reason": r.skipped} for r in run.skipped],
        # Added in schema version 1 too: each rule that ran, by qualified id, with the terms it
        # enforces (their address and the clause quoted), once rather than on every finding.
        "rules": {rule_id: rule_to_dict(rule) for rule_id, rule in run_rules(run).items()},
    }
    if run.baseline_path:
        data["baseline"] = {
            "path": run.baseline_path,
            "stale": [
                {"fingerprint": e.fingerprint, "rule": e.rule, "path": e.path, "message": e.message}
                for e in run.stale_baseline
            ],
        }
    return data
