"""Rewrite the golden reports after a deliberate change to a renderer, then review the diff.

    python tests/golden/regenerate.py

Writes tests/golden/<run>.<format> for the fixed runs of tests/conftest_report.py, and
reports/example.html with the README's command. tests/test_golden.py compares against them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE.parent))

from conftest_report import hostile_run, lawyer_run, sample_run  # noqa: E402

from checker.report import RENDERERS, render  # noqa: E402

RUNS = {"sample": sample_run, "hostile": hostile_run, "lawyer": lawyer_run}
SUFFIX = {"text": "txt", "json": "json", "sarif": "sarif", "junit": "xml", "github": "log"}
# The README's command for the bundled example report.
EXAMPLE = [
    "check", "examples/seed-article.html", "--source", "examples/bloomberg-source.html",
    "--format", "html", "--output", "reports/example.html",
]  # fmt: skip


def golden_path(run: str, fmt: str) -> Path:
    return HERE / f"{run}.{SUFFIX.get(fmt, fmt)}"


def write_example() -> None:
    subprocess.run([sys.executable, "-m", "checker", *EXAMPLE], cwd=ROOT, check=False)


def main() -> None:
    for name, make in RUNS.items():
        for fmt in RENDERERS:
            golden_path(name, fmt).write_text(render(make(), fmt), encoding="utf-8", newline="")
    write_example()
    print(f"wrote {len(RUNS) * len(RENDERERS)} golden reports and reports/example.html")


if __name__ == "__main__":
    main()
