"""SARIF renderer: schema-valid, GitHub-ready, stable fingerprints, deterministic."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest_report import finding, hostile_run, sample_run, sarif_schema

from checker.findings import ArticleResult, Location, RunResult, Severity
from checker.fingerprint import repo_relative
from checker.report import render
from checker.report.sarif import FINGERPRINT_KEY


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = sarif_schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def sarif(run: RunResult, validator: jsonschema.protocols.Validator) -> dict[str, Any]:
    """Render, validate against the SARIF 2.1.0 schema, and return the parsed document."""
    data: dict[str, Any] = json.loads(render(run, "sarif"))
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)
    return data


def test_sample_run_is_valid_and_complete(validator: jsonschema.protocols.Validator) -> None:
    data = sarif(sample_run(), validator)
    assert data["version"] == "2.1.0"
    run = data["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "syndicheck"
    assert driver["version"] == "0.1.0"
    assert driver["informationUri"].startswith("https://")
    ids = [rule["id"] for rule in driver["rules"]]
    assert ids == sorted(set(ids))
    assert set(ids) == {
        "default/byline",
        "default/image-credit",
        "default/original-link",
        "default/source-credit",
        "default/text-overlap",
    }
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"]
        assert rule["fullDescription"]["text"]
        assert rule["helpUri"] == "https://example.org/republishing-terms#credit"
        assert rule["defaultConfiguration"]["level"] in {"error", "warning", "note"}
    levels = {rule["id"]: rule["defaultConfiguration"]["level"] for rule in driver["rules"]}
    assert levels["default/text-overlap"] == "note"
    assert levels["default/original-link"] == "warning"
    assert len(run["results"]) == 5
    for result in run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert not location["artifactLocation"]["uri"].startswith("/")
        assert FINGERPRINT_KEY in result["partialFingerprints"]


def test_region_only_when_known(validator: jsonschema.protocols.Validator) -> None:
    results = sarif(sample_run(), validator)["runs"][0]["results"]
    by_rule = {r["ruleId"]: r["locations"][0]["physicalLocation"] for r in results}
    assert by_rule["default/source-credit"]["region"] == {"startLine": 18, "startColumn": 5}
    assert "region" not in by_rule["default/text-overlap"]
    run = RunResult(
        (ArticleResult("a.md", None, "p", (finding("p/x", Severity.ERROR, "m", "a.md", 7, 0),)),)
    )
    location = sarif(run, validator)["runs"][0]["results"][0]["locations"][0]
    assert location["physicalLocation"]["region"] == {"startLine": 7}


def test_levels_map_to_sarif(validator: jsonschema.protocols.Validator) -> None:
    results = sarif(sample_run(), validator)["runs"][0]["results"]
    levels = {r["ruleId"]: r["level"] for r in results}
    assert levels["default/source-credit"] == "error"
    assert levels["default/original-link"] == "warning"
    assert levels["default/text-overlap"] == "note"


def test_unreadable_article_is_a_notification(validator: jsonschema.protocols.Validator) -> None:
    invocation = sarif(sample_run(), validator)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert len(notes) == 1
    assert "articles/broken.html" in notes[0]["message"]["text"]


def test_output_is_deterministic() -> None:
    assert render(sample_run(), "sarif") == render(sample_run(), "sarif")


def _fingerprints(run: RunResult) -> list[str]:
    data = json.loads(render(run, "sarif"))
    return [r["partialFingerprints"][FINGERPRINT_KEY] for r in data["runs"][0]["results"]]


def test_fingerprint_survives_moving_lines() -> None:
    base = sample_run()
    moved = RunResult(
        tuple(
            replace(
                result,
                findings=tuple(
                    replace(f, location=replace(f.location, line=f.location.line + 40, column=1))
                    for f in result.findings
                ),
            )
            for result in base.results
        )
    )
    assert _fingerprints(moved) == _fingerprints(base)


def test_fingerprint_changes_with_evidence_rule_or_path() -> None:
    one = finding("p/x", Severity.ERROR, "m", "a.md", 3, 1, "Credit: Reuters")
    variants = [
        replace(one, evidence="Credit:   reuters "),  # same after normalising
        replace(one, evidence="Credit: AP"),
        replace(one, rule="p/y"),
        replace(one, location=Location("b.md", 3, 1)),
    ]
    prints = [
        _fingerprints(RunResult((ArticleResult(f.location.path, None, "p", (f,)),)))[0]
        for f in [one, *variants]
    ]
    assert prints[0] == prints[1]
    assert len(set(prints[1:])) == 4


def test_identical_findings_get_distinct_fingerprints(
    validator: jsonschema.protocols.Validator,
) -> None:
    twice = (
        finding("p/x", Severity.ERROR, "m", "a.md", 3, 1, "same"),
        finding("p/x", Severity.ERROR, "m", "a.md", 9, 1, "same"),
    )
    data = sarif(RunResult((ArticleResult("a.md", None, "p", twice),)), validator)
    prints = [r["partialFingerprints"][FINGERPRINT_KEY] for r in data["runs"][0]["results"]]
    assert prints[0].endswith(":1")
    assert prints[1].endswith(":2")
    assert prints[0].split(":")[0] == prints[1].split(":")[0]


def test_paths_relative_to_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, validator: jsonschema.protocols.Validator
) -> None:
    monkeypatch.chdir(tmp_path)
    inside = str(tmp_path / "news" / "a b#1.html")
    outside = "/elsewhere/c.html"
    run = RunResult(
        (
            ArticleResult(inside, None, "p", (finding("p/x", Severity.ERROR, "m", inside, 2, 1),)),
            ArticleResult(
                outside, None, "p", (finding("p/x", Severity.ERROR, "m", outside, 2, 1),)
            ),
            ArticleResult(
                "./news/../d.md",
                None,
                "p",
                (finding("p/x", Severity.ERROR, "m", "./news/../d.md", 2, 1),),
            ),
        )
    )
    results = sarif(run, validator)["runs"][0]["results"]
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in results]
    assert {"uri": "news/a%20b%231.html", "uriBaseId": "%SRCROOT%"} in uris
    assert {"uri": "file:///elsewhere/c.html"} in uris
    assert {"uri": "d.md", "uriBaseId": "%SRCROOT%"} in uris
    assert repo_relative(inside) == "news/a b#1.html"


def test_help_uri_only_for_web_links(validator: jsonschema.protocols.Validator) -> None:
    data = sarif(hostile_run(), validator)
    rules = data["runs"][0]["tool"]["driver"]["rules"]
    assert all("helpUri" not in rule for rule in rules)
    text = json.dumps(data)
    assert "javascript:alert(document.domain)" not in json.dumps(rules)
    assert "<script>" in text  # messages are data: kept verbatim, JSON does the escaping


def test_empty_and_never_runs_are_valid(validator: jsonschema.protocols.Validator) -> None:
    empty = sarif(RunResult(()), validator)
    assert empty["runs"][0]["results"] == []
    assert empty["runs"][0]["tool"]["driver"]["rules"] == []
    never = sarif(sample_run(fail_level=None), validator)
    assert len(never["runs"][0]["results"]) == 5
