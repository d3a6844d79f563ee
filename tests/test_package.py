"""The public API and the packaging stay what we say they are."""

from __future__ import annotations

import tomllib
from pathlib import Path

import checker

ROOT = Path(__file__).resolve().parents[1]


def test_exported_members() -> None:
    assert sorted(checker.__all__) == [
        "Alignment",
        "ArticleResult",
        "Block",
        "CheckRequest",
        "CheckerError",
        "Document",
        "Finding",
        "Image",
        "InputError",
        "Link",
        "Location",
        "Metadata",
        "Pack",
        "PackCache",
        "PackError",
        "Passage",
        "Rule",
        "RunResult",
        "Session",
        "Severity",
        "UsageError",
        "__version__",
        "align",
        "check_article",
        "check_articles",
        "check_document",
        "load_document",
        "load_file",
        "load_pack",
        "render",
    ]
    for name in checker.__all__:
        assert hasattr(checker, name), name


def test_every_subpackage_is_packaged() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "checker").rglob("__init__.py")
    }
    assert on_disk <= listed
    assert config["project"]["version"] == checker.__version__
