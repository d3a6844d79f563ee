"""JUnit renderer: one suite per article, one case per rule, parseable whatever the input."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from conftest_report import XSS, finding, hostile_run, sample_run

from checker.findings import ArticleResult, RunResult, Severity
from checker.report import render


def parse(run: RunResult) -> ET.Element:
    text = render(run, "junit")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(text.encode("utf-8"))


def suites(root: ET.Element) -> dict[str, ET.Element]:
    return {suite.get("name", ""): suite for suite in root.iter("testsuite")}


def test_one_suite_per_article_and_case_per_rule() -> None:
    root = parse(sample_run())
    assert root.tag == "testsuites"
    by_name = suites(root)
    assert list(by_name) == [
        "articles/istanbul-talks.html",
        "articles/clean.md",
        "articles/warned.html",
        "articles/broken.html",
    ]
    failing = by_name["articles/istanbul-talks.html"]
    cases = {case.get("name", ""): case for case in failing.iter("testcase")}
    assert sorted(cases) == [
        "default/image-credit",
        "default/original-link",
        "default/source-credit",
        "default/text-overlap",
    ]
    assert failing.get("tests") == "4"
    assert failing.get("failures") == "2"
    failure = cases["default/source-credit"].find("failure")
    assert failure is not None
    assert failure.get("message") == "No credit line names Bloomberg as the source."
    assert failure.get("type") == "error"
    assert "evidence: This article was prepared" in (failure.text or "")
    assert "articles/istanbul-talks.html:18:5" in (failure.text or "")


def test_lower_levels_go_to_system_out() -> None:
    by_name = suites(parse(sample_run()))
    cases = {c.get("name"): c for c in by_name["articles/istanbul-talks.html"].iter("testcase")}
    warning = cases["default/original-link"]
    assert warning.find("failure") is None
    out = warning.find("system-out")
    assert out is not None
    assert "rel=nofollow" in (out.text or "")


def test_fail_level_warning_makes_warnings_fail() -> None:
    by_name = suites(parse(sample_run(fail_level=Severity.WARNING)))
    warned = by_name["articles/warned.html"]
    assert warned.get("failures") == "1"
    case = warned.find("testcase")
    assert case is not None
    assert case.find("failure") is not None


def test_fail_level_never_fails_nothing() -> None:
    root = parse(sample_run(fail_level=None))
    assert root.get("failures") == "0"
    assert not list(root.iter("failure"))


def test_clean_article_has_one_passing_case() -> None:
    clean = suites(parse(sample_run()))["articles/clean.md"]
    cases = list(clean.iter("testcase"))
    assert len(cases) == 1
    assert list(cases[0]) == []
    assert clean.get("tests") == "1"
    assert clean.get("failures") == "0"


def test_unreadable_article_is_an_error() -> None:
    root = parse(sample_run())
    broken = suites(root)["articles/broken.html"]
    error = broken.find("testcase/error")
    assert error is not None
    assert error.get("message") == "cannot decode: invalid start byte"
    assert broken.get("errors") == "1"
    assert root.get("errors") == "1"
    assert root.get("tests") == "7"
    assert root.get("failures") == "2"


def test_several_findings_of_one_rule_share_a_failure() -> None:
    findings = (
        finding("p/x", Severity.ERROR, "first", "a.md", 1, 1),
        finding("p/x", Severity.ERROR, "second", "a.md", 5, 1),
    )
    root = parse(RunResult((ArticleResult("a.md", None, "p", findings),)))
    failures = list(root.iter("failure"))
    assert len(failures) == 1
    assert failures[0].get("message") == "first (and 1 more)"
    assert "second" in (failures[0].text or "")


def test_empty_run_still_has_a_passing_case() -> None:
    root = parse(RunResult(()))
    assert root.get("tests") == "1"
    assert len(list(root.iter("testcase"))) == 1


def test_hostile_strings_are_escaped_and_parse() -> None:
    root = parse(hostile_run())
    failure = next(root.iter("failure"))
    assert failure.get("message") == f"Message {XSS}"
    assert XSS in (failure.text or "")
    names = [suite.get("name") for suite in root.iter("testsuite")]
    assert "articles/<script>alert(1)</script>.html" in names


def test_characters_xml_cannot_hold_are_replaced() -> None:
    bad = finding(
        "p/x", Severity.ERROR, "nul\x00 bell\x07 ok\ttab", "a\x0b.md", 1, 1, "form\x0cfeed \ud800"
    )
    root = parse(RunResult((ArticleResult("a\x0b.md", None, "p", (bad,)),)))
    failure = next(root.iter("failure"))
    assert failure.get("message") == "nul\ufffd bell\ufffd ok\ttab"
    assert "form\ufffdfeed \ufffd" in (failure.text or "")
