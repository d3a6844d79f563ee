"""Stable identities of findings: shared by SARIF, baselines and the audit history.

A fingerprint hashes the rule, the repo-relative path and the normalised evidence (else the
message). The line and column are left out on purpose: editing another paragraph moves a
finding without making it a new one.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from checker.findings import Finding

_WHITESPACE = re.compile(r"\s+")
_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")


def is_url(path: str) -> bool:
    return bool(_URL.match(path))


def repo_relative(path: str, cwd: Path | None = None) -> str:
    """`path` as a POSIX path relative to `cwd` when it lies inside it, else unchanged.

    URLs are returned as they are; relative paths are normalised (`./a/../b` -> `b`).
    """
    if not path or is_url(path):
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
    return _WHITESPACE.sub(" ", text).strip().casefold()


def fingerprint(finding: Finding, cwd: Path | None = None) -> str:
    basis = finding.evidence or finding.message
    data = "\0".join((finding.rule, repo_relative(finding.location.path, cwd), normalise(basis)))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:32]
