"""HTML renderer: structure, escaping of hostile input, CSP, and passage segmentation."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

import pytest
from conftest_report import HOSTILE_URI, hostile_run, passing_result, sample_run

from checker.findings import RunResult
from checker.report import render
from checker.report.html import css_string, is_web_uri, natural_key, segments, uri_text


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
    # The hashes as CSP Level 3 defines them, computed here rather than by the module.
    for directive, text in (("script-src", script), ("style-src", style)):
        digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in csp
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
    opening = 'aria-label="Republished article text">'
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
    assert HOSTILE_URI in hostile_html.replace("<wbr>", "")  # shown as text, with line breaks
    assert 'class="uri"><bdi>javascript:alert(document.<wbr>domain)</bdi></span>' in hostile_html


def test_single_article_report_has_no_index() -> None:
    html = render(RunResult((passing_result(),), tool_version="0.1.0"), "html")
    assert 'id="filter"' not in html
    assert "<h1><bdi>A clean republication</bdi></h1>" in html
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


# --- at a glance, and for a lawyer -------------------------------------------------------


def test_overview_names_the_broken_rules_the_publisher_and_why_not_checked(
    sample_html: str,
) -> None:
    overview = sample_html[sample_html.index('id="articles"') : sample_html.index('id="no-match"')]
    start = overview.index('data-target="article-1"')
    first = overview[start : overview.index("</tr>", start)]
    # rule names, not ids, most severe first, and the publisher
    names = re.findall(r'<span class="sr-only">(\w+): </span><bdi>([^<]+)</bdi>', first)
    assert names == [
        ("Error", "Source credit"),
        ("Error", "Image credit"),
        ("Warning", "Original link"),
        ("Note", "Text overlap"),
    ]
    assert "<bdi>Bloomberg</bdi>" in first
    broken = overview[overview.index('data-target="article-4"') :]
    assert "<strong>Not checked:</strong> <bdi>cannot decode: invalid start byte</bdi>" in broken


def test_the_filter_text_holds_messages_and_rule_names(sample_html: str) -> None:
    rows = [a for tag, a in collect(sample_html).tags if tag == "tr" and "data-target" in a]
    texts = {a["data-target"]: a["data-text"] or "" for a in rows}
    assert "image has no credit: the bosphorus at dusk" in texts["article-1"]
    assert "image credit" in texts["article-1"] and "default/image-credit" in texts["article-1"]
    assert "the byline omits the original author." in texts["article-3"]
    assert "cannot decode" in texts["article-4"]


def test_unlisted_rows_count_as_their_findings_and_come_last() -> None:
    from conftest_report import lawyer_run

    html = render(lawyer_run(), "html")
    # 3 listed errors + 4,902 unlisted; the summary row itself is not a finding
    assert "4,905 errors, 2 warnings, 0 notes" in html
    errors = html[html.index('sev-group sev-error"') : html.index('sev-group sev-warning"')]
    assert '<span class="count">4,905</span>' in errors
    assert errors.count('<li class="finding">') == 3
    assert "and 4,902 more finding(s)" not in errors  # not listed as if it were an error
    assert errors.index("Uncredited quote 1.") < errors.index("And 4,902 more findings")


def test_rule_ids_sort_naturally() -> None:
    from conftest_report import lawyer_run

    html = render(lawyer_run(), "html")
    assert html.index("Photo two is uncredited.") < html.index("Photo twelve is uncredited.")
    assert natural_key("img-2") < natural_key("img-12") < natural_key("img-12a")


def test_evidence_header_and_quoted_terms() -> None:
    from conftest_report import ARTICLE_HASH, PACK_HASH, QUOTE, SOURCE_HASH, TERMS, lawyer_run

    html = render(lawyer_run(), "html")
    evidence = html[html.index('class="evidence-head"') : html.index('class="subnav"')]
    assert '<time datetime="2026-12-05T07:30:54Z">2026-12-05T07:30:54Z</time>' in evidence
    assert "<dt>syndicheck</dt><dd><bdi>0.1.0</bdi></dd>" in evidence
    assert f'<bdi>2.1</bdi>, SHA-256 <code class="hash">{PACK_HASH}</code>' in evidence
    assert f'<code class="hash">{ARTICLE_HASH}</code>' in evidence
    assert f'<code class="hash">{SOURCE_HASH}</code>' in evidence
    assert 'href="https://www.bloomberg.com/news/x"' in evidence
    assert 'fetched <time datetime="2026-12-04T22:10:00Z">' in evidence
    quote = html[html.index('<figure class="terms-quote">') :]
    assert f'<blockquote cite="{TERMS}"><p>“<bdi>{QUOTE}</bdi>”</p></blockquote>' in quote
    assert f'Quoted from <a href="{TERMS}"' in quote
    assert "What credit checks." in html


def test_what_satisfied_a_passing_rule_is_shown() -> None:
    from conftest_report import lawyer_run

    html = render(lawyer_run(), "html")
    met = html[html.index("Rules met</h2>") :].replace("<wbr>", "")
    assert '<span class="label">Satisfied by</span> <bdi>link (line 7): Bloomberg -&gt; ' in met
    assert "house/link" in met
    assert "house/credit" not in met[: met.index("</section>")]


def test_bidi_controls_are_shown_not_obeyed() -> None:
    from conftest_report import lawyer_run

    html = render(lawyer_run(), "html")
    assert "\u202e" not in html  # nowhere: not in text, attributes, <title> nor the print CSS
    token = '<span class="ctl" title="right-to-left override (U+202E)">[U+202E]</span>'
    assert f"<h1><bdi>Report on invoice{token}txt.exe</bdi></h1>" in html
    assert "<title>Report on invoice[U+202E]txt.exe · " in html


def test_long_captions_are_cut_with_an_expander() -> None:
    from conftest_report import LONG_CAPTION, lawyer_run

    html = render(lawyer_run(), "html")
    cell = html[html.index("A very long caption.") - 5 :]
    assert '<details class="clip"><summary>Show the other 51,900 characters</summary>' in cell
    shown = cell[cell.index("<bdi>") + 5 : cell.index("</bdi>")]
    assert len(shown) == 600 and LONG_CAPTION.startswith(shown)


def test_print_header_escapes_the_title() -> None:
    title = 'x"; } body { display: none } @page { content: "'
    assert css_string(title).count('"') == 2
    assert "}" not in css_string(title) and ";" not in css_string(title)
    run = RunResult((passing_result(),), tool_version="0.1.0")
    style = "".join(collect(render(run, "html")).raw["style"])
    assert '@top-left { content: "A clean republication";' in style
    assert 'counter(page) " of " counter(pages)' in style


def test_long_urls_break_after_separators() -> None:
    assert str(uri_text("https://example.org/a-b?x=1&y=2")) == (
        "<bdi>https://<wbr>example.<wbr>org/<wbr>a-<wbr>b?<wbr>x=<wbr>1&amp;<wbr>y=<wbr>2</bdi>"
    )


def test_links_whose_text_is_the_url_are_not_printed_twice(sample_html: str) -> None:
    style = "".join(collect(sample_html).raw["style"])
    assert 'a.labelled[href^="http"]::after' in style
    assert 'a[href^="http"]::after' not in style.replace("a.labelled[", "")
    page = collect(sample_html)
    for tag, attrs in page.tags:
        if tag == "a" and (attrs.get("href") or "").startswith("http"):
            assert attrs.get("class") in ("uri", "labelled"), attrs
