"""An audit's outputs: `reports/<run-id>/` (the HTML report, report.json, changes.html) and
the summary printed at the end. Nothing here computes a finding; it arranges stored ones."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from checker.audit.history import Changes
from checker.audit.manifest import RowError
from checker.audit.overview import RunPoint, overview
from checker.audit.records import FindingRow
from checker.declared import SKIP_REASON
from checker.findings import RunResult, Severity
from checker.output import write_report
from checker.plural import plural
from checker.report import html
from checker.report.contract import run_to_dict


def _row(row: FindingRow) -> dict[str, Any]:
    return {
        "fingerprint": row.fingerprint,
        "rule": row.rule,
        "severity": Severity(row.severity).label,
        "message": row.message,
        "line": row.line,
    }


def changes_to_dict(changes: Changes) -> dict[str, Any]:
    return {
        "baseline": changes.baseline,
        "totals": {"new": changes.new, "fixed": changes.fixed, "open": changes.open},
        "articles": {
            a.key: {
                "new": [_row(r) for r in a.new],
                "fixed": [_row(r) for r in a.fixed],
                "open": len(a.open),
            }
            for a in changes.articles
        },
    }


def write_reports(
    folder: Path,
    run_id: str,
    run: RunResult,
    changes: Changes,
    meta: Mapping[str, Any],
    points: tuple[RunPoint, ...] = (),
) -> None:
    data = run_to_dict(run)
    data["audit"] = {"run_id": run_id, **meta, "changes": changes_to_dict(changes)}
    write_report(str(folder / "report.json"), json.dumps(data, indent=2, ensure_ascii=False))
    audit = overview(run_id, run, changes, points)
    write_report(str(folder / "changes.html"), html.render_changes(audit, changes))
    write_report(str(folder / "index.html"), html.render(run, audit))


def summary(
    run_id: str,
    run: RunResult,
    changes: Changes,
    checked: int,
    reused: int,
    row_errors: tuple[RowError, ...],
    seconds: float,
    folder: Path | None,
) -> str:
    counts = run.counts()
    skipped = len(run.skipped)
    also = f", {skipped} skipped: {SKIP_REASON}" if skipped else ""
    lines = [
        f"Audit {run_id}: {plural(len(run.results) + skipped, 'article')} ({checked - skipped}"
        f" checked, {reused} unchanged and reused{also}) in {seconds:.1f} s;"
        f" {run.failed_articles} failed; findings: {plural(counts['error'], 'error')},"
        f" {plural(counts['warning'], 'warning')}, {counts['info']} info",
    ]
    since = f"since run {changes.baseline}" if changes.baseline else "(first run: all new)"
    lines.append(
        f"Changes {since}: {changes.new} new, {changes.fixed} fixed, {changes.open} still open"
    )
    shown = [a for a in changes.articles if (a.new or a.fixed) and changes.baseline]
    for article in shown[:20]:
        lines.append(f"  {article.key}: {len(article.new)} new, {len(article.fixed)} fixed")
    if len(shown) > 20:
        lines.append(f"  ... and {len(shown) - 20} more articles with changes (changes.html)")
    if row_errors:
        lines.append(f"{len(row_errors)} manifest rows could not be used (see above)")
    if folder is not None:
        lines.append(f"Reports: {folder / 'index.html'}, {folder / 'report.json'}")
    return "\n".join(lines) + "\n"
