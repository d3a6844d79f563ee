"""The typed rule reference: a qualified id that keeps its two parts, and packs as tuples."""

from __future__ import annotations

import pickle

from checker.findings import ArticleResult, Finding, Location
from checker.rule_ref import RuleRef
from checker.severity import Severity


def test_a_reference_reads_as_its_qualified_id_and_keeps_its_parts() -> None:
    ref = RuleRef("wire", "source-credit")
    assert ref == "wire/source-credit"
    assert (ref.pack, ref.id) == ("wire", "source-credit")


def test_parsing_splits_at_the_last_slash_because_pack_files_may_be_paths() -> None:
    ref = RuleRef.parse("rules/house/credit-line")
    assert (ref.pack, ref.id) == ("rules/house", "credit-line")


def test_a_rule_is_named_by_its_qualified_id_or_its_id_but_not_by_its_pack() -> None:
    ref = RuleRef("wire", "source-credit")
    assert ref.named_by("wire/source-credit")
    assert ref.named_by("source-credit")
    assert not ref.named_by("wire")
    assert not ref.named_by("default/source-credit")


def test_a_reference_survives_pickling_between_worker_processes() -> None:
    back = pickle.loads(pickle.dumps(RuleRef("cc-by-4.0", "licence-notice")))
    assert isinstance(back, RuleRef)
    assert (back.pack, back.id) == ("cc-by-4.0", "licence-notice")


def test_a_finding_read_back_from_storage_gets_a_typed_reference() -> None:
    finding = Finding("wire/byline", "byline", Severity.ERROR, "m", Location("a.md"))
    assert isinstance(finding.rule, RuleRef)
    assert finding.rule.id == "byline"


def test_packs_are_a_tuple_and_are_written_joined() -> None:
    result = ArticleResult("a.md", None, ("wire", "default"), ())
    assert result.packs == ("wire", "default")
    assert result.pack == "wire,default"
    assert ArticleResult("a.md", None, "wire", ()).packs == ("wire",)
