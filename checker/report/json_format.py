"""`--format json`: the versioned machine-readable contract of design.md."""

from __future__ import annotations

import json

from checker.findings import RunResult
from checker.report.contract import run_to_dict


def render(run: RunResult) -> str:
    return json.dumps(run_to_dict(run), indent=2, ensure_ascii=False) + "\n"
