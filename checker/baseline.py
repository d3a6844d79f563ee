"""Baselines: accept today's findings, report only new ones from now on.

`--write-baseline FILE` records each finding by its fingerprint (rule, path, evidence; not the
line, so edits elsewhere in the article do not make it new). `--baseline FILE` hides findings
that match an entry, counting duplicates, and lists the entries that no longer match.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from checker.errors import UsageError
from checker.findings import BaselineEntry, RunResult
from checker.fingerprint import fingerprint, repo_relative

# 2: fingerprints hold the severity and leave out digits (checker.fingerprint), so a file of
# version 1 would match nothing; it is refused with a clear message instead.
BASELINE_VERSION = 2


def baseline_text(run: RunResult) -> str:
    entries = [
        {
            "fingerprint": fingerprint(f),
            "rule": f.rule,
            "path": repo_relative(f.location.path),
            "message": f.message,
        }
        for result in run.results
        for f in result.findings
    ]
    entries.sort(key=lambda e: (e["path"], e["rule"], e["fingerprint"]))
    data = {"baseline_version": BASELINE_VERSION, "tool": "syndicheck", "findings": entries}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def load_baseline(path: str) -> tuple[BaselineEntry, ...]:
    try:
        data: Any = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(path, "baseline file not found") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(path, f"cannot read the baseline: {exc}") from None
    if isinstance(data, dict) and data.get("baseline_version") == 1:
        raise UsageError(
            path,
            "written by an earlier syndicheck whose fingerprints differ (baseline_version 1);"
            " write it again with --write-baseline",
        )
    if not isinstance(data, dict) or data.get("baseline_version") != BASELINE_VERSION:
        raise UsageError(path, f"not a syndicheck baseline (baseline_version {BASELINE_VERSION})")
    try:
        return tuple(
            BaselineEntry(str(e["fingerprint"]), str(e["rule"]), str(e["path"]), str(e["message"]))
            for e in data["findings"]
        )
    except (KeyError, TypeError):
        raise UsageError(
            path, "baseline entries need fingerprint, rule, path and message"
        ) from None


def apply_baseline(run: RunResult, entries: tuple[BaselineEntry, ...], path: str) -> RunResult:
    """The run without findings the baseline accepted, and with its stale entries listed."""
    budget = Counter(entry.fingerprint for entry in entries)
    results = []
    for result in run.results:
        kept = []
        for finding in result.findings:
            key = fingerprint(finding)
            if budget[key] > 0:
                budget[key] -= 1
            else:
                kept.append(finding)
        results.append(replace(result, findings=tuple(kept)))
    stale: list[BaselineEntry] = []
    for entry in entries:
        if budget[entry.fingerprint] > 0:
            budget[entry.fingerprint] -= 1
            stale.append(entry)
    return replace(run, results=tuple(results), stale_baseline=tuple(stale), baseline_path=path)
