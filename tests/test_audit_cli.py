"""`syndicheck audit` and `syndicheck index` on the command line: exit codes and messages."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from fixtures.audit.make import make_archive

from checker.cli import cli


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_bad_rows_get_one_line_each_and_the_rest_is_checked(tmp_path: Path) -> None:
    make_archive(tmp_path, 3)
    manifest = tmp_path / "m.csv"
    manifest.write_text(
        "article,source\narticles/a0.md,\n,sources/s1.html\narticles/a2.md,\narticles/a0.md,\n"
    )
    code, out, err = invoke(
        "audit", str(manifest), "--db", str(tmp_path / "h.sqlite"), "--report-dir",
        str(tmp_path / "reports"), "--jobs", "1",
    )  # fmt: skip
    assert code == 2
    lines = err.splitlines()
    assert lines[:2] == [
        f"syndicheck: error: {manifest}:3: no `article` given",
        f"syndicheck: error: {manifest}:5: articles/a0.md is already on line 2",
    ]
    assert lines[2].startswith("audit: 2/2 in ")  # the progress line, plain off a terminal
    assert len(lines) == 3
    assert out.startswith("Audit ")
    assert "2 articles (2 checked, 0 unchanged and reused)" in out
    assert "2 manifest rows could not be used" in out


def test_a_folder_audit_passes_and_exits_zero(tmp_path: Path) -> None:
    make_archive(tmp_path, 4)
    code, out, err = invoke(
        "audit", str(tmp_path / "articles"), "--db", str(tmp_path / "h.sqlite"),
        "--report-dir", str(tmp_path / "reports"),
    )  # fmt: skip
    assert code == 0, err
    assert "4 articles (4 checked" in out
    assert "0 failed" in out


def test_fail_level_never_and_warning(tmp_path: Path) -> None:
    manifest = make_archive(tmp_path, 3, uncredited=frozenset({1}))
    common = ["--db", str(tmp_path / "h.sqlite"), "--report-dir", str(tmp_path / "r")]
    assert invoke("audit", str(manifest), *common)[0] == 1
    assert invoke("audit", str(manifest), *common, "--fail-level", "never")[0] == 0
    # The missing credit and link as warnings: no error left, so only --fail-level warning fails.
    config = tmp_path / "syndicheck.toml"
    severity = '"default/source-credit" = "warning"\n"default/original-link" = "warning"\n'
    config.write_text("[severity]\n" + severity, encoding="utf-8")
    warned = [*common, "--config", str(config)]
    assert invoke("audit", str(manifest), *warned)[0] == 0
    assert invoke("audit", str(manifest), *warned, "--fail-level", "warning")[0] == 1
    assert invoke("audit", str(manifest), *warned, "--fail-level", "never")[0] == 0


def test_unusable_options_are_usage_errors(tmp_path: Path) -> None:
    manifest = make_archive(tmp_path, 1)
    code, _, err = invoke("audit", str(manifest), "--engine", "dask")
    assert code == 2
    assert err.strip() == (
        "syndicheck: error: --engine dask needs --scheduler ADDRESS (e.g. tcp://host:8786)"
    )
    code, _, err = invoke("audit", str(tmp_path / "nothing.csv"))
    assert (code, err.strip()) == (
        2,
        f"syndicheck: error: {tmp_path / 'nothing.csv'}: no such manifest file or folder",
    )


def test_index_names_unreadable_sources(tmp_path: Path) -> None:
    make_archive(tmp_path, 2)
    (tmp_path / "sources" / "empty.html").write_text("")
    code, out, err = invoke("index", str(tmp_path / "sources"), "--db", str(tmp_path / "h.db"))
    assert code == 2
    assert f"{tmp_path / 'sources' / 'empty.html'}: empty file" in err
    assert "2 added, 0 updated, 0 unchanged, 1 unreadable" in out


def test_a_folder_audit_skips_and_counts_articles_that_declare_no_source(tmp_path: Path) -> None:
    # Issue 12, item 6: the README says a folder audit checks the articles whose front matter
    # names a source; a staff story and a README are not syndicated.
    make_archive(tmp_path, 3)
    folder = tmp_path / "articles"
    (folder / "staff.md").write_text("---\ntitle: Our story\n---\nOur own reporting.\n")
    (folder / "README.md").write_text("# The archive\n\nHow it is kept.\n")
    common = ["--db", str(tmp_path / "h.sqlite"), "--report-dir", str(tmp_path / "reports")]
    for _ in range(2):  # skipped articles are counted again, not reused as passes
        code, out, err = invoke("audit", str(folder), *common, "--jobs", "1")
        assert code == 0, err
        assert ", 2 skipped: no declared source)" in out
        assert out.startswith("Audit ") and "5 articles (" in out
    report = next((tmp_path / "reports").glob("*/report.json"))
    data = json.loads(report.read_text(encoding="utf-8"))
    assert sorted(Path(r["article"]).name for r in data["results"]) == ["a0.md", "a1.md", "a2.md"]
    assert sorted(Path(s["article"]).name for s in data["skipped"]) == ["README.md", "staff.md"]
