"""The credit vocabulary: article credit statements, wire conventions and photo credits.

The strings are in the shapes real pages use (captions, credit spans, footers, datelines),
written here by hand.
"""

from __future__ import annotations

import pytest

from checker.credit_vocabulary import (
    credit_in,
    dateline_names,
    is_credit_statement,
    is_photo_credit,
    signoff_names,
    wire_aliases,
    without_label,
)


@pytest.mark.parametrize(
    ("caption", "credit"),
    [
        # The whole credit, photographer included, whatever the name's spaces and accents.
        (
            "A man walks past the closed station. (Thomas Coex/AFP/Getty Images)",
            "Thomas Coex/AFP/Getty Images",
        ),
        ("Dustin Franz/AFP/Getty Images", "Dustin Franz/AFP/Getty Images"),
        ("Firefighters at work. José Ángel Núñez-García/EFE", "José Ángel Núñez-García/EFE"),
        (
            "Protesters in Seoul on Thursday.Anthony Wallace / AFP - Getty Images",
            "Anthony Wallace / AFP - Getty Images",
        ),
        (
            "The debt could pass the defence budget.CreditCreditJeon Heon-Kyun/EPA, via Shutterstock",
            "Jeon Heon-Kyun/EPA, via Shutterstock",
        ),
        ("Bailey in London. REUTERS/Hannah McKay/File Photo", "REUTERS/Hannah McKay/File Photo"),
        ("President Biden speaks. (AP Photo/Evan Vucci)", "AP Photo/Evan Vucci"),
        ("© Ben Stansall/\u200bAFP/\u200bGetty Images", "© Ben Stansall/AFP/Getty Images"),
        # Labels in other languages, with or without a space before the colon.
        ("Der Zug in Hamburg (Foto: Christian Charisius/dpa)", "Foto: Christian Charisius/dpa"),
        ("Bild: picture alliance/dpa", "Bild: picture alliance/dpa"),
        ("Le port de Marseille. Photo : Jean Dupont", "Photo : Jean Dupont"),
        ("A budapesti Lánchíd. Fotó: MTI/Koszticsák Szilárd", "Fotó: MTI/Koszticsák Szilárd"),
        ("Sejm w Warszawie. Zdjęcie: PAP/Leszek Szymański", "Zdjęcie: PAP/Leszek Szymański"),
        ("Sejm w Warszawie. Fot. PAP/Radek Pietruszka", "Fot. PAP/Radek Pietruszka"),
        ("Кремль. Фото: РИА Новости", "Фото: РИА Новости"),
        ("La tour Eiffel. Crédit photo : AFP", "Crédit photo : AFP"),
        ("Demonstranten in Jerusalem. Bildrechte: Reuters", "Bildrechte: Reuters"),
        ("Het Binnenhof in Den Haag. Beeld: ANP", "Beeld: ANP"),
        ("서울 도심의 집회 사진=연합뉴스", "사진=연합뉴스"),
        ("東京駅の様子（写真：共同通信）", "写真：共同通信"),
        (
            "Photograph: Adrian Malloch for the Guardian",
            "Photograph: Adrian Malloch for the Guardian",
        ),
        # Agencies in brackets and capitals; a chart's credit line.
        ("Smoke rises over the city [AFP/GETTY]", "AFP/GETTY"),
        ("The prime minister in Downing Street [GETTY]", "GETTY"),
        ("Troops on patrol near the border (REUTERS)", "REUTERS"),
        ("Hospital staff at work. ASSOCIATED PRESS", "ASSOCIATED PRESS"),
        (
            "By The New York Times | Source: Congressional Budget Office",
            "By The New York Times | Source: Congressional Budget Office",
        ),
        # A caption that is only "Name/Outlet", or ends with the photographer's name.
        ("Devindra Hardawar/AOL", "Devindra Hardawar/AOL"),
        ("A lamp made of twine and a glass jar. (Lucy Akins)", "Lucy Akins"),
        # An illustration or graphic credited as a photo is ("... by Name").
        (
            "Dear Abby column sig. Photo illustration by Mark Graves, The Oregonian",
            "Photo illustration by Mark Graves, The Oregonian",
        ),
        ("Rates and the pound. Illustration by Jane Doe", "Illustration by Jane Doe"),
        ("The storm over the bay. Photograph by Ana Ruiz", "Photograph by Ana Ruiz"),
        ("How the vote split. Graphic by The Times", "Graphic by The Times"),
    ],
)
def test_the_credit_in_a_caption_is_the_whole_credit(caption: str, credit: str) -> None:
    assert credit_in(caption) == credit


@pytest.mark.parametrize(
    "caption",
    [
        "Members of the crowd cheer as the team arrives in Paris",
        "The band AC/DC on stage in Sydney",
        "Before/After",
        "The view from the north (left) and the south (right)",
        "Volunteers at the food bank in 2019 (2019)",
        "The rally in Seoul on Thursday.",
    ],
)
def test_a_caption_without_a_credit_has_none(caption: str) -> None:
    assert credit_in(caption) == ""


@pytest.mark.parametrize(
    "text",
    [
        "Credit: lili sams/mashable",
        "[AFP/GETTY]",
        "Foto: dpa",
        "Bild: dpa",
        "Thomas Coex/AFP/Getty Images",
        "Photograph: Adrian Malloch for the Guardian",
        "By The New York Times | Source: Congressional Budget Office",
        "© Ben Stansall/AFP/Getty Images",
        "(REUTERS)",
        "Devindra Hardawar/AOL",
    ],
)
def test_a_text_that_is_only_a_photo_credit(text: str) -> None:
    assert is_photo_credit(text)


@pytest.mark.parametrize(
    "text",
    [
        # The article's own credit lines, which must stay body text.
        "Source: Bloomberg",
        "© 2025 Bloomberg L.P.",
        "Courtesy of Forests News",
        "This article was originally published by Reuters.",
        # A caption that holds a credit is more than a credit.
        "Smoke rises over the city [AFP/GETTY]",
        "A man walks past. (Thomas Coex/AFP/Getty Images)",
        # No credit at all.
        "The band AC/DC",
        "Read more",
        "",
    ],
)
def test_a_text_that_is_not_only_a_photo_credit(text: str) -> None:
    assert not is_photo_credit(text)


@pytest.mark.parametrize(
    "text",
    [
        "This article originally appeared on The Atlantic.",
        "This article is republished from The Conversation under a Creative Commons license.",
        "Republished by permission of Little, Brown and Company.",
        "Reprinted with permission from Grist.",
        "По материалам Reuters.",
        "Quelle: dpa",
        "Quelle: sid/dpa",
        "(Quelle: APA/sda/dpa)",
        "Mit Material von dpa",
        "Mit Informationen der ARD-Korrespondenten sowie der Nachrichtenagenturen AFP, AP und dpa.",
        "Author of the article: The Associated Press",
        "Copyright 2024 The Associated Press. All Rights Reserved.",
        "Con información de EFE",
        "Źródło: PAP",
        "(avec AFP)",
        "Dieser Artikel erschien zuerst bei Zeit Online.",
        "Este texto foi originalmente publicado pela Agência Pública.",
        "Cet article a été initialement publié par The Conversation.",
        "Cross-posted from Grist.",
        "来源：新华社",
        "출처: 연합뉴스",
        "本記事は共同通信より転載しています。",
    ],
)
def test_statements_of_where_an_article_comes_from(text: str) -> None:
    assert is_credit_statement(text)


@pytest.mark.parametrize(
    "text",
    [
        # Mentions: reporting, not a credit.
        "Exports rose 3 percent in March, according to Reuters.",
        "Sachin Kumar, a local villager, told the AP that he heard blasts.",
        "Agencja Associated Press podała, że rozmowy trwają.",
        "un entretien avec l'AFP",
        # The other direction: where the text went, not where it came from.
        "This article was reprinted on Wired.com.",
        "Wired republished this story in 2017.",
        "This story was republished by Slate.",
        "The essay was later reprinted in The Best American Essays.",
    ],
)
def test_mentions_and_reversed_statements_are_no_credit(text: str) -> None:
    assert not is_credit_statement(text)


@pytest.mark.parametrize(
    ("opening", "names"),
    [
        ("LA CROSSE, Wis. (AP) — After a summer of historic tumult", ["AP"]),
        ("LONDON, April 4 (Reuters) - The Bank of England kept rates", ["Reuters"]),
        ("Berlin (dpa/lby) - Die Koalition", ["dpa", "lby"]),
        ("Madrid, 5 dic (EFE).- El Gobierno", ["EFE"]),
        ("MOSCOW, December 5. /TASS/. Russia and", ["TASS"]),
        ("(Bloomberg) -- Oil rose", ["Bloomberg"]),
    ],
)
def test_the_agency_in_a_dateline(opening: str, names: list[str]) -> None:
    assert dateline_names(opening) == names


def test_a_bracket_inside_a_sentence_is_no_dateline() -> None:
    assert dateline_names("The man (42) said he saw the car.") == []


def test_a_wire_sign_off_names_its_agencies_and_a_sentence_is_none() -> None:
    assert signoff_names("(PAP)") == ["PAP"]
    assert signoff_names("sid/dpa") == ["sid", "dpa"]
    assert signoff_names("— AP") == ["AP"]
    assert signoff_names("Reuters") == []  # a tag or a section link as often as a sign-off
    long = "Reporting by the Associated Press and Reuters contributed to this report today."
    assert signoff_names(long) == []


def test_a_wire_service_is_known_by_its_other_names() -> None:
    assert "AP" in wire_aliases("The Associated Press")
    assert "The Associated Press" in wire_aliases("AP")
    assert "Deutsche Presse-Agentur" in wire_aliases("dpa")
    assert wire_aliases("Bloomberg") == ()


@pytest.mark.parametrize(
    ("credit", "bare"),
    [
        ("Photo: Reuters", "Reuters"),
        ("Foto: dpa", "dpa"),
        ("Photo by Jane Doe/Getty Images", "Jane Doe/Getty Images"),
        ("Photographer: Al Drago/Bloomberg", "Al Drago/Bloomberg"),
        ("REUTERS/Jane Doe", "REUTERS/Jane Doe"),
        ("Photo illustration by Mark Graves, The Oregonian", "Mark Graves, The Oregonian"),
        ("Illustration by Jane Doe", "Jane Doe"),
    ],
)
def test_a_credit_without_its_label_names_whom(credit: str, bare: str) -> None:
    assert without_label(credit) == bare
