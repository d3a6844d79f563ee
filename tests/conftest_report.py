"""Builders of run results for the renderer tests (imported by tests/test_report_*.py).

Kept as plain functions rather than conftest fixtures so that each test file states which
data it uses. Offsets of aligned passages are found with `str.find`, so the texts below can be
edited freely as long as each quoted phrase still appears in both texts.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.document import BLOCK_SEPARATOR, Block, Document, Image, Link, Metadata
from checker.findings import ArticleResult, Finding, Location, RunResult, Severity
from checker.overlap import Alignment, Passage

if TYPE_CHECKING:
    from checker.audit import AuditOutcome

TERMS = "https://example.org/republishing-terms#credit"


# Vendored with its licence note (tests/schemas/README.md), so that the suite passes in a
# clone with nothing beside it.
SCHEMAS = Path(__file__).resolve().parent / "schemas"


def sarif_schema() -> dict[str, Any]:
    path = SCHEMAS / "sarif-schema-2.1.0.json"
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


def make_doc(
    path: str,
    title: str,
    paragraphs: list[str],
    images: tuple[Image, ...] = (),
    links: tuple[Link, ...] = (),
    site_name: str = "",
) -> Document:
    blocks = []
    offset = 0
    for number, text in enumerate(paragraphs):
        blocks.append(Block("p", text, offset, line=10 + 2 * number, column=5))
        offset += len(text) + len(BLOCK_SEPARATOR)
    metadata = Metadata(title=title, site_name=site_name)
    return Document(path, "html", title, tuple(blocks), images, links, metadata)


def align_phrases(
    article: Document, source: Document, pairs: list[tuple[str, str, float]]
) -> Alignment:
    """An alignment whose passages are the given (article phrase, source phrase) pairs."""
    article_text, source_text = article.body_text, source.body_text
    passages = []
    for in_article, in_source, similarity in pairs:
        a, s = article_text.find(in_article), source_text.find(in_source)
        assert a >= 0, in_article
        assert s >= 0, in_source
        words = len(in_article.split())
        passages.append(Passage(a, a + len(in_article), s, s + len(in_source), words, similarity))
    article_words = len(article_text.split())
    covered = sum(p.words for p in passages)
    source_covered = sum(len(source_text[p.source_start : p.source_end].split()) for p in passages)
    containment = covered / article_words
    return Alignment(
        containment=containment,
        source_coverage=source_covered / len(source_text.split()),
        longest_passage_words=max(p.words for p in passages),
        passages=tuple(passages),
        verdict="light-revision" if containment < 0.6 else "near-copy",
        article_words=article_words,
        source_words=len(source_text.split()),
    )


ARTICLE_PARAGRAPHS = [
    "Negotiations between Russia and the United States are set to resume on April 10 in "
    "Istanbul. Kremlin spokesman Dmitry Peskov confirmed the upcoming meeting will take place "
    "on Turkish territory and that the Russian Foreign Ministry will represent Moscow.",
    "The announcement comes after the special envoy Kirill Dmitriev returned from a two-day "
    "visit to Washington, where he met the president's envoy and the Secretary of State.",
    "Analysts view the upcoming meeting in Istanbul as a significant diplomatic signal, "
    "particularly as Turkey once again plays the role of mediator.",
    "While the official agenda remains under wraps, experts believe the talks will likely "
    "address issues of security and a ceasefire framework.",
    "This article was prepared based on materials published by Bloomberg.",
]

SOURCE_PARAGRAPHS = [
    "Russia and the US will hold a new round of talks on April 10 in Istanbul, the Kremlin "
    "said. Spokesman Dmitry Peskov confirmed the upcoming meeting will take place on Turkish "
    "territory and that the Russian Foreign Ministry will represent Moscow.",
    "Kirill Dmitriev returned from a two-day visit to Washington this week.",
    *[
        f"Background paragraph {n}: diplomats from both sides have discussed embassies, "
        "consulates, flights and the staffing of missions over several rounds of contacts."
        for n in range(1, 13)
    ],
    "People familiar with the matter said the talks will likely address issues of security "
    "and a ceasefire framework, along with humanitarian coordination.",
]

PASSAGES = [
    (
        "Dmitry Peskov confirmed the upcoming meeting will take place on Turkish territory and "
        "that the Russian Foreign Ministry will represent Moscow",
        "Dmitry Peskov confirmed the upcoming meeting will take place on Turkish territory and "
        "that the Russian Foreign Ministry will represent Moscow",
        1.0,
    ),
    (
        "Kirill Dmitriev returned from a two-day visit to Washington",
        "Kirill Dmitriev returned from a two-day visit to Washington",
        1.0,
    ),
    (
        "the talks will likely address issues of security and a ceasefire framework",
        "the talks will likely address issues of security and a ceasefire framework",
        0.97,
    ),
]


def finding(
    rule: str,
    severity: Severity,
    message: str,
    path: str,
    line: int = 0,
    column: int = 0,
    evidence: str = "",
    help_uri: str = TERMS,
) -> Finding:
    check = rule.rpartition("/")[2]
    return Finding(rule, check, severity, message, Location(path, line, column), evidence, help_uri)


def failing_result(path: str = "articles/istanbul-talks.html") -> ArticleResult:
    images = (
        Image(
            "https://cdn.example.com/dmitriev.jpg",
            alt="Kirill Dmitriev",
            caption="Kirill Dmitriev answers questions from the press",
            credit="© Mehmet Eser/ZUMA Press Wire",
            line=31,
        ),
        Image(
            "https://cdn.example.com/istanbul.jpg",
            alt="Istanbul skyline",
            caption="The Bosphorus at dusk",
            line=44,
        ),
    )
    links = (
        Link(
            "https://www.bloomberg.com/news/articles/2025-04-07/talks",
            "https://www.bloomberg.com/news/articles/2025-04-07/talks",
            "Bloomberg",
            ("nofollow",),
            line=58,
        ),
    )
    article = make_doc(
        path,
        "Moscow and Washington to Resume Talks: New Meeting Set for April 10 in Turkey",
        ARTICLE_PARAGRAPHS,
        images,
        links,
    )
    source = make_doc(
        "sources/bloomberg.html",
        "Russia, US to Hold Talks in Istanbul",
        SOURCE_PARAGRAPHS,
        site_name="Bloomberg",
    )
    findings = (
        finding(
            "default/source-credit",
            Severity.ERROR,
            "No credit line names Bloomberg as the source.",
            path,
            18,
            5,
            "This article was prepared based on materials published by Bloomberg.",
        ),
        finding(
            "default/image-credit",
            Severity.ERROR,
            "Image has no credit: The Bosphorus at dusk",
            path,
            44,
            7,
            "https://cdn.example.com/istanbul.jpg",
        ),
        finding(
            "default/original-link",
            Severity.WARNING,
            "The link to the original is marked rel=nofollow.",
            path,
            58,
            12,
            "Bloomberg",
        ),
        finding(
            "default/text-overlap",
            Severity.INFO,
            "41% of the article's words are aligned with the source (light revision).",
            path,
        ),
    )
    return ArticleResult(
        article=path,
        source="sources/bloomberg.html",
        packs=("default",),
        findings=findings,
        overlap=align_phrases(article, source, PASSAGES),
        article_doc=article,
        source_doc=source,
        variables={"publisher": "Bloomberg", "source_url": "https://www.bloomberg.com/news/x"},
        facts={
            "image_statuses": ((images[0], "credited"), (images[1], "uncredited")),
            "original_links": tuple(links),
        },
    )


def passing_result(path: str = "articles/clean.md") -> ArticleResult:
    doc = make_doc(path, "A clean republication", ["Republished from The Conversation."])
    return ArticleResult(path, "sources/conversation.html", "default", (), article_doc=doc)


def warning_result(path: str = "articles/warned.html") -> ArticleResult:
    return ArticleResult(
        path,
        None,
        "default",
        (
            finding(
                "default/byline",
                Severity.WARNING,
                "The byline omits the original author.",
                path,
                3,
                1,
                "By Staff",
            ),
        ),
    )


def unreadable_result(path: str = "articles/broken.html") -> ArticleResult:
    return ArticleResult(path, None, "default", (), error="cannot decode: invalid start byte")


def sample_run(fail_level: Severity | None = Severity.ERROR) -> RunResult:
    return RunResult(
        (failing_result(), passing_result(), warning_result(), unreadable_result()),
        fail_level=fail_level,
        tool_version="0.1.0",
        packs={"default": "1.0"},
    )


XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'
HOSTILE_URI = "javascript:alert(document.domain)"


def hostile_result(path: str = "articles/<script>alert(1)</script>.html") -> ArticleResult:
    image = Image(
        'x" onerror="alert(1)',
        alt=XSS,
        caption=f"Caption {XSS}",
        credit='"><svg onload=alert(2)>',
        line=4,
    )
    link = Link(HOSTILE_URI, HOSTILE_URI, text=f"click {XSS}", line=6)
    article = make_doc(
        path,
        f"Title {XSS}",
        [f"Body {XSS} & more", "Second </textarea> {{ 7*7 }}"],
        (image,),
        (link,),
    )
    source = make_doc("sources/evil.html", f"Source {XSS}", [f"Body {XSS} & more", "Other"])
    alignment = align_phrases(article, source, [(f"Body {XSS}", f"Body {XSS}", 1.0)])
    findings = (
        finding(
            "default/source-credit",
            Severity.ERROR,
            f"Message {XSS}",
            path,
            2,
            3,
            f"Evidence {XSS}\r\nline two %0A",
            HOSTILE_URI,
        ),
        finding(
            "default/image-credit",
            Severity.WARNING,
            "Data URI terms",
            path,
            4,
            1,
            XSS,
            "data:text/html,<script>alert(1)</script>",
        ),
    )
    return ArticleResult(
        path,
        "javascript:alert(3)",
        "default",
        findings,
        alignment,
        article_doc=article,
        source_doc=source,
        variables={"publisher": XSS, "source_url": HOSTILE_URI},
        facts={"image_statuses": ((image, f"uncredited {XSS}"),), "original_links": (link,)},
    )


def hostile_run() -> RunResult:
    return RunResult(
        (hostile_result(), passing_result()),
        tool_version=f"0.1.0 {XSS}",
        packs={f"pack {XSS}": "1"},
    )


# A right-to-left override: "\u202etxt.exe" is displayed as "exe.txt" where it is obeyed.
RLO_NAME = "invoice\u202etxt.exe"
LONG_CAPTION = "A very long caption. " * 2_500  # 52,500 characters
QUOTE = "You must credit the publisher in a line readers can see."
PACK_HASH = "ab" * 32
ARTICLE_HASH = "cd" * 32
SOURCE_HASH = "ef" * 32


def lawyer_run() -> RunResult:
    """One article as a lawyer reads it: evidence, quoted terms, a passing rule and what
    satisfied it, a rule cut off at 100 findings, rule ids that sort naturally, an RTL
    override in the title and a 50,000-character caption."""
    from checker.evidence import Evidence
    from checker.packs import Rule

    path = "articles/rtl.html"
    image = Image("https://cdn.example.com/long.jpg", caption=LONG_CAPTION, line=9)
    article = make_doc(path, f"Report on {RLO_NAME}", ["Republished from Bloomberg."], (image,))
    rules = {
        f"house/{rid}": Rule(
            rid,
            "house",
            check,
            severity,
            "{detail}",
            description=f"What {rid} checks.",
            terms=TERMS,
            terms_text=QUOTE if rid == "credit" else "",
        )
        for rid, check, severity in (
            ("credit", "source-credit", Severity.ERROR),
            ("img-2", "image-credit", Severity.WARNING),
            ("img-12", "image-credit", Severity.WARNING),
            ("link", "original-link", Severity.ERROR),
        )
    }
    findings = (
        finding("house/credit", Severity.ERROR, "No credit line names Bloomberg.", path, 3, 1),
        finding("house/img-12", Severity.WARNING, "Photo twelve is uncredited.", path, 9, 1),
        finding("house/img-2", Severity.WARNING, "Photo two is uncredited.", path, 9, 1),
        *[
            finding("house/credit", Severity.ERROR, f"Uncredited quote {n}.", path, 4 + n, 1)
            for n in range(2)
        ],
        replace(
            finding("house/credit", Severity.ERROR, "and 4,902 more finding(s)", path, 3, 1),
            unlisted=4_902,
        ),
    )
    result = ArticleResult(
        path,
        "sources/bloomberg.html",
        "house",
        findings,
        article_doc=article,
        variables={"publisher": "Bloomberg", "source_url": "https://www.bloomberg.com/news/x"},
        facts={"image_statuses": ((image, "uncredited"),)},
        rules=tuple(rules),
        satisfied=(("house/link", "link (line 7): Bloomberg -> https://www.bloomberg.com/news/x"),),
        evidence=Evidence(
            checked_at="2026-12-05T07:30:54Z",
            article_sha256=ARTICLE_HASH,
            source_sha256=SOURCE_HASH,
            source_url="https://www.bloomberg.com/news/x",
            source_origin="fetched",
            source_fetched_at="2026-12-04T22:10:00Z",
        ),
    )
    return RunResult(
        (result,),
        tool_version="0.1.0",
        packs={"house": "2.1"},
        rules=rules,
        pack_hashes={"house": PACK_HASH},
        checked_at="2026-12-05T07:30:54Z",
    )


def changed_audit(root: Path) -> tuple[AuditOutcome, AuditOutcome]:
    """Two audit runs of six articles: three fail, then one fails anew and two are fixed."""
    from fixtures.audit.make import make_archive, set_credit

    from checker.audit import AuditConfig, run_audit

    manifest = make_archive(root, 6, uncredited=frozenset({1, 2, 4}))
    config = AuditConfig(
        input=str(manifest), db=str(root / "h.sqlite"), report_dir=str(root / "r"), jobs=1
    )
    first = run_audit(config)
    set_credit(root, 1, True)  # fixed
    set_credit(root, 2, True)  # fixed
    set_credit(root, 3, False)  # newly broken
    return first, run_audit(config)
