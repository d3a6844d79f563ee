"""The package's modules import one another in one direction only: no import cycles.

The graph is built from the source (every `import` and `from ... import`, at any depth, typing
imports included), so a cycle that only shows under `TYPE_CHECKING` or inside a function still
fails here. `from package import submodule` is an edge to the submodule alone.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "checker"


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def import_graph() -> dict[str, set[str]]:
    modules = _modules()

    def owner(name: str) -> str:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name

    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [f"{node.module}.{alias.name}" for alias in node.names]
                submodules = [n for n in names if n in modules]
                targets = submodules if len(submodules) == len(names) else [node.module]
                targets += submodules
            for target in targets:
                if target.startswith("checker"):
                    resolved = owner(target)
                    if resolved and resolved != name:
                        graph[name].add(resolved)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_graph_sees_the_package_s_real_imports() -> None:
    graph = import_graph()
    assert "checker.loaders.walk" in graph["checker.loaders.html"]
    assert "checker.findings" in graph["checker.suppress"]


def test_no_import_cycles_in_the_package() -> None:
    assert cycles(import_graph()) == []


def test_records_do_not_import_the_machinery() -> None:
    """Plain records sit at the bottom: they name no loader, engine, pack reader or report."""
    graph = import_graph()
    records = (
        "checker.document",
        "checker.evidence",
        "checker.findings",
        "checker.pack_model",
        "checker.rule_ref",
        "checker.severity",
        "checker.imagemeta.model",
    )
    allowed = set(records) | {"checker.overlap", "checker.overlap.model"}
    for record in records:
        assert graph[record] <= allowed, (record, graph[record] - allowed)
