"""`syndicheck serve --allow-network` and `--config`, on real processes and a loopback site."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from loopback import serve
from pages import BODY, CREDIT, SOURCE_PAGE, news_page
from serving import running

# The loopback site of the CLI's network tests: the source page at /news/source.html.
from test_network_cli import Handler


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    yield from serve(Handler, tmp_path, monkeypatch)


ARTICLE = news_page(BODY + CREDIT)


def test_a_source_by_url_is_fetched_with_allow_network(tmp_path: Path, site: str) -> None:
    url = f"{site}/news/source.html"
    with running(["--allow-network", "--allow-private"], cwd=tmp_path) as server:
        answer = server.post({"article": {"content": ARTICLE}, "source": {"url": url}})
        assert answer.status_code == 200, answer.text
        result = answer.json()
        assert result["source"] == url
        assert result["overlap"]["passages"]  # the fetched page's text was aligned
    assert "/news/source.html" in Handler.hits


def test_loopback_sources_are_refused_without_allow_private(tmp_path: Path, site: str) -> None:
    url = f"{site}/news/source.html"
    with running(["--allow-network"], cwd=tmp_path) as server:
        answer = server.post({"article": {"content": ARTICLE}, "source": {"url": url}})
    assert answer.status_code == 422, answer.text
    assert answer.json()["errors"][0]["field"] == "source.url"
    assert Handler.hits == []


def test_allow_private_without_allow_network_is_refused(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "checker", "serve", "--allow-private", "--port", "0"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 2 and "--allow-network" in done.stderr
    assert len(done.stderr.splitlines()) == 1


def test_the_configuration_applies_to_every_check(tmp_path: Path) -> None:
    body = {"article": {"content": ARTICLE}, "source": {"content": SOURCE_PAGE}}
    with running() as server:
        plain = {f["rule"] for f in server.post(body).json()["findings"]}
    assert "default/text-overlap" in plain
    config = tmp_path / "syndicheck.toml"
    config.write_text('[severity]\n"default/text-overlap" = "off"\n', encoding="utf-8")
    with running(["--config", str(config)]) as server:
        configured = {f["rule"] for f in server.post(body).json()["findings"]}
    assert configured == plain - {"default/text-overlap"}


def test_a_broken_configuration_stops_the_server_before_it_listens(tmp_path: Path) -> None:
    config = tmp_path / "syndicheck.toml"
    config.write_text("fail-level = 'loud'\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "checker", "serve", "--config", str(config), "--port", "0"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1 and "syndicheck.toml" in done.stderr


def test_without_the_serve_extra_serve_says_what_to_install() -> None:
    # As if FastAPI were not installed: an import of it fails as a missing package does.
    script = (
        "import sys; sys.modules['fastapi'] = None; from checker.cli import main; "
        "sys.argv = ['syndicheck', 'serve', '--port', '0']; main()"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "syndicheck: error: serve: needs fastapi, which is not installed: "
        "pip install 'syndicheck[serve]'"
    ]
