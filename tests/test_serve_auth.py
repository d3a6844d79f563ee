"""The service's bearer token, its loopback-only default, and CORS, on real processes."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from serving import Server, running

TOKEN = "s3cret-token-for-tests"
ARTICLE = {"article": {"content": "<p>A short article.</p>"}}


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    token_file = tmp_path_factory.mktemp("token") / "token"
    token_file.write_text(TOKEN + "\n", encoding="utf-8")
    with running(
        ["--token-file", str(token_file), "--cors-origin", "https://cms.example"]
    ) as server:
        yield server


@pytest.mark.parametrize("path", ["/v1/check", "/v1/rules"])
@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": "Bearer"},
    ],
    ids=["missing", "wrong", "not-bearer", "empty"],
)
def test_v1_needs_the_right_bearer_token(
    guarded: Server, path: str, headers: dict[str, str]
) -> None:
    if path == "/v1/check":
        answer = httpx.post(guarded.url + path, json=ARTICLE, headers=headers)
    else:
        answer = httpx.get(guarded.url + path, headers=headers)
    assert answer.status_code == 401
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.headers["www-authenticate"] == "Bearer"


def test_the_right_token_is_served(guarded: Server) -> None:
    assert guarded.post(ARTICLE, token=TOKEN).status_code == 200
    answer = httpx.get(guarded.url + "/v1/rules", headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status_code == 200


def test_health_and_docs_need_no_token(guarded: Server) -> None:
    assert httpx.get(guarded.url + "/healthz").status_code == 200
    schema = httpx.get(guarded.url + "/openapi.json").json()
    assert "HTTPBearer" in schema["components"]["securitySchemes"]


def test_cors_answers_the_named_origin_only(guarded: Server) -> None:
    preflight = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type",
    }
    allowed = httpx.options(
        guarded.url + "/v1/check", headers={"Origin": "https://cms.example", **preflight}
    )
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == "https://cms.example"
    other = httpx.options(
        guarded.url + "/v1/check", headers={"Origin": "https://evil.example", **preflight}
    )
    assert "access-control-allow-origin" not in other.headers


def test_no_cors_without_cors_origin() -> None:
    with running() as server:
        answer = httpx.post(
            server.url + "/v1/check", json=ARTICLE, headers={"Origin": "https://cms.example"}
        )
        assert answer.status_code == 200
        assert "access-control-allow-origin" not in answer.headers


def test_the_token_may_come_from_the_environment() -> None:
    with running(env={"SYNDICHECK_TOKEN": TOKEN}) as server:
        assert server.post(ARTICLE).status_code == 401
        assert server.post(ARTICLE, token=TOKEN).status_code == 200


def serve_args(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "checker", "serve", *args],
        capture_output=True, text=True, timeout=60, check=False, env=env,
    )  # fmt: skip


def test_without_a_token_a_public_address_is_refused() -> None:
    done = serve_args("--host", "0.0.0.0", "--port", "0", env={"PATH": "/usr/bin:/bin"})
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and "0.0.0.0" in lines[0] and "loopback" in lines[0]
    assert "Traceback" not in done.stderr


def test_an_empty_token_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    empty = tmp_path / "token"
    empty.write_text("\n", encoding="utf-8")
    done = serve_args("--token-file", str(empty), "--port", "0")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [f"syndicheck: error: {empty}: the token file is empty"]


def test_a_port_in_use_is_one_line_and_exit_2() -> None:
    with running() as server:
        port = server.url.rsplit(":", 1)[1]
        done = serve_args("--port", port)
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1 and f":{port}" in done.stderr
