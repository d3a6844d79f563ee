"""`syndicheck check` on files: read the article (and its source, or fetch it when allowed),
then check it in memory with `checker.core.check_document`, to which this adds only the reading.

Everything here is about where the inputs live (paths, front-matter paths relative to the
article, URLs); what a check finds is decided in `checker.core`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from checker.checks import Source
from checker.config import Publisher
from checker.core import (
    AUTO,
    DEFAULT_PACK,
    MAX_FINDINGS_PER_RULE,
    Known,
    PackCache,
    Session,
    Settings,
    SourceCache,
    check_document,
    format_message,
    identify_source,
    run_rule,
)
from checker.declared import SKIP_REASON, Declared, SourceHint, declared_source
from checker.document import Document
from checker.errors import CheckerError, InputError, UsageError
from checker.evidence import Evidence, sha256, utc_now
from checker.findings import ArticleResult, RunResult, Severity
from checker.imagemeta.attach import attach_embedded
from checker.loaders import DEFAULT_MAX_BYTES, kind_for, load_bytes, read_file
from checker.urls import is_web_url
from checker.version import __version__

if TYPE_CHECKING:
    # The network stack is imported where a fetcher is made (only with --allow-network).
    from checker.fetch import Fetcher, FetchPolicy


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
    # The configuration's override for this article's glob: source, source_url, publisher.
    configured: SourceHint = field(default_factory=SourceHint)
    # An article that declares no source is skipped, unless this makes it an error, or
    # `check_undeclared` has it checked all the same (`audit --discover` looks for the sources
    # that nobody declared).
    require_source: bool = False
    check_undeclared: bool = False
    # The article's bytes when they come from standard input (`check -`); `article` names it.
    data: bytes | None = None
    # Where the article's images are when its pages name them by site path (`/img/a.jpg`).
    images_root: str | None = None
    # The article's own address (`--article-url`, a manifest's or a service's `url`): its
    # relative links resolve against it. Never its canonical, which names the original.
    url: str | None = None

    @property
    def names_source(self) -> bool:
        """The command line (or a manifest row) says where the article comes from."""
        return bool(self.source or self.source_url or self.publisher)


_WEB_KINDS = {"text/html": "html", "application/xhtml+xml": "html", "text/markdown": "markdown"}


def session_for(
    request: CheckRequest, packs: PackCache | None = None, sources: SourceCache | None = None
) -> Session:
    """A session for a run of requests: one fetcher, so its cache and spacing cover the run,
    and one source cache (an audit's worker passes its own, kept for its whole life)."""
    fetcher = None
    if request.network is not None:
        from checker.fetch import Fetcher

        fetcher = Fetcher(request.network)
    packs = packs if packs is not None else PackCache()
    return Session(packs=packs, fetcher=fetcher, sources=sources or SourceCache())


def _source_spec(request: CheckRequest, declared: Declared) -> str:
    if request.source:
        return request.source
    spec = declared.source
    if spec and not is_web_url(spec):
        return spec  # a path, already relative to where syndicheck runs
    if spec and request.network is not None:
        return spec  # a URL: fetched only because the user allowed the network
    return ""


@dataclass(frozen=True)
class SourceRead:
    """The source as read: its document, and how its bytes were had (for the evidence)."""

    document: Document | None = None
    fetched_url: str = ""  # the URL it was fetched from; "" when read from a file
    sha256: str = ""
    origin: str = ""  # "file", "fetched" or "cache"
    fetched_at: str = ""


def read_source(
    request: CheckRequest,
    declared: Declared,
    fetcher: Fetcher | None,
    sources: SourceCache | None = None,
) -> SourceRead:
    """The source's document, read from its file or fetched (when allowed).

    A source file already in `sources` (same path, size and modification time) is not read
    again: many articles of a run share one source.
    """
    spec = _source_spec(request, declared)
    if not spec:
        return SourceRead()
    if not is_web_url(spec):
        key = _file_key(spec, request.max_bytes) if sources is not None else None
        if key is not None and sources is not None:
            kept = sources.get(key)
            if isinstance(kept, SourceRead):
                return kept
        data = read_file(spec, request.max_bytes)
        # No finding points into a source: its records' columns are not looked up.
        document = load_bytes(data, spec, kind=kind_for(spec), columns=False)
        read = SourceRead(document, "", sha256(data), "file")
        if key is not None and sources is not None:
            sources.put(key, read)
        return read
    if fetcher is None:
        raise UsageError(
            spec,
            "a source given as a URL needs --allow-network (or save the page, give its "
            "path with --source and the URL with --source-url)",
        )
    fetched = fetcher.get(spec)
    document = load_bytes(
        fetched.body,
        spec,
        kind=_WEB_KINDS.get(fetched.content_type),
        url=fetched.url,
        declared=fetched.charset,
        columns=False,
    )
    origin = "cache" if fetched.from_cache else "fetched"
    return SourceRead(document, spec, sha256(fetched.body), origin, fetched.fetched_at)


def _identify(
    request: CheckRequest, article: Document, declared: Declared, read: SourceRead
) -> Source:
    return identify_source(
        article,
        read.document,
        publisher=request.publisher,
        source_url=request.source_url,
        fetched_url=read.fetched_url,
        settings=_settings(request),
        declared=declared,
    )


def _settings(request: CheckRequest) -> Settings:
    return Settings(request.default_rules, request.severity, request.publishers)


def resolve_source(
    request: CheckRequest,
    article: Document,
    session: Session | None = None,
    declared: Declared | None = None,
) -> Source:
    """What is known of the article's source: its document, publisher, URL, alignment."""
    declared = declared or declared_source(article, request.configured) or Declared()
    fetcher = session.fetcher if session is not None else None
    if fetcher is None and request.network is not None:
        from checker.fetch import Fetcher

        fetcher = Fetcher(request.network)
    return _identify(request, article, declared, read_source(request, declared, fetcher))


def _file_key(spec: str, max_bytes: int) -> tuple[str, int, int, int, int] | None:
    """What identifies a source file's content for the cache; None when it cannot be had
    (read_file then reports the problem as usual)."""
    try:
        info = os.stat(spec)
    except (OSError, ValueError):
        return None
    return (os.path.abspath(spec), info.st_size, info.st_mtime_ns, info.st_ino, max_bytes)


NO_SOURCE = (
    "declares no source, and --require-source (or require-source in the configuration) makes "
    "that an error: give front matter source/source_url/source_publisher, a syndication-source "
    "or original-source meta tag, JSON-LD isBasedOn, or a configuration override"
)


def _article_bytes(request: CheckRequest) -> bytes:
    if request.data is None:
        return read_file(request.article, request.max_bytes)
    if len(request.data) > request.max_bytes:
        raise InputError(request.article, f"over the limit of {request.max_bytes:,} bytes")
    return request.data


def check_article(
    request: CheckRequest, session: Session | PackCache | None = None
) -> ArticleResult:
    """Check one article file. Input problems become an errored result; the run goes on."""
    if not isinstance(session, Session):
        session = session_for(request, session)
    checked_at = utc_now()
    try:
        data = _article_bytes(request)
        article = load_bytes(data, request.article, kind=kind_for(request.article), url=request.url)
        declared = declared_source(article, request.configured)
        if declared is None and not (request.names_source or request.check_undeclared):
            # Not syndicated: nothing to check it against. Skipped, and counted as such.
            if not request.require_source:
                return ArticleResult(request.article, None, (), (), skipped=SKIP_REASON)
            raise InputError(request.article, NO_SOURCE)
        declared = declared or Declared()
        # The image files' own credits are read here, before the checks, which stay pure.
        article = attach_embedded(
            article,
            request.article,
            images_root=request.images_root,
            network=request.network,
            fetchers=session.image_fetchers,
        )
        read = read_source(request, declared, session.fetcher, session.sources)
        known = Known(
            settings=_settings(request),
            declared=declared,
            fetched_url=read.fetched_url,
            evidence=Evidence(
                checked_at=checked_at,
                article_sha256=sha256(data),
                source_sha256=read.sha256,
                source_origin=read.origin,
                source_fetched_at=read.fetched_at,
            ),
            named_by="named on the command line",
        )
        return check_document(
            article,
            read.document,
            packs=request.rules,
            publisher=request.publisher,
            source_url=request.source_url,
            session=session,
            known=known,
        )
    except CheckerError as exc:
        return ArticleResult(
            article=request.article,
            source=request.source,
            packs=tuple(request.rules or (DEFAULT_PACK,)),
            findings=(),
            error=str(exc),
        )


def check_articles(
    requests: Iterable[CheckRequest],
    fail_level: Severity | None = Severity.ERROR,
    packs: PackCache | None = None,
) -> RunResult:
    checked_at = utc_now()
    packs = packs if packs is not None else PackCache()
    requests = list(requests)
    session = session_for(requests[0], packs) if requests else Session(packs=packs)
    outcomes = [check_article(request, session) for request in requests]
    results = [result for result in outcomes if not result.skipped]
    run = RunResult.of(results, fail_level, __version__)
    skipped = tuple(result for result in outcomes if result.skipped)
    return replace(run, checked_at=checked_at, skipped=skipped)


def load_packs(specs: Sequence[str]) -> PackCache:
    """Load packs up front so that a bad pack stops the run before any article is read;
    the cache then serves the articles, so no pack is parsed twice."""
    packs = PackCache()
    for spec in specs:
        if spec != AUTO:
            packs.get(spec)
    return packs


__all__ = [
    "AUTO",
    "DEFAULT_PACK",
    "MAX_FINDINGS_PER_RULE",
    "CheckRequest",
    "PackCache",
    "check_article",
    "check_articles",
    "format_message",
    "load_packs",
    "resolve_source",
    "run_rule",
    "session_for",
]
