"""One fingerprint function for SARIF, baselines and the audit history (issue 12)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner

from checker.cli import cli
from checker.findings import Finding, Location, Severity
from checker.fingerprint import fingerprint

NOTE = Finding(
    rule="default/text-overlap",
    check="text-overlap",
    severity=Severity.INFO,
    message="Text reuse: 47% of the article's words are in passages aligned with the source"
    " (3 passages, longest 52 words; source coverage 31%; verdict light-revision)",
    location=Location("articles/a1.md", 5, 1),
    evidence="verdict light-revision",
)


def test_figures_that_describe_a_finding_are_not_its_identity() -> None:
    moved = replace(
        NOTE, message=NOTE.message.replace("47%", "52%").replace("52 words", "61 words")
    )
    assert fingerprint(moved) == fingerprint(NOTE)
    no_evidence = replace(NOTE, evidence="")
    assert fingerprint(replace(moved, evidence="")) == fingerprint(no_evidence)
    assert fingerprint(replace(NOTE, location=Location("articles/a1.md", 9, 3))) == fingerprint(
        NOTE
    )


def test_a_new_verdict_severity_rule_or_article_is_a_new_finding() -> None:
    others = [
        replace(NOTE, evidence="verdict near-copy"),
        replace(NOTE, severity=Severity.WARNING),
        replace(NOTE, rule="house/text-overlap"),
        replace(NOTE, location=Location("articles/a2.md", 5, 1)),
    ]
    assert len({fingerprint(NOTE), *(fingerprint(f) for f in others)}) == 5
    # The audit names an article by its manifest key, wherever the file is read from.
    assert fingerprint(NOTE, article="articles/a1.md") == fingerprint(
        replace(NOTE, location=Location("/elsewhere/a1.md", 5, 1)), article="articles/a1.md"
    )


def test_a_baseline_from_before_the_change_is_refused_in_one_line(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("---\ntitle: T\n---\nSome text.\n", encoding="utf-8")
    old = tmp_path / "baseline.json"
    old.write_text(json.dumps({"baseline_version": 1, "tool": "syndicheck", "findings": []}))
    result = CliRunner().invoke(cli, ["check", str(article), "--baseline", str(old)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"syndicheck: error: {old}: written by an earlier syndicheck whose fingerprints differ"
        " (baseline_version 1); write it again with --write-baseline"
    ]
