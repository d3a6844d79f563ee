"""`syndicheck copies OURS --partners FILE`: where our stories were republished, and whether
each copy kept the terms.

Our stories (a folder of articles, or our site, feed or sitemap, crawled) are indexed with the
discovery index (checker/audit/library.py); each partner is crawled (site.py); a partner page
whose text reuses an indexed story past the discovery threshold (discovery.py's `find_reuse`)
is a copy of the story it reuses most; each copy is checked against that story with the packs
of our terms (`check_document`), and its findings become problems (problems.py).

Partners are crawled at once, on threads (`--partner-jobs`; the work is waiting on the
network), each by its own `crawl()` with its own fetcher; the matching (the SQLite index, the
packs) stays on the calling thread, a partner's pages matched as its crawl ends, and the report
lists the partners in the partner list's order whichever finished first.
"""

from __future__ import annotations

import hashlib
import os
import queue
import sqlite3
import tempfile
import threading
from collections.abc import Generator, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from checker.audit.discovery import DiscoveryParams, Reuse, find_reuse
from checker.audit.library import Library, add_source, ensure_schema
from checker.audit.progress import Progress, Silent
from checker.core import AUTO, PackCache, Session, check_document
from checker.crawl.pages import kind_of
from checker.crawl.problems import counted, problems_of
from checker.crawl.robots import REFUSED, origin_of
from checker.crawl.site import CrawlConfig, CrawlOutcome, crawl
from checker.document import Document
from checker.errors import CheckerError, InputError, UsageError
from checker.findings import Finding
from checker.limits import PARTNER_JOBS
from checker.loaders import load_bytes, read_file
from checker.urls import is_web_url

STORY_SUFFIXES = (".html", ".htm", ".md", ".markdown", ".txt")


@dataclass(frozen=True)
class Story:
    key: str  # our story's URL, or its path for a folder of articles
    title: str
    path: str  # the file its text is read from
    url: str = ""


@dataclass(frozen=True)
class Copy:
    url: str
    partner: str
    story: str  # Story.key
    compliant: bool
    problems: tuple[str, ...]
    findings: tuple[Finding, ...]
    containment: float  # share of the copy's words from the story
    coverage: float  # share of the story's words in the copy


@dataclass(frozen=True)
class PartnerSummary:
    partner: str
    pages: int  # pages fetched and read
    copies: int
    compliant: int
    fetch_failures: int
    refused: int  # disallowed by robots.txt: never fetched


@dataclass(frozen=True)
class CopiesReport:
    ours: str
    packs: tuple[str, ...]
    stories: tuple[Story, ...]
    partners: tuple[PartnerSummary, ...]
    copies: tuple[Copy, ...]

    def copies_of(self, story: Story) -> list[Copy]:
        return sorted((c for c in self.copies if c.story == story.key), key=lambda c: c.url)


@dataclass(frozen=True)
class CopiesConfig:
    ours: str
    partners_file: str
    crawl: CrawlConfig  # the politeness and cache settings; `site` and `out` are set per site
    rules: tuple[str, ...] = ()
    discovery: DiscoveryParams = field(default_factory=DiscoveryParams)
    partner_jobs: int = PARTNER_JOBS  # partner sites crawled at once


def read_partners(path: str) -> list[str]:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(path, f"cannot read the partner list: {error}") from None
    partners = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if not is_web_url(line):
            raise InputError(f"{path}:{number}", f"not an http(s) URL: {line!r}")
        partners.append(line)
    if not partners:
        raise InputError(path, "the partner list names no site (one URL a line)")
    return list(dict.fromkeys(partners))


def _crawl_site(config: CopiesConfig, site: str, name: str) -> CrawlConfig:
    folder = Path(config.crawl.cache_dir) / "copies" / name
    digest = hashlib.sha256(site.encode("utf-8")).hexdigest()[:16]
    return replace(config.crawl, site=site, out=str(folder / f"{digest}.jsonl"), state=None)


def _load(path: str, url: str | None) -> Document:
    return load_bytes(read_file(path), path, kind=kind_of(path), url=url)


def our_stories(config: CopiesConfig, progress: Progress) -> list[Story]:
    ours = config.ours
    if os.path.isdir(ours):
        files = sorted(
            p for p in Path(ours).rglob("*") if p.suffix.lower() in STORY_SUFFIXES and p.is_file()
        )
        stories = []
        for file in files:
            doc = _load(str(file), None)
            url = doc.metadata.canonical or doc.metadata.url
            stories.append(Story(str(file), doc.title, str(file.absolute()), url))
        if not stories:
            raise InputError(ours, "the folder holds no articles (.html, .md, .txt)")
        return stories
    if not is_web_url(ours):
        raise UsageError(ours, "OURS must be a folder of our articles or an http(s) URL")
    outcome = crawl(_crawl_site(config, ours, "ours"), progress)
    stories = []
    for line in outcome.lines:
        if line["path"]:
            doc = _load(line["path"], line["url"])
            stories.append(Story(line["url"], doc.title, line["path"], line["url"]))
    if not stories:
        raise InputError(ours, "no story of ours could be fetched from it")
    return stories


def _index(stories: list[Story], db_path: str) -> None:
    db = sqlite3.connect(db_path, isolation_level=None)
    try:
        ensure_schema(db)
        db.execute("BEGIN")
        for story in stories:
            doc = _load(story.path, story.url or None)
            # The library's identity of a source is its path; the story's key is its URL.
            add_source(db, story.path, doc.body_text, story.key, story.title)
        db.execute("COMMIT")
    finally:
        db.close()


def _best(found: list[Reuse]) -> Reuse | None:
    """The story the page reuses most: by the share of the page that is its text, then by
    the share of the story reused."""
    return max(found, key=lambda r: (r.containment, r.coverage), default=None)


class _Matcher:
    def __init__(self, config: CopiesConfig, stories: list[Story], library: Library) -> None:
        self.config = config
        self.library = library
        self.by_path = {story.path: story for story in stories}
        self.docs: dict[str, Document] = {}
        self.session = Session(packs=PackCache())
        self.packs = config.rules or (AUTO,)

    def story_doc(self, story: Story) -> Document:
        if story.path not in self.docs:
            self.docs[story.path] = _load(story.path, story.url or None)
        return self.docs[story.path]

    def copy(self, partner: str, url: str, path: str) -> Copy | None:
        try:
            page = _load(path, url)
        except CheckerError:
            return None
        best = _best(find_reuse(page, self.library, self.config.discovery))
        if best is None:
            return None
        story = self.by_path[best.candidate.source.path]
        result = check_document(
            page, self.story_doc(story), packs=self.packs, source_url=story.url or None,
            url=url, session=self.session,
        )  # fmt: skip
        findings = tuple(sorted(result.findings, key=Finding.sort_key))
        return Copy(
            url, partner, story.key, not counted(findings), problems_of(findings), findings,
            best.containment, best.coverage,
        )  # fmt: skip


def _matched(
    matcher: _Matcher, partner: str, outcome: CrawlOutcome
) -> tuple[PartnerSummary, list[Copy]]:
    copies = []
    for line in outcome.lines:
        if line["path"] and (found := matcher.copy(partner, line["url"], line["path"])):
            copies.append(found)
    pages = sum(1 for line in outcome.lines if line["path"])
    failures = sum(1 for line in outcome.lines if line["error"] not in (None, REFUSED))
    summary = PartnerSummary(
        partner, pages, len(copies), sum(c.compliant for c in copies), failures, outcome.refused
    )
    return summary, copies


class _Stopped(Exception):
    """Raised from a crawl's page hook when the run is being given up (interrupted): the crawl
    ends at that page, its state saved for the next run."""


def _by_origin(partners: list[str]) -> list[list[int]]:
    """The partners' indexes, grouped by origin in the list's order: one thread crawls a
    group's sites one after another, so that no origin is ever asked twice at once (each
    crawl's fetcher keeps the spacing of its own requests only)."""
    groups: dict[str, list[int]] = {}
    for index, partner in enumerate(partners):
        groups.setdefault(origin_of(partner), []).append(index)
    return list(groups.values())


def _crawled(
    config: CopiesConfig, partners: list[str]
) -> Generator[tuple[int, CrawlOutcome], None, None]:
    """(index in `partners`, its crawl) as each crawl ends, up to `config.partner_jobs` at once.

    A crawl that raises does not stop the others: they all run to their end (their states
    saved), and then the first failure in the list's order is raised, as crawling them one
    after another raised it; the crawls that ended after a failure are not yielded."""
    ended: queue.SimpleQueue[tuple[int, CrawlOutcome | BaseException]] = queue.SimpleQueue()
    stop = threading.Event()

    def page_done(line: dict[str, object]) -> None:
        if stop.is_set():
            raise _Stopped

    def crawl_group(indexes: list[int]) -> None:
        for index in indexes:
            if stop.is_set():
                return
            try:  # Silent: one reporter cannot show several crawls; the caller counts sites
                site = _crawl_site(config, partners[index], "partners")
                ended.put((index, crawl(site, Silent(), on_page=page_done)))
            except BaseException as error:  # handed to the calling thread, which raises it
                ended.put((index, error))

    failures: dict[int, BaseException] = {}
    workers = ThreadPoolExecutor(config.partner_jobs, thread_name_prefix="syndicheck-partner")
    try:
        for indexes in _by_origin(partners):
            workers.submit(crawl_group, indexes)
        for _ in partners:
            index, outcome = ended.get()
            if isinstance(outcome, BaseException):
                failures[index] = outcome
            elif not failures:
                yield index, outcome
    finally:
        stop.set()  # interrupted, or the caller failed: the running crawls end at their next page
        workers.shutdown(wait=True, cancel_futures=True)
    if failures:
        raise failures[min(failures)]


def find_copies(config: CopiesConfig, progress: Progress | None = None) -> CopiesReport:
    if config.partner_jobs < 1:
        raise UsageError(None, "--partner-jobs must be at least 1")
    progress = progress or Silent()
    partners = read_partners(config.partners_file)
    stories = our_stories(config, progress)
    folder = Path(config.crawl.cache_dir)
    folder.mkdir(parents=True, exist_ok=True)
    handle, db_path = tempfile.mkstemp(dir=folder, prefix="stories-", suffix=".sqlite")
    os.close(handle)
    try:
        _index(stories, db_path)
        library = Library(db_path)
        try:
            matcher = _Matcher(config, stories, library)
            results: dict[int, tuple[PartnerSummary, list[Copy]]] = {}
            crawls = _crawled(config, partners)
            progress.start(len(partners), "partners")
            try:
                for index, outcome in crawls:
                    results[index] = _matched(matcher, partners[index], outcome)
                    progress.advance()
            finally:
                crawls.close()  # on an error or an interrupt here: the crawls still running stop
                progress.close()
            summaries = [results[index][0] for index in range(len(partners))]
            copies = [found for index in range(len(partners)) for found in results[index][1]]
        finally:
            library.close()
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(db_path + suffix).unlink(missing_ok=True)
    return CopiesReport(
        config.ours, config.rules or (AUTO,), tuple(stories), tuple(summaries), tuple(copies)
    )


def each_copy(report: CopiesReport) -> Iterator[tuple[Story, Copy]]:
    for story in report.stories:
        for found in report.copies_of(story):
            yield story, found
