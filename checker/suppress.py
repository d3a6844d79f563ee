"""Inline suppressions: `<!-- syndicheck-disable RULE: reason -->` in HTML and Markdown.

A suppression names one rule (`default/image-credit`, or the bare `image-credit`) and says why;
it applies to the whole file. One without a reason, or one that suppressed nothing, is itself
reported, so suppressions cannot quietly outlive the problem they excused.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from checker.document import Suppression
from checker.findings import Finding, Location, Severity
from checker.rule_ref import RuleRef

PATTERN = re.compile(
    r"<!--\s*syndicheck-disable\s+(?P<rule>[\w./-]+)\s*(?::\s*(?P<reason>.*?))?\s*-->", re.S
)
META_RULE = RuleRef("syndicheck", "suppression")


def covers(suppression: Suppression, finding: Finding) -> bool:
    return finding.rule.named_by(suppression.rule)


def find_suppressions(text: str) -> tuple[Suppression, ...]:
    found = []
    for match in PATTERN.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        reason = " ".join((match.group("reason") or "").split())
        found.append(Suppression(match.group("rule"), reason, line))
    return tuple(found)


def apply_suppressions(
    findings: Iterable[Finding], suppressions: Iterable[Suppression], path: str
) -> tuple[list[Finding], list[Finding]]:
    """(kept findings, suppressed findings); kept includes the suppressions' own problems."""
    suppressions = list(suppressions)
    kept: list[Finding] = []
    suppressed: list[Finding] = []
    used: set[Suppression] = set()
    for finding in findings:
        match = next((s for s in suppressions if s.reason and covers(s, finding)), None)
        if match is None:
            kept.append(finding)
        else:
            suppressed.append(finding)
            used.add(match)
    for suppression in suppressions:
        problem = ""
        if not suppression.reason:
            problem = f"the suppression of {suppression.rule} gives no reason, so it is ignored"
        elif suppression not in used:
            problem = f"the suppression of {suppression.rule} matched no finding; remove it"
        if problem:
            kept.append(
                Finding(
                    rule=META_RULE,
                    check="suppression",
                    severity=Severity.WARNING,
                    message=problem,
                    location=Location(path, suppression.line, 1),
                    evidence=f"syndicheck-disable {suppression.rule}: {suppression.reason}",
                )
            )
    return kept, suppressed
