"""A check worker: one process, one request at a time, packs loaded once.

It runs `checker.check_document` and renders the answer with the CLI's JSON contract
(`checker.report.contract`), so the service's schema is the CLI's; it adds only each finding's
character offsets into the submitted content (`location.offsets`).
"""

from __future__ import annotations

import json
import signal
import traceback
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from checker.config import Config, load_config
from checker.core import Session, check_document
from checker.crash import CrashLog
from checker.declared import Declared
from checker.document import Document
from checker.engine import CheckRequest, read_source
from checker.errors import CheckerError, PackError
from checker.fetch import Fetcher, FetchPolicy
from checker.findings import RunResult, Severity
from checker.report.contract import run_to_dict
from checker.runner import NETWORK_CACHE
from checker.serve.jobs import Job, Outcome, WorkerOptions
from checker.serve.offsets import LineIndex
from checker.version import __version__

READY = "ready"
ARTICLE = "<article>"
SOURCE = "<source>"


class Checker:
    """What a worker keeps between requests: the session (packs, fetcher) and configuration."""

    def __init__(self, options: WorkerOptions) -> None:
        self.config: Config | None = load_config(Path(options.config)) if options.config else None
        self.policy: FetchPolicy | None = None
        fetcher = None
        if options.allow_network:
            self.policy = FetchPolicy(
                allow_private=options.allow_private,
                max_bytes=options.max_bytes,
                cache_dir=NETWORK_CACHE,
            )
            fetcher = Fetcher(self.policy)
        self.session = Session(fetcher=fetcher)
        self.session.packs.catalogue()  # `auto` chooses from these: read them before serving
        self.crash_log = CrashLog()

    def handle(self, job: Job) -> Outcome:
        try:
            return Outcome(200, self.answer(job))
        except CheckerError as error:
            field = _field(error, job)
            return Outcome(422, detail=error.problem if field else str(error), field=field)
        except Exception:  # a bug: its traceback goes to the crash log, never to the client
            self.crash_log.record("serve: internal error in a check", traceback.format_exc())
            return Outcome(500)

    def answer(self, job: Job) -> bytes:
        result = check_document(
            job.article,
            self._source(job),
            packs=job.rules,
            publisher=job.publisher,
            source_url=job.source_url,
            config=self.config,
            kind=job.article_format,
            source_kind=job.source_format,
            url=job.article_url,
            session=self.session,
        )
        level = None if job.fail_level == "never" else Severity.parse(job.fail_level)
        data = run_to_dict(RunResult.of([result], level, __version__))
        answer: dict[str, Any] = {
            "schema_version": data["schema_version"],
            "tool": data["tool"],
            "packs": data["packs"],
            **data["results"][0],
        }
        index = LineIndex(job.article)
        for finding in answer["findings"]:
            location = finding["location"]
            span = index.span(location["line"], location["column"], finding["evidence"])
            location["offsets"] = list(span) if span is not None else None
        return json.dumps(answer, ensure_ascii=False).encode("utf-8")

    def _source(self, job: Job) -> Document | str | None:
        if job.source is not None or not job.fetch:
            return job.source
        # The server refuses a URL-only source unless started with --allow-network.
        request = CheckRequest(ARTICLE, source=job.fetch, network=self.policy)
        return read_source(request, Declared(), self.session.fetcher).document


def _field(error: CheckerError, job: Job) -> str:
    """The request field an error is about, for the 422 problem's `errors`."""
    if error.path == ARTICLE:
        return "article.content"
    if error.path == SOURCE:
        return "source.content"
    if job.fetch and error.path == job.fetch:
        return "source.url"
    if isinstance(error, PackError) or error.path in job.rules:
        return "rules"
    return ""


def main(jobs: Connection, answers: Connection, options: WorkerOptions) -> None:
    """The worker's loop: a Job in, an Outcome out, until None or the server goes away."""
    # The server drains on Ctrl-C and SIGTERM and then stops its workers itself; a signal to
    # the whole process group must not kill the checks it is letting finish.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    checker = Checker(options)
    answers.send(READY)
    while True:
        try:
            job = jobs.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            answers.send(checker.handle(job))
        except OSError:  # the server went away
            return
