from __future__ import annotations

from pathlib import Path

import pytest
from checkrun import findings_of, run
from pages import BARE_LINK, BODY, CREDIT, LINK, write_case

from checker.findings import Severity


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
