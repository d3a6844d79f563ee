from __future__ import annotations

from pathlib import Path

import pytest
from checkrun import findings_of, run
from pages import BARE_LINK, BODY, CREDIT, LINK, news_page, write_case

from checker.errors import PackError
from checker.findings import Finding, Severity
from checker.loaders import load_file
from checker.packs import load_pack


@pytest.mark.parametrize(
    "credit",
    [
        CREDIT,
        "<p>This story was originally published by Bloomberg.</p>",
        "<p>Republished from Bloomberg with permission.</p>",
        "<p><em>Source: Bloomberg</em></p>",
        "<p>© 2025 Bloomberg L.P.</p>",
        "<p>All rights to the original text belong to Bloomberg.</p>",
        "<p>This article first appeared on BLOOMBERG and is republished here.</p>",
    ],
)
def test_quiet_when_a_visible_credit_names_the_publisher(tmp_path: Path, credit: str) -> None:
    article, source = write_case(tmp_path, BODY + credit + LINK)
    assert findings_of(run(article, source), "source-credit") == []


def test_fires_when_only_in_text_mentions_name_the_publisher(tmp_path: Path) -> None:
    article, source = write_case(tmp_path, BODY + BARE_LINK)
    (finding,) = findings_of(run(article, source), "source-credit")
    assert finding.severity is Severity.ERROR
    assert "Bloomberg" in finding.message
    assert "in-text mention" in finding.message
    assert finding.location.line > 0


def test_a_credit_in_a_comment_is_no_credit(tmp_path: Path) -> None:
    article, source = write_case(tmp_path, BODY + f"<!-- {CREDIT} -->" + BARE_LINK)
    (finding,) = findings_of(run(article, source), "source-credit")
    assert "cannot see" in finding.message
    assert "materials published by Bloomberg" in finding.evidence


@pytest.mark.parametrize(
    "hidden",
    [
        f'<div style="display: none">{CREDIT}</div>',
        f'<div style="visibility:hidden">{CREDIT}</div>',
        f"<div hidden>{CREDIT}</div>",
        f'<div aria-hidden="true">{CREDIT}</div>',
    ],
)
def test_a_hidden_credit_is_no_credit(tmp_path: Path, hidden: str) -> None:
    article, source = write_case(tmp_path, BODY + hidden + BARE_LINK)
    (finding,) = findings_of(run(article, source), "source-credit")
    assert "cannot see" in finding.message


def test_a_misspelt_publisher_is_quoted(tmp_path: Path) -> None:
    misspelt = CREDIT.replace("Bloomberg", "Bloombreg")
    article, source = write_case(tmp_path, BODY + misspelt + BARE_LINK)
    (finding,) = findings_of(run(article, source), "source-credit")
    assert '"Bloombreg"' in finding.message


def test_publisher_from_the_command_line_wins(tmp_path: Path) -> None:
    article, source = write_case(tmp_path, BODY + CREDIT + LINK)
    (finding,) = findings_of(run(article, source, publisher="Reuters"), "source-credit")
    assert "Reuters" in finding.message


def test_unknown_publisher_is_a_warning_not_an_error(tmp_path: Path) -> None:
    article, _ = write_case(tmp_path, BODY + CREDIT)
    (finding,) = findings_of(run(article), "source-credit")
    assert finding.severity is Severity.WARNING
    assert "--publisher" in finding.message


RUSSIAN_PAGE = """<html><head>{meta}<title>Москва и Вашингтон возобновят переговоры</title></head>
<body><nav><a href="/">Главная</a></nav><article><h1>Москва и Вашингтон возобновят переговоры</h1>
<p>Переговоры между Россией и США возобновятся 10 апреля в Стамбуле. По данным Bloomberg,
повестка встречи пока не раскрывается.</p>
<p>Пресс-секретарь Кремля Дмитрий Песков подтвердил, что встреча пройдёт на территории Турции,
а Москву будет представлять Министерство иностранных дел.</p>
{credit}
</article></body></html>"""


@pytest.mark.parametrize("meta", ['<meta charset="windows-1251">', ""])
def test_windows_1251_pages_with_and_without_a_declared_charset(tmp_path: Path, meta: str) -> None:
    credited = tmp_path / "credited.html"
    credited.write_bytes(
        RUSSIAN_PAGE.format(meta=meta, credit="<p>По материалам Bloomberg.</p>").encode("cp1251")
    )
    mention_only = tmp_path / "mention.html"
    mention_only.write_bytes(RUSSIAN_PAGE.format(meta=meta, credit="").encode("cp1251"))
    assert findings_of(run(str(credited), publisher="Bloomberg"), "source-credit") == []
    (finding,) = findings_of(run(str(mention_only), publisher="Bloomberg"), "source-credit")
    assert "По данным Bloomberg" in finding.evidence  # decoded right, and a mention is no credit


# ---- wire conventions, direction, photo credits, the pack's `forms` and `wording`
AP = "The Associated Press"
WIRE_BODY = """
<p>India fired missiles into Pakistani-controlled territory in several locations early Wednesday,
as the overall death toll rose, officials on both sides said.</p>
<p>Pakistan said 26 people died in the strikes and five more in artillery exchanges along the Line
of Control that separates the two countries in the disputed region.</p>
<p>Sachin Kumar, a local villager, told the Associated Press that he heard several blasts.</p>
"""


def wire_page(tmp_path: Path, top: str = "", bottom: str = "", body: str = WIRE_BODY) -> str:
    path = tmp_path / "wire.html"
    path.write_text(news_page(top + body + bottom), encoding="utf-8")
    return str(path)


def source_credit(path: str, publisher: str = AP, **options: object) -> list[Finding]:
    return findings_of(run(path, publisher=publisher, **options), "source-credit")


@pytest.mark.parametrize(
    ("publisher", "top", "bottom"),
    [
        (AP, '<p class="byline">By The Associated Press</p>', ""),
        (
            AP,
            '<div class="byline">By Samya Kullab and Vasilisa Stepanenko The Associated Press</div>',
            "",
        ),
        (AP, "<p>Author of the article: The Associated Press</p>", ""),
        (AP, "", "<p>Copyright 2024 The Associated Press. All Rights Reserved.</p>"),
        ("Reuters", "", "<p>По материалам Reuters.</p>"),
        ("dpa", "", "<p>Quelle: sid/dpa</p>"),
        ("dpa", "", "<p>(Quelle: APA/sda/dpa)</p>"),
        ("dpa", "", "<p><em>Mit Material von dpa</em></p>"),
        (
            "Reuters",
            "",
            "<p><em>Mit Informationen der Nachrichtenagenturen AFP, AP, dpa und Reuters.</em></p>",
        ),
        ("PAP", "", "<p>(PAP)</p>"),
    ],
)
def test_quiet_for_wire_credit_conventions(
    tmp_path: Path, publisher: str, top: str, bottom: str
) -> None:
    assert source_credit(wire_page(tmp_path, top, bottom), publisher) == []


@pytest.mark.parametrize(
    "opening",
    ["WASHINGTON (AP) — India fired", "NEW DELHI, May 7 (AP) - India fired"],
)
def test_quiet_when_the_dateline_names_the_agency(tmp_path: Path, opening: str) -> None:
    body = WIRE_BODY.replace("<p>India fired", f"<p>{opening}", 1)
    assert source_credit(wire_page(tmp_path, body=body)) == []


@pytest.mark.parametrize(
    ("publisher", "extra"),
    [
        # Mentions, a navigation item, photo credits: the publisher is named, never credited.
        (AP, ""),
        ("Reuters", "<p>Exports rose 3 percent in March, according to Reuters.</p>"),
        (
            "Reuters",
            '<nav class="topics"><a href="/reuters">Reuters</a> <a href="/ap">AP</a></nav>',
        ),
        (
            "Reuters",
            '<figure><img src="https://example.org/a.jpg" alt=""><figcaption>Troops on patrol. '
            "REUTERS/Jane Doe</figcaption></figure>",
        ),
        (
            "Reuters",
            '<figure><img src="https://example.org/b.jpg" alt=""><figcaption>Credit: Reuters'
            "</figcaption></figure>",
        ),
        ("dpa", "<p>Foto: dpa</p>"),
        # The other direction: where the text went.
        (
            "Wired",
            "<p><i>This article was reprinted on <a href='https://wired.com/x'>Wired.com</a>.</i></p>",
        ),
        ("Slate", "<p>Slate republished this story in 2017.</p>"),
        # A photo credit in an element marked as the byline.
        ("Reuters", '<p class="byline">Foto: REUTERS/Nathan Howard</p>'),
        # A dateline of another agency.
        (AP, "<p>NEW DELHI, May 7 (Reuters) - Officials said.</p>"),
    ],
)
def test_fires_when_the_publisher_is_only_named(tmp_path: Path, publisher: str, extra: str) -> None:
    (finding,) = source_credit(wire_page(tmp_path, extra), publisher)
    assert "no credit line names the publisher" in finding.message


def write_pack(tmp_path: Path, params: str) -> str:
    path = tmp_path / "partner.yml"
    path.write_text(
        f"""name: partner
rules:
  - id: credit
    check: source-credit
    severity: error
    message: "No credit: {{detail}}"
    params: {params}
""",
        encoding="utf-8",
    )
    return str(path)


def test_a_pack_that_demands_a_credit_line_ignores_bylines_and_datelines(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "{forms: [statement]}")
    byline = '<p class="byline">By The Associated Press</p>'
    body = WIRE_BODY.replace("<p>India fired", "<p>WASHINGTON (AP) — India fired", 1)
    (finding,) = source_credit(wire_page(tmp_path, byline, body=body), rules=(pack,))
    assert "no credit line names the publisher" in finding.message
    footer = "<p>Copyright 2024 The Associated Press.</p>"
    assert source_credit(wire_page(tmp_path, bottom=footer), rules=(pack,)) == []


def test_the_wording_a_partner_demands(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, "{wording: ['this story was originally published by AP\\b']}")
    exact = "<p>This story was originally published by AP.</p>"
    assert source_credit(wire_page(tmp_path, bottom=exact), rules=(pack,)) == []
    other = "<p>Copyright 2024 The Associated Press.</p>"
    (finding,) = source_credit(wire_page(tmp_path, bottom=other), rules=(pack,))
    assert "does not use the required wording" in finding.message
    assert "Copyright 2024" in finding.evidence
    (finding,) = source_credit(wire_page(tmp_path), rules=(pack,))
    assert "no credit line with the required wording" in finding.message


@pytest.mark.parametrize(
    ("params", "problem"),
    [
        ("{forms: [statement, signature]}", "forms must be a non-empty list"),
        ("{forms: []}", "forms must be a non-empty list"),
        ("{wording: ['(unclosed']}", "bad regular expression"),
        ("{wording: 'originally'}", "parameter wording must be list"),
    ],
)
def test_bad_forms_and_wording_stop_the_pack(tmp_path: Path, params: str, problem: str) -> None:
    with pytest.raises(PackError, match=problem):
        load_pack(write_pack(tmp_path, params))


def test_a_credit_line_just_after_the_body_is_kept_in_any_language(tmp_path: Path) -> None:
    """The loader's after-body test knew English only: "По материалам" was pruned."""
    page = tmp_path / "ru.html"
    page.write_text(
        """<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Экспорт зерна</title>
</head><body><div class="wrapper"><div class="layout"><h1>Экспорт зерна восстановился</h1>
<div class="entry-content">
<p>Экспорт зерна через черноморские порты в марте вырос на 18 процентов по сравнению с прошлым
годом, так как страховщики возобновили покрытие для судов, заходящих в порты региона.</p>
<p>Пшеница составила почти две трети объёма, большая часть грузов ушла в Египет и Турцию.</p>
<p>Цены на парижской бирже снижались третью неделю подряд по мере роста предложения.</p>
</div>
<div class="source-note">По материалам Reuters.</div>
<div class="share-tools"><a href="https://x.com/share">Поделиться</a></div>
</div></div></body></html>""",
        encoding="utf-8",
    )
    assert load_file(page).blocks[-1].text == "По материалам Reuters."
    assert source_credit(str(page), "Reuters") == []


def test_the_result_says_which_wire_convention_satisfied_the_rule(tmp_path: Path) -> None:
    body = WIRE_BODY.replace("<p>India fired", "<p>WASHINGTON (AP) — India fired", 1)
    satisfied = dict(run(wire_page(tmp_path, body=body), publisher=AP).satisfied)
    assert satisfied["default/source-credit"].startswith("dateline (line ")
    assert "WASHINGTON (AP)" in satisfied["default/source-credit"]
    footer = "<p>(PAP)</p>"
    satisfied = dict(run(wire_page(tmp_path, bottom=footer), publisher="PAP").satisfied)
    assert satisfied["default/source-credit"].startswith("sign-off (line ")
