"""Loaders and engine under fuzzing: whatever the bytes, only InputError (or an errored result).

The strategies live in hostile_strategies.py, shared with benchmarks/hostile.py, which runs
tens of thousands of these inputs with a wall-clock limit each; here a few hundred per strategy,
derandomized so that CI sees the same inputs every run.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hostile_strategies import FRONT_MATTERS, STRATEGIES, Hostile
from hypothesis import HealthCheck, given, settings

from checker import check_document
from checker.cli import cli
from checker.document import Document
from checker.engine import CheckRequest, PackCache, check_article
from checker.errors import InputError
from checker.loaders import load_bytes

KINDS = {".html": "html", ".md": "markdown", ".txt": "text", "": None}
SOURCE = Path(__file__).parent.parent / "examples" / "bloomberg-source.html"
FUZZ = settings(
    max_examples=200,
    derandomize=True,  # the same inputs on every run and machine
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
ENGINE = settings(FUZZ, max_examples=60)
# The strategies' front matters hold YAML tags that would `touch` this file if a loader ran
# them: the canary. The fuzz tests fail if it appears, and `test_the_canary_*` below feed every
# such tag on its own (rewritten to a private path) and first show that the tag is live.
CANARY_TAG = re.compile(r"touch (\S+?)'")
CANARY = Path(next(m.group(1) for text in FRONT_MATTERS if (m := CANARY_TAG.search(text))))
CODE_TAGS = [text for text in FRONT_MATTERS if "!!python" in text]


@pytest.fixture
def canary_watch() -> Iterator[None]:
    """Fails the test if the strategies' canary file appears while it runs."""
    CANARY.unlink(missing_ok=True)  # left by an earlier broken run, not by this one
    yield
    assert not CANARY.exists(), f"a YAML tag from the fuzz inputs ran code: {CANARY} was created"


def strings_of(document: Document) -> Iterator[str]:
    yield document.title
    yield from (block.text for block in document.blocks)
    for image in document.images:
        yield from (image.src, image.alt, image.title, image.caption, image.credit)
    for link in document.links:
        yield from (link.href, link.url, link.text)
    yield from document.hidden_text


def assert_sound(document: Document) -> None:
    assert document.blocks
    for block in document.blocks:
        assert document.body_text[block.start : block.end] == block.text
    for text in strings_of(document):
        # Reports write UTF-8: a lone surrogate (from "&#xD800;") would crash every writer.
        text.encode("utf-8")
        assert "\x00" not in text


def load_or_input_error(item: Hostile) -> Document | None:
    name = f"fuzz{item.suffix}"
    try:
        document = load_bytes(item.data, name, kind=KINDS[item.suffix])
    except InputError as error:
        assert error.path == name
        assert error.problem and "\n" not in error.problem  # the CLI prints it as one line
        return None
    assert_sound(document)
    return document


@pytest.mark.parametrize("name", list(STRATEGIES))
@pytest.mark.usefixtures("canary_watch")
def test_load_bytes_raises_nothing_but_input_error(name: str) -> None:
    @FUZZ
    @given(STRATEGIES[name])
    def run(item: Hostile) -> None:
        load_or_input_error(item)

    run()


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile")


@pytest.mark.parametrize("name", list(STRATEGIES))
@pytest.mark.usefixtures("canary_watch")
def test_the_engine_returns_a_result_or_an_error_for_any_file(name: str, workdir: Path) -> None:
    packs = PackCache()

    @ENGINE
    @given(STRATEGIES[name])
    def run(item: Hostile) -> None:
        path = workdir / f"article{item.suffix}"
        path.write_bytes(item.data)
        result = check_article(
            CheckRequest(str(path), source=str(SOURCE), rules=("default",)), packs
        )
        if result.error is not None:
            assert result.error.startswith(f"{path}: ")
            assert "\n" not in result.error
        else:
            assert result.article_doc is not None
            assert_sound(result.article_doc)

    run()


def private(tag: str, canary: Path) -> str:
    return CANARY_TAG.sub(f"touch {canary}'", tag)


@pytest.mark.parametrize("tag", [t for t in CODE_TAGS if CANARY_TAG.search(t)])
def test_the_canary_tags_run_under_an_unsafe_loader(tmp_path: Path, tag: str) -> None:
    # The canary is live: a payload that ran nothing observable (`os.system('true')`) would
    # prove nothing when the file is found missing.
    canary = tmp_path / "canary"
    yaml.unsafe_load(private(tag, canary))
    assert canary.exists()


@pytest.mark.parametrize("tag", CODE_TAGS)
def test_the_canary_tags_in_front_matter_run_nothing(tmp_path: Path, tag: str) -> None:
    canary = tmp_path / "canary"
    page = f"---\n{private(tag, canary)}\n---\n# Title\n\nThe council said so.\n"
    with pytest.raises(InputError, match="broken YAML front matter"):
        load_bytes(page.encode(), "a.md", kind="markdown")
    with pytest.raises(InputError, match="broken YAML front matter"):
        check_document(page, kind="markdown", packs=["default"])
    assert not canary.exists()


# ---------------------------------------------------------------------------------------------
# Each encoding trick on its own, with what it must come out as.

PAGE = "<html><head>{meta}</head><body><article><h1>Übersicht</h1><p>{text}</p></article></body></html>"
TEXT = "Москва: the council voted, café, 東京."


def html(text: str = TEXT, meta: str = "") -> str:
    return PAGE.format(meta=meta, text=text)


def test_a_bom_outranks_the_declared_charset() -> None:
    data = codecs.BOM_UTF8 + html(meta='<meta charset="windows-1251">').encode("utf-8")
    document = load_bytes(data, "a.html")
    assert document.encoding == "utf-8"
    assert TEXT in document.body_text


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_bom_load(codec: str) -> None:
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(codec, b"")
    document = load_bytes(bom + html(meta='<meta charset="utf-8">').encode(codec), "a.html")
    assert TEXT in document.body_text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_a_clear_error(codec: str) -> None:
    # As in browsers, nothing but a BOM says UTF-16; half the bytes are NUL: not a page.
    with pytest.raises(InputError, match="binary data, not a page"):
        load_bytes(html(meta='<meta charset="utf-16">').encode(codec), "a.html")


def test_mixed_encodings_a_legacy_footer_in_a_utf8_page() -> None:
    """Mostly UTF-8 with a cp1251 footer: UTF-8 with the footer's bytes replaced, not mojibake."""
    body = html(text=" ".join([TEXT] * 40)).encode("utf-8")
    footer = "<p>Источник: Москва</p>".encode("cp1251")
    for data in (body + footer, body.replace(b"<head>", b'<head><meta charset="utf-8">') + footer):
        document = load_bytes(data, "a.html", kind="html")
        assert document.encoding == "utf-8"
        assert TEXT in document.body_text
        assert_sound(document)


def test_mixed_encodings_mostly_legacy_are_still_guessed() -> None:
    data = html(text="Москва, " * 20).encode("cp1251", "replace") + "<p>café</p>".encode()
    document = load_bytes(data, "a.html", kind="html")
    assert document.encoding != "utf-8"  # which legacy one is charset-normalizer's guess


def test_nul_bytes_are_dropped_from_the_text() -> None:
    data = html(text="the coun\x00cil voted\x00 " + TEXT * 20).encode("utf-8")
    document = load_bytes(data, "a.html")
    assert "the council voted" in document.body_text
    assert_sound(document)


@pytest.mark.parametrize("entity", ["&#xD800;", "&#xDFFF;", "&#55296;", "&#0;", "&#x110000;"])
@pytest.mark.parametrize("kind", ["html", "markdown"])
def test_numeric_entities_for_lone_surrogates_become_replacement_characters(
    entity: str, kind: str
) -> None:
    text = f"Surrogate {entity} here, in a sentence of words."
    page = html(text=text) if kind == "html" else f"# Title\n\n{text}\n"
    document = load_bytes(page.encode(), f"a.{kind}", kind=kind)
    assert "Surrogate" in document.body_text
    assert_sound(document)


@pytest.mark.parametrize(
    "overlong", [b"\xc0\xaf", b"\xe0\x80\xaf", b"\xf0\x80\x80\xaf", b"\xed\xa0\x80", b"\xc0\x80"]
)
def test_overlong_and_surrogate_utf8_is_never_decoded_as_its_character(overlong: bytes) -> None:
    data = html(text="a path ").encode().replace(b"a path ", b"a path " + overlong + b"etc")
    document = load_bytes(data, "a.html")
    assert "/etc" not in document.body_text  # an overlong "/" must not turn into one
    assert_sound(document)


# ---------------------------------------------------------------------------------------------
# And through the command line: exit 0, 1 or 2, never a traceback.

HOSTILE_FILES = {
    "utf16-no-bom.html": html().encode("utf-16-le"),
    # {canary} becomes a path in the test's own directory, which must still not exist after.
    "front-matter-tag.md": b"---\nx: !!python/object/apply:os.system ['touch {canary}']\n---\n# T\n\nBody.\n",
    "unterminated.md": b"---\ntitle: never closed\n# T\n\nBody.\n",
    "surrogates.html": html(text="&#xD800; &#xDFFF; text").encode(),
    "nul.txt": b"Some words\x00 in a file\x00 with NULs.",
    "binary.html": b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
    "list.md": b"---\n- a\n- b\n---\n# T\n\nBody.\n",
}


@pytest.mark.parametrize("name", list(HOSTILE_FILES))
def test_the_cli_never_shows_a_traceback(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    canary = tmp_path / "canary"
    path.write_bytes(HOSTILE_FILES[name].replace(b"{canary}", str(canary).encode()))
    outcome = CliRunner().invoke(cli, ["check", str(path), "--source", str(SOURCE)])
    assert outcome.exit_code in (0, 1, 2), outcome.output
    assert outcome.exception is None or isinstance(outcome.exception, SystemExit)
    assert "Traceback" not in outcome.output
    errors = [line for line in outcome.stderr.splitlines() if line.startswith("syndicheck: error")]
    if outcome.exit_code == 2:
        assert errors == [errors[0]] and str(path) in errors[0]
    assert not canary.exists()
