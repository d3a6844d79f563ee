"""Discovery: the indexed sources an article reuses, whether or not it declares them."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

from click.testing import CliRunner
from fixtures.audit.make import paragraphs

from checker.audit.library import MAX_DF, Library, add_source, ensure_schema
from checker.audit.store import Store
from checker.audit.winnow import K, W, fingerprints
from checker.cli import cli


def library_of(root: Path, count: int) -> list[list[str]]:
    (root / "library").mkdir(parents=True)
    texts = []
    for i in range(count):
        body = paragraphs(random.Random(1000 + i), 4)
        texts.append(body)
        (root / "library" / f"src{i:02d}.txt").write_text("\n\n".join(body), encoding="utf-8")
    return texts


def test_shared_runs_of_k_plus_w_minus_one_words_always_share_a_fingerprint() -> None:
    rng = random.Random(3)
    shared = " ".join(f"w{rng.randrange(10**6)}" for _ in range(K + W - 1))
    for trial in range(50):
        left = " ".join(f"a{trial}x{i}" for i in range(rng.randrange(40)))
        right = " ".join(f"b{trial}y{i}" for i in range(rng.randrange(40)))
        assert fingerprints(f"{left} {shared} {right}") & fingerprints(f"zz {shared} qq")


def test_boilerplate_held_by_many_sources_is_ignored(tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "h.sqlite"))
    ensure_schema(store.db)
    footer = "this story is distributed under the terms of our standard syndication licence"
    for i in range(MAX_DF + 5):
        own = " ".join(f"t{i}w{j}" for j in range(60))
        add_source(store.db, f"/lib/{i}.txt", f"{own} {footer}")
    store.close()
    library = Library(str(tmp_path / "h.sqlite"))
    try:
        assert library.candidates(fingerprints(f"An article. {footer}"), 5, 1) == []
        mine = " ".join(f"t7w{j}" for j in range(60))
        best = library.candidates(fingerprints(mine), 5, 3)
        assert [c.source.path for c in best] == ["/lib/7.txt"]
    finally:
        library.close()


def test_audit_discover_reports_the_undeclared_source_only(tmp_path: Path) -> None:
    texts = library_of(tmp_path, 40)
    db = tmp_path / "history.sqlite"
    runner = CliRunner()
    indexed = runner.invoke(cli, ["index", str(tmp_path / "library"), "--db", str(db)])
    assert indexed.exit_code == 0, indexed.output
    assert "40 added" in indexed.stdout
    again = runner.invoke(cli, ["index", str(tmp_path / "library"), "--db", str(db)])
    assert "0 added, 0 updated, 40 unchanged" in again.stdout

    own = paragraphs(random.Random(99), 4)
    articles = tmp_path / "articles"
    articles.mkdir()
    # Reuses 2 of source 17's 4 paragraphs and names no source at all.
    (articles / "copied.md").write_text(
        "# Copied\n\n" + "\n\n".join([own[0], texts[17][1], own[1], texts[17][2]]) + "\n"
    )
    # Reuses nothing indexed.
    (articles / "original.md").write_text("# Original\n\n" + "\n\n".join(own) + "\n")
    # Declares source 3 (and reuses it), but also reuses source 20 without saying so.
    (articles / "declared.md").write_text(
        "---\nsource: ../library/src03.txt\n---\n# Declared\n\n"
        + "\n\n".join([texts[3][0], texts[3][1], own[2], texts[20][3]])
        + "\n"
    )
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("article\narticles/copied.md\narticles/original.md\narticles/declared.md\n")
    result = runner.invoke(
        cli,
        ["audit", str(manifest), "--db", str(db), "--discover", "--jobs", "2",
         "--report-dir", str(tmp_path / "reports")],
    )  # fmt: skip
    assert result.exit_code in (0, 1), result.output
    report = next((tmp_path / "reports").glob("*/report.json"))
    data = json.loads(report.read_text(encoding="utf-8"))
    found = {
        Path(r["article"]).name: [f for f in r["findings"] if f["check"] == "undeclared-source"]
        for r in data["results"]
    }
    assert found["original.md"] == []
    assert [f["evidence"] for f in found["copied.md"]] == [
        os.path.abspath(tmp_path / "library" / "src17.txt")
    ]
    (finding,) = found["copied.md"]
    assert finding["rule"] == "audit/undeclared-source"
    assert finding["severity"] == "warning"
    assert "of the source reused" in finding["message"]
    assert finding["location"]["line"] == 5  # the first reused paragraph
    assert [f["evidence"] for f in found["declared.md"]] == [
        os.path.abspath(tmp_path / "library" / "src20.txt")
    ]


def test_discover_without_an_index_is_a_usage_error(tmp_path: Path) -> None:
    manifest = tmp_path / "m.csv"
    (tmp_path / "a.md").write_text("# A\n\nText of an article.\n")
    manifest.write_text("article\na.md\n")
    result = CliRunner().invoke(
        cli, ["audit", str(manifest), "--db", str(tmp_path / "none.sqlite"), "--discover"]
    )
    assert result.exit_code == 2
    assert "syndicheck index" in result.stderr
