"""The overlap engine: passages, offsets, figures and verdicts on hand-built pairs.

Each pair is built so that the right answer is known exactly: copied text comes from the
source, new text uses words the source never contains, so every expected figure below is a
word count, not a tolerance.
"""

from __future__ import annotations

import json
import re
from itertools import pairwise

import pytest
from rapidfuzz.distance import Indel

import checker.overlap
from checker.errors import UsageError
from checker.overlap import VERDICTS, Alignment, Params, Passage, align
from checker.overlap.render import alignment_to_dict, render_text
from checker.overlap.tokens import words

SOURCE_PARAGRAPHS = [
    "Russia and the US will hold a new round of talks in Istanbul on April 10 to discuss the "
    "operation of their embassies, Kremlin spokesman Dmitry Peskov said on Friday.",
    "The Russian Foreign Ministry will lead the delegation, Peskov told reporters, declining to "
    "give details of the agenda for the meeting on Turkish territory.",
    "Kirill Dmitriev, President Vladimir Putin's special envoy, returned this week from two days "
    "of meetings in Washington with Steve Witkoff and Secretary of State Marco Rubio.",
    "Officials on both sides have described the embassy talks as a first step towards restoring "
    "normal diplomatic work after years of expulsions and closed consulates.",
]
SOURCE = "\n\n".join(SOURCE_PARAGRAPHS)
# New text written with words the source never uses, so it can only align by mistake.
NEW_PARAGRAPHS = [
    "Analysts quizzed by our newsroom expect quick progress, yet caution that prior rounds "
    "stalled amid mutual recriminations over visas, property seizures plus banking curbs.",
    "Local commentators add that hotel occupancy near Taksim jumped sharply ahead, hinting "
    "journalists anticipate lengthy sessions.",
]
WORD = re.compile(r"[^\W_]+")
DEFAULTS = Params()


def count(text: str) -> int:
    return len(WORD.findall(text))


def norm_words(text: str) -> list[str]:
    return [w.casefold() for w in WORD.findall(text)]


def test_new_text_really_is_new() -> None:
    # The fixtures' promise: no word of the new text occurs in the source.
    assert not set(norm_words(" ".join(NEW_PARAGRAPHS))) & set(norm_words(SOURCE))


def test_identical_texts_are_one_passage_covering_everything() -> None:
    result = align(SOURCE, SOURCE)
    assert result.containment == 1.0
    assert result.source_coverage == 1.0
    assert result.verdict == "near-copy"
    (passage,) = result.passages
    assert (passage.article_start, passage.article_end) == (0, len(SOURCE) - 1)  # no final "."
    assert (passage.source_start, passage.source_end) == (0, len(SOURCE) - 1)
    assert passage.words == result.article_words == result.longest_passage_words == count(SOURCE)
    assert passage.similarity == 1.0


def test_unrelated_texts_share_nothing() -> None:
    result = align("\n\n".join(NEW_PARAGRAPHS), SOURCE)
    assert result.containment == 0.0
    assert result.source_coverage == 0.0
    assert result.passages == ()
    assert result.longest_passage_words == 0
    assert result.verdict == "independent"


def test_empty_texts() -> None:
    for article, source in (("", SOURCE), (SOURCE, ""), ("", ""), ("...", "—")):
        result = align(article, source)
        assert (result.containment, result.source_coverage, result.passages) == (0.0, 0.0, ())
        assert result.verdict == "independent"


def test_containment_is_the_copied_share_with_new_text_around_it() -> None:
    copied = [SOURCE_PARAGRAPHS[0], SOURCE_PARAGRAPHS[2]]
    article = "\n\n".join([NEW_PARAGRAPHS[0], copied[0], NEW_PARAGRAPHS[1], copied[1]])
    result = align(article, SOURCE)
    copied_words = sum(map(count, copied))
    assert result.containment == copied_words / count(article)
    assert result.source_coverage == copied_words / count(SOURCE)
    assert [article[p.article_start : p.article_end + 1] for p in result.passages] == copied
    assert [SOURCE[p.source_start : p.source_end + 1] for p in result.passages] == copied
    assert result.longest_passage_words == max(map(count, copied))


def test_republisher_edits_keep_the_whole_paragraph_aligned() -> None:
    edited = (
        "The Russian foreign ministry will head the delegation — Peskov told reporters, "
        "declining to give “details” of the agenda for the meeting on Turkish territory"
    )
    result = align(edited, SOURCE)
    (passage,) = result.passages
    # "lead" became "head": one substituted word inside the passage, counted as reused.
    assert result.containment == 1.0
    assert passage.words == count(edited)
    assert passage.similarity == pytest.approx(2 * (count(edited) - 1) / (2 * count(edited)))
    assert edited[passage.article_start : passage.article_end] == edited
    assert SOURCE[passage.source_start : passage.source_end] == SOURCE_PARAGRAPHS[1][:-1]


def test_an_edit_before_the_first_seed_is_inside_the_passage() -> None:
    # Seeds are probed every seed_step words; here the only probes that see the first four
    # copied words also see the edited fifth ("will" -> "shall"), so the passage is seeded
    # after the edit and has to grow backwards across it.
    edited = "Zorblat " + SOURCE_PARAGRAPHS[0].replace(" will ", " shall ", 1)
    assert DEFAULTS.seed_words == DEFAULTS.seed_step == 3  # what the layout above assumes
    (passage,) = align(edited, SOURCE).passages
    assert (passage.article_start, passage.source_start) == (len("Zorblat "), 0)
    assert passage.words == count(edited) - 1


def test_a_trimmed_sentence_is_not_counted_in_the_source() -> None:
    trimmed = SOURCE_PARAGRAPHS[2].replace(" and Secretary of State Marco Rubio", "")
    result = align(trimmed, SOURCE)
    assert result.containment == 1.0
    (passage,) = result.passages
    # The article dropped the last six words: the source side stops where the article does.
    assert passage.words == count(trimmed)
    assert SOURCE[passage.source_start : passage.source_end] == trimmed.rstrip(".")
    assert result.source_coverage == count(trimmed) / count(SOURCE)


def test_reordered_paragraphs_are_each_found() -> None:
    article = "\n\n".join(reversed(SOURCE_PARAGRAPHS))
    result = align(article, SOURCE)
    assert result.containment == 1.0
    assert result.source_coverage == 1.0
    assert len(result.passages) == len(SOURCE_PARAGRAPHS)
    starts = [p.article_start for p in result.passages]
    assert starts == sorted(starts)
    for passage in result.passages:
        assert norm_words(article[passage.article_start : passage.article_end]) == norm_words(
            SOURCE[passage.source_start : passage.source_end]
        )


def test_a_long_rewrite_splits_a_passage_and_is_not_counted() -> None:
    words_of = SOURCE_PARAGRAPHS[0].split()
    rewrite = ["zorblat", "quindle", "frump", "wexil", "tarnow", "plick"]  # 6 > max_gap words
    article = " ".join(words_of[:12] + rewrite + words_of[18:])
    result = align(article, SOURCE)
    assert len(result.passages) == 2
    assert sum(p.words for p in result.passages) == count(article) - len(rewrite)
    with_wider_gaps = align(article, SOURCE, max_gap=6)
    assert len(with_wider_gaps.passages) == 1
    assert with_wider_gaps.containment == 1.0


def test_short_shared_phrases_are_not_passages_unless_asked() -> None:
    article = "Yesterday, Kremlin spokesman Dmitry Peskov said on Friday nothing whatsoever."
    assert align(article, SOURCE).passages == ()  # 7 shared words < min_words
    (passage,) = align(article, SOURCE, min_words=7).passages
    assert article[passage.article_start : passage.article_end] == (
        "Kremlin spokesman Dmitry Peskov said on Friday"
    )


def test_passages_never_overlap_in_the_article() -> None:
    article = SOURCE + "\n\n" + SOURCE_PARAGRAPHS[1] + "\n\n" + SOURCE
    result = align(article, SOURCE)
    assert result.containment == 1.0
    ends = [(p.article_start, p.article_end) for p in result.passages]
    assert all(a_end < b_start for (_, a_end), (b_start, _) in pairwise(ends))
    # The source is covered once however often the article repeats it.
    assert result.source_coverage == 1.0


def test_repetitive_text_aligns_with_itself() -> None:
    text = "the " * 500 + "end"
    result = align(text, text)
    assert result.containment == 1.0
    assert len(result.passages) == 1


def test_a_phrase_repeated_in_the_source_is_aligned_where_it_fits() -> None:
    # Every k-gram of the copied paragraph also occurs earlier in the source, where the
    # source runs out one word too soon; the aligner must try the other occurrence.
    source = " ".join(["aa"] * 9) + "\n\n" + " ".join(["aa"] * 8)
    article = " ".join(["nn"] * 9) + "\n\n" + " ".join(["aa"] * 9)
    result = align(article, source)
    assert result.containment == 9 / 18


def test_a_passage_after_a_rewrite_continues_where_the_last_one_stopped() -> None:
    # The sentence after the rewrite also occurs earlier in the source; the copy that follows
    # the previous passage is the one the article took.
    repeated = "the ministry will publish the full list of delegates next week"
    source = f"{repeated}. Officials in both capitals declined to comment on the talks "
    source += f"until the first session ends in the city. {repeated}."
    article = "Officials in both capitals declined to comment on the talks "
    article += f"zorblat quindle frump wexil tarnow plick {repeated}."
    first, second = align(article, source).passages
    assert source[second.source_start : second.source_end] == repeated
    assert second.source_start > first.source_end


def test_dropped_words_are_a_gap_in_the_source_only() -> None:
    # The article drops "new round of" (3 words): the passage joins across a source-only gap
    # and every article word is matched.
    edited = SOURCE_PARAGRAPHS[0].replace("a new round of talks", "a talks")
    (passage,) = align(edited, SOURCE).passages
    n = count(edited)
    assert passage.words == n
    assert passage.similarity == pytest.approx(2 * n / (n + n + 3))


def test_texts_shorter_than_a_seed_still_align() -> None:
    (passage,) = align("Peskov", "Peskov").passages
    assert (passage.article_start, passage.article_end, passage.words) == (0, 6, 1)
    assert align("Istanbul talks", "Istanbul talks").containment == 1.0


def test_similarity_is_the_indel_similarity_of_the_aligned_words() -> None:
    a = SOURCE_PARAGRAPHS[0].replace("new round", "fresh round").replace("Friday", "Monday")
    (passage,) = align(a, SOURCE).passages
    a_words = norm_words(a[passage.article_start : passage.article_end])
    s_words = norm_words(SOURCE[passage.source_start : passage.source_end])
    assert passage.similarity == pytest.approx(Indel.normalized_similarity(a_words, s_words))
    assert passage.similarity < 1.0


class TestNormalisation:
    def test_case_accents_quotes_and_dashes_do_not_matter(self) -> None:
        source = 'Le café "Zoë" — ouvert en 1999 - reste l\'adresse préférée du quartier latin.'
        article = "LE CAFE “ZOE” – OUVERT EN 1999 — RESTE L’ADRESSE PREFEREE DU QUARTIER LATIN!!"
        result = align(article, source)
        assert result.containment == 1.0
        (passage,) = result.passages
        assert article[passage.article_start : passage.article_end] == article.rstrip("!")
        assert source[passage.source_start : passage.source_end] == source.rstrip(".")

    def test_letters_without_an_ascii_form_take_the_exact_path(self) -> None:
        source = "Die Straße nach Αθήνα führt über İstanbul und endet dort am Meer bei Nacht."
        article = "die STRASSE nach αθηνα fuhrt uber istanbul und endet dort am meer bei nacht"
        result = align(article, source)
        assert result.containment == 1.0
        (passage,) = result.passages
        assert source[passage.source_start : passage.source_end] == source.rstrip(".")

    def test_words_and_offsets(self) -> None:
        text = "  It’s a “test”—of\tsnake_case, x² and ﬁsh…  "
        found = words(text)
        assert found.tokens == [b"it", b"s", b"a", b"test", b"of", b"snake", b"case", b"x2",
                                b"and", b"fish"]  # fmt: skip
        spans = found.spans(range(len(found)))
        assert [text[start:end] for start, end in spans.values()] == [
            "It", "s", "a", "test", "of", "snake", "case", "x²", "and", "ﬁsh",
        ]  # fmt: skip

    def test_both_tokenisers_agree(self) -> None:
        text = "Crème brûlée, naïve façade — “déjà vu” at 10:45, São Paulo’s café."
        fast = words(text)
        exact = words(text + " Ω")  # one Greek letter sends the whole text the exact way
        assert exact.tokens[:-1] == fast.tokens
        indices = range(len(fast))
        assert exact.spans(indices) == fast.spans(indices)

    def test_utf8_route_offsets_match_the_exact_route(self) -> None:
        # Quotes, dashes, ellipses and no-break spaces only: the UTF-8 bytes are folded as they
        # are and byte offsets turned into character offsets.
        text = "\u201cWe\u2019re done\u201d \u2014 said\u00a0Ms\u2009Lee\u2026 ‘twice’ – at 10:45."
        fast = words(text)
        exact = words(text + " Ω")
        assert exact.tokens[:-1] == fast.tokens == [
            b"we", b"re", b"done", b"said", b"ms", b"lee", b"twice", b"at", b"10", b"45",
        ]  # fmt: skip
        indices = range(len(fast))
        assert fast.spans(indices) == exact.spans(indices)

    @pytest.mark.parametrize(
        "text",
        [
            "No\u00a0break\u00a0spaces only, \u00a0 here\u00a0\u00a0and there.",
            "Dashes\u2014only \u201cquotes\u201d\u2026 and\u2009thin\u200aspaces \u2013 here.",
            "\u00a0\u2014both\u00a0kinds\u2019 \u00a0\u201c \u00a0at\u2014the\u00a0edges\u00a0\u2014",
        ],
    )
    def test_each_utf8_shortcut_gives_the_exact_offsets(self, text: str) -> None:
        fast = words(text)
        exact = words(text + " Ω")
        assert exact.tokens[:-1] == fast.tokens
        indices = range(len(fast))
        assert fast.spans(indices) == exact.spans(indices)

    def test_offsets_of_words_asked_out_of_order_and_twice(self) -> None:
        text = "  Alpha,  beta\u2014gamma; delta \u201cepsilon\u201d  "
        found = words(text)
        spans = found.spans([4, 1, 4, 0])
        assert {i: text[start:end] for i, (start, end) in spans.items()} == {
            0: "Alpha", 1: "beta", 4: "epsilon",
        }  # fmt: skip

    def test_offsets_deep_into_a_long_text(self) -> None:
        filler = " ".join(f"w{n}\u2019s" for n in range(20_000))  # 40,000 words, no reuse
        article = filler + "\n\n" + SOURCE_PARAGRAPHS[3]
        result = align(article, SOURCE)
        (passage,) = result.passages
        assert article[passage.article_start : passage.article_end + 1] == SOURCE_PARAGRAPHS[3]

    def test_offsets_across_long_separators(self) -> None:
        text = "x" + " " * 100 + "y" + "\n" * 300 + "z"
        assert words(text).spans([0, 1, 2]) == {0: (0, 1), 1: (101, 102), 2: (402, 403)}

    def test_cp1252_controls_decoded_as_latin1_are_separators(self) -> None:
        assert words("don\x92t stop").tokens == [b"don", b"t", b"stop"]


class TestParams:
    def test_unknown_parameters_are_named(self) -> None:
        with pytest.raises(UsageError, match="min_word"):
            align("a", "b", min_word=3)

    @pytest.mark.parametrize(
        "options",
        [
            {"min_words": 0},
            {"seed_words": 2.5},
            {"max_gap": -1},
            {"seed_step": True},
            {"near_copy": 1.5},
            {"light_revision": "high"},
            {"heavy_revision": 0.6, "light_revision": 0.5},
        ],
    )
    def test_bad_values_are_usage_errors(self, options: dict[str, object]) -> None:
        with pytest.raises(UsageError):
            align("a", "b", **options)

    def test_defaults_are_shared(self) -> None:
        assert Params.from_options({}) is Params.from_options({})


class TestVerdict:
    def test_each_degree(self) -> None:
        whole = "\n\n".join(SOURCE_PARAGRAPHS)
        edited = whole.replace("lead", "head").replace("two days", "three days")
        edited = edited.replace("first step", "big step").replace("normal", "usual")
        edited = edited.replace("new round", "fresh round").replace("special", "personal")
        half = "\n\n".join([SOURCE_PARAGRAPHS[0], *NEW_PARAGRAPHS])
        assert align(whole, SOURCE).verdict == "near-copy"
        assert align(edited, SOURCE).verdict == "light-revision"
        assert align(half, SOURCE).verdict == "heavy-revision"
        assert align(NEW_PARAGRAPHS[0], SOURCE).verdict == "independent"

    def test_thresholds_are_parameters(self) -> None:
        half = "\n\n".join([SOURCE_PARAGRAPHS[0], *NEW_PARAGRAPHS])
        containment = align(half, SOURCE).containment
        assert align(half, SOURCE, heavy_revision=containment + 0.01).verdict == "independent"
        assert align(half, SOURCE, near_copy=containment).verdict == "near-copy"
        assert align(half, SOURCE, light_revision=containment).verdict == "light-revision"

    def test_verdicts_are_the_four_degrees(self) -> None:
        assert VERDICTS == ("near-copy", "light-revision", "heavy-revision", "independent")


class TestOutput:
    def test_contract_dict(self) -> None:
        article = "\n\n".join([NEW_PARAGRAPHS[0], SOURCE_PARAGRAPHS[1]])
        result = align(article, SOURCE)
        data = alignment_to_dict(result)
        assert list(data) == [
            "containment",
            "source_coverage",
            "longest_passage_words",
            "verdict",
            "passages",
        ]
        (passage,) = data["passages"]
        assert list(passage) == ["article", "source", "words", "similarity"]
        first = result.passages[0]
        assert passage["article"] == [first.article_start, first.article_end]
        assert passage["source"] == [first.source_start, first.source_end]
        assert data["containment"] == round(result.containment, 4)
        assert json.loads(json.dumps(data)) == data

    def test_text_report_quotes_both_sides(self) -> None:
        article = "\n\n".join([NEW_PARAGRAPHS[0], SOURCE_PARAGRAPHS[1]])
        result = align(article, SOURCE)
        text = render_text(result, article, SOURCE)
        assert text.splitlines()[:3] == [
            f"verdict: {result.verdict}",
            f"containment: {result.containment:.1%} of the article's {result.article_words}"
            f" words are in 1 passage (longest {result.longest_passage_words} words)",
            f"source coverage: {result.source_coverage:.1%} of the source's"
            f" {result.source_words} words",
        ]
        passage = result.passages[0]
        assert f"  article [{passage.article_start}:{passage.article_end}] The Russian" in text
        assert f"  source  [{passage.source_start}:{passage.source_end}] The Russian" in text
        assert text.endswith("Turkish territory\n")

    def test_long_passages_are_quoted_by_their_ends(self) -> None:
        text = render_text(align(SOURCE, SOURCE), SOURCE, SOURCE)
        assert text.count(" … ") == 2
        assert "Marco Rubio" not in text  # from the middle of the passage
        assert text.count("closed consulates\n") == 2

    def test_quotes_are_cut_between_words(self) -> None:
        text = " ".join(f"w{n:03d}" for n in range(60))  # 5 characters a word: cuts fall inside
        passage = Passage(0, len(text), 0, len(text), 60, 1.0)
        alignment = Alignment(1.0, 1.0, 60, (passage,), "near-copy", 60, 60)
        quotes = [
            line.split("] ", 1)[1]
            for line in render_text(alignment, text, text).splitlines()
            if line.startswith("  ")
        ]
        assert len(quotes) == 2
        for quote in quotes:
            head, tail = quote.split(" … ")
            assert text.startswith(head + " ")
            assert text.endswith(" " + tail)

    def test_records_are_frozen(self) -> None:
        result = align(SOURCE, SOURCE)
        with pytest.raises(AttributeError):
            result.containment = 0.5  # type: ignore[misc]
        with pytest.raises(AttributeError):
            result.passages[0].words = 1  # type: ignore[misc]


def test_public_api() -> None:
    assert sorted(checker.overlap.__all__) == [
        "Alignment",
        "Params",
        "Passage",
        "VERDICTS",
        "align",
    ]
    assert isinstance(align(SOURCE, SOURCE), Alignment)
    assert isinstance(align(SOURCE, SOURCE).passages[0], Passage)
