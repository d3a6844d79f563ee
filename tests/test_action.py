"""The GitHub Action's shell steps, run with bash as the runner runs them.

The `run:` scripts are taken from action.yml with PyYAML; `${{ }}` expressions may appear only
in a step's `env:` and are filled in here as the runner would (inputs with their defaults,
github.action_path, runner.temp, earlier steps' outputs). `uses:` steps (cache, SARIF upload)
are GitHub's and are not run. GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_ENV and GITHUB_PATH are
plain files in tmp_path. The install step builds a real venv from this checkout.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from newsroom import build_site

REPO = Path(__file__).resolve().parents[1]
ACTION = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
EXPRESSION = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")


@dataclass
class Runner:
    """A fake runner: the environment files and the outputs of the steps run so far."""

    temp: Path
    outputs: dict[str, dict[str, str]]
    summary: Path
    env_file: Path
    path_file: Path
    log: str = ""

    def value(self, expression: str, inputs: Mapping[str, str]) -> str:
        if expression.startswith("inputs."):
            name = expression.removeprefix("inputs.")
            return inputs.get(name, ACTION["inputs"][name].get("default", ""))
        if expression == "github.action_path":
            return str(REPO)
        if expression == "runner.temp":
            return str(self.temp)
        match = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expression)
        if match:
            return self.outputs.get(match.group(1), {}).get(match.group(2), "")
        raise AssertionError(f"the test does not know how to evaluate {expression!r}")

    def run(self, step: Mapping[str, Any], inputs: Mapping[str, str], cwd: Path) -> int:
        script = step["run"]
        assert "${{" not in script, "inputs must reach scripts through env, not the text"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "INPUT_"))}
        env.pop("FORCE_COLOR", None)
        for key, template in (step.get("env") or {}).items():
            env[key] = EXPRESSION.sub(lambda m: self.value(m.group(1), inputs), str(template))
        output = self.temp / f"output-{step.get('id', 'step')}"
        output.write_text("")
        env.update(
            GITHUB_OUTPUT=str(output),
            GITHUB_STEP_SUMMARY=str(self.summary),
            GITHUB_ENV=str(self.env_file),
            GITHUB_PATH=str(self.path_file),
            GITHUB_ACTIONS="true",
        )
        script_file = self.temp / "step.sh"
        script_file.write_text(script)
        # What `shell: bash` runs on GitHub's runners.
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script_file)],
            cwd=cwd, env=env, capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        self.log += done.stdout + done.stderr
        if "id" in step:
            pairs = (line.split("=", 1) for line in output.read_text().splitlines() if "=" in line)
            self.outputs[step["id"]] = dict(pairs)
        return done.returncode


def steps(*names: str) -> list[dict[str, Any]]:
    found = {step["name"]: step for step in ACTION["runs"]["steps"]}
    return [found[name] for name in names]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Runner:
    """The install step, once: a venv of its own with this checkout installed."""
    temp = tmp_path_factory.mktemp("runner")
    # Build from a copy without the developer's venv and caches beside the sources.
    source = temp / "action"
    shutil.copytree(
        REPO,
        source,
        ignore=shutil.ignore_patterns(".venv", ".git", "*_cache", "build", "*.egg-info"),
    )
    runner = Runner(temp, {}, temp / "summary.md", temp / "env", temp / "path")
    for name in ("summary", "env_file", "path_file"):
        getattr(runner, name).write_text("")
    (install,) = steps("Install syndicheck")
    # python3 on PATH is this interpreter's, as setup-python or the runner's image would give.
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    old = os.environ["PATH"]
    os.environ["PATH"] = path
    try:
        code = runner.run(
            {**install, "env": {**install["env"], "ACTION_PATH": str(source)}}, {}, temp
        )
    finally:
        os.environ["PATH"] = old
    assert code == 0, runner.log
    return runner


def run_action(runner: Runner, site: Path, inputs: Mapping[str, str]) -> int:
    runner.summary.write_text("")
    runner.log = ""
    runner.outputs = {"install": runner.outputs["install"]}
    code = 0
    for step in steps("Check articles", "Result"):
        code = runner.run(step, inputs, site)
        if step["name"] == "Check articles":
            assert code == 0, runner.log  # the check step records the code; Result decides
    return code


def test_the_action_has_the_inputs_and_the_always_steps() -> None:
    assert {"args", "config", "version"} <= set(ACTION["inputs"])
    upload = next(s for s in ACTION["runs"]["steps"] if "upload-sarif" in s.get("uses", ""))
    assert upload["if"].replace(" ", "").startswith("${{always()")
    assert upload["continue-on-error"] is True
    assert all("setup-python" not in s.get("uses", "") for s in ACTION["runs"]["steps"])
    cache = next(
        s for s in ACTION["runs"]["steps"] if s.get("uses", "").startswith("actions/cache")
    )
    install = steps("Install syndicheck")[0]
    assert install["env"]["PIP_CACHE_DIR"] == cache["with"]["path"]


def test_findings_give_annotations_a_summary_sarif_and_exit_1(
    installed: Runner, tmp_path: Path
) -> None:
    site = build_site(tmp_path / "site")
    code = run_action(installed, site, {"args": "content/ README.md"})
    assert code == 1, installed.log
    check = installed.outputs["check"]
    assert check["exit-code"] == "1" and check["sarif"] == "true"
    assert "::error file=content/news/talks-uncredited.md,line=7" in installed.log
    summary = installed.summary.read_text()
    assert summary.startswith("## syndicheck: syndication compliance")
    assert "2 articles skipped: no declared source." in summary
    sarif = json.loads((site / "syndicheck.sarif").read_text())
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"]
    # The job's Python and environment are untouched for later steps.
    assert installed.env_file.read_text() == "" and installed.path_file.read_text() == ""
    assert str(installed.temp / "syndicheck-venv") in installed.outputs["install"]["bin"]


def test_a_clean_run_passes_with_a_summary(installed: Runner, tmp_path: Path) -> None:
    site = build_site(tmp_path / "site")
    code = run_action(installed, site, {"args": "content/news/talks.md content/**/*.htm"})
    assert code == 0, installed.log
    assert "**✅ All articles pass**" in installed.summary.read_text()


def test_a_configuration_error_still_writes_a_summary_and_fails(
    installed: Runner, tmp_path: Path
) -> None:
    site = build_site(tmp_path / "site")
    (site / "other.toml").write_text("fail-level = 'loud'\n")
    code = run_action(installed, site, {"config": "other.toml"})
    assert code == 2, installed.log
    assert installed.outputs["check"]["sarif"] == "false"
    assert "could not check the articles (exit 2)" in installed.summary.read_text()
    assert "other.toml: fail-level: expected one of" in installed.log
