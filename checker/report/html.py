"""`--format html`: one self-contained, offline compliance report for editors and lawyers.

Jinja2 with autoescaping does the markup (templates in `templates/`). This module only arranges
what the run holds for display: findings grouped by severity, counts, and the article and
source texts cut into segments at the aligned passages' offsets so each passage can be
highlighted and linked to its twin. The page's one inline script and one stylesheet are allowed
by hash in a Content-Security-Policy meta tag; nothing is loaded from anywhere.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from itertools import pairwise
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from checker.document import Document, Image, Link
from checker.findings import ArticleResult, Finding, RunResult, Severity

PASSAGE_COLOURS = 8
_LINE_BREAKS = re.compile(r"(\s*\n\s*)")
SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)
STATUS_LABELS = {"pass": "Pass", "fail": "Fail", "error": "Not checked"}
IMAGE_STATUS_CLASSES = {"credited": "ok", "uncredited": "bad", "outside body": "muted"}


def is_web_uri(uri: object) -> bool:
    """Only absolute http(s) URLs become links; `javascript:`, `data:` and the rest stay text."""
    if not isinstance(uri, str) or any(ch in uri for ch in "\x00\r\n\t"):
        return False
    parts = urlsplit(uri.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


@dataclass(frozen=True)
class Segment:
    text: str
    passage: int | None  # index of the passage highlighting this stretch, if any
    anchors: tuple[int, ...] = ()  # passages that start here (jump targets)


@dataclass(frozen=True)
class PassageView:
    number: int  # 0-based, as in the ids
    colour: int
    words: int
    similarity: float
    article_excerpt: str
    source_excerpt: str


@dataclass(frozen=True)
class OverlapView:
    containment: float
    source_coverage: float
    longest_passage_words: int
    verdict: str
    article_words: int
    source_words: int
    passages: tuple[PassageView, ...]
    article_segments: tuple[Segment, ...] | None
    source_segments: tuple[Segment, ...] | None


@dataclass(frozen=True)
class SeverityGroup:
    severity: str
    title: str
    findings: tuple[Finding, ...]
    blocking: bool  # at or above the fail level


@dataclass(frozen=True)
class ArticleView:
    index: int
    result: ArticleResult
    title: str
    status: str
    counts: dict[str, int]
    groups: tuple[SeverityGroup, ...]
    images: tuple[tuple[Image, str], ...]
    links: tuple[Link, ...]
    overlap: OverlapView | None
    source_title: str
    variables: tuple[tuple[str, str], ...] = field(default=())

    @property
    def anchor(self) -> str:
        return f"article-{self.index + 1}"


def segments(text: str, spans: list[tuple[int, int, int]]) -> tuple[Segment, ...]:
    """Cut `text` at every span boundary; each piece names the first span covering it."""
    size = len(text)
    clamped = [(max(0, min(s, size)), max(0, min(e, size)), p) for s, e, p in spans]
    clamped = [(s, e, p) for s, e, p in clamped if s < e]
    points = sorted({0, size, *(s for s, _, _ in clamped), *(e for _, e, _ in clamped)})
    starts: dict[int, list[int]] = {}
    for start, _, number in clamped:
        starts.setdefault(start, []).append(number)
    pieces: list[Segment] = []
    for left, right in pairwise(points):
        covering = [p for s, e, p in clamped if s <= left and right <= e]
        anchors = tuple(sorted(starts.get(left, ())))
        passage = min(covering, default=None)
        # Line breaks inside a passage stay unmarked, so a passage that runs across a
        # paragraph break does not highlight the empty line between the paragraphs.
        parts = [text[left:right]] if passage is None else _LINE_BREAKS.split(text[left:right])
        for index, part in enumerate(p for p in parts if p):
            marked = None if _LINE_BREAKS.fullmatch(part) else passage
            pieces.append(Segment(part, marked, anchors if index == 0 else ()))
    return tuple(pieces)


def _excerpt(text: str, start: int, end: int, limit: int = 160) -> str:
    piece = " ".join(text[max(0, start) : max(0, end)].split())
    return piece if len(piece) <= limit else piece[: limit - 1].rstrip() + "…"


def _overlap_view(result: ArticleResult) -> OverlapView | None:
    alignment = result.overlap
    if alignment is None:
        return None
    article_text = result.article_doc.body_text if result.article_doc else None
    source_text = result.source_doc.body_text if result.source_doc else None
    passages = tuple(alignment.passages)
    views = tuple(
        PassageView(
            number=i,
            colour=i % PASSAGE_COLOURS,
            words=p.words,
            similarity=p.similarity,
            article_excerpt=_excerpt(article_text or "", p.article_start, p.article_end),
            source_excerpt=_excerpt(source_text or "", p.source_start, p.source_end),
        )
        for i, p in enumerate(passages)
    )
    article_spans = [(p.article_start, p.article_end, i) for i, p in enumerate(passages)]
    source_spans = [(p.source_start, p.source_end, i) for i, p in enumerate(passages)]
    return OverlapView(
        containment=alignment.containment,
        source_coverage=alignment.source_coverage,
        longest_passage_words=alignment.longest_passage_words,
        verdict=alignment.verdict,
        article_words=alignment.article_words,
        source_words=alignment.source_words,
        passages=views,
        article_segments=None if article_text is None else segments(article_text, article_spans),
        source_segments=None if source_text is None else segments(source_text, source_spans),
    )


def _title(doc: Document | None, fallback: str) -> str:
    if doc is not None:
        title = " ".join((doc.title or doc.metadata.title).split())
        if title:
            return title
    return fallback


def _groups(result: ArticleResult, fail_level: Severity | None) -> tuple[SeverityGroup, ...]:
    ordered = sorted(result.findings, key=Finding.sort_key)
    groups = []
    for severity in SEVERITY_ORDER:
        found = tuple(f for f in ordered if f.severity == severity)
        if found:
            title = {"error": "Errors", "warning": "Warnings", "info": "Notes"}[severity.label]
            blocking = fail_level is not None and severity >= fail_level
            groups.append(SeverityGroup(severity.label, title, found, blocking))
    return tuple(groups)


def article_view(run: RunResult, index: int, result: ArticleResult) -> ArticleView:
    counts = Counter(f.severity.label for f in result.findings)
    source_title = _title(result.source_doc, "")
    if result.source_doc is not None and not source_title:
        source_title = result.source_doc.metadata.site_name
    return ArticleView(
        index=index,
        result=result,
        title=_title(result.article_doc, result.article),
        status=run.status(result),
        counts={s.label: counts[s.label] for s in SEVERITY_ORDER},
        groups=_groups(result, run.fail_level),
        images=tuple(result.image_statuses),
        links=tuple(result.original_links),
        overlap=_overlap_view(result),
        source_title=source_title,
        variables=tuple(sorted(result.variables.items())),
    )


@cache
def _asset(name: str) -> str:
    return files("checker.report").joinpath("templates", name).read_text(encoding="utf-8")


def csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(style: str, script: str) -> str:
    return (
        f"default-src 'none'; style-src {csp_hash(style)}; script-src {csp_hash(script)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


def humanise(value: object) -> str:
    """`source_url` -> "Source url", `near-copy` -> "Near copy"."""
    return " ".join(str(value).replace("_", "-").split("-")).capitalize()


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("checker.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.tests["web_uri"] = is_web_uri
    env.filters["percent"] = lambda value: f"{100 * float(value):.0f}%"
    env.filters["bar"] = lambda value: f"{max(0.0, min(100.0, 100 * float(value))):.1f}"
    env.filters["human"] = humanise
    return env


def render(run: RunResult) -> str:
    views = [article_view(run, i, result) for i, result in enumerate(run.results)]
    statuses = Counter(view.status for view in views)
    return "".join(generate(run, views, run.counts(), statuses))


def generate(
    run: RunResult,
    views: Sequence[ArticleView],
    counts: Mapping[str, int],
    statuses: Mapping[str, int],
    links: Sequence[tuple[str, str]] = (),
) -> Iterator[str]:
    """The page in pieces, for a writer that streams it to a file: an audit passes `views` as
    a sequence read from its database one article at a time, and the counts it summed there.
    `links`: (href, label) pairs shown under the heading, e.g. an audit's changes.html."""
    style = _asset("report.css")
    script = _asset("report.js")
    template = environment().get_template("report.html.j2")
    return template.generate(
        run=run,
        articles=views,
        counts=counts,
        statuses={key: statuses.get(key, 0) for key in ("fail", "pass", "error")},
        status_labels=STATUS_LABELS,
        image_status_classes=IMAGE_STATUS_CLASSES,
        fail_level=run.fail_level.label if run.fail_level is not None else "never",
        packs=sorted(run.packs.items()),
        links=links,
        style=Markup(style),  # our own file, inserted verbatim so its hash matches
        script=Markup(script),
        csp=content_security_policy(style, script),
    )
