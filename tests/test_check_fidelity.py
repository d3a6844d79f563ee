from __future__ import annotations

from typing import Any

import pytest

from checker.check_support.edits import is_allowed, key_of, tokenise
from checker.checks import get_check
from checker.checks.base import Hit, Source
from checker.document import Block, Document

SOURCE = (
    "Officials in Portland, Ore., said yesterday that the city would close 12 shelters. "
    "“We have no choice,” the mayor said — adding that the money had run out.",
    "The closures affect 900 people. Advocates said they were alarmed.",
    "The council will vote on Friday, Jan. 7, on an emergency plan.",
)


def doc(*paragraphs: str) -> Document:
    blocks, offset = [], 0
    for number, text in enumerate(paragraphs):
        blocks.append(Block("p", text, offset, 10 + number, 1))
        offset += len(text) + 2
    return Document(path="a.html", kind="html", title="T", blocks=tuple(blocks))


def hits(article: Document, **params: Any) -> list[Hit]:
    kind = get_check("fidelity")
    assert kind is not None
    return list(kind.run(article, Source(document=doc(*SOURCE)), {**kind.defaults, **params}))


def test_time_place_and_style_edits_are_allowed() -> None:
    article = doc(
        'Officials here said last week that the city would close twelve shelters. "We have no '
        'choice," the mayor said -- adding that the money had run out.',
        "The closures affect 900 people. Advocates said they were alarmed.",
        "The council will vote last Friday, January 7, on an emergency plan.",
    )
    assert hits(article) == []


def test_each_changed_or_added_sentence_is_reported_with_a_word_diff() -> None:
    article = doc(
        SOURCE[0],
        "The closures affect 900 people. Advocates said they were deeply alarmed.",
        SOURCE[2] + " Our newsroom thinks this is a mistake.",
    )
    found = hits(article)
    assert [h.values["change"] for h in found] == ["changed", "added"]
    assert found[0].evidence == "Advocates said they were {+deeply+} alarmed."
    assert found[0].line == 11
    assert found[1].evidence == "{+Our newsroom thinks this is a mistake+}."


def test_whole_sentences_cut_are_edits_only_when_the_pack_says_so() -> None:
    article = doc(SOURCE[0], "The closures affect 900 people.", SOURCE[2])
    assert hits(article) == []
    (cut,) = hits(article, cuts_are_edits=True)
    assert cut.values["change"] == "removed"
    assert cut.evidence == "[-Advocates said they were alarmed.-]"


def test_words_cut_inside_a_sentence_are_always_an_edit() -> None:
    article = doc(SOURCE[0], "The closures affect 900 people. Advocates were alarmed.", SOURCE[2])
    (changed,) = hits(article)
    assert "[-said they-]" in changed.evidence


def test_time_and_place_edits_can_be_refused() -> None:
    article = doc(SOURCE[0].replace("yesterday", "last week"), *SOURCE[1:])
    assert hits(article) == []
    assert len(hits(article, allow=[])) == 1


def test_indicate_mode_wants_a_modification_notice() -> None:
    article = doc(SOURCE[0], "The closures affect 900 people.", SOURCE[2])
    (missing,) = hits(article, mode="indicate", cuts_are_edits=True)
    assert "does not say that it was adapted" in missing.detail
    noted = doc(*article_texts(article), "This article was edited for length.")
    assert hits(noted, mode="indicate", cuts_are_edits=True) == []


def article_texts(article: Document) -> list[str]:
    return [block.text for block in article.blocks]


def test_an_unrelated_article_is_not_compared_sentence_by_sentence() -> None:
    (note,) = hits(doc("A different story about the weather entirely, with no shared text."))
    assert note.at_most is not None and "not a republication" in note.detail


def test_findings_are_capped() -> None:
    article = doc(
        *(f"Invented sentence number {n} about nothing at all." for n in range(6)), *SOURCE
    )
    found = hits(article, max_findings=2)
    assert len(found) == 3 and found[-1].detail == "and 4 more edit(s)"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("yesterday", "last week"),
        ("on Friday", "last Friday"),
        ("in Portland", "here"),
        ("Ore.", ""),
    ],
)
def test_allowed_edit_kinds(old: str, new: str) -> None:
    assert is_allowed(tokenise(old), tokenise(new), frozenset(), frozenset(), tokenise("Friday"))


@pytest.mark.parametrize(
    ("old", "new"), [("welcomed", "praised"), ("12", "14"), ("Smith", "Jones")]
)
def test_other_edits_are_not_allowed(old: str, new: str) -> None:
    assert not is_allowed(tokenise(old), tokenise(new), frozenset(), frozenset())


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("nine", "9"),
        ("1,000", "1000"),
        ("U.S.", "US"),
        ("colour", "color"),
        ("organise", "organize"),
        ("%", "percent"),
    ],
)
def test_style_variants_share_a_key(one: str, other: str) -> None:
    assert key_of(one) == key_of(other)
