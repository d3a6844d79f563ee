"""`syndicheck check` on a real site repository: folders walked with gitignore semantics, globs,
standard input, articles that declare no source skipped and counted, and the output habits of
linters (quiet, statistics, colour, plurals, errors on stderr only, baselines)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from newsroom import UNCREDITED, build_site

from checker.cli import cli

CHECKED = ["content/news/talks-uncredited.md", "content/news/talks.md", "content/wire/tariffs.html"]
SKIPPED = ["README.md", "content/staff/council.md", "sources/bloomberg.html"]


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Path]:
    root = build_site(tmp_path / "site")
    cwd = os.getcwd()
    os.chdir(root)
    try:
        yield root
    finally:
        os.chdir(cwd)


def invoke(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def articles(out: str) -> list[str]:
    return sorted(r["article"] for r in json.loads(out)["results"])


def test_a_folder_is_walked_and_unsourced_articles_are_skipped_and_counted(site: Path) -> None:
    code, out, err = invoke("check", ".", "--format", "json")
    assert code == 1, err
    data = json.loads(out)
    assert articles(out) == CHECKED  # drafts/ is in .gitignore; photo.jpg is no article
    assert data["skipped"] == [{"article": p, "reason": "no declared source"} for p in SKIPPED]
    assert data["summary"]["articles"] == 3  # the contract's summary counts checked articles
    code, out, err = invoke("check", ".")
    assert out.splitlines()[-1] == (
        "6 articles: 3 checked, 3 skipped: no declared source; 1 failed: 2 errors, 0 warnings, 0 info"
    )
    assert err == ""


def test_syndicheckignore_and_exclude_leave_files_out_even_when_named(site: Path) -> None:
    (site / ".syndicheckignore").write_text("wire/\n")
    (site / "syndicheck.toml").write_text('exclude = ["content/news/talks-*.md"]\n')
    _, out, _ = invoke("check", ".", "--format", "json")
    assert articles(out) == ["content/news/talks.md"]
    # pre-commit names files one by one: the same files stay out.
    _, out, _ = invoke(
        "check", "content/wire/tariffs.html", "content/news/talks-uncredited.md", "--format", "json"
    )
    assert articles(out) == []


def test_a_nested_gitignore_applies_below_its_folder(site: Path) -> None:
    (site / "content" / ".gitignore").write_text("staff/\nwire/*.html\n")
    (site / "content" / "staff" / "council.md").write_text(
        "---\nsource_url: https://www.bloomberg.com/x\n---\nText.\n"
    )
    _, out, _ = invoke("check", "content", "--format", "json")
    assert articles(out) == CHECKED[:2]


def test_include_globs_use_gitignore_syntax(site: Path) -> None:
    (site / "syndicheck.toml").write_text('include = ["content/news/**/*.md"]\n')
    _, out, _ = invoke("check", ".", "--format", "json")
    assert articles(out) == CHECKED[:2]


def test_an_override_glob_declares_a_source(site: Path) -> None:
    (site / "syndicheck.toml").write_text(
        'rules = ["default"]\n[[overrides]]\npaths = ["content/staff/**/*.md"]\n'
        'publisher = "Bloomberg"\nsource_url = "https://www.bloomberg.com/news/council"\n'
    )
    _, out, _ = invoke("check", "content/staff", "--format", "json")
    (result,) = json.loads(out)["results"]
    assert result["article"] == "content/staff/council.md"
    assert {f["rule"] for f in result["findings"]} >= {"default/source-credit"}


def test_a_glob_that_matches_nothing_is_a_note(site: Path) -> None:
    code, out, err = invoke("check", "content/**/*.html", "content/**/*.htm")
    assert code == 0, out
    assert err == "syndicheck: content/**/*.htm: no file matches this pattern (skipped)\n"
    assert out.splitlines()[-1].startswith("1 article: 1 checked; 0 failed")


def test_require_source_makes_an_undeclared_article_an_error(site: Path) -> None:
    code, out, err = invoke("check", "content/staff/council.md", "README.md", "--require-source")
    assert code == 2
    lines = err.splitlines()
    assert len(lines) == 2 and all("declares no source" in line for line in lines)
    assert lines[0].startswith("syndicheck: error: content/staff/council.md: ")
    assert "declares no source" not in out  # stderr only
    assert out.splitlines()[-1] == (
        "2 articles: 0 checked, 2 could not be checked; 2 failed: 0 errors, 0 warnings, 0 info"
    )


def test_require_source_in_the_configuration(site: Path) -> None:
    (site / "syndicheck.toml").write_text("require-source = true\n")
    code, _, err = invoke("check", "content/staff/council.md")
    assert code == 2 and "declares no source" in err


def test_the_command_line_source_checks_an_undeclared_article(site: Path) -> None:
    code, out, _ = invoke("check", "content/staff/council.md", "--publisher", "Bloomberg")
    assert code == 1
    assert "1 article: 1 checked;" in out


def test_standard_input_goes_by_its_stdin_filename(site: Path) -> None:
    code, out, _ = invoke(
        "check", "-", "--stdin-filename", "content/news/piped.md", "--format", "json",
        stdin=UNCREDITED,
    )  # fmt: skip
    assert code == 1
    (result,) = json.loads(out)["results"]
    assert result["article"] == "content/news/piped.md"
    # The front matter's relative source path is read from the stdin filename's folder.
    assert result["source"] == "content/news/../../sources/bloomberg.html"
    assert {f["location"]["path"] for f in result["findings"]} == {"content/news/piped.md"}


def test_quiet_prints_findings_only(site: Path) -> None:
    code, out, err = invoke("check", ".", "--quiet")
    assert code == 1 and err == ""
    assert out.splitlines() == [
        "content/news/talks-uncredited.md:7:1: error default/original-link "
        "No link to the original article: no link in the body goes to the original article "
        "(https://www.bloomberg.com/news/articles/2025-04-04/us-russia-to-hold-talks-in-istanbul)",
        "content/news/talks-uncredited.md:7:1: error default/source-credit "
        "No visible credit line names Bloomberg: no credit line names the publisher",
    ]
    _, out, _ = invoke("check", "content/news/talks.md", "--quiet")
    assert out == ""


def test_statistics_count_findings_per_rule(site: Path) -> None:
    _, out, _ = invoke("check", ".", "--statistics")
    lines = out.splitlines()
    assert lines[-3:-1] == [
        "     1  error    default/original-link",
        "     1  error    default/source-credit",
    ]


@pytest.mark.parametrize(
    ("env", "coloured"),
    [({"FORCE_COLOR": "1"}, True), ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False), ({}, False)],
)
def test_colour_follows_no_color_and_force_color(
    site: Path, env: dict[str, str], coloured: bool
) -> None:
    # A real process with a pipe for stdout: not a terminal, so colour only when forced.
    clean = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    done = subprocess.run(
        [sys.executable, "-m", "checker", "check", "content/news/talks-uncredited.md"],
        capture_output=True,
        text=True,
        env={**clean, **env},
    )
    assert done.returncode == 1, done.stderr
    assert ("\x1b[31m" in done.stdout) is coloured
    assert ("\x1b[" in done.stdout) is coloured


def test_an_unreadable_article_is_reported_on_stderr_only(site: Path) -> None:
    (site / "content" / "news" / "empty.md").write_bytes(b"")
    code, out, err = invoke("check", "content/news")
    assert code == 2
    assert err == "syndicheck: error: content/news/empty.md: empty file\n"
    assert "empty.md" not in out
    assert out.splitlines()[-1] == (
        "3 articles: 2 checked, 1 could not be checked; 2 failed: 2 errors, 0 warnings, 0 info"
    )


def test_write_baseline_says_what_it_wrote_and_exits_0(site: Path) -> None:
    code, _, err = invoke("check", ".", "--write-baseline", "baseline.json")
    assert code == 0
    assert err == "syndicheck: wrote 2 findings of 3 articles to baseline.json as the baseline\n"
    code, out, _ = invoke("check", ".", "--baseline", "baseline.json")
    assert code == 0, out


def test_a_severity_for_an_unknown_rule_is_a_load_error(site: Path) -> None:
    (site / "syndicheck.toml").write_text('[severity]\n"default/image-credt" = "warning"\n')
    code, out, err = invoke("check", "content/news/talks.md")
    assert code == 2 and out == ""
    assert err == (
        f"syndicheck: error: {site.resolve() / 'syndicheck.toml'}: severity: unknown rule "
        "'default/image-credt' (did you mean default/image-credit?)\n"
    )
