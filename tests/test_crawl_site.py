"""`syndicheck crawl`: discovery, politeness, failures recorded, conditional requests and
resumption, against a real loopback server (tests/crawlsite.py)."""

from __future__ import annotations

import itertools
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from crawlsite import ORIGINAL, PARAGRAPH, Site, article, hostile_site, serving, small_site

from checker.cli import cli
from checker.crawl import CrawlConfig, crawl
from checker.crawl.robots import REFUSED


def _config(tmp_path: Path, site: str, **changes: object) -> CrawlConfig:
    values: dict[str, object] = {
        "site": site, "out": str(tmp_path / "crawl.jsonl"),
        "cache_dir": str(tmp_path / "cache"), "delay": 0.0, "allow_private": True,
    } | changes  # fmt: skip
    return CrawlConfig(**values)  # type: ignore[arg-type]


def _by_path(
    lines: list[dict[str, object]] | tuple[dict[str, object], ...], base: str
) -> dict[str, dict[str, object]]:
    return {str(line["url"]).removeprefix(base): line for line in lines}


def test_pages_are_found_through_sitemaps_the_feed_and_the_wordpress_api(tmp_path: Path) -> None:
    site = small_site()
    with serving(site) as base:
        outcome = crawl(_config(tmp_path, base + "/"))
    pages = _by_path(outcome.lines, base)
    via = {path: line["found_via"] for path, line in pages.items()}
    assert via == {
        # the gzipped sitemap under the index (order kept), then the news sitemap
        "/news/declared-meta": "sitemap", "/news/own": "sitemap", "/news/target": "sitemap",  # found as /news/moved
        "/news/missing": "sitemap", "/news/server-error": "sitemap", "/private/secret": "sitemap",
        "/news/declared-jsonld": "sitemap",
        "/news/from-feed": "feed",  # the feed's other item was already found in a sitemap
        "/news/from-api": "wp-api",
    }  # fmt: skip


def test_each_page_says_the_source_it_declares_or_none(tmp_path: Path) -> None:
    site = small_site()
    with serving(site) as base:
        pages = _by_path(crawl(_config(tmp_path, base + "/")).lines, base)
    assert pages["/news/declared-meta"]["source"] == ORIGINAL
    assert pages["/news/declared-jsonld"]["source"] == "https://original.example/other"
    assert pages["/news/from-feed"]["source"] == "https://original.example/feed"
    assert pages["/news/own"]["source"] is None
    body = Path(str(pages["/news/declared-meta"]["path"])).read_text(encoding="utf-8")
    assert ORIGINAL in body and body.startswith("<!doctype html>")


def test_robots_txt_is_honoured_for_pages_and_sitemaps(tmp_path: Path) -> None:
    site = small_site()
    with serving(site) as base:
        pages = _by_path(crawl(_config(tmp_path, base + "/")).lines, base)
    assert not [path for path in site.paths() if path.startswith("/private/")]
    assert pages["/private/secret"]["error"] == REFUSED
    assert pages["/private/secret"]["path"] is None


def test_a_fetch_failure_is_recorded_and_the_crawl_goes_on(tmp_path: Path) -> None:
    site = small_site()
    with serving(site) as base:
        pages = _by_path(crawl(_config(tmp_path, base + "/")).lines, base)
    assert (pages["/news/missing"]["status"], pages["/news/missing"]["error"]) == (
        404,
        "HTTP 404 Not Found",
    )
    assert pages["/news/server-error"]["status"] == 500
    assert "500" in str(pages["/news/server-error"]["error"])
    assert pages["/news/target"]["status"] == 200  # /news/moved, listed where it leads
    assert "/news/moved" not in pages
    assert pages["/news/from-api"]["error"] is None  # found and fetched after the failures


def test_the_manifest_file_holds_one_json_object_a_line(tmp_path: Path) -> None:
    site = small_site()
    with serving(site) as base:
        outcome = crawl(_config(tmp_path, base + "/"))
    lines = [json.loads(line) for line in Path(outcome.out).read_text().splitlines()]
    assert lines == list(outcome.lines)
    assert all(
        set(line) == {"url", "path", "source", "status", "error", "found_via"} for line in lines
    )


def test_the_crawl_delay_of_robots_txt_spaces_requests(tmp_path: Path) -> None:
    site = small_site(delay="0.3")
    with serving(site) as base:
        crawl(_config(tmp_path, base + "/", delay=0.0))
    times = [when for when, _, _ in site.log]
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    assert len(gaps) > 10 and min(gaps) >= 0.3 - 0.01


def test_the_user_agent_names_syndicheck_and_a_contact_url(tmp_path: Path) -> None:
    site = small_site()
    with serving(site) as base:
        crawl(_config(tmp_path, base + "/"))
    agents = {headers.get("User-Agent", "") for _, _, headers in site.log}
    assert len(agents) == 1
    (agent,) = agents
    assert agent.startswith("syndicheck/") and "+https://" in agent


def test_a_second_crawl_within_the_cache_lifetime_sends_no_request(tmp_path: Path) -> None:
    site = small_site()
    with serving(site) as base:
        first = crawl(_config(tmp_path, base + "/"))
        asked = len(site.log)
        second = crawl(_config(tmp_path, base + "/"))
    assert site.paths()[asked:] == []  # not even what failed, nor robots.txt
    assert second.lines == first.lines and second.requests == 0


def test_after_the_lifetime_a_crawl_starts_again_from_the_cache(tmp_path: Path) -> None:
    site = small_site()
    with serving(site) as base:
        first = crawl(_config(tmp_path, base + "/"))
        asked = len(site.log)
        second = crawl(_config(tmp_path, base + "/", cache_ttl=0.0))
    assert second.lines == first.lines
    # Every page again, each one conditional on what the cache holds.
    assert sorted(set(site.paths()[asked:])) == sorted(set(site.paths()[:asked]))


def test_after_the_cache_lifetime_pages_are_revalidated_with_their_etag(tmp_path: Path) -> None:
    site = small_site()
    with serving(site) as base:
        crawl(_config(tmp_path, base + "/"))
        asked = len(site.log)
        second = crawl(_config(tmp_path, base + "/", cache_ttl=0.0))
    revalidated = [
        headers.get("If-None-Match") for _, path, headers in site.log[asked:] if path == "/news/own"
    ]
    assert revalidated == ['"/news/own"']
    assert _by_path(second.lines, base)["/news/own"]["status"] == 200
    assert Path(str(_by_path(second.lines, base)["/news/own"]["path"])).is_file()


def test_max_pages_stops_the_crawl_and_a_larger_one_goes_on(tmp_path: Path) -> None:
    site = small_site()
    with serving(site) as base:
        outcome = crawl(_config(tmp_path, base + "/", max_pages=2))
        fetched = [line for line in outcome.lines if line["error"] != REFUSED]
        assert len(fetched) == 2 and not outcome.complete
        more = crawl(_config(tmp_path, base + "/", max_pages=4))
    assert more.lines[:2] == outcome.lines
    assert len([line for line in more.lines if line["error"] != REFUSED]) == 4
    assert not [path for path, count in Counter(site.paths()).items() if count > 1]


def test_a_sitemap_url_as_site_replaces_the_sitemaps_robots_txt_names(tmp_path: Path) -> None:
    site = small_site()
    with serving(site) as base:
        pages = _by_path(crawl(_config(tmp_path, base + "/sitemap-news.xml")).lines, base)
    via = {path: line["found_via"] for path, line in pages.items()}
    assert via == {
        "/news/declared-jsonld": "sitemap",
        "/news/from-feed": "feed", "/news/declared-meta": "feed", "/news/from-api": "wp-api",
    }  # fmt: skip
    assert site.hits("/sitemap-index.xml") == 0


def test_crawl_needs_allow_network(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["crawl", "http://127.0.0.1:9/"])
    assert result.exit_code == 2
    assert "--allow-network" in result.output


def test_a_site_that_is_not_a_url_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["crawl", "example", "--allow-network"])
    assert result.exit_code == 2
    assert result.output.startswith("syndicheck: error: example: ")


def test_private_addresses_are_refused_without_allow_private(tmp_path: Path) -> None:
    site = small_site()
    with serving(site) as base:
        outcome = crawl(_config(tmp_path, base + "/", allow_private=False))
    assert site.log == [] and outcome.lines == ()


def _many(count: int) -> Site:
    site = small_site()
    urls = "".join(f"<url><loc>{{b}}/story/{i}</loc></url>" for i in range(count))
    sitemap = f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    site.add("/robots.txt", "User-agent: *\nSitemap: /many.xml\n", "text/plain")
    site.add("/many.xml", sitemap, "application/xml")
    for i in range(count):
        head = f'<meta name="syndication-source" content="{ORIGINAL}/{i}">' if i % 3 == 0 else ""
        site.add(f"/story/{i}", article(f"Story {i}", PARAGRAPH, head))
    return site


def _lines(path: Path) -> int:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as db:
            return int(db.execute("SELECT COUNT(*) FROM pages").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def test_a_killed_crawl_resumes_without_fetching_a_page_twice(tmp_path: Path) -> None:
    count = 40
    site = _many(count)
    out = tmp_path / "killed" / "crawl.jsonl"
    with serving(site) as base:
        command = [sys.executable, "-m", "checker", "crawl", base + "/", "--allow-network",
                   "--allow-private", "--out", str(out), "--cache-dir", str(tmp_path / "cache"),
                   "--delay", "0.05"]  # fmt: skip
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        state = Path(f"{out}.state.sqlite")
        deadline = time.monotonic() + 60
        while _lines(state) < 10 and process.poll() is None:
            assert time.monotonic() < deadline, "the crawl made no progress"
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        assert process.returncode == -signal.SIGKILL, "the crawl ended before it was killed"
        assert 10 <= _lines(state) < count
        resumed = subprocess.run(command, capture_output=True, text=True, timeout=120)
        assert resumed.returncode == 0, resumed.stderr
        story_hits = [path for path in site.paths() if path.startswith("/story/")]
        assert sorted(story_hits) == sorted(f"/story/{i}" for i in range(count))
        uninterrupted = tmp_path / "whole" / "crawl.jsonl"
        crawl(
            _config(
                tmp_path / "whole",
                base + "/",
                out=str(uninterrupted),
                cache_dir=str(tmp_path / "cache2"),
            )
        )
    killed_lines = [json.loads(line) for line in out.read_text().splitlines()]
    whole_lines = [json.loads(line) for line in uninterrupted.read_text().splitlines()]

    def key(line: dict[str, object]) -> tuple[object, ...]:
        return line["url"], line["source"], line["status"], line["error"], line["found_via"]

    assert sorted(map(key, killed_lines)) == sorted(map(key, whole_lines))
    assert len([line for line in killed_lines if "/story/" in str(line["url"])]) == count


@pytest.mark.parametrize("flag", ["--delay", "--max-pages"])
def test_bad_numbers_are_usage_errors(flag: str) -> None:
    result = CliRunner().invoke(cli, ["crawl", "http://127.0.0.1:9/", flag, "-1"])
    assert result.exit_code == 2


def test_the_cli_writes_the_manifest_and_a_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    site = small_site()
    with serving(site) as base:
        result = CliRunner().invoke(
            cli, ["crawl", base + "/", "--allow-network", "--allow-private", "--delay", "0"]
        )
    assert result.exit_code == 0, result.output
    assert "Crawled 9 pages into crawl.jsonl" in result.output
    assert len((tmp_path / "crawl.jsonl").read_text().splitlines()) == 9
    assert os.path.isfile(
        tmp_path
        / ".syndicheck"
        / "crawl"
        / "http"
        / os.listdir(tmp_path / ".syndicheck" / "crawl" / "http")[0]
    )


def test_hostile_pages_are_recorded_and_a_redirect_into_a_disallowed_path_is_not_followed(
    tmp_path: Path,
) -> None:
    site = hostile_site()
    with serving(site) as base:
        pages = _by_path(crawl(_config(tmp_path, base + "/", max_bytes=20_000)).lines, base)
    assert site.hits("/private/draft") == 0
    assert REFUSED in str(pages["/news/to-private"]["error"])
    assert "too many redirects" in str(pages["/news/loop-a"]["error"])
    assert "too large" in str(pages["/news/huge"]["error"])
    assert pages["/news/dated"]["error"] is None


def test_a_page_with_only_last_modified_is_revalidated_with_if_modified_since(
    tmp_path: Path,
) -> None:
    site = hostile_site()
    with serving(site) as base:
        crawl(_config(tmp_path, base + "/"))
        asked = len(site.log)
        again = crawl(_config(tmp_path, base + "/", cache_ttl=0.0))
    sent = [
        headers.get("If-Modified-Since")
        for _, path, headers in site.log[asked:]
        if path == "/news/dated"
    ]
    assert sent == ["Mon, 05 Jan 2026 10:00:00 GMT"]
    assert _by_path(again.lines, base)["/news/dated"]["status"] == 200


def _declared(html: str, address: str) -> str | None:
    from checker.crawl.declares import declared_url
    from checker.loaders import load_bytes

    return declared_url(load_bytes(html.encode(), "page.html", kind="html", url=address))


def test_the_credit_lines_link_to_the_story_is_the_declared_source() -> None:
    footer = (
        '<p>This <a href="http://127.0.0.1:8001/2026/story/">article</a> first appeared on '
        '<a href="http://127.0.0.1:8001/">The Ledger</a> and is republished here under a licence.</p>'
    )
    page = article("Copy", PARAGRAPH + footer)
    assert _declared(page, "http://127.0.0.1:8002/news/copy") == "http://127.0.0.1:8001/2026/story/"


def test_a_mention_in_the_text_declares_nothing() -> None:
    mention = '<p>As <a href="http://127.0.0.1:8001/2026/story/">The Ledger reported</a>, the vote was close.</p>'
    assert _declared(article("Ours", PARAGRAPH + mention), "http://127.0.0.1:8002/news/own") is None


def test_a_canonical_to_another_port_of_one_address_is_another_site() -> None:
    head = '<link rel="canonical" href="http://127.0.0.1:8001/2026/story/">'
    assert (
        _declared(article("Copy", PARAGRAPH, head), "http://127.0.0.1:8002/news/copy")
        == "http://127.0.0.1:8001/2026/story/"
    )
    own = '<link rel="canonical" href="http://127.0.0.1:8002/news/own">'
    assert _declared(article("Ours", PARAGRAPH, own), "http://127.0.0.1:8002/news/own") is None


def test_a_robots_group_for_syndicheck_by_name_applies(tmp_path: Path) -> None:
    site = small_site()
    robots = "User-agent: *\nDisallow: /private/\n\nUser-agent: syndicheck\nDisallow: /news/own\nSitemap: /sitemap-index.xml\n"
    site.add("/robots.txt", robots, "text/plain")
    with serving(site) as base:
        pages = _by_path(crawl(_config(tmp_path, base + "/")).lines, base)
    assert site.hits("/news/own") == 0 and pages["/news/own"]["error"] == REFUSED
    # The named group replaces the * group for syndicheck (RFC 9309, 2.2.1).
    assert site.hits("/private/secret") == 1


def test_a_licence_link_is_never_the_source_and_a_canonical_beats_a_home_page_credit() -> None:
    footer = (
        '<p>This article first appeared on <a href="http://127.0.0.1:8001/">The Ledger</a> and is '
        'republished here under a <a href="https://creativecommons.org/licenses/by-nd/4.0/">Creative '
        "Commons Attribution-NoDerivatives 4.0 International License</a>.</p>"
    )
    head = '<link rel="canonical" href="http://127.0.0.1:8001/2026/story/">'
    page = article("Copy", PARAGRAPH + footer, head)
    assert _declared(page, "http://127.0.0.1:8002/news/copy") == "http://127.0.0.1:8001/2026/story/"
    without_canonical = article("Copy", PARAGRAPH + footer)
    assert (
        _declared(without_canonical, "http://127.0.0.1:8002/news/copy") == "http://127.0.0.1:8001/"
    )


def test_a_page_reached_through_a_redirect_and_directly_is_fetched_and_listed_once(
    tmp_path: Path,
) -> None:
    site = small_site()
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Site</title><link>{b}/</link>'
        "<item><title>Target</title><link>{b}/news/target</link></item></channel></rss>"
    )
    site.add("/feed.xml", feed, "application/rss+xml")
    with serving(site) as base:
        lines = crawl(_config(tmp_path, base + "/")).lines
    assert site.hits("/news/moved") == 1 and site.hits("/news/target") == 1
    assert [line["found_via"] for line in lines if line["url"] == base + "/news/target"] == [
        "sitemap"
    ]
