"""`licence-notice`: the article names the licence and links to it, in the right version.

CC BY 4.0 and BY-ND 4.0 section 3(a)(1)(C): "indicate the Licensed Material is licensed under
this Public License, and include the text of, or the URI or hyperlink to, this Public License".
CC's guidance: "Include the version if it is given ... don't just say the material is creative
commons". The expected licence is the pack's (`licence: by-nd`, `version: "4.0"`) or the one
the source page links. The Conversation's footer names the licence without linking it
(`require_link: false`, `named_as` its footer wording).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from checker.check_support.reuse import anchor, visible_text
from checker.checks.base import CheckKind, Hit, Source
from checker.document import Document
from checker.findings import Severity
from checker.lazy_pattern import LazyPattern
from checker.patterns import search

_CC_URL = LazyPattern(
    r"creativecommons\.org/(?:licen[cs]es|publicdomain)/(?P<code>[a-z-]+)/(?P<version>\d+\.\d+)"
    r"(?:/(?P<port>[a-z]{2,3})(?=/|$))?",
    re.I,
)
_TEXT_VERSION = LazyPattern(r"\bCC[\s-]+(?P<code>BY(?:[\s-](?:NC|ND|SA))*)\s+(?P<version>\d\.\d)\b")
NAMED_AS = r"creative\s+commons|\bCC[\s-]+(?:BY|zero)\b|\bCC0\b"


@dataclass(frozen=True)
class Licence:
    code: str  # "by", "by-nd", "by-nc-nd", "zero"
    version: str  # "4.0"
    port: str = ""  # "us" for 3.0 US

    def fits(self, expected: Licence) -> bool:
        same = (self.code, self.version) == (expected.code, expected.version)
        return same and (not expected.port or self.port == expected.port)

    @property
    def label(self) -> str:
        name = "CC0" if self.code == "zero" else "CC " + self.code.upper()
        return f"{name} {self.version}" + (f" {self.port.upper()}" if self.port else "")

    @property
    def url(self) -> str:
        kind = "publicdomain" if self.code == "zero" else "licenses"
        port = f"{self.port}/" if self.port else ""
        return f"https://creativecommons.org/{kind}/{self.code}/{self.version}/{port}"


def parse_licence(url: str) -> Licence | None:
    match = _CC_URL.search(url)
    if match is None:
        return None
    return Licence(match["code"].lower(), match["version"], (match["port"] or "").lower())


def licence_of(document: Document) -> Licence | None:
    """The CC licence a page declares: its licence links, else any link to a CC licence."""
    urls = [*document.metadata.licence_links, *(link.url for link in document.links)]
    return next((found for url in urls if (found := parse_licence(url))), None)


def _expected(source: Source, params: Mapping[str, Any]) -> Licence | None:
    if params["licence"]:
        return Licence(str(params["licence"]).lower(), str(params["version"]), params["port"])
    return licence_of(source.document) if source.document is not None else None


def _link_problem(
    article: Document, expected: Licence | None, line: int, column: int
) -> Hit | None:
    linked = [(link, found) for link in article.links if (found := parse_licence(link.url))]
    in_body = [(link, found) for link, found in linked if link.in_body]
    if expected is None:
        return Hit(
            "the licence is not known: set `licence` in the pack or give the source page",
            line,
            column,
            at_most=Severity.WARNING,
        )
    if not in_body:
        where = " (only outside the article, e.g. in the site footer)" if linked else ""
        return Hit(
            f"no link to the licence, {expected.label} ({expected.url}){where}", line, column
        )
    if any(found.fits(expected) for _, found in in_body):
        return None
    link, found = in_body[0]
    detail = f"the licence link is to {found.label}, not {expected.label}"
    return Hit(detail, link.line, link.column, evidence=link.url)


def _name_problem(
    article: Document, expected: Licence | None, named_as: str, line: int, column: int
) -> Hit | None:
    text = visible_text(article)
    badges = " ".join(i.alt for i in article.body_images if "creativecommons" in i.src + i.alt)
    if search(named_as, f"{text} {badges}") is None:
        return Hit("the article does not name the licence it is republished under", line, column)
    stated = _TEXT_VERSION.search(text)
    if expected is None or stated is None:
        return None
    code = re.sub(r"[\s-]+", "-", stated["code"]).lower()
    if (code, stated["version"]) == (expected.code, expected.version):
        return None
    detail = f"the article names {stated.group()}, but the licence is {expected.label}"
    return Hit(detail, line, column, evidence=stated.group())


def run(article: Document, source: Source, params: Mapping[str, Any]) -> Iterator[Hit]:
    line, column = anchor(article, last=True)
    expected = _expected(source, params)
    link = _link_problem(article, expected, line, column) if params["require_link"] else None
    if link is not None:
        yield link
    if params["require_name"]:
        name = _name_problem(article, expected, params["named_as"], line, column)
        # A wrong version in the text and in the link is one problem, reported once.
        if name is not None and (link is None or "does not name" in name.detail):
            yield name


CHECK = CheckKind(
    name="licence-notice",
    run=run,
    description="The licence is named and linked, in the right version.",
    defaults={
        "licence": "",
        "version": "4.0",
        "port": "",
        "require_link": True,
        "require_name": True,
        "named_as": NAMED_AS,
    },
    regex_params=frozenset({"named_as"}),
)
