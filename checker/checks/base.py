"""What a check kind is: a name, its parameters with defaults, and a pure function.

A check never prints and never knows the rule that uses it: it returns `Hit`s (what is wrong
and where) and the engine turns each into a `Finding` with the rule's identity and message.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from checker.document import Document
from checker.findings import Severity

if TYPE_CHECKING:
    from checker.overlap import Alignment


@dataclass(frozen=True)
class Source:
    """What is known of the original: its document (if given), publisher and URL."""

    document: Document | None = None
    publisher: str = ""
    url: str = ""
    # Where `url` came from: "command line", "front matter", "fetched" or "source metadata".
    url_from: str = ""
    alignment: Alignment | None = None
    # With --allow-network: whether each body link to the original resolves, url -> (ok, why).
    resolved: Mapping[str, tuple[bool, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Hit:
    """One thing a check found wrong. `detail` fills `{detail}` in the rule's message."""

    detail: str
    line: int = 0
    column: int = 0
    evidence: str = ""
    values: Mapping[str, str] = field(default_factory=dict)
    # A check may lower a hit below the rule's severity, e.g. when it cannot decide
    # because the publisher is unknown. It never raises one above it.
    at_most: Severity | None = None


CheckFunction = Callable[[Document, Source, Mapping[str, Any]], Iterable[Hit]]
# Facts for reports, by name ("image_statuses", "original_links"): what the kind establishes
# about the article whether or not it finds anything wrong.
FactsFunction = Callable[[Document, Source, Mapping[str, Any]], Mapping[str, Sequence[Any]]]
# URLs the kind wants tried when the network is allowed; the answers reach it in
# `Source.resolved`, so that the check itself stays a pure function.
UrlsFunction = Callable[[Document, Source, Mapping[str, Any]], Iterable[str]]
# What satisfied a rule that found nothing ("the credit line found"), or "" when it cannot say.
SatisfiedFunction = Callable[[Document, Source, Mapping[str, Any]], str]


@dataclass(frozen=True)
class CheckKind:
    name: str
    run: CheckFunction
    description: str
    defaults: Mapping[str, Any] = field(default_factory=dict)
    # Parameters holding user regular expressions: compiled when a pack loads.
    regex_params: frozenset[str] = frozenset()
    # Raises ValueError with a readable reason when parameter values do not fit.
    validate: Callable[[Mapping[str, Any]], None] | None = None
    facts: FactsFunction | None = None
    urls: UrlsFunction | None = None
    # Called only for a rule that passed, so that a report can say what the pass rests on.
    satisfied: SatisfiedFunction | None = None
