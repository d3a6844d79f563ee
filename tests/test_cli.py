"""The command line's public contract: exit codes, one-line errors, the JSON shape."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from pages import BODY, CREDIT, LINK, write_case

from checker import __version__
from checker.cli import cli

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_the_bundled_example_checks_clean() -> None:
    code, out, err = invoke(
        "check",
        str(EXAMPLES / "seed-article.html"),
        "--source",
        str(EXAMPLES / "bloomberg-source.html"),
    )
    assert code == 0, out + err
    assert out.splitlines()[-1].startswith("1 article: 1 checked; 0 failed: 0 errors, 0 warnings")


def test_json_follows_the_contract(tmp_path: Path) -> None:
    article, source = write_case(tmp_path, BODY + CREDIT)
    code, out, _ = invoke("check", article, "--source", source, "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert data["schema_version"] == 1
    assert data["tool"] == {"name": "syndicheck", "version": __version__}
    (result,) = data["results"]
    assert result["article"] == article
    assert result["source"] == source
    assert result["pack"] == "default"
    assert result["status"] == "fail"
    finding = next(f for f in result["findings"] if f["check"] == "original-link")
    assert finding["rule"] == "default/original-link"
    assert finding["severity"] == "error"
    assert set(finding) == {"rule", "check", "severity", "message", "location", "evidence"}
    assert set(finding["location"]) == {"path", "line", "column"}
    overlap = result["overlap"]
    assert set(overlap) == {
        "containment",
        "source_coverage",
        "longest_passage_words",
        "verdict",
        "passages",
    }
    for passage in overlap["passages"]:
        assert len(passage["article"]) == 2 and len(passage["source"]) == 2
    # The page credits Bloomberg but links nowhere; the text-overlap note is always given.
    assert sorted((f["rule"], f["severity"]) for f in result["findings"]) == [
        ("default/original-link", "error"),
        ("default/text-overlap", "info"),
    ]
    assert data["summary"] == {
        "articles": 1,
        "failed": 1,
        "findings": {"error": 1, "warning": 0, "info": 1},
    }


def test_text_lines_are_path_line_col_severity_rule_message(tmp_path: Path) -> None:
    article, source = write_case(tmp_path, BODY + CREDIT)
    code, out, _ = invoke("check", article, "--source", source)
    assert code == 1
    line = next(x for x in out.splitlines() if "default/original-link" in x)
    assert line.startswith(f"{article}:")
    location, rest = line.split(": ", 1)
    assert location.count(":") >= 2
    assert rest.startswith("error default/original-link No link to the original article")
    assert out.splitlines()[-1].startswith("1 article: 1 checked; 1 failed: 1 error,")


@pytest.mark.parametrize(
    ("level", "code"), [("error", 0), ("warning", 0), ("info", 1), ("never", 0)]
)
def test_fail_level_decides_the_exit_code(tmp_path: Path, level: str, code: int) -> None:
    article, source = write_case(tmp_path, BODY + CREDIT + LINK)
    assert invoke("check", article, "--source", source, "--fail-level", level)[0] == code


def test_output_file(tmp_path: Path) -> None:
    article, source = write_case(tmp_path, BODY + CREDIT + LINK)
    report = tmp_path / "out" / "report.json"
    code, out, _ = invoke(
        "check", article, "--source", source, "--format", "json", "--output", str(report)
    )
    assert code == 0 and out == ""
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["failed"] == 0


def test_output_over_an_input_is_refused(tmp_path: Path) -> None:
    article, source = write_case(tmp_path, BODY + CREDIT + LINK)
    code, _, err = invoke("check", article, "--source", source, "--output", article)
    assert code == 2
    assert "one of the inputs" in err
    assert "Bloomberg" in Path(article).read_text(encoding="utf-8")


BAD_INPUTS = {
    "missing.html": None,
    "empty.html": b"",
    "blank.html": b"  \n\t \n",
    "photo.html": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)) * 4,
    "noise.html": bytes(range(256)) * 64,
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_one_line_exit_2_and_the_others_are_still_checked(
    tmp_path: Path, name: str
) -> None:
    article, source = write_case(tmp_path, BODY + CREDIT + LINK)
    bad = tmp_path / name
    content = BAD_INPUTS[name]
    if content is not None:
        bad.write_bytes(content)
    code, out, err = invoke("check", str(bad), article, "--source", source, "--format", "json")
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert str(bad) in lines[0]
    assert "Traceback" not in err
    results = json.loads(out)["results"]
    assert [r["status"] for r in results] == ["error", "pass"]


def test_a_folder_without_articles_is_a_note_not_an_error(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("Not an article.\n", encoding="utf-8")
    code, out, err = invoke("check", str(tmp_path))
    assert code == 0
    assert err == f"syndicheck: {tmp_path}: no HTML or Markdown article here (skipped)\n"
    assert out == "0 articles: 0 checked; 0 failed: 0 errors, 0 warnings, 0 info\n"


def test_oversized_file(tmp_path: Path) -> None:
    article, source = write_case(tmp_path, BODY + CREDIT + LINK)
    code, _, err = invoke("check", article, "--source", source, "--max-size", "1KB")
    assert code == 2
    assert article in err and "over the limit" in err


def test_malformed_markup_still_checks(tmp_path: Path) -> None:
    page = tmp_path / "broken.html"
    page.write_text(
        "<html><body><article><p>Negotiations resume <b>on April 10<p>in Istanbul <i>said "
        + CREDIT.replace("</p>", "")
        + "<div><span>unclosed",
        encoding="utf-8",
    )
    code, out, err = invoke("check", str(page), "--publisher", "Bloomberg", "--format", "json")
    assert code == 1, err
    findings = json.loads(out)["results"][0]["findings"]
    assert not [f for f in findings if f["check"] == "source-credit"]


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["check", "x.html", "--colour"], "--colour"),
        (["check", "x.html", "--format", "pdf"], "pdf"),
        (["check", "x.html", "--rules", "no-such-pack"], "no-such-pack"),
        (
            ["check", "x.html", "--source", "https://www.bloomberg.com/x"],
            "https://www.bloomberg.com/x",
        ),
        (["check", "x.html", "--max-size", "huge"], "huge"),
    ],
)
def test_usage_errors_are_one_line_exit_2(tmp_path: Path, args: list[str], needle: str) -> None:
    article, _ = write_case(tmp_path, BODY)
    args = [article if a == "x.html" else a for a in args]
    code, _, err = invoke(*args)
    assert code == 2
    assert len(err.strip().splitlines()) == 1, err
    assert needle in err


def test_an_invalid_pack_file_is_named(tmp_path: Path) -> None:
    article, _ = write_case(tmp_path, BODY)
    pack = tmp_path / "bad.yml"
    pack.write_text(
        "name: bad\nrules:\n  - id: x\n    check: nope\n    severity: error\n    message: m\n"
    )
    code, out, err = invoke("check", article, "--rules", str(pack))
    assert code == 2 and out == ""
    assert str(pack) in err and "unknown check kind" in err


def test_rules_list_and_show() -> None:
    code, out, _ = invoke("rules", "list")
    assert code == 0
    assert "default/source-credit" in out
    code, out, _ = invoke("rules", "show", "default/original-link")
    assert code == 0
    assert "check:       original-link" in out and "terms:" in out
    assert invoke("rules", "show", "nothing-here")[0] == 2


def test_extract_json_several_files(tmp_path: Path) -> None:
    article, source = write_case(tmp_path, BODY + CREDIT + LINK)
    code, out, _ = invoke("extract", article, source, "--format", "json")
    assert code == 0
    results = json.loads(out)["results"]
    assert [r["path"] for r in results] == [article, source]
    for entry in results:
        assert {"path", "title", "body_text", "images", "links", "metadata"} <= set(entry)
    assert "Negotiations between Russia" in results[0]["body_text"]
    assert "Privacy" not in results[0]["body_text"]


def test_python_dash_m_and_the_console_script_agree(tmp_path: Path) -> None:
    article, source = write_case(tmp_path, BODY + CREDIT + LINK)
    done = subprocess.run(
        [sys.executable, "-m", "checker", "check", article, "--source", source, "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["summary"]["articles"] == 1


def test_several_reports_in_one_run(tmp_path: Path) -> None:
    article, source = write_case(tmp_path, BODY + CREDIT)
    sarif, junit = tmp_path / "r.sarif", tmp_path / "r.xml"
    code, out, _ = invoke(
        "check", article, "--source", source, "--format", "json",
        "--report", f"sarif:{sarif}", "--report", f"junit:{junit}",
    )  # fmt: skip
    assert code == 1
    assert json.loads(out)["summary"]["failed"] == 1
    assert json.loads(sarif.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert junit.read_text(encoding="utf-8").startswith("<?xml")
    assert invoke("check", article, "--report", "pdf:x.pdf")[0] == 2


def test_min_level_filters_what_is_shown_not_the_exit_code(tmp_path: Path) -> None:
    article, source = write_case(tmp_path, BODY + CREDIT)
    code, out, _ = invoke(
        "check", article, "--source", source, "--min-level", "error", "--format", "json"
    )
    findings = json.loads(out)["results"][0]["findings"]
    assert code == 1
    assert findings and all(f["severity"] == "error" for f in findings)
    code, out, _ = invoke(
        "check", article, "--source", source, "--fail-level", "info", "--format", "json"
    )
    assert any(f["severity"] == "info" for f in json.loads(out)["results"][0]["findings"])


def test_github_format_appends_a_step_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article, source = write_case(tmp_path, BODY + CREDIT)
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, _ = invoke("check", article, "--source", source, "--format", "github")
    assert code == 1
    assert "::error file=" in out
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n") and "original-link" in text


def test_clean_rules_are_described_and_pass(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    article, source = write_case(tmp_path, BODY + CREDIT + LINK)
    sarif, junit = tmp_path / "r.sarif", tmp_path / "r.xml"
    code, _, _ = invoke(
        "check",
        article,
        "--source",
        source,
        "--report",
        f"sarif:{sarif}",
        "--report",
        f"junit:{junit}",
    )
    assert code == 0
    rules = json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["tool"]["driver"]["rules"]
    described = {r["id"]: r for r in rules}
    assert set(described) == {
        f"default/{r}"
        for r in (
            "source-credit", "original-link", "image-credit", "image-metadata", "text-overlap"
        )
    }  # fmt: skip
    assert (
        "in-text mentions" in described["default/source-credit"]["fullDescription"]["text"].lower()
    )
    cases = ET.parse(junit).getroot().findall(".//testcase")
    assert sorted(c.get("name") for c in cases) == sorted(described)
    assert not ET.parse(junit).getroot().findall(".//failure")


def test_reports_are_written_with_the_usual_mode(tmp_path: Path) -> None:
    import os
    import stat

    article, source = write_case(tmp_path, BODY + CREDIT + LINK)
    report = tmp_path / "report.txt"
    old = os.umask(0o022)
    try:
        assert invoke("check", article, "--source", source, "--output", str(report))[0] == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(report.stat().st_mode) == 0o644
    assert not list(tmp_path.glob(".report.txt.*"))  # no temporary file left behind


def test_an_unwritable_output_is_one_clear_line(tmp_path: Path) -> None:
    article, source = write_case(tmp_path, BODY + CREDIT + LINK)
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    code, _, err = invoke("check", article, "--source", source, "--output", str(blocker / "r.txt"))
    assert code == 2
    assert str(blocker / "r.txt") in err and len(err.strip().splitlines()) == 1


def test_markdown_front_matter_names_source_publisher_and_pack(tmp_path: Path) -> None:
    write_case(tmp_path, BODY)  # writes source.html beside the story
    article = tmp_path / "story.md"
    article.write_text(
        "---\ntitle: Talks resume\nsource: source.html\nsource_publisher: Bloomberg News\n"
        "rules: default\n---\n# Talks resume\n\n"
        "The Russian Foreign Ministry will lead the delegation, Peskov told reporters, declining to "
        "give details of the agenda for the meeting on Turkish territory.\n\n"
        "According to Bloomberg, the agenda for the talks remains undisclosed.\n",
        encoding="utf-8",
    )
    code, out, _ = invoke("check", str(article), "--format", "json")
    (result,) = json.loads(out)["results"]
    assert code == 1
    assert result["source"] == str(tmp_path / "source.html")
    assert result["pack"] == "default" and "front matter" in result["pack_reason"]
    credit = next(f for f in result["findings"] if f["check"] == "source-credit")
    assert "Bloomberg News" in credit["message"]
    assert result["overlap"]["containment"] > 0


def test_a_check_that_crashes_is_reported_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dataclasses

    from checker.checks import KINDS

    def broken(*_: object) -> list[object]:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setitem(
        KINDS, "image-credit", dataclasses.replace(KINDS["image-credit"], run=broken)
    )
    article, source = write_case(tmp_path, BODY + CREDIT + LINK)
    code, out, err = invoke(
        "check", article, "--source", source, "--rules", "default", "--format", "json"
    )
    assert code == 1 and "Traceback" not in err
    findings = json.loads(out)["results"][0]["findings"]
    crashed = [f for f in findings if f["rule"] == "default/image-credit"]
    assert crashed and "ZeroDivisionError" in crashed[0]["message"]
    assert any(f["rule"] == "default/text-overlap" for f in findings)  # other rules still ran
