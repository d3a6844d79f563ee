from __future__ import annotations

from pathlib import Path

from checker.document import Document
from checker.loaders import load_bytes, load_file

FIXTURES = Path(__file__).parent / "fixtures" / "loaders"
EXAMPLES = Path(__file__).parent.parent / "examples"
BLOOMBERG = (
    "https://www.bloomberg.com/news/articles/2025-04-04/"
    "us-russia-to-hold-new-talks-in-istanbul-on-embassy-operations"
)


def fixture(name: str) -> Document:
    return load_file(FIXTURES / name)


def test_seed_example_body_is_the_article_and_its_credit_lines() -> None:
    doc = load_file(EXAMPLES / "seed-article.html")
    body = doc.body_text
    assert (
        doc.title == "Moscow and Washington to Resume Talks: New Meeting Set for April 10 in Turkey"
    )
    assert body.startswith("Negotiations between Russia and the United States")
    assert body.endswith("All rights to the original text belong to Bloomberg.")
    for chrome in ("Today: Apr 26, 2025", "Search", "Русский", "1 min read", "Don't Miss",
                   "Central Bank", "Newsletter", "Privacy policy", "Share:"):  # fmt: skip
        assert chrome not in body
    assert [block.kind for block in doc.blocks].count("h2") == 2


def test_seed_example_photo_caption_is_a_caption_not_body() -> None:
    doc = load_file(EXAMPLES / "seed-article.html")
    (photo,) = doc.body_images
    # The credit without its label: the label is how the page introduces it.
    assert photo.credit == "© Mehmet Eser/ZUMA Press Wire"
    assert photo.caption.startswith("Senior Russian negotiator Kirill Dmitriev")
    assert photo.alt == "Kirill Dmitriev answers questions from the press"
    assert "Lafayette Square" not in doc.body_text
    teasers = [image for image in doc.images if not image.in_body]
    assert {image.alt for image in teasers} >= {
        "Central Bank of Russia",
        "US Middle East envoy Steve Witkoff",
    }


def test_seed_example_links_and_metadata() -> None:
    doc = load_file(EXAMPLES / "seed-article.html")
    (link,) = doc.body_links
    assert (link.text, link.url) == ("Bloomberg", BLOOMBERG)
    block = doc.block_at(doc.body_text.index("following link"))
    assert block is not None and link.line == block.line
    meta = doc.metadata
    assert meta.site_name == "The Eastern Courier"
    assert meta.authors == ("Anna Volkova",)
    assert meta.published == "2025-04-05T09:12:00+00:00"
    assert "https://mc.yandex.ru/watch/98765432" in meta.tracking_pixels
    # No address given: relative paths stay as written; the canonical is never the base.
    logo = next(image for image in doc.images if "courier-logo" in image.src)
    assert logo.src == "/wp-content/uploads/2024/01/courier-logo.svg"


def test_bloomberg_source_example_metadata() -> None:
    doc = load_file(EXAMPLES / "bloomberg-source.html")
    assert doc.metadata.site_name == "Bloomberg"
    assert doc.metadata.canonical == BLOOMBERG
    assert doc.metadata.url == BLOOMBERG
    assert doc.body_text.startswith("Russia and the US will hold a new round of talks")
    assert "More From Bloomberg" not in doc.body_text
    assert "Read More" not in doc.body_text
    (lede,) = doc.body_images
    assert lede.credit == "Al Drago/Bloomberg"


def test_blocks_start_at_their_offset_in_body_text() -> None:
    doc = load_file(EXAMPLES / "seed-article.html")
    for block in doc.blocks:
        assert doc.body_text[block.start : block.end] == block.text
        assert block.line > 0 and block.column > 0
    first = doc.blocks[0]
    source_line = (EXAMPLES / "seed-article.html").read_text().splitlines()[first.line - 1]
    assert source_line[first.column - 1 :].startswith("<p>Negotiations")


def test_hidden_credits_are_hidden_text_not_body() -> None:
    doc = fixture("hidden-credits.html")
    assert "Bloomberg" not in doc.body_text
    assert doc.body_text.endswith("The next rate meeting is scheduled for June 6.")
    assert set(doc.hidden_text) >= {
        "This article was prepared based on materials published by Bloomberg.",
        "All rights to the original text belong to Bloomberg.",
        "Source: Bloomberg",
        "Originally published by Bloomberg News.",
    }


def test_a_credit_in_a_comment_is_hidden_text() -> None:
    doc = fixture("comment-credit.html")
    assert "Associated Press" not in doc.body_text
    assert doc.hidden_text == ("This story was originally published by the Associated Press.",)


def test_teaser_blocks_go_and_the_credit_after_them_stays() -> None:
    doc = fixture("teaser-block.html")
    body = doc.body_text
    for teaser in ("Related", "Bus fares rise", "Don't Miss", "Derby ends", "By Dana Reyes"):
        assert teaser not in body
    assert body.endswith("Republished from the City Wire under a Creative Commons licence.")
    assert [image.src for image in doc.body_images] == ["/img/tram-route.jpg"]
    assert {image.src for image in doc.images if not image.in_body} == {
        "/img/bus-thumb.jpg",
        "/img/bike-thumb.jpg",
        "/img/derby.jpg",
        "/img/market.jpg",
    }
    assert [link.url for link in doc.body_links] == [
        "https://citywire.example/news/tram-line-approved"
    ]


def test_figure_captions_and_credits() -> None:
    doc = fixture("figcaption-credits.html")
    credits = {image.src.rsplit("/", 1)[1]: image.credit for image in doc.body_images}
    assert credits == {
        "storm-pier.jpg": "AP Photo/Evan Vucci",
        "crews.jpg": "Chip Somodevilla/Getty Images",  # lazy image: src from data-src
        "flooded-road.jpg": "",
        "harbour.jpg": "REUTERS/Anna Petrova",  # a caption wrapper, not a <figure>
    }
    flooded = next(image for image in doc.body_images if "flooded" in image.src)
    assert flooded.caption == "A flooded road near the harbour."
    assert "Waves crash" not in doc.body_text and "REUTERS" not in doc.body_text
    assert len(doc.blocks) == 4


def test_a_caption_paragraph_beside_an_image_but_not_a_source_line() -> None:
    doc = fixture("caption-paragraph.html")
    first, second = doc.body_images
    assert first.credit == "© Mehmet Eser/ZUMA Press Wire"
    assert second.credit == ""
    # "Source: Bloomberg" after the last image is the article's credit line: body text.
    assert doc.body_text.endswith("Source: Bloomberg")
    assert "Credit Image" not in doc.body_text


def test_base_href_resolves_links_and_images() -> None:
    doc = fixture("base-href.html")
    urls = [link.url for link in doc.body_links]
    assert urls[:2] == [
        "https://news.example.com/travel/ferries?utm_source=story",
        "https://news.example.com/world/europe/timetable.pdf",
    ]
    assert doc.body_links[0].href == "../../travel/ferries?utm_source=story"
    reuters = doc.body_links[2]
    assert reuters.rel == ("nofollow", "noopener")
    assert doc.body_images[0].src == "https://news.example.com/world/europe/images/ferry.jpg"
    assert doc.metadata.canonical == "https://news.example.com/world/europe/ferry-service-to-resume"
    assert doc.metadata.licence_links == ("https://creativecommons.org/licenses/by-nd/4.0/",)


def test_broken_json_ld_is_repaired_or_skipped() -> None:
    doc = fixture("broken-json-ld.html")
    (article,) = doc.metadata.json_ld
    assert article["@type"] == "NewsArticle"
    assert doc.metadata.authors == ("Sam Okafor",)
    assert doc.metadata.site_name == "Daily Ledger"
    assert doc.metadata.published == "2025-03-14T08:00:00Z"


def test_malformed_markup_loads() -> None:
    doc = fixture("malformed.html")
    assert doc.title == "Port strike ends after three weeks"
    assert len(doc.blocks) == 4
    assert doc.blocks[-1].text == "Originally published by the Harbour Wire."
    assert doc.body_links[0].url == "https://harbour-wire.example/strike-ends"
    assert "Harbour Daily ©" not in doc.body_text


def test_link_only_credit_paragraph_stays_and_a_linked_headline_goes() -> None:
    doc = fixture("link-only-credit.html")
    assert doc.blocks[-1].text == "AP News"
    assert "Museums across Europe" not in doc.body_text
    assert [link.text for link in doc.body_links] == ["AP News"]


def test_windows_1251_pages_load_the_same_with_or_without_a_declaration() -> None:
    declared, undeclared = fixture("cp1251-declared.html"), fixture("cp1251-undeclared.html")
    assert declared.body_text == undeclared.body_text
    assert declared.title == "Москва и Вашингтон возобновят переговоры 10 апреля"
    assert declared.body_text.endswith("Все права на оригинальный текст принадлежат Bloomberg.")
    assert declared.encoding == undeclared.encoding == "cp1251"
    assert "Все права защищены" not in declared.body_text  # the site footer


def test_url_argument_resolves_relative_links() -> None:
    page = b'<html><body><article><p>A long enough paragraph of article text that says something, \
with a <a href="/other">link</a> in it.</p></article></body></html>'
    doc = load_bytes(page, "page.html", url="https://site.example/news/item")
    assert doc.links[0].url == "https://site.example/other"


def test_facts_the_pack_checks_read() -> None:
    seed = load_file(EXAMPLES / "seed-article.html")
    assert seed.metadata.post_id == "48213"  # body class postid-48213
    assert "https://www.googletagmanager.com/gtag/js?id=G-EC2025X1" in seed.metadata.scripts
    assert seed.metadata.meta_tags["author"] == "Anna Volkova"
    assert fixture("teaser-block.html").metadata.byline == "By Dana Reyes"


def test_credit_lines_just_after_the_body_container_are_kept() -> None:
    doc = fixture("credit-after-body.html")
    texts = [block.text for block in doc.blocks]
    assert texts[-2:] == ["Reuters", "Source: Reuters. Republished with permission."]
    assert [link.text for link in doc.body_links] == ["Reuters"]
    assert "Share via" not in doc.body_text and "Most read" not in doc.body_text
