"""The same audit on a Dask cluster (a LocalCluster on the loopback interface)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.audit.make import make_archive

from checker.audit import AuditConfig, run_audit
from checker.audit.engines import WorkersLost
from checker.errors import UsageError

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    # A worker process on the loopback interface: tasks and results cross a real connection
    # (and are pickled), as they would with a remote cluster.
    cluster = distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=2,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    )
    try:
        yield str(cluster.scheduler_address)
    finally:
        cluster.close()


def test_dask_results_match_local_ones_and_reach_the_one_writer(
    tmp_path: Path, scheduler: str
) -> None:
    manifest = make_archive(tmp_path / "arch", 15, uncredited=frozenset({4, 9}))
    on_dask = run_audit(
        AuditConfig(
            input=str(manifest),
            db=str(tmp_path / "dask.sqlite"),
            report_dir=str(tmp_path / "reports"),
            engine="dask",
            scheduler=scheduler,
        )
    )
    local = run_audit(
        AuditConfig(input=str(manifest), db=str(tmp_path / "local.sqlite"), report_dir=None)
    )
    assert on_dask.checked == 15
    assert on_dask.exit_code == local.exit_code == 1
    assert [[(f.rule, f.message) for f in r.findings] for r in on_dask.run.results] == [
        [(f.rule, f.message) for f in r.findings] for r in local.run.results
    ]
    assert (tmp_path / "reports" / on_dask.run_id / "index.html").is_file()
    again = run_audit(
        AuditConfig(
            input=str(manifest),
            db=str(tmp_path / "dask.sqlite"),
            report_dir=None,
            engine="dask",
            scheduler=scheduler,
        )
    )
    assert (again.checked, again.reused) == (0, 15)


def test_dask_needs_a_scheduler_address(tmp_path: Path) -> None:
    manifest = make_archive(tmp_path / "arch", 1)
    with pytest.raises(UsageError, match="--scheduler"):
        run_audit(AuditConfig(input=str(manifest), engine="dask", db=str(tmp_path / "h.db")))


def test_a_cluster_without_workers_is_an_error_not_a_hang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("checker.audit.engines.NO_WORKERS_GRACE", 0.5)
    monkeypatch.setattr("checker.audit.engines.POLL_SECONDS", 0.2)
    manifest = make_archive(tmp_path / "arch", 3)
    db = tmp_path / "h.sqlite"
    # In-process transport: no sockets at all, and no workers to run anything.
    with distributed.LocalCluster(n_workers=0, processes=False, dashboard_address=None) as empty:
        config = AuditConfig(
            input=str(manifest), db=str(db), engine="dask", scheduler=empty.scheduler_address
        )
        with pytest.raises(WorkersLost, match="no workers"):
            run_audit(config)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT status FROM runs").fetchall() == [("interrupted",)]
