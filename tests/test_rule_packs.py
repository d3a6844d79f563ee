"""Rule tests: each rule of each bundled pack fires on its firing fixtures and not on its quiet ones.

Fixtures live in tests/fixtures/packs/<pack>/<rule>/<firing|quiet>[-variant]/ (written by
`python tests/fixtures/packs/generate.py`); `_compliant/` is a page that honours the whole pack.
Each case runs through the real engine with that pack only.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.packs import Pack, available_packs, load_pack
from checker.rule_tests import RuleCase, discover, run_case, untested_rules

FIXTURES = Path(__file__).parent / "fixtures" / "packs"


@functools.cache
def pack(stem: str) -> Pack:
    return load_pack(stem)


def cases() -> list[RuleCase]:
    return discover(FIXTURES, sorted(available_packs()))


@pytest.mark.parametrize("case", cases(), ids=lambda case: case.name)
def test_rule_fixture(case: RuleCase) -> None:
    outcome = run_case(case)
    assert outcome.passed, f"{case.name} ({case.about}): {outcome.detail}"


@pytest.mark.parametrize("stem", sorted(available_packs()))
def test_every_rule_has_firing_and_quiet_fixtures(stem: str) -> None:
    assert untested_rules(FIXTURES, stem) == []
    assert (FIXTURES / stem / "_compliant" / "_compliant" / "case.yml").is_file()


@pytest.mark.parametrize("stem", sorted(available_packs()))
def test_rules_test_command_passes_for_every_bundled_pack(stem: str) -> None:
    result = CliRunner().invoke(cli, ["rules", "test", stem, "--fixtures", str(FIXTURES)])
    assert result.exit_code == 0, result.stdout
    assert result.stdout.splitlines()[-1].endswith(" ok, 0 failing")


def test_rules_test_command_fails_when_a_rule_misbehaves(tmp_path: Path) -> None:
    # A quiet fixture that is in fact a firing one must be reported as a failure.
    import shutil

    firing = FIXTURES / "default" / "original-link" / "firing"
    broken = tmp_path / "default" / "original-link" / "quiet"
    shutil.copytree(firing, broken)
    result = CliRunner().invoke(cli, ["rules", "test", "default", "--fixtures", str(tmp_path)])
    assert result.exit_code == 1
    assert "FAIL default/original-link/quiet: fired" in result.stdout
    assert "FAIL default/source-credit: no firing and quiet fixtures" in result.stdout


@pytest.mark.parametrize("stem", sorted(available_packs()))
def test_every_rule_links_the_terms_it_enforces(stem: str) -> None:
    for rule in pack(stem).rules:
        assert rule.terms.startswith("https://"), rule.qualified_id
        assert rule.description, rule.qualified_id
