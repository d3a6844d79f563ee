"""syndicheck: checks that a republished article honours the terms of its source.

The names below are imported when first used (PEP 562 `__getattr__`), not when the package
is: `syndicheck --version` and every command start by importing this package, and the whole
checker behind these names is most of a start-up's time.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from checker.version import __version__

if TYPE_CHECKING:
    from checker.core import PackCache, Session, check_document
    from checker.document import Block, Document, Image, Link, Metadata
    from checker.engine import CheckRequest, check_article, check_articles
    from checker.errors import CheckerError, InputError, PackError, UsageError
    from checker.findings import ArticleResult, Finding, Location, RunResult, Severity
    from checker.loaders import load_document, load_file
    from checker.overlap import Alignment, Passage, align
    from checker.packs import Pack, Rule, load_pack
    from checker.report import render

_WHERE = {
    "checker.core": ("PackCache", "Session", "check_document"),
    "checker.document": ("Block", "Document", "Image", "Link", "Metadata"),
    "checker.engine": ("CheckRequest", "check_article", "check_articles"),
    "checker.errors": ("CheckerError", "InputError", "PackError", "UsageError"),
    "checker.findings": ("ArticleResult", "Finding", "Location", "RunResult", "Severity"),
    "checker.loaders": ("load_document", "load_file"),
    "checker.overlap": ("Alignment", "Passage", "align"),
    "checker.packs": ("Pack", "Rule", "load_pack"),
    "checker.report": ("render",),
}
_MODULE_OF = {name: module for module, names in _WHERE.items() for name in names}


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'checker' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_MODULE_OF])


__all__ = [
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
