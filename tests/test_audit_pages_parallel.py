"""An audit's article pages written by several processes are the pages one process writes.

The pages of a large audit are shared among `jobs` forked processes (checker/audit/reports.py);
here the size from which that happens is lowered to 0 so that six articles take that path,
and the same run's reports are written again by one process alone to compare with. It runs
in a fresh interpreter, as `syndicheck audit` does: pages are forked only from a process
running no other thread, and the test session's own threads (other tests' loopback servers)
would keep them in one process.
"""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures.audit.make import make_archive

from checker.audit import reports

AUDIT_BOTH_WAYS = """
import sys
from pathlib import Path

from checker.audit import AuditConfig, reports, run_audit
from checker.audit.store import Store

manifest, db, report_dir, writers, alone_dir = sys.argv[1:6]
share_pages = reports._pages_share


def marked(share, shares):  # runs in a forked writer: leaves a mark that it took part
    (Path(writers) / str(share)).touch()
    share_pages(share, shares)


reports._pages_share = marked
reports.PARALLEL_PAGES_FROM = 0
outcome = run_audit(AuditConfig(input=manifest, db=db, report_dir=report_dir, jobs=2))
reports.PARALLEL_PAGES_FROM = 10**9
alone = Path(alone_dir) / outcome.run_id
store = Store.open(db)
try:
    reports.write_reports(
        alone, store, outcome.run_id, outcome.header, outcome.totals,
        outcome.change_summary, {}, jobs=2,
    )
finally:
    store.close()
print(outcome.report_folder)
print(alone)
"""


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="pages are shared by forking"
)
def test_pages_written_in_parallel_equal_those_written_by_one_process(tmp_path: Path) -> None:
    manifest = make_archive(tmp_path, 6, uncredited=frozenset({1, 4}))
    writers = tmp_path / "writers"
    writers.mkdir()
    arguments = [manifest, tmp_path / "h.sqlite", tmp_path / "r", writers, tmp_path / "alone"]
    done = subprocess.run(
        [sys.executable, "-c", AUDIT_BOTH_WAYS, *map(str, arguments)],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    report_folder, alone = (Path(line) for line in done.stdout.splitlines()[-2:])
    assert sorted(p.name for p in writers.iterdir()) == ["0", "1"]  # two writers took part
    shared = report_folder / reports.ARTICLES
    names = sorted(p.name for p in shared.iterdir())
    assert names == sorted(f"{n}.html" for n in range(1, 7))
    assert names == sorted(p.name for p in (alone / reports.ARTICLES).iterdir())
    for name in names:
        page = (shared / name).read_text(encoding="utf-8")
        assert page == (alone / reports.ARTICLES / name).read_text(encoding="utf-8"), name
        assert f"article-{name.split('.')[0]}" in page  # each page is its own article's
