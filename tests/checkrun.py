"""Run one article through the real engine and pick out one check's findings."""

from __future__ import annotations

from typing import Any

from checker.engine import CheckRequest, check_article
from checker.findings import ArticleResult, Finding


def run(article: str, source: str | None = None, **options: Any) -> ArticleResult:
    # The checks' own tests use the default pack; `auto` would pick by publisher.
    options.setdefault("rules", ("default",))
    # The checks' own tests check every article, whether or not it declares a source.
    options.setdefault("check_undeclared", True)
    result = check_article(CheckRequest(article, source=source, **options))
    assert result.error is None, result.error
    return result


def findings_of(result: ArticleResult, check: str) -> list[Finding]:
    return [f for f in result.findings if f.check == check]
