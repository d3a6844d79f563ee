"""HTML renderer: structure, escaping of hostile input, CSP, and passage segmentation."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from conftest_report import HOSTILE_URI, hostile_run, passing_result, sample_run

from checker.findings import RunResult
from checker.report import render
from checker.report.html import csp_hash, is_web_uri, segments


class Collector(HTMLParser):
    """Every start tag with its attributes, and the text of <script> and <style>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in self.raw:
            self._in = tag

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self.raw[self._in].append(data)


def collect(html: str) -> Collector:
    parser = Collector()
    parser.feed(html)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def sample_html() -> str:
    return render(sample_run(), "html")


@pytest.fixture(scope="module")
def hostile_html() -> str:
    return render(hostile_run(), "html")


def csp_of(page: Collector) -> str:
    metas = [
        a for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert len(metas) == 1
    return metas[0]["content"] or ""


def test_csp_allows_only_own_script_and_style_by_hash(sample_html: str) -> None:
    page = collect(sample_html)
    csp = csp_of(page)
    assert "default-src 'none'" in csp
    assert "img-src data:" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert [t for t, _ in page.tags].count("script") == 1
    assert [t for t, _ in page.tags].count("style") == 1
    script, style = "".join(page.raw["script"]), "".join(page.raw["style"])
    assert f"script-src {csp_hash(script)}" in csp
    assert f"style-src {csp_hash(style)}" in csp
    assert sample_html.index('http-equiv="Content-Security-Policy"') < sample_html.index("<style>")


def test_no_remote_loads_and_no_inline_handlers(sample_html: str, hostile_html: str) -> None:
    for html in (sample_html, hostile_html):
        page = collect(html)
        for tag, attrs in page.tags:
            assert tag not in {"img", "iframe", "object", "embed", "base", "form"}
            assert not any(name.startswith("on") for name in attrs), (tag, attrs)
            assert "style" not in attrs, (tag, attrs)  # blocked by the hashed style-src
            if tag in {"link", "script"}:
                src = attrs.get("href") or attrs.get("src") or ""
                assert src == "" or src.startswith("data:"), (tag, attrs)


def test_sample_structure(sample_html: str) -> None:
    assert "4 republished articles checked" in sample_html
    for anchor in ("article-1", "article-2", "article-3", "article-4"):
        assert f'id="{anchor}"' in sample_html
    assert 'id="filter"' in sample_html
    assert sample_html.count('<tr data-status="') == 4
    assert "Needs attention before publishing" in sample_html
    assert "Meets the checked terms" in sample_html
    assert "No blocking findings" in sample_html
    assert "Could not be checked" in sample_html
    assert "2 errors, 1 warning and 1 note; findings at or above" in sample_html
    assert "1 warning worth a look" in sample_html
    assert "© Mehmet Eser/ZUMA Press Wire" in sample_html
    assert "uncredited" in sample_html
    assert 'href="https://www.bloomberg.com/news/articles/2025-04-07/talks"' in sample_html
    assert 'href="https://example.org/republishing-terms#credit"' in sample_html
    assert "line 18, column 5" in sample_html
    # the image is listed by its address as text, never loaded
    assert "https://cdn.example.com/istanbul.jpg" in sample_html
    assert "<img" not in sample_html


def test_findings_grouped_by_severity_in_order(sample_html: str) -> None:
    section = sample_html[sample_html.index('id="article-1"') : sample_html.index('id="article-2"')]
    positions = [section.index(f'sev-group sev-{s}"') for s in ("error", "warning", "info")]
    assert positions == sorted(positions)
    assert section.index("No credit line names") < section.index("rel=nofollow")


def test_passages_highlighted_on_both_sides_with_twins(sample_html: str) -> None:
    page = collect(sample_html)
    marks = [a for t, a in page.tags if t == "a" and "pg" in (a.get("class") or "").split()]
    ids = {a["id"] for t, a in page.tags if t == "span" and a.get("class") == "anchor"}
    assert {"a0-p0", "a0-p1", "a0-p2", "s0-p0", "s0-p1", "s0-p2"} <= ids
    for mark in marks:
        href = mark["href"] or ""
        assert href[1:] in ids
        side = href[1]
        assert side in "as"
        assert f"-p{mark['data-p']}" in href
        assert f"c{int(mark['data-p'] or 0) % 8}" in (mark["class"] or "")


def test_overlap_text_is_exact(sample_html: str) -> None:
    # Stripping the markup from the article column gives back the body text unchanged.
    opening = 'data-side="article" tabindex="0">'
    start = sample_html.index(opening) + len(opening)
    end = sample_html.index("</div>", start)
    column = re.sub(r"<[^>]+>", "", sample_html[start:end])
    body = sample_run().results[0].article_doc.body_text  # type: ignore[union-attr]
    assert column.replace("&#39;", "'").replace("&amp;", "&") == body


def test_segments_cover_text_and_handle_overlaps() -> None:
    text = "abcdefghij"
    pieces = segments(text, [(2, 6, 0), (4, 8, 1), (9, 40, 2), (5, 5, 3)])
    assert "".join(p.text for p in pieces) == text
    assert [(p.text, p.passage, p.anchors) for p in pieces] == [
        ("ab", None, ()),
        ("cd", 0, (0,)),
        ("ef", 0, (1,)),
        ("gh", 1, ()),
        ("i", None, ()),
        ("j", 2, (2,)),
    ]
    assert segments("", [(0, 3, 0)]) == ()


def test_segments_leave_paragraph_breaks_unmarked() -> None:
    pieces = segments("one two\n\nthree four", [(4, 14, 0)])
    assert [(p.text, p.passage, p.anchors) for p in pieces] == [
        ("one ", None, ()),
        ("two", 0, (0,)),
        ("\n\n", None, ()),
        ("three", 0, ()),
        (" four", None, ()),
    ]


@pytest.mark.parametrize(
    ("uri", "expected"),
    [
        ("https://example.org/terms", True),
        ("http://example.org", True),
        ("HTTPS://EXAMPLE.ORG/", True),
        ("javascript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("java\nscript:alert(1)", False),
        ("data:text/html,<script>", False),
        ("vbscript:msgbox", False),
        ("//evil.example/x", False),
        ("/relative/path", False),
        ("https:///nohost", False),
        ("", False),
    ],
)
def test_only_web_uris_become_links(uri: str, expected: bool) -> None:
    assert is_web_uri(uri) is expected


def test_hostile_strings_are_escaped(hostile_html: str) -> None:
    page = collect(hostile_html)
    assert [t for t, _ in page.tags].count("script") == 1
    assert "<svg onload" not in hostile_html
    assert "onerror=alert" not in hostile_html.replace("onerror=alert(1)&gt;", "")
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in hostile_html
    assert "&lt;img src=x onerror=alert(1)&gt;" in hostile_html
    assert "{{ 7*7 }}" in hostile_html  # template syntax in data is not evaluated
    assert "</textarea>" not in hostile_html
    # javascript:, data: and hostile image addresses are never links or sources
    for tag, attrs in page.tags:
        for name in ("href", "src", "action", "formaction"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:text", "vbscript:")), (tag, attrs)
    assert HOSTILE_URI in hostile_html  # shown as text
    assert 'class="uri">javascript:alert(document.domain)</span>' in hostile_html


def test_single_article_report_has_no_index() -> None:
    html = render(RunResult((passing_result(),), tool_version="0.1.0"), "html")
    assert 'id="filter"' not in html
    assert "<h1>A clean republication</h1>" in html
    assert "Meets the checked terms" in html


def test_empty_run_renders() -> None:
    html = render(RunResult(()), "html")
    assert "No articles were checked." in html


def test_output_is_deterministic(sample_html: str) -> None:
    assert render(sample_run(), "html") == sample_html


def test_print_stylesheet_present(sample_html: str) -> None:
    style = "".join(collect(sample_html).raw["style"])
    assert "@media print" in style
    assert "@page" in style
