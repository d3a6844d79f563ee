"""Every report format of a few fixed results stays what it was, byte for byte.

A deliberate change to a renderer regenerates them with one command,
`python tests/golden/regenerate.py`, and the diff is reviewed like code.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from golden.regenerate import EXAMPLE, ROOT, RUNS, golden_path

from checker.report import RENDERERS, render

_TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
_REGENERATE = "a renderer changed: if on purpose, run python tests/golden/regenerate.py"


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
@pytest.mark.parametrize("run", sorted(RUNS))
def test_a_report_matches_its_golden_file(run: str, fmt: str) -> None:
    # newline="": hostile strings carry carriage returns, which must survive as written.
    with golden_path(run, fmt).open(encoding="utf-8", newline="") as handle:
        expected = handle.read()
    assert render(RUNS[run](), fmt) == expected, _REGENERATE


def test_the_bundled_example_report_is_what_the_readme_command_writes(tmp_path: Path) -> None:
    output = tmp_path / "example.html"
    command = [*EXAMPLE[:-1], str(output)]
    subprocess.run([sys.executable, "-m", "checker", *command], cwd=ROOT, check=False)
    committed = (ROOT / "reports" / "example.html").read_text(encoding="utf-8")
    fresh = output.read_text(encoding="utf-8")
    # When the check ran is the one thing allowed to differ.
    assert _TIMESTAMP.sub("<time>", fresh) == _TIMESTAMP.sub("<time>", committed), _REGENERATE
