"""`--format sarif`: SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, IDE viewers).

Rules are built from the findings' own rule ids, results point at repo-relative URIs under
`%SRCROOT%`, and each result carries a `partialFingerprints` entry that hashes the rule, the path
and the normalised evidence (never the line number) so an alert survives edits elsewhere.
Unreadable articles become tool execution notifications. Each article checked, and its source,
is listed in `artifacts` with the SHA-256 of the bytes checked (`hashes`) and when it was
checked; a rule's `help` quotes the clause of the terms it enforces. Output is deterministic.
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
from checker.report.contract import run_rules
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
    if known is not None and known.terms_text:
        help_text += f'\nThe clause it enforces: "{known.terms_text}"'
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


def _artifacts(run: RunResult) -> list[dict[str, Any]]:
    """The bytes each article was checked against, as the results' evidence holds them: the
    article (`analysisTarget`) and its source, each with its SHA-256, in the order of the
    results, each listed once."""
    artifacts: list[dict[str, Any]] = []
    for result in run.results:
        evidence = result.evidence
        if evidence is None:
            continue
        artifacts.append(
            {
                "location": _artifact_location(result.article),
                "roles": ["analysisTarget"],
                "hashes": {"sha-256": evidence.article_sha256},
                "properties": {"checkedAt": evidence.checked_at},
            }
        )
        if not evidence.source_sha256:
            continue
        if evidence.source_origin == "file":
            source = result.source or ""
        else:  # fetched: named by its address, if it is one a viewer may link
            source = evidence.source_url if is_web_url(evidence.source_url) else ""
        properties = {"origin": evidence.source_origin}
        if evidence.source_url:
            properties["url"] = evidence.source_url
        if evidence.source_fetched_at:
            properties["fetchedAt"] = evidence.source_fetched_at
        artifact: dict[str, Any] = {"hashes": {"sha-256": evidence.source_sha256}}
        if source:
            artifact = {"location": _artifact_location(source), **artifact}
        artifact["properties"] = properties
        artifacts.append(artifact)
    unique: dict[str, dict[str, Any]] = {}
    for artifact in artifacts:
        unique.setdefault(json.dumps(artifact, sort_keys=True), artifact)
    return list(unique.values())


def _artifact_index(artifacts: list[dict[str, Any]]) -> dict[str, int]:
    """The index of the article artifact at each location (by its JSON), the first if several."""
    index: dict[str, int] = {}
    for number, artifact in enumerate(artifacts):
        if "analysisTarget" in artifact.get("roles", ()):
            index.setdefault(json.dumps(artifact["location"], sort_keys=True), number)
    return index


def _result(
    finding: Finding, rule_index: dict[str, int], occurrence: int, artifact_index: dict[str, int]
) -> dict[str, Any]:
    location = _artifact_location(finding.location.path)
    index = artifact_index.get(json.dumps(location, sort_keys=True))
    if index is not None:
        location["index"] = index
    physical: dict[str, Any] = {"artifactLocation": location}
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
    known = run_rules(run)
    rule_ids = sorted({*by_rule, *known})
    rule_index = {rule: index for index, rule in enumerate(rule_ids)}
    artifacts = _artifacts(run)
    artifact_index = _artifact_index(artifacts)

    seen: Counter[str] = Counter()
    results: list[dict[str, Any]] = []
    for finding in findings:
        key = fingerprint(finding)
        seen[key] += 1
        results.append(_result(finding, rule_index, seen[key], artifact_index))

    driver: dict[str, Any] = {"name": TOOL_NAME, "informationUri": INFORMATION_URI}
    if run.tool_version:
        driver["version"] = run.tool_version
        driver["semanticVersion"] = run.tool_version
    driver["rules"] = [
        _rule_descriptor(rule, by_rule.get(rule, []), known.get(rule)) for rule in rule_ids
    ]

    errors = [_notification(result) for result in run.results if result.error is not None]
    invocation: dict[str, Any] = {"executionSuccessful": not errors}
    if run.checked_at:
        invocation["startTimeUtc"] = run.checked_at
    if errors:
        invocation["toolExecutionNotifications"] = errors

    sarif_run: dict[str, Any] = {
        "tool": {"driver": driver},
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
    }
    if artifacts:
        sarif_run["artifacts"] = artifacts
    sarif_run["results"] = results
    if run.packs:
        sarif_run["properties"] = {"packs": dict(sorted(run.packs.items()))}
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [sarif_run]}


def render(run: RunResult) -> str:
    return json.dumps(render_dict(run), indent=2, ensure_ascii=False) + "\n"
