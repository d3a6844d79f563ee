"""A source shared by several articles is loaded once per run and per audit worker (issue 14).

Counted, not timed: the reads of the source file are counted through a wrapper around the
engine's own `read_file` (the real function still reads the file), and the cache's own count
of loads is checked beside it.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from checker import engine
from checker.audit import work
from checker.audit.hashing import Inputs
from checker.core import SourceCache
from checker.engine import CheckRequest, check_article, check_articles, session_for

SOURCE = """<html><head><title>Storm</title><meta property="og:site_name" content="Daily Wire Service">
<link rel="canonical" href="https://wire.example.com/storm"></head><body><article><h1>Storm</h1>
<p>The storm reached the coast on Tuesday night, flooding the harbour and closing the bridge.</p>
<p>Officials said the river would crest on Thursday, and schools stayed shut across the region.</p>
</article></body></html>"""

ARTICLE = """<html><head><title>Storm {n}</title></head><body><article><h1>Storm {n}</h1>
<p>The storm reached the coast on Tuesday night, flooding the harbour and closing the bridge.</p>
<p>Story {n}: local shops stayed open. Originally published by Daily Wire Service.</p>
<p><a href="https://wire.example.com/storm">Read the original</a></p>
</article></body></html>"""


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    counted: Counter[str] = Counter()
    real: Callable[..., bytes] = engine.read_file

    def counting(path: str, *args: object) -> bytes:
        counted[os.path.basename(path)] += 1
        return real(path, *args)

    monkeypatch.setattr(engine, "read_file", counting)
    return counted


def _files(folder: Path, articles: int) -> tuple[list[str], str]:
    source = folder / "source.html"
    source.write_text(SOURCE, encoding="utf-8")
    paths = []
    for n in range(articles):
        path = folder / f"article-{n}.html"
        path.write_text(ARTICLE.format(n=n), encoding="utf-8")
        paths.append(str(path))
    return paths, str(source)


def test_a_run_reads_a_shared_source_once(tmp_path: Path, reads: Counter[str]) -> None:
    articles, source = _files(tmp_path, 3)
    run = check_articles(CheckRequest(a, source=source, rules=("default",)) for a in articles)
    assert reads["source.html"] == 1
    assert [reads[f"article-{n}.html"] for n in range(3)] == [1, 1, 1]
    # The same findings as checking each article on its own, source read afresh each time.
    alone = [check_article(CheckRequest(a, source=source, rules=("default",))) for a in articles]
    assert reads["source.html"] == 4
    assert [r.findings for r in run.results] == [r.findings for r in alone]
    assert all(r.source_doc is not None for r in run.results)


def test_a_changed_source_is_loaded_again(tmp_path: Path, reads: Counter[str]) -> None:
    articles, source = _files(tmp_path, 2)
    session = session_for(CheckRequest(articles[0]))
    first = check_article(CheckRequest(articles[0], source=source), session)
    Path(source).write_text(SOURCE.replace("Thursday", "Friday, officials said,"), "utf-8")
    second = check_article(CheckRequest(articles[1], source=source), session)
    assert reads["source.html"] == 2
    assert session.sources.loads == 2
    assert first.source_doc is not None and second.source_doc is not None
    assert "Friday" in second.source_doc.body_text
    assert "Friday" not in first.source_doc.body_text


def test_a_missing_source_is_still_an_error_for_each_article(tmp_path: Path) -> None:
    articles, _ = _files(tmp_path, 2)
    missing = str(tmp_path / "gone.html")
    run = check_articles(CheckRequest(a, source=missing) for a in articles)
    assert [r.error for r in run.results] == [f"{missing}: no such file"] * 2


def test_the_cache_keeps_only_the_most_recent_sources() -> None:
    cache = SourceCache(size=2)
    for key in ("a", "b", "c"):
        cache.put((key,), key)
    assert (cache.get(("a",)), cache.get(("b",)), cache.get(("c",))) == (None, "b", "c")
    assert cache.loads == 3


def test_an_audit_worker_loads_a_shared_source_once(
    tmp_path: Path, reads: Counter[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    articles, source = _files(tmp_path, 3)
    monkeypatch.setattr(work, "_STATE", work._State())  # a fresh worker
    outcomes = [
        work.check_task(
            work.AuditTask(
                key=article,
                request=CheckRequest(article, source=source, rules=("default",)),
                inputs=Inputs(digest=str(n), article=str(n), source=source, source_digest=""),
                position=n,
            )
        )
        for n, article in enumerate(articles)
    ]
    assert [outcome.result.error for outcome in outcomes] == [None] * 3
    assert reads["source.html"] == 1
    assert work._STATE.sources.loads == 1


def test_a_source_is_loaded_without_columns_and_the_findings_do_not_change(
    tmp_path: Path,
) -> None:
    # No finding points into a source: the engine leaves its records' columns unlooked-up
    # (0), and the findings are those of the same check given a source loaded in full.
    from checker.core import check_document
    from checker.loaders import load_file

    paths, _ = _files(tmp_path, 1)
    source = str(tmp_path / "linked-source.html")
    linked = '<p>More: <a href="https://wire.example.com/river">the river\'s rise</a>.</p>'
    Path(source).write_text(SOURCE.replace("</article>", linked + "</article>"), "utf-8")
    result = check_article(CheckRequest(paths[0], source=source, rules=("default",)))
    assert result.source_doc is not None and result.source_doc.blocks
    assert {block.column for block in result.source_doc.blocks} == {0}
    assert {link.column for link in result.source_doc.links} == {0}
    full = load_file(source)
    assert 0 not in {record.column for record in (*full.blocks, *full.links)}
    assert [b.text for b in result.source_doc.blocks] == [b.text for b in full.blocks]
    assert [b.line for b in result.source_doc.blocks] == [b.line for b in full.blocks]
    given = check_document(load_file(paths[0]), full, packs=("default",))
    assert result.findings and [f.message for f in result.findings] == [
        f.message for f in given.findings
    ]
    assert [(f.location.line, f.location.column) for f in result.findings] == [
        (f.location.line, f.location.column) for f in given.findings
    ]
