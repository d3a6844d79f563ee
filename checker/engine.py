"""The core of `syndicheck check`: load, resolve the source's identity, run the packs' rules.

Flow (design.md): bytes -> Document (loaders) -> rules of the packs (checks) -> Findings.
Everything a report later shows is computed here, so renderers only format.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from checker import __version__, patterns
from checker.checks import Source, get_check
from checker.checks.image_credit import image_status
from checker.checks.original_link import matching_links
from checker.config import Publisher
from checker.document import Document
from checker.errors import CheckerError, UsageError
from checker.fetch import Fetcher, FetchPolicy
from checker.findings import ArticleResult, Finding, Location, RunResult, Severity
from checker.imagemeta.attach import attach_embedded
from checker.loaders import DEFAULT_MAX_BYTES, load_bytes, load_document
from checker.overlap import align
from checker.pack_select import choose_packs
from checker.packs import Pack, Rule, load_pack
from checker.suppress import apply_suppressions
from checker.urls import is_web_url, registrable_domain

# `auto` chooses a pack from the source's publisher and licence (checker.pack_select).
AUTO = "auto"
DEFAULT_PACK = AUTO
MAX_FINDINGS_PER_RULE = 100  # per article; the rest are counted in one more finding


@dataclass(frozen=True)
class CheckRequest:
    """One article to check, with what the command line says about its source."""

    article: str
    source: str | None = None
    source_url: str | None = None
    publisher: str | None = None
    rules: tuple[str, ...] = ()  # empty: the front matter's `rules`, else `default_rules`
    max_bytes: int = DEFAULT_MAX_BYTES
    # From the configuration: packs when neither the command line nor the front matter names
    # any, severity per rule (None turns a rule off), and publishers by registrable domain.
    default_rules: tuple[str, ...] = ()
    severity: Mapping[str, Severity | None] = field(default_factory=dict)
    publishers: Mapping[str, Publisher] = field(default_factory=dict)
    # None: no network at all. Otherwise sources may be URLs and original links are tried.
    network: FetchPolicy | None = None
    # Where the article's images are when its pages name them by site path (`/img/a.jpg`).
    images_root: str | None = None


_WEB_KINDS = {"text/html": "html", "application/xhtml+xml": "html", "text/markdown": "markdown"}
# One fetcher per policy and process, so its cache and polite spacing cover the whole run.
_FETCHERS: dict[FetchPolicy, Fetcher] = {}


def fetcher_for(policy: FetchPolicy) -> Fetcher:
    if policy not in _FETCHERS:
        _FETCHERS[policy] = Fetcher(policy)
    return _FETCHERS[policy]


@dataclass
class PackCache:
    """Packs load once per run, however many articles use them."""

    packs: dict[str, Pack] = field(default_factory=dict)

    def get(self, spec: str) -> Pack:
        if spec not in self.packs:
            self.packs[spec] = load_pack(spec)
        return self.packs[spec]


class _Template(dict[str, str]):
    """Fills a message template, leaving unknown `{names}` as written."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def format_message(template: str, values: Mapping[str, str]) -> str:
    return string.Formatter().vformat(template, (), _Template(values))


def _front(document: Document, key: str) -> str:
    value = document.metadata.front_matter.get(key)
    return str(value).strip() if value not in (None, "") else ""


def _source_spec(request: CheckRequest, article: Document) -> str:
    if request.source:
        return request.source
    spec = _front(article, "source")
    if spec and not is_web_url(spec):
        # A front-matter path is relative to the article, not to where syndicheck runs.
        return str(Path(request.article).parent / spec)
    if spec and request.network is not None:
        return spec  # a URL: fetched only because the user allowed the network
    return ""


def resolve_source(request: CheckRequest, article: Document) -> Source:
    """Publisher and URL by precedence: command line, front matter, (configuration,) source."""
    spec = _source_spec(request, article)
    fetched_url = ""
    if spec and is_web_url(spec):
        if request.network is None:
            raise UsageError(
                spec,
                "a source given as a URL needs --allow-network (or save the page, give its "
                "path with --source and the URL with --source-url)",
            )
        fetched = fetcher_for(request.network).get(spec)
        document: Document | None = load_bytes(
            fetched.body,
            spec,
            kind=_WEB_KINDS.get(fetched.content_type),
            url=fetched.url,
            declared=fetched.charset,
        )
        fetched_url = spec
    else:
        document = load_document(spec, max_bytes=request.max_bytes) if spec else None
    meta = document.metadata if document is not None else None
    front_source = _front(article, "source")
    front_url = _front(article, "source_url") or (front_source if is_web_url(front_source) else "")
    meta_url = (meta.canonical or meta.url) if meta else ""
    url, url_from = next(
        (
            (value, origin)
            for value, origin in (
                (request.source_url, "command line"),
                (front_url, "front matter"),
                (fetched_url, "fetched"),
                (meta_url, "source metadata"),
            )
            if value
        ),
        ("", ""),
    )
    # The configuration's publishers map names the publisher of a domain more surely than
    # the page's own metadata, but less surely than the user or the article's front matter.
    mapped = request.publishers.get(registrable_domain(url), Publisher()) if url else Publisher()
    publisher = (
        request.publisher
        or _front(article, "source_publisher")
        or mapped.name
        or (meta.site_name if meta else "")
    )
    alignment = align(article.body_text, document.body_text) if document is not None else None
    source = Source(
        document=document, publisher=publisher, url=url, url_from=url_from, alignment=alignment
    )
    if request.network is not None:
        # The network part of original-link: tried here so that the check stays pure.
        links = matching_links(article, source, {"publisher_domains": []})
        fetcher = fetcher_for(request.network)
        source = replace(source, resolved={link.url: fetcher.resolves(link.url) for link in links})
    return source


def _pack_specs(
    request: CheckRequest, article: Document, source: Source
) -> tuple[tuple[str, ...], str]:
    """Packs, and why, by precedence: command line, front matter, configuration, `auto`."""
    front = article.metadata.front_matter.get("rules")
    if isinstance(front, str) and front.strip():
        front = [front.strip()]
    for specs, origin in (
        (request.rules, "named on the command line"),
        (tuple(str(s) for s in front) if isinstance(front, list) else (), "named in front matter"),
        (request.default_rules, "named in the configuration"),
    ):
        if specs and specs != (AUTO,):
            return tuple(specs), f"Used {', '.join(specs)}, {origin}."
        if specs == (AUTO,):
            break
    publishers = {domain: p.pack for domain, p in request.publishers.items() if p.pack}
    return choose_packs(article, source, publishers)


def _with_severity(
    findings: list[Finding], overrides: Mapping[str, Severity | None]
) -> list[Finding]:
    """Apply configured severities; a rule set to `off` drops its findings."""
    if not overrides:
        return findings
    adjusted = []
    for finding in findings:
        key = next(
            (k for k in (finding.rule, finding.rule.split("/", 1)[-1]) if k in overrides), None
        )
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
    if unlisted:
        # 100,000 uncredited images are one problem for a reader, and 100,000 findings
        # would make every report slow and huge.
        message = f"and {len(unlisted):,} more finding(s) of this rule, not listed"
        findings.append(finding(max(unlisted), message, line, column, ""))
    return findings


def check_article(request: CheckRequest, packs: PackCache | None = None) -> ArticleResult:
    """Check one article. Input problems become an errored result; the run goes on."""
    packs = packs if packs is not None else PackCache()
    try:
        article = load_document(request.article, max_bytes=request.max_bytes)
        # The image files' own credits are read here, before the checks, which stay pure.
        article = attach_embedded(
            article,
            request.article,
            images_root=request.images_root,
            network=request.network,
            fetchers=_FETCHERS,
        )
        source = resolve_source(request, article)
        specs, pack_reason = _pack_specs(request, article, source)
        loaded = [packs.get(spec) for spec in specs]
    except CheckerError as exc:
        return ArticleResult(
            article=request.article,
            source=request.source,
            pack=",".join(request.rules or (DEFAULT_PACK,)),
            findings=(),
            error=str(exc),
        )
    values = {
        "publisher": source.publisher or "the publisher",
        "source_url": source.url or "the original article",
        "article": request.article,
        "title": article.title,
    }
    findings: list[Finding] = []
    for pack in loaded:
        for rule in pack.rules:
            findings.extend(run_rule(rule, article, source, values))
    findings = _with_severity(findings, request.severity)
    findings, suppressed = apply_suppressions(findings, article.suppressions, article.path)
    link_params: Mapping[str, Any] = next(
        (r.params for p in loaded for r in p.rules if r.check == "original-link"),
        {"publisher_domains": []},
    )
    return ArticleResult(
        article=request.article,
        source=source.document.path if source.document is not None else (source.url or None),
        pack=",".join(pack.name for pack in loaded),
        findings=tuple(sorted(findings, key=Finding.sort_key)),
        overlap=source.alignment,
        article_doc=article,
        source_doc=source.document,
        variables={"publisher": source.publisher, "source_url": source.url},
        image_statuses=tuple((image, image_status(image, article)) for image in article.images),
        original_links=tuple(matching_links(article, source, link_params)),
        suppressed=tuple(suppressed),
        rules=tuple(rule.qualified_id for pack in loaded for rule in pack.rules),
        pack_reason=pack_reason,
    )


def check_articles(
    requests: Iterable[CheckRequest],
    fail_level: Severity | None = Severity.ERROR,
    packs: PackCache | None = None,
) -> RunResult:
    packs = packs if packs is not None else PackCache()
    results = tuple(check_article(request, packs) for request in requests)
    # Describe what the articles used, not every pack loaded up front.
    names = {name for result in results for name in result.pack.split(",")}
    ran = {rule_id for result in results for rule_id in result.rules}
    loaded = packs.packs.values()
    return RunResult(
        results=results,
        fail_level=fail_level,
        tool_version=__version__,
        packs={pack.name: pack.version for pack in loaded if pack.name in names},
        rules={r.qualified_id: r for pack in loaded for r in pack.rules if r.qualified_id in ran},
    )


def load_packs(specs: Sequence[str]) -> PackCache:
    """Load packs up front so that a bad pack stops the run before any article is read;
    the cache then serves the articles, so no pack is parsed twice."""
    packs = PackCache()
    for spec in specs:
        if spec != AUTO:
            packs.get(spec)
    return packs


__all__ = [
    "CheckRequest",
    "PackCache",
    "check_article",
    "check_articles",
    "format_message",
    "load_packs",
]
