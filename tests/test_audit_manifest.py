"""Reading what an audit checks: CSV and JSON Lines manifests, and folders of articles."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from checker.audit.manifest import read_input
from checker.errors import InputError


def test_csv_paths_are_relative_to_the_manifest(tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    manifest = folder / "week.csv"
    manifest.write_text(
        "article,source,publisher,source_url,rules\n"
        "a/one.md,src/one.html,Gazette,https://g.example/1,default; strict.yml\n"
        "a/two.md,,,,\n",
        encoding="utf-8",
    )
    read = read_input(str(manifest))
    assert read.errors == ()
    one, two = read.entries
    assert one.key == "a/one.md"
    assert one.article == os.path.normpath(folder / "a/one.md")
    assert one.source == os.path.normpath(folder / "src/one.html")
    assert (one.publisher, one.source_url) == ("Gazette", "https://g.example/1")
    assert one.rules == ("default", os.path.normpath(folder / "strict.yml"))
    assert (two.source, two.publisher, two.rules) == (None, None, ())


def test_bad_csv_rows_are_named_and_the_rest_kept(tmp_path: Path) -> None:
    manifest = tmp_path / "m.csv"
    manifest.write_text(
        "article,source\nfirst.md,s.html\n,s.html\nfirst.md,\nthird.md,s.html,extra\nfourth.md,\n",
        encoding="utf-8",
    )
    read = read_input(str(manifest))
    assert [e.key for e in read.entries] == ["first.md", "fourth.md"]
    assert [str(e) for e in read.errors] == [
        f"{manifest}:3: no `article` given",
        f"{manifest}:4: first.md is already on line 2",
        f"{manifest}:5: more cells than the header has columns",
    ]


def test_a_csv_without_an_article_column_is_refused(tmp_path: Path) -> None:
    manifest = tmp_path / "m.csv"
    manifest.write_text("path,source\na.md,b.html\n", encoding="utf-8")
    with pytest.raises(InputError, match="article"):
        read_input(str(manifest))


def test_jsonl_rows_with_lists_and_bad_lines(tmp_path: Path) -> None:
    manifest = tmp_path / "m.jsonl"
    manifest.write_text(
        '{"article": "a.md", "rules": ["default"], "publisher": "Gazette"}\n'
        "\n"
        "{not json\n"
        '["a list"]\n'
        '{"article": "b.md", "colour": "red"}\n'
        '{"article": "c.md", "source": 5}\n'
        '{"article": "d.md", "source": "https://example.com/story"}\n',
        encoding="utf-8",
    )
    read = read_input(str(manifest))
    assert [e.key for e in read.entries] == ["a.md", "d.md"]
    assert read.entries[0].rules == ("default",)
    assert read.entries[1].source == "https://example.com/story"  # the engine judges URLs
    assert [(e.row, e.problem.split(":")[0]) for e in read.errors] == [
        (3, "invalid JSON"),
        (4, "each line must be a JSON object"),
        (5, "unknown key(s) colour (known"),
        (6, "`source` must be text, not int"),
    ]


def test_a_folder_lists_its_markdown_articles(tmp_path: Path) -> None:
    (tmp_path / "2024" / "05").mkdir(parents=True)
    (tmp_path / ".drafts").mkdir()
    (tmp_path / "2024" / "05" / "b.md").write_text("---\nsource: x.html\n---\nText\n")
    (tmp_path / "a.markdown").write_text("Text\n")
    (tmp_path / "x.html").write_text("<p>a source, not an article</p>")
    (tmp_path / ".drafts" / "c.md").write_text("Draft\n")
    read = read_input(str(tmp_path))
    assert [e.key for e in read.entries] == ["2024/05/b.md", "a.markdown"]


def test_an_empty_folder_or_unknown_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no Markdown articles"):
        read_input(str(tmp_path))
    other = tmp_path / "list.txt"
    other.write_text("a.md\n")
    with pytest.raises(InputError, match=r"\.csv or \.jsonl"):
        read_input(str(other))
    with pytest.raises(InputError, match="no such manifest"):
        read_input(str(tmp_path / "missing.csv"))
