"""The generated web (tests/sitegen.py) is what the crawler's tests and benchmark say it is:
its counts, its truth against the pages themselves, robots.txt as served, the gzipped sitemap,
the WordPress API's pages, the odd pages, and the servers' request log.

Pages are read here with lxml and plain string tests, never with syndicheck's own loaders or
checks, so that the truth the crawler is judged by does not come from the crawler's code.
"""

from __future__ import annotations

import gzip
import json
import re
import socket
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
from lxml import etree, html
from sitegen import PROBLEMS, GeneratedWeb, build, serve
from sitegen_serve import Served
from sitegen_site import disallowed

SMALL = {"partner_pages": 60, "copies": 14, "stories": 10, "partners": 2}
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(scope="module")
def web() -> GeneratedWeb:
    return build(5, slow_seconds=1.5, **SMALL)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def served(web: GeneratedWeb) -> Iterator[Served]:
    with serve(web) as running:
        yield running


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """One request, redirects not followed, errors returned as their status."""
    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def page_text(body: bytes) -> str:
    return " ".join(html.fromstring(body).xpath("//p//text()"))


def test_counts_follow_the_arguments() -> None:
    big = build(1)
    assert len(big.truth) == 200
    assert len(big.unrelated) == 800
    assert len({path for path, _ in big.truth.items()} | big.unrelated) == 1000
    assert len(big.stories) == 120
    assert len(big.partners) == 4
    copied = {truth.story for truth in big.truth.values()}
    assert copied <= set(big.stories)
    assert len(copied) == 100  # 200 copies of 100 of our stories; 20 copied by nobody
    per_partner = {(truth.story, big.partner_of[path]) for path, truth in big.truth.items()}
    assert len(per_partner) == 200  # no partner copied one story twice
    assert all(len(big.articles(k)) == 250 for k in range(4))


def test_small_web_plants_every_problem(web: GeneratedWeb) -> None:
    assert len(web.truth) == 14
    assert len(web.unrelated) == 46
    planted = {problem for truth in web.truth.values() for problem in truth.problems}
    assert planted == set(PROBLEMS)
    assert any(not truth.problems for truth in web.truth.values())
    assert {web.kinds[p] for p in web.unrelated} == {"staff", "brief", "syndicated", "quoting"}


def test_build_is_deterministic() -> None:
    first, second, other = build(9, **SMALL), build(9, **SMALL), build(10, **SMALL)  # type: ignore[arg-type]
    assert first.truth == second.truth
    assert [s.routes for s in first.sites] == [s.routes for s in second.sites]
    assert first.truth != other.truth


def test_stories_are_news_length(web: GeneratedWeb) -> None:
    for story in web.stories.values():
        assert 600 <= len(words(" ".join(story.paragraphs))) <= 1100, story.path


def _paragraphs(body: bytes) -> list[str]:
    """The article's paragraphs: not the site's footer, the republish box or the handout's."""
    tree = html.fromstring(body)
    kept = tree.xpath(
        "//p[not(ancestor::footer)][not(ancestor::*[@id='republication-tracker-tool-modal'])]"
    )
    return [
        " ".join(words(p.text_content()))
        for p in kept
        if "first appeared on" not in p.text_content()
    ]


def test_truth_matches_the_pages(served: Served, web: GeneratedWeb) -> None:
    for path, truth in web.truth.items():
        status, _, body = get(served.partner_urls[web.partner_of[path]] + path)
        assert status == 200
        tree = html.fromstring(body)
        story = web.stories[truth.story]
        story_url = served.ours_url + truth.story
        footer = [
            p.text_content() for p in tree.xpath("//p") if "first appeared on" in p.text_content()
        ]
        links = [a.get("href") for a in tree.xpath("//p//a")]
        caption = " ".join(tree.xpath("//figcaption//text()"))
        kept = {
            "pixel": bool(tree.xpath('//img[@id="republication-tracker-tool-source"]')),
            "canonical": tree.xpath('//link[@rel="canonical"]/@href') == [story_url],
            "credit": any("The Valley Ledger" in line for line in footer),
            "link": story_url in links,
            "images": f"Photo by {story.photographer} for The Valley Ledger" in caption,
        }
        for problem, present in kept.items():
            assert present is (problem not in truth.problems), (path, problem)
        # An edited copy's paragraphs are not the story's first paragraphs as they were.
        copied = _paragraphs(body)
        original = _paragraphs(get(story_url)[2])
        assert (copied == original[: len(copied)]) is ("edits" not in truth.problems), path


def test_copies_hold_at_least_half_their_story(web: GeneratedWeb) -> None:
    for path, truth in web.truth.items():
        story = web.stories[truth.story]
        site = web.partners[web.partner_of[path]]
        text = page_text(site.routes[path].body)
        assert len(words(text)) >= len(words(" ".join(story.paragraphs))) / 2, path


def _shared_share(page: list[str], story: list[str], n: int = 10) -> float:
    """The share of the page's words inside runs of `n` words that the story holds too."""
    runs = {tuple(story[i : i + n]) for i in range(len(story) - n + 1)}
    covered = set()
    for i in range(len(page) - n + 1):
        if tuple(page[i : i + n]) in runs:
            covered.update(range(i, i + n))
    return len(covered) / max(len(page), 1)


def test_unrelated_pages_share_topics_not_text(web: GeneratedWeb) -> None:
    stories = [words(" ".join(s.paragraphs)) for s in web.stories.values()]
    vocabulary = set().union(*stories)
    quoting = 0
    for path in web.unrelated:
        site = web.partners[web.partner_of[path]]
        page = words(page_text(site.routes[path].body))
        # Same-topic pages share stock phrases ("asked the county office of education to
        # review"), and a quoting page one sentence more: far below the discovery threshold
        # (10%) and below a tenth of what the least complete copy shares.
        assert max(_shared_share(page, story) for story in stories) < 0.1, path
        assert len(set(page) & vocabulary) > 40, path  # same topics, same words
        quoting += web.kinds[path] == "quoting"
    assert quoting
    for path, truth in web.truth.items():  # and a copy is mostly its story
        site = web.partners[web.partner_of[path]]
        page = words(page_text(site.routes[path].body))
        assert _shared_share(page, words(" ".join(web.stories[truth.story].paragraphs))) > 0.8


def test_robots_as_served(served: Served, web: GeneratedWeb) -> None:
    for k, url in enumerate(served.partner_urls):
        status, headers, body = get(url + "/robots.txt")
        assert status == 200 and headers["Content-Type"].startswith("text/plain")
        text = body.decode()
        star = text.split("User-agent: *", 1)[1]
        assert "Disallow: /private/" in star
        assert f"Crawl-delay: {web.partners[k].crawl_delay:g}" in star
        assert f"Sitemap: {url}/sitemap_index.xml" in text
    assert disallowed("/private/drafts/x/") and disallowed("/2026/01/a/?replytocom=3")
    assert disallowed("/wp-admin/") and not disallowed("/wp-admin/admin-ajax.php")
    assert not disallowed("/2026/01/private/") and not disallowed("/")


def _sitemap_urls(url: str) -> list[str]:
    status, _, body = get(url)
    assert status == 200
    data = gzip.decompress(body) if url.endswith(".gz") else body
    return [
        str(loc) for loc in etree.fromstring(data).xpath("//s:loc/text()", namespaces=SITEMAP_NS)
    ]


def _api_links(base: str, per_page: int) -> list[str]:
    links: list[str] = []
    number = 1
    while True:
        status, headers, body = get(f"{base}/wp-json/wp/v2/posts?per_page={per_page}&page={number}")
        if status == 400:
            assert json.loads(body)["code"] == "rest_post_invalid_page_number"
            return links
        assert status == 200
        links += [post["link"] for post in json.loads(body)]
        assert int(headers["X-WP-TotalPages"]) >= number
        number += 1


def test_every_article_is_discoverable_and_drafts_are_listed(
    served: Served, web: GeneratedWeb
) -> None:
    for k, base in enumerate(served.partner_urls):
        index = _sitemap_urls(base + "/sitemap_index.xml")
        assert any(u.endswith(".xml.gz") for u in index)
        assert any(disallowed(u.removeprefix(base)) for u in index)  # a sitemap robots forbids
        listed = set()
        for sitemap in index:
            listed.update(_sitemap_urls(sitemap))
        _, _, feed = get(base + ("/feed.atom" if k % 2 else "/feed/"))
        in_feed = set(re.findall(rb"<link>([^<]+)</link>|href=\"([^\"]+)\"", feed))
        feed_urls = {(a or b).decode() for a, b in in_feed}
        api = set(_api_links(base, 7))
        redirects = web.partners[k].redirects
        reachable = {u.removeprefix(base) for u in listed | feed_urls | api}
        reachable |= {redirects[p] for p in reachable if p in redirects}
        assert set(web.articles(k)) <= reachable
        assert any(disallowed(p) for p in {u.removeprefix(base) for u in listed})
        assert any(disallowed(p) for p in {u.removeprefix(base) for u in feed_urls})
        only_api = [p for p in web.articles(k) if web.channels[p] == {"wp-api"}]
        assert only_api and all(base + p in api and base + p not in listed for p in only_api)


def test_wp_api_pagination(served: Served, web: GeneratedWeb) -> None:
    base = served.partner_urls[0]
    posts = web.partners[0].posts
    status, headers, _body = get(base + "/wp-json/wp/v2/posts?per_page=10&page=1")
    assert status == 200
    assert headers["X-WP-Total"] == str(len(posts))
    assert headers["X-WP-TotalPages"] == str(-(-len(posts) // 10))
    assert 'rel="next"' in headers["Link"]
    every = _api_links(base, 10)
    assert len(every) == len(set(every)) == len(posts)
    assert get(base + "/wp-json/wp/v2/posts?per_page=101")[0] == 400


def test_odd_pages(served: Served, web: GeneratedWeb) -> None:
    base = served.partner_urls[1]
    site = web.partners[1]
    for old, final in site.redirects.items():
        status, headers, _ = get(base + old)
        assert status in (301, 302)
        assert headers["Location"].removeprefix(base) == final
    assert get(base + "/loop-a/")[1]["Location"] == base + "/loop-b/"
    assert get(base + "/loop-b/")[1]["Location"] == base + "/loop-a/"
    assert get(base + "/2025/12/removed-story/")[0] == 404
    assert get(base + "/broken-page/")[0] == 500
    assert get(base + "/no-such-page/")[0] == 404
    with pytest.raises((TimeoutError, socket.timeout, urllib.error.URLError)):
        urllib.request.urlopen(base + "/slow-page/", timeout=0.5)


def test_conditional_requests_get_304(served: Served, web: GeneratedWeb) -> None:
    path = web.articles(0)[0]
    url = served.partner_urls[0] + path
    status, headers, body = get(url)
    assert status == 200 and body
    again = get(url, {"If-None-Match": headers["ETag"]})
    assert again[0] == 304 and again[2] == b""
    assert get(url, {"If-None-Match": '"stale"'})[0] == 200


def test_log_counts_requests_and_disallowed_hits(served: Served, web: GeneratedWeb) -> None:
    served.reset()
    base = served.partner_urls[0]
    draft = web.partners[0].drafts[0]
    assert get(base + draft)[0] == 200
    get(base + web.articles(0)[0])
    get(base + web.articles(0)[0] + "?replytocom=4")
    assert served.hits(web.articles(0)[0]) == 1
    hits = served.disallowed_hits()
    assert [h.path for h in hits] == [draft, web.articles(0)[0] + "?replytocom=4"]
    log = served.request_log()
    host = base.removeprefix("http://")
    assert all(h == host for _, h, _ in log)
    assert [t for t, _, _ in log] == sorted(t for t, _, _ in log)
