"""`syndicheck serve` on a real loopback port: answers, verdicts, errors, docs and logs."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from serving import EXAMPLE, EXAMPLE_SOURCE, FAILING, Server, running


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with running(["--max-body", "200KB"]) as started:
        yield started


def cli_result(article: Path, source: Path) -> dict[str, Any]:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "checker",
            "check",
            article.name,
            "--source",
            str(source),
            "--format",
            "json",
        ],
        cwd=article.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    result: dict[str, Any] = json.loads(done.stdout)["results"][0]
    return result


def verdict(result: dict[str, Any]) -> tuple[Any, ...]:
    findings = sorted(
        (f["rule"], f["check"], f["severity"], f["message"], f["location"]["line"],
         f["location"]["column"], f["evidence"])
        for f in result["findings"]
    )  # fmt: skip
    return result["status"], result["pack"], tuple(findings)


@pytest.mark.parametrize(
    ("article", "source"),
    [(EXAMPLE, EXAMPLE_SOURCE), (FAILING / "article.html", FAILING / "source.html")],
    ids=["bundled-example", "failing-fixture"],
)
def test_the_service_gives_the_verdict_of_syndicheck_check(
    server: Server, article: Path, source: Path
) -> None:
    expected = cli_result(article, source)
    body = {
        "article": {"content": article.read_text(encoding="utf-8")},
        "source": {"content": source.read_text(encoding="utf-8")},
    }
    answer = server.post(body)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/json"
    served = answer.json()
    assert verdict(served) == verdict(expected)
    assert served["overlap"] == expected["overlap"]
    assert served["schema_version"] == 1 and served["tool"]["name"] == "syndicheck"
    assert served["packs"] == {name: "1.0" for name in served["pack"].split(",")}


def test_the_answer_holds_the_evidence_of_the_content_checked(server: Server) -> None:
    # The SHA-256 of the submitted text as UTF-8 bytes, computed here, and the answer's schema
    # in the OpenAPI document describes the field.
    article = EXAMPLE.read_text(encoding="utf-8")
    source = EXAMPLE_SOURCE.read_text(encoding="utf-8")
    answer = server.post({"article": {"content": article}, "source": {"content": source}})
    evidence = answer.json()["evidence"]
    assert evidence["article_sha256"] == hashlib.sha256(article.encode("utf-8")).hexdigest()
    assert evidence["source_sha256"] == hashlib.sha256(source.encode("utf-8")).hexdigest()
    assert re.match(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}", evidence["checked_at"])
    spec = httpx.get(server.url + "/openapi.json", timeout=10).json()
    answer_schema = spec["components"]["schemas"]["CheckAnswer"]["properties"]
    assert "evidence" in answer_schema


def test_the_failing_fixture_fails_and_passes_below_never(server: Server) -> None:
    body = {
        "article": {"content": (FAILING / "article.html").read_text(encoding="utf-8")},
        "source": {"content": (FAILING / "source.html").read_text(encoding="utf-8")},
    }
    assert server.post(body).json()["status"] == "fail"
    assert server.post({**body, "fail_level": "never"}).json()["status"] == "pass"


def anchor(content: str, line: int, column: int) -> int:
    lines = re.split(r"\r\n|\r|\n", content)  # line ends as HTML counts them
    return sum(len(text) + 1 for text in lines[: line - 1]) + column - 1  # "\n" endings here


def test_offsets_span_the_element_each_finding_points_at(server: Server) -> None:
    content = (FAILING / "article.html").read_text(encoding="utf-8")
    source = (FAILING / "source.html").read_text(encoding="utf-8")
    findings = server.post({"article": {"content": content}, "source": {"content": source}}).json()[
        "findings"
    ]
    assert findings and all(f["location"]["line"] > 0 for f in findings)
    for finding in findings:
        start, end = finding["location"]["offsets"]
        segment = content[start:end]
        if finding["evidence"] and segment == finding["evidence"]:
            continue  # the evidence, quoted from the page, is the span
        assert start == anchor(content, finding["location"]["line"], finding["location"]["column"])
        tag = re.match(r"<([a-z0-9]+)", segment)
        assert tag is not None, segment
        assert segment.endswith(f"</{tag.group(1)}>") or segment.endswith(">")
    credit = next(f for f in findings if f["check"] == "source-credit")
    start, end = credit["location"]["offsets"]
    # This fixture writes each paragraph on one line: the span is that whole line.
    assert content[start:end] == content.splitlines()[credit["location"]["line"] - 1].strip()


def test_offsets_of_a_plain_text_article_span_its_paragraph(server: Server) -> None:
    paragraphs = [
        "Talks in Istanbul",
        "Russia and the US will hold talks\non April 10, officials said.",
        "More text here.",
    ]
    content = "\n\n".join(paragraphs) + "\n"
    answer = server.post(
        {"article": {"content": content, "format": "text"}, "publisher": "Bloomberg"}
    )
    assert answer.status_code == 200, answer.text
    findings = answer.json()["findings"]
    assert findings
    for finding in findings:
        start, end = finding["location"]["offsets"]
        assert start == anchor(content, finding["location"]["line"], finding["location"]["column"])
        assert content[start:end] in paragraphs


def test_rules_lists_the_packs_as_rules_list_does(server: Server) -> None:
    listed = subprocess.run(
        [sys.executable, "-m", "checker", "rules", "list"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    packs = httpx.get(server.url + "/v1/rules").json()["packs"]
    shown = []
    for pack in packs:
        shown.append(pack["name"])
        shown += [f"{rule['id']} {rule['severity']} {rule['check']}" for rule in pack["rules"]]
    expected = []
    for line in listed.splitlines():
        words = line.split()
        expected.append(words[0] if not line.startswith(" ") else " ".join(words))
    assert shown == expected


def test_health_says_how_many_workers_serve(server: Server) -> None:
    assert server.health() == {"status": "ok", "workers": 1, "busy": 0, "waiting": 0}


def problem(answer: httpx.Response, status: int) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = answer.json()
    assert body["status"] == status and body["title"] and "Traceback" not in answer.text
    return body


def test_malformed_json_is_400(server: Server) -> None:
    answer = httpx.post(
        server.url + "/v1/check",
        content=b'{"article": {"content": "x"',
        headers={"content-type": "application/json"},
    )
    assert "not valid JSON" in problem(answer, 400)["detail"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "article"),
        ({"article": {}}, "article.content"),
        ({"article": {"content": 3}}, "article.content"),
        ({"article": {"content": "x", "format": "pdf"}}, "article.format"),
        ({"article": {"content": "x"}, "fail_level": "loud"}, "fail_level"),
        ({"article": {"content": "x"}, "source": {}}, "source"),
        ({"article": {"content": "x"}, "colour": "red"}, "colour"),
        ({"article": {"content": "x"}, "rules": ["../../etc/passwd.yml"]}, "rules"),
        ({"article": {"content": "   "}}, "article.content"),
        ({"article": {"content": "x"}, "source": {"url": "https://example.com/a"}}, "source.url"),
    ],
)
def test_an_invalid_field_is_422_naming_it(
    server: Server, body: dict[str, Any], field: str
) -> None:
    found = problem(server.post(body), 422)
    assert field in [error["field"] for error in found["errors"]], found
    assert field in found["detail"]


def test_a_source_url_without_network_says_what_to_do(server: Server) -> None:
    body = {"article": {"content": "x"}, "source": {"url": "https://example.com/a"}}
    assert "--allow-network" in problem(server.post(body), 422)["detail"]


def test_a_body_over_max_body_is_413_by_its_length(server: Server) -> None:
    body = {"article": {"content": "x" * 300_000}}
    problem(server.post(body), 413)


def test_a_chunked_body_growing_past_max_body_is_413(server: Server) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"article": {"content": "'
        for _ in range(30):
            yield b"y" * 10_000
        yield b'"}}'

    answer = httpx.post(
        server.url + "/v1/check", content=chunks(), headers={"content-type": "application/json"}
    )
    assert "content-length" not in answer.request.headers  # sent chunked
    problem(answer, 413)


def test_an_unknown_path_is_a_problem_too(server: Server) -> None:
    problem(httpx.get(server.url + "/v2/check"), 404)
    problem(httpx.get(server.url + "/v1/check"), 405)


def test_the_docs_load_their_scripts_from_this_server(server: Server) -> None:
    page = httpx.get(server.url + "/docs").text
    assert "cdn" not in page.lower()
    scripts = [part.split('"')[0] for part in page.split('src="')[1:]]
    assert scripts
    for script in scripts:
        assert script.startswith("/")
        assert httpx.get(server.url + script).status_code == 200
    schema = httpx.get(server.url + "/openapi.json").json()
    assert set(schema["paths"]) == {"/v1/check", "/v1/rules", "/healthz"}


def test_one_json_log_line_per_request_without_the_article(server: Server) -> None:
    secret = "A sentence that must never reach the log 7f3a."
    before = len(server.events("request"))
    answer = server.post({"article": {"content": f"<p>{secret}</p>"}})
    assert answer.status_code == 200
    server.health()  # the log line is written after the answer: one more request to wait on
    logged = server.events("request")[before:]
    check = next(event for event in logged if event["path"] == "/v1/check")
    assert check["method"] == "POST" and check["status"] == 200
    assert check["article_bytes"] == len(f"<p>{secret}</p>".encode())
    assert isinstance(check["ms"], float)
    assert not any(secret in line for line in server.lines)
