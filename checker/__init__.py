"""syndicheck: checks that a republished article honours the terms of its source."""

from __future__ import annotations

from checker.core import PackCache, Session, check_document
from checker.document import Block, Document, Image, Link, Metadata
from checker.engine import CheckRequest, check_article, check_articles
from checker.errors import CheckerError, InputError, PackError, UsageError
from checker.findings import (
    ArticleResult,
    Finding,
    Location,
    RunResult,
    Severity,
)
from checker.loaders import load_document, load_file
from checker.overlap import Alignment, Passage, align
from checker.packs import Pack, Rule, load_pack
from checker.report import render
from checker.version import __version__

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
