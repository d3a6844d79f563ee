"""The request log never holds up answers: a reader that stops reading stderr (a full pipe)
stalls only the log's writer thread, and every line still reaches stderr in the end."""

from __future__ import annotations

import json
import signal
import subprocess
import sys

import httpx
from serving import REPO

# A pipe holds 64 KiB on Linux; a request's line is over 100 bytes, so this many fill it
# several times over.
REQUESTS = 2000


def test_requests_are_answered_while_nobody_reads_the_log() -> None:
    command = [sys.executable, "-m", "checker", "serve", "--port", "0", "--workers", "1"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, cwd=REPO)
    assert process.stderr is not None
    url = ""
    try:
        for line in process.stderr:  # read up to "ready", then leave the pipe to fill
            event = json.loads(line)
            url = event.get("url", url)
            if event["event"] == "ready":
                break
        statuses = []
        with httpx.Client(base_url=url, timeout=20) as client:
            for _ in range(REQUESTS):
                statuses.append(client.get("/healthz").status_code)
        assert statuses == [200] * REQUESTS
        process.send_signal(signal.SIGTERM)
        _, rest = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    events = [json.loads(line) for line in rest.decode().splitlines()]
    assert sum(event["event"] == "request" for event in events) == REQUESTS
    assert events[-1]["event"] == "stopped"
