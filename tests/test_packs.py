from __future__ import annotations

from pathlib import Path

import pytest

from checker.checks import all_checks
from checker.errors import PackError
from checker.findings import Severity
from checker.packs import available_packs, load_pack

GOOD_RULE = """
  - id: credit
    check: source-credit
    severity: warning
    message: "No credit for {publisher}: {detail}"
"""


def write(tmp_path: Path, text: str, name: str = "pack.yml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_bundled_default_pack_has_the_five_checks() -> None:
    pack = load_pack("default")
    assert {rule.check for rule in pack.rules} == {
        "source-credit",
        "original-link",
        "image-credit",
        "image-metadata",
        "text-overlap",
    }
    assert all(rule.terms.startswith("https://") for rule in pack.rules)
    assert "default" in available_packs()


def test_every_registered_check_kind_is_named_as_design_says() -> None:
    assert {"source-credit", "original-link", "image-credit", "text-overlap"} <= set(all_checks())


def test_a_valid_pack_loads_with_defaults_filled(tmp_path: Path) -> None:
    pack = load_pack(write(tmp_path, "name: mine\nversion: '2'\nrules:" + GOOD_RULE))
    (rule,) = pack.rules
    assert rule.qualified_id == "mine/credit"
    assert rule.severity is Severity.WARNING
    assert rule.params["placement"] == "any"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("name: mine\nrules:" + GOOD_RULE + "colour: red\n", "unknown key(s) colour"),
        (
            "name: mine\nrules:" + GOOD_RULE.replace("source-credit", "no-such-check"),
            "unknown check kind",
        ),
        ("name: mine\nrules:" + GOOD_RULE.replace("warning", "fatal"), "severity"),
        ("name: mine\nrules:" + GOOD_RULE + "    params: {placement: middle}\n", "placement"),
        ("name: mine\nrules:" + GOOD_RULE + "    params: {colour: 1}\n", "unknown parameter"),
        ("name: mine\nrules:" + GOOD_RULE + "    params: {aliases: Bloomberg}\n", "must be list"),
        ("name: mine\nrules: [\n", "invalid YAML"),
        ("- just\n- a list\n", "YAML mapping"),
        ("name: mine\nrules: []\n", "no rules"),
        ("name: mine\nrules:" + GOOD_RULE.replace('"No credit', '"{No credit'), "template"),
        ("name: Mine Pack\nrules:" + GOOD_RULE, "`name`"),
    ],
)
def test_invalid_packs_name_the_file_and_the_problem(
    tmp_path: Path, text: str, problem: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(PackError) as caught:
        load_pack(path)
    assert problem in str(caught.value)
    assert path in str(caught.value)


def test_rule_errors_name_the_line_and_the_rule(tmp_path: Path) -> None:
    path = write(tmp_path, "name: mine\nrules:" + GOOD_RULE.replace("warning", "loud"))
    with pytest.raises(PackError, match=r"pack\.yml:3: rule credit"):
        load_pack(path)


def test_extends_inherits_and_overrides(tmp_path: Path) -> None:
    child = write(
        tmp_path,
        "name: child\nextends: default\nrules:\n"
        "  - id: source-credit\n    severity: warning\n    params: {placement: top}\n"
        "  - id: image-credit\n    enabled: false\n",
    )
    pack = load_pack(child)
    rules = {rule.id: rule for rule in pack.rules}
    assert "image-credit" not in rules
    assert rules["source-credit"].severity is Severity.WARNING
    assert rules["source-credit"].params["placement"] == "top"
    assert rules["source-credit"].qualified_id == "child/source-credit"
    assert rules["original-link"].qualified_id == "default/original-link"


def test_circular_extends_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "name: a\nextends: b.yml\nrules:" + GOOD_RULE, "a.yml")
    write(tmp_path, "name: b\nextends: a.yml\nrules:" + GOOD_RULE, "b.yml")
    with pytest.raises(PackError, match="circle"):
        load_pack(str(tmp_path / "a.yml"))


def test_unknown_pack_name_lists_the_available_ones() -> None:
    with pytest.raises(PackError, match=r"unknown rule pack.*default"):
        load_pack("no-such-pack")


def test_user_pack_directories_come_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "name: house\nrules:" + GOOD_RULE, "house.yml")
    monkeypatch.setenv("SYNDICHECK_RULES_PATH", str(tmp_path))
    assert load_pack("house").name == "house"
