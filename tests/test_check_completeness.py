"""`completeness`: the whole story, or an extract in the allowed form; notices that must stay.

The source story below has five paragraphs of 10, 12, 8, 10 and 10 words (50 in all, counted
by hand), so each share in these tests is a sum of those numbers over 50.
"""

from __future__ import annotations

from typing import Any

import pytest

import checker
from checker.checks import KINDS, Hit, Source
from checker.document import Document
from checker.findings import Severity

ORIGINAL = "https://theconversation.com/the-river-flooded-again-240001"
P1 = "The river flooded the old mill town on Tuesday night."  # 10 words
P2 = "Water rose four feet in two hours, residents said, and kept rising."  # 12
P3 = "Emergency crews rescued thirty people from their roofs."  # 8
P4 = "The mayor asked the state for help with the cleanup."  # 10
P5 = "Forecasters expect more rain across the valley later this week."  # 10
STORY = (P1, P2, P3, P4, P5)
# A note at the story's edge, which is not part of the story.
LICENCE = "This article is republished under a Creative Commons license."


def html(*paragraphs: str, head: str = "") -> str:
    """A page with one paragraph per line, the first on line 2."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head>{head}</head><body><article><h1>The River Flooded Again</h1>\n{body}\n"
        "</article></body></html>\n"
    )


def doc(*paragraphs: str, head: str = "") -> Document:
    return checker.load_document(html(*paragraphs, head=head), kind="html")


def source_of(*paragraphs: str, head: str = "") -> Source:
    return Source(document=doc(*paragraphs, head=head), url=ORIGINAL, url_from="command line")


SOURCE = source_of(*STORY, LICENCE)
READ_MORE = f'Read the full article on <a href="{ORIGINAL}">The Conversation</a>.'


def hits(article: Document, source: Source = SOURCE, **params: Any) -> list[Hit]:
    kind = KINDS["completeness"]
    return list(kind.run(article, source, {**kind.defaults, **params}))


def test_quiet_for_the_whole_story_without_the_sources_notes() -> None:
    assert hits(doc(*STORY)) == []


def test_style_and_paragraphing_are_not_changes() -> None:
    restyled = (
        P1.upper(),
        P2.replace("four", "4") + " " + P3.replace("thirty", "30"),  # two paragraphs in one
        P4.replace("the state", "the State"),
        P5,
    )
    assert hits(doc(*restyled)) == []


@pytest.mark.parametrize(
    ("dropped", "share"),
    [((P3,), 42 / 50), ((P2,), 38 / 50), ((P1, P5), 30 / 50)],
)
def test_fires_below_the_default_share_with_counts_share_and_the_first_missing(
    dropped: tuple[str, ...], share: float
) -> None:
    kept = [p for p in STORY if p not in dropped]
    (hit,) = hits(doc(*kept))
    assert hit.detail == (
        f"{len(dropped)} of the original's 5 paragraphs are not in the article "
        f"({round(share * 100)}% of its words are)"
    )
    assert hit.values == {"share": f"{share:.2f}"}
    assert hit.evidence == dropped[0]
    # A finding about the whole article sits at its last block: line 1 + len(kept).
    assert (hit.line, hit.column) == (1 + len(kept), 1)


def test_min_share_is_inclusive() -> None:
    without_p1 = doc(P2, P3, P4, P5)  # 40 of 50 words
    assert hits(without_p1, min_share=0.8) == []
    assert len(hits(without_p1, min_share=0.81)) == 1


def test_a_rewritten_paragraph_is_missing() -> None:
    rewritten = "Rescuers took some thirty residents off rooftops by boat."
    (hit,) = hits(doc(P1, P2, rewritten, P4, P5))
    assert hit.detail.startswith("1 of the original's 5 paragraphs are not in the article (84%")


def test_an_empty_article_has_none_of_the_story() -> None:
    empty = Document("empty.html", "html", "", ())
    (hit,) = hits(empty)
    assert (
        hit.detail
        == "5 of the original's 5 paragraphs are not in the article (0% of its words are)"
    )
    assert (hit.line, hit.column) == (0, 0)


def test_nothing_to_compare_without_a_source_or_with_an_empty_one() -> None:
    assert hits(doc(P1), Source(url=ORIGINAL)) == []
    empty = Source(document=Document("src.html", "html", "", ()), url=ORIGINAL)
    assert hits(doc(P1), empty) == []


def test_min_share_zero_turns_the_share_off() -> None:
    assert hits(doc(P1), min_share=0.0) == []


def test_ignore_leaves_source_paragraphs_out_of_the_story() -> None:
    alert = "Get our weekly flood alerts by text message right now."  # 10 words
    source = source_of(P1, P2, alert, P3, P4, P5)
    (hit,) = hits(doc(*STORY), source)
    assert hit.detail == (
        "1 of the original's 6 paragraphs are not in the article (83% of its words are)"
    )
    assert hits(doc(*STORY), source, ignore=[r"flood\s+alerts"]) == []


def test_the_originals_author_line_is_not_part_of_the_story() -> None:
    line = "Dana Whitfield, University of Leeds"
    author = '<meta name="author" content="Dana Whitfield">'
    # min_share 1: any story paragraph left out fires.
    assert hits(doc(*STORY), source_of(line, *STORY, head=author), min_share=1.0) == []
    (hit,) = hits(doc(*STORY), source_of(line, *STORY), min_share=1.0)
    assert hit.evidence == line


# An extract: the first lines, then "Read the full article" and a link to the original.


def test_an_extract_in_the_allowed_form_is_quiet_when_extracts_are_allowed() -> None:
    extract = doc(P1, P2, READ_MORE)
    assert hits(extract, allow_extract=True) == []
    (hit,) = hits(extract)
    assert hit.detail == (
        "3 of the original's 5 paragraphs are not in the article (44% of its words are)"
    )


PREFIX = "3 of the original's 5 paragraphs are not in the article (44% of its words are), and it"


@pytest.mark.parametrize(
    ("paragraphs", "problem"),
    [
        (
            (P1, P2, f'Source: <a href="{ORIGINAL}">The Conversation</a>.'),
            'an extract must end with "Read the full article" and a link, which is missing',
        ),
        (
            (P1, P2, 'Read the full article on <a href="https://example.org/">our site</a>.'),
            'the extract\'s "Read the full article" line does not link to the original',
        ),
        (
            (P2, P3, READ_MORE),
            "an extract must start with the original's first lines, which are not here",
        ),
    ],
)
def test_an_extract_in_another_form_says_what_is_wrong(
    paragraphs: tuple[str, ...], problem: str
) -> None:
    (hit,) = hits(doc(*paragraphs), allow_extract=True)
    if paragraphs[0] == P2:  # P2 and P3: 20 of 50 words
        assert hit.detail == (
            "3 of the original's 5 paragraphs are not in the article (40% of its words are), "
            f"and it is not an extract in the allowed form: {problem}"
        )
    else:
        assert hit.detail == f"{PREFIX} is not an extract in the allowed form: {problem}"


def test_the_extract_phrase_is_a_parameter() -> None:
    continued = doc(P1, P2, f'Continue reading at <a href="{ORIGINAL}">The Conversation</a>.')
    assert len(hits(continued, allow_extract=True)) == 1
    assert hits(continued, allow_extract=True, extract_phrase=r"\bcontinue\s+reading\b") == []


# Notices that must stay whatever the share (`keep`), as the wire pack asks.

NOTICE = "Reporting by Jane Doe; Editing by John Roe"


def test_a_kept_notice_may_change_punctuation_and_case() -> None:
    source = source_of(*STORY, NOTICE)
    restyled = doc(P1, "reporting by Jane Doe, editing by John Roe.")
    assert hits(restyled, source, keep=[r"^Reporting\s+by\b"], min_share=0.0) == []


def test_a_removed_notice_fires_at_the_articles_last_block() -> None:
    source = source_of(*STORY, NOTICE)
    (hit,) = hits(doc(P1, P2), source, keep=[r"^Reporting\s+by\b"], min_share=0.0)
    assert hit.detail == f'the notice "{NOTICE}" of the original was removed'
    assert hit.evidence == NOTICE
    assert (hit.line, hit.column) == (3, 1)
    # Without `keep` nothing asks for the notice, which is at the story's edge anyway.
    assert hits(doc(P1, P2), source, min_share=0.0) == []


def test_notices_and_share_are_reported_separately() -> None:
    source = source_of(*STORY, NOTICE)
    notice, share = hits(doc(P1, P2, P3, P4), source, keep=[r"Reporting\s+by"])
    assert notice.detail.startswith('the notice "Reporting by')
    assert share.detail.startswith("1 of the original's 5 paragraphs are not in the article (80%")


def test_the_wire_pack_requires_the_copyright_line() -> None:
    copyright_line = "© 2026 Thomson Reuters. All rights reserved."
    article = html(P1, P2)
    result = checker.check_document(
        article, html(*STORY, copyright_line), kind="html", source_kind="html", packs=["wire"]
    )
    found = [(f.rule, f.severity, f.message) for f in result.findings if f.check == "completeness"]
    assert found == [
        (
            "wire/notices-kept",
            Severity.ERROR,
            f'A notice of the wire item was removed: the notice "{copyright_line}" of the '
            "original was removed",
        )
    ]
    kept = checker.check_document(
        html(P1, P2, copyright_line), html(*STORY, copyright_line), kind="html",
        source_kind="html", packs=["wire"],
    )  # fmt: skip
    assert [f for f in kept.findings if f.check == "completeness"] == []


def test_the_propublica_pack_wants_the_story_in_full() -> None:
    result = checker.check_document(
        html(P1, P2, P3, P4), html(*STORY), kind="html", source_kind="html", packs=["propublica"],
        source_url=ORIGINAL,
    )  # fmt: skip
    (finding,) = [f for f in result.findings if f.check == "completeness"]
    assert finding.message == (
        "The story is not republished in full: "
        "1 of the original's 5 paragraphs are not in the article (80% of its words are)"
    )
    assert finding.rule == "propublica/completeness"


def test_the_conversation_pack_allows_the_extract() -> None:
    def completeness(article: str) -> list[str]:
        result = checker.check_document(
            article, html(*STORY, LICENCE), kind="html", source_kind="html",
            packs=["the-conversation"], source_url=ORIGINAL,
        )  # fmt: skip
        return [f.message for f in result.findings if f.check == "completeness"]

    assert completeness(html(P1, P2, READ_MORE)) == []
    assert completeness(html(P1, P2)) == [
        "Neither the full article nor the allowed extract: 3 of the original's 5 paragraphs are "
        "not in the article (44% of its words are), and it is not an extract in the allowed "
        'form: an extract must end with "Read the full article" and a link, which is missing'
    ]
