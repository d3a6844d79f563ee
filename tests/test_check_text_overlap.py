from __future__ import annotations

from pathlib import Path

import pytest
from checkrun import findings_of, run
from pages import BODY, CREDIT, LINK, write_case

from checker import check_document, load_document, load_pack
from checker.checks import KINDS, Source
from checker.findings import Severity

# An article of 80 words of which exactly 32, in one passage, are copied from a source of 70
# words (counted by hand); the other words share no run of three words with the source.
PASSAGE = (
    "Kremlin spokesman Dmitry Peskov said on Friday that Russia and the United States will hold "
    "a new round of talks in Istanbul on April ten to discuss how their two embassies operate"
)  # 32 words
ARTICLE_BEFORE = (
    "Gardeners across the valley report early blossoms on apple trees after a mild winter and "
    "warm spring rain that arrived weeks ahead of schedule."
)  # 24 words
ARTICLE_AFTER = (
    "Local farmers expect a strong harvest this autumn, although prices at markets may fall "
    "again if demand from city shoppers weakens over coming months."
)  # 24 words
SOURCE_BEFORE = (
    "Diplomats from both countries met twice last month behind closed doors, according to "
    "people familiar with those meetings in Washington."
)  # 20 words
SOURCE_AFTER = (
    "The Foreign Ministry will lead the Russian delegation, officials said, declining to give "
    "full details of the agenda."
)  # 18 words
ARTICLE_TEXT = f"{ARTICLE_BEFORE} {PASSAGE}. {ARTICLE_AFTER}"
SOURCE_TEXT = f"{SOURCE_BEFORE} {PASSAGE}. {SOURCE_AFTER}"


def one_paragraph(text: str) -> str:
    return (
        f"<html><body><article><h1>Talks in Istanbul</h1>\n<p>{text}</p>\n</article></body></html>"
    )


def test_containment_and_the_passage_are_what_the_fixture_copies() -> None:
    assert [len(part.split()) for part in (ARTICLE_BEFORE, PASSAGE, ARTICLE_AFTER)] == [24, 32, 24]
    assert [len(part.split()) for part in (SOURCE_BEFORE, PASSAGE, SOURCE_AFTER)] == [20, 32, 18]
    result = check_document(
        one_paragraph(ARTICLE_TEXT), one_paragraph(SOURCE_TEXT), kind="html", source_kind="html",
        packs=["default"], publisher="Bloomberg",
    )  # fmt: skip
    assert result.article_doc is not None and result.source_doc is not None
    assert result.article_doc.body_text == ARTICLE_TEXT
    assert result.source_doc.body_text == SOURCE_TEXT
    overlap = result.overlap
    assert overlap is not None
    assert (overlap.article_words, overlap.source_words) == (80, 70)
    assert overlap.containment == pytest.approx(32 / 80, abs=0.005)
    assert overlap.source_coverage == pytest.approx(32 / 70, abs=0.005)
    assert overlap.longest_passage_words == 32
    (passage,) = overlap.passages
    # The passage starts after "<before> " on both sides and ends before the period.
    start_a, start_s = len(ARTICLE_BEFORE) + 1, len(SOURCE_BEFORE) + 1
    assert (passage.article_start, passage.article_end) == (start_a, start_a + len(PASSAGE))
    assert (passage.source_start, passage.source_end) == (start_s, start_s + len(PASSAGE))
    assert passage.words == 32
    assert passage.similarity == 1.0
    (finding,) = findings_of(result, "text-overlap")
    assert finding.severity is Severity.INFO
    assert finding.message.startswith(
        "Text reuse: 40% of the article's words are in passages aligned with the source "
        "(1 passage, longest 32 words; source coverage 46%; verdict "
    )


def test_limits_from_the_pack_fire_on_either_side_of_the_containment(tmp_path: Path) -> None:
    def reuse(params: str) -> list[str]:
        pack = tmp_path / "limits.yml"
        pack.write_text(
            "name: limits\nrules:\n  - id: reuse\n    check: text-overlap\n    severity: error\n"
            f"    message: 'Too much reuse: {{detail}}'\n    params: {{{params}}}\n",
            encoding="utf-8",
        )
        result = check_document(
            one_paragraph(ARTICLE_TEXT), one_paragraph(SOURCE_TEXT), kind="html",
            source_kind="html", packs=[load_pack(str(pack))], publisher="Bloomberg",
        )  # fmt: skip
        return [f.message for f in findings_of(result, "text-overlap")]

    # 40% of the article is the source's: a limit of 39% is passed, 41% is not.
    (above,) = reuse("max_containment: 0.39")
    assert above.endswith("above the limit of 39%")
    assert reuse("max_containment: 0.41") == []
    (below,) = reuse("min_containment: 0.41")
    assert below.endswith("below the required 41%")
    assert reuse("min_containment: 0.39") == []


def test_limits_from_the_pack_fire(tmp_path: Path) -> None:
    pack = tmp_path / "strict.yml"
    pack.write_text(
        "name: strict\nrules:\n  - id: reuse\n    check: text-overlap\n    severity: error\n"
        "    message: 'Too much reuse: {detail}'\n    params: {max_containment: 0.01}\n",
        encoding="utf-8",
    )
    article, source = write_case(tmp_path, BODY + CREDIT + LINK)
    result = run(article, source, rules=(str(pack),))
    (finding,) = findings_of(result, "text-overlap")
    assert finding.severity is Severity.ERROR
    assert "above the limit of 1%" in finding.message


def test_no_source_no_overlap(tmp_path: Path) -> None:
    article, _ = write_case(tmp_path, BODY + CREDIT + LINK)
    result = run(article, publisher="Bloomberg")
    assert result.overlap is None
    assert findings_of(result, "text-overlap") == []


def test_without_a_source_require_source_fires_at_the_first_block() -> None:
    kind = KINDS["text-overlap"]
    article = load_document(one_paragraph(ARTICLE_TEXT), kind="html")
    params = {**kind.defaults, "require_source": True}
    (hit,) = kind.run(article, Source(publisher="Bloomberg"), params)
    assert (hit.detail, hit.line, hit.column) == (
        "no source text to compare with: give --source",
        2,
        1,
    )
    assert list(kind.run(article, Source(publisher="Bloomberg"), kind.defaults)) == []
