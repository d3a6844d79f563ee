from __future__ import annotations

from pathlib import Path

import pytest
from checkrun import findings_of, run
from pages import BODY, CREDIT, LINK, write_case

PHOTO = "https://cdn.example.org/photos/dmitriev.jpg"


@pytest.mark.parametrize(
    "figure",
    [
        f'<figure><img src="{PHOTO}" alt="Kirill Dmitriev"><figcaption>Kirill Dmitriev in Washington. '
        "(AP Photo/Jacquelyn Martin)</figcaption></figure>",
        f'<figure><img src="{PHOTO}" alt=""><figcaption>Kirill Dmitriev. <span class="credit">'
        "Mehmet Eser/ZUMA Press Wire</span></figcaption></figure>",
        f'<p><img src="{PHOTO}" alt="Dmitriev"></p><p>Senior Russian negotiator Kirill Dmitriev answers '
        "questions from the press. (Credit Image: © Mehmet Eser/ZUMA Press Wire)</p>",
        f'<figure><img src="{PHOTO}"><figcaption>Dmitriev, left. REUTERS/Evelyn Hockstein</figcaption></figure>',
        f'<figure><img src="{PHOTO}"><figcaption>Photo: Anna Moneymaker/Getty Images</figcaption></figure>',
    ],
)
def test_quiet_when_every_body_image_is_credited(tmp_path: Path, figure: str) -> None:
    article, source = write_case(tmp_path, figure + BODY + CREDIT + LINK)
    result = run(article, source)
    assert findings_of(result, "image-credit") == []
    assert [status for _, status in result.image_statuses] == ["credited"]


def test_fires_once_per_uncredited_image_with_its_src_and_line(tmp_path: Path) -> None:
    figures = (
        f'<figure><img src="{PHOTO}" alt="Dmitriev"><figcaption>Kirill Dmitriev in Washington.</figcaption></figure>'
        '<p>More text.</p><p><img src="/img/second.jpg" alt="Istanbul skyline"></p>'
    )
    article, source = write_case(tmp_path, figures + BODY + CREDIT + LINK)
    found = findings_of(run(article, source), "image-credit")
    assert len(found) == 2
    assert PHOTO in found[0].message
    assert all(f.location.line > 0 for f in found)


def test_a_credit_only_in_alt_text_is_not_visible(tmp_path: Path) -> None:
    figure = f'<p><img src="{PHOTO}" alt="Photo: AP Photo/Evan Vucci"></p>'
    article, source = write_case(tmp_path, figure + BODY + CREDIT + LINK)
    (finding,) = findings_of(run(article, source), "image-credit")
    assert "alt or title" in finding.message


def test_teaser_images_outside_the_body_are_not_checked(tmp_path: Path) -> None:
    teasers = (
        '<section class="dont-miss"><h2>Don\'t Miss</h2>'
        '<div class="teaser"><img src="/img/central-bank.jpg" alt="Central Bank of Russia">'
        '<h3><a href="/news/rates">Russia\'s Central Bank Holds Key Interest Rate</a></h3></div>'
        '<div class="teaser"><img src="/img/witkoff.jpg" alt="Steve Witkoff">'
        '<h3><a href="/news/witkoff">Witkoff Has Business Ties</a></h3></div></section>'
    )
    article, source = write_case(tmp_path, BODY + CREDIT + LINK, after=teasers)
    result = run(article, source)
    assert findings_of(result, "image-credit") == []


def test_a_visible_caption_that_repeats_the_alt_text_is_still_a_credit(tmp_path: Path) -> None:
    # CMSes often copy the caption into alt; the figcaption is on the page all the same.
    caption = "Kirill Dmitriev in Washington. (AP Photo/Jacquelyn Martin)"
    figure = (
        f'<figure><img src="{PHOTO}" alt="{caption}"><figcaption>{caption}</figcaption></figure>'
    )
    article, source = write_case(tmp_path, figure + BODY + CREDIT + LINK)
    result = run(article, source)
    assert findings_of(result, "image-credit") == []
    assert [status for _, status in result.image_statuses] == ["credited"]
