"""Bad input: every problem is one InputError naming the file, whatever the bytes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.errors import InputError
from checker.loaders import load_bytes, load_file, sniff_kind

FIXTURES = Path(__file__).parent / "fixtures" / "loaders"


def problem(path: str | Path, max_bytes: int = 20_000_000) -> str:
    with pytest.raises(InputError) as caught:
        load_file(path, max_bytes=max_bytes)
    error = caught.value
    assert error.path == str(path)
    assert str(error).startswith(f"{path}: ")
    return error.problem


def test_missing_file(tmp_path: Path) -> None:
    assert problem(tmp_path / "nope.html") == "no such file"


def test_a_directory(tmp_path: Path) -> None:
    assert problem(tmp_path) == "is a directory, not a file"


def test_empty_and_white_space_files() -> None:
    assert problem(FIXTURES / "empty.html") == "empty file"
    assert problem(FIXTURES / "whitespace.txt") == "file contains only white space"


def test_an_image_saved_as_html() -> None:
    assert problem(FIXTURES / "image-saved-as.html") == "binary data, not a page (PNG image)"


def test_over_the_size_cap(tmp_path: Path) -> None:
    page = tmp_path / "big.html"
    page.write_bytes(b"<p>" + b"x" * 2000 + b"</p>")
    assert problem(page, max_bytes=1000) == "file is 2,007 bytes, over the limit of 1,000"
    assert load_file(page, max_bytes=5000).blocks


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file(tmp_path: Path) -> None:
    page = tmp_path / "locked.html"
    shutil.copy(FIXTURES / "malformed.html", page)
    page.chmod(0)
    assert problem(page) == "permission denied"


def test_a_page_without_article_text(tmp_path: Path) -> None:
    page = tmp_path / "chrome.html"
    page.write_text(
        "<html><head><title>x</title><script>var a = 1;</script></head><body></body></html>"
    )
    assert problem(page) == "no article text found"


def test_broken_front_matter_names_the_file_and_line() -> None:
    message = problem(FIXTURES / "broken-front-matter.md")
    assert message.startswith("broken YAML front matter at line")


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(InputError, match="unknown document kind 'pdf'"):
        load_bytes(b"<p>text</p>", "x.html", kind="pdf")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        ("<div><p>Hello</p><p>world</p></div>", "html"),
        ("---\ntitle: x\n---\nBody", "markdown"),
        ("# Heading\n\nSome *text*.", "markdown"),
        ("Plain words.\n\nMore plain words.", "text"),
    ],
)
def test_unknown_suffixes_are_sniffed(tmp_path: Path, text: str, kind: str) -> None:
    assert sniff_kind(text) == kind
    page = tmp_path / "article.unknown"
    page.write_text(text, encoding="utf-8")
    assert load_file(page).kind == kind


TAGS = st.sampled_from(
    ["p", "div", "article", "main", "img", "a", "figure", "figcaption", "h1", "h2", "br",
     "script", "style", "span", "ul", "li", "table", "td", "base", "meta", "noscript",
     "section", "aside", "nav", "footer", "blockquote", "pre", "svg", "!--", "?xml"]
)  # fmt: skip
ATTRS = st.sampled_from(
    ["", ' class="caption"', " hidden", ' style="display:none"', ' aria-hidden="true"',
     ' href="x"', ' src="data:"', ' href="http://[::1"', ' class="related"', ' width="1"',
     ' itemprop="articleBody"', ' data-src="/a.jpg"', ' charset="utf-16"', ' class="credit"']
)  # fmt: skip
PIECE = st.one_of(
    st.builds("<{}{}>".format, TAGS, ATTRS),
    st.builds("</{}>".format, TAGS),
    st.text(max_size=40),
)
HTML_NOISE = st.lists(PIECE, max_size=60).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    data=st.one_of(
        st.binary(max_size=400),
        HTML_NOISE.map(lambda text: text.encode("utf-8", "surrogatepass")),
        st.builds(
            lambda front, body: f"---\n{front}\n---\n{body}".encode("utf-8", "surrogatepass"),
            st.text(max_size=80),
            st.text(max_size=80),
        ),
    ),
    kind=st.sampled_from([None, "html", "markdown", "text"]),
    url=st.sampled_from([None, "https://example.com/a/b", "http://[::1", "not a url"]),
)
def test_nothing_but_input_error_escapes_for_any_bytes(
    data: bytes, kind: str | None, url: str | None
) -> None:
    try:
        document = load_bytes(data, "fuzz.html", kind=kind, url=url)
    except InputError as error:
        assert error.path == "fuzz.html"
        assert error.problem
    else:
        assert document.blocks
        for block in document.blocks:
            assert document.body_text[block.start : block.end] == block.text
