from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.errors import InputError
from checker.loaders.decode import binary_kind, declared_charset, decode_bytes, normalise_label

FIXTURES = Path(__file__).parent / "fixtures" / "loaders"
RUSSIAN = "Переговоры между Россией и США возобновятся 10 апреля в Стамбуле."


def test_windows_1251_with_a_declared_charset() -> None:
    decoded = decode_bytes((FIXTURES / "cp1251-declared.html").read_bytes(), "page.html")
    assert decoded.encoding == "cp1251"
    assert decoded.declared == "cp1251"
    assert RUSSIAN in decoded.text


def test_windows_1251_without_a_declared_charset_is_guessed() -> None:
    decoded = decode_bytes((FIXTURES / "cp1251-undeclared.html").read_bytes(), "page.html")
    assert decoded.encoding == "cp1251"
    assert decoded.declared is None
    assert RUSSIAN in decoded.text


def test_valid_utf8_wins_over_a_stale_declaration() -> None:
    # A page re-saved as UTF-8 that still says windows-1251 in its <meta>.
    decoded = decode_bytes((FIXTURES / "utf8-stale-charset.html").read_bytes(), "page.html")
    assert decoded.encoding == "utf-8"
    assert decoded.declared == "cp1251"
    assert RUSSIAN in decoded.text


def test_the_declaration_decides_when_the_bytes_are_not_utf8() -> None:
    page = '<meta charset="iso-8859-1"><p>Café “déjà vu”</p>'.encode("cp1252")
    decoded = decode_bytes(page, "page.html")
    # WHATWG: the latin-1 label means windows-1252, which has the curly quotes.
    assert decoded.encoding == "cp1252"
    assert "Café “déjà vu”" in decoded.text


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("<p>Привет, мир</p>", "cp1251"),
        ("<p>Café déjà vu, naïve façade</p>", "cp1252"),
        ("<p>日本語のテキストです。東京都</p>", "shift_jis"),
        ("<p>한국어 텍스트입니다 서울</p>", "euc-kr"),
    ],
)
def test_short_undeclared_pages_in_other_scripts(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding), "page.html").text == text


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
    ],
)
def test_a_bom_comes_first(bom: bytes, encoding: str) -> None:
    # Even against a declaration that says otherwise.
    page = '<meta charset="windows-1251"><p>Ünïcödé</p>'
    decoded = decode_bytes(bom + page.encode(encoding), "page.html")
    assert decoded.text == page
    assert decoded.encoding == encoding


def test_declared_charset_forms() -> None:
    assert declared_charset(b'<?xml version="1.0" encoding="koi8-r"?><html>') == "koi8-r"
    assert (
        declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">')
        == "utf-8"
    )
    assert declared_charset(b"---\ntitle: x\ncharset: windows-1251\n---\nbody") == "cp1251"
    assert declared_charset(b"<p>no declaration</p>") is None
    assert normalise_label("no-such-charset") is None


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"GIF89a\x01\x00\x01\x00", "GIF image"),
        (b"%PDF-1.7\n%\xe2\xe3", "PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive"),
        (b"<html>\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00</html>", "binary data"),
    ],
)
def test_binary_data_is_refused_by_name(data: bytes, kind: str) -> None:
    assert binary_kind(data) == kind
    with pytest.raises(InputError, match=f"binary data, not a page \\({kind}\\)"):
        decode_bytes(data, "photo.html")


def test_a_stray_nul_in_a_long_page_is_not_binary() -> None:
    page = b"<p>" + b"word " * 400 + b"\x00</p>"
    assert binary_kind(page) is None
    assert "word" in decode_bytes(page, "page.html").text


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=200),
        st.text(max_size=100).map(lambda text: text.encode("utf-8", "replace")),
        st.text(max_size=100).map(lambda text: codecs.BOM_UTF8 + text.encode("utf-8", "replace")),
    )
)
def test_the_utf8_passed_on_is_the_text_encoded(data: bytes) -> None:
    """The parser is given these bytes for the text: they must be exactly its UTF-8."""
    try:
        decoded = decode_bytes(data, "page.html")
    except InputError:
        return
    if decoded.utf8 is not None:
        assert decoded.utf8 == decoded.text.encode("utf-8", errors="replace")
