"""`--format text`: `path:line:col: severity rule message`, one line a finding, then a summary."""

from __future__ import annotations

from checker.findings import Finding, RunResult


def render(run: RunResult) -> str:
    lines: list[str] = []
    for result in run.results:
        if result.error is not None:
            lines.append(f"{result.article}: error: {result.error}")
            continue
        if result.pack_reason:
            lines.append(f"{result.article}: rules {result.pack}: {result.pack_reason}")
        for f in sorted(result.findings, key=Finding.sort_key):
            loc = f.location
            lines.append(
                f"{loc.path}:{loc.line}:{loc.column}: {f.severity.label} {f.rule} {f.message}"
            )
            if f.evidence:
                lines.append(f"    evidence: {f.evidence}")
    for entry in run.stale_baseline:
        lines.append(
            f"{entry.path}: baseline entry no longer matches: {entry.rule} {entry.message}"
        )
    counts = run.counts()
    articles = len(run.results)
    lines.append(
        f"{articles} article{'s' if articles != 1 else ''} checked, "
        f"{run.failed_articles} failed: {counts['error']} errors, "
        f"{counts['warning']} warnings, {counts['info']} info"
    )
    return "\n".join(lines) + "\n"
