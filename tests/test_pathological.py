"""Pathological page shapes: each loads, or stops with an InputError naming the file, and the
command line answers with exit 0, 1 or 2 and never a traceback.

Shapes that are cheap stay at the size the issue names (100,000 nested elements, 100,000 stray
tags, Markdown 100,000 deep, a 1 MB line, 5 MB of script). The three that take seconds at full
size are scaled to a twentieth here (5,000 images, 5,000 links, a 1 MB paragraph);
benchmarks/hostile.py measures all of them at full size.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from pathological_shapes import SHAPES

from checker.cli import cli
from checker.document import Document
from checker.engine import MAX_FINDINGS_PER_RULE
from checker.errors import InputError
from checker.loaders import load_file

SOURCE = Path(__file__).parent.parent / "examples" / "bloomberg-source.html"
SCALE = {"one-paragraph": 0.05, "images": 0.05, "links": 0.05}
REFUSED = {
    "nested": "cannot read the whole page: the HTML parser stopped at its limit "
    "(excessive depth in document: 2048)",
    "deep-markdown": "cannot render Markdown: quotes or lists nested more than 100 deep",
    "all-script": "no article text found",
}


@pytest.fixture(scope="module")
def shapes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("shapes")
    paths = {}
    for name, (_, make) in SHAPES.items():
        data, suffix = make(SCALE.get(name, 1.0))
        paths[name] = folder / f"{name}{suffix}"
        paths[name].write_bytes(data)
    return paths


def load(path: Path) -> Document | InputError:
    try:
        return load_file(path)
    except InputError as error:
        assert error.path == str(path)
        return error


@pytest.mark.parametrize("name", list(REFUSED))
def test_refused_shapes_stop_with_a_clear_input_error(shapes: dict[str, Path], name: str) -> None:
    outcome = load(shapes[name])
    assert isinstance(outcome, InputError)
    assert outcome.problem == REFUSED[name]


def test_a_long_paragraph_is_one_block(shapes: dict[str, Path]) -> None:
    document = load(shapes["one-paragraph"])
    assert isinstance(document, Document)
    (block,) = document.blocks
    assert len(block.text) > 900_000


def test_every_image_and_link_is_listed(shapes: dict[str, Path]) -> None:
    images = load(shapes["images"])
    assert isinstance(images, Document)
    assert len(images.body_images) == 5000
    links = load(shapes["links"])
    assert isinstance(links, Document)
    assert len(links.body_links) == 5000


def test_a_one_line_page_still_tells_elements_apart_by_column(shapes: dict[str, Path]) -> None:
    document = load(shapes["long-line"])
    assert isinstance(document, Document)
    assert len(document.links) > 7000
    columns = [link.column for link in document.links]
    assert len(set(columns)) == len(columns) and columns == sorted(columns)
    assert {link.line for link in document.links} == {1}


def test_deep_but_readable_pages_load_whole(shapes: dict[str, Path]) -> None:
    deep = load(shapes["nested-2k"])
    assert isinstance(deep, Document)
    assert (len(deep.blocks), len(deep.images), len(deep.links)) == (2000, 2000, 2000)
    stray = load(shapes["stray-end-tags"])
    assert isinstance(stray, Document)
    assert len(stray.blocks) == 2
    text = load(shapes["long-line-text"])
    assert isinstance(text, Document)
    assert len(text.blocks) == 1


@pytest.mark.parametrize("name", list(SHAPES))
def test_the_cli_answers_every_shape_without_a_traceback(
    shapes: dict[str, Path], name: str
) -> None:
    path = shapes[name]
    command = ["check", str(path), "--source", str(SOURCE), "--rules", "default"]
    outcome = CliRunner().invoke(cli, command)
    assert outcome.exception is None or isinstance(outcome.exception, SystemExit)
    assert "Traceback" not in outcome.output
    errors = outcome.stderr.splitlines()
    if name in REFUSED:
        assert outcome.exit_code == 2
        assert errors == [f"syndicheck: error: {path}: {REFUSED[name]}"]
    else:
        assert outcome.exit_code == 1  # none of them credits Bloomberg
        assert errors == []


def test_findings_of_one_rule_are_capped_with_a_count(shapes: dict[str, Path]) -> None:
    command = ["check", str(shapes["images"]), "--rules", "default", "--format", "json"]
    outcome = CliRunner().invoke(cli, command)
    assert outcome.exit_code == 1
    (result,) = json.loads(outcome.stdout)["results"]
    images = [f for f in result["findings"] if f["rule"] == "default/image-credit"]
    assert len(images) == MAX_FINDINGS_PER_RULE + 1
    more = [f for f in images if f["message"].startswith("and ")]
    assert [f["message"] for f in more] == ["and 4,900 more finding(s) of this rule, not listed"]
