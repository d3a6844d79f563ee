"""The history database: incremental re-runs, new/fixed/open findings, --force, reports."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
from pathlib import Path

import pytest
from fixtures.audit.make import audit_config as config
from fixtures.audit.make import make_archive, set_credit

from checker.audit import run_audit
from checker.audit.work import AuditTask, TaskOutcome, check_task


def rules_of(outcome_changes: tuple[object, ...]) -> list[str]:
    return sorted(row.rule for row in outcome_changes)  # type: ignore[attr-defined]


def test_a_first_run_stores_everything_and_reports_it(tmp_path: Path) -> None:
    manifest = make_archive(tmp_path / "arch", 12, uncredited=frozenset({3}))
    outcome = run_audit(config(tmp_path, manifest))
    assert (outcome.checked, outcome.reused) == (12, 0)
    assert outcome.exit_code == 1  # article 3 has no credit and no link
    assert outcome.changes.baseline is None
    # Every article has its text-overlap note; article 3 also lacks its credit and its link.
    assert outcome.changes.new == 12 + 2
    failed = [r.article for r in outcome.run.results if r.failed(outcome.run.fail_level)]
    assert failed == [str(tmp_path / "arch" / "articles" / "a3.md")]
    folder = tmp_path / "reports" / outcome.run_id
    data = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    assert data["schema_version"] == 1
    assert data["summary"]["articles"] == 12
    assert data["audit"]["run_id"] == outcome.run_id
    assert data["audit"]["changes"]["totals"]["new"] == outcome.changes.new
    assert (folder / "index.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    db = sqlite3.connect(tmp_path / "history.sqlite")
    assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert db.execute("SELECT status FROM runs").fetchall() == [("complete",)]
    assert db.execute("SELECT COUNT(*) FROM articles").fetchone() == (12,)


def test_edits_show_as_new_fixed_and_still_open(tmp_path: Path) -> None:
    root = tmp_path / "arch"
    manifest = make_archive(root, 10, uncredited=frozenset({2, 5}))
    first = run_audit(config(tmp_path, manifest))
    set_credit(root, 2, credited=True)  # fixes credit + link
    set_credit(root, 7, credited=False)  # breaks them
    second = run_audit(config(tmp_path, manifest))
    assert (second.checked, second.reused) == (2, 8)
    assert second.changes.baseline == first.run_id
    fixed = second.changes.for_article("articles/a2.md")
    broken = second.changes.for_article("articles/a7.md")
    untouched = second.changes.for_article("articles/a5.md")
    assert fixed is not None and broken is not None and untouched is not None
    assert rules_of(fixed.fixed) == ["default/original-link", "default/source-credit"]
    assert [r.rule for r in fixed.new if r.rule != "default/text-overlap"] == []
    assert rules_of(broken.new)[:2] == ["default/original-link", "default/source-credit"]
    assert broken.fixed == () or rules_of(broken.fixed) == ["default/text-overlap"]
    assert rules_of(untouched.open) == [
        "default/original-link",
        "default/source-credit",
        "default/text-overlap",
    ]
    assert (untouched.new, untouched.fixed) == ((), ())
    # Articles 0, 1, 3, ... were reused: the same findings, all still open.
    assert second.changes.for_article("articles/a0.md").open  # type: ignore[union-attr]
    assert second.exit_code == 1


def test_an_unchanged_rerun_reuses_everything_and_force_rechecks(tmp_path: Path) -> None:
    manifest = make_archive(tmp_path / "arch", 8)
    first = run_audit(config(tmp_path, manifest))
    again = run_audit(config(tmp_path, manifest))
    assert (again.checked, again.reused) == (0, 8)
    assert (again.changes.new, again.changes.fixed) == (0, 0)
    assert again.changes.open == first.changes.new
    forced = run_audit(config(tmp_path, manifest, force=True))
    assert (forced.checked, forced.reused) == (8, 0)
    assert (forced.changes.new, forced.changes.fixed) == (0, 0)
    same = [[(f.rule, f.message, f.location.line) for f in r.findings] for r in first.run.results]
    assert [
        [(f.rule, f.message, f.location.line) for f in r.findings] for r in forced.run.results
    ] == same
    # A reused result comes back from the database with its overlap figures intact.
    assert [r.overlap for r in again.run.results] == [r.overlap for r in first.run.results]


def test_a_changed_source_or_pack_option_is_checked_again(tmp_path: Path) -> None:
    root = tmp_path / "arch"
    manifest = make_archive(root, 4)
    run_audit(config(tmp_path, manifest))
    source = root / "sources" / "s1.html"
    source.write_text(source.read_text().replace("Story 1", "Story One"), encoding="utf-8")
    rows = [json.loads(line) for line in manifest.read_text().splitlines()]
    rows[3]["publisher"] = "Another Gazette"
    manifest.write_text("".join(json.dumps(row) + "\n" for row in rows))
    again = run_audit(config(tmp_path, manifest))
    assert (again.checked, again.reused) == (2, 2)


def test_unreadable_articles_are_errors_and_never_reused(tmp_path: Path) -> None:
    root = tmp_path / "arch"
    manifest = make_archive(root, 3)
    (root / "articles" / "a1.md").unlink()
    first = run_audit(config(tmp_path, manifest))
    assert first.exit_code == 2
    assert [r.error is not None for r in first.run.results] == [False, True, False]
    again = run_audit(config(tmp_path, manifest))
    assert (again.checked, again.reused) == (1, 2)


def _dies_once(task: AuditTask) -> TaskOutcome:
    marker = Path(task.request.article).with_suffix(".died")
    if task.key == "articles/a3.md" and not marker.exists():
        marker.write_text("x")
        os.kill(os.getpid(), signal.SIGKILL)
    return check_task(task)


def test_a_killed_worker_loses_only_its_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Workers are forked, so they run the patched function.
    monkeypatch.setattr("checker.audit.engines.check_task", _dies_once)
    manifest = make_archive(tmp_path / "arch", 10)
    outcome = run_audit(config(tmp_path, manifest))
    assert (tmp_path / "arch" / "articles" / "a3.died").exists()
    assert outcome.checked == 10
    assert all(r.error is None for r in outcome.run.results)
    db = sqlite3.connect(tmp_path / "history.sqlite")
    assert db.execute("SELECT COUNT(*) FROM articles").fetchone() == (10,)


def test_a_transaction_left_open_by_an_interrupt_is_dropped_not_fatal(tmp_path: Path) -> None:
    # Ctrl-C between BEGIN and the body leaves a transaction open; marking the run
    # interrupted afterwards must still work (it once failed with "within a transaction").
    from checker.audit.store import Store

    store = Store.open(str(tmp_path / "h.sqlite"))
    try:
        run_id = store.start_run("manifest.jsonl", "local", "0", "error")
        store.db.execute("BEGIN IMMEDIATE")  # what the interrupt leaves behind
        store.finish_run(run_id, "interrupted", {})
        assert store.db.execute("SELECT status FROM runs").fetchall() == [("interrupted",)]
        assert not store.db.in_transaction
    finally:
        store.close()


def test_a_schema_1_history_is_upgraded_in_place_and_compared_like_with_like(
    tmp_path: Path,
) -> None:
    manifest = make_archive(tmp_path / "arch", 3, uncredited=frozenset({1}))
    first = run_audit(config(tmp_path, manifest))
    db = sqlite3.connect(tmp_path / "history.sqlite")
    with db:  # what a schema 1 database holds: no new columns, the old fingerprints
        db.execute("DROP INDEX articles_in_order")
        for column in ("position", "checked_with", "view", "crashed"):
            db.execute(f"ALTER TABLE articles DROP COLUMN {column}")
        db.execute("DROP TABLE views")
        db.execute("UPDATE findings SET fingerprint = 'old-' || seq")
        db.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    db.close()
    second = run_audit(config(tmp_path, manifest))
    # Nothing stored says what it was checked with, so everything is checked again; and the
    # findings of the first run, given today's fingerprints, are the same findings.
    assert (second.checked, second.reused) == (3, 0)
    assert second.changes.baseline == first.run_id
    assert (second.changes.new, second.changes.fixed) == (0, 0)
    assert second.changes.open == first.changes.new
