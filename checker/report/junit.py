"""`--format junit`: JUnit XML for CI test tabs (Jenkins, GitLab, Azure, test reporters).

One testsuite per article, one testcase per rule that has findings. Findings at or above the
run's fail level become the testcase's `<failure>`; lower ones go to its `<system-out>`. A clean
article gets one passing testcase (Jenkins rejects empty suites); an unreadable one gets an
`<error>`. A suite's `<properties>` hold the article's evidence (when it was checked, the SHA-256
of the article and source bytes); a rule's testcase holds the terms it enforces in its own
`<properties>` (as pytest's xunit1 flavour writes them). ElementTree does the escaping;
characters XML 1.0 cannot hold are replaced.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from checker.findings import ArticleResult, Finding, RunResult, Severity
from checker.pack_model import Rule
from checker.report.contract import evidence_to_dict, run_rules

# Characters outside the XML 1.0 `Char` production (C0 controls other than tab, LF, CR;
# lone surrogates; U+FFFE/U+FFFF). ElementTree would write them verbatim and break parsers.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
CLEAN_CASE = "no findings"
READ_CASE = "read article"


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _finding_line(finding: Finding) -> str:
    loc = finding.location
    where = loc.path
    if loc.line > 0:
        where += f":{loc.line}" + (f":{loc.column}" if loc.column > 0 else "")
    line = f"{where}: {finding.severity.label} {finding.message}"
    if finding.evidence:
        line += f"\n    evidence: {finding.evidence}"
    if finding.help_uri:
        line += f"\n    terms: {finding.help_uri}"
    return line


def _element(parent: ET.Element, tag: str, attrs: dict[str, str], text: str = "") -> ET.Element:
    element = ET.SubElement(parent, tag, {k: _xml_text(v) for k, v in attrs.items()})
    if text:
        element.text = _xml_text(text)
    return element


def _is_failure(finding: Finding, fail_level: Severity | None) -> bool:
    return fail_level is not None and finding.severity >= fail_level


def _properties(parent: ET.Element, values: list[tuple[str, str]]) -> None:
    """A `<properties>` element of the non-empty values, if there is any."""
    present = [(name, value) for name, value in values if value]
    if not present:
        return
    properties = _element(parent, "properties", {})
    for name, value in present:
        _element(properties, "property", {"name": name, "value": value})


def _rule_case(
    suite: ET.Element,
    result: ArticleResult,
    rule: str,
    findings: list[Finding],
    run: RunResult,
    known: Rule | None,
) -> bool:
    """Add the testcase of one rule; return whether it failed."""
    case = _element(suite, "testcase", {"name": rule, "classname": result.article})
    case.set("file", _xml_text(result.article))
    if known is not None:
        _properties(case, [("terms", known.terms), ("terms_text", known.terms_text)])
    failing = [f for f in findings if _is_failure(f, run.fail_level)]
    passing = [f for f in findings if not _is_failure(f, run.fail_level)]
    if failing:
        worst = max(f.severity for f in failing)
        message = failing[0].message
        if len(failing) > 1:
            message += f" (and {len(failing) - 1} more)"
        body = "\n".join(_finding_line(f) for f in failing)
        _element(case, "failure", {"message": message, "type": worst.label}, body)
    if passing:
        _element(case, "system-out", {}, "\n".join(_finding_line(f) for f in passing))
    return bool(failing)


def _suite(
    root: ET.Element, result: ArticleResult, run: RunResult, rules: dict[str, Rule]
) -> tuple[int, int, int]:
    suite = _element(root, "testsuite", {"name": result.article})
    properties = _element(suite, "properties", {})
    _element(properties, "property", {"name": "pack", "value": result.pack})
    if result.source is not None:
        _element(properties, "property", {"name": "source", "value": result.source})
    _element(properties, "property", {"name": "status", "value": run.status(result)})
    # The evidence, under the names of the JSON contract's `evidence` object.
    for name, value in (evidence_to_dict(result) or {}).items():
        if value:
            _element(properties, "property", {"name": name, "value": value})

    tests = failures = errors = 0
    if result.error is not None:
        case = _element(suite, "testcase", {"name": READ_CASE, "classname": result.article})
        _element(case, "error", {"message": result.error, "type": "unreadable"}, result.error)
        tests, errors = 1, 1
    else:
        by_rule: dict[str, list[Finding]] = {}
        for finding in sorted(result.findings, key=Finding.sort_key):
            by_rule.setdefault(finding.rule, []).append(finding)
        # Every rule that ran gets a testcase, so a clean rule shows as a passing test.
        for rule in sorted({*result.rules, *by_rule}):
            tests += 1
            known = rules.get(rule)
            failures += _rule_case(suite, result, rule, by_rule.get(rule, []), run, known)
        if not tests:
            _element(suite, "testcase", {"name": CLEAN_CASE, "classname": result.article})
            tests = 1
    suite.set("tests", str(tests))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    suite.set("skipped", "0")
    return tests, failures, errors


def render(run: RunResult) -> str:
    root = ET.Element("testsuites", {"name": "syndicheck"})
    totals = [0, 0, 0]
    rules = run_rules(run)
    for result in run.results:
        for index, value in enumerate(_suite(root, result, run, rules)):
            totals[index] += value
    if not run.results:
        suite = _element(root, "testsuite", {"name": "syndicheck", "tests": "1"})
        suite.set("failures", "0")
        suite.set("errors", "0")
        suite.set("skipped", "0")
        _element(suite, "testcase", {"name": "no articles", "classname": "syndicheck"})
        totals[0] = 1
    root.set("tests", str(totals[0]))
    root.set("failures", str(totals[1]))
    root.set("errors", str(totals[2]))
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
