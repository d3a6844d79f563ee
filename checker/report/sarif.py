"""`--format sarif`: SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, IDE viewers).

Rules are built from the findings' own rule ids, results point at repo-relative URIs under
`%SRCROOT%`, and each result carries a `partialFingerprints` entry that hashes the rule, the path
and the normalised evidence (never the line number) so an alert survives edits elsewhere.
Unreadable articles become tool execution notifications. Output is deterministic.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import quote

from checker.findings import ArticleResult, Finding, RunResult, Severity
from checker.fingerprint import fingerprint, has_scheme, repo_relative
from checker.packs import Rule
from checker.rule_ref import RuleRef
from checker.urls import is_web_url

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
TOOL_NAME = "syndicheck"
INFORMATION_URI = "https://pypi.org/project/syndicheck/"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "syndicheck/v1"

LEVELS: dict[Severity, str] = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "note",
}


def _artifact_location(path: str) -> dict[str, Any]:
    relative = repo_relative(path)
    if has_scheme(relative):
        return {"uri": relative}
    if Path(relative).is_absolute():
        return {"uri": Path(relative).as_uri()}
    return {"uri": quote(relative, safe="/-._~"), "uriBaseId": SRCROOT}


def _humanise(check: str) -> str:
    words = check.replace("_", "-").split("-")
    return " ".join(words).capitalize() if words else check


def _rule_descriptor(rule: str, findings: list[Finding], known: Rule | None) -> dict[str, Any]:
    ref = RuleRef.parse(rule)
    pack, name = ref.pack, ref.id
    check = known.check if known is not None else findings[0].check
    title = _humanise(check)
    if known is not None:
        level = LEVELS[known.severity]
        help_uri = known.terms if is_web_url(known.terms) else ""
        full = " ".join(known.description.split()) or f"{title} check, rule {name}."
    else:
        level = LEVELS[max(f.severity for f in findings)]
        help_uri = next((f.help_uri for f in findings if is_web_url(f.help_uri)), "")
        full = f"{title} check, rule {name or rule}"
        full += f" of the {pack} rule pack." if pack else "."
    help_text = f"{full} Terms this rule enforces: {help_uri}" if help_uri else full
    descriptor: dict[str, Any] = {
        "id": rule,
        "name": name or rule,
        "shortDescription": {"text": title},
        "fullDescription": {"text": full},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": level},
        "properties": {"tags": sorted({"syndication", check})},
    }
    if help_uri:
        descriptor["helpUri"] = help_uri
    return descriptor


def _region(finding: Finding) -> dict[str, int] | None:
    location = finding.location
    if location.line <= 0:
        return None
    region = {"startLine": location.line}
    if location.column > 0:
        region["startColumn"] = location.column
    return region


def _result(finding: Finding, rule_index: dict[str, int], occurrence: int) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": _artifact_location(finding.location.path)}
    region = _region(finding)
    if region is not None:
        physical["region"] = region
    text = finding.message
    if finding.evidence:
        text = f"{text}\nEvidence: {finding.evidence}"
    return {
        "ruleId": finding.rule,
        "ruleIndex": rule_index[finding.rule],
        "level": LEVELS[finding.severity],
        "message": {"text": text},
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": {FINGERPRINT_KEY: f"{fingerprint(finding)}:{occurrence}"},
    }


def _notification(result: ArticleResult) -> dict[str, Any]:
    error = result.error or ""
    return {
        "level": "error",
        "message": {
            "text": error if error.startswith(result.article) else f"{result.article}: {error}"
        },
        "locations": [
            {"physicalLocation": {"artifactLocation": _artifact_location(result.article)}}
        ],
    }


def render_dict(run: RunResult) -> dict[str, Any]:
    findings = sorted(run.findings, key=Finding.sort_key)
    by_rule: dict[str, list[Finding]] = {}
    for finding in findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    # Rules that ran but found nothing are described too: code scanning then knows them.
    rule_ids = sorted({*by_rule, *run.rules})
    rule_index = {rule: index for index, rule in enumerate(rule_ids)}

    seen: Counter[str] = Counter()
    results: list[dict[str, Any]] = []
    for finding in findings:
        key = fingerprint(finding)
        seen[key] += 1
        results.append(_result(finding, rule_index, seen[key]))

    driver: dict[str, Any] = {"name": TOOL_NAME, "informationUri": INFORMATION_URI}
    if run.tool_version:
        driver["version"] = run.tool_version
        driver["semanticVersion"] = run.tool_version
    driver["rules"] = [
        _rule_descriptor(rule, by_rule.get(rule, []), run.rules.get(rule)) for rule in rule_ids
    ]

    errors = [_notification(result) for result in run.results if result.error is not None]
    invocation: dict[str, Any] = {"executionSuccessful": not errors}
    if errors:
        invocation["toolExecutionNotifications"] = errors

    sarif_run: dict[str, Any] = {
        "tool": {"driver": driver},
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if run.packs:
        sarif_run["properties"] = {"packs": dict(sorted(run.packs.items()))}
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [sarif_run]}


def render(run: RunResult) -> str:
    return json.dumps(render_dict(run), indent=2, ensure_ascii=False) + "\n"
