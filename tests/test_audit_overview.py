"""The audit's index.html opens with charts whose numbers are the run's, new and fixed badges
and a link to changes.html, which lists only what changed. Expected numbers are recounted
here from report.json, not taken from the code that draws the charts."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from conftest_report import changed_audit

from checker.audit import AuditOutcome


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[AuditOutcome, AuditOutcome]:
    return changed_audit(tmp_path_factory.mktemp("audit"))


def chart(html: str, chart_id: str) -> list[tuple[str, int]]:
    figure = html[html.index(f'id="chart-{chart_id}"') :]
    figure = figure[: figure.index("</figure>")]
    rows = re.findall(r'<g class="chart-row" data-label="([^"]*)" data-value="(\d+)">', figure)
    return [(label, int(value)) for label, value in rows]


def test_charts_hold_the_runs_numbers(two_runs: tuple[AuditOutcome, AuditOutcome]) -> None:
    first, second = two_runs
    assert second.report_folder is not None
    report = json.loads((second.report_folder / "report.json").read_text(encoding="utf-8"))
    html = (second.report_folder / "index.html").read_text(encoding="utf-8")
    failing = [r for r in report["results"] if r["status"] == "fail"]
    by_rule = Counter(
        rule
        for r in failing
        for rule in {f["rule"] for f in r["findings"] if f["severity"] == "error"}
    )
    assert dict(chart(html, "by-rule")) == dict(by_rule)
    publishers = {f"Gazette {chr(ord('A') + int(Path(r['article']).stem[1:]))}" for r in failing}
    assert dict(chart(html, "by-publisher")) == dict.fromkeys(publishers, 1)
    trend = [value for _, value in chart(html, "trend")]
    assert trend == [first.run.failed_articles, second.run.failed_articles] == [3, 2]


def test_badges_and_the_link_to_changes(two_runs: tuple[AuditOutcome, AuditOutcome]) -> None:
    _, second = two_runs
    assert second.report_folder is not None
    html = (second.report_folder / "index.html").read_text(encoding="utf-8")
    assert '<a href="changes.html">' in html
    new, fixed = second.changes.new, second.changes.fixed
    assert new > 0 and fixed > 0
    assert f'<span class="badge badge-new">{new} new</span>' in html
    assert f'<span class="badge badge-fixed">{fixed} fixed</span>' in html
    rows = re.findall(r'<tr data-status="\w+" data-target="(article-\d)".*?</tr>', html, re.S)
    assert len(rows) == 6
    body = html[html.index('id="articles"') :]
    a1 = body[body.index('data-target="article-2"') : body.index('data-target="article-3"')]
    a3 = body[body.index('data-target="article-4"') : body.index('data-target="article-5"')]
    assert "badge-fixed" in a1 and "badge-new" not in a1
    assert "badge-new" in a3 and "badge-fixed" not in a3


def test_changes_page_lists_only_what_changed(two_runs: tuple[AuditOutcome, AuditOutcome]) -> None:
    first, second = two_runs
    assert second.report_folder is not None
    page = (second.report_folder / "changes.html").read_text(encoding="utf-8")
    assert '<meta name="viewport"' in page
    assert '<a href="index.html">' in page
    assert f"since run {first.run_id}" in page
    changed = {a.key for a in second.changes.articles if a.new or a.fixed}
    assert changed == {"articles/a1.md", "articles/a2.md", "articles/a3.md"}
    listed = set(
        re.findall(r'<h2 class="article-title" id="change-\d+-h"><bdi>([^<]+)</bdi>', page)
    )
    assert listed == changed
    assert "articles/a4.md" not in page  # still open, not changed: not listed


def test_download_rows_are_one_per_article_and_rule(
    two_runs: tuple[AuditOutcome, AuditOutcome],
) -> None:
    _, second = two_runs
    assert second.report_folder is not None
    html = (second.report_folder / "index.html").read_text(encoding="utf-8")
    raw = re.search(r'id="download-csv" data-rows="([^"]*)"', html)
    assert raw is not None
    rows = json.loads(raw.group(1).replace("&#34;", '"').replace("&amp;", "&"))
    assert rows[0] == [
        "article", "title", "publisher", "status", "rule", "rule name", "severity", "findings"
    ]  # fmt: skip
    expected = {
        (result.article, finding.rule)
        for result in second.run.results
        for finding in result.findings
    }
    assert {(row[0], row[4]) for row in rows[1:]} == expected
    for row in rows[1:]:
        result = next(r for r in second.run.results if r.article == row[0])
        assert row[7] == sum(1 for f in result.findings if f.rule == row[4])


def test_the_index_is_light_and_each_article_has_a_page(
    two_runs: tuple[AuditOutcome, AuditOutcome],
) -> None:
    """The side-by-side texts, evidence and images live in articles/<n>.html, not in the
    index; every row links to its page, and the page leads back to the index."""
    _, second = two_runs
    folder = second.report_folder
    assert folder is not None
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert '<article class="report-article"' not in index
    assert 'data-side="article"' not in index
    links = re.findall(r'<a href="([^"]+)" class="row-title">', index)
    assert links == [f"articles/{n}.html" for n in range(1, 7)]
    assert sorted(p.name for p in (folder / "articles").iterdir()) == sorted(
        Path(link).name for link in links
    )
    for number, result in enumerate(second.run.results, start=1):
        page = (folder / "articles" / f"{number}.html").read_text(encoding="utf-8")
        assert page.count('<article class="report-article"') == 1
        assert f'id="article-{number}"' in page
        assert result.source_doc is not None
        # both texts side by side, taken from the stored view
        assert 'data-side="article"' in page and 'data-side="source"' in page
        assert "The source text is not in this result" not in page
        assert '<a href="../index.html">' in page
        # issue 16's evidence header and "rules met" survive the store
        assert result.evidence is not None
        assert result.evidence.article_sha256 in page
        assert result.rules and result.satisfied is not None
        assert f'id="article-{number}-met"' in page


def test_changes_links_lead_to_article_pages_that_exist(
    two_runs: tuple[AuditOutcome, AuditOutcome],
) -> None:
    folder = two_runs[1].report_folder or Path("missing")
    targets = re.findall(r'<a href="(articles/\d+\.html)">', (folder / "changes.html").read_text())
    changed = [a for a in two_runs[1].changes.articles if a.new or a.fixed]
    assert targets == [f"articles/{a.position + 1}.html" for a in changed]
    assert all((folder / target).is_file() for target in targets)
