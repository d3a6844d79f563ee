"""`--format text`: `path:line:col: severity rule message`, one line a finding, then a summary.

An unreadable article is not listed here: the CLI says so on stderr, once. `--quiet` keeps the
finding lines only; `--statistics` adds counts per rule. Colour is a style function given by
the caller (the CLI decides whether the terminal gets it); the words are the same without it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from checker.findings import Finding, RunResult
from checker.plural import plural

Style = Callable[[str, str], str]  # (text, severity or "dim") -> styled text


def _plain(text: str, _kind: str) -> str:
    return text


@dataclass(frozen=True)
class TextOptions:
    quiet: bool = False
    statistics: bool = False
    style: Style = _plain


def summary_line(run: RunResult) -> str:
    counts = run.counts()
    checked, skipped = len(run.results), len(run.skipped)
    unreadable = sum(1 for result in run.results if result.error is not None)
    head = plural(checked + skipped, "article")
    parts = [f"{checked - unreadable:,} checked"]
    if skipped:
        reasons = sorted({result.skipped for result in run.skipped})
        parts.append(f"{skipped:,} skipped: {', '.join(reasons)}")
    if unreadable:
        parts.append(f"{unreadable:,} could not be checked")
    return (
        f"{head}: {', '.join(parts)}; {run.failed_articles:,} failed: "
        f"{plural(counts['error'], 'error')}, {plural(counts['warning'], 'warning')}, "
        f"{plural(counts['info'], 'info')}"
    )


def render_text(run: RunResult, options: TextOptions | None = None) -> str:
    options = options or TextOptions()
    style = options.style
    lines: list[str] = []
    for result in run.results:
        if result.error is not None:
            continue
        if result.pack_reason and not options.quiet:
            lines.append(
                style(f"{result.article}: rules {result.pack}: {result.pack_reason}", "dim")
            )
        for f in sorted(result.findings, key=Finding.sort_key):
            loc = f.location
            where = f"{loc.path}:{loc.line}:{loc.column}:"
            label = style(f.severity.label, f.severity.label)
            lines.append(f"{where} {label} {style(f.rule, 'dim')} {f.message}")
            if f.evidence and not options.quiet:
                lines.append(f"    evidence: {f.evidence}")
    if options.quiet:
        return "".join(line + "\n" for line in lines)
    for entry in run.stale_baseline:
        lines.append(
            f"{entry.path}: baseline entry no longer matches: {entry.rule} {entry.message}"
        )
    if options.statistics:
        for rule, severity, count in run.counts_by_rule():
            lines.append(f"{count:>6}  {style(f'{severity:<7}', severity)}  {rule}")
    lines.append(summary_line(run))
    return "\n".join(lines) + "\n"


def render(run: RunResult) -> str:
    return render_text(run)
