"""Issue 12: a stored result is reused only when nothing that decided it changed, a reused
article's report is the same as a fresh one's, and only real changes count as changes."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from fixtures.audit.make import audit_config as config
from fixtures.audit.make import make_archive, set_credit

from checker.audit import run_audit
from checker.packs import bundled_dir


def severities(outcome: object, rule: str) -> set[str]:
    run = outcome.run  # type: ignore[attr-defined]
    return {f.severity.label for r in run.results for f in r.findings if f.rule == rule}


def own_default_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled `default` pack that shadows it, so a test may edit it."""
    folder = tmp_path / "packs"
    folder.mkdir()
    pack = folder / "default.yml"
    shutil.copy(bundled_dir() / "default.yml", pack)
    monkeypatch.setenv("SYNDICHECK_RULES_PATH", str(folder))
    return pack


def test_editing_the_pack_auto_chose_checks_every_article_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = own_default_pack(tmp_path, monkeypatch)
    manifest = make_archive(tmp_path / "arch", 6, uncredited=frozenset({1, 4}))
    first = run_audit(config(tmp_path, manifest))  # no `rules`: auto chooses `default`
    assert {r.pack for r in first.run.results} == {"default"}
    assert severities(first, "default/source-credit") == {"error"}
    text = pack.read_text(encoding="utf-8")
    edited = text.replace("severity: error", "severity: warning", 1)  # source-credit's
    assert edited != text
    pack.write_text(edited, encoding="utf-8")
    second = run_audit(config(tmp_path, manifest))
    assert (second.checked, second.reused) == (6, 0)
    assert severities(second, "default/source-credit") == {"warning"}
    third = run_audit(config(tmp_path, manifest))  # and then it is reused again
    assert (third.checked, third.reused) == (0, 6)
    assert severities(third, "default/source-credit") == {"warning"}


def test_editing_a_pack_that_a_named_pack_extends_checks_again(tmp_path: Path) -> None:
    packs = tmp_path / "packs"
    packs.mkdir()
    shutil.copy(bundled_dir() / "default.yml", packs / "base.yml")
    (packs / "house.yml").write_text(
        'name: house\nversion: "1"\ndescription: ours\nextends: [base.yml]\nrules:\n'
        "  - id: text-overlap\n    severity: info\n",
        encoding="utf-8",
    )
    root = tmp_path / "arch"
    manifest = make_archive(root, 3, uncredited=frozenset({0}))
    rows = [json.loads(line) for line in manifest.read_text().splitlines()]
    for row in rows:
        row["rules"] = [str(packs / "house.yml")]
    manifest.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    first = run_audit(config(tmp_path, manifest))
    assert severities(first, "default/source-credit") == {"error"}
    base = packs / "base.yml"
    base.write_text(base.read_text().replace("severity: error", "severity: warning", 1))
    second = run_audit(config(tmp_path, manifest))
    assert (second.checked, second.reused) == (3, 0)
    assert severities(second, "default/source-credit") == {"warning"}


def test_a_severity_in_the_configuration_reaches_the_articles_and_their_reuse(
    tmp_path: Path,
) -> None:
    manifest = make_archive(tmp_path / "arch", 4, uncredited=frozenset({2}))
    settings = tmp_path / "syndicheck.toml"
    settings.write_text('[severity]\n"default/source-credit" = "error"\n', encoding="utf-8")
    first = run_audit(config(tmp_path, manifest, config=str(settings)))
    assert severities(first, "default/source-credit") == {"error"}
    settings.write_text('[severity]\n"default/source-credit" = "info"\n', encoding="utf-8")
    second = run_audit(config(tmp_path, manifest, config=str(settings)))
    assert (second.checked, second.reused) == (4, 0)
    assert severities(second, "default/source-credit") == {"info"}
    again = run_audit(config(tmp_path, manifest, config=str(settings)))
    assert (again.checked, again.reused) == (0, 4)


def test_each_result_stores_what_it_was_checked_with(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = own_default_pack(tmp_path, monkeypatch)
    manifest = make_archive(tmp_path / "arch", 2)
    outcome = run_audit(config(tmp_path, manifest))
    db = sqlite3.connect(tmp_path / "history.sqlite")
    rows = db.execute(
        "SELECT key, checked_with FROM articles WHERE run_id = ? ORDER BY key", (outcome.run_id,)
    ).fetchall()
    assert [key for key, _ in rows] == ["articles/a0.md", "articles/a1.md"]
    record = json.loads(rows[0][1])
    assert record["tool"]
    assert record["article"][0] == str(tmp_path / "arch" / "articles" / "a0.md")
    assert record["source"][0].endswith("s0.html")
    assert [(p["spec"], p["name"]) for p in record["packs"]] == [("default", "default")]
    assert [path for path, _ in record["packs"][0]["files"]] == [str(pack.resolve())]
    assert record["fetched"] is False


def _sections(folder: Path) -> list[str]:
    """The article sections of an audit's reports: one page each in `articles/`."""
    pages = sorted((folder / "articles").glob("*.html"), key=lambda p: int(p.stem))
    html = "".join(page.read_text(encoding="utf-8") for page in pages)
    return re.findall(r'<article class="report-article".*?</article>', html, re.S)


def test_a_reused_article_is_reported_exactly_as_a_fresh_one(tmp_path: Path) -> None:
    manifest = make_archive(tmp_path / "arch", 5, uncredited=frozenset({3}))
    fresh = run_audit(config(tmp_path, manifest))
    reused = run_audit(config(tmp_path, manifest))
    assert (reused.checked, reused.reused) == (0, 5)
    assert fresh.report_folder is not None and reused.report_folder is not None
    before = _sections(fresh.report_folder)
    after = _sections(reused.report_folder)
    assert len(before) == 5
    assert after == before
    # What the issue saw go missing: the title, the source's, both texts, the original link.
    first = after[0]
    page = (reused.report_folder / "articles" / "1.html").read_text(encoding="utf-8")
    assert "<h1><bdi>Republished story 0</bdi></h1>" in page
    assert '<span class="source-title"><bdi>Story 0</bdi></span>' in first
    assert "The article text is not in this result" not in first
    assert "https://gazette0.example/news/story-0" in first
    assert "No link in the article body counts as a link to the original" not in first
    old = json.loads((fresh.report_folder / "report.json").read_text(encoding="utf-8"))
    new = json.loads((reused.report_folder / "report.json").read_text(encoding="utf-8"))
    assert new["results"] == old["results"]
    assert new["results"][0]["pack_reason"].startswith("Chose default")


def test_moving_figures_are_not_changes_but_a_new_severity_is(tmp_path: Path) -> None:
    root = tmp_path / "arch"
    manifest = make_archive(root, 4, uncredited=frozenset({2}))
    first = run_audit(config(tmp_path, manifest))
    article = root / "articles" / "a1.md"
    article.write_text(
        article.read_text(encoding="utf-8")
        + "\nA closing paragraph of our own about the harbour, the council and the budget.\n",
        encoding="utf-8",
    )
    second = run_audit(config(tmp_path, manifest))
    moved = next(r for r in second.run.results if r.article.endswith("a1.md"))
    was = next(r for r in first.run.results if r.article.endswith("a1.md"))
    note = [f.message for f in moved.findings if f.rule == "default/text-overlap"]
    assert note != [f.message for f in was.findings if f.rule == "default/text-overlap"]
    assert (second.changes.new, second.changes.fixed) == (0, 0)
    # The figures moved, the verdict did not: still the same open note.
    a1 = second.changes.for_article("articles/a1.md")
    assert a1 is not None and [r.rule for r in a1.open] == ["default/text-overlap"]
    settings = tmp_path / "syndicheck.toml"
    settings.write_text('[severity]\n"default/text-overlap" = "warning"\n', encoding="utf-8")
    third = run_audit(config(tmp_path, manifest, config=str(settings)))
    assert (third.changes.new, third.changes.fixed) == (4, 4)
    assert third.change_summary.open_by_severity == {"error": 2, "warning": 0, "info": 0}


def test_changes_html_lists_and_links_only_what_changed(tmp_path: Path) -> None:
    root = tmp_path / "arch"
    manifest = make_archive(root, 6, uncredited=frozenset({2, 4}))
    run_audit(config(tmp_path, manifest))
    set_credit(root, 2, credited=True)
    second = run_audit(config(tmp_path, manifest))
    assert second.report_folder is not None
    page = (second.report_folder / "changes.html").read_text(encoding="utf-8")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "2 fixed" in page and "0 new" in page
    assert "(2 errors, 6 notes)" in page  # what is still open, by severity
    assert re.findall(r'href="articles/(\d+)\.html"', page) == ["3"]
    assert "articles/a2.md" in page
    assert "articles/a4.md" not in page and "articles/a0.md" not in page
    index = (second.report_folder / "index.html").read_text(encoding="utf-8")
    assert '<a href="changes.html">' in index
    assert 'href="articles/3.html"' in index
    article = (second.report_folder / "articles" / "3.html").read_text(encoding="utf-8")
    assert 'id="article-3"' in article and "articles/a2.md" in article


def test_the_stored_view_keeps_what_the_report_shows_beyond_findings(tmp_path: Path) -> None:
    """What satisfied a passing rule, the evidence of the check, and an "and N more" row's
    count come back from the database as they went in (reports are rendered from it)."""
    from checker.audit.records import rebuild, view_blob
    from checker.audit.store import Store, StoredResult
    from checker.evidence import Evidence
    from checker.findings import ArticleResult, Finding, Location, Severity

    more = Finding(
        "default/img-credit", "image-credit", Severity.WARNING, "and 41 more",
        Location("a.md", 0, 0), unlisted=41,
    )  # fmt: skip
    result = ArticleResult(
        "a.md", "s.html", "default", findings=(more,),
        rules=("default/source-credit", "default/img-credit"),
        satisfied=(("default/source-credit", "Originally published by the Gazette"),),
        evidence=Evidence("2026-12-05T08:00:00Z", "ab" * 32, "cd" * 32, source_origin="file"),
    )  # fmt: skip
    store = Store.open(str(tmp_path / "h.sqlite"))
    run_id = store.start_run("m.csv", "local", "0", "error")
    store.save_result(run_id, StoredResult("a.md", 0, "h", result, view=view_blob(result)))
    back = store.load_result(run_id, "a.md")
    totals = store.totals(run_id, Severity.ERROR)
    store.close()
    assert back.satisfied == result.satisfied
    assert back.evidence == result.evidence
    assert [f.unlisted for f in back.findings] == [41]
    assert totals.findings == {"error": 0, "warning": 41, "info": 0}
    assert rebuild("a.md", None, "default", None, None, None, []).evidence is None


def test_a_pack_that_auto_would_now_choose_is_not_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`auto` chooses by the packs' `selects`: a pack added (or edited) so that it selects an
    unchanged article's publisher means that article is checked again, not reused."""
    rules = tmp_path / "rules"
    rules.mkdir()
    monkeypatch.setenv("SYNDICHECK_RULES_PATH", str(rules))
    manifest = make_archive(tmp_path / "arch", 3)
    first = run_audit(config(tmp_path, manifest))
    again = run_audit(config(tmp_path, manifest))
    assert (again.checked, again.reused) == (0, 3)
    text = (bundled_dir() / "default.yml").read_text(encoding="utf-8")
    text = text.replace("name: default", "name: gazette-a", 1).replace(
        "rules:\n", "selects:\n  publishers: [Gazette A]\nrules:\n", 1
    )
    (rules / "gazette-a.yml").write_text(text, encoding="utf-8")
    third = run_audit(config(tmp_path, manifest))
    assert third.checked == 3 and third.reused == 0
    chosen = {r.article.rsplit("/", 1)[-1]: r.pack for r in third.run.results}
    assert chosen["a0.md"] == "gazette-a"
    assert {r.pack for r in first.run.results} == {"default"}


def test_a_broken_pack_that_auto_leaves_out_does_not_fail_the_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The pack selects the sources' domain, but its rules do not load: auto leaves it out and
    # checks with `default`, and what the result was checked with names only what ran.
    folder = tmp_path / "packs"
    folder.mkdir()
    (folder / "gazette.yml").write_text(
        'name: gazette\nversion: "1"\ndescription: broken\nextends: default\n'
        "selects:\n  domains: [gazette0.example, gazette1.example]\nrules:\n"
        "  - id: credit\n    check: no-such-check\n    severity: error\n    message: m\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("SYNDICHECK_RULES_PATH", str(folder))
    manifest = make_archive(tmp_path / "arch", 2)
    outcome = run_audit(config(tmp_path, manifest))
    assert outcome.totals.errors == 0
    assert {r.pack for r in outcome.run.results} == {"default"}
