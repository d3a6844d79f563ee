"""Rule packs written by users: patterns compiled at load and matched with a time bound, and a
pack that can neither read files nor run code, whatever it says."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from checker import patterns
from checker.checks import all_checks
from checker.cli import cli
from checker.engine import CheckRequest, check_article
from checker.errors import InputError, PackError
from checker.loaders import load_bytes
from checker.packs import load_pack
from checker.patterns import PatternTimeout, compile_pattern

CATASTROPHIC = "(a+)+$"
# "a" * 5000 + "b": `(a+)+$` backtracks through every way of splitting the run before failing.
TRAP = "a" * 5000 + "b"
ARTICLE = f"""<html><head><title>Budget passes</title></head><body><article>
<h1>Budget passes</h1>
<p>The council voted on Tuesday to approve the budget for the coming year, officials said.</p>
<p>{TRAP}</p>
<p>This article was originally published by Bloomberg. Creative Commons licence.</p>
</article></body></html>"""


def write_pack(tmp_path: Path, rules: str, name: str = "mine") -> Path:
    path = tmp_path / f"{name}.yml"
    path.write_text(f"name: {name}\nrules:\n{rules}", encoding="utf-8")
    return path


def licence_rule(named_as: str, severity: str = "error") -> str:
    return f"""  - id: named
    check: licence-notice
    severity: {severity}
    message: "Licence not named: {{detail}}"
    params: {{require_link: false, named_as: '{named_as}'}}
"""


def test_a_catastrophic_pattern_is_skipped_with_a_finding(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, licence_rule(CATASTROPHIC))
    article = tmp_path / "article.html"
    article.write_text(ARTICLE, encoding="utf-8")
    result = check_article(CheckRequest(str(article), rules=(str(pack),), check_undeclared=True))
    assert result.error is None
    (finding,) = [f for f in result.findings if f.rule == "mine/named"]
    assert finding.message.startswith(f"pattern '{CATASTROPHIC}' in rule mine/named took too long")
    assert "was skipped" in finding.message
    assert finding.evidence == CATASTROPHIC
    assert finding.severity.label == "error"  # fail closed: an unchecked rule is not a pass


def test_the_cli_reports_the_skipped_rule_and_fails(tmp_path: Path) -> None:
    pack = write_pack(tmp_path, licence_rule(CATASTROPHIC))
    article = tmp_path / "article.html"
    article.write_text(ARTICLE, encoding="utf-8")
    outcome = CliRunner().invoke(
        cli, ["check", str(article), "--rules", str(pack), "--publisher", "Bloomberg"]
    )
    assert outcome.exit_code == 1, outcome.output
    assert "mine/named" in outcome.stdout and "took too long" in outcome.stdout
    assert "Traceback" not in outcome.output


def test_the_time_bound_is_shared_by_a_rules_patterns(tmp_path: Path) -> None:
    """Twenty trap paragraphs give one finding: the budget covers the rule, not each match."""
    rules = """  - id: story
    check: completeness
    severity: warning
    message: "Incomplete: {detail}"
    params: {ignore: ['(a+)+$']}
"""
    pack = write_pack(tmp_path, rules)
    body = "".join(f"<p>{TRAP}</p>" for _ in range(20))
    page = f"<html><body><article><h1>T</h1><p>Words of the story here.</p>{body}</article></body></html>"
    article, source = tmp_path / "article.html", tmp_path / "source.html"
    article.write_text(page, encoding="utf-8")
    source.write_text(page, encoding="utf-8")
    result = check_article(CheckRequest(str(article), source=str(source), rules=(str(pack),)))
    skipped = [f for f in result.findings if "took too long" in f.message]
    assert len(skipped) == 1


def test_search_raises_pattern_timeout_outside_a_budget() -> None:
    with pytest.raises(PatternTimeout) as caught:
        patterns.search(CATASTROPHIC, TRAP)
    assert caught.value.pattern == CATASTROPHIC


def test_a_spent_budget_stops_the_next_match_at_once() -> None:
    with patterns.budget(0.0), pytest.raises(PatternTimeout):
        patterns.search("easy", "an easy text")


def test_patterns_are_compiled_once_when_the_pack_loads(tmp_path: Path) -> None:
    pattern = r"\bnever\s+seen\s+before\b"
    pack = write_pack(tmp_path, licence_rule(pattern, "warning"))
    compile_pattern.cache_clear()
    load_pack(str(pack))
    misses = compile_pattern.cache_info().misses
    assert compile_pattern.cache_info().currsize >= 1
    article = tmp_path / "article.html"
    article.write_text(ARTICLE.replace(TRAP, "plain words"), encoding="utf-8")
    result = check_article(CheckRequest(str(article), rules=(str(pack),), check_undeclared=True))
    assert [f.rule for f in result.findings] == ["mine/named"]  # the pattern ran, and missed
    assert compile_pattern.cache_info().misses == misses  # ... from the cache


def test_patterns_match_case_insensitively_as_before() -> None:
    assert patterns.search(r"read\s+the\s+FULL", "Read the full article") is not None


@pytest.mark.parametrize("pattern", ["(unclosed", "a{2,1}", "*x", "[z-a]", r"\p{Nope}"])
def test_a_bad_pattern_names_the_file_and_the_rule(tmp_path: Path, pattern: str) -> None:
    pack = write_pack(tmp_path, licence_rule(pattern))
    with pytest.raises(PackError) as caught:
        load_pack(str(pack))
    message = str(caught.value)
    assert str(pack) in message and "rule named" in message
    assert "parameter named_as: bad regular expression" in message


# ---------------------------------------------------------------------------------------------
# A pack cannot run code or read files.

CANARY = "syndicheck-canary"

YAML_TAGS = [
    "!!python/object/apply:os.system ['touch {canary}']",
    "!!python/object/apply:subprocess.check_call [['touch', '{canary}']]",
    "!!python/object/new:subprocess.Popen [['touch', '{canary}']]",
    "!!python/name:os.system",
    "!!python/module:os",
]


@pytest.mark.parametrize("tag", YAML_TAGS)
def test_yaml_tags_in_a_pack_are_refused_and_run_nothing(tmp_path: Path, tag: str) -> None:
    canary = tmp_path / CANARY
    value = tag.format(canary=canary)
    for text in (
        f"name: mine\ndescription: {value}\nrules:\n{licence_rule('x')}",
        f"name: mine\nrules:\n{licence_rule('x')}    description: {value}\n",
        f"{value}\n",
    ):
        path = tmp_path / "pack.yml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(PackError, match="invalid YAML"):
            load_pack(str(path))
    assert not canary.exists()


@pytest.mark.parametrize("tag", YAML_TAGS)
def test_yaml_tags_in_front_matter_are_refused_and_run_nothing(tmp_path: Path, tag: str) -> None:
    canary = tmp_path / CANARY
    page = f"---\ntitle: {tag.format(canary=canary)}\n---\n# Title\n\nBody text.\n"
    with pytest.raises(InputError, match="broken YAML front matter"):
        load_bytes(page.encode(), "a.md", kind="markdown")
    assert not canary.exists()


BOMB = "\n".join(
    ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
)


def test_an_alias_bomb_in_a_pack_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "pack.yml"
    path.write_text(f"{BOMB}\nname: mine\nrules:\n{licence_rule('x')}", encoding="utf-8")
    with pytest.raises(PackError, match="expands to over 100,000 values"):
        load_pack(str(path))


def test_an_alias_bomb_in_front_matter_is_refused() -> None:
    page = f"---\n{BOMB}\n---\n# Title\n\nBody text.\n"
    with pytest.raises(InputError, match="front matter expands to over 100,000 values"):
        load_bytes(page.encode(), "a.md", kind="markdown")


@pytest.mark.parametrize(
    "template",
    ["{publisher.__class__}", "{detail.__class__.__mro__}", "{values[0]}", "{0}", "{}",
     "{detail:>999999999}", "{detail!r}"],
)  # fmt: skip
def test_message_templates_are_plain_names(tmp_path: Path, template: str) -> None:
    rule = licence_rule("x").replace("Licence not named: {detail}", template)
    pack = write_pack(tmp_path, rule)
    with pytest.raises(PackError) as caught:
        load_pack(str(pack))
    assert "is not a plain name such as {detail}" in str(caught.value)
    assert "rule named" in str(caught.value)


@pytest.mark.parametrize(
    "spec", ["/etc/passwd", "/proc/self/environ", "../../../../etc/hostname", "./key.pem"]
)
def test_extends_only_reads_yaml_files(tmp_path: Path, spec: str) -> None:
    (tmp_path / "key.pem").write_text("SECRET", encoding="utf-8")
    path = tmp_path / "pack.yml"
    path.write_text(f"name: mine\nextends: {spec}\nrules:\n{licence_rule('x')}", "utf-8")
    with pytest.raises(PackError, match=r"must end in \.yml or \.yaml"):
        load_pack(str(path))


def test_front_matter_cannot_make_a_non_yaml_file_a_pack(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text(
        "---\nrules: [/etc/passwd]\n---\n# Title\n\nThe council voted.\n", encoding="utf-8"
    )
    result = check_article(CheckRequest(str(article), check_undeclared=True))
    assert result.error == "/etc/passwd: a rule pack file must end in .yml or .yaml"


def test_list_parameters_hold_only_strings(tmp_path: Path) -> None:
    rule = """  - id: credit
    check: source-credit
    severity: error
    message: "No credit: {detail}"
    params: {aliases: [{a: b}, [c]]}
"""
    with pytest.raises(PackError, match="parameter aliases must be a list of strings"):
        load_pack(str(write_pack(tmp_path, rule)))


def test_an_optional_date_group_that_matched_nothing_is_no_crash(tmp_path: Path) -> None:
    rules = """  - id: hold
    check: embargo
    severity: error
    message: "Embargo: {detail}"
    params: {notes: ['embargoed(?P<date>\\s+until\\s+\\w+)?']}
"""
    pack = write_pack(tmp_path, rules)
    article, source = tmp_path / "article.html", tmp_path / "source.html"
    page = "<html><body><article><h1>T</h1><p>{}</p></article></body></html>"
    article.write_text(page.format("The council voted on the budget."), encoding="utf-8")
    source.write_text(page.format("This story is embargoed. The council voted."), "utf-8")
    result = check_article(CheckRequest(str(article), source=str(source), rules=(str(pack),)))
    assert result.error is None
    assert [f for f in result.findings if f.rule == "mine/hold"] == []


# Audit hooks cannot be removed, so one hook is installed for the session and only records
# while `_watching` is on.
_events: list[tuple[str, tuple[Any, ...]]] = []
_watching: list[bool] = [False]
_WATCHED = {"open", "os.system", "subprocess.Popen", "os.posix_spawn", "os.exec", "os.fork"}


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if _watching[0] and event in _WATCHED:
        _events.append((event, args))


sys.addaudithook(_hook)


@contextmanager
def watching() -> Iterator[list[tuple[str, tuple[Any, ...]]]]:
    _events.clear()
    _watching[0] = True
    try:
        yield _events
    finally:
        _watching[0] = False


def _hostile_value(default: Any, secret: Path, canary: Path) -> list[Any]:
    """Values a hostile pack might give a parameter: a path to a secret, code, a template."""
    code = f"__import__('os').system('touch {canary}')"
    texts = [str(secret), f"file://{secret}", code, "{publisher}", f"$(touch {canary})"]
    if isinstance(default, list):
        return [texts]
    if isinstance(default, str):
        return texts
    return []


def _probes(secret: Path, canary: Path) -> Iterator[tuple[str, str, str]]:
    """(check, parameter, rule) for every parameter of every check kind, given hostile values."""
    for name, kind in sorted(all_checks().items()):
        for key, default in kind.defaults.items():
            for value in _hostile_value(default, secret, canary):
                params = json.dumps({key: value})  # JSON is YAML, with exact quoting
                yield (
                    name,
                    key,
                    (
                        f"  - id: probe\n    check: {name}\n    severity: error\n"
                        f"    message: 'Probe {{detail}}'\n    params: {params}\n"
                    ),
                )


def test_no_parameter_is_ever_read_as_a_path_or_run_as_code(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    canary = tmp_path / CANARY
    article, source = tmp_path / "article.html", tmp_path / "source.html"
    article.write_text(ARTICLE.replace(TRAP, str(secret)), encoding="utf-8")
    source.write_text(ARTICLE.replace(TRAP, "The source's own words."), encoding="utf-8")
    tried = 0
    with watching() as watched:
        for name, key, rule in _probes(secret, canary):
            path = write_pack(tmp_path, rule, name="probe")
            try:
                load_pack(str(path))
            except PackError:
                continue  # refused at load (e.g. `mode` takes fixed words): nothing ran
            tried += 1
            result = check_article(
                CheckRequest(str(article), source=str(source), rules=(str(path),))
            )
            assert result.error is None, (name, key, result.error)
            text = " ".join(f.message + " " + f.evidence for f in result.findings)
            assert "TOP-SECRET-CONTENT" not in text, (name, key)
    assert tried >= 40  # the probe reached most parameters of every check kind
    opened = [args for event, args in watched if event == "open"]
    assert not [args for args in opened if str(secret) in str(args[0])]
    assert not [event for event, _ in watched if event != "open"]
    assert not canary.exists()
