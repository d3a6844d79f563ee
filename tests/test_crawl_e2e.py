"""End to end: the real `syndicheck crawl` and `copies` in subprocesses against a small generated
web (tests/sitegen.py: 60 partner pages, 14 copies of 10 stories) served on loopback.

Every expected value comes from the generator's truth; no timing is asserted (the crawl delay
and the speed are measured by benchmarks/crawl.py).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sitegen import GeneratedWeb, build, serve
from sitegen_score import comparable, locate, manifest, page_fetches, score_copies
from sitegen_serve import Served

SMALL = {"partner_pages": 60, "copies": 14, "stories": 10, "partners": 2}
AGENT = "sitegen-e2e/1.0 (+https://example.org/crawler-contact)"
FAST = ["--delay", "0", "--timeout", "2"]
PACKS = ["--rules", "republication-tracker-tool", "--rules", "default"]


def syndicheck(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "checker", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def web() -> GeneratedWeb:
    return build(11, slow_seconds=4, **SMALL)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def served(web: GeneratedWeb) -> Iterator[Served]:
    with serve(web) as running:
        yield running


@pytest.fixture(scope="module")
def crawled(
    served: Served, tmp_path_factory: pytest.TempPathFactory
) -> list[tuple[list[dict[str, Any]], Path, list[Any]]]:
    """Each partner crawled once: (manifest lines, working folder, requests it made)."""
    out = []
    for k, url in enumerate(served.partner_urls):
        cwd = tmp_path_factory.mktemp(f"crawl{k}")
        served.reset()
        done = syndicheck(cwd, "crawl", url, "--allow-network", "--allow-private",
                          "--user-agent", AGENT, "--out", "site.jsonl", *FAST)  # fmt: skip
        assert done.returncode == 0, done.stderr
        out.append((manifest(cwd / "site.jsonl"), cwd, served.responses()))
    return out


def declares_story(problems: frozenset[str]) -> bool:
    """A copy names its story by the handout's link or by its canonical, unless both are gone."""
    return "link" not in problems or "canonical" not in problems


def test_crawl_refuses_without_network(tmp_path: Path, served: Served) -> None:
    done = syndicheck(tmp_path, "crawl", served.partner_urls[0])
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "--allow-network" in done.stderr
    assert not served.hits("/robots.txt")


def test_crawl_lists_every_article(
    web: GeneratedWeb, served: Served, crawled: list[tuple[list[dict[str, Any]], Path, list[Any]]]
) -> None:
    for k, (lines, cwd, _) in enumerate(crawled):
        fetched = {}
        for line in lines:
            where = locate(web, served, line["url"])
            if where and line["status"] == 200:
                fetched[where[1]] = line
        assert set(web.articles(k)) <= set(fetched), k
        for path in web.articles(k):
            body = Path(cwd, fetched[path]["path"])
            assert body.is_file() and body.read_bytes() == served.body(web.partners[k], path)
        only = {c for p in web.articles(k) if len(c := web.channels[p]) == 1}
        assert {"feed", "wp-api", "redirect"} <= {next(iter(c)) for c in only}


def test_crawl_never_asks_for_disallowed_pages(
    web: GeneratedWeb, served: Served, crawled: list[tuple[list[dict[str, Any]], Path, list[Any]]]
) -> None:
    for k, (lines, _, requests) in enumerate(crawled):
        assert [r.path for r in requests if r.path.startswith("/private/")] == []
        assert [r.path for r in requests if "?replytocom=" in r.path] == []
        listed = {line["url"].removeprefix(served.partner_urls[k]): line for line in lines}
        for draft in web.partners[k].drafts:  # listed by the sitemaps and the feed: not fetched
            assert listed[draft]["path"] is None and listed[draft]["error"], draft
    assert served.disallowed_hits() == []


def test_crawl_records_failures_and_goes_on(
    web: GeneratedWeb, served: Served, crawled: list[tuple[list[dict[str, Any]], Path, list[Any]]]
) -> None:
    for k, (lines, _, _) in enumerate(crawled):
        listed = {line["url"].removeprefix(served.partner_urls[k]): line for line in lines}
        assert listed["/2025/12/removed-story/"]["status"] == 404
        assert listed["/broken-page/"]["status"] == 500
        for path in ("/2025/12/removed-story/", "/broken-page/", "/loop-a/", "/slow-page/"):
            assert listed[path]["error"] and listed[path]["path"] is None, path
        assert web.partners[k].failures["/slow-page/"] == "slow"


def test_crawl_sends_the_user_agent(
    crawled: list[tuple[list[dict[str, Any]], Path, list[Any]]],
) -> None:
    for _, _, requests in crawled:
        assert requests and {r.user_agent for r in requests} == {AGENT}


def test_crawl_reads_each_page_declared_source(
    web: GeneratedWeb, served: Served, crawled: list[tuple[list[dict[str, Any]], Path, list[Any]]]
) -> None:
    for k, (lines, _, _) in enumerate(crawled):
        declared = {}
        for line in lines:
            where = locate(web, served, line["url"])
            if where and line["status"] == 200:
                declared[where[1]] = line["source"]
        for path in web.articles(k):
            kind = web.kinds[path]
            if kind == "copy" and declares_story(web.truth[path].problems):
                assert declared[path] == served.ours_url + web.truth[path].story, path
            elif kind == "syndicated":
                assert declared[path] and declared[path].startswith(served.other_url), path
            elif kind in ("staff", "brief", "quoting"):
                assert declared[path] is None, path


def test_crawl_resumes_after_a_kill(web: GeneratedWeb, served: Served, tmp_path: Path) -> None:
    url = served.partner_urls[0]
    articles = set(web.articles(0))
    args = [sys.executable, "-m", "checker", "crawl", url, "--allow-network", "--allow-private",
            "--out", "site.jsonl", "--delay", "0.05", "--timeout", "2"]  # fmt: skip
    killed = tmp_path / "killed"
    killed.mkdir()
    served.reset()
    process = subprocess.Popen(
        args, cwd=killed, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while sum(page_fetches(served.responses(), web, 0).values()) < len(articles) // 3:
            assert process.poll() is None, "the crawl ended before it could be killed"
            time.sleep(0.02)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait()
    first = page_fetches(served.responses(), web, 0)
    assert 0 < sum(first.values()) < len(articles)
    # The page whose response was on its way when the crawl died may be asked for again
    # (one request at a time per site, so at most that one); no other page may.
    in_flight = [r.path for r in served.responses() if r.path in articles][-1]
    done = subprocess.run(args, cwd=killed, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    fetched = page_fetches(served.responses(), web, 0)
    assert set(fetched) == articles
    assert [path for path, count in fetched.items() if count > 1] in ([], [in_flight])

    whole = tmp_path / "whole"
    whole.mkdir()
    done = subprocess.run(args, cwd=whole, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert comparable(manifest(killed / "site.jsonl")) == comparable(manifest(whole / "site.jsonl"))


def test_crawl_revalidates_with_conditional_requests(
    web: GeneratedWeb, served: Served, tmp_path: Path
) -> None:
    url = served.partner_urls[1]
    first = syndicheck(tmp_path, "crawl", url, "--allow-network", "--allow-private", *FAST)
    assert first.returncode == 0, first.stderr
    served.reset()
    again = syndicheck(tmp_path, "crawl", url, "--allow-network", "--allow-private",
                       "--cache-ttl", "0", "--out", "again.jsonl", *FAST)  # fmt: skip
    assert again.returncode == 0, again.stderr
    articles = set(web.articles(1))
    asked = [r for r in served.responses() if r.path in articles]
    assert {r.path for r in asked} == articles
    assert all(r.conditional and r.status == 304 for r in asked)


def test_crawl_stops_at_max_pages(web: GeneratedWeb, served: Served, tmp_path: Path) -> None:
    served.reset()
    done = syndicheck(tmp_path, "crawl", served.partner_urls[0], "--allow-network",
                      "--allow-private", "--max-pages", "5", *FAST)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert 0 < sum(page_fetches(served.responses(), web, 0).values()) <= 5
    assert sum(1 for line in manifest(tmp_path / "crawl.jsonl") if line["path"]) <= 5


@pytest.fixture(scope="module")
def copies(served: Served, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    cwd = tmp_path_factory.mktemp("copies")
    (cwd / "partners.txt").write_text("\n".join(served.partner_urls) + "\n", encoding="utf-8")
    served.reset()
    done = syndicheck(cwd, "copies", served.ours_url, "--partners", "partners.txt", *PACKS,
                      "--allow-network", "--allow-private", "--format", "json",
                      "--output", "copies.json", *FAST)  # fmt: skip
    assert done.returncode in (0, 1), done.stderr
    report: dict[str, Any] = json.loads((cwd / "copies.json").read_text(encoding="utf-8"))
    report["_requests"] = served.responses()
    report["_cwd"] = cwd
    return report


def test_copies_finds_every_copy_of_the_right_story(
    web: GeneratedWeb, served: Served, copies: dict[str, Any]
) -> None:
    score = score_copies(web, served, copies)
    assert score.missed == []
    assert score.wrong_story == []
    assert score.unrelated == [] and score.drafts == [] and score.unknown == []
    assert score.found == len(web.truth)


def test_copies_reports_exactly_the_planted_problems(
    web: GeneratedWeb, served: Served, copies: dict[str, Any]
) -> None:
    for story in copies["stories"]:
        for copy in story["copies"]:
            where = locate(web, served, copy["url"])
            assert where is not None
            truth = web.truth[where[1]]
            assert sorted(copy["problems"]) == sorted(truth.problems), copy["url"]
            assert copy["compliant"] is (not truth.problems), copy["url"]


def test_copies_lists_every_story_and_counts_per_partner(
    web: GeneratedWeb, served: Served, copies: dict[str, Any]
) -> None:
    listed = {s["story"].removeprefix(served.ours_url): s for s in copies["stories"]}
    assert set(listed) == set(web.stories)
    copied = {t.story for t in web.truth.values()}
    assert all(listed[p]["copies"] == [] for p in set(web.stories) - copied)
    for k, row in enumerate(copies["partners"]):
        mine = [t for p, t in web.truth.items() if web.partner_of[p] == k]
        assert row["partner"] == served.partner_urls[k]
        assert row["pages"] == len(web.articles(k))
        assert row["copies"] == len(mine)
        assert row["compliant"] == sum(1 for t in mine if not t.problems)


def test_copies_asks_for_no_disallowed_page(copies: dict[str, Any]) -> None:
    assert [r.path for r in copies["_requests"] if r.path.startswith("/private/")] == []


def test_copies_csv_and_html_name_each_copy(
    web: GeneratedWeb, served: Served, copies: dict[str, Any]
) -> None:
    cwd: Path = copies["_cwd"]
    urls = [c["url"] for s in copies["stories"] for c in s["copies"]]
    for fmt in ("csv", "html"):
        done = syndicheck(cwd, "copies", served.ours_url, "--partners", "partners.txt", *PACKS,
                          "--allow-network", "--allow-private", "--format", fmt,
                          "--output", f"copies.{fmt}", *FAST)  # fmt: skip
        assert done.returncode in (0, 1), done.stderr
        text = (cwd / f"copies.{fmt}").read_text(encoding="utf-8")
        assert all(url.replace("&", "&amp;") in text or url in text for url in urls), fmt


def test_audit_site_checks_the_pages_that_declare_a_source(
    web: GeneratedWeb, served: Served, tmp_path: Path
) -> None:
    done = syndicheck(tmp_path, "audit", "--site", served.partner_urls[0], "--allow-network",
                      "--allow-private", "--db", "history.sqlite", "--report-dir", "reports",
                      "--jobs", "1", *FAST)  # fmt: skip
    assert done.returncode != 3, done.stderr  # 2: the 404, 500, loop and slow page are row errors
    report = json.loads(next((tmp_path / "reports").glob("*/report.json")).read_text("utf-8"))
    expected = []
    for path in web.articles(0):
        if web.kinds[path] == "copy" and declares_story(web.truth[path].problems):
            expected.append(served.ours_url + web.truth[path].story)
        elif web.kinds[path] == "syndicated":
            expected.append("other")
    sources = [r["source"] for r in report["results"]]
    mapped = ["other" if s.startswith(served.other_url) else s for s in sources]
    assert sorted(mapped) == sorted(expected)
    undeclared = [p for p in web.articles(0) if web.kinds[p] in ("staff", "brief", "quoting")]
    assert len(report["skipped"]) == len(undeclared)
