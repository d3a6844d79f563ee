"""Stable identities of findings: the one function SARIF, baselines and the audit history use.

A fingerprint hashes the rule, the severity, the article (its repo-relative path, or the
audit's manifest key) and the normalised evidence (else the message). Left out on purpose:
the line and column (editing another paragraph moves a finding without making it a new one)
and the digits (the figures that describe a finding, such as a text-overlap percentage, move
with any edit; what identifies it, such as the overlap verdict, is words). A change of
severity or verdict is a change: the old finding is fixed and the new one is new.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from checker.findings import Finding

_WHITESPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")


def has_scheme(path: str) -> bool:
    """A URI of any scheme (SARIF locations may be `file:`, `https:`, ...), unlike
    `checker.urls.is_web_url`, which asks whether a text is a web address."""
    return bool(_URL.match(path))


def repo_relative(path: str, cwd: Path | None = None) -> str:
    """`path` as a POSIX path relative to `cwd` when it lies inside it, else unchanged.

    URLs are returned as they are; relative paths are normalised (`./a/../b` -> `b`).
    """
    if not path or has_scheme(path):
        return path
    base = (cwd or Path.cwd()).resolve()
    candidate = Path(path)
    absolute = candidate if candidate.is_absolute() else base / candidate
    normalised = Path(os.path.normpath(absolute))
    try:
        return normalised.relative_to(base).as_posix()
    except ValueError:
        return normalised.as_posix() if candidate.is_absolute() else path


def normalise(text: str) -> str:
    return _WHITESPACE.sub(" ", _DIGITS.sub("#", text)).strip().casefold()


def fingerprint(finding: Finding, cwd: Path | None = None, article: str | None = None) -> str:
    """`article`: the article's identity when it is not its path (an audit's manifest key)."""
    where = article if article is not None else repo_relative(finding.location.path, cwd)
    basis = normalise(finding.evidence) or normalise(finding.message)
    data = "\0".join((finding.rule, finding.severity.label, where, basis))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:32]
