"""What an audit checks: a manifest (CSV or JSON Lines) or a folder of front-matter articles.

A manifest row names an article and, optionally, its `source`, `publisher`, `source_url` and
`rules`; paths are relative to the manifest, so a manifest and its articles move together. A
row that cannot be used becomes a `RowError` naming the file and the row, and the other rows
are still checked: one bad line in a 10,000-row export should not stop a weekly audit.

Rows are named as compilers name lines, `manifest.csv:4:` (the line in the file, header
included), and each entry keeps its `origin` so that a problem found later, when the article
is checked (a missing file, a misspelt pack), names the row too.
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from checker.errors import InputError

COLUMNS = ("article", "source", "publisher", "source_url", "rules", "url")
# A line of `syndicheck crawl`'s manifest: the page's address, its cached body, the source it
# declares (fetched when the audit may use the network), and how the fetch went.
CRAWL_KEYS = frozenset({"url", "path", "source", "status", "error", "found_via"})
ROBOTS_REFUSED = "robots.txt disallows it (not fetched)"  # checker/crawl/robots.py's REFUSED
# Folder mode checks the files whose front matter can name a source: Markdown.
FOLDER_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
_RULE_SPLIT = re.compile(r"[;\s]+")


@dataclass(frozen=True)
class Entry:
    """One article to audit. `key` is its stable identity in the history database."""

    key: str  # as written in the manifest (or relative to the folder), with / separators
    article: str  # the path to read
    source: str | None = None
    publisher: str | None = None
    source_url: str | None = None
    rules: tuple[str, ...] = ()
    origin: str = ""  # `manifest.csv:4` for a manifest row; "" for a folder's article
    url: str | None = None  # the article's own address (its relative links resolve against it)


@dataclass(frozen=True)
class RowError:
    path: str
    row: int  # the row's 1-based line in the file (CSV: the header is line 1)
    problem: str

    def __str__(self) -> str:
        return f"{self.path}:{self.row}: {self.problem}"


@dataclass(frozen=True)
class Manifest:
    path: str
    entries: tuple[Entry, ...]
    errors: tuple[RowError, ...]


def read_input(path: str) -> Manifest:
    """A manifest file (by suffix: .csv, .jsonl/.ndjson) or a folder of articles."""
    target = Path(path)
    if target.is_dir():
        return read_folder(target)
    if not target.is_file():
        raise InputError(path, "no such manifest file or folder")
    suffix = target.suffix.lower()
    if suffix == ".csv":
        return read_rows(path, _csv_rows(target))
    if suffix in (".jsonl", ".ndjson", ".json"):
        return read_rows(path, _jsonl_rows(target))
    raise InputError(path, "a manifest must be .csv or .jsonl (JSON Lines), or a folder")


def read_folder(folder: Path) -> Manifest:
    files = sorted(
        p
        for p in folder.rglob("*")
        if p.suffix.lower() in FOLDER_SUFFIXES
        and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )
    entries = tuple(
        Entry(key=p.relative_to(folder).as_posix(), article=os.path.normpath(p)) for p in files
    )
    if not entries:
        raise InputError(str(folder), "the folder holds no Markdown articles (*.md)")
    return Manifest(str(folder), entries, ())


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"the manifest is not UTF-8 ({exc.reason})") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read the manifest: {exc.strerror or exc}") from None


def _csv_rows(path: Path) -> Iterator[tuple[int, Mapping[str, Any] | str]]:
    reader = csv.DictReader(_read_text(path).splitlines())
    header = [name.strip() for name in reader.fieldnames or ()]
    if "article" not in header:
        raise InputError(str(path), f"the CSV header must name an `article` column ({COLUMNS})")
    unknown = sorted(set(header) - set(COLUMNS) - {""})
    if unknown:
        raise InputError(str(path), f"unknown column(s) {', '.join(unknown)} (known: {COLUMNS})")
    reader.fieldnames = header
    for row in reader:
        number = reader.line_num  # the line the row ends on: its line unless a cell spans lines
        if None in row:  # more cells than the header names
            yield number, "more cells than the header has columns"
        else:
            yield number, row


def _jsonl_rows(path: Path) -> Iterator[tuple[int, Mapping[str, Any] | str]]:
    for number, line in enumerate(_read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, f"invalid JSON: {exc.msg} at column {exc.colno}"
            continue
        if not isinstance(value, dict):
            yield number, "each line must be a JSON object"
            continue
        if "found_via" in value and set(value) <= CRAWL_KEYS:
            if (row := _crawled(value)) is not None:
                yield number, row
            continue
        unknown = sorted(set(value) - set(COLUMNS))
        if unknown:
            yield number, f"unknown key(s) {', '.join(unknown)} (known: {', '.join(COLUMNS)})"
            continue
        yield number, value


def _crawled(line: dict[str, Any]) -> Mapping[str, Any] | str | None:
    """A crawl manifest's line as a row; a failed fetch is a row error; a page robots.txt
    kept the crawler from is no row at all (it was never the site's to audit)."""
    if line.get("error") == ROBOTS_REFUSED:
        return None
    if line.get("error") or not line.get("path"):
        return f"the crawl could not fetch {line.get('url')}: {line.get('error') or 'no body'}"
    return {"article": line["path"], "source": line.get("source"), "url": line.get("url")}


def read_rows(path: str, rows: Iterator[tuple[int, Mapping[str, Any] | str]]) -> Manifest:
    base = Path(path).parent
    entries: list[Entry] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    for number, row in rows:
        if isinstance(row, str):
            errors.append(RowError(path, number, row))
            continue
        try:
            entry = _entry(row, base, f"{path}:{number}")
        except ValueError as exc:
            errors.append(RowError(path, number, str(exc)))
            continue
        if entry.key in seen:
            problem = f"{entry.key} is already on line {seen[entry.key]}"
            errors.append(RowError(path, number, problem))
            continue
        seen[entry.key] = number
        entries.append(entry)
    return Manifest(path, tuple(entries), tuple(errors))


def _text(row: Mapping[str, Any], column: str) -> str | None:
    value = row.get(column)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"`{column}` must be text, not {type(value).__name__}")
    return value.strip() or None


def _rules(value: Any) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        return tuple(part for part in _RULE_SPLIT.split(value.strip()) if part)
    if isinstance(value, list) and all(isinstance(item, str) and item.strip() for item in value):
        return tuple(item.strip() for item in value)
    raise ValueError("`rules` must be pack names separated by ';' or a list of names")


def _local(base: Path, value: str) -> str:
    """A manifest path read relative to the manifest; URLs are left for the engine to judge."""
    if "://" in value:
        return value
    return os.path.normpath(base / value)


def _entry(row: Mapping[str, Any], base: Path, origin: str) -> Entry:
    article = _text(row, "article")
    if article is None:
        raise ValueError("no `article` given")
    source = _text(row, "source")
    rules = tuple(
        spec if not spec.endswith((".yml", ".yaml")) else _local(base, spec)
        for spec in _rules(row.get("rules"))
    )
    return Entry(
        key=PurePosixPath(article.replace("\\", "/")).as_posix(),
        article=_local(base, article),
        source=_local(base, source) if source else None,
        publisher=_text(row, "publisher"),
        source_url=_text(row, "source_url"),
        rules=rules,
        origin=origin,
        url=_text(row, "url"),
    )
