"""Schemathesis against the live service's OpenAPI document: no 5xx but a documented 504,
every response valid against the schema (status, content type, headers, body), and the
token enforced wherever the document says it is.

Run as Schemathesis's own command: its pytest plugin does not load under this pytest.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from serving import running

TOKEN = "schemathesis-token"
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")


def test_the_service_honours_its_openapi_document(tmp_path: Path) -> None:
    if not SCHEMATHESIS.exists():
        pytest.fail(f"{SCHEMATHESIS} is missing: pip install -e '.[test]'")
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN, encoding="utf-8")
    with running(["--token-file", str(token_file), "--workers", "2"]) as server:
        done = subprocess.run(
            [
                str(SCHEMATHESIS), "run", server.url + "/openapi.json",
                "--checks", "all",
                # What the schema cannot say, a 422 names: a source needs its content or a
                # non-empty url, and a page may be valid JSON but no readable page.
                "--exclude-checks", "positive_data_acceptance",
                "--header", f"Authorization: Bearer {TOKEN}",
                "--max-examples", "25", "--seed", "17", "--workers", "1",
                "--no-color", "--request-timeout", "60",
            ],
            capture_output=True, text=True, timeout=600, check=False, cwd=tmp_path,
        )  # fmt: skip
        assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
        served = server.events("request")
    assert len(served) > 50  # Schemathesis did reach the service
    assert not [e for e in served if e["status"] >= 500 and e["status"] != 504]
