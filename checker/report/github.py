"""`--format github`: workflow-command annotations, and a Markdown step summary.

`::error file=…,line=…,col=…,title=…::message`, escaped like @actions/core does
(`escapeData` for the message, `escapeProperty` for property values). GitHub shows at most
10 annotations of each level per step, so only the first 10 of each are emitted and a final
plain log line says how many were left out. `step_summary_markdown` is what the CLI appends
to `$GITHUB_STEP_SUMMARY`.
"""

from __future__ import annotations

import re
from collections import Counter

from checker.findings import ArticleResult, Finding, RunResult, Severity
from checker.fingerprint import repo_relative
from checker.plural import plural

ANNOTATIONS_PER_LEVEL = 10
SUMMARY_FINDINGS_LIMIT = 200

COMMANDS: dict[Severity, str] = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "notice",
}
_PLURALS = {"error": "errors", "warning": "warnings", "notice": "notices"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(
    command: str, message: str, *, file: str, line: int = 0, col: int = 0, title: str = ""
) -> str:
    properties = [f"file={escape_property(repo_relative(file))}"]
    if line > 0:
        properties.append(f"line={line}")
        if col > 0:
            properties.append(f"col={col}")
    if title:
        properties.append(f"title={escape_property(title)}")
    return f"::{command} {','.join(properties)}::{escape_data(message)}"


def _finding_annotation(finding: Finding) -> str:
    message = finding.message
    if finding.evidence:
        message += f"\n\nEvidence: {finding.evidence}"
    if finding.help_uri:
        message += f"\nTerms: {finding.help_uri}"
    loc = finding.location
    return annotation(
        COMMANDS[finding.severity],
        message,
        file=loc.path,
        line=loc.line,
        col=loc.column,
        title=f"syndicheck {finding.rule}",
    )


def _error_annotation(result: ArticleResult) -> str:
    return annotation(
        "error",
        f"Cannot check this article: {result.error}",
        file=result.article,
        title="syndicheck: unreadable article",
    )


def render(run: RunResult) -> str:
    shown: Counter[str] = Counter()
    hidden: Counter[str] = Counter()
    lines: list[str] = []

    def emit(command: str, line: str) -> None:
        if shown[command] < ANNOTATIONS_PER_LEVEL:
            shown[command] += 1
            lines.append(line)
        else:
            hidden[command] += 1

    for result in run.results:
        if result.error is not None:
            emit("error", _error_annotation(result))
        for finding in sorted(result.findings, key=Finding.sort_key):
            emit(COMMANDS[finding.severity], _finding_annotation(finding))
    if hidden:
        parts = [
            f"{hidden[c]} {c if hidden[c] == 1 else _PLURALS[c]}"
            for c in ("error", "warning", "notice")
            if hidden[c]
        ]
        lines.append(
            f"syndicheck: {', '.join(parts)} not shown as annotations (GitHub shows "
            f"{ANNOTATIONS_PER_LEVEL} per level and step); see the step summary or the full report."
        )
    return "\n".join(lines) + "\n" if lines else ""


# --- step summary -------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")
_STATUS_ICONS = {"pass": "✅ pass", "fail": "❌ fail", "error": "⚠️ error"}


def md(text: str) -> str:
    """One line of inline Markdown: HTML as entities, specials backslash-escaped, no newlines."""
    flat = " ".join(text.split())
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", flat)


def _skipped_lines(run: RunResult) -> list[str]:
    if not run.skipped:
        return []
    reasons = sorted({result.skipped for result in run.skipped})
    return [f"{plural(len(run.skipped), 'article')} skipped: {md(', '.join(reasons))}.", ""]


def step_summary_markdown(run: RunResult) -> str:
    counts = run.counts()
    articles = len(run.results)
    statuses = Counter(run.status(result) for result in run.results)
    if statuses["fail"]:
        headline = f"❌ {statuses['fail']} of {plural(articles, 'article')} fail"
    else:
        headline = "✅ All articles pass" if not statuses["error"] else "No article fails"
    if statuses["error"]:
        headline += f", ⚠️ {statuses['error']} could not be checked"
    out = [
        "## syndicheck: syndication compliance",
        "",
        f"**{headline}** · {plural(counts['error'], 'error')}, "
        f"{plural(counts['warning'], 'warning')}, {counts['info']} info",
        "",
        *_skipped_lines(run),
        "| Article | Status | Errors | Warnings | Info |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for result in run.results:
        per = Counter(f.severity.label for f in result.findings)
        status = _STATUS_ICONS[run.status(result)]
        out.append(
            f"| {md(repo_relative(result.article))} | {status} | {per['error']} | "
            f"{per['warning']} | {per['info']} |"
        )
    listed = 0
    details: list[str] = []
    for result in run.results:
        if result.error is not None:
            details.append(f"- **{md(repo_relative(result.article))}**: {md(result.error)}")
        for finding in sorted(result.findings, key=Finding.sort_key):
            listed += 1
            if listed > SUMMARY_FINDINGS_LIMIT:
                continue
            loc = finding.location
            where = md(repo_relative(loc.path)) + (f":{loc.line}" if loc.line > 0 else "")
            item = (
                f"- **{finding.severity.label}** {where} {md(finding.rule)}: {md(finding.message)}"
            )
            if finding.evidence:
                item += f" (evidence: {md(finding.evidence)})"
            details.append(item)
    if details:
        out += ["", "<details><summary>Findings</summary>", "", *details]
        if listed > SUMMARY_FINDINGS_LIMIT:
            out.append(f"- … and {listed - SUMMARY_FINDINGS_LIMIT} more in the full report")
        out += ["", "</details>"]
    return "\n".join(out) + "\n"
