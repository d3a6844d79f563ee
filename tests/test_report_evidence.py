"""The machine-readable reports carry the evidence and the quoted terms, as the HTML does.

Articles, a source and a pack are written here, checked through the command line, and the
JSON, SARIF and JUnit reports read back. Every expected hash is computed here with hashlib
over the bytes this test wrote, and every clause is the one this test wrote in the pack.
"""

from __future__ import annotations

import hashlib
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner
from conftest_report import sarif_schema
from pages import BODY, CREDIT, LINK, SOURCE_PAGE, news_page

from checker.cli import cli
from checker.findings import ArticleResult, RunResult
from checker.pack_model import Rule
from checker.report import render
from checker.severity import Severity

CLAUSE = 'You must credit "the Publisher" <in a line> readers can see & link back.'
CREDIT_TERMS = "https://example.org/republishing-terms#credit"
LINK_TERMS = "https://example.org/republishing-terms#link"
PACK = f"""name: house
version: "3"
rules:
  - id: credit
    check: source-credit
    severity: error
    message: "No credit line."
    description: "A visible credit line."
    terms: "{CREDIT_TERMS}"
    terms_text: {json.dumps(CLAUSE)}
  - id: link
    check: original-link
    severity: warning
    message: "No link to the original."
    terms: "{LINK_TERMS}"
"""
UTC_SECOND = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


@dataclass(frozen=True)
class Checked:
    """The files written, the hashes of their bytes, and the reports of one run."""

    story: Path  # breaks house/credit and house/link
    clean: Path  # passes
    unreadable: Path  # empty: an error result
    source: Path
    hashes: dict[str, str]  # file name -> SHA-256 of the bytes written
    before: datetime
    after: datetime
    reports: dict[str, str]


def _write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return hashlib.sha256(data).hexdigest()


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> Checked:
    folder = tmp_path_factory.mktemp("evidence")
    story, clean = folder / "story.html", folder / "clean.html"
    unreadable, source = folder / "empty.html", folder / "source.html"
    hashes = {
        "story.html": _write(story, news_page(BODY).encode("utf-8")),
        "clean.html": _write(clean, news_page(BODY + CREDIT + LINK).encode("utf-8")),
        "empty.html": _write(unreadable, b""),
        "source.html": _write(source, SOURCE_PAGE.encode("utf-8")),
    }
    pack = folder / "house.yml"
    pack.write_text(PACK, encoding="utf-8")
    outputs = {fmt: folder / f"report.{fmt}" for fmt in ("sarif", "junit")}
    articles = [str(unreadable), str(story), str(clean)]
    command = ["check", *articles, "--source", str(source), "--rules", str(pack)]
    extra = [f"--report={fmt}:{path}" for fmt, path in outputs.items()]
    before = datetime.now(UTC).replace(microsecond=0)
    outcome = CliRunner().invoke(cli, [*command, "--format", "json", *extra])
    after = datetime.now(UTC) + timedelta(seconds=1)
    assert outcome.exit_code == 2, outcome.output  # the unreadable article
    reports = {fmt: path.read_text(encoding="utf-8") for fmt, path in outputs.items()}
    reports["json"] = outcome.stdout
    return Checked(story, clean, unreadable, source, hashes, before, after, reports)


def _is_between(stamp: str, checked: Checked) -> bool:
    assert UTC_SECOND.fullmatch(stamp), stamp
    moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    return checked.before <= moment <= checked.after


# JSON


def test_json_evidence_names_the_bytes_checked(checked: Checked) -> None:
    results = {Path(r["article"]).name: r for r in json.loads(checked.reports["json"])["results"]}
    for name in ("story.html", "clean.html"):
        evidence = results[name]["evidence"]
        assert evidence["article_sha256"] == checked.hashes[name]
        assert evidence["source_sha256"] == checked.hashes["source.html"]
        assert evidence["source_origin"] == "file"
        assert evidence["source_fetched_at"] == ""
        assert _is_between(evidence["checked_at"], checked)
        assert set(evidence) == {
            "checked_at",
            "article_sha256",
            "source_sha256",
            "source_url",
            "source_origin",
            "source_fetched_at",
        }
    assert results["story.html"]["evidence"] != results["clean.html"]["evidence"]


def test_json_unreadable_article_has_null_evidence_and_the_others_stay(checked: Checked) -> None:
    data = json.loads(checked.reports["json"])
    assert [Path(r["article"]).name for r in data["results"]] == [
        "empty.html",
        "story.html",
        "clean.html",
    ]
    empty, story, clean = data["results"]
    assert empty["evidence"] is None
    assert empty["status"] == "error" and empty["error"]
    assert story["status"] == "fail"
    assert [f["rule"] for f in story["findings"]] == ["house/credit", "house/link"]
    assert clean["status"] == "pass" and clean["findings"] == []
    assert data["summary"]["articles"] == 3


def test_json_rules_quote_the_terms_as_the_pack_wrote_them(checked: Checked) -> None:
    data = json.loads(checked.reports["json"])
    assert list(data["rules"]) == ["house/credit", "house/link"]
    assert data["rules"]["house/credit"] == {
        "check": "source-credit",
        "severity": "error",
        "description": "A visible credit line.",
        "terms": CREDIT_TERMS,
        "terms_text": CLAUSE,
    }
    assert data["rules"]["house/link"]["terms"] == LINK_TERMS
    assert data["rules"]["house/link"]["terms_text"] == ""
    # Once for the run, never repeated on a finding.
    for result in data["results"]:
        for finding in result["findings"]:
            assert "terms_text" not in finding and "terms" not in finding


def test_json_rules_come_from_a_result_built_without_a_run() -> None:
    rule = Rule(
        "r", "p", "byline", Severity.INFO, "m", terms="https://t.example/", terms_text=CLAUSE
    )
    result = ArticleResult("a.html", None, ("p",), (), rule_records=(rule,))
    data = json.loads(render(RunResult((result,)), "json"))
    assert data["rules"]["p/r"]["terms_text"] == CLAUSE
    assert data["rules"]["p/r"]["severity"] == "info"
    assert data["results"][0]["evidence"] is None


# SARIF


def _valid_sarif(text: str) -> dict[str, Any]:
    schema = sarif_schema()
    cls = jsonschema.validators.validator_for(schema)
    data: dict[str, Any] = json.loads(text)
    errors = list(cls(schema, format_checker=cls.FORMAT_CHECKER).iter_errors(data))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)
    return data


def test_sarif_artifacts_hold_the_sha256_of_each_file(checked: Checked) -> None:
    (run,) = _valid_sarif(checked.reports["sarif"])["runs"]
    artifacts = run["artifacts"]
    by_uri = {a["location"]["uri"]: a for a in artifacts}
    targets = {
        uri.rsplit("/", 1)[-1]: a
        for uri, a in by_uri.items()
        if "analysisTarget" in a.get("roles", [])
    }
    assert sorted(targets) == ["clean.html", "story.html"]  # no artifact for the unreadable
    for name, artifact in targets.items():
        assert artifact["hashes"] == {"sha-256": checked.hashes[name]}
        assert _is_between(artifact["properties"]["checkedAt"], checked)
    (source,) = [a for uri, a in by_uri.items() if uri.endswith("/source.html")]
    assert source["hashes"] == {"sha-256": checked.hashes["source.html"]}
    assert source["properties"]["origin"] == "file"
    assert len(artifacts) == 3  # the source both articles share is listed once
    assert _is_between(run["invocations"][0]["startTimeUtc"], checked)
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        artifact = artifacts[location["index"]]
        assert artifact["location"]["uri"] == location["uri"]
        assert artifact["hashes"]["sha-256"] == checked.hashes["story.html"]


def test_sarif_help_quotes_the_clause(checked: Checked) -> None:
    (run,) = _valid_sarif(checked.reports["sarif"])["runs"]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    credit = rules["house/credit"]
    assert f'"{CLAUSE}"' in credit["help"]["text"]
    assert CREDIT_TERMS in credit["help"]["text"]
    assert credit["helpUri"] == CREDIT_TERMS
    assert "markdown" not in credit["help"]
    assert "clause" not in rules["house/link"]["help"]["text"]  # none was quoted


# JUnit


def _properties(element: ET.Element) -> dict[str, str]:
    holder = element.find("properties")
    assert holder is not None
    return {p.get("name", ""): p.get("value", "") for p in holder.iter("property")}


def test_junit_suites_hold_the_article_hash_and_cases_the_terms(checked: Checked) -> None:
    root = ET.fromstring(checked.reports["junit"])
    suites = {Path(s.get("name", "")).name: s for s in root.iter("testsuite")}
    for name in ("story.html", "clean.html"):
        properties = _properties(suites[name])
        assert properties["article_sha256"] == checked.hashes[name]
        assert properties["source_sha256"] == checked.hashes["source.html"]
        assert _is_between(properties["checked_at"], checked)
    assert "article_sha256" not in _properties(suites["empty.html"])
    cases = {c.get("name"): c for c in suites["story.html"].iter("testcase")}
    assert _properties(cases["house/credit"]) == {"terms": CREDIT_TERMS, "terms_text": CLAUSE}
    assert _properties(cases["house/link"]) == {"terms": LINK_TERMS}
    assert cases["house/credit"].find("failure") is not None
