"""Renderers: one module per format, each a pure `render(run: RunResult) -> str`.

They format findings; they never compute anything new. The registry maps a `--format`
name to its module, imported only when chosen so a text run never loads jinja2.
"""

from __future__ import annotations

import importlib
from typing import Protocol

from checker.findings import ArticleResult, RunResult


class Renderer(Protocol):
    def __call__(self, run: RunResult) -> str: ...


RENDERERS: dict[str, str] = {
    "text": "checker.report.text",
    "json": "checker.report.json_format",
    "sarif": "checker.report.sarif",
    "junit": "checker.report.junit",
    "github": "checker.report.github",
    "html": "checker.report.html",
}


def get_renderer(name: str) -> Renderer:
    module = importlib.import_module(RENDERERS[name])
    renderer: Renderer = module.render
    return renderer


def render(result: RunResult | ArticleResult, name: str) -> str:
    """`result` in the format `name` ("text", "json", "sarif", "junit", "github", "html")."""
    if isinstance(result, ArticleResult):
        from checker.version import __version__

        result = RunResult.of([result], tool_version=__version__)
    return get_renderer(name)(result)
