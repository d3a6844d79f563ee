"""Reports do not depend on the process that wrote them: two runs under different hash seeds
(which reorder every set and dict of strings built from hashing) give the same bytes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("text", "json", "sarif", "junit", "github", "html")
# A run's own clock is the one thing allowed to differ.
_TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)?")


def _reports(folder: Path, seed: str) -> dict[str, str]:
    folder.mkdir()
    firing = ROOT / "tests" / "fixtures" / "packs"
    articles = [ROOT / "examples" / "seed-article.html"]
    articles += sorted(firing.glob("*/*/firing/article.html"))[:6]
    command = [sys.executable, "-m", "checker", "check", *map(str, articles)]
    command += ["--source", str(ROOT / "examples" / "bloomberg-source.html")]
    command += [f"--report={fmt}:{folder / fmt}" for fmt in FORMATS]
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    assert done.returncode in (0, 1), done.stderr
    return {fmt: _TIMESTAMP.sub("<time>", (folder / fmt).read_text("utf-8")) for fmt in FORMATS}


def test_every_report_is_the_same_under_another_hash_seed(tmp_path: Path) -> None:
    first = _reports(tmp_path / "one", "1")
    second = _reports(tmp_path / "two", "2024")
    assert all(len(text) > 200 for text in first.values())
    for fmt in FORMATS:
        assert first[fmt] == second[fmt], fmt
