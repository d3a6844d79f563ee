"""The source a crawled page declares: what checker/declared.py reads (meta tags, JSON-LD
`isBasedOn`, a canonical link to another site), then the link in the page's credit line
("This <a href=STORY>article</a> first appeared on <a href=HOME>The Ledger</a>"), then a
canonical to another site where sites are told apart by port too.

declared.py compares registrable domains, which cannot tell two sites on one IP address apart
(every loopback test site is 127.0.0.1): for an IP-address host the site here is host:port.
The credit line's link is read here, not in declared.py, because `check` and `audit` decide
from declared.py whether an article is syndicated at all; the crawler only names the source
it will check against (the audit then gets it as the manifest's `source`).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from checker.credit_vocabulary import is_credit_statement, is_photo_credit
from checker.declared import declared_source
from checker.document import Document, Link
from checker.text import sentences
from checker.urls import is_web_url, registrable_domain

_IP_HOST = re.compile(r"[\d.]+|\[?[0-9a-fA-F:]+\]?")


def site_of(url: str) -> str:
    """The registrable domain; for an IP-address host, host:port (distinct sites)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if _IP_HOST.fullmatch(host):
        return f"{host}:{parts.port or (443 if parts.scheme == 'https' else 80)}"
    return registrable_domain(url)


def _elsewhere(url: str, own: str) -> bool:
    return is_web_url(url) and bool(site_of(url)) and site_of(url) != site_of(own)


def _licence(link: Link, document: Document) -> bool:
    """A licence's link (rel=license, a Creative Commons deed) names terms, never a source."""
    rels = {rel.lower() for rel in link.rel}
    host = (urlsplit(link.url).hostname or "").lower()
    return (
        bool(rels & {"license", "licence"})
        or link.url in document.metadata.licence_links
        or (host == "creativecommons.org" or host.endswith(".creativecommons.org"))
    )


def credit_link(document: Document) -> str:
    """The link in the page's credit line that leads to another site's story: of the credit
    sentence's links (a licence's left out), the one with the longest path (the story,
    rather than the home page)."""
    own = document.metadata.address
    blocks = [b for b in document.blocks if b.kind != "caption"]
    for index, block in enumerate(blocks):
        if not is_credit_statement(block.text):
            continue
        # A link belongs to the block when it sits on the block's lines.
        upper = blocks[index + 1].line if index + 1 < len(blocks) else None
        near = [
            link for link in document.links
            if link.line >= block.line and (upper is None or link.line <= upper)
        ]  # fmt: skip
        for _, sentence in sentences(block.text):
            if not is_credit_statement(sentence) or is_photo_credit(sentence):
                continue
            found = [
                link for link in near
                if _in(link, sentence) and _elsewhere(link.url, own)
                and not _licence(link, document)
            ]  # fmt: skip
            if found:
                best = max(found, key=lambda link: len(urlsplit(link.url).path.strip("/")))
                return best.url
    return ""


def _in(link: Link, sentence: str) -> bool:
    text = " ".join(link.text.split())
    return bool(text) and text in " ".join(sentence.split())


def declared_url(document: Document) -> str | None:
    """The source the page declares (a URL), or None."""
    declared = declared_source(document)
    if declared is not None and declared.url:
        return declared.url
    credited = credit_link(document)
    if credited and urlsplit(credited).path.strip("/"):
        return credited
    # A credit that links only a home page names the site, not the story: a canonical to
    # another site's article says more.
    canonical = document.metadata.canonical.strip()
    own = document.metadata.address.strip()
    if is_web_url(own) and _elsewhere(canonical, own):
        return canonical
    return credited or None
