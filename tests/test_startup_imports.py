"""Start-up: the command line imports only what every command needs (issue 14).

Each command imports the machinery it uses inside its own function; checked in a fresh
interpreter through sys.modules, so that nothing this test process imported counts.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from probe import last_line

HEAVY = ("http.client", "ssl", "jinja2", "dask", "PIL", "rich", "markdown_it", "sqlite3")


def _imported(code: str) -> set[str]:
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    return set(json.loads(last_line(probe)))


@pytest.mark.parametrize("code", ["import checker.cli", "import checker"])
def test_the_cli_imports_no_heavy_library(code: str) -> None:
    modules = _imported(code)
    assert sorted(name for name in HEAVY if name in modules) == []
    # Nor the checker behind the commands: the loaders, the checks, the lxml parser.
    assert "checker.loaders" not in modules
    assert "checker.checks" not in modules
    assert "lxml.etree" not in modules


def test_a_local_check_needs_no_network_stack_nor_pillow() -> None:
    modules = _imported("import checker.runner, checker.engine, checker.core")
    assert "http.client" not in modules
    assert "ssl" not in modules
    assert "PIL" not in modules
    assert "markdown_it" not in modules


def test_the_lazy_package_api_still_resolves_every_name() -> None:
    code = "import checker\nfor name in checker.__all__:\n    getattr(checker, name)"
    modules = _imported(code)
    assert "checker.engine" in modules


def test_an_unknown_attribute_is_an_attribute_error() -> None:
    import checker

    with pytest.raises(AttributeError, match="no_such_name"):
        _ = checker.no_such_name  # type: ignore[attr-defined]


def test_a_one_file_check_imports_no_glob_matcher_nor_temporary_files(tmp_path: Path) -> None:
    # A file named on the command line with no `exclude` and no ignore file needs no gitignore
    # matcher; a report on stdout needs no temporary file; no crash, no crash-log machinery.
    article = tmp_path / "article.html"
    article.write_text("<html><body><p>One paragraph of an article.</p></body></html>")
    code = (
        "import sys\nfrom checker.cli import main\n"
        f"sys.argv = ['syndicheck', 'check', {str(article)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    )
    modules = _imported(code)
    assert "checker.engine" in modules  # the check did run
    assert sorted(name for name in ("pathspec", "tempfile") if name in modules) == []
    # Nor the traceback module, which only a crash needs.
    assert "traceback" not in modules


def test_a_one_file_check_imports_only_the_checks_its_pack_uses(tmp_path: Path) -> None:
    # The default pack's kinds load; the other kinds' modules, fuzzy matching (only a missing
    # credit looks for a misspelt name) and the baseline's fingerprints are not imported.
    article = tmp_path / "article.html"
    article.write_text(
        "<html><body><article><p>One paragraph of an article.</p>"
        "<p>Originally published by Example News.</p></article></body></html>"
    )
    code = (
        "import sys\nfrom checker.cli import main\n"
        f"sys.argv = ['syndicheck', 'check', {str(article)!r}, '--publisher', 'Example News',"
        " '--rules', 'default']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    )
    modules = _imported(code)
    assert "checker.checks.source_credit" in modules  # the check did run
    unused = ("byline", "completeness", "embargo", "fidelity", "headline", "links_kept", "tracker")
    assert sorted(n for n in unused if f"checker.checks.{n}" in modules) == []
    assert sorted(n for n in ("rapidfuzz", "checker.baseline", "difflib") if n in modules) == []


def test_every_registered_kind_is_the_check_of_its_module() -> None:
    from checker.checks import KINDS, MODULES

    for name, module in MODULES.items():
        assert KINDS[name].name == name, module


def test_the_command_collects_its_young_objects_less_often_than_the_default() -> None:
    # Read as the command ends (an atexit handler: the command exits without returning).
    code = (
        "import atexit, gc, sys\nfrom checker.__main__ import COMMAND_GC_THRESHOLD, main\n"
        "atexit.register(lambda: print(gc.get_threshold()[0] == COMMAND_GC_THRESHOLD > 700))\n"
        "sys.argv = ['syndicheck', '--version']\nmain()"
    )
    assert last_line(code) == "True"
