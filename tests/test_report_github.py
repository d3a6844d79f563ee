"""GitHub renderer: workflow-command escaping, per-level caps, and the step summary."""

from __future__ import annotations

import re

from conftest_report import XSS, finding, hostile_run, sample_run

from checker.findings import ArticleResult, Finding, RunResult, Severity
from checker.report import render
from checker.report.github import (
    annotation,
    escape_data,
    escape_property,
    step_summary_markdown,
)

COMMAND = re.compile(r"^::(error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)$")


def test_escaping_follows_actions_core() -> None:
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert escape_data("a:b,c") == "a:b,c"


def test_annotation_shape() -> None:
    line = annotation(
        "error",
        "Missing: credit, link",
        file="a,b:c.md",
        line=3,
        col=2,
        title="syndicheck default/x",
    )
    assert line == (
        "::error file=a%2Cb%3Ac.md,line=3,col=2,title=syndicheck default/x::Missing: credit, link"
    )
    assert annotation("notice", "m", file="a.md", col=4) == "::notice file=a.md::m"


def test_sample_run_annotations() -> None:
    lines = render(sample_run(), "github").splitlines()
    commands = [COMMAND.match(line) for line in lines]
    assert all(commands), lines
    kinds = [m.group(1) for m in commands if m]
    assert sorted(kinds) == ["error", "error", "error", "notice", "warning", "warning"]
    first_error = next(line for line in lines if "source-credit" in line)
    assert first_error.startswith(
        "::error file=articles/istanbul-talks.html,line=18,col=5,"
        "title=syndicheck default/source-credit::No credit line names Bloomberg"
    )
    assert "%0A%0AEvidence: This article was prepared" in first_error
    notice = next(line for line in lines if line.startswith("::notice"))
    assert "line=" not in notice  # a whole-article finding has no line
    assert "41%25 of the article" in notice
    assert any("articles/broken.html" in line and "cannot decode" in line for line in lines)


def test_every_line_is_one_command_even_for_hostile_input() -> None:
    out = render(hostile_run(), "github")
    for line in out.splitlines():
        match = COMMAND.match(line)
        assert match, line
        assert "\r" not in line
        assert "%0D%0Aline two %250A" in out
        for prop in match.group("props").split(","):
            key, _, value = prop.partition("=")
            assert key in {"file", "line", "col", "title"}
            assert ":" not in value


def _many(severity: Severity, count: int, path: str = "a.md") -> tuple[Finding, ...]:
    return tuple(
        finding(
            f"p/{severity.label}", severity, f"{severity.label} {n}", path, n + 1, 1, help_uri=""
        )
        for n in range(count)
    )


def test_caps_per_level_with_a_final_count() -> None:
    findings = _many(Severity.ERROR, 13) + _many(Severity.WARNING, 10) + _many(Severity.INFO, 11)
    run = RunResult((ArticleResult("a.md", None, "p", findings),))
    lines = render(run, "github").splitlines()
    assert sum(line.startswith("::error ") for line in lines) == 10
    assert sum(line.startswith("::warning ") for line in lines) == 10
    assert sum(line.startswith("::notice ") for line in lines) == 10
    assert lines[-1].startswith("syndicheck: 3 errors, 1 notice not shown as annotations")
    assert not lines[-1].startswith("::")
    shown = [line for line in lines if line.startswith("::error ")]
    assert shown[0].endswith("::error 0")
    assert shown[-1].endswith("::error 9")


def test_no_final_line_under_the_cap() -> None:
    run = RunResult((ArticleResult("a.md", None, "p", _many(Severity.ERROR, 10)),))
    lines = render(run, "github").splitlines()
    assert len(lines) == 10
    assert all(line.startswith("::error ") for line in lines)


def test_clean_run_prints_nothing() -> None:
    assert render(RunResult((ArticleResult("a.md", None, "p", ()),)), "github") == ""


def test_step_summary() -> None:
    text = step_summary_markdown(sample_run())
    assert text.startswith("## syndicheck")
    assert "❌ 1 of 4 articles fail, ⚠️ 1 could not be checked" in text
    assert "| articles/istanbul-talks.html | ❌ fail | 2 | 1 | 1 |" in text
    assert "| articles/broken.html | ⚠️ error | 0 | 0 | 0 |" in text
    assert "<details><summary>Findings</summary>" in text
    assert "cannot decode" in text


def test_step_summary_escapes_markdown_and_html() -> None:
    text = step_summary_markdown(hostile_run())
    assert "<script>" not in text
    assert "<img" not in text
    assert '&lt;script&gt;alert\\("x"\\)&lt;/script&gt;' in text
    for row in text.splitlines():
        if row.startswith("| articles/"):
            assert row.count(" | ") == 4  # cell separators only; a "|" in data is escaped


def test_step_summary_caps_the_findings_list() -> None:
    run = RunResult((ArticleResult("a.md", None, "p", _many(Severity.WARNING, 230)),))
    text = step_summary_markdown(run)
    assert text.count("- **warning**") == 200
    assert "… and 30 more in the full report" in text
    assert "✅ All articles pass" in text
    assert XSS not in text
