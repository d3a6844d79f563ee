"""Rule tests, as Semgrep runs them: each rule fires on its firing fixtures, not on its quiet ones.

Fixtures live in `<fixtures>/<pack>/<rule>/<firing|quiet>[-variant]/` with a `case.yml` (what the
case shows), `article.html` or `article.md`, and for HTML a `source.html`; a Markdown article
names its source in its front matter. `<pack>/_compliant/_compliant/` is a page that honours the
whole pack: nothing at warning or above may fire on it. Each case runs through the real engine
with that pack only.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from checker.engine import CheckRequest, check_article
from checker.errors import UsageError
from checker.findings import Severity
from checker.packs import available_packs, load_pack

COMPLIANT = "_compliant"


@dataclass(frozen=True)
class RuleCase:
    pack: str  # the pack's file stem, as --rules takes it
    rule: str  # the rule id within the pack, or "_compliant"
    kind: str  # "firing", "quiet" (with an optional "-variant"), or "_compliant"
    folder: Path
    about: str

    @property
    def name(self) -> str:
        return f"{self.pack}/{self.rule}/{self.kind}"


@dataclass(frozen=True)
class CaseOutcome:
    case: RuleCase
    passed: bool
    detail: str = ""


def default_fixtures() -> Path:
    """The bundled packs' fixtures: tests/fixtures/packs in a checkout, else the copy that
    ships in the package (checker/bundled_rule_tests), so `rules test` works anywhere."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "tests" / "fixtures" / "packs", here / "bundled_rule_tests"):
        if candidate.is_dir():
            return candidate
    return here / "bundled_rule_tests"


def discover(fixtures: Path, packs: Sequence[str] = ()) -> list[RuleCase]:
    """Every case of `packs` (default: every pack with fixtures); a run with none is an error."""
    if not fixtures.is_dir():
        raise UsageError(str(fixtures), "no rule-test fixtures here (give --fixtures DIR)")
    known = available_packs()
    for stem in packs:
        if stem not in known:
            guess = difflib.get_close_matches(stem, list(known), n=1)
            hint = f" (did you mean {guess[0]}?)" if guess else ""
            raise UsageError(stem, f"unknown rule pack{hint}; see `syndicheck rules list`")
    stems = list(packs) or sorted(p.name for p in fixtures.iterdir() if p.is_dir())
    cases = []
    for stem in stems:
        if packs and not (fixtures / stem).is_dir():
            raise UsageError(str(fixtures / stem), f"no rule-test fixtures for the pack {stem}")
        for folder in sorted((fixtures / stem).glob("*/*")):
            about_file = folder / "case.yml"
            if not about_file.is_file():
                continue
            about = yaml.safe_load(about_file.read_text(encoding="utf-8")) or {}
            text = str(about.get("about", "")) if isinstance(about, dict) else ""
            cases.append(RuleCase(stem, folder.parent.name, folder.name, folder, text))
    if not cases:
        raise UsageError(str(fixtures), "no rule-test cases found (each needs a case.yml)")
    return cases


def untested_rules(fixtures: Path, stem: str) -> list[str]:
    """Rules of a pack without both a firing and a quiet fixture (in the defining pack)."""
    stems = {load_pack(s).name: s for s in available_packs()}
    missing: list[str] = []
    for rule in load_pack(stem).rules:
        folder = fixtures / stems.get(rule.pack, stem) / rule.id
        kinds = {p.name.split("-")[0] for p in folder.glob("*") if (p / "case.yml").is_file()}
        if not {"firing", "quiet"} <= kinds:
            missing.append(rule.qualified_id)
    return missing


def _article(folder: Path) -> Path:
    for name in ("article.html", "article.md", "article.txt"):
        if (folder / name).is_file():
            return folder / name
    raise UsageError(str(folder), "a rule-test case needs article.html, article.md or article.txt")


def run_case(case: RuleCase) -> CaseOutcome:
    article = _article(case.folder)
    source = case.folder / "source.html"
    given = str(source) if source.is_file() and article.suffix == ".html" else None
    result = check_article(CheckRequest(str(article), source=given, rules=(case.pack,)))
    if result.error is not None:
        return CaseOutcome(case, False, result.error)
    listing = "; ".join(f"{f.rule} {f.severity.label}: {f.message}" for f in result.findings)
    if case.kind == COMPLIANT:
        loud = [f for f in result.findings if f.severity >= Severity.WARNING]
        return CaseOutcome(case, not loud, listing if loud else "")
    ids = {rule.id: rule.qualified_id for rule in load_pack(case.pack).rules}
    if case.rule not in ids:
        return CaseOutcome(case, False, f"the pack has no rule {case.rule}")
    fired = [f for f in result.findings if f.rule == ids[case.rule]]
    if case.kind.startswith("firing"):
        return CaseOutcome(case, bool(fired), "" if fired else f"did not fire; found: {listing}")
    return CaseOutcome(case, not fired, f"fired: {fired[0].message}" if fired else "")
