"""Rule tests: each rule of each bundled pack fires on its firing fixtures and not on its quiet ones.

Fixtures live in tests/fixtures/packs/<pack>/<rule>/<firing|quiet>[-variant]/ (written by
`python tests/fixtures/packs/generate.py`); `_compliant/` is a page that honours the whole pack.
Each case runs through the real engine with that pack only.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
import yaml

from checker.engine import CheckRequest, check_article
from checker.findings import ArticleResult, Severity
from checker.loaders import load_document
from checker.packs import Pack, available_packs, load_pack

FIXTURES = Path(__file__).parent / "fixtures" / "packs"


@functools.cache
def pack(stem: str) -> Pack:
    return load_pack(stem)


@functools.cache
def stems_by_name() -> dict[str, str]:
    """A pack's `name` (in rule ids) -> its file stem (what --rules takes, the fixture folder)."""
    return {pack(stem).name: stem for stem in available_packs()}


def cases() -> list[Path]:
    return sorted(
        folder
        for stem in available_packs()
        for folder in (FIXTURES / stem).glob("*/*")
        if folder.is_dir() and (folder / "case.yml").is_file()
    )


def case_id(folder: Path) -> str:
    return "/".join(folder.parts[-3:])


def article_of(folder: Path) -> Path:
    return next(p for p in (folder / "article.html", folder / "article.md") if p.is_file())


def run_case(folder: Path) -> ArticleResult:
    about = yaml.safe_load((folder / "case.yml").read_text(encoding="utf-8"))
    article = article_of(folder)
    for needed in about.get("needs") or []:
        if not getattr(load_document(article).metadata, needed):
            pytest.skip(f"the HTML loader does not fill Metadata.{needed} yet")
    source = folder / "source.html"
    # A Markdown article names its source in its front matter; an HTML one needs --source.
    given = str(source) if source.is_file() and article.suffix == ".html" else None
    result = check_article(CheckRequest(str(article), source=given, rules=(folder.parts[-3],)))
    assert result.error is None, result.error
    return result


def summary(result: ArticleResult) -> str:
    return "\n".join(
        f"{f.rule} {f.severity.label}: {f.message} | {f.evidence}" for f in result.findings
    )


@pytest.mark.parametrize("folder", cases(), ids=case_id)
def test_rule_fixture(folder: Path) -> None:
    stem, rule_id, kind = folder.parts[-3:]
    result = run_case(folder)
    if kind == "_compliant":
        loud = [f for f in result.findings if f.severity >= Severity.WARNING]
        assert loud == [], summary(result)
        return
    rules = {rule.id: rule.qualified_id for rule in pack(stem).rules}
    assert rule_id in rules, f"{stem} has no rule {rule_id}"
    fired = [f for f in result.findings if f.rule == rules[rule_id]]
    if kind.startswith("firing"):
        assert fired, f"{rules[rule_id]} did not fire; findings:\n{summary(result)}"
    else:
        assert not fired, summary(result)


@pytest.mark.parametrize("stem", sorted(available_packs()))
def test_every_rule_has_firing_and_quiet_fixtures(stem: str) -> None:
    for rule in pack(stem).rules:
        folder = FIXTURES / stems_by_name()[rule.pack] / rule.id
        kinds = {p.name.split("-")[0] for p in folder.glob("*") if (p / "case.yml").is_file()}
        assert {"firing", "quiet"} <= kinds, f"{rule.qualified_id}: fixtures in {folder}"
    assert (FIXTURES / stem / "_compliant" / "_compliant" / "case.yml").is_file()


@pytest.mark.parametrize("stem", sorted(available_packs()))
def test_every_rule_links_the_terms_it_enforces(stem: str) -> None:
    for rule in pack(stem).rules:
        assert rule.terms.startswith("https://"), rule.qualified_id
        assert rule.description, rule.qualified_id
