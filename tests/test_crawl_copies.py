"""`syndicheck copies`: our stories indexed, a partner crawled on loopback, each copy matched
to its story and checked against our terms; reports in JSON, CSV and HTML."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from crawlsite import PARAGRAPH, Site, article, serving

from checker.cli import cli
from checker.crawl.copies import CopiesConfig, find_copies
from checker.crawl.copies_report import copies_to_dict, render_csv, render_html
from checker.crawl.problems import PROBLEM_OF_CHECK, PROBLEMS
from checker.crawl.site import CrawlConfig

PACKS = Path(__file__).parent / "fixtures" / "packs"
RTT = PACKS / "republication-tracker-tool"
STORY = "https://calmatters.org/environment/2025/04/california-wildfire-hazard-maps-homes/"


def _ours(tmp_path: Path) -> Path:
    """Three of our stories: the CalMatters one the partner copies, and two it does not."""
    ours = tmp_path / "ours"
    ours.mkdir()
    (ours / "wildfire.html").write_bytes(
        (RTT / "_compliant" / "_compliant" / "source.html").read_bytes()
    )
    (ours / "hospitals.html").write_bytes(
        (PACKS / "propublica" / "_compliant" / "_compliant" / "source.html").read_bytes()
    )
    (ours / "heat.html").write_bytes(
        (PACKS / "the-conversation" / "_compliant" / "_compliant" / "source.html").read_bytes()
    )
    return ours


def _partner() -> Site:
    site = Site()
    pages = {
        "/news/ok": RTT / "_compliant" / "_compliant" / "article.html",
        "/news/no-pixel": RTT / "tracker" / "firing" / "article.html",
        "/news/no-footer": RTT / "first-appeared" / "firing" / "article.html",
        "/news/own-canonical": RTT / "canonical" / "firing" / "article.html",
    }
    for path, file in pages.items():
        site.add(path, file.read_bytes())
    site.add("/news/unrelated", article("Council meeting", PARAGRAPH))
    site.add("/private/copy", (RTT / "_compliant" / "_compliant" / "article.html").read_bytes())
    urls = "".join(
        f"<url><loc>{{b}}{p}</loc></url>"
        for p in [*pages, "/news/unrelated", "/news/gone", "/private/copy"]
    )
    site.add(
        "/sitemap.xml",
        f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>',
        "application/xml",
    )
    site.add(
        "/robots.txt", "User-agent: *\nDisallow: /private/\nSitemap: /sitemap.xml\n", "text/plain"
    )
    return site


def _run(tmp_path: Path, partner: str) -> dict[str, object]:
    partners = tmp_path / "partners.txt"
    partners.write_text(f"# our partners\n{partner}\n\n", encoding="utf-8")
    settings = CrawlConfig(
        site="", cache_dir=str(tmp_path / "cache"), delay=0.0, allow_private=True
    )
    config = CopiesConfig(
        str(_ours(tmp_path)), str(partners), settings, ("republication-tracker-tool",)
    )
    return copies_to_dict(find_copies(config))


@pytest.fixture
def report(tmp_path: Path) -> tuple[dict[str, object], str]:
    site = _partner()
    with serving(site) as base:
        data = _run(tmp_path, base + "/")
    assert not [p for p in site.paths() if p.startswith("/private/")]
    return data, base


def _copies(data: dict[str, object]) -> dict[str, dict[str, object]]:
    return {copy["url"]: copy for story in data["stories"] for copy in story["copies"]}  # type: ignore[attr-defined]


def test_each_copy_is_found_and_given_to_the_story_it_copies(
    report: tuple[dict[str, object], str],
) -> None:
    data, base = report
    stories = {Path(s["story"]).name: s for s in data["stories"]}  # type: ignore[attr-defined]
    assert sorted(c["url"] for c in stories["wildfire.html"]["copies"]) == sorted(
        base + p for p in ("/news/ok", "/news/no-pixel", "/news/no-footer", "/news/own-canonical")
    )
    assert stories["hospitals.html"]["copies"] == [] and stories["heat.html"]["copies"] == []


def test_each_planted_defect_is_named_and_the_whole_copy_is_compliant(
    report: tuple[dict[str, object], str],
) -> None:
    data, base = report
    copies = _copies(data)
    assert (copies[base + "/news/ok"]["compliant"], copies[base + "/news/ok"]["problems"]) == (
        True,
        [],
    )
    assert copies[base + "/news/no-pixel"]["problems"] == ["pixel"]
    # The handout's footer holds the credit and the only link to the original: both go.
    assert copies[base + "/news/no-footer"]["problems"] == ["credit", "link"]
    assert copies[base + "/news/own-canonical"]["problems"] == ["canonical"]
    assert not any(
        copies[base + p]["compliant"]
        for p in ("/news/no-pixel", "/news/no-footer", "/news/own-canonical")
    )
    checks = {f["check"] for f in copies[base + "/news/no-pixel"]["findings"]}  # type: ignore[attr-defined]
    assert checks == {"tracker"}


def test_the_partner_line_counts_pages_copies_and_failures(
    report: tuple[dict[str, object], str],
) -> None:
    data, base = report
    assert data["partners"] == [{
        "partner": base + "/", "pages": 5, "copies": 4, "compliant": 1, "fetch_failures": 1,
        "refused_by_robots": 1,
    }]  # fmt: skip
    assert data["schema_version"] == 1 and data["tool"]["name"] == "syndicheck"  # type: ignore[index]


def test_every_problem_word_comes_from_the_vocabulary() -> None:
    assert set(PROBLEM_OF_CHECK.values()) == set(PROBLEMS)
    from checker.checks import KINDS

    assert set(PROBLEM_OF_CHECK) <= set(KINDS)


def test_the_cli_writes_json_csv_and_html(tmp_path: Path) -> None:
    site = _partner()
    ours = _ours(tmp_path)
    partners = tmp_path / "partners.txt"
    with serving(site) as base:
        partners.write_text(base + "/\n", encoding="utf-8")
        outputs = {}
        for fmt in ("json", "csv", "html"):
            out = tmp_path / f"copies.{fmt}"
            result = CliRunner().invoke(cli, [
                "copies", str(ours), "--partners", str(partners), "--rules", "republication-tracker-tool",
                "--allow-network", "--allow-private", "--delay", "0", "--cache-dir", str(tmp_path / "cache"),
                "--format", fmt, "--output", str(out),
            ])  # fmt: skip
            assert result.exit_code == 0, result.output
            outputs[fmt] = out.read_text(encoding="utf-8")
    data = json.loads(outputs["json"])
    rows = list(csv.DictReader(io.StringIO(outputs["csv"])))
    assert len(rows) == 4 + 2  # a row per copy, and one per story with none
    no_pixel = next(row for row in rows if row["copy_url"].endswith("/news/no-pixel"))
    assert (no_pixel["compliant"], no_pixel["problems"]) == ("no", "pixel")
    assert (
        "/news/no-pixel" in outputs["html"]
        and '<span class="problem">pixel</span>' in outputs["html"]
    )
    assert len(_copies(data)) == 4


def test_copies_needs_allow_network(tmp_path: Path) -> None:
    partners = tmp_path / "p.txt"
    partners.write_text("http://127.0.0.1:9/\n")
    result = CliRunner().invoke(cli, ["copies", str(tmp_path), "--partners", str(partners)])
    assert result.exit_code == 2 and "--allow-network" in result.output


def test_a_partner_line_that_is_not_a_url_names_the_line(tmp_path: Path) -> None:
    partners = tmp_path / "p.txt"
    partners.write_text("http://127.0.0.1:9/\nnot a site\n")
    result = CliRunner().invoke(
        cli, ["copies", str(_ours(tmp_path)), "--partners", str(partners), "--allow-network"]
    )
    assert result.exit_code == 2
    assert f"{partners}:2: not an http(s) URL" in result.output


def test_html_report_escapes_what_the_pages_say(tmp_path: Path) -> None:
    from checker.crawl.copies import CopiesReport, Copy, PartnerSummary, Story

    story = Story("s", "<script>alert(1)</script>", "/x")
    copy = Copy("javascript:alert(1)", "p", "s", False, ("credit",), (), 1.0, 1.0)
    report = CopiesReport(
        "ours", ("auto",), (story,), (PartnerSummary("p", 1, 1, 0, 0, 0),), (copy,)
    )
    html = render_html(report)
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert 'href="javascript:' not in html
    assert render_csv(report).splitlines()[1].startswith("s,<script>")
