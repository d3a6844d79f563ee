from __future__ import annotations

import json
from pathlib import Path

from checker.document_dict import document_to_dict
from checker.loaders import load_bytes, load_file

FIXTURES = Path(__file__).parent / "fixtures" / "loaders"
BLOOMBERG = (
    "https://www.bloomberg.com/news/articles/2025-04-04/"
    "us-russia-to-hold-new-talks-in-istanbul-on-embassy-operations"
)


def test_markdown_front_matter_keys() -> None:
    doc = load_file(FIXTURES / "front-matter.md")
    front = doc.metadata.front_matter
    assert doc.kind == "markdown"
    assert front["source"] == "Bloomberg"
    assert front["source_url"] == BLOOMBERG
    assert front["source_publisher"] == "Bloomberg"
    assert front["rules"] == ["default"]
    assert front["date"] == "2025-04-05"  # YAML dates become ISO text, JSON-safe
    assert doc.metadata.licence_links == ("https://creativecommons.org/licenses/by-nd/4.0/",)
    assert doc.metadata.authors == ("Anna Volkova",)
    assert doc.title == "Moscow and Washington to Resume Talks"


def test_markdown_body_walks_like_html_with_markdown_lines() -> None:
    path = FIXTURES / "front-matter.md"
    doc = load_file(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [block.kind for block in doc.blocks] == ["p", "h2", "p", "p"]
    for block in doc.blocks:
        assert block.text.split()[0] in lines[block.line - 1]
    (photo,) = doc.body_images
    assert photo.credit == "Mehmet Eser/ZUMA Press Wire"
    assert "ZUMA" not in doc.body_text  # the credit line under the image is its caption
    (link,) = doc.body_links
    assert (link.text, link.url) == ("Bloomberg", BLOOMBERG)
    assert lines[link.line - 1].startswith("can be found at the following link")


def test_markdown_without_front_matter(tmp_path: Path) -> None:
    page = tmp_path / "note.md"
    page.write_text("Intro paragraph with a [link](https://example.org/x).\n\n- one\n- two\n")
    doc = load_file(page)
    assert doc.metadata.front_matter == {}
    assert [block.text for block in doc.blocks] == [
        "Intro paragraph with a link.",
        "one",
        "two",
    ]


def test_plain_text_lines_of_the_seed_are_blocks() -> None:
    doc = load_file(FIXTURES / "plain.txt")
    texts = [block.text for block in doc.blocks]
    assert doc.kind == "text"
    assert texts[:3] == ["Today: Apr 26, 2025", "Search", "Русский"]
    assert "1 min read" in texts
    assert "All rights to the original text belong to Bloomberg." in texts
    assert (
        doc.title == "Moscow and Washington to Resume Talks: New Meeting Set for April 10 in Turkey"
    )
    credit = next(block for block in doc.blocks if block.text.startswith("This article was"))
    assert credit.line == 30 and credit.column == 1


def test_plain_text_joins_hard_wrapped_paragraphs_and_finds_urls() -> None:
    text = (
        "Dock workers voted on Tuesday to end a three-week strike that had halted\n"
        "most container traffic through the port, union officials said on Tuesday.\n"
        "\n"
        "Source: https://harbour-wire.example/strike-ends.\n"
    )
    doc = load_bytes(text.encode(), "story.txt", kind="text")
    assert (
        doc.blocks[0].text.startswith("Dock workers voted") and "halted most" in doc.blocks[0].text
    )
    (link,) = doc.links
    assert link.url == "https://harbour-wire.example/strike-ends"
    assert (link.line, link.column) == (4, 9)


def test_document_to_dict_is_json_and_deterministic() -> None:
    doc = load_file(FIXTURES / "front-matter.md")
    first = json.dumps(document_to_dict(doc), sort_keys=False)
    again = json.dumps(document_to_dict(load_file(FIXTURES / "front-matter.md")))
    assert first == again
    data = json.loads(first)
    assert list(data) == [
        "path", "kind", "title", "encoding", "body_text", "blocks", "images", "links",
        "metadata", "hidden_text", "suppressions",
    ]  # fmt: skip
    assert data["body_text"] == doc.body_text
    assert data["blocks"][0] == {
        "kind": "p",
        "text": doc.blocks[0].text,
        "start": 0,
        "line": doc.blocks[0].line,
        "column": 1,
    }
    assert data["images"][0]["credit"] == "Mehmet Eser/ZUMA Press Wire"
    assert data["metadata"]["front_matter"]["rules"] == ["default"]
    assert set(data["links"][0]) == {"href", "url", "text", "rel", "in_body", "line", "column"}


def test_document_to_dict_of_html_keeps_hidden_text_and_json_ld() -> None:
    doc = load_file(FIXTURES / "broken-json-ld.html")
    data = json.loads(json.dumps(document_to_dict(doc)))
    assert data["metadata"]["json_ld"][0]["headline"] == "Rail strike called off"
    hidden = document_to_dict(load_file(FIXTURES / "comment-credit.html"))["hidden_text"]
    assert hidden == ["This story was originally published by the Associated Press."]
