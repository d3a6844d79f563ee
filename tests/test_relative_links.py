"""Relative links on a republished page resolve against the page's own address, never against
its canonical, which on a republished copy names the original (issue: relative links)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from checker import check_document
from checker.cli import cli
from checker.imagemeta.attach import attach_embedded
from checker.loaders import load_document, load_file

ORIGINAL = "https://www.propublica.org/article/water-shutoffs-detroit"
HEAD = f'<link rel="canonical" href="{ORIGINAL}"><meta property="og:url" content="{ORIGINAL}">'
BODY = """<article><h1>Detroit water shutoffs</h1>
<p>Thousands of Detroit households lost water service this year, records show, as the city
pressed ahead with shutoffs despite warnings from residents and public health experts.</p>
<p>This story was originally published by ProPublica. Read <a href="/about">about us</a> and
more <a href="/news/local">local news</a>.</p>{extra}
</article>"""


def page(extra: str = "", head: str = HEAD) -> str:
    return f"<html><head>{head}</head><body>{BODY.format(extra=extra)}</body></html>"


def original_link_findings(html: str, **options: str) -> list[str]:
    result = check_document(html, kind="html", packs=["default"], publisher="ProPublica", **options)
    return [f.message for f in result.findings if f.check == "original-link"]


def test_relative_links_do_not_become_links_to_the_publisher() -> None:
    doc = load_document(page(), kind="html")
    assert [(link.href, link.url) for link in doc.body_links] == [
        ("/about", ""),
        ("/news/local", ""),
    ]
    (message,) = original_link_findings(page())
    assert "No link to the original article" in message


def test_an_absolute_link_to_the_original_still_passes() -> None:
    linked = page(f'<p>Read the <a href="{ORIGINAL}">original story</a>.</p>')
    assert original_link_findings(linked) == []


def test_the_page_s_own_address_resolves_its_relative_links() -> None:
    doc = load_document(page(), kind="html", url="https://partner.example.org/2025/story")
    assert [link.url for link in doc.body_links] == [
        "https://partner.example.org/about",
        "https://partner.example.org/news/local",
    ]
    # The republisher's own pages, not the publisher's: still no link to the original.
    assert len(original_link_findings(page(), url="https://partner.example.org/2025/story")) == 1


def test_base_href_still_wins() -> None:
    based = page(head=HEAD + '<base href="https://partner.example.org/">')
    doc = load_document(based, kind="html", url="https://elsewhere.example/x")
    assert doc.body_links[0].url == "https://partner.example.org/about"


def test_relative_image_paths_are_files_beside_the_article(tmp_path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (8, 8)).save(tmp_path / "photo.jpg")
    article = tmp_path / "story.html"
    article.write_text(
        page('<figure><img src="photo.jpg"><figcaption>A pump station.</figcaption></figure>')
    )
    doc = attach_embedded(load_file(article), str(article))
    (image,) = doc.body_images
    assert image.src == "photo.jpg"  # not https://www.propublica.org/article/photo.jpg
    assert image.embedded is not None and image.embedded.file.endswith("photo.jpg")


def test_extract_shows_the_href_and_an_unresolved_url(tmp_path: Path) -> None:
    article = tmp_path / "story.html"
    article.write_text(page(), encoding="utf-8")
    text = CliRunner().invoke(cli, ["extract", str(article)]).output
    assert "'about us' -> (not resolved: no address for the page)" in text
    assert "href:           /about" in text
    given = ["extract", str(article), "--format", "json", "--article-url", "https://p.example/a/"]
    data = json.loads(CliRunner().invoke(cli, given).output)  # one file: one object
    assert {link["href"]: link["url"] for link in data["links"]}[
        "/about"
    ] == "https://p.example/about"
