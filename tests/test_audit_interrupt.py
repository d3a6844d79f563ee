"""SIGKILL a whole audit midway: the database stays sound and the next run resumes from it."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from fixtures.audit.make import make_archive

from checker.audit import AuditConfig, run_audit

COUNT = 200


def _committed(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0  # the schema is not there yet


def _findings(db: Path, run_id: str) -> dict[str, list[tuple[str, str, str]]]:
    found: dict[str, list[tuple[str, str, str]]] = {}
    with sqlite3.connect(db) as conn:
        for key, fingerprint, rule, message in conn.execute(
            "SELECT key, fingerprint, rule, message FROM findings WHERE run_id = ?"
            " ORDER BY key, seq",
            (run_id,),
        ):
            found.setdefault(key, []).append((fingerprint, rule, message))
    return found


def test_sigkill_midway_then_resume_matches_an_uninterrupted_run(tmp_path: Path) -> None:
    # Long articles and one worker, so that the run is still going when it is killed.
    manifest = make_archive(tmp_path / "arch", COUNT, uncredited=frozenset(range(0, COUNT, 7)))
    db = tmp_path / "history.sqlite"
    command = [sys.executable, "-m", "checker", "audit", str(manifest), "--db", str(db)]
    command += ["--jobs", "1", "--report-dir", str(tmp_path / "reports")]
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the kill reaches the workers too
        env={**os.environ, "CI": "1"},
    )
    try:
        deadline = time.monotonic() + 120
        while _committed(db) < 20 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        os.killpg(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=60)
    committed = _committed(db)
    assert process.returncode == -signal.SIGKILL
    assert 0 < committed < COUNT, "the run was not interrupted midway"

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT status FROM runs").fetchall() == [("running",)]
        # Every committed article has its findings: nothing half-written.
        orphans = conn.execute(
            "SELECT COUNT(*) FROM findings f LEFT JOIN articles a"
            " ON a.run_id = f.run_id AND a.key = f.key WHERE a.key IS NULL"
        ).fetchone()
        assert orphans == (0,)

    resumed = run_audit(AuditConfig(input=str(manifest), db=str(db), report_dir=None, jobs=2))
    assert resumed.reused == committed
    assert resumed.checked == COUNT - committed
    with sqlite3.connect(db) as conn:
        statuses = dict(conn.execute("SELECT id, status FROM runs").fetchall())
    assert sorted(statuses.values()) == ["complete", "interrupted"]

    fresh_db = tmp_path / "fresh.sqlite"
    fresh = run_audit(AuditConfig(input=str(manifest), db=str(fresh_db), report_dir=None, jobs=2))
    assert fresh.checked == COUNT
    assert _findings(db, resumed.run_id) == _findings(fresh_db, fresh.run_id)
    assert resumed.run.counts() == fresh.run.counts()
    assert resumed.run.failed_articles == fresh.run.failed_articles == len(range(0, COUNT, 7))


def test_ctrl_c_stops_cleanly_with_130_and_marks_the_run_interrupted(tmp_path: Path) -> None:
    # More articles than the other tests: the run stops at the interrupt, so they cost only
    # their writing, and a faster checker must not finish all of them before Ctrl-C lands.
    count = 5 * COUNT
    manifest = make_archive(tmp_path / "arch", count)
    db = tmp_path / "history.sqlite"
    command = [sys.executable, "-m", "checker", "audit", str(manifest), "--db", str(db)]
    process = subprocess.Popen(
        [*command, "--jobs", "1", "--report-dir", str(tmp_path / "reports")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "CI": "1"},
    )
    deadline = time.monotonic() + 120
    while _committed(db) < 20 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    process.send_signal(signal.SIGINT)  # what Ctrl-C sends (to the parent; workers ignore it)
    _, err = process.communicate(timeout=60)
    committed = _committed(db)
    assert 0 < committed < count, "the run was not interrupted midway"
    assert process.returncode == 130
    assert err.splitlines()[-1] == "syndicheck: error: interrupted"
    assert "Traceback" not in err
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT status FROM runs").fetchall() == [("interrupted",)]
    resumed = run_audit(AuditConfig(input=str(manifest), db=str(db), report_dir=None, jobs=2))
    assert (resumed.reused, resumed.checked) == (committed, count - committed)


def _stored_keys(db: Path) -> int:
    """Articles with a result in any run: what an interrupted run leaves for the next one."""
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT COUNT(DISTINCT key) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def _runs(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM runs").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def _killable(command: list[str]) -> subprocess.Popen[bytes]:
    """An audit in its own process group, so that a kill reaches its workers too."""
    return subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        env={**os.environ, "CI": "1"},
    )


def _assert_consistent(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        orphans = conn.execute(
            "SELECT COUNT(*) FROM findings f LEFT JOIN articles a"
            " ON a.run_id = f.run_id AND a.key = f.key WHERE a.key IS NULL"
        ).fetchone()
        assert orphans == (0,)
        assert conn.execute("SELECT COUNT(*) FROM runs WHERE status = 'complete'").fetchone() == (
            0,
        )


def test_sigkill_at_several_random_points_then_resume_matches(tmp_path: Path) -> None:
    """Four runs killed at seeded random points (one of them while it is still copying what
    the runs before stored), each leaving a sound database; the fifth finishes the job."""
    count = 150
    rng = random.Random(20250405)
    # Each run is killed once that many articles have a stored result, a random moment after.
    targets = sorted(rng.sample(range(10, count - 40), 4))
    targets[1] = targets[0]  # the second run is killed before it gets past the first
    manifest = make_archive(tmp_path / "arch", count, uncredited=frozenset(range(0, count, 7)))
    db = tmp_path / "history.sqlite"
    command = [sys.executable, "-m", "checker", "audit", str(manifest), "--db", str(db)]
    command += ["--jobs", "1", "--report-dir", str(tmp_path / "reports")]
    for runs, target in enumerate(targets, start=1):
        process = _killable(command)
        try:
            deadline = time.monotonic() + 120
            # First the run registers itself, then it copies what earlier runs stored.
            while (_runs(db) < runs or _stored_keys(db) < target) and process.poll() is None:
                assert time.monotonic() < deadline, "the audit made no progress"
                time.sleep(0.002)
            time.sleep(rng.uniform(0, 0.05))
            os.killpg(process.pid, signal.SIGKILL)
        finally:
            process.wait(timeout=60)
        assert process.returncode == -signal.SIGKILL, "the run ended before it was killed"
        assert _stored_keys(db) < count
        _assert_consistent(db)

    stored = _stored_keys(db)
    resumed = run_audit(AuditConfig(input=str(manifest), db=str(db), report_dir=None, jobs=2))
    assert resumed.reused == stored and resumed.checked == count - stored
    with sqlite3.connect(db) as conn:
        statuses = [s for (s,) in conn.execute("SELECT status FROM runs ORDER BY started")]
    assert statuses == ["interrupted"] * len(targets) + ["complete"]

    fresh_db = tmp_path / "fresh.sqlite"
    fresh = run_audit(AuditConfig(input=str(manifest), db=str(fresh_db), report_dir=None, jobs=2))
    assert _findings(db, resumed.run_id) == _findings(fresh_db, fresh.run_id)
    assert resumed.run.counts() == fresh.run.counts()
    assert resumed.run.failed_articles == fresh.run.failed_articles == len(range(0, count, 7))


def _visible(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_run_killed_while_it_writes_reports_leaves_the_previous_ones_intact(
    tmp_path: Path,
) -> None:
    manifest = make_archive(tmp_path / "arch", 150, uncredited=frozenset(range(0, 150, 9)))
    db, reports = tmp_path / "history.sqlite", tmp_path / "reports"
    first = run_audit(AuditConfig(input=str(manifest), db=str(db), report_dir=str(reports)))
    assert _visible(reports) == [first.run_id]
    before = _snapshot(reports / first.run_id)
    assert [name for name in before if "/" not in name] == [
        "changes.html", "index.html", "report.json"
    ]  # fmt: skip
    assert len([name for name in before if name.startswith("articles/")]) == 150
    command = [sys.executable, "-m", "checker", "audit", str(manifest), "--db", str(db)]
    process = _killable([*command, "--report-dir", str(reports)])
    try:
        # Every article is reused, so the run soon starts on its reports: kill it then.
        deadline = time.monotonic() + 120
        while len(list(reports.iterdir())) == 1 and process.poll() is None:
            assert time.monotonic() < deadline, "the audit never started its reports"
            time.sleep(0.001)
        os.killpg(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL, "the run ended before it was killed"
    assert _visible(reports) == [first.run_id]  # no half-written report under a run's name
    assert _snapshot(reports / first.run_id) == before
    after = run_audit(AuditConfig(input=str(manifest), db=str(db), report_dir=str(reports)))
    # The next run writes its own, and clears the draft the killed run left behind.
    assert sorted(p.name for p in reports.iterdir()) == sorted([first.run_id, after.run_id])
    assert sorted(_snapshot(reports / after.run_id)) == sorted(before)
