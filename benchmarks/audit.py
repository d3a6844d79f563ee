"""Audit throughput and memory at two archive sizes: is the parent's peak flat as N grows?

    python benchmarks/audit.py [--sizes 1000,10000] [--jobs 2] [--keep DIR]

Generates article/source page pairs (HTML pages of about 20 KB: site chrome, a ~2,700-word
body, an image with a credit; each article reuses about 40% of its source, credits it and links
to it; one in ten does not), then, for each size, runs the real audit in a fresh process with a
fresh database: `run_audit` with hashing, worker processes, the full default pack with overlap,
one SQLite commit per article, and the reports (index.html, articles/<n>.html, report.json,
changes.html) written from the database. The sizes share the generated pages (the smaller
manifest lists the first rows of the larger).

Printed per size: wall time (check and reports) and the part of it spent writing the reports;
articles/s = articles / wall seconds; "per worker" = that divided by --jobs; "per worker CPU
s" = articles / the checking workers' CPU seconds added up (their user + system time from
/proc, sampled every 50 ms and once more when the reports start: steadier than wall time on
a shared machine), which is articles per second of one worker that has a core to itself;
"report writers CPU s" = the CPU seconds of the processes that write the article pages (the
children that appear once the reports start; the parent's own share is not counted there).
Then the parent's peak resident memory (ru_maxrss of the measuring process, which is the
audit's parent), each checking worker's peak (VmHWM read from /proc while the run goes), the
size of index.html (the overview) and of the article pages together (articles/<n>.html).
The bar:
the parent's peak at the largest size within 1.5x of the smallest's.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import queue
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from checker.audit import AuditConfig, run_audit  # noqa: E402
from checker.audit import run as audit_run  # noqa: E402

VOCABULARY = [f"{a}{b}" for a in ("ka", "lo", "mi", "nu", "pe", "ra", "si", "tu") for b in
              ("ba", "de", "fi", "go", "hu", "jo", "ke", "la", "me", "no", "po", "re")]  # fmt: skip
COMMON = ["the", "a", "of", "in", "on", "to", "and", "for", "with", "that", "is", "was", "said",
          "has", "by", "at", "from", "as"]  # fmt: skip


def _sentence(rng: random.Random) -> str:
    words = [
        rng.choice(COMMON) if rng.random() < 0.4 else rng.choice(VOCABULARY) + rng.choice("stnr")
        for _ in range(rng.randint(12, 24))
    ]
    return " ".join(words).capitalize() + "."


def _paragraphs(rng: random.Random, count: int) -> list[str]:
    return [" ".join(_sentence(rng) for _ in range(rng.randint(3, 6))) for _ in range(count)]


def _page(title: str, site: str, url: str, paragraphs: list[str], extra: str = "") -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} - {site}</title>
<link rel="canonical" href="{url}"><meta property="og:site_name" content="{site}">
<meta property="og:url" content="{url}"></head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a>
<a href="/sport">Sport</a></nav></header>
<main><article><h1>{title}</h1><p class="byline">By Staff Reporter</p>
<figure><img src="/img/{abs(hash(title)) % 1000}.jpg" alt="A scene">
<figcaption>A scene from the day. Photo: Jane Doe/{site}</figcaption></figure>
{body}
{extra}
</article>
<aside class="related"><h2>Related</h2><ul><li><a href="/a">Another story</a></li></ul></aside>
</main><footer><p>© 2025 {site}. All rights reserved.</p></footer></body></html>
"""


def generate(folder: Path, pairs: int, seed: int = 11) -> list[str]:
    """The pages for `pairs` pairs; returns the manifest rows (a manifest lists a prefix)."""
    (folder / "articles").mkdir(parents=True, exist_ok=True)
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    lines = ["article,source"]
    for i in range(pairs):
        rng = random.Random(seed * 1_000_003 + i)
        site, url = f"Gazette {i % 17}", f"https://gazette{i % 17}.example/story/{i}"
        source = _paragraphs(rng, 44)
        (folder / "sources" / f"s{i}.html").write_text(
            _page(f"Story {i}", site, url, source), encoding="utf-8"
        )
        reused = source[: len(source) * 2 // 5]
        own = _paragraphs(rng, len(source) - len(reused))
        mixed = [p for pair in zip(reused, own, strict=False) for p in pair] + own[len(reused) :]
        credit = (
            ""
            if i % 10 == 3
            else f'<p>Originally published by {site}: <a href="{url}">read the original</a>.</p>'
        )
        (folder / "articles" / f"a{i}.html").write_text(
            _page(f"Republished story {i}", "Daily Review", f"https://review.example/{i}",
                  mixed, credit),
            encoding="utf-8",
        )  # fmt: skip
        lines.append(f"articles/a{i}.html,sources/s{i}.html")
    return lines[1:]


def manifest(folder: Path, rows: list[str], size: int) -> Path:
    path = folder / f"manifest-{size}.csv"
    path.write_text("article,source\n" + "\n".join(rows[:size]) + "\n", encoding="utf-8")
    return path


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):  # a thread may end while we read
            found += [int(c) for c in (task / "children").read_text().split()]
    return found


def _hwm_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


class WorkerMemory:
    """Samples the peak RSS (VmHWM) and CPU time of this process's children while it runs.

    Children first seen after `reports_start()` write report pages (checker/audit/reports.py
    shares them among processes); the others are the workers that check articles. The sampling
    runs in a process of its own, not a thread: the audit forks its page writers only when it
    runs no other thread, so a sampling thread would change what is measured.
    """

    def __init__(self) -> None:
        self.peaks: dict[int, int] = {}
        self.cpu: dict[int, float] = {}
        self.checkers: set[int] | None = None  # known when the reports start
        self._sampler: subprocess.Popen[str] | None = None

    def __enter__(self) -> WorkerMemory:
        command = [sys.executable, __file__, "--sample", str(os.getpid())]
        self._sampler = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._sampler is not None
        output, _ = self._sampler.communicate()  # end of input stops it
        sampled = json.loads(output)
        self.peaks = {int(pid): peak for pid, (peak, _) in sampled["seen"].items()}
        self.cpu = {int(pid): cpu for pid, (_, cpu) in sampled["seen"].items()}
        if sampled["checkers"] is not None:
            self.checkers = set(sampled["checkers"])

    def reports_start(self) -> None:
        assert self._sampler is not None and self._sampler.stdin is not None
        self._sampler.stdin.write("reports\n")
        self._sampler.stdin.flush()

    def split_cpu(self) -> tuple[float, float]:
        """CPU seconds of the checking workers, and of the report writers."""
        checkers = set(self.cpu) if self.checkers is None else self.checkers
        checking = sum(cpu for pid, cpu in self.cpu.items() if pid in checkers)
        return checking, sum(self.cpu.values()) - checking

    @property
    def peak_mb(self) -> float:
        return max(self.peaks.values(), default=0) / 1024


def sample(parent: int) -> None:
    """In the sampling process: every 50 ms, the peak RSS and CPU time of each child of
    `parent` but this process. A line "reports" on standard input marks the children seen so
    far as the checking workers (after one more sample); at the end of input, all is printed
    as JSON."""
    lines: queue.SimpleQueue[str] = queue.SimpleQueue()

    def read_input() -> None:
        for line in sys.stdin:
            lines.put(line)
        lines.put("")  # the end

    threading.Thread(target=read_input, daemon=True).start()
    seen: dict[int, tuple[int, float]] = {}
    checkers: list[int] | None = None
    line = None
    while line != "":
        for child in _children(parent):
            if child != os.getpid():
                peak, cpu = seen.get(child, (0, 0.0))
                seen[child] = (max(peak, _hwm_kb(child)), max(cpu, _cpu_seconds(child)))
        if line:
            checkers = list(seen)
        try:
            line = lines.get(timeout=0.05)
        except queue.Empty:
            line = None
    print(json.dumps({"seen": seen, "checkers": checkers}))


def measure_here(manifest_path: Path, jobs: int, work: Path) -> dict[str, float]:
    db = work / f"history-{manifest_path.stem}-{time.monotonic_ns()}.sqlite"
    reports = work / f"reports-{manifest_path.stem}"
    config = AuditConfig(input=str(manifest_path), db=str(db), report_dir=str(reports), jobs=jobs)
    write_reports = audit_run.write_reports

    def marked(*args: Any, **kwargs: Any) -> None:
        memory.reports_start()
        reports_started.append(time.perf_counter())
        write_reports(*args, **kwargs)

    reports_started: list[float] = []
    audit_run.write_reports = marked  # type: ignore[assignment]
    with WorkerMemory() as memory:
        started = time.perf_counter()
        outcome = run_audit(config)
        seconds = time.perf_counter() - started
    audit_run.write_reports = write_reports  # type: ignore[assignment]
    checking_cpu, reports_cpu = memory.split_cpu()
    checkers = memory.checkers if memory.checkers is not None else set(memory.peaks)
    assert outcome.checked == outcome.totals.articles
    assert outcome.report_folder is not None
    index = outcome.report_folder / "index.html"
    return {
        "articles": outcome.checked,
        "seconds": seconds,
        "parent_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_mb": [kb / 1024 for pid, kb in memory.peaks.items() if pid in checkers],
        "worker_cpu_s": checking_cpu,
        "reports_s": seconds - (reports_started[0] - started) if reports_started else 0.0,
        "reports_cpu_s": reports_cpu,
        "index_mb": index.stat().st_size / 1e6,
        "pages_mb": sum(p.stat().st_size for p in (index.parent / "articles").iterdir()) / 1e6,
        "db_mb": db.stat().st_size / 1e6,
    }


def measure(manifest_path: Path, jobs: int, work: Path) -> dict[str, float]:
    """In a fresh process: its peak resident memory is the audit parent's alone."""
    command = [sys.executable, __file__, "--measure", str(manifest_path), "--jobs", str(jobs)]
    output = subprocess.run(
        [*command, "--work", str(work)], check=True, capture_output=True, text=True
    ).stdout
    figures: dict[str, float] = json.loads(output.splitlines()[-1])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="archive sizes, comma-separated")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", help="generate into this folder and keep it")
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # one run, in a child process
    parser.add_argument("--work", help=argparse.SUPPRESS)
    parser.add_argument("--sample", type=int, help=argparse.SUPPRESS)  # the sampling process
    options = parser.parse_args()
    if options.sample:
        sample(options.sample)
        return
    if options.measure:
        print(json.dumps(measure_here(Path(options.measure), options.jobs, Path(options.work))))
        return
    sizes = sorted(int(size) for size in options.sizes.split(","))
    work = Path(options.keep or tempfile.mkdtemp(prefix="syndicheck-audit-bench-"))
    started = time.perf_counter()
    rows = generate(work / "pages", max(sizes))
    print(f"generated {max(sizes)} pairs in {time.perf_counter() - started:.0f} s")
    print(f"cores: {os.cpu_count()}; load average before: {os.getloadavg()[0]:.2f}\n")
    print("| articles | workers | wall s | of which reports s | articles/s | per worker"
          " | per worker CPU s | report writers CPU s | parent peak MB | worker peak MB"
          " | index.html MB | articles/*.html MB | history MB |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    peaks = {}
    for size in sizes:
        f = measure(manifest(work / "pages", rows, size), options.jobs, work)
        rate = f["articles"] / f["seconds"]
        workers = " / ".join(f"{mb:.1f}" for mb in f["worker_mb"])  # type: ignore[attr-defined]
        peaks[size] = f["parent_mb"]
        print(
            f"| {f['articles']:,.0f} | {options.jobs} | {f['seconds']:.1f} | {f['reports_s']:.1f}"
            f" | {rate:.1f} | {rate / options.jobs:.1f} | {f['articles'] / f['worker_cpu_s']:.1f}"
            f" | {f['reports_cpu_s']:.1f}"
            f" | {f['parent_mb']:.1f} | {workers}"
            f" | {f['index_mb']:.1f} | {f['pages_mb']:.1f} | {f['db_mb']:.1f} |"
        )
    print(f"\nload average after: {os.getloadavg()[0]:.2f}")
    ratio = peaks[sizes[-1]] / peaks[sizes[0]]
    verdict = "meets" if ratio <= 1.5 else "MISSES"
    print(
        f"{verdict} the bar: parent peak at {sizes[-1]:,} is {ratio:.2f}x its peak at"
        f" {sizes[0]:,} (bar: 1.5x)"
    )
    if not options.keep:
        print(f"(generated data left in {work}; delete it or pass --keep DIR)")


if __name__ == "__main__":
    main()
