"""`original-link`: a link in the body points at the original article.

Two URLs are the same page when they agree after normalisation (scheme, `www.`, trailing
slash, default port, fragment and tracking parameters removed). The publisher's home page,
another page of theirs, a lookalike host or the publisher's name as plain text are not a link
to the original; the finding says which of them was found instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

from checker.checks.base import CheckKind, Hit, Source
from checker.document import Document, Link
from checker.lazy_pattern import LazyPattern
from checker.text import name_pattern, name_variants, sentences, shorten
from checker.urls import host_of, is_web_url, normalise_url, registrable_domain

_LINK_WORDS = LazyPattern(r"(?i)\b(link|original|source|read\s+(?:more|the)|available\s+at|here)\b")


def original_urls(source: Source) -> set[str]:
    """Every URL under which the source is known: given URL, canonical, og:url.

    A URL the user named (command line, front matter) is the only one; the source page's own
    canonical and og:url name the same page when the user named none (or only fetched it).
    """
    urls = {source.url} if source.url else set()
    if source.document is not None and source.url_from in ("", "fetched", "source metadata"):
        meta = source.document.metadata
        urls.update(u for u in (meta.canonical, meta.url) if u and is_web_url(u))
    return {normalise_url(u) for u in urls}


def _squashed(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def publisher_domains(source: Source, params: Mapping[str, Any]) -> set[str]:
    domains = {registrable_domain(d) for d in params["publisher_domains"]}
    domains.update(registrable_domain(u) for u in original_urls(source))
    return {d for d in domains if d}


def _names_domain(publisher: str, domain: str) -> bool:
    """Without a source URL, `bloomberg.com` is taken as Bloomberg's own domain."""
    label = domain.split(".")[0]
    return any(label == _squashed(v) for v in name_variants(publisher) if _squashed(v))


def matching_links(article: Document, source: Source, params: Mapping[str, Any]) -> list[Link]:
    """The body links that count as a link to the original."""
    links = [link for link in article.body_links if is_web_url(link.url)]
    targets = original_urls(source)
    if targets:
        # A normalised URL keeps its host as written, lower-cased: a link whose text does not
        # hold a target's host cannot normalise to the target, and normalising is the cost.
        hosts = {urlsplit(target).hostname or "" for target in targets}
        return [
            link
            for link in links
            if any(host in link.url.lower() for host in hosts)
            and normalise_url(link.url) in targets
        ]
    domains = publisher_domains(source, params)
    return [
        link
        for link in links
        if (domain := registrable_domain(link.url))
        and (domain in domains or (source.publisher and _names_domain(source.publisher, domain)))
    ]


def _lookalike(host: str, domains: set[str], publisher: str) -> bool:
    labels = {d.split(".")[0] for d in domains}
    if publisher:
        labels.add(_squashed(publisher))
    return any(label and label in host.replace("-", "") for label in labels if len(label) > 2)


def run(article: Document, source: Source, params: Mapping[str, Any]) -> Iterator[Hit]:
    matches = matching_links(article, source, params)
    if matches:
        resolved = source.resolved
        checked = [(link, resolved[link.url]) for link in matches if link.url in resolved]
        if params["must_resolve"] and checked and not any(ok for _, (ok, _why) in checked):
            link, (_, why) = checked[0]
            yield Hit(
                f"the link to the original does not resolve ({why})",
                link.line,
                link.column,
                evidence=shorten(f"{link.text} -> {link.url}"),
            )
        return
    targets = original_urls(source)
    wanted = source.url or next(iter(sorted(targets)), "")
    anchor = article.blocks[-1] if article.blocks else None
    line, column = (anchor.line, anchor.column) if anchor else (0, 0)
    if not targets and not source.publisher and not params["publisher_domains"]:
        yield Hit(
            "neither the source URL nor the publisher is known: give --source-url",
            line,
            column,
        )
        return
    domains = publisher_domains(source, params)
    for link in article.body_links:
        if not is_web_url(link.url):
            continue
        domain = registrable_domain(link.url)
        if domain in domains:
            home = normalise_url(link.url).endswith(domain + "/")
            page = "the publisher's home page" if home else "another of the publisher's pages"
            yield Hit(
                f"the link goes to {page} ({link.url}), not to the original article ({wanted})",
                link.line,
                link.column,
                evidence=shorten(f"{link.text} -> {link.url}"),
            )
            return
        if _lookalike(host_of(link.url), domains, source.publisher):
            yield Hit(
                f"the link goes to {host_of(link.url)}, a host that only looks like the "
                f"publisher's ({', '.join(sorted(domains)) or source.publisher})",
                link.line,
                link.column,
                evidence=shorten(f"{link.text} -> {link.url}"),
            )
            return
    if source.publisher:
        pattern = name_pattern(name_variants(source.publisher))
        for block in article.blocks:
            for _, sentence in sentences(block.text):
                if pattern.search(sentence) and _LINK_WORDS.search(sentence):
                    yield Hit(
                        "the publisher's name stands as plain text where a link to the "
                        "original is expected",
                        block.line,
                        block.column,
                        evidence=shorten(sentence),
                    )
                    return
    yield Hit(
        f"no link in the body goes to the original article ({wanted or source.publisher})",
        line,
        column,
    )


def facts(article: Document, source: Source, params: Mapping[str, Any]) -> dict[str, list[Link]]:
    """For reports: the body links that count as the original."""
    return {"original_links": matching_links(article, source, params)}


def urls_to_try(article: Document, source: Source, params: Mapping[str, Any]) -> list[str]:
    """With the network allowed, each link to the original is tried (must_resolve)."""
    return [link.url for link in matching_links(article, source, params)]


def satisfied_by(article: Document, source: Source, params: Mapping[str, Any]) -> str:
    """The body link that counts as the link to the original."""
    link = next(iter(matching_links(article, source, params)), None)
    if link is None:
        return ""
    return f"link (line {link.line}): {shorten(link.text or '(no link text)')} -> {link.url}"


CHECK = CheckKind(
    name="original-link",
    run=run,
    description="A link in the body goes to the original article (normalised URL).",
    # must_resolve only acts when the network was allowed and the links were tried.
    defaults={"publisher_domains": [], "must_resolve": True},
    facts=facts,
    urls=urls_to_try,
    satisfied=satisfied_by,
)
