"""The bundled pre-commit hook, run by the real pre-commit on a site repository.

The hook is `.pre-commit-hooks.yaml`'s own definition, used as a `repo: local` hook with
`language: system` so that pre-commit calls the syndicheck installed here instead of building
an environment from the network.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from newsroom import build_site, git

REPO = Path(__file__).resolve().parents[1]
SUMMARY = re.compile(r"^\d+ articles?: ")


def local_config() -> str:
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["require_serial"] is True
    assert hook["types_or"] == ["html", "markdown"]
    hook = {**hook, "language": "system"}
    return yaml.safe_dump({"repos": [{"repo": "local", "hooks": [hook]}]}, sort_keys=False)


def pre_commit(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    executable = shutil.which("pre-commit", path=str(Path(sys.executable).parent))
    assert executable is not None, "pre-commit is in the test extra"
    env = {
        **os.environ,
        # The syndicheck beside this interpreter, and pre-commit's cache inside the test.
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(root.parent / "pre-commit-home"),
        "NO_COLOR": "1",
    }
    env.pop("FORCE_COLOR", None)
    return subprocess.run(
        [executable, *args], cwd=root, env=env, capture_output=True, text=True, timeout=300
    )


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = build_site(tmp_path / "site")
    (root / ".pre-commit-config.yaml").write_text(local_config(), encoding="utf-8")
    git(root, "add", ".pre-commit-config.yaml")
    git(root, "commit", "-q", "-m", "pre-commit")
    return root


def test_the_hook_fails_on_an_uncredited_article_with_one_summary(site: Path) -> None:
    done = pre_commit(site, "run", "--all-files")
    assert done.returncode == 1, done.stdout + done.stderr
    output = done.stdout
    assert "syndicheck (republishing terms)" in output and "Failed" in output
    assert "content/news/talks-uncredited.md:7:1: error default/source-credit" in output
    # drafts/ is ignored by git, so pre-commit never passes it; README.md, the staff story and
    # the saved source declare no source and are skipped; images are not articles.
    summaries = [line for line in output.splitlines() if SUMMARY.match(line)]
    assert summaries == [
        "6 articles: 3 checked, 3 skipped: no declared source; 1 failed: 2 errors, 0 warnings, 0 info"
    ]
    assert "draft.md" not in output and "photo.jpg" not in output


def test_the_hook_passes_once_the_article_is_credited_or_ignored(site: Path) -> None:
    (site / ".syndicheckignore").write_text("content/news/talks-uncredited.md\n")
    git(site, "add", ".syndicheckignore")
    done = pre_commit(site, "run", "--all-files")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout


def test_the_hook_checks_only_the_staged_files(site: Path) -> None:
    # As on a real commit: only the changed article is passed, and it is clean.
    story = site / "content" / "news" / "talks.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nAn update.\n", encoding="utf-8")
    git(site, "add", str(story))
    done = pre_commit(site, "run", "--verbose")
    assert done.returncode == 0, done.stdout + done.stderr
    summaries = [line for line in done.stdout.splitlines() if SUMMARY.match(line)]
    assert summaries == ["1 article: 1 checked; 0 failed: 0 errors, 0 warnings, 0 info"]
