"""Text for `syndicheck rules list` and `syndicheck rules show`."""

from __future__ import annotations

from checker.packs import Pack, Rule
from checker.rule_tests import CaseOutcome


def render_list(packs: list[Pack]) -> str:
    lines: list[str] = []
    for pack in packs:
        lines.append(f"{pack.name} {pack.version}: {pack.description}".rstrip())
        width = max((len(rule.qualified_id) for rule in pack.rules), default=0)
        for rule in pack.rules:
            lines.append(f"  {rule.qualified_id:<{width}}  {rule.severity.label:<7}  {rule.check}")
    return "\n".join(lines) + "\n"


def render_rule(rule: Rule, pack: Pack) -> str:
    lines = [
        f"rule:        {rule.qualified_id}",
        f"pack:        {pack.name} {pack.version} ({pack.path})",
        f"check:       {rule.check}",
        f"severity:    {rule.severity.label}",
        f"message:     {rule.message}",
    ]
    if rule.terms:
        lines.append(f"terms:       {rule.terms}")
    if rule.params:
        params = ", ".join(f"{key}={value!r}" for key, value in sorted(rule.params.items()))
        lines.append(f"params:      {params}")
    if rule.description:
        lines.append(f"description: {' '.join(rule.description.split())}")
    return "\n".join(lines) + "\n"


def render_pack(pack: Pack) -> str:
    head = [f"pack:        {pack.name} {pack.version} ({pack.path})"]
    if pack.extends:
        head.append(f"extends:     {', '.join(pack.extends)}")
    if pack.terms:
        head.append(f"terms:       {pack.terms}")
    head.append(f"description: {' '.join(pack.description.split())}")
    return "\n".join(head) + "\n\n" + "\n".join(render_rule(r, pack) for r in pack.rules)


def render_rule_tests(outcomes: list[CaseOutcome], untested: list[str]) -> str:
    lines = [
        f"{'ok  ' if o.passed else 'FAIL'} {o.case.name}" + (f": {o.detail}" if o.detail else "")
        for o in outcomes
    ]
    lines += [f"FAIL {rule}: no firing and quiet fixtures" for rule in untested]
    passed = sum(o.passed for o in outcomes)
    failed = len(outcomes) - passed + len(untested)
    lines.append(f"rule tests: {passed} ok, {failed} failing")
    return "\n".join(lines) + "\n"
