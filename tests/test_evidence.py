"""What a result carries for a lawyer: when it was made, of which bytes, under which rules,
the quoted terms, and what satisfied each passing rule. Expected values are computed here
with hashlib from the files themselves, not by the code under test."""

from __future__ import annotations

import hashlib
import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from checker.engine import CheckRequest, check_article, check_articles, session_for
from checker.fetch import FetchPolicy
from checker.packs import available_packs, load_pack

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "examples" / "seed-article.html"
SOURCE = ROOT / "examples" / "bloomberg-source.html"


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_result_names_the_bytes_and_the_time_it_was_checked() -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    run = check_articles([CheckRequest(str(ARTICLE), source=str(SOURCE), rules=("default",))])
    after = datetime.now(UTC)
    evidence = run.results[0].evidence
    assert evidence is not None
    assert evidence.article_sha256 == sha256_of(ARTICLE)
    assert evidence.source_sha256 == sha256_of(SOURCE)
    assert evidence.source_origin == "file"
    assert evidence.source_fetched_at == ""
    assert evidence.source_url.startswith("https://www.bloomberg.com/")
    checked = datetime.fromisoformat(evidence.checked_at.replace("Z", "+00:00"))
    assert evidence.checked_at.endswith("Z")
    assert before <= checked <= after + timedelta(seconds=1)
    assert run.checked_at and run.checked_at <= evidence.checked_at


def test_pack_hashes_cover_the_file_and_what_it_extends() -> None:
    packs = available_packs()
    default = load_pack("default")
    assert default.sha256 == sha256_of(packs["default"])
    propublica = load_pack("propublica")  # extends default
    expected = hashlib.sha256(packs["propublica"].read_bytes())
    expected.update(default.sha256.encode("ascii"))
    assert propublica.sha256 == expected.hexdigest()
    run = check_articles([CheckRequest(str(ARTICLE), source=str(SOURCE), rules=("default",))])
    assert run.pack_hashes == {"default": default.sha256}


def test_what_satisfied_the_passing_rules() -> None:
    run = check_articles([CheckRequest(str(ARTICLE), source=str(SOURCE), rules=("default",))])
    result = run.results[0]
    broken = {f.rule for f in result.findings}
    satisfied = dict(result.satisfied)
    assert "default/source-credit" not in broken
    assert satisfied["default/source-credit"].endswith(
        "This article was prepared based on materials published by Bloomberg."
    )
    assert "default/original-link" not in broken
    assert satisfied["default/original-link"].startswith("link (line ")
    assert "-> https://www.bloomberg.com/news/articles/" in satisfied["default/original-link"]
    # a check that cannot say (text-overlap) leaves no note, and a broken rule none either
    assert set(satisfied) <= {r for r in result.rules if r not in broken}
    assert "default/text-overlap" not in satisfied


def test_no_note_for_a_rule_that_failed(tmp_path: Path) -> None:
    article = tmp_path / "a.html"
    article.write_text(
        "<html><body><article><h1>T</h1><p>According to Bloomberg, talks resume.</p>"
        "<p>Nothing else here at all, just words.</p></article></body></html>",
        encoding="utf-8",
    )
    run = check_articles([CheckRequest(str(article), source=str(SOURCE), rules=("default",))])
    result = run.results[0]
    assert "default/source-credit" in {f.rule for f in result.findings}
    assert "default/source-credit" not in dict(result.satisfied)


def test_findings_past_the_cap_are_counted_not_listed(tmp_path: Path) -> None:
    images = "".join(
        f'<figure><img src="https://cdn.example.com/{n}.jpg" alt="p{n}"></figure>'
        for n in range(150)
    )
    article = tmp_path / "many.html"
    article.write_text(
        "<html><body><article><h1>Many photos</h1><p>Republished from Bloomberg.</p>"
        f"{images}<p>More words follow here.</p></article></body></html>",
        encoding="utf-8",
    )
    run = check_articles([CheckRequest(str(article), source=str(SOURCE), rules=("default",))])
    result = run.results[0]
    image_rows = [f for f in result.findings if f.rule == "default/image-credit"]
    summary = [f for f in image_rows if f.unlisted]
    assert len(image_rows) == 101 and len(summary) == 1
    assert summary[0].unlisted == 50
    assert summary[0].message == "and 50 more finding(s) of this rule, not listed"
    assert result.finding_counts()["error"] == run.finding_counts()["error"]
    errors = sum(1 for f in result.findings if f.severity.label == "error" and not f.unlisted)
    assert result.finding_counts()["error"] == errors + 50
    assert run.counts()["error"] == errors + 1  # the machine formats still count rows


def test_every_bundled_rule_quotes_its_terms() -> None:
    for name in available_packs():
        for rule in load_pack(name).rules:
            assert rule.terms.startswith("https://"), (name, rule.id)
            assert len(rule.terms_text) > 20, (name, rule.id)
            assert "\n" not in rule.terms_text


def test_terms_text_is_inherited_and_can_be_restated(tmp_path: Path) -> None:
    child = tmp_path / "child.yml"
    child.write_text(
        "name: child\nversion: '1'\nextends: default\nrules:\n"
        "  - id: image-credit\n    severity: warning\n"
        "  - id: original-link\n    terms_text: 'Link   to\n      us.'\n",
        encoding="utf-8",
    )
    rules = {rule.id: rule for rule in load_pack(str(child)).rules}
    default = {rule.id: rule for rule in load_pack("default").rules}
    assert rules["image-credit"].terms_text == default["image-credit"].terms_text
    assert rules["original-link"].terms_text == "Link to us."


class _Source(BaseHTTPRequestHandler):
    body = SOURCE.read_bytes()

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args: object) -> None:
        pass


def test_a_fetched_source_says_when_it_was_fetched() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Source)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/news/source.html"
        policy = FetchPolicy(allow_private=True, deadline=61.0)
        request = CheckRequest(str(ARTICLE), source=url, rules=("default",), network=policy)
        # Two checks in one session share its fetcher, and so its cache.
        session = session_for(request)
        first = check_article(request, session).evidence
        again = check_article(request, session).evidence
    finally:
        server.shutdown()
        server.server_close()
    assert first is not None and again is not None
    assert first.source_sha256 == sha256_of(SOURCE)
    assert first.source_origin == "fetched"
    assert first.source_fetched_at.endswith("Z")
    assert first.checked_at <= first.source_fetched_at  # fetched during the check
    # the second check reads the fetcher's cache: same bytes, and the first fetch's time
    assert again.source_origin == "cache"
    assert again.source_fetched_at == first.source_fetched_at
    assert again.source_sha256 == first.source_sha256
