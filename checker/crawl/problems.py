"""What a copy's findings mean to the original publisher, in the `copies` report's words:
one table from check kind to problem, kept here in one place.

credit: no or wrong credit line (and byline); link: no link to the original; pixel: the
tracking pixel stripped; canonical: no canonical to the original; edits: the text changed
beyond the terms (or cut, retitled, its links dropped); images: our images reused without
permission or credit. Kinds with no problem here still appear among the copy's findings and
make it non-compliant: embargo; and text-overlap, which measures how much was reused (a copy
in part is allowed), while fidelity judges whether it was changed.
"""

from __future__ import annotations

from collections.abc import Iterable

from checker.findings import Finding, Severity

PROBLEMS = ("credit", "link", "pixel", "canonical", "edits", "images")

PROBLEM_OF_CHECK: dict[str, str] = {
    "source-credit": "credit",
    "byline": "credit",
    # CC BY-ND's notice sits in the handout's credit footer: it goes when the credit goes.
    "licence-notice": "credit",
    "original-link": "link",
    "link-back": "link",
    "tracker": "pixel",
    "canonical": "canonical",
    "fidelity": "edits",
    "completeness": "edits",
    "headline": "edits",
    "links-kept": "edits",
    "image-credit": "images",
    "image-rights": "images",
    "image-metadata": "images",
}

# Findings below this do not make a copy non-compliant (notes, not breaches of the terms).
COUNTS_FROM = Severity.WARNING


def counted(findings: Iterable[Finding]) -> list[Finding]:
    return [finding for finding in findings if finding.severity >= COUNTS_FROM]


def problems_of(findings: Iterable[Finding]) -> tuple[str, ...]:
    """The problems the findings show, sorted, each once."""
    found = {PROBLEM_OF_CHECK.get(str(finding.check)) for finding in counted(findings)}
    return tuple(sorted(problem for problem in found if problem))
