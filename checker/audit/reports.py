"""An audit's outputs: `reports/<run-id>/` (index.html, articles/<n>.html, report.json,
changes.html) and the summary printed at the end. Nothing here computes a finding; it arranges
stored ones.

index.html is the overview (charts, badges, one row per article, the CSV download); each
article's full section, with both texts side by side, is a page of its own in `articles/`, so
that the index stays light however large the archive.

Every file is streamed from the database one article at a time, so writing the reports of
100,000 articles takes no more memory than writing those of ten. They are written into a
temporary folder beside the final one and renamed into place when all are complete: a run
killed while it writes leaves no half-written report, and the earlier runs' reports as they
were.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TextIO

from checker.audit.history import ArticleChanges, ChangeSummary, each_change
from checker.audit.manifest import RowError
from checker.audit.overview import AuditOverview, overview
from checker.audit.records import FindingRow
from checker.audit.store import Store, Totals
from checker.declared import SKIP_REASON
from checker.findings import RunResult, Severity
from checker.plural import plural
from checker.report.contract import result_to_dict, run_to_dict
from checker.report.html import (
    ArticleView,
    article_view,
    csv_pieces,
    generate,
    generate_changes,
    page_css,
)

ARTICLES = "articles"  # the folder of the article pages, in the run's report folder


def _row(row: FindingRow) -> dict[str, Any]:
    return {
        "fingerprint": row.fingerprint,
        "rule": row.rule,
        "severity": Severity(row.severity).label,
        "message": row.message,
        "line": row.line,
    }


@dataclass(frozen=True)
class _Stream:
    """A JSON array (or, `keyed`, an object) written item by item as it is read."""

    items: Iterable[Any]
    keyed: bool = False


def _dump(out: TextIO, value: Any, depth: int = 0) -> None:
    """`json.dump(value, out, indent=2)`, except that `_Stream` values are written as they come
    (json.dump cannot take an iterator, and would hold the whole document)."""
    if isinstance(value, dict):
        value = _Stream(value.items(), keyed=True)
    if not isinstance(value, _Stream):
        text = json.dumps(value, indent=2, ensure_ascii=False)
        out.write(text.replace("\n", "\n" + "  " * depth))
        return
    opening, closing = ("{", "}") if value.keyed else ("[", "]")
    out.write(opening)
    empty = True
    for item in value.items:
        out.write(("\n" if empty else ",\n") + "  " * (depth + 1))
        empty = False
        if value.keyed:
            key, item = item
            out.write(json.dumps(key, ensure_ascii=False) + ": ")
        _dump(out, item, depth + 1)
    out.write(closing if empty else "\n" + "  " * depth + closing)


def _write_json(
    path: Path, store: Store, run_id: str, header: RunResult, totals: Totals,
    changes: ChangeSummary, meta: Mapping[str, Any],
) -> None:  # fmt: skip
    data = run_to_dict(header)
    data["results"] = _Stream(result_to_dict(header, r) for _, r in store.results(run_id))
    data["summary"] = {
        "articles": totals.articles, "failed": totals.failed, "findings": totals.findings,
    }  # fmt: skip
    articles = (
        (a.key, {"new": [_row(r) for r in a.new], "fixed": [_row(r) for r in a.fixed],
                 "open": len(a.open)})
        for a in each_change(store, run_id, changes.baseline)
    )  # fmt: skip
    data["audit"] = {
        "run_id": run_id,
        **meta,
        "changes": {
            "baseline": changes.baseline,
            "totals": {"new": changes.new, "fixed": changes.fixed, "open": changes.open},
            "articles": _Stream(articles, keyed=True),
        },
    }
    with path.open("w", encoding="utf-8") as out:
        _dump(out, data)
        out.write("\n")


def _write_changes(
    path: Path, store: Store, run_id: str, audit: AuditOverview, changes: ChangeSummary
) -> None:
    def changed() -> Iterator[ArticleChanges]:
        return (a for a in each_change(store, run_id, changes.baseline) if a.changed)

    def href(article: ArticleChanges) -> str:
        return _page(article.position)

    page = generate_changes(
        audit, changed, changes.changed_articles, changes.open_by_severity, href
    )
    with path.open("w", encoding="utf-8") as out:
        out.writelines(page)


def _views(
    store: Store, run_id: str, header: RunResult, baseline: str | None, texts: bool,
    share: int = 0, shares: int = 1,
) -> Iterator[ArticleView]:  # fmt: skip
    """Each article's view with its new and fixed findings since the baseline, in manifest
    order; of those, the `share`-th of every `shares`."""
    results = store.results(run_id)
    changes = each_change(store, run_id, baseline)
    # Both in manifest order, one per article.
    for index, ((_, result), change) in enumerate(zip(results, changes, strict=True)):
        if index % shares == share:
            view = article_view(header, index, result, texts)
            yield replace(view, changes=(len(change.new), len(change.fixed)))


class _Views(Sequence[ArticleView]):
    """The report's articles, read from the database each time the page walks them, each with
    its new and fixed findings since the baseline."""

    def __init__(
        self, store: Store, run_id: str, header: RunResult, count: int, baseline: str | None,
        texts: bool,
    ) -> None:  # fmt: skip
        self.store, self.run_id, self.header, self.size = store, run_id, header, count
        self.baseline, self.texts = baseline, texts

    def __len__(self) -> int:
        return self.size

    def __iter__(self) -> Iterator[ArticleView]:
        return _views(self.store, self.run_id, self.header, self.baseline, self.texts)

    def __getitem__(self, index: int) -> ArticleView:  # type: ignore[override]
        for found, view in enumerate(self):
            if found == index:
                return view
        raise IndexError(index)


def _page(position: int) -> str:
    """Where an article's full section is: a page of its own, beside index.html."""
    return f"{ARTICLES}/{position + 1}.html"


def _write_index(
    path: Path, store: Store, run_id: str, header: RunResult, totals: Totals,
    audit: AuditOverview,
) -> None:  # fmt: skip
    """The overview only: charts, badges and one row per article, linked to its page. With
    every article's texts side by side in it, it grew by ~56 KB an article (561 MB at 10,000)."""
    views = _Views(store, run_id, header, totals.articles, audit.baseline, texts=False)
    failed = totals.failed - totals.errors
    statuses = {"fail": failed, "pass": totals.articles - totals.failed, "error": totals.errors}
    # The CSV rows are a second walk of the database (the button comes before the table).
    page = generate(
        header, views, totals.findings, statuses, audit=audit, csv=csv_pieces(views),
        print_css=page_css(()), pages=True,
    )  # fmt: skip
    with path.open("w", encoding="utf-8") as out:
        out.writelines(page)


_LINKS = (
    ("../index.html", "Audit {run_id}: every article (index.html)"),
    ("../changes.html", "What changed since the previous run (changes.html)"),
)
# Below this many articles the pages are written in the parent: starting processes would
# cost more than it saves.
PARALLEL_PAGES_FROM = 200


def _article_pages(
    folder: Path, store: Store, run_id: str, header: RunResult, baseline: str | None,
    share: int = 0, shares: int = 1,
) -> None:  # fmt: skip
    """Each article's full section (findings, evidence, images, both texts side by side) in a
    page of its own, rendered as a one-article report, one at a time from the database; of
    the articles in manifest order, the `share`-th of every `shares`."""
    links = [(href, text.format(run_id=run_id)) for href, text in _LINKS]
    for view in _views(store, run_id, header, baseline, True, share, shares):
        page = generate(
            header, [view], view.counts, {view.status: 1}, print_css=page_css([view]),
            links=links,
        )  # fmt: skip
        with (folder.parent / _page(view.index)).open("w", encoding="utf-8") as out:
            out.writelines(page)


_SHARED: dict[str, Any] = {}  # what a page-writing process inherits when it forks


def _pages_share(share: int, shares: int) -> None:
    """In a forked process: this share of the pages, from a connection of its own."""
    store = Store.open(_SHARED["db"])
    try:
        _article_pages(
            _SHARED["folder"], store, _SHARED["run_id"], _SHARED["header"], _SHARED["baseline"],
            share, shares,
        )  # fmt: skip
    finally:
        store.close()


def _start_article_pages(
    folder: Path, store: Store, run_id: str, header: RunResult, count: int,
    baseline: str | None, jobs: int,
) -> Callable[[], None]:  # fmt: skip
    """Start writing the article pages; the returned function waits until all are written.

    Rendering the pages was most of the time an audit's parent spent after the checks (5 of
    its 8 s for 1,000 articles), on one core. With several jobs and a forking platform they
    are shared among `jobs` processes, while the parent writes the index and report.json.
    """
    folder.mkdir()
    # Forked only when this process runs no other thread (a Dask client's, a progress bar's):
    # a child forked while another thread holds a lock (logging's, an import's) can hang.
    forkable = "fork" in mp.get_all_start_methods() and threading.active_count() == 1
    if jobs < 2 or count < PARALLEL_PAGES_FROM or not forkable:
        return lambda: _article_pages(folder, store, run_id, header, baseline)
    _SHARED.update(db=store.path, folder=folder, run_id=run_id, header=header, baseline=baseline)
    pool = ProcessPoolExecutor(jobs, mp_context=mp.get_context("fork"))
    try:
        futures = [pool.submit(_pages_share, share, jobs) for share in range(jobs)]
    except BaseException:
        pool.shutdown(cancel_futures=True)
        raise

    def wait() -> None:
        try:
            for future in futures:
                future.result()
        finally:
            pool.shutdown(cancel_futures=True)
            _SHARED.clear()

    return wait


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _drop_abandoned_drafts(parent: Path, store: Store) -> None:
    """Drafts left by runs killed while writing (`.<run-id>.<random>.tmp`); a draft of a run
    still going (another audit writing to the same folder) is left alone."""
    for draft in parent.glob(".*.tmp"):
        run_id = draft.name[1:].split(".", 1)[0]
        if draft.is_dir() and store.status(run_id) not in (None, "running"):
            shutil.rmtree(draft, ignore_errors=True)


def write_reports(
    folder: Path, store: Store, run_id: str, header: RunResult, totals: Totals,
    changes: ChangeSummary, meta: Mapping[str, Any], jobs: int = 1,
) -> None:  # fmt: skip
    folder.parent.mkdir(parents=True, exist_ok=True)
    _drop_abandoned_drafts(folder.parent, store)
    draft = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=folder.parent))
    try:
        audit = overview(store.db, run_id, header.fail_level, changes)
        pages = _start_article_pages(
            draft / ARTICLES, store, run_id, header, totals.articles, changes.baseline, jobs
        )
        _write_json(draft / "report.json", store, run_id, header, totals, changes, meta)
        _write_changes(draft / "changes.html", store, run_id, audit, changes)
        _write_index(draft / "index.html", store, run_id, header, totals, audit)
        pages()
        os.chmod(draft, 0o777 & ~_umask())  # mkdtemp makes it private; reports are not
        if folder.exists():  # the same run written again (run ids are unique otherwise)
            shutil.rmtree(folder)
        os.replace(draft, folder)
    except BaseException:
        shutil.rmtree(draft, ignore_errors=True)
        raise


def summary(
    run_id: str,
    totals: Totals,
    changes: ChangeSummary,
    checked: int,
    reused: int,
    row_errors: tuple[RowError, ...],
    seconds: float,
    folder: Path | None,
    skipped: int = 0,
) -> str:
    counts = totals.findings
    also = f", {skipped} skipped: {SKIP_REASON}" if skipped else ""
    lines = [
        f"Audit {run_id}: {plural(totals.articles + skipped, 'article')} ({checked} checked,"
        f" {reused} unchanged and reused{also}) in {seconds:.1f} s; {totals.failed} failed;"
        f" findings: {plural(counts['error'], 'error')}, {plural(counts['warning'], 'warning')},"
        f" {counts['info']} info",
    ]
    since = f"since run {changes.baseline}" if changes.baseline else "(first run: all new)"
    lines.append(
        f"Changes {since}: {changes.new} new, {changes.fixed} fixed, {changes.open} still open"
    )
    if changes.baseline:
        for article in changes.first:
            lines.append(f"  {article.key}: {len(article.new)} new, {len(article.fixed)} fixed")
        if changes.changed_articles > len(changes.first):
            more = changes.changed_articles - len(changes.first)
            lines.append(f"  ... and {more} more articles with changes (changes.html)")
    if totals.crashed:
        lines.append(f"{totals.crashed} articles were not checked because of an internal error")
    if row_errors:
        lines.append(f"{len(row_errors)} manifest rows could not be used (see above)")
    if folder is not None:
        lines.append(
            f"Reports: {folder / 'index.html'}, {folder / 'changes.html'}, {folder / 'report.json'}"
        )
    return "\n".join(lines) + "\n"
