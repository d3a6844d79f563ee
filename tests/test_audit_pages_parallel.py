"""An audit's article pages written by several processes are the pages one process writes.

The pages of a large audit are shared among `jobs` forked processes (checker/audit/reports.py);
here the size from which that happens is lowered to 0 so that six articles take that path,
and the same run's reports are written again by the parent alone to compare with.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
from fixtures.audit.make import make_archive

from checker.audit import AuditConfig, reports, run_audit
from checker.audit.store import Store


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="pages are shared by forking"
)
def test_pages_written_in_parallel_equal_those_written_by_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = make_archive(tmp_path, 6, uncredited=frozenset({1, 4}))
    db = tmp_path / "h.sqlite"
    monkeypatch.setattr(reports, "PARALLEL_PAGES_FROM", 0)
    outcome = run_audit(
        AuditConfig(input=str(manifest), db=str(db), report_dir=str(tmp_path / "r"), jobs=2)
    )
    assert outcome.report_folder is not None
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
