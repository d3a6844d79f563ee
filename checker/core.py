"""The check itself, on documents in memory: no file is read or written here.

`check_document` is what a CMS, a web service or a notebook calls; `syndicheck check`, audits
and the tests reach it through `checker.engine.check_article`, which only reads the files (and,
when allowed, fetches the pages) first. Flow (design.md): Document x Source -> the packs' rules
(checks) -> Findings -> an ArticleResult that reports render without recomputing anything.

What a check kind adds to a result besides its hits (facts for reports, URLs it wants tried
when the network is allowed) is declared by the kind (`CheckKind.facts`, `CheckKind.urls`):
nothing here knows a kind by name.
"""

from __future__ import annotations

import string
from collections import Counter, OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from checker import patterns
from checker.checks import Source, get_check
from checker.config import Config, Publisher
from checker.declared import Declared, declared_source
from checker.document import Document
from checker.errors import CheckerError, PackError, UsageError
from checker.evidence import Evidence, sha256, utc_now
from checker.findings import ArticleResult, Finding, Location, Severity
from checker.loaders import load_document
from checker.overlap import align
from checker.pack_model import Pack, Rule
from checker.pack_select import choose_packs
from checker.packs import load_pack
from checker.packs import selections as load_selections
from checker.plural import plural
from checker.suppress import apply_suppressions
from checker.urls import registrable_domain

if TYPE_CHECKING:
    # The network stack is imported where a fetcher is made (only with --allow-network).
    from checker.fetch import Fetcher, FetchPolicy

# `auto` chooses a pack from the source's publisher and licence (checker.pack_select).
AUTO = "auto"
DEFAULT_PACK = AUTO
MAX_FINDINGS_PER_RULE = 100  # per article; the rest are counted in one more finding

PackSpec = Pack | str


@dataclass
class PackCache:
    """Packs load once, however many articles use them."""

    packs: dict[str, Pack] = field(default_factory=dict)
    _catalogue: tuple[Pack, ...] | None = None
    _specs: dict[str, str] = field(default_factory=dict)  # a catalogue pack's file -> its spec

    def catalogue(self) -> tuple[Pack, ...]:
        """The packs `auto` chooses from, read light once: names and `selects`, no rules
        (packs.selections); `auto` loads the one it chooses with `loads`."""
        if self._catalogue is None:
            listed = load_selections()
            self._specs = {pack.path: spec for spec, pack in listed}
            self._catalogue = tuple(pack for _, pack in listed)
        return self._catalogue

    def loads(self, pack: Pack) -> bool:
        """Whether a catalogue pack loads in full (it is then kept, as `get` keeps it)."""
        try:
            self.get(self._specs.get(pack.path, pack.path))
        except PackError:
            return False
        return True

    def get(self, spec: PackSpec) -> Pack:
        if isinstance(spec, Pack):
            self.packs.setdefault(spec.name, spec)
            return spec
        if spec not in self.packs:
            self.packs[spec] = load_pack(spec)
        return self.packs[spec]


class SourceCache:
    """Loaded source files by path, size and modification time, the most recent few kept.

    `check a1 a2 ... --source s` and an audit's worker check many articles against one
    source: loading it (most of a check's time) once per run and per worker is enough. A
    changed file (size or mtime) is loaded again; the bound keeps a worker's memory flat
    over an archive of many sources.
    """

    def __init__(self, size: int = 16) -> None:
        self.size = size
        self.loads = 0  # how many times a source was really loaded (for tests and benchmarks)
        self._kept: OrderedDict[tuple[Any, ...], Any] = OrderedDict()

    def get(self, key: tuple[Any, ...]) -> Any:
        found = self._kept.get(key)
        if found is not None:
            self._kept.move_to_end(key)
        return found

    def put(self, key: tuple[Any, ...], value: Any) -> None:
        self.loads += 1
        self._kept[key] = value
        self._kept.move_to_end(key)
        while len(self._kept) > self.size:
            self._kept.popitem(last=False)


@dataclass
class Session:
    """What a caller keeps across checks: the packs loaded and, when the network is allowed,
    the fetcher (its cache and per-host spacing cover every check of the session).

    The module keeps no state of its own: two sessions never share a cache.
    """

    packs: PackCache = field(default_factory=PackCache)
    fetcher: Fetcher | None = None
    # Fetchers for images, by policy (a smaller size cap than pages'), made when first needed.
    image_fetchers: dict[FetchPolicy, Fetcher] = field(default_factory=dict)
    # Source files already loaded: one source shared by many articles is loaded once.
    sources: SourceCache = field(default_factory=SourceCache)


@dataclass(frozen=True)
class Settings:
    """What the configuration says about one article: packs when none is named, a severity
    per rule (None turns a rule off), and publishers by registrable domain."""

    default_packs: tuple[str, ...] = ()
    severity: Mapping[str, Severity | None] = field(default_factory=dict)
    publishers: Mapping[str, Publisher] = field(default_factory=dict)

    @classmethod
    def from_config(cls, config: Config | None, path: str) -> Settings:
        if config is None:
            return cls()
        return cls(config.rules_for(path), config.severity_for(path), config.publishers)


class _Template(dict[str, str]):
    """Fills a message template, leaving unknown `{names}` as written."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def format_message(template: str, values: Mapping[str, str]) -> str:
    return string.Formatter().vformat(template, (), _Template(values))


def front(document: Document, key: str) -> str:
    value = document.metadata.front_matter.get(key)
    return str(value).strip() if value not in (None, "") else ""


def as_document(
    value: Document | bytes | str, name: str, kind: str | None, url: str | None = None
) -> Document:
    """A Document as given, or loaded from the bytes or text of a page."""
    if isinstance(value, Document):
        return value
    return load_document(value, kind=kind, url=url, name=name)


def identify_source(
    article: Document,
    document: Document | None,
    *,
    publisher: str | None = None,
    source_url: str | None = None,
    fetched_url: str = "",
    settings: Settings = Settings(),
    declared: Declared | None = None,
) -> Source:
    """Publisher and URL by precedence: the caller, the article's own declaration (front
    matter, meta tags, JSON-LD, canonical, the configuration's override), the configuration's
    publishers map, the source page."""
    declared = declared or declared_source(article) or Declared()
    meta = document.metadata if document is not None else None
    meta_url = (meta.canonical or meta.url) if meta else ""
    url, url_from = next(
        (
            (value, origin)
            for value, origin in (
                (source_url or "", "command line"),
                (declared.url, declared.url_from),
                (fetched_url, "fetched"),
                (meta_url, "source metadata"),
            )
            if value
        ),
        ("", ""),
    )
    # The configuration's publishers map names the publisher of a domain more surely than
    # the page's own metadata, but less surely than the caller or the article's front matter.
    mapped = settings.publishers.get(registrable_domain(url), Publisher()) if url else Publisher()
    name = publisher or declared.publisher or mapped.name or (meta.site_name if meta else "")
    alignment = align(article.body_text, document.body_text) if document is not None else None
    return Source(
        document=document, publisher=name, url=url, url_from=url_from, alignment=alignment
    )


def _pack_specs(
    article: Document,
    source: Source,
    packs: Sequence[PackSpec],
    settings: Settings,
    named_by: str,
    cache: PackCache,
) -> tuple[tuple[PackSpec, ...], str]:
    """Packs, and why, by precedence: the caller, front matter, configuration, `auto`."""
    named = front_rules(article)
    for specs, origin in (
        (tuple(packs), named_by),
        (named, "named in front matter"),
        (settings.default_packs, "named in the configuration"),
    ):
        if specs and specs != (AUTO,):
            names = ", ".join(spec.name if isinstance(spec, Pack) else spec for spec in specs)
            return specs, f"Used {names}, {origin}."
        if specs == (AUTO,):
            break
    publishers = {domain: p.pack for domain, p in settings.publishers.items() if p.pack}
    # The catalogue is read light; a chosen pack that does not load in full is left out and
    # the choice made again, so `auto` decides as if the catalogue had never listed it.
    catalogue = cache.catalogue()
    while True:
        specs, reason = choose_packs(article, source, publishers, catalogue)
        broken = [p for p in catalogue if p.name in specs and not cache.loads(p)]
        if not broken:
            return specs, reason
        catalogue = tuple(p for p in catalogue if p not in broken)


def front_rules(article: Document) -> tuple[str, ...]:
    """The packs an article's front matter names (`rules: wire` or a list)."""
    value = article.metadata.front_matter.get("rules")
    if isinstance(value, str) and value.strip():
        return (value.strip(),)
    return tuple(str(s) for s in value) if isinstance(value, list) else ()


def _with_severity(
    findings: list[Finding], overrides: Mapping[str, Severity | None]
) -> list[Finding]:
    """Apply configured severities; a rule set to `off` drops its findings."""
    if not overrides:
        return findings
    adjusted = []
    for finding in findings:
        key = next((k for k in (finding.rule, finding.rule.id) if k in overrides), None)
        if key is None:
            adjusted.append(finding)
        elif (severity := overrides[key]) is not None:
            adjusted.append(replace(finding, severity=severity))
    return adjusted


def run_rule(
    rule: Rule, article: Document, source: Source, values: Mapping[str, str]
) -> list[Finding]:
    kind = get_check(rule.check)
    if kind is None:  # packs are validated on load; this guards hand-built rules
        raise UsageError(rule.qualified_id, f"unknown check kind {rule.check!r}")

    def finding(severity: Severity, message: str, line: int, column: int, evidence: str) -> Finding:
        return Finding(
            rule=rule.qualified_id,
            check=rule.check,
            severity=Severity(severity),
            message=message,
            location=Location(article.path, line, column),
            evidence=evidence,
            help_uri=rule.terms,
        )

    findings: list[Finding] = []
    unlisted: list[Severity] = []
    line, column = (article.blocks[0].line, article.blocks[0].column) if article.blocks else (0, 0)
    try:
        with patterns.budget():
            for hit in kind.run(article, source, rule.params):
                severity = rule.severity if hit.at_most is None else min(rule.severity, hit.at_most)
                if len(findings) >= MAX_FINDINGS_PER_RULE:
                    unlisted.append(Severity(severity))
                    continue
                values_ = {**values, **hit.values, "detail": hit.detail}
                message = format_message(rule.message, values_)
                findings.append(finding(severity, message, hit.line, hit.column, hit.evidence))
    except patterns.PatternTimeout as exc:
        # Fail closed: a rule that could not be evaluated is reported at its own severity.
        message = (
            f"pattern {exc.pattern!r} in rule {rule.qualified_id} took too long on this "
            f"article (over {exc.seconds:g} s of matching) and the rule was skipped"
        )
        findings.append(finding(rule.severity, message, line, column, exc.pattern))
    except CheckerError:
        raise
    except Exception as exc:  # one check's bug must not stop a run of thousands
        # Fail closed and visibly: the rule could not be evaluated, so it is reported at its
        # own severity, naming the error, and the other rules and articles still run.
        message = (
            f"the {rule.check} check failed on this article ({type(exc).__name__}: {exc}); "
            "this is a bug in syndicheck, please report it"
        )
        findings.append(finding(rule.severity, message, line, column, ""))
    # 100,000 uncredited images are one problem for a reader, and 100,000 findings would make
    # every report slow and huge: one row per severity says how many more there are.
    for severity, count in sorted(Counter(unlisted).items(), reverse=True):
        message = f"and {plural(count, 'more finding')} of this rule, not listed"
        findings.append(replace(finding(severity, message, line, column, ""), unlisted=count))
    return findings


def _tried(rules: Iterable[Rule], article: Document, source: Source, fetcher: Fetcher) -> Source:
    """The URLs the rules' kinds want tried (the links to the original), fetched once each."""
    urls: dict[str, None] = {}
    for rule in rules:
        kind = get_check(rule.check)
        if kind is not None and kind.urls is not None:
            urls.update(dict.fromkeys(kind.urls(article, source, rule.params)))
    return replace(source, resolved={url: fetcher.resolves(url) for url in urls})


def _facts(rules: Iterable[Rule], article: Document, source: Source) -> dict[str, tuple[Any, ...]]:
    """What the rules' kinds establish for reports, once per kind (its first rule's params)."""
    facts: dict[str, tuple[Any, ...]] = {}
    seen: set[str] = set()
    for rule in rules:
        kind = get_check(rule.check)
        if kind is None or kind.facts is None or kind.name in seen:
            continue
        seen.add(kind.name)
        for name, value in kind.facts(article, source, rule.params).items():
            facts.setdefault(name, tuple(value))
    return facts


def _satisfied(
    rules: Sequence[Rule], findings: Sequence[Finding], article: Document, source: Source
) -> tuple[tuple[str, str], ...]:
    """For each rule that found nothing, what its check says satisfied it (if it can say)."""
    broken = {finding.rule for finding in findings}
    notes = []
    for rule in rules:
        kind = get_check(rule.check)
        if rule.qualified_id in broken or kind is None or kind.satisfied is None:
            continue
        try:
            note = kind.satisfied(article, source, rule.params)
        except Exception:  # a note is a courtesy: its bug must not cost the result
            note = ""
        if note:
            notes.append((rule.qualified_id, note))
    return tuple(notes)


def evaluate(
    article: Document,
    source: Source,
    packs: Sequence[PackSpec],
    *,
    session: Session,
    settings: Settings = Settings(),
    named_by: str = "named by the caller",
    evidence: Evidence | None = None,
) -> ArticleResult:
    """Choose the packs, run their rules, and build the result. Raises CheckerError.

    `named_by` says, in the reason given for the packs, who named `packs`; `evidence`, when
    and of which bytes the check was made.
    """
    specs, pack_reason = _pack_specs(article, source, packs, settings, named_by, session.packs)
    loaded = [session.packs.get(spec) for spec in specs]
    rules = [rule for pack in loaded for rule in pack.rules]
    if session.fetcher is not None:
        # The network part of a check (does the link to the original resolve?) is done
        # here, before the checks, so that every check stays a pure function.
        source = _tried(rules, article, source, session.fetcher)
    values = {
        "publisher": source.publisher or "the publisher",
        "source_url": source.url or "the original article",
        "article": article.path,
        "title": article.title,
    }
    findings: list[Finding] = []
    for rule in rules:
        findings.extend(run_rule(rule, article, source, values))
    findings = _with_severity(findings, settings.severity)
    findings, suppressed = apply_suppressions(findings, article.suppressions, article.path)
    return ArticleResult(
        article=article.path,
        source=source.document.path if source.document is not None else (source.url or None),
        packs=tuple(pack.name for pack in loaded),
        findings=tuple(sorted(findings, key=Finding.sort_key)),
        overlap=source.alignment,
        article_doc=article,
        source_doc=source.document,
        variables={"publisher": source.publisher, "source_url": source.url},
        facts=_facts(rules, article, source),
        suppressed=tuple(suppressed),
        rules=tuple(rule.qualified_id for rule in rules),
        rule_records=tuple(rules),
        pack_versions={pack.name: pack.version for pack in loaded},
        pack_hashes={pack.name: pack.sha256 for pack in loaded},
        pack_reason=pack_reason,
        satisfied=_satisfied(rules, findings, article, source),
        evidence=evidence,
    )


@dataclass(frozen=True)
class Known:
    """What a caller that read files or fetched pages already knows before the check: the
    wrapper `checker.engine.check_article` passes it so that it adds nothing but the reading.

    `declared` is the article's declared source (with the configuration's overrides applied),
    `fetched_url` where a fetched source ended up, `evidence` the digests of the bytes read and
    when, `named_by` who named the packs (said in the reason the packs were chosen).
    """

    settings: Settings = Settings()
    declared: Declared | None = None
    fetched_url: str = ""
    evidence: Evidence | None = None
    named_by: str = "named by the caller"


def check_document(
    article: Document | bytes | str,
    source: Document | bytes | str | None = None,
    *,
    packs: Sequence[PackSpec] = (AUTO,),
    publisher: str | None = None,
    source_url: str | None = None,
    config: Config | None = None,
    kind: str | None = None,
    source_kind: str | None = None,
    url: str | None = None,
    session: Session | None = None,
    known: Known | None = None,
) -> ArticleResult:
    """Check one article, in memory, against its source and the packs' rules.

    `article` and `source` are Documents, or the bytes or text of a page: `kind` and
    `source_kind` ("html", "markdown", "text") say which, else the content decides. `packs`
    are Packs (from `load_pack`) or pack names and files; `auto` chooses from the source.
    `url` is the article's own address, against which its relative links resolve. A bad input
    or pack raises the CheckerError that says so; nothing is read from disk but bundled packs.
    `known` is for wrappers that read the inputs themselves (it replaces `config`).
    """
    checked_at = utc_now()
    article_doc = as_document(article, "<article>", kind, url)
    source_doc = as_document(source, "<source>", source_kind) if source is not None else None
    if known is None:
        known = Known(settings=Settings.from_config(config, article_doc.path))
    found = identify_source(
        article_doc,
        source_doc,
        publisher=publisher,
        source_url=source_url,
        fetched_url=known.fetched_url,
        settings=known.settings,
        declared=known.declared,
    )
    evidence = known.evidence or Evidence(
        checked_at=checked_at,
        article_sha256=_digest(article),
        source_sha256=_digest(source),
        source_url=found.url,
        source_origin="given" if source_doc is not None else "",
    )
    return evaluate(
        article_doc,
        found,
        packs,
        session=session or Session(),
        settings=known.settings,
        named_by=known.named_by,
        evidence=replace(evidence, source_url=found.url),
    )


def _digest(value: Document | bytes | str | None) -> str:
    """The SHA-256 of the bytes given; "" for a Document (its bytes are not known here)."""
    if isinstance(value, str):
        return sha256(value.encode("utf-8"))
    return sha256(value) if isinstance(value, bytes) else ""


__all__ = [
    "AUTO",
    "DEFAULT_PACK",
    "Known",
    "PackCache",
    "Session",
    "Settings",
    "check_document",
    "evaluate",
    "format_message",
    "identify_source",
    "run_rule",
]
