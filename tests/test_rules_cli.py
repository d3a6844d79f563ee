"""`syndicheck rules`: test runs that cannot test anything fail, packs by path, and typos in
packs and configuration caught when they load, with a "did you mean"."""

from __future__ import annotations

import os
import subprocess
import sys
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


def test_rules_test_works_from_a_non_editable_install(tmp_path: Path) -> None:
    """The bundled fixtures ship in the package: a plain `pip install .` can run them."""
    repo = Path(__file__).resolve().parents[1]
    target = tmp_path / "installed"
    # No build isolation and no dependencies: only the package itself is built and copied,
    # with this environment's setuptools; the dependencies come from this environment.
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--target", str(target), str(repo)],
        check=True, capture_output=True, cwd=tmp_path,
    )  # fmt: skip
    assert (target / "checker" / "bundled_rule_tests" / "wire" / "_compliant").is_dir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    where = subprocess.run(
        [sys.executable, "-c", "import checker; print(checker.__file__)"],
        capture_output=True, text=True, env=env, cwd=tmp_path, check=True,
    )  # fmt: skip
    assert where.stdout.startswith(str(target))
    done = subprocess.run(
        [sys.executable, "-m", "checker", "rules", "test", "wire", "cc-by-4.0"],
        capture_output=True, text=True, env=env, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1].endswith(" ok, 0 failing")
