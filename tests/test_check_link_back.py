"""`link-back`: a body link to the original article or, with `home_page`, the publisher's home.

The Conversation's terms: "include a link back to either our home page or the article URL".
"""

from __future__ import annotations

from typing import Any

import pytest

import checker
from checker.checks import KINDS, Hit, Source
from checker.document import Document
from checker.findings import Location, Severity

ORIGINAL = "https://theconversation.com/why-heat-waves-are-lasting-longer-241876"
NAMED = Source(publisher="The Conversation", url=ORIGINAL, url_from="command line")


def article(*paragraphs: str, after: str = "") -> Document:
    """A page whose body is `paragraphs` (one per line, from line 3) and `after` outside it."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return checker.load_document(
        "<html><body>\n<article><h1>Heat waves are lasting longer</h1>\n"
        f"{body}\n</article>\n{after}</body></html>\n",
        kind="html",
    )


def with_link(href: str) -> Document:
    return article("Heat waves now last longer.", f'Republished from <a href="{href}">here</a>.')


def hits(doc: Document, source: Source = NAMED, **params: Any) -> list[Hit]:
    kind = KINDS["link-back"]
    return list(kind.run(doc, source, {**kind.defaults, **params}))


@pytest.mark.parametrize(
    "href",
    [
        ORIGINAL,
        ORIGINAL.replace("https://", "http://www.") + "/",
        ORIGINAL + "?utm_source=republish&utm_medium=web#comments",
    ],
)
def test_quiet_on_a_link_to_the_article(href: str) -> None:
    assert hits(with_link(href)) == []
    assert hits(with_link(href), home_page=False) == []


@pytest.mark.parametrize(
    "href",
    [
        "https://theconversation.com/",
        "https://theconversation.com",
        "http://www.theconversation.com/",
        "https://theconversation.com/us",
        "https://theconversation.com/uk/",
        "https://theconversation.com/en-gb",
    ],
)
def test_the_home_page_or_an_edition_front_page_counts_when_allowed(href: str) -> None:
    assert hits(with_link(href)) == []


def test_without_home_page_the_home_page_is_named_as_the_wrong_target() -> None:
    (hit,) = hits(with_link("https://theconversation.com/"), home_page=False)
    assert hit.detail == (
        "the link goes to the publisher's home page (https://theconversation.com/), "
        f"not to the original article ({ORIGINAL})"
    )
    # The link's own place: line 4, after the 20 characters of "<p>Republished from ".
    assert (hit.line, hit.column) == (4, 21)
    assert hit.evidence == "here -> https://theconversation.com/"


@pytest.mark.parametrize(
    "href",
    [
        "https://theconversation.com/us/topics/climate-change-27",
        "https://theconversation.com/usa",
        "https://theconversation.com/heat-waves-are-deadlier-than-ever-199001",
    ],
)
def test_another_page_of_the_publisher_is_not_a_link_back(href: str) -> None:
    (hit,) = hits(with_link(href))
    assert hit.detail == (
        f"the link goes to another of the publisher's pages ({href}), "
        f"not to the original article ({ORIGINAL})"
    )


def test_a_lookalike_host_front_page_is_not_the_home_page() -> None:
    (hit,) = hits(with_link("https://theconversation.com.example.net/"))
    assert hit.detail.startswith("the link goes to theconversation.com.example.net, a host that")


def test_a_home_page_link_outside_the_body_does_not_count() -> None:
    nav = '<footer><a href="https://theconversation.com/">The Conversation</a></footer>\n'
    (hit,) = hits(article("Heat waves now last longer.", after=nav))
    assert hit.detail == f"no link in the body goes to the original article ({ORIGINAL})"
    # A finding about the whole article sits at its last block (line 3).
    assert (hit.line, hit.column) == (3, 1)


def test_no_link_at_all() -> None:
    (hit,) = hits(article("Heat waves now last longer.", "From The Conversation."))
    assert hit.detail == f"no link in the body goes to the original article ({ORIGINAL})"


def test_without_a_source_url_the_publisher_domains_decide() -> None:
    unknown = Source()
    (hit,) = hits(with_link("https://theconversation.com/"), unknown)
    assert hit.detail == "neither the source URL nor the publisher is known: give --source-url"
    assert hits(with_link("https://theconversation.com/"), unknown, publisher_domains=[]) != []
    domains = ["theconversation.com"]
    assert hits(with_link("https://theconversation.com/"), unknown, publisher_domains=domains) == []
    (other,) = hits(with_link("https://example.org/"), unknown, publisher_domains=domains)
    assert other.detail == "no link in the body goes to the original article ()"


def test_the_source_pages_canonical_names_the_original() -> None:
    page = checker.load_document(
        f'<html><head><link rel="canonical" href="{ORIGINAL}"></head><body><article>'
        "<h1>Heat waves</h1><p>Heat waves now last longer than they did.</p></article></body></html>",
        kind="html",
    )
    source = Source(document=page, url_from="")
    assert hits(with_link(ORIGINAL), source) == []
    assert hits(with_link("https://theconversation.com/uk"), source) == []
    (hit,) = hits(with_link("https://theconversation.com/uk"), source, home_page=False)
    assert "another of the publisher's pages" in hit.detail


def test_an_article_link_that_does_not_resolve_fires_unless_the_home_page_is_linked() -> None:
    resolved = {ORIGINAL: (False, "HTTP 404")}
    source = Source(publisher="The Conversation", url=ORIGINAL, resolved=resolved)
    (hit,) = hits(with_link(ORIGINAL), source)
    assert hit.detail == "the link to the original does not resolve (HTTP 404)"
    assert hits(with_link(ORIGINAL), source, must_resolve=False) == []
    both = article(
        f'Republished from <a href="{ORIGINAL}">the article</a>.',
        'See <a href="https://theconversation.com/">The Conversation</a>.',
    )
    assert hits(both, source) == []
    assert [h.detail for h in hits(both, source, home_page=False)] == [hit.detail]


def test_the_conversation_pack_reports_it_as_an_error() -> None:
    html = (
        "<html><body><article><h1>Heat waves are lasting longer</h1>\n"
        "<p>Heat waves now last longer.</p>\n"
        '<p>Read more on <a href="https://theconversation.com/us/topics/heat">the site</a>.</p>\n'
        "</article></body></html>"
    )
    result = checker.check_document(
        html, kind="html", packs=["the-conversation"], source_url=ORIGINAL
    )
    (finding,) = [f for f in result.findings if f.check == "link-back"]
    assert finding.rule == "the-conversation/link-back"
    assert finding.severity is Severity.ERROR
    assert finding.message == (
        "No link back to The Conversation: the link goes to another of the publisher's pages "
        f"(https://theconversation.com/us/topics/heat), not to the original article ({ORIGINAL})"
    )
    # Line 3, after the 16 characters of "<p>Read more on ".
    assert finding.location == Location("<article>", 3, 17)
    home = html.replace("/us/topics/heat", "/us")
    again = checker.check_document(
        home, kind="html", packs=["the-conversation"], source_url=ORIGINAL
    )
    assert [f for f in again.findings if f.check == "link-back"] == []


def test_only_links_to_the_article_are_facts_and_urls_to_try() -> None:
    kind = KINDS["link-back"]
    assert kind.facts is not None and kind.urls is not None
    tracked = ORIGINAL + "?utm_source=republish"
    both = article(
        f'Republished from <a href="{tracked}">the article</a>.',
        'See <a href="https://theconversation.com/">The Conversation</a>.',
    )
    params = dict(kind.defaults)
    assert [link.url for link in kind.facts(both, NAMED, params)["original_links"]] == [tracked]
    assert list(kind.urls(both, NAMED, params)) == [tracked]
    home_only = with_link("https://theconversation.com/")
    assert list(kind.facts(home_only, NAMED, params)["original_links"]) == []
    assert list(kind.urls(home_only, NAMED, params)) == []
