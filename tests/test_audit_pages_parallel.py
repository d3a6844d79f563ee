"""An audit's article pages written by several processes are the pages one process writes.

The pages of a large audit are shared among `jobs` forked processes (checker/audit/reports.py);
here the size from which that happens is lowered to 0 so that six articles take that path,
and the same run's reports are written again by the parent alone to compare with.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Any

import pytest
from fixtures.audit.make import make_archive

from checker.audit import AuditConfig, reports, run_audit
from checker.audit.store import Store

MARKS: dict[str, Any] = {}


def marked(share: int, shares: int) -> None:
    """`reports._pages_share`, leaving a mark that this writer ran (in a forked process, so
    it is found by name: a function local to the test would not pickle)."""
    (MARKS["folder"] / str(share)).touch()
    MARKS["share_pages"](share, shares)


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="pages are shared by forking"
)
def test_pages_written_in_parallel_equal_those_written_by_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = make_archive(tmp_path, 6, uncredited=frozenset({1, 4}))
    db = tmp_path / "h.sqlite"
    monkeypatch.setattr(reports, "PARALLEL_PAGES_FROM", 0)
    writers = tmp_path / "writers"
    writers.mkdir()
    monkeypatch.setitem(MARKS, "folder", writers)
    monkeypatch.setitem(MARKS, "share_pages", reports._pages_share)
    monkeypatch.setattr(reports, "_pages_share", marked)
    outcome = run_audit(
        AuditConfig(input=str(manifest), db=str(db), report_dir=str(tmp_path / "r"), jobs=2)
    )
    assert outcome.report_folder is not None
    assert sorted(p.name for p in writers.iterdir()) == ["0", "1"]  # two writers took part
    shared = outcome.report_folder / reports.ARTICLES

    monkeypatch.setattr(reports, "PARALLEL_PAGES_FROM", 10**9)
    alone = tmp_path / "alone" / outcome.run_id
    store = Store.open(str(db))
    try:
        reports.write_reports(
            alone, store, outcome.run_id, outcome.header, outcome.totals,
            outcome.change_summary, {}, jobs=2,
        )  # fmt: skip
    finally:
        store.close()
    names = sorted(p.name for p in shared.iterdir())
    assert names == sorted(f"{n}.html" for n in range(1, 7))
    assert names == sorted(p.name for p in (alone / reports.ARTICLES).iterdir())
    for name in names:
        page = (shared / name).read_text(encoding="utf-8")
        assert page == (alone / reports.ARTICLES / name).read_text(encoding="utf-8"), name
        assert f"article-{name.split('.')[0]}" in page  # each page is its own article's
