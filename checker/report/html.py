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
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from itertools import pairwise
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from checker.document import Document, Image, Link
from checker.evidence import Evidence
from checker.findings import ArticleResult, Finding, RunResult, Severity
from checker.packs import Rule
from checker.rule_ref import RuleRef

if TYPE_CHECKING:  # the audit package imports this renderer: no import cycle at run time
    from checker.audit.history import ArticleChanges
    from checker.audit.overview import AuditOverview

PASSAGE_COLOURS = 8
_LINE_BREAKS = re.compile(r"(\s*\n\s*)")
SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)
STATUS_LABELS = {"pass": "Pass", "fail": "Fail", "error": "Not checked"}
IMAGE_STATUS_CLASSES = {"credited": "ok", "uncredited": "bad", "outside body": "muted"}
# Characters that reorder what a reader sees ("\u202etxt.exe" shows as "exe.txt"): each is
# shown as a visible token instead of being obeyed.
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
CLIP = 600  # characters of a caption or evidence shown before "show the rest"
_DIGIT_RUNS = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """`img-2` before `img-12`: digit runs compare as numbers."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.lower())
        for part in _DIGIT_RUNS.split(text)
        if part
    )


def _control_token(match: re.Match[str]) -> str:
    char = match.group(0)
    name = unicodedata.name(char, "bidi control").lower()
    code = f"U+{ord(char):04X}"
    return f'<span class="ctl" title="{name} ({code})">[{code}]</span>'


def visible_controls(value: object) -> Markup:
    """Escaped text with every bidi control shown as a visible `[U+202E]` token."""
    return Markup(BIDI_CONTROLS.sub(_control_token, str(escape(str(value)))))


_URL_BREAKS = re.compile(r"(?<=[/?&=#_.-])(?=[^/?&=#_.-])")


def uri_text(value: object) -> Markup:
    """A URL as user text, with line-break opportunities after its separators, so that a long
    URL wraps at `/`, `?` or `&` rather than in the middle of a word."""
    pieces = _URL_BREAKS.split(str(value))
    inner = Markup("<wbr>").join(visible_controls(piece) for piece in pieces)
    return Markup("<bdi>") + inner + Markup("</bdi>")


def plain_controls(value: object) -> str:
    """Bidi controls as `[U+202E]` in plain text, where no markup may go (SVG, title)."""
    return BIDI_CONTROLS.sub(lambda m: f"[U+{ord(m.group(0)):04X}]", str(value))


def user_text(value: object) -> Markup:
    """A string from an article, a source or a pack: isolated, so that right-to-left text
    or an override inside it cannot reorder the text around it, with its controls shown."""
    return Markup("<bdi>") + visible_controls(value) + Markup("</bdi>")


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
class RuleView:
    """A rule as a reader needs it: a name, what it checks, and the terms it enforces."""

    id: str  # qualified, e.g. "default/source-credit"
    name: str  # "Source credit"
    description: str
    terms: str  # link
    terms_text: str  # the clause, quoted


@dataclass(frozen=True)
class RuleFindings:
    rule: RuleView
    findings: tuple[Finding, ...]
    unlisted: tuple[Finding, ...]  # "and N more" rows: counted, not listed, shown last


@dataclass(frozen=True)
class SeverityGroup:
    severity: str
    title: str
    rules: tuple[RuleFindings, ...]
    blocking: bool  # at or above the fail level
    count: int  # findings, an "and N more" row counted as its N


@dataclass(frozen=True)
class BrokenRule:
    rule: RuleView
    severity: str  # the worst of its findings
    count: int


@dataclass(frozen=True)
class PassingRule:
    rule: RuleView
    satisfied: str  # what satisfied it, when its check can say


@dataclass(frozen=True)
class PackEvidence:
    name: str
    version: str
    sha256: str


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
    publisher: str = ""
    broken: tuple[BrokenRule, ...] = ()
    passing: tuple[PassingRule, ...] = ()
    evidence: Evidence | None = None
    packs: tuple[PackEvidence, ...] = ()
    changes: tuple[int, int] = (0, 0)  # in an audit: (new, fixed) findings since the baseline

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


def _overlap_view(result: ArticleResult, texts: bool = True) -> OverlapView | None:
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
        article_segments=(
            segments(article_text, article_spans) if texts and article_text is not None else None
        ),
        source_segments=(
            segments(source_text, source_spans) if texts and source_text is not None else None
        ),
    )


def _title(doc: Document | None, fallback: str) -> str:
    if doc is not None:
        title = " ".join((doc.title or doc.metadata.title).split())
        if title:
            return title
    return fallback


def rule_view(run: RunResult, rule_id: str, help_uri: str = "") -> RuleView:
    """The rule as the run describes it; a stored result may only have its id and link."""
    rule: Rule | None = run.rules.get(rule_id)
    name = humanise(RuleRef.parse(rule_id).id)
    if rule is None:
        return RuleView(rule_id, name, "", help_uri, "")
    return RuleView(rule_id, name, rule.description, rule.terms or help_uri, rule.terms_text)


def _finding_key(finding: Finding) -> tuple[object, ...]:
    location = finding.location
    return (location.path, location.line, location.column, natural_key(finding.rule))


def _groups(run: RunResult, result: ArticleResult) -> tuple[SeverityGroup, ...]:
    fail_level = run.fail_level
    groups = []
    for severity in SEVERITY_ORDER:
        found = sorted((f for f in result.findings if f.severity == severity), key=_finding_key)
        if not found:
            continue
        by_rule: dict[str, list[Finding]] = {}
        for finding in found:
            by_rule.setdefault(finding.rule, []).append(finding)
        rules = tuple(
            RuleFindings(
                rule_view(run, rule_id, items[0].help_uri),
                tuple(f for f in items if not f.unlisted),
                tuple(f for f in items if f.unlisted),
            )
            for rule_id, items in sorted(by_rule.items(), key=lambda item: natural_key(item[0]))
        )
        title = {"error": "Errors", "warning": "Warnings", "info": "Notes"}[severity.label]
        blocking = fail_level is not None and severity >= fail_level
        count = sum(f.weight for f in found)
        groups.append(SeverityGroup(severity.label, title, rules, blocking, count))
    return tuple(groups)


def _packs(run: RunResult, result: ArticleResult) -> tuple[PackEvidence, ...]:
    names = result.packs
    return tuple(
        PackEvidence(name, run.packs.get(name, ""), run.pack_hashes.get(name, "")) for name in names
    )


def article_view(
    run: RunResult, index: int, result: ArticleResult, texts: bool = True
) -> ArticleView:
    """`texts=False`: without the side-by-side texts cut at the passages, for a page that
    only lists the article (an audit's index)."""
    counts = result.finding_counts()
    source_title = _title(result.source_doc, "")
    if result.source_doc is not None and not source_title:
        source_title = result.source_doc.metadata.site_name
    broken_ids = set(result.broken_rules())
    passing = tuple(
        PassingRule(rule_view(run, rule_id), dict(result.satisfied).get(rule_id, ""))
        for rule_id in sorted(result.rules, key=natural_key)
        if rule_id not in broken_ids
    )
    return ArticleView(
        index=index,
        result=result,
        title=_title(result.article_doc, result.article),
        status=run.status(result),
        counts={s.label: counts[s.label] for s in SEVERITY_ORDER},
        groups=_groups(run, result),
        images=tuple(result.image_statuses),
        links=tuple(result.original_links),
        overlap=_overlap_view(result, texts),
        source_title=source_title,
        variables=tuple(sorted(result.variables.items())),
        publisher=result.variables.get("publisher", "") or source_title,
        broken=tuple(
            BrokenRule(rule_view(run, rule, _help_uri(result, rule)), severity, count)
            for rule, severity, count in result.rule_rows()
        ),
        passing=passing,
        evidence=result.evidence,
        packs=_packs(run, result),
    )


def _help_uri(result: ArticleResult, rule: str) -> str:
    return next((f.help_uri for f in result.findings if f.rule == rule), "")


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
    env.filters["u"] = user_text
    env.filters["controls"] = visible_controls
    env.filters["uri"] = uri_text
    env.filters["ctl_text"] = plain_controls
    return env


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    width: float  # share of the chart's width, 0-100


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    unit: str  # what a value counts, e.g. "failing articles"
    bars: tuple[Bar, ...]


def _chart(chart_id: str, title: str, unit: str, rows: tuple[tuple[str, int], ...]) -> Chart:
    """Bars scaled to the largest value: geometry only, the values are the run's."""
    top = max((value for _, value in rows), default=0) or 1
    bars = tuple(Bar(label, value, 100 * value / top) for label, value in rows)
    return Chart(chart_id, title, unit, bars)


CSV_HEADER = (
    "article", "title", "publisher", "status", "rule", "rule name", "severity", "findings"
)  # fmt: skip


def _csv_rows_of(view: ArticleView) -> Iterator[list[str | int]]:
    head: list[str | int] = [view.result.article, view.title, view.publisher, view.status]
    names = {broken.rule.id: broken.rule.name for broken in view.broken}
    broken = view.result.rule_rows()
    for rule, severity, count in broken:
        yield [*head, rule, names.get(rule, rule), severity, count]
    if not broken:
        yield [*head, "", "", "", 0]


def csv_rows(views: Iterable[ArticleView]) -> list[list[str | int]]:
    """The overview, one row per article and broken rule (one row for an article with none)."""
    return [list(CSV_HEADER), *(row for view in views for row in _csv_rows_of(view))]


def csv_pieces(views: Iterable[ArticleView]) -> Iterator[str]:
    """`json.dumps(csv_rows(views))` in pieces, one per article, for a page that is streamed
    (an audit's views are read from its database and never held all at once)."""
    yield "[" + json.dumps(list(CSV_HEADER), ensure_ascii=False)
    for view in views:
        for row in _csv_rows_of(view):
            yield ", " + json.dumps(row, ensure_ascii=False)
    yield "]"


def css_string(text: str, limit: int = 90) -> str:
    """`text` as a CSS string literal: every character but letters, digits and spaces is
    written as a hex escape, so a title cannot end the string or the rule."""
    text = " ".join(plain_controls(text).split())
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    safe = (c if (c.isascii() and c.isalnum()) or c == " " else f"\\{ord(c):x} " for c in text)
    return '"' + "".join(safe) + '"'


def page_css(views: Sequence[ArticleView]) -> str:
    """Printed pages carry the article's title in their header and a page number. With
    several articles each gets a named page; one article's title heads every page (a named
    page there would force a page break after the masthead and before the colophon)."""
    box = "font: 8pt sans-serif; color: #4a5361;"
    head = css_string(views[0].title) if len(views) == 1 else '"Syndication compliance report"'
    rules = [
        f"@page {{ @top-left {{ content: {head}; {box} }}"
        f' @bottom-right {{ content: "Page " counter(page) " of " counter(pages); {box} }} }}'
    ]
    for view in views if len(views) > 1 else ():
        name = f"article-{view.index + 1}"
        rules.append(
            f"#{name} {{ page: {name}; }}"
            f" @page {name} {{ @top-left {{ content: {css_string(view.title)}; {box} }} }}"
        )
    return "@media print {\n" + "\n".join(rules) + "\n}\n"


def audit_charts(audit: AuditOverview) -> tuple[Chart, ...]:
    return (
        _chart("by-publisher", "Failing articles by source publisher", "failing articles",
               audit.by_publisher),
        _chart("by-rule", "Failing articles by rule", "failing articles", audit.by_rule),
        _chart("trend", "Failing articles, run by run", "failing articles",
               tuple((point.label, point.failing) for point in audit.trend)),
    )  # fmt: skip


def render(run: RunResult) -> str:
    views = [article_view(run, i, result) for i, result in enumerate(run.results)]
    statuses = Counter(view.status for view in views)
    csv = [json.dumps(csv_rows(views), ensure_ascii=False)] if len(views) > 1 else None
    return "".join(
        generate(run, views, run.finding_counts(), statuses, csv=csv, print_css=page_css(views))
    )


def generate(
    run: RunResult,
    views: Sequence[ArticleView],
    counts: Mapping[str, int],
    statuses: Mapping[str, int],
    *,
    audit: AuditOverview | None = None,
    csv: Iterable[str] | None = None,
    print_css: str = "",
    links: Sequence[tuple[str, str]] = (),
    pages: bool = False,
) -> Iterator[str]:
    """The page in pieces, for a writer that streams it to a file: an audit passes `views` as
    a sequence read from its database one article at a time, the counts it summed there, its
    overview (`audit`: charts and changes first) and the CSV download in pieces (`csv`, a
    JSON array's text; None: no download). `print_css`: page_css() of what the page shows.
    `links`: (href, label) pairs shown under the heading, e.g. an article page's way back.
    `pages`: each article has a page of its own (`articles/<n>.html`, an audit's): the rows
    link there and the page holds no article sections, so that it stays light."""
    style = _asset("report.css") + print_css
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
        pack_hashes=run.pack_hashes,
        audit=audit,
        charts=audit_charts(audit) if audit is not None else (),
        csv=csv,
        clip=CLIP,
        links=links,
        pages=pages,
        style=Markup(style),  # our own file, inserted verbatim so its hash matches
        script=Markup(script),
        csp=content_security_policy(style, script),
    )


def generate_changes(
    audit: AuditOverview,
    changed: Callable[[], Iterator[ArticleChanges]],
    changed_articles: int,
    open_by_severity: Mapping[str, int],
    href: Callable[[ArticleChanges], str],
) -> Iterator[str]:
    """An audit's changes.html in pieces: only the articles whose findings changed since the
    baseline (`changed()`, read from the database each time it is called), what is still open
    by severity, and for each article a link to its full report (`href`)."""
    style = _asset("report.css")
    template = environment().get_template("changes.html.j2")
    words = {"error": "errors", "warning": "warnings", "info": "notes"}
    return template.generate(
        audit=audit,
        changed=changed,
        changed_articles=changed_articles,
        open_parts=[(words[label], n) for label, n in open_by_severity.items() if n],
        href=href,
        severity=lambda row: Severity(row.severity).label,
        style=Markup(style),
        csp=(
            f"default-src 'none'; style-src {csp_hash(style)}; img-src data:; "
            "base-uri 'none'; form-action 'none'"
        ),
    )
