"""The command ends without tearing the interpreter down (checker/__main__.py `leave`): what a
normal exit guarantees must still hold in a real process: the exit status, every byte of
standard output to a pipe and of a report file, the atexit handlers, and a running thread's
work."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FAILING = REPO / "tests" / "fixtures" / "packs" / "default" / "source-credit" / "firing"
EXAMPLE = REPO / "examples"

# The real entry point, with something registered before it runs.
PRELUDE = """
import atexit, sys, threading, time
from pathlib import Path
marks = Path(sys.argv[1])
atexit.register(lambda: marks.write_text(marks.read_text() + "atexit ran\\n"))
"""
RUN = """
sys.argv = ["syndicheck", *sys.argv[2:]]
from checker.__main__ import main
main()
"""


def command(
    tmp_path: Path, *args: str, extra: str = ""
) -> tuple[subprocess.CompletedProcess[str], str]:
    marks = tmp_path / "marks.txt"
    marks.write_text("")
    done = subprocess.run(
        [sys.executable, "-c", PRELUDE + extra + RUN, str(marks), *args],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )  # fmt: skip
    return done, marks.read_text()


def test_a_failing_check_exits_1_with_its_whole_report_and_the_atexit_handlers_run(
    tmp_path: Path,
) -> None:
    # Several copies of the article make the JSON larger than a pipe's buffer (64 KiB), so the
    # last of it is still in the stream's buffer when the command ends.
    articles = []
    for n in range(40):
        copy = tmp_path / f"article-{n}.html"
        copy.write_bytes((FAILING / "article.html").read_bytes())
        articles.append(str(copy))
    done, marks = command(
        tmp_path, "check", *articles, "--source", str(FAILING / "source.html"),
        "--format", "json",
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert len(done.stdout) > 65_536
    report = json.loads(done.stdout)
    assert len(report["results"]) == 40
    assert all(result["findings"] for result in report["results"])
    assert marks == "atexit ran\n"


def test_a_report_file_is_complete(tmp_path: Path) -> None:
    out = tmp_path / "report.sarif"
    done, marks = command(
        tmp_path, "check", str(EXAMPLE / "seed-article.html"), "--source",
        str(EXAMPLE / "bloomberg-source.html"), "--format", "sarif", "--output", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["runs"][0]["tool"]["driver"]["name"]
    assert marks == "atexit ran\n"


def test_a_usage_error_exits_2_with_its_line(tmp_path: Path) -> None:
    done, marks = command(tmp_path, "check", "--no-such-option")
    assert done.returncode == 2
    assert "--no-such-option" in done.stderr
    assert marks == "atexit ran\n"


def test_a_thread_still_running_finishes_its_work(tmp_path: Path) -> None:
    # With another thread alive the exit is the interpreter's own, which waits for it.
    thread = """
def work():
    time.sleep(0.5)
    marks.write_text(marks.read_text() + "thread done\\n")
threading.Thread(target=work).start()
"""
    done, marks = command(tmp_path, "--version", extra=thread)
    assert done.returncode == 0, done.stderr
    assert "thread done\n" in marks
    assert "atexit ran\n" in marks
