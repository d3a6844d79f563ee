"""The literal prefilter before the credit-phrase regex never hides a match (issue 14).

`_has_phrase` skips the regex when the lower-cased text holds none of CREDIT_LITERALS; these
tests hold it to the regex itself: one phrase for every alternative of CREDIT_PHRASES, any
case, and random texts made of the phrases' words, other words and the characters that
case-insensitive matching treats specially.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.credit_vocabulary import _CASE_TRAPS, CREDIT_PHRASES, _has_phrase

# One example of each alternative of CREDIT_PHRASES, in its order.
EXAMPLES = [
    "This story was originally published by ProPublica.",
    "First appeared in Grist.",
    "Republished with permission of the author.",
    "Published under a Creative Commons licence.",
    "This article was first produced for the BBC.",
    "The piece has been written for Wired.",
    "Based on materials from Reuters.",
    "Based on a report by AP.",
    "Reprinted from The Atlantic.",
    "Posted from the field.",
    "Reproduced here.",
    "Syndicated content.",
    "Courtesy of NASA.",
    "Credit: Getty",
    "Via: Bloomberg",
    "Copyright 2024 The Associated Press.",
    "All rights reserved.",
    "The rights to this text belong to Kommersant.",
    "Read the original article.",
    "This story appeared in Time.",
    "Distributed by Tribune Content Agency.",
    "In partnership with CalMatters.",
    "Used by kind permission.",
    "With permission from the publisher.",
    "This piece is from The Conversation.",
    "Author of the article: AP",
    "Cross-posted from Medium.",
    "Excerpted from a new book.",
    "По материалам РИА Новости",
    "Оригинал статьи на сайте",
    "Впервые опубликовано в журнале",
    "Права на материал принадлежат изданию",
    "Перепечатка разрешена",
    "За матеріалами УНІАН",
    "Publicado originalmente en El País.",
    "Originalmente publicada na Folha.",
    "Apareció originalmente en Clarín.",
    "Con información de EFE.",
    "Com informações da Reuters.",
    "Publié initialement dans Le Monde.",
    "Initialement paru sur Slate.",
    "Paru d'abord dans Libération.",
    "Zuerst erschienen bei Zeit Online.",
    "Ursprünglich veröffentlicht im Spiegel.",
    "Erschien zuerst in der FAZ.",
    "Zuerst bei taz erschienen.",
    "Mit Material von dpa.",
    "Verscheen eerder in NRC.",
    "Oorspronkelijk gepubliceerd door de Volkskrant.",
    "Tekst ukazał się pierwotnie w Polityce.",
    "Przedruk za zgodą.",
    "Publicerades först i DN.",
    "Først publisert i Aftenposten.",
    "Alun perin julkaistu Helsingin Sanomissa.",
    "Pubblicato originariamente su Repubblica.",
    "Con informazioni di ANSA.",
    "(Source: Reuters)",
    "Источник: ТАСС",
    "Джерело: Укрінформ",
    "Fuente: EFE",
    "Fonte: Lusa",
    "Quelle: dpa",
    "Bron: ANP",
    "Źródło: PAP",
    "Källa: TT",
    "Kilde: NTB",
    "Lähde: STT",
    "Zdroj: ČTK",
    "Forrás: MTI",
    "Kaynak: AA",
    "Izvor: Hina",
    "© Reuters",
    "(c) AFP",
    "(avec AFP)",
    "来源：新华社",
    "來源：中央社",
    "出典：共同通信",
    "출처: 연합뉴스",
    "转载自人民网",
    "轉載自聯合報",
    "朝日新聞より転載",
]

WORDS = [
    "originally", "published", "first", "source", "Quelle", "rights", "belong", "to", "by",
    "the", "this", "story", "was", "from", "©", "(c)", "(avec", "afp", "via", ":", "：",
    "материалам", "по", "informação", "informações", "erschienen", "zuerst", "credit",
    "ukazał", "się", "pierwotnie", "kaynak", "news", "report", "article",
]  # fmt: skip
TRAPS = [*"ſıİᲀᲃᲄᲅᲆΣσςKµ", "ﬅ", "ſt"]


@pytest.mark.parametrize("text", EXAMPLES)
def test_every_alternative_still_matches(text: str) -> None:
    assert CREDIT_PHRASES.search(text) is not None  # the example is right
    for variant in (text, text.upper(), text.lower(), text.title()):
        assert _has_phrase(variant) is (CREDIT_PHRASES.search(variant) is not None)
    assert _has_phrase(text)


def _pieces() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(WORDS),
        st.sampled_from(TRAPS),
        st.sampled_from([" ", "  ", "\n", ". "]),
        st.text(max_size=4),
    )


@settings(max_examples=1500, deadline=None)
@given(st.lists(_pieces(), max_size=14).map(" ".join), st.sampled_from(["", "upper", "title"]))
def test_the_prefilter_agrees_with_the_regex(text: str, case: str) -> None:
    text = text.upper() if case == "upper" else text.title() if case == "title" else text
    assert _has_phrase(text) is (CREDIT_PHRASES.search(text) is not None)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(EXAMPLES), st.lists(st.sampled_from(TRAPS), min_size=1, max_size=3))
def test_trap_letters_in_a_credit_line(text: str, traps: list[str]) -> None:
    for mixed in (text.replace("s", traps[0]), text.replace("i", traps[-1]), traps[0] + text):
        assert _has_phrase(mixed) is (CREDIT_PHRASES.search(mixed) is not None)


def test_the_traps_cover_what_case_insensitive_matching_equates() -> None:
    casefix = pytest.importorskip("re._casefix")
    sre = pytest.importorskip("_sre")
    special = {chr(c) for key, values in casefix._EXTRA_CASES.items() for c in (key, *values)}
    for code in range(0x80, 0x110000):
        if not 0xD800 <= code < 0xE000 and chr(code).lower() != chr(sre.unicode_tolower(code)):
            special.add(chr(code))
    missing = sorted(c for c in special if not c.isascii() and not _CASE_TRAPS.search(c))
    assert missing == []
