from __future__ import annotations

from pathlib import Path

import pytest
from checkrun import findings_of, run
from pages import BODY, CREDIT, SOURCE_URL, write_case


def link_para(href: str, text: str = "Bloomberg") -> str:
    return f'<p>The original article can be found at the following link: <a href="{href}">{text}</a>.</p>'


@pytest.mark.parametrize(
    "href",
    [
        SOURCE_URL,
        SOURCE_URL.replace("https://www.", "http://") + "/",
        SOURCE_URL + "?utm_source=newsletter&utm_medium=email#top",
    ],
)
def test_quiet_when_the_body_links_the_original(tmp_path: Path, href: str) -> None:
    article, source = write_case(tmp_path, BODY + CREDIT + link_para(href))
    result = run(article, source)
    assert findings_of(result, "original-link") == []
    assert [link.url for link in result.original_links] == [href]


def test_fires_when_the_name_is_plain_text(tmp_path: Path) -> None:
    plain = "<p>The original article can be found at the following link: Bloomberg.</p>"
    article, source = write_case(tmp_path, BODY + CREDIT + plain)
    (finding,) = findings_of(run(article, source), "original-link")
    assert "plain text" in finding.message
    assert "following link: Bloomberg" in finding.evidence


def test_fires_on_the_home_page(tmp_path: Path) -> None:
    article, source = write_case(tmp_path, BODY + CREDIT + link_para("https://www.bloomberg.com/"))
    (finding,) = findings_of(run(article, source), "original-link")
    assert "home page" in finding.message


def test_fires_on_a_lookalike_host(tmp_path: Path) -> None:
    fake = SOURCE_URL.replace("www.bloomberg.com", "bloomberg.com.example.net")
    article, source = write_case(tmp_path, BODY + CREDIT + link_para(fake))
    (finding,) = findings_of(run(article, source), "original-link")
    assert "bloomberg.com.example.net" in finding.message
    assert "looks like" in finding.message


def test_fires_when_there_is_no_link(tmp_path: Path) -> None:
    article, source = write_case(tmp_path, BODY + CREDIT)
    (finding,) = findings_of(run(article, source), "original-link")
    assert SOURCE_URL in finding.message


def test_a_link_outside_the_body_does_not_count(tmp_path: Path) -> None:
    # The site's navigation links bloomberg.com; only the article body counts.
    article, source = write_case(
        tmp_path,
        BODY + CREDIT,
        after=f'<aside class="related"><a href="{SOURCE_URL}">Bloomberg</a></aside>',
    )
    assert len(findings_of(run(article, source), "original-link")) == 1


def test_without_a_source_url_the_publisher_domain_counts(tmp_path: Path) -> None:
    article, _ = write_case(tmp_path, BODY + CREDIT + link_para("https://www.bloomberg.com/news/x"))
    assert findings_of(run(article, publisher="Bloomberg"), "original-link") == []


def test_source_url_from_the_command_line_wins(tmp_path: Path) -> None:
    article, source = write_case(tmp_path, BODY + CREDIT + link_para(SOURCE_URL))
    other = "https://www.bloomberg.com/news/articles/2025-04-05/another-story"
    (finding,) = findings_of(run(article, source, source_url=other), "original-link")
    assert "another of the publisher's pages" in finding.message
