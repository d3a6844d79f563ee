"""The records of a rule pack: what `checker.packs` builds from YAML and checks run by."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from checker.rule_ref import RuleRef
from checker.severity import Severity


@dataclass(frozen=True)
class Rule:
    id: str
    pack: str
    check: str
    severity: Severity
    message: str
    description: str = ""
    terms: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)
    # The clause of the terms this rule enforces, quoted word for word from `terms`.
    terms_text: str = ""

    @property
    def qualified_id(self) -> RuleRef:
        return RuleRef(self.pack, self.id)


@dataclass(frozen=True)
class Selection:
    """When `--rules auto` chooses a pack, as the pack's `selects:` declares it.

    A publisher's own terms: its names and registrable domains. A licence's: the licences
    ("by-nd 4.0") a source links. A plugin's: substrings of the tracking pixel it puts in the
    article ("republication-tracker-tool").
    """

    publishers: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    licences: tuple[str, ...] = ()
    pixels: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pack:
    name: str
    version: str
    description: str
    path: str
    rules: tuple[Rule, ...]
    terms: str = ""
    extends: tuple[str, ...] = ()
    selects: Selection = field(default_factory=Selection)
    # SHA-256 over this file's bytes and the hashes of the packs it extends, so that a
    # report can name exactly which rules decided a result.
    sha256: str = ""
