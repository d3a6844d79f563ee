"""The HTML report in a real browser: Debian's Chromium driven by Playwright for Python.

No browser is downloaded: the tests use /usr/bin/chromium and skip, saying why, only when it
or the `playwright` package is missing. Every request other than the report file itself is
aborted and recorded, so a test would see a remote load without anything leaving the machine.
Screenshots go to test-artifacts/ (gitignored).
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest_report import LONG_CAPTION, changed_audit, hostile_run, lawyer_run, sample_run

from checker.audit import AuditOutcome
from checker.engine import CheckRequest, check_articles
from checker.findings import RunResult, Severity
from checker.report import render

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Dialog, Page, Route

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
EXAMPLE = (ROOT / "examples" / "seed-article.html", ROOT / "examples" / "bloomberg-source.html")
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# The bundled example prints on 8 A4 pages today (article and source side by side, the
# passage table, the evidence); past this a layout change has made the printout balloon.
MAX_EXAMPLE_PAGES = 10

sync_api = pytest.importorskip(
    "playwright.sync_api",
    reason="Playwright for Python is not installed (pip install playwright; no browser download)",
)
if not CHROMIUM.exists():
    pytest.skip(
        "Debian's chromium is not installed at /usr/bin/chromium (apt-get install -y chromium)",
        allow_module_level=True,
    )

expect = sync_api.expect

WATCH_CSP = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""


@dataclass
class Opened:
    page: Page
    console: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    def csp_violations(self) -> list[str]:
        violations: list[str] = self.page.evaluate("window.__csp")
        return violations

    def assert_quiet(self) -> None:
        assert self.console == []
        assert self.dialogs == []
        assert self.blocked == []
        assert self.csp_violations() == []


Opener = Callable[..., Opened]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def open_report(browser: Browser, artifacts: Path) -> Iterator[Opener]:
    pages: list[Page] = []

    def opener(html: str, name: str, width: int = 1280, accept_downloads: bool = False) -> Opened:
        path = artifacts / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        page = browser.new_page(
            viewport={"width": width, "height": 900}, accept_downloads=accept_downloads
        )
        pages.append(page)
        opened = Opened(page)
        page.on(
            "console",
            lambda m: (
                opened.console.append(f"{m.type}: {m.text}")
                if m.type in ("error", "warning")
                else None
            ),
        )
        page.on("pageerror", lambda error: opened.console.append(f"pageerror: {error}"))

        def on_dialog(dialog: Dialog) -> None:
            opened.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)

        def route(r: Route) -> None:
            if r.request.url.startswith(("file://", "data:")):
                r.continue_()
            else:
                opened.blocked.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.add_init_script(WATCH_CSP)
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        return opened

    yield opener
    for page in pages:
        page.close()


def test_sample_report_loads_cleanly(open_report: Opener, artifacts: Path) -> None:
    opened = open_report(render(sample_run(), "html"), "report-sample")
    page = opened.page
    expect(page).to_have_title("Syndication compliance report")
    expect(page.locator("h1")).to_have_text("4 republished articles checked")
    expect(page.locator("#articles tbody tr")).to_have_count(4)
    expect(page.locator("#article-1 .verdict-title")).to_have_text(
        "Needs attention before publishing"
    )
    assert page.evaluate("document.scripts.length") == 1
    page.screenshot(path=str(artifacts / "report-overview.png"))
    page.screenshot(path=str(artifacts / "report-full.png"), full_page=True)
    opened.assert_quiet()


def test_hostile_report_runs_nothing(open_report: Opener, artifacts: Path) -> None:
    opened = open_report(render(hostile_run(), "html"), "report-hostile")
    page = opened.page
    assert page.evaluate("document.scripts.length") == 1
    assert (
        page.evaluate("document.querySelectorAll('img, svg[onload], [onerror], [onload]').length")
        == 0
    )
    caption = page.locator("#article-1 table.data td").nth(2)
    expect(caption).to_contain_text(
        'Caption <script>alert("x")</script><img src=x onerror=alert(1)>'
    )
    terms = page.locator("#article-1 .terms-quote figcaption").first
    expect(terms.locator("a")).to_have_count(0)
    expect(terms).to_contain_text("javascript:alert(document.domain)")
    page.click("#article-1 a.pg >> nth=0")  # the hostile passage still jumps, runs nothing
    page.screenshot(path=str(artifacts / "report-hostile.png"), full_page=True)
    opened.assert_quiet()


def test_csp_would_catch_an_injected_script(open_report: Opener) -> None:
    """Positive control: the watchers above do see a script or load the CSP refuses."""
    html = render(sample_run(), "html").replace(
        "</body>",
        '<script>alert("injected")</script><img src="https://example.invalid/p.png"></body>',
    )
    opened = open_report(html, "report-injected")
    violations = opened.csp_violations()
    assert any(v.startswith("script-src") for v in violations), violations
    assert any(v.startswith("img-src") for v in violations), violations
    assert opened.dialogs == []
    assert any("Content Security Policy" in line for line in opened.console)


def test_filter_and_status_chips(open_report: Opener) -> None:
    opened = open_report(render(sample_run(), "html"), "report-filter")
    page = opened.page
    rows = page.locator("#articles tbody tr:visible")
    page.fill("#filter", "clean")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("A clean republication")
    expect(page.locator("#shown")).to_have_text("Showing 1 of 4")
    expect(page.locator("#article-1")).to_be_hidden()
    expect(page.locator("#article-2")).to_be_visible()

    page.fill("#filter", "byline")  # rule ids are searchable
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("articles/warned.html")

    page.fill("#filter", "")
    page.click(".chip[data-status='fail']")
    expect(page.locator(".chip[data-status='fail']")).to_have_attribute("aria-pressed", "true")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Moscow and Washington")
    page.fill("#filter", "nothing matches this")
    expect(page.locator("#no-match")).to_be_visible()
    page.click(".chip[data-status='all']")
    page.fill("#filter", "")
    expect(rows).to_have_count(4)
    opened.assert_quiet()


def test_sort_by_column(open_report: Opener) -> None:
    opened = open_report(render(sample_run(), "html"), "report-sort")
    page = opened.page
    first_cells = page.locator("#articles tbody tr td:first-child")
    errors = page.locator("#articles th", has_text="Errors")
    errors.locator("button").click()
    expect(errors).to_have_attribute("aria-sort", "descending")
    expect(first_cells.first).to_contain_text("Moscow and Washington")
    errors.locator("button").click()
    expect(errors).to_have_attribute("aria-sort", "ascending")
    expect(first_cells.last).to_contain_text("Moscow and Washington")
    title = page.locator("#articles th", has_text="Article")
    title.locator("button").click()
    expect(title).to_have_attribute("aria-sort", "ascending")
    expect(errors).to_have_attribute("aria-sort", "none")
    expect(first_cells.first).to_contain_text("A clean republication")
    opened.assert_quiet()


def test_passage_jump_scrolls_and_marks_the_twin(open_report: Opener, artifacts: Path) -> None:
    opened = open_report(render(sample_run(), "html"), "report-jump")
    page = opened.page
    article = page.locator("#article-1")
    source_column = article.locator(".text[data-side='source']")
    twin = source_column.locator(".pg[data-p='2']").first
    mark = article.locator(".text[data-side='article'] .pg[data-p='2']").first
    mark.scroll_into_view_if_needed()
    expect(twin).not_to_be_in_viewport()  # far down its own scrolling column
    mark.click()
    expect(twin).to_have_class(re.compile(r"\bon\b"))
    expect(mark).to_have_class(re.compile(r"\bon\b"))
    expect(twin).to_be_in_viewport()
    assert page.evaluate("location.hash") == "#s0-p2"
    assert source_column.evaluate("el => el.scrollTop") > 0
    expect(article.locator(".pg.on")).to_have_count(2)
    article.locator(".texts").screenshot(path=str(artifacts / "report-passage-jump.png"))

    back = article.locator(".text[data-side='source'] .pg[data-p='0']").first
    back.scroll_into_view_if_needed()
    back.click()
    expect(article.locator(".text[data-side='article'] .pg[data-p='0']").first).to_have_class(
        re.compile(r"\bon\b")
    )
    expect(twin).not_to_have_class(re.compile(r"\bon\b"))
    opened.assert_quiet()


def test_print_layout(open_report: Opener, artifacts: Path) -> None:
    opened = open_report(render(sample_run(), "html"), "report-print")
    page = opened.page
    page.emulate_media(media="print")
    expect(page.locator(".controls")).to_be_hidden()
    assert (
        page.locator("#article-1 .text").first.evaluate("el => getComputedStyle(el).maxHeight")
        == "none"
    )
    page.pdf(path=str(artifacts / "report.pdf"), format="A4", print_background=True)
    assert (artifacts / "report.pdf").read_bytes().startswith(b"%PDF")
    opened.assert_quiet()


def test_single_article_on_a_narrow_screen(open_report: Opener, artifacts: Path) -> None:
    run = sample_run()
    single = RunResult(run.results[:1], tool_version="0.1.0", packs=run.packs)
    opened = open_report(render(single, "html"), "report-single", width=420)
    page = opened.page
    expect(page.locator("#filter")).to_have_count(0)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    page.screenshot(path=str(artifacts / "report-narrow.png"), full_page=True)
    opened.assert_quiet()


def example_run() -> RunResult:
    article, source = EXAMPLE
    return check_articles([CheckRequest(str(article), source=str(source))])


@pytest.fixture(scope="module")
def audit_pages(tmp_path_factory: pytest.TempPathFactory) -> tuple[AuditOutcome, str, str]:
    """The second of two audit runs, with one article broken and two fixed in between."""
    _, outcome = changed_audit(tmp_path_factory.mktemp("audit"))
    assert outcome.report_folder is not None
    index = (outcome.report_folder / "index.html").read_text(encoding="utf-8")
    changes = (outcome.report_folder / "changes.html").read_text(encoding="utf-8")
    return outcome, index, changes


def axe_violations(page: Page) -> list[str]:
    """axe-core (bundled by axe-playwright-python, no download) run in the page."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
    results = Axe().run(page, options=options).response
    assert results["testEngine"]["name"] == "axe-core"
    return [f"{v['id']}: {node['target']}" for v in results["violations"] for node in v["nodes"]]


@pytest.mark.parametrize("width", [1366, 390])
@pytest.mark.parametrize(
    "which", ["example", "multi-article", "lawyer", "audit-index", "audit-article", "changes"]
)
def test_axe_finds_no_wcag_21_aa_violation(
    open_report: Opener,
    artifacts: Path,
    audit_pages: tuple[AuditOutcome, str, str],
    which: str,
    width: int,
) -> None:
    html = {
        "example": lambda: render(example_run(), "html"),
        "multi-article": lambda: render(sample_run(), "html"),
        "lawyer": lambda: render(lawyer_run(), "html"),
        "audit-index": lambda: audit_pages[1],
        # an audit's article page (articles/<n>.html): one with a new finding since run 1
        "audit-article": lambda: (
            (audit_pages[0].report_folder or Path())
            .joinpath("articles", "4.html")
            .read_text(encoding="utf-8")
        ),
        "changes": lambda: audit_pages[2],
    }[which]()
    opened = open_report(html, f"axe-{which}-{width}", width=width)
    page = opened.page
    page.screenshot(path=str(artifacts / f"{which}-{width}.png"), full_page=True)
    assert axe_violations(page) == []
    # nothing is cut off sideways: only a marked scroll region may be wider than the screen
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    opened.assert_quiet()


def test_a_rule_that_fails_shows_up_in_axe(open_report: Opener) -> None:
    """Positive control: axe does report a real failure in our page (an image with no text
    alternative; a data: image, so that the CSP lets it load)."""
    pixel = "data:image/gif;base64,R0lGODlhAQABAAAAACw="
    html = render(sample_run(), "html").replace("</main>", f'<img src="{pixel}"></main>')
    opened = open_report(html, "axe-control")
    assert any(v.startswith("image-alt") for v in axe_violations(opened.page))


def test_overview_filter_matches_messages(open_report: Opener) -> None:
    opened = open_report(render(sample_run(), "html"), "report-filter-messages")
    page = opened.page
    rows = page.locator("#articles tbody tr:visible")
    page.fill("#filter", "bosphorus")  # only in a finding's message
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Moscow and Washington")
    page.fill("#filter", "invalid start byte")  # why an article was not checked
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Not checked: cannot decode")
    opened.assert_quiet()


def test_sorting_reorders_the_article_sections(open_report: Opener) -> None:
    opened = open_report(render(sample_run(), "html"), "report-sort-sections")
    page = opened.page
    page.locator("#articles th", has_text="Warnings").locator("button").click()
    rows = page.eval_on_selector_all("#articles tbody tr", "rs => rs.map(r => r.dataset.target)")
    sections = page.eval_on_selector_all("main > article", "as => as.map(a => a.id)")
    assert rows == sections
    assert rows[:2] == ["article-1", "article-3"]  # one warning each, then in report order
    page.locator("#articles th", has_text="Article").locator("button").click()
    rows = page.eval_on_selector_all("#articles tbody tr", "rs => rs.map(r => r.dataset.target)")
    assert page.eval_on_selector_all("main > article", "as => as.map(a => a.id)") == rows
    opened.assert_quiet()


def test_audit_charts_show_the_runs_numbers(
    open_report: Opener, artifacts: Path, audit_pages: tuple[AuditOutcome, str, str]
) -> None:
    outcome, index, _ = audit_pages
    opened = open_report(index, "audit-index", width=1366)
    page = opened.page
    expect(page.locator("#chart-by-rule svg")).to_be_visible()
    shown = {
        label: int(value.replace(",", ""))
        for label, value in page.eval_on_selector_all(
            "#chart-by-rule g.chart-row",
            "gs => gs.map(g => [g.dataset.label, g.querySelector('.chart-value').textContent])",
        )
    }
    expected = Counter(
        rule
        for result in outcome.run.results
        for rule in {f.rule for f in result.findings if f.severity >= Severity.ERROR}
    )
    assert shown == dict(expected)
    trend = page.eval_on_selector_all(
        "#chart-trend .chart-value", "ts => ts.map(t => Number(t.textContent))"
    )
    assert trend == [3, outcome.run.failed_articles] == [3, 2]  # three failed, then two
    page.locator("#audit").screenshot(path=str(artifacts / "audit-charts.png"))
    opened.assert_quiet()


def test_download_csv_exports_the_overview(
    open_report: Opener, audit_pages: tuple[AuditOutcome, str, str]
) -> None:
    outcome, index, _ = audit_pages
    opened = open_report(index, "audit-csv", accept_downloads=True)
    page = opened.page
    with page.expect_download() as info:
        page.click("#download-csv")
    download = info.value
    assert download.suggested_filename == f"syndicheck-{outcome.run_id}-overview.csv"
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:5] == ["article", "title", "publisher", "status", "rule"]
    expected = Counter(
        (result.article, finding.rule)
        for result in outcome.run.results
        for finding in result.findings
    )
    assert {(row[0], row[4]): int(row[7]) for row in rows[1:]} == dict(expected)
    opened.assert_quiet()


def test_rtl_override_does_not_reorder_the_title(open_report: Opener) -> None:
    opened = open_report(render(lawyer_run(), "html"), "report-rtl")
    page = opened.page
    title = page.locator("h1 bdi")
    expect(title).to_have_text("Report on invoice[U+202E]txt.exe")
    # where the override were obeyed, "exe" would be drawn left of "txt"
    left_of = page.evaluate(
        """() => {
          const bdi = document.querySelector("h1 bdi");
          const text = bdi.lastChild;  // "txt.exe", after the visible [U+202E] token
          const at = (start) => { const r = document.createRange();
            r.setStart(text, start); r.setEnd(text, start + 3);
            return r.getBoundingClientRect().left; };
          return [at(0), at(4)];
        }"""
    )
    assert left_of[0] < left_of[1]
    opened.assert_quiet()


def test_a_50000_character_caption_is_cut(open_report: Opener) -> None:
    opened = open_report(render(lawyer_run(), "html"), "report-long-caption")
    page = opened.page
    row = page.locator("table.images tbody tr").first
    box = row.bounding_box()
    assert box is not None and box["height"] < 600
    row.locator("details.clip summary").click()
    expect(row.locator("details.clip")).to_have_attribute("open", "")
    # the head and the disclosed rest are the whole caption, nothing lost at the cut
    whole = (
        row.locator("td")
        .nth(2)
        .evaluate("td => [...td.querySelectorAll('bdi')].map(b => b.textContent).join('')")
    )
    assert len(whole) == len(LONG_CAPTION) and whole == LONG_CAPTION, len(whole)
    opened.assert_quiet()


def printed(page: Page) -> list[str]:
    """The page printed to an A4 PDF, as the text of each printed page."""
    from pypdf import PdfReader

    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    return [sheet.extract_text() for sheet in PdfReader(io.BytesIO(pdf)).pages]


def test_example_prints_on_few_pages_with_headers(open_report: Opener, artifacts: Path) -> None:
    run = example_run()
    opened = open_report(render(run, "html"), "example-print")
    page = opened.page
    sheets = printed(page)
    page.pdf(path=str(artifacts / "example.pdf"), format="A4", print_background=True)
    assert 1 <= len(sheets) <= MAX_EXAMPLE_PAGES, len(sheets)
    title = run.results[0].article_doc.title  # type: ignore[union-attr]
    for number, text in enumerate(sheets, start=1):
        # every page: the article in the header, and its number
        assert text.startswith(f"{title}\nPage {number} of {len(sheets)}\n"), text[:200]
    expect(page.locator(".evidence-head")).to_be_visible()
    # a URL shown as link text is not printed again after itself
    whole = "".join("".join(sheets).split())
    urls = set(page.eval_on_selector_all("a[href^='http']", "as => as.map(a => a.href)"))
    assert urls and not [u for u in urls if f"{u}({u})" in whole]
    # passages carry their numbers in print, not only their colours
    number = page.locator(".pg").first.evaluate("el => getComputedStyle(el, '::before').content")
    assert number == '"1"'
    # ...and the same number marks the passage in both columns of the printout
    assert whole.count("Istanbul.1Kremlinspokesman") == 1  # in the article
    assert whole.count("embassies,1Kremlinspokesman") == 1  # in the source
    opened.assert_quiet()


def test_each_article_prints_under_its_own_title(open_report: Opener) -> None:
    opened = open_report(render(sample_run(), "html"), "sample-print")
    sheets = printed(opened.page)
    second = next(text for text in sheets if "ARTICLE 2 OF 4" in text)
    assert second.startswith("A clean republication\nPage ")
    assert sheets[0].startswith("Syndication compliance report\nPage 1 of ")
    opened.assert_quiet()


def test_narrow_screen_shows_how_to_reach_every_column(open_report: Opener) -> None:
    opened = open_report(render(sample_run(), "html"), "report-390", width=390)
    page = opened.page
    region = page.locator("#index .table-scroll")
    hint = page.locator("#index .scroll-hint")
    expect(hint).to_be_visible()
    expect(hint).to_contain_text("8 columns")
    widths = region.evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert widths[0] > widths[1]  # the table is wider than the screen: it scrolls
    region.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    expect(page.locator("#articles th", has_text="Reused text")).to_be_in_viewport()
    # a long title wraps between words, never inside one: each word is one line box
    broken = page.evaluate(
        """() => {
          const text = document.querySelector("#articles .row-title bdi").firstChild;
          const lines = new Set(); const split = [];
          for (const m of text.data.matchAll(/\\S+/g)) {
            const r = document.createRange();
            r.setStart(text, m.index); r.setEnd(text, m.index + m[0].length);
            const boxes = [...r.getClientRects()];
            boxes.forEach((b) => lines.add(Math.round(b.top)));
            if (boxes.length > 1) { split.push(m[0]); }
          }
          return [lines.size, split];
        }"""
    )
    assert broken[0] >= 2 and broken[1] == []  # it wrapped, and no word was cut
    opened.assert_quiet()
    page.set_viewport_size({"width": 1366, "height": 900})
    expect(hint).to_be_hidden()
