"""`syndicheck copies`: our stories indexed, a partner crawled on loopback, each copy matched
to its story and checked against our terms; reports in JSON, CSV and HTML."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from crawlsite import PARAGRAPH, Site, article, serving

from checker.cli import cli
from checker.crawl.copies import CopiesConfig, find_copies
from checker.crawl.copies_report import copies_to_dict, render_csv, render_html
from checker.crawl.problems import PROBLEM_OF_CHECK, PROBLEMS
from checker.crawl.site import CrawlConfig, CrawlOutcome
from checker.errors import InputError

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


def _site(pages: dict[str, bytes | str], unlisted: tuple[str, ...] = (), also: str = "") -> Site:
    """A partner: `pages` and the paths `unlisted` (which it does not have) in its sitemap;
    robots.txt names the sitemap and says `also`."""
    site = Site()
    for path, body in pages.items():
        site.add(path, body)
    urls = "".join(f"<url><loc>{{b}}{p}</loc></url>" for p in [*pages, *unlisted])
    site.add(
        "/sitemap.xml",
        f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>',
        "application/xml",
    )
    site.add("/robots.txt", f"User-agent: *\n{also}Sitemap: /sitemap.xml\n", "text/plain")
    return site


def _partner() -> Site:
    copied = {
        "/news/ok": RTT / "_compliant" / "_compliant" / "article.html",
        "/news/no-pixel": RTT / "tracker" / "firing" / "article.html",
        "/news/no-footer": RTT / "first-appeared" / "firing" / "article.html",
        "/news/own-canonical": RTT / "canonical" / "firing" / "article.html",
    }
    pages: dict[str, bytes | str] = {path: file.read_bytes() for path, file in copied.items()}
    pages["/news/unrelated"] = article("Council meeting", PARAGRAPH)
    pages["/private/copy"] = (RTT / "_compliant" / "_compliant" / "article.html").read_bytes()
    return _site(pages, ("/news/gone",), "Disallow: /private/\n")


def _config(
    tmp_path: Path, partners: list[str], rules: tuple[str, ...] = (), jobs: int = 4
) -> CopiesConfig:
    """Our three stories against `partners`, crawled with no delay and no cache of an
    earlier test."""
    listed = tmp_path / "partners.txt"
    listed.write_text("# our partners\n" + "".join(f"{p}\n\n" for p in partners), "utf-8")
    settings = CrawlConfig(
        site="", cache_dir=str(tmp_path / "cache"), delay=0.0, allow_private=True
    )
    return CopiesConfig(str(_ours(tmp_path)), str(listed), settings, rules, partner_jobs=jobs)


def _run(tmp_path: Path, partner: str) -> dict[str, object]:
    return copies_to_dict(
        find_copies(_config(tmp_path, [partner], ("republication-tracker-tool",)))
    )


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


# Partners crawled at once (--partner-jobs): a slow partner holds up no other.

DEAD = "http://127.0.0.1:9/"  # nothing listens: every request is refused at once


class _Held:
    """A slow partner's page, and a page on each of the other partners, with a log of when
    each was asked for and answered. The slow page is answered once every other held page
    has been answered (or after `wait` seconds); the others wait (at most `wait` seconds)
    until the slow page has been asked for. Crawled at once, the others are answered while
    the slow one is pending; crawled one after another, they cannot be, whatever the order."""

    def __init__(self, others: int, wait: float) -> None:
        self.wait = wait
        self.others = others
        self.log: list[str] = []
        self.lock = threading.Lock()
        self.slow_asked = threading.Event()
        self.others_answered = threading.Event()

    def _note(self, event: str) -> None:
        with self.lock:
            self.log.append(event)
            answered = sum(1 for e in self.log if e.startswith("answered ") and "slow" not in e)
            if answered == self.others:
                self.others_answered.set()

    def slow(self) -> None:
        self._note("asked slow")
        self.slow_asked.set()
        self.others_answered.wait(self.wait)
        self._note("answered slow")

    def other(self, name: str) -> Callable[[], None]:
        def hook() -> None:
            self.slow_asked.wait(self.wait)
            self._note(f"answered {name}")

        return hook


def _partners_at_once() -> tuple[Site, Site, Site]:
    """A slow partner with a copy of our wildfire story, the partner with its four copies,
    and a partner with none."""
    compliant = (RTT / "_compliant" / "_compliant" / "article.html").read_bytes()
    slow = _site({"/news/slow-copy": compliant, "/news/slow-other": article("Roads", PARAGRAPH)})
    plain = _site({"/news/council": article("Council meeting", PARAGRAPH)})
    return slow, _partner(), plain


def _hold(held: _Held, slow: Site, copier: Site, plain: Site) -> None:
    slow.before["/news/slow-copy"] = held.slow
    copier.before["/news/ok"] = held.other("copier")
    plain.before["/news/council"] = held.other("plain")


def _copies_cli(tmp_path: Path, partners: list[str], jobs: int) -> str:
    """The JSON report; nothing is taken from an earlier run's cache (--cache-ttl 0)."""
    listed = tmp_path / "partners.txt"
    listed.write_text("".join(f"{p}\n" for p in partners), encoding="utf-8")
    ours = tmp_path / "ours"
    if not ours.exists():
        _ours(tmp_path)
    result = CliRunner().invoke(cli, [
        "copies", str(ours), "--partners", str(listed), "--rules", "republication-tracker-tool",
        "--allow-network", "--allow-private", "--delay", "0", "--cache-dir", str(tmp_path / "cache"),
        "--cache-ttl", "0", "--format", "json", "--partner-jobs", str(jobs),
    ])  # fmt: skip
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_other_partners_are_crawled_while_a_slow_partner_keeps_them_waiting(
    tmp_path: Path,
) -> None:
    held = _Held(others=2, wait=5.0)
    slow, copier, plain = sites = _partners_at_once()
    _hold(held, *sites)
    with serving(slow) as s, serving(copier) as c, serving(plain) as p:
        _copies_cli(tmp_path, [s + "/", c + "/", p + "/"], 3)
    first, *between, last = held.log
    assert (first, last) == ("asked slow", "answered slow"), held.log
    assert sorted(between) == ["answered copier", "answered plain"], held.log


def test_the_report_is_the_same_crawled_at_once_or_one_by_one(tmp_path: Path) -> None:
    slow, copier, plain = sites = _partners_at_once()
    reports = {}
    with serving(slow) as s, serving(copier) as c, serving(plain) as p:
        # The slow partner is listed first: crawled at once, it ends last.
        partners = [s + "/", DEAD, c + "/", p + "/"]
        for jobs in (1, 3):
            _hold(_Held(others=2, wait=1.5), *sites)
            before = len(slow.log)
            reports[jobs] = _copies_cli(tmp_path, partners, jobs)
            assert slow.hits("/news/slow-copy") == 1 + (jobs == 3), slow.log[before:]
    assert reports[3] == reports[1]
    data = json.loads(reports[3])
    assert [line["partner"] for line in data["partners"]] == partners
    assert [line["copies"] for line in data["partners"]] == [1, 0, 4, 0]
    wildfire = next(s for s in data["stories"] if s["story"].endswith("wildfire.html"))
    assert len(wildfire["copies"]) == 5


def test_partner_jobs_below_one_is_a_usage_error(tmp_path: Path) -> None:
    partners = tmp_path / "p.txt"
    partners.write_text(DEAD + "\n")
    done = subprocess.run(
        [sys.executable, "-m", "checker", "copies", str(tmp_path), "--partners", str(partners),
         "--allow-network", "--partner-jobs", "0"],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and "--partner-jobs" in lines[0], done.stderr
    assert lines[0].startswith("syndicheck: error:") and "Traceback" not in done.stderr


def test_a_partner_whose_crawl_fails_lets_the_others_finish_and_fails_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from checker.crawl.site import crawl as real_crawl

    crawled: list[str] = []

    def crawl(config: CrawlConfig, *args: Any, **kwargs: Any) -> CrawlOutcome:
        if config.site == DEAD:
            raise InputError(config.site, "cannot write the crawl state")
        outcome = real_crawl(config, *args, **kwargs)
        crawled.append(config.site)
        return outcome

    monkeypatch.setattr("checker.crawl.copies.crawl", crawl)
    site = _partner()
    failing = pytest.raises(InputError, match="cannot write the crawl state")
    with serving(site) as base, failing:
        find_copies(_config(tmp_path, [DEAD, base + "/"], jobs=2))
    assert crawled == [base + "/"]


def test_partners_on_one_origin_are_crawled_by_one_thread_in_the_list_order() -> None:
    from checker.crawl.copies import _by_origin

    partners = ["http://a.example/", "http://b.example/", "http://A.example/sitemap.xml",
                "https://a.example/", "http://a.example:8080/"]  # fmt: skip
    assert _by_origin(partners) == [[0, 2], [1], [3], [4]]


def test_when_matching_fails_the_crawls_still_running_stop_at_their_next_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    failed = threading.Event()

    def matched(*args: object) -> None:
        failed.set()
        raise RuntimeError("matching failed")

    monkeypatch.setattr("checker.crawl.copies._matched", matched)
    fast = _site({"/news/council": article("Council meeting", PARAGRAPH)})
    many = _site({f"/news/{n}": article(f"Story {n}", PARAGRAPH) for n in range(6)})

    def answer_once_failed() -> None:  # the long crawl's first page
        failed.wait(5.0)

    many.before["/news/0"] = answer_once_failed
    failing = pytest.raises(RuntimeError, match="matching failed")
    with serving(fast) as f, serving(many) as m, failing:
        find_copies(_config(tmp_path, [m + "/", f + "/"], jobs=2))
    assert failed.is_set()
    assert [path for path in many.paths() if path.startswith("/news/")] == ["/news/0"]
