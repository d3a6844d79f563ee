"""`headline`: the article keeps the original's headline (style, time and place edits aside)."""

from __future__ import annotations

import pytest

import checker
from checker.checks import KINDS, Hit, Source
from checker.document import Document
from checker.findings import Location, Severity

ORIGINAL = "https://theconversation.com/prices-rise-5-241001"


def page(h1: str, head: str = "") -> Document:
    """A page whose headline is `h1` (none when empty) and whose one paragraph is on line 2."""
    heading = f"<h1>{h1}</h1>" if h1 else ""
    return checker.load_document(
        f"<html><head>{head}</head><body><article>{heading}\n"
        "<p>The body of the story, the same on both sides.</p>\n</article></body></html>\n",
        kind="html",
    )


def hits(article: Document, original: Document | None) -> list[Hit]:
    return list(KINDS["headline"].run(article, Source(document=original, url=ORIGINAL), {}))


def test_quiet_for_the_same_headline() -> None:
    assert hits(page("Prices Rise 5% in April"), page("Prices Rise 5% in April")) == []


@pytest.mark.parametrize(
    ("original", "republished"),
    [
        ("Prices Rise 5% in April", "prices rise 5% in april"),  # letter case
        ("Prices rise 5 per cent", "Prices rise 5%"),
        ("Nine dead in ‘historic’ storm", "9 Dead in 'Historic' Storm"),  # numbers, quotes
        ("A make-or-break vote", "A make–or—break vote"),  # dashes
        ("Council sets 1,000 new homes", "Council sets 1000 new homes"),
        ("Defence budget rises", "Defense budget rises"),  # spelling
        ("Storm hit yesterday", "Storm hit last week"),  # a time edit
        ("Schools close in Portland, Ore.", "Schools close here"),  # a place edit
    ],
)
def test_style_time_and_place_edits_are_not_changes(original: str, republished: str) -> None:
    assert hits(page(republished), page(original)) == []


def test_a_changed_headline_fires_with_both_headlines_and_a_word_diff() -> None:
    (hit,) = hits(page("Prices Soar 7% in April"), page("Prices Rise 5% in April"))
    assert hit.detail == (
        'the headline reads "Prices Soar 7% in April"; the original is "Prices Rise 5% in April"'
    )
    assert hit.evidence == "Prices [-Rise 5-] {+Soar 7+} % in April"
    assert hit.values == {
        "headline": "Prices Soar 7% in April",
        "original_headline": "Prices Rise 5% in April",
    }
    # The finding is about the whole article: at its first block, line 2.
    assert (hit.line, hit.column) == (2, 1)


def test_added_and_removed_words_are_changes() -> None:
    (added,) = hits(page("Prices rise again"), page("Prices rise"))
    assert added.evidence == "Prices rise {+again+}"
    (removed,) = hits(page("Prices rise"), page("Prices rise sharply"))
    assert removed.evidence == "Prices rise [-sharply-]"


def test_place_names_put_in_for_here_are_a_change() -> None:
    # "Portland" -> "here" is an allowed edit; the other way adds a place the original lacks.
    (hit,) = hits(page("Schools close in Portland"), page("Schools close here"))
    assert hit.evidence == "Schools close [-here-] {+in Portland+}"


def test_a_site_suffix_on_the_title_is_not_part_of_the_headline() -> None:
    meta = (
        '<meta property="og:title" content="Prices Rise 5% in April | The Conversation">'
        '<meta property="og:site_name" content="The Conversation">'
    )
    assert hits(page("Prices Rise 5% in April"), page("", head=meta)) == []
    titled = page("", head="<title>Prices Rise 5% in April - Bloomberg</title>")
    assert hits(page("Prices Rise 5% in April"), titled) == []
    (hit,) = hits(page("Prices Rise 7% in April"), titled)
    assert hit.values["original_headline"] == "Prices Rise 5% in April"


def test_a_dash_clause_of_an_h1_is_kept_when_the_site_is_known() -> None:
    site = '<meta property="og:site_name" content="Reuters">'
    (hit,) = hits(
        page("Fed raises rates - markets rally", head=site),
        page("Fed raises rates - markets fall", head=site),
    )
    assert hit.values["original_headline"] == "Fed raises rates - markets fall"


def test_an_h1_that_names_the_site_loses_that_suffix() -> None:
    site = '<meta property="og:site_name" content="The Conversation">'
    named = page("Prices Rise 5% in April | The Conversation", head=site)
    assert hits(named, page("Prices Rise 5% in April")) == []
    (hit,) = hits(named, page("Prices Rise 7% in April"))
    assert hit.values["headline"] == "Prices Rise 5% in April"


def test_a_dash_clause_of_an_h1_is_kept_when_the_site_is_unknown() -> None:
    found = hits(page("Fed raises rates - markets rally"), page("Fed raises rates - markets fall"))
    assert [hit.values["original_headline"] for hit in found] == ["Fed raises rates - markets fall"]


def test_a_dash_clause_written_with_another_dash_is_not_a_change() -> None:
    assert hits(page("Storm -- and its aftermath"), page("Storm — and its aftermath")) == []


def test_a_time_edit_that_needs_its_context_is_not_a_change() -> None:
    assert hits(page("Talks resume last Friday"), page("Talks resume on Friday")) == []


def test_nothing_to_compare_without_a_source_or_a_headline() -> None:
    assert hits(page("Prices Rise 5% in April"), None) == []
    assert hits(page(""), page("Prices Rise 5% in April")) == []
    assert hits(page("Prices Rise 5% in April"), page("")) == []


def test_a_markdown_article_has_its_first_heading_as_headline() -> None:
    article = checker.load_document(
        "# Prices Soar in April\n\nThe body of the story.\n", kind="markdown"
    )
    (hit,) = hits(article, page("Prices Rise in April"))
    assert hit.values["headline"] == "Prices Soar in April"


@pytest.mark.parametrize(
    ("pack", "severity"), [("the-conversation", Severity.WARNING), ("propublica", Severity.INFO)]
)
def test_the_packs_report_a_changed_headline(pack: str, severity: Severity) -> None:
    def html(h1: str) -> str:
        return f"<html><body><article><h1>{h1}</h1>\n<p>Body words.</p>\n</article></body></html>"

    result = checker.check_document(
        html("Prices Soar"), html("Prices Rise"), kind="html", source_kind="html",
        packs=[pack], source_url=ORIGINAL,
    )  # fmt: skip
    assert [(f.rule, f.severity, f.message, f.location) for f in result.findings
            if f.check == "headline"] == [(
        f"{pack}/headline", severity,
        'Headline changed: the headline reads "Prices Soar"; the original is "Prices Rise"',
        Location("<article>", 2, 1),
    )]  # fmt: skip
