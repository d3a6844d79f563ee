"""`syndicheck audit --site`: crawl, then audit the pages that declare a source into the same
history and reports as any audit; and `audit` reading a crawl's manifest directly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from crawlsite import PARAGRAPH, Site, article, serving

from checker.audit.manifest import read_input
from checker.cli import cli

STORY = "<p>" + " ".join(
    f"The council voted on item {i} of the budget plan after a long debate about schools" for i in range(30)
) + ".</p>"  # fmt: skip
CREDIT = (
    "<p>This story was originally published by <a href='{b}/originals/budget'>The Ledger</a>.</p>"
)
DECLARES = '<meta name="syndication-source" content="{b}/originals/budget">'


def _site() -> Site:
    site = Site()
    site.add("/originals/budget", article("Budget vote", STORY))
    site.add("/news/credited", article("Budget vote", STORY + CREDIT, DECLARES))
    site.add("/news/uncredited", article("Budget vote", STORY, DECLARES))
    site.add("/news/own", article("Our own", PARAGRAPH))
    site.add(
        "/robots.txt", "User-agent: *\nDisallow: /private/\nSitemap: /sitemap.xml\n", "text/plain"
    )
    pages = ["/news/credited", "/news/uncredited", "/news/own", "/news/gone", "/private/x"]
    urls = "".join(f"<url><loc>{{b}}{p}</loc></url>" for p in pages)
    site.add(
        "/sitemap.xml",
        f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>',
        "application/xml",
    )
    return site


@pytest.fixture
def audited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, object], str, str]:
    monkeypatch.chdir(tmp_path)
    site = _site()
    with serving(site) as base:
        result = CliRunner().invoke(cli, [
            "audit", "--site", base + "/", "--allow-network", "--allow-private", "--delay", "0",
            "--jobs", "1", "--report-dir", "reports",
        ])  # fmt: skip
    # 1: the uncredited page fails; the crawl's 404 is no input error (that would be 2).
    assert result.exit_code == 1, result.output
    (report,) = (tmp_path / "reports").glob("*/report.json")
    return json.loads(report.read_text()), base, result.output


def test_pages_that_declare_a_source_are_checked_against_it(
    audited: tuple[dict[str, object], str, str],
) -> None:
    data, base, _ = audited
    results = {Path(r["article"]).name: r for r in data["results"]}  # type: ignore[attr-defined]
    assert set(results) == {"credited.html", "uncredited.html"}
    assert results["credited.html"]["source"] == base + "/originals/budget"
    errors = {
        f["check"] for f in results["uncredited.html"]["findings"] if f["severity"] == "error"
    }
    assert "original-link" in errors
    assert not [f for f in results["credited.html"]["findings"] if f["check"] == "original-link"]


def test_pages_that_declare_none_are_listed_as_not_syndicated(
    audited: tuple[dict[str, object], str, str],
) -> None:
    data, _, _ = audited
    skipped = data["skipped"]
    assert [Path(s["article"]).name for s in skipped] == ["own.html"]  # type: ignore[index]
    assert skipped[0]["reason"] == "no declared source"  # type: ignore[index]


def test_a_page_the_crawl_could_not_fetch_is_counted_and_the_rest_audited(
    audited: tuple[dict[str, object], str, str],
) -> None:
    _, _, output = audited
    assert "1 could not be fetched, 1 refused by robots.txt" in output
    assert "/news/gone" not in output and "/private/x" not in output
    assert output.count("syndicheck: error:") == 0


def test_audit_needs_input_or_site() -> None:
    result = CliRunner().invoke(cli, ["audit"])
    assert result.exit_code == 2 and "give either INPUT or --site SITE" in result.output


def test_audit_site_needs_allow_network() -> None:
    result = CliRunner().invoke(cli, ["audit", "--site", "http://127.0.0.1:9/"])
    assert result.exit_code == 2 and "--allow-network" in result.output


def test_a_crawl_manifest_reads_as_an_audit_manifest(tmp_path: Path) -> None:
    lines = [
        {"url": "https://p.example/a", "path": "pages/a.html", "source": "https://o.example/a", "status": 200, "error": None, "found_via": "sitemap"},
        {"url": "https://p.example/b", "path": None, "source": None, "status": 500, "error": "HTTP 500 Internal Server Error", "found_via": "feed"},
        {"url": "https://p.example/c", "path": None, "source": None, "status": None, "error": "robots.txt disallows it (not fetched)", "found_via": "sitemap"},
    ]  # fmt: skip
    manifest = tmp_path / "crawl.jsonl"
    manifest.write_text("".join(json.dumps(line) + "\n" for line in lines))
    read = read_input(str(manifest))
    (entry,) = read.entries
    assert (entry.article, entry.source, entry.url) == (
        str(tmp_path / "pages" / "a.html"),
        "https://o.example/a",
        "https://p.example/a",
    )
    assert [(e.row, e.problem) for e in read.errors] == [
        (2, "the crawl could not fetch https://p.example/b: HTTP 500 Internal Server Error")
    ]
