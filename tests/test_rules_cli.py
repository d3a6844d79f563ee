"""`syndicheck rules`: test runs that cannot test anything fail, packs by path, and typos in
packs and configuration caught when they load, with a "did you mean"."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from checker.cli import cli

PACK = """name: mine
version: "1"
description: Our own terms.
rules:
  - id: credit
    check: source-credit
    severity: error
    message: "{message}"
"""


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_an_unknown_pack_is_a_usage_error() -> None:
    code, out, err = invoke("rules", "test", "defualt")
    assert code == 2 and out == ""
    assert err == (
        "syndicheck: error: defualt: unknown rule pack (did you mean default?); "
        "see `syndicheck rules list`\n"
    )


def test_a_run_with_no_cases_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "default").mkdir()
    code, _, err = invoke("rules", "test", "--fixtures", str(tmp_path))
    assert code == 2
    assert (
        err == f"syndicheck: error: {tmp_path}: no rule-test cases found (each needs a case.yml)\n"
    )
    code, _, err = invoke("rules", "test", "wire", "--fixtures", str(tmp_path))
    assert code == 2 and "no rule-test fixtures for the pack wire" in err


def test_the_bundled_fixtures_are_found_from_anywhere(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    code, out, _ = invoke("rules", "test", "wire")
    assert code == 0, out
    assert out.splitlines()[-1].endswith(" ok, 0 failing")


def test_rules_show_takes_a_pack_file(tmp_path: Path) -> None:
    pack = tmp_path / "mine.yml"
    pack.write_text(PACK.format(message="No credit for {publisher}: {detail}"))
    code, out, err = invoke("rules", "show", str(pack))
    assert code == 0, err
    assert "mine/credit" in out


def test_a_template_variable_typo_is_a_load_error(tmp_path: Path) -> None:
    pack = tmp_path / "mine.yml"
    pack.write_text(PACK.format(message="No credit for {publsher}"))
    code, _, err = invoke("rules", "show", str(pack))
    assert code == 2
    assert (
        "rule credit: message template: unknown variable {publsher} (did you mean {publisher}?"
        in err
    )
    assert len(err.splitlines()) == 1
