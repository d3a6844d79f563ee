"""Issue 12: an internal error exits 3 with one line naming a crash log (an audit marks that
article "not checked" and goes on), and a manifest's problems name the manifest and its row.

An internal error is a bug, so the tests plant one: the engine function the command calls is
replaced by one that raises, as a bug would.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixtures.audit.make import make_archive

from checker.cli import cli
from checker.engine import CheckRequest, PackCache, check_article
from checker.findings import ArticleResult

CRASH_LINE = re.compile(
    r"syndicheck: error: (?P<what>.*)internal error \((?P<error>[^)]*)\); the traceback is in"
    r" (?P<log>\S+?)(?:; please report it)?"
)


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def _broken(*_: object, **__: object) -> object:
    raise RuntimeError("boom\nover two lines")


def test_a_crash_in_check_exits_3_with_one_line_naming_the_crash_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    article = tmp_path / "story.md"
    article.write_text("---\ntitle: A story\n---\nSome text.\n", encoding="utf-8")
    monkeypatch.setattr("checker.engine.read_file", _broken)
    code, out, err = invoke("check", str(article))
    assert code == 3
    assert out == ""
    [line] = err.splitlines()
    found = CRASH_LINE.fullmatch(line)
    assert found is not None, line
    assert found["error"] == "RuntimeError: boom over two lines"
    assert line.endswith("; please report it")
    log = (tmp_path / found["log"]).read_text(encoding="utf-8")
    assert log.startswith("syndicheck ")
    assert "Traceback (most recent call last)" in log
    assert "RuntimeError: boom" in log
    assert "Traceback" not in err


def _crashes_on_a1(request: CheckRequest, packs: PackCache | None = None) -> ArticleResult:
    if request.article.endswith("a1.md"):
        raise ZeroDivisionError("division by zero")
    return check_article(request, packs)


def test_a_crash_in_an_audit_marks_the_article_not_checked_and_the_rest_go_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    manifest = make_archive(tmp_path / "arch", 4)
    # Workers are forked, so they run the planted bug.
    monkeypatch.setattr("checker.audit.work.check_article", _crashes_on_a1)
    common = ["--db", str(tmp_path / "h.sqlite"), "--report-dir", str(tmp_path / "reports")]
    code, out, err = invoke("audit", str(manifest), *common, "--jobs", "2")
    assert code == 3
    crashes = [line for line in err.splitlines() if "internal error" in line]
    assert len(crashes) == 1
    found = CRASH_LINE.fullmatch(crashes[0])
    assert found is not None, crashes[0]
    article = tmp_path / "arch" / "articles" / "a1.md"
    assert found["what"] == f"{manifest}:2: {article}: not checked: "
    assert found["error"] == "ZeroDivisionError: division by zero"
    log = (tmp_path / found["log"]).read_text(encoding="utf-8")
    assert "ZeroDivisionError: division by zero" in log and str(article) in log
    assert "4 articles (4 checked, 0 unchanged and reused)" in out
    assert "1 articles were not checked because of an internal error" in out
    run_folder = next((tmp_path / "reports").iterdir())
    index = (run_folder / "index.html").read_text(encoding="utf-8")
    assert "Not checked" in index
    assert sorted(p.name for p in (run_folder / "articles").iterdir()) == [
        "1.html", "2.html", "3.html", "4.html"
    ]  # fmt: skip
    page = (run_folder / "articles" / "2.html").read_text(encoding="utf-8")
    assert '<article class="report-article" id="article-2" data-status="error"' in page
    assert "Could not be checked" in page
    monkeypatch.undo()
    monkeypatch.chdir(tmp_path)
    code, out, err = invoke("audit", str(manifest), *common, "--jobs", "2")
    assert code == 0, err
    assert "4 articles (1 checked, 3 unchanged and reused)" in out


def test_problems_found_when_checking_name_the_manifest_row(tmp_path: Path) -> None:
    make_archive(tmp_path, 3)
    manifest = tmp_path / "manifest.csv"
    manifest.write_text(
        "article,rules\narticles/a0.md,\ncontent/news/missing.md,\narticles/a2.md,defualt\n",
        encoding="utf-8",
    )
    common = ["--db", str(tmp_path / "h.sqlite"), "--report-dir", str(tmp_path / "reports")]
    code, out, err = invoke("audit", str(manifest), *common, "--jobs", "1")
    assert code == 2
    problems = [line for line in err.splitlines() if line.startswith("syndicheck: error:")]
    missing = tmp_path / "content" / "news" / "missing.md"
    assert problems[0] == f"syndicheck: error: {manifest}:3: {missing}: no such file"
    assert problems[1].startswith(f"syndicheck: error: {manifest}:4: defualt: unknown rule pack")
    assert len(problems) == 2
    assert "3 articles (3 checked" in out
