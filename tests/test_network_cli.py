"""--allow-network end to end, against a real HTTP server on loopback started here."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from loopback import Recording, serve
from pages import BODY, CREDIT, SOURCE_PAGE, SOURCE_URL, news_page

from checker.cli import cli


class Handler(Recording):
    def do_GET(self) -> None:
        Handler.hits.append(self.path)
        if self.path == "/news/source.html":
            body = SOURCE_PAGE.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            self.send_error(404)

    def do_HEAD(self) -> None:
        self.do_GET()


@pytest.fixture
def base(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    yield from serve(Handler, tmp_path, monkeypatch)


def article(tmp_path: Path, href: str) -> str:
    path = tmp_path / "article.html"
    link = f'<p>The original article can be found at the following link: <a href="{href}">Bloomberg</a>.</p>'
    path.write_text(news_page(BODY + CREDIT + link), encoding="utf-8")
    return str(path)


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [*args, "--rules", "default", "--format", "json"])
    return result.exit_code, result.stdout, result.stderr


def test_a_url_source_needs_allow_network(tmp_path: Path, base: str) -> None:
    code, _, err = invoke(
        "check", article(tmp_path, SOURCE_URL), "--source", f"{base}/news/source.html"
    )
    assert code == 2 and "--allow-network" in err
    assert Handler.hits == []  # nothing was sent


def test_loopback_is_refused_unless_allowed(tmp_path: Path, base: str) -> None:
    page = article(tmp_path, SOURCE_URL)
    code, _, err = invoke("check", page, "--source", f"{base}/news/source.html", "--allow-network")
    assert code == 2
    assert "loopback" in err and "--allow-private" in err and len(err.strip().splitlines()) == 1
    assert Handler.hits == []
    assert invoke("check", page, "--allow-private")[0] == 2  # needs --allow-network


def test_a_fetched_source_is_checked_and_the_link_tried(tmp_path: Path, base: str) -> None:
    url = f"{base}/news/source.html"
    code, out, err = invoke(
        "check", article(tmp_path, url), "--source", url, "--allow-network", "--allow-private"
    )
    assert code == 0, out + err
    (result,) = json.loads(out)["results"]
    assert result["source"] == url
    assert result["overlap"]["containment"] > 0
    # Fetched once, then tried as the article's link to the original (the run cache may
    # answer the second time; never anything but loopback).
    assert Handler.hits and set(Handler.hits) == {"/news/source.html"}


def test_a_link_to_the_original_that_does_not_resolve(tmp_path: Path, base: str) -> None:
    gone = f"{base}/news/gone.html"
    page = article(tmp_path, gone)
    code, out, _ = invoke(
        "check",
        page,
        "--source-url",
        gone,
        "--publisher",
        "Bloomberg",
        "--allow-network",
        "--allow-private",
    )
    assert code == 1
    findings = json.loads(out)["results"][0]["findings"]
    (finding,) = [f for f in findings if f["check"] == "original-link"]
    assert "does not resolve" in finding["message"] and "404" in finding["message"]
