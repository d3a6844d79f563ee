"""`links-kept`: every link of the original story's body is in the republished article.

ProPublica: "you have to link to us and to include all of the links from our story".
"""

from __future__ import annotations

from typing import Any

import pytest

import checker
from checker.checks import KINDS, Hit, Source
from checker.document import Document
from checker.findings import Location, Severity

ORIGINAL = "https://www.propublica.org/article/water-shutoffs-detroit"
REPORT = "https://www.documentcloud.org/documents/2461-shutoff-plan"
AUDIT = "https://detroitmi.gov/departments/water/audit-2024"
SIGNUP = "https://go.propublica.org/newsletter"

SOURCE_HTML = f"""<html><head><link rel="canonical" href="{ORIGINAL}"></head><body><article>
<h1>Detroit Cut Off Water to Thousands of Homes</h1>
<p>Records <a href="{REPORT}">show the shutoff plan</a> was drawn up in secret.</p>
<p>A city <a href="{AUDIT}">audit found errors</a> in one bill of every five.</p>
<p>Residents <a href="/article/earlier-shutoffs">had warned of it</a> two years ago.</p>
<p>Write to <a href="mailto:tips@propublica.org">our tips line</a> or read
<a href="{ORIGINAL}">this story</a> online. <a href="{SIGNUP}">Sign up</a> today.</p>
</article></body></html>
"""


def page(body: str, after: str = "") -> Document:
    """An article page whose body starts on line 2 with `body`; `after` is outside the body."""
    return checker.load_document(
        f"<html><body><article><h1>Detroit Cut Off Water</h1>\n{body}\n</article>\n{after}"
        "</body></html>\n",
        kind="html",
    )


SOURCE = Source(
    document=checker.load_document(SOURCE_HTML, kind="html"), url=ORIGINAL, url_from="command line"
)
EARLIER = "https://www.propublica.org/article/earlier-shutoffs"
ALL_KEPT = f"""<p>Records <a href="{REPORT}">show the shutoff plan</a> was drawn up.</p>
<p>A city <a href="{AUDIT}">audit found errors</a> in bills.</p>
<p>Residents <a href="{EARLIER}">had warned of it</a> before.</p>"""
SIGN_UP = f'\n<p><a href="{SIGNUP}">Sign up</a> for the newsletter.</p>'
ALL_KEPT += SIGN_UP


def hits(article: Document, source: Source = SOURCE, **params: Any) -> list[Hit]:
    kind = KINDS["links-kept"]
    return list(kind.run(article, source, {**kind.defaults, **params}))


def test_quiet_when_every_link_is_kept() -> None:
    # The source's link to itself and its mailto: are not required; the other four are.
    assert hits(page(ALL_KEPT)) == []


@pytest.mark.parametrize(
    ("kept", "as_written"),
    [
        (REPORT, REPORT.replace("https://www.", "http://")),
        (REPORT, REPORT + "/"),
        (REPORT, REPORT + "?utm_source=propublica&utm_medium=referral&fbclid=abc"),
        (REPORT, REPORT + "#page=3"),
        (AUDIT, AUDIT.replace("https://", "https://www.").replace("2024", "2024/index.html")),
    ],
)
def test_links_that_differ_only_by_scheme_www_slash_or_tracking_are_kept(
    kept: str, as_written: str
) -> None:
    assert hits(page(ALL_KEPT.replace(f'"{kept}"', f'"{as_written}"'))) == []


def test_a_link_to_another_page_is_not_the_same_link() -> None:
    other = REPORT + "?page=2"  # a real query parameter, not a tracking one
    (hit,) = hits(page(ALL_KEPT.replace(f'"{REPORT}"', f'"{other}"')))
    assert hit.detail == f'the link "show the shutoff plan" now goes to {other}, not to {REPORT}'
    assert hit.values == {"url": REPORT}


def test_words_kept_without_their_link() -> None:
    body = ALL_KEPT.replace(f'<a href="{AUDIT}">audit found errors</a>', "audit found errors")
    (hit,) = hits(page(body))
    assert hit.detail == f'the words "audit found errors" no longer link to {AUDIT}'
    # The block that holds the words: the article's second paragraph, line 3.
    assert (hit.line, hit.column) == (3, 1)
    assert hit.evidence == f"audit found errors -> {AUDIT}"


def test_words_kept_across_a_line_break_and_in_another_case() -> None:
    body = ALL_KEPT.replace(f'<a href="{AUDIT}">audit found errors</a>', "Audit\n  found ERRORS")
    (hit,) = hits(page(body))
    assert hit.detail.startswith('the words "audit found errors" no longer link to')


def test_a_link_left_out_with_its_words() -> None:
    body = ALL_KEPT.replace(
        f'<p>A city <a href="{AUDIT}">audit found errors</a> in bills.</p>', "<p>Bills.</p>"
    )
    (hit,) = hits(page(body))
    assert hit.detail == f'the link "audit found errors" ({AUDIT}) was left out'
    # Nowhere in particular: the article's first block, line 2.
    assert (hit.line, hit.column) == (2, 1)


# The source page without a URL of its own: its relative link stays relative in the Document.
UNPLACED = Source(
    document=checker.load_document(
        SOURCE_HTML.replace(f'<link rel="canonical" href="{ORIGINAL}">', ""), kind="html"
    ),
    url=ORIGINAL,
    url_from="command line",
)


def test_relative_links_of_the_source_resolve_against_its_url() -> None:
    assert UNPLACED.document is not None
    # A source page with no address of its own: the loader leaves the link unresolved (its
    # canonical is gone here); the check resolves it against the source's URL.
    (earlier,) = [k for k in UNPLACED.document.links if k.href == "/article/earlier-shutoffs"]
    assert earlier.url == ""
    kept = ALL_KEPT.replace(f'"{EARLIER}"', '"https://propublica.org/article/earlier-shutoffs/"')
    assert hits(page(kept), UNPLACED) == []
    dropped = ALL_KEPT.replace(f'<a href="{EARLIER}">had warned of it</a>', "had warned of it")
    (hit,) = hits(page(dropped), UNPLACED)
    assert hit.evidence == "had warned of it -> https://propublica.org/article/earlier-shutoffs"


def test_a_relative_link_is_named_by_its_absolute_url() -> None:
    dropped = ALL_KEPT.replace(f'<a href="{EARLIER}">had warned of it</a>', "had warned of it")
    (hit,) = hits(page(dropped), UNPLACED)
    assert hit.detail == f'the words "had warned of it" no longer link to {EARLIER}'


def test_ignore_patterns_leave_links_out() -> None:
    ignore = [r"^https?://go\.propublica\.org/", "detroitmi"]
    missing = hits(page("<p>Nothing kept.</p>"), ignore=ignore)
    assert [h.values["url"] for h in missing] == [REPORT, EARLIER]


def test_the_sign_up_link_is_required_unless_ignored() -> None:
    without = page(ALL_KEPT.replace(SIGN_UP, ""))
    (hit,) = hits(without)
    assert hit.detail == f'the link "Sign up" ({SIGNUP}) was left out'
    assert hits(without, ignore=[r"go\.propublica"]) == []


def test_each_link_once_and_at_most_max_findings() -> None:
    doubled = SOURCE_HTML.replace(
        "</article>", f'<p>Again, <a href="{REPORT}?utm_campaign=x">the plan</a>.</p></article>'
    )
    source = Source(
        document=checker.load_document(doubled, kind="html"), url=ORIGINAL, url_from="command line"
    )
    article = page("<p>Nothing kept.</p>")
    # REPORT (twice), AUDIT, the earlier story and the sign-up: four links to keep.
    assert len(hits(article, source)) == 4
    first, second, rest = hits(article, source, max_findings=2)
    assert [first.values["url"], second.values["url"]] == [REPORT, AUDIT]
    assert rest.detail == "and 2 more links of the original"
    assert rest.values == {}


def test_links_outside_the_sources_body_are_not_required() -> None:
    chrome = SOURCE_HTML.replace(
        "<body>", '<body><nav><a href="https://www.propublica.org/series/water">Series</a></nav>'
    )
    source = Source(
        document=checker.load_document(chrome, kind="html"), url=ORIGINAL, url_from="command line"
    )
    assert hits(page(ALL_KEPT), source) == []


def test_nothing_is_required_without_a_source_document() -> None:
    assert hits(page("<p>Nothing kept.</p>"), Source(url=ORIGINAL)) == []


def test_a_source_without_links_requires_none() -> None:
    plain = checker.load_document("<p>No links here at all.</p>", kind="html")
    assert hits(page("<p>Nothing.</p>"), Source(document=plain, url=ORIGINAL)) == []


@pytest.mark.xfail(
    strict=True,
    reason="a link kept only outside the article body (a site footer) counts as kept",
)
def test_a_link_kept_only_outside_the_body_is_not_kept() -> None:
    body = ALL_KEPT.replace(f'<a href="{AUDIT}">audit found errors</a>', "audit found errors")
    footer = f'<footer><a href="{AUDIT}">City audit</a></footer>\n'
    assert [h.values["url"] for h in hits(page(body, after=footer))] == [AUDIT]


def test_the_propublica_pack_reports_each_missing_link_as_an_error() -> None:
    article = (
        "<html><body><article><h1>Detroit Cut Off Water</h1>\n"
        "<p>Records show the shutoff plan was drawn up.</p>\n"
        f'<p>A city <a href="{AUDIT}">audit found errors</a>.</p>\n'
        f'<p>Residents <a href="{EARLIER}">had warned of it</a>. <a href="{ORIGINAL}">Source</a>'
        "</p>\n</article></body></html>"
    )
    result = checker.check_document(
        article, SOURCE_HTML, kind="html", source_kind="html", packs=["propublica"],
        source_url=ORIGINAL,
    )  # fmt: skip
    assert [
        (f.rule, f.severity, f.message, f.location)
        for f in result.findings
        if f.check == "links-kept"
    ] == [
        (
            "propublica/links-kept",
            Severity.ERROR,
            "A link of the ProPublica story is missing: "
            f'the words "show the shutoff plan" no longer link to {REPORT}',
            Location("<article>", 2, 1),
        )
    ]
