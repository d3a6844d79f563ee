"""An audit's outputs: `reports/<run-id>/` (index.html, report.json, changes.html) and the
summary printed at the end. Nothing here computes a finding; it arranges stored ones.

Every file is streamed from the database one article at a time, so writing the reports of
100,000 articles takes no more memory than writing those of ten. They are written into a
temporary folder beside the final one and renamed into place when all three are complete: a
run killed while it writes leaves no half-written report, and the earlier runs' reports as
they were.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from jinja2 import Environment

from checker.audit.history import ArticleChanges, ChangeSummary, each_change
from checker.audit.manifest import RowError
from checker.audit.records import FindingRow
from checker.audit.store import Store, Totals
from checker.findings import RunResult, Severity
from checker.report.contract import result_to_dict, run_to_dict
from checker.report.html import ArticleView, article_view, generate

_CHANGES_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Audit {{ run_id }}: changes since {{ changes.baseline or "the first run" }}</title>
<style>body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem}
.new{color:#a40000}.fixed{color:#176c1c}.open{color:#555}td,th{padding:.2rem .6rem;text-align:left}
table{border-collapse:collapse;display:block;overflow-x:auto}li{overflow-wrap:anywhere}
</style></head><body>
<h1>Audit {{ run_id }}</h1>
<p>{% if changes.baseline %}Compared with run {{ changes.baseline }}{% else %}First run: every
finding is new, and nothing is listed here{% endif %}:
<strong class="new">{{ changes.new }} new</strong>,
<strong class="fixed">{{ changes.fixed }} fixed</strong>,
<strong class="open">{{ changes.open }} still open</strong>{% if changes.open %}
({% for label, count in open_parts %}{{ count }} {{ label }}{{ ", " if not loop.last }}
{%- endfor %}){% endif %}.
The full report is <a href="index.html">index.html</a>.</p>
{% if changes.baseline %}
{% if changes.changed_articles %}
<table><tr><th>Article</th><th>New</th><th>Fixed</th></tr>
{% for a in changed() %}<tr><td><a href="#{{ anchor(a) }}">{{ a.key }}</a></td>
<td>{{ a.new|length }}</td><td>{{ a.fixed|length }}</td></tr>{% endfor %}</table>
{% for a in changed() %}<h2 id="{{ anchor(a) }}">
<a href="index.html#article-{{ a.position + 1 }}">{{ a.key }}</a></h2><ul>
{% for f in a.new %}<li class="new">New {{ severity(f) }}: {{ f.rule }}: {{ f.message }}</li>
{% endfor %}
{% for f in a.fixed %}<li class="fixed">Fixed {{ severity(f) }}: {{ f.rule }}: {{ f.message }}</li>
{% endfor %}
</ul>{% endfor %}
{% else %}<p>Nothing changed.</p>{% endif %}
{% endif %}</body></html>
"""
_OPEN_WORDS = {"error": "errors", "warning": "warnings", "info": "notes"}


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


def _write_changes(path: Path, store: Store, run_id: str, changes: ChangeSummary) -> None:
    def changed() -> Iterator[ArticleChanges]:
        return (a for a in each_change(store, run_id, changes.baseline) if a.changed)

    open_parts = [(_OPEN_WORDS[k], n) for k, n in changes.open_by_severity.items() if n]
    page = Environment(autoescape=True).from_string(_CHANGES_PAGE)
    with path.open("w", encoding="utf-8") as out:
        out.writelines(
            page.generate(
                run_id=run_id, changes=changes, open_parts=open_parts, changed=changed,
                anchor=lambda a: f"a{a.position + 1}",
                severity=lambda f: Severity(f.severity).label,
            )
        )  # fmt: skip


class _Views(Sequence[ArticleView]):
    """The report's articles, read from the database each time the page walks them."""

    def __init__(self, store: Store, run_id: str, header: RunResult, count: int) -> None:
        self.store, self.run_id, self.header, self.size = store, run_id, header, count

    def __len__(self) -> int:
        return self.size

    def __iter__(self) -> Iterator[ArticleView]:
        for index, (_, result) in enumerate(self.store.results(self.run_id)):
            yield article_view(self.header, index, result)

    def __getitem__(self, index: int) -> ArticleView:  # type: ignore[override]
        for found, view in enumerate(self):
            if found == index:
                return view
        raise IndexError(index)


def _write_index(path: Path, store: Store, run_id: str, header: RunResult, totals: Totals) -> None:
    views = _Views(store, run_id, header, totals.articles)
    failed = totals.failed - totals.errors
    statuses = {"fail": failed, "pass": totals.articles - totals.failed, "error": totals.errors}
    links = [("changes.html", "What changed since the previous run (changes.html)")]
    with path.open("w", encoding="utf-8") as out:
        out.writelines(generate(header, views, totals.findings, statuses, links))


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
    changes: ChangeSummary, meta: Mapping[str, Any],
) -> None:  # fmt: skip
    folder.parent.mkdir(parents=True, exist_ok=True)
    _drop_abandoned_drafts(folder.parent, store)
    draft = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=folder.parent))
    try:
        _write_json(draft / "report.json", store, run_id, header, totals, changes, meta)
        _write_changes(draft / "changes.html", store, run_id, changes)
        _write_index(draft / "index.html", store, run_id, header, totals)
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
) -> str:
    counts = totals.findings
    lines = [
        f"Audit {run_id}: {totals.articles} articles ({checked} checked, {reused} unchanged"
        f" and reused) in {seconds:.1f} s; {totals.failed} failed;"
        f" findings: {counts['error']} errors, {counts['warning']} warnings, {counts['info']} info",
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
