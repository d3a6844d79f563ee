"""Audit throughput: articles per second with 1 and 2 workers, and peak memory per worker.

    python benchmarks/audit.py [--pairs 2000] [--small 500] [--keep DIR]

Generates N article/source page pairs (HTML pages of about 20 KB: site chrome, a ~2,700-word
body, an image with a credit; each article reuses about 40% of its source, credits it and links
to it; one in ten does not), then runs the real audit (`run_audit`: hashing, worker processes,
the full default pack with overlap, one SQLite commit per article) with --jobs 1 and --jobs 2
on a fresh database each time. Report writing (HTML and JSON) is timed separately.

Peak memory per worker is the largest VmHWM (peak resident set) of the worker processes, read
from /proc while the run goes; it is measured for N pairs and for --small pairs, to show that
it does not grow with N. Then, on a sample, where a check's time goes: loading the two pages,
aligning them, and the rules.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from checker.audit import AuditConfig, run_audit  # noqa: E402
from checker.audit.reports import write_reports  # noqa: E402
from checker.engine import CheckRequest, PackCache, resolve_source, run_rule  # noqa: E402
from checker.loaders import load_file  # noqa: E402
from checker.overlap import align  # noqa: E402

BAR_PER_CORE = 50.0
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


def generate(folder: Path, pairs: int, seed: int = 11) -> Path:
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
    manifest = folder / "manifest.csv"
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return manifest


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
    """Samples the peak RSS (VmHWM) and CPU time of this process's children while it runs."""

    def __init__(self) -> None:
        self.peaks: dict[int, int] = {}
        self.cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            for child in _children(os.getpid()):
                self.peaks[child] = max(self.peaks.get(child, 0), _hwm_kb(child))
                self.cpu[child] = max(self.cpu.get(child, 0.0), _cpu_seconds(child))

    def __enter__(self) -> WorkerMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def peak_mb(self) -> float:
        return max(self.peaks.values(), default=0) / 1024


def measure_here(manifest: Path, jobs: int, work: Path) -> dict[str, float]:
    db = work / f"history-{jobs}-{time.monotonic_ns()}.sqlite"
    config = AuditConfig(input=str(manifest), db=str(db), report_dir=None, jobs=jobs)
    own_cpu = time.process_time()
    with WorkerMemory() as memory:
        started = time.perf_counter()
        outcome = run_audit(config)
        seconds = time.perf_counter() - started
    parent_cpu = time.process_time() - own_cpu
    assert outcome.checked == len(outcome.run.results)
    report_started = time.perf_counter()
    write_reports(work / f"reports-{jobs}", outcome.run_id, outcome.run, outcome.changes, {})
    return {
        "articles": outcome.checked,
        "seconds": seconds,
        "report_seconds": time.perf_counter() - report_started,
        "peak_mb": memory.peak_mb,
        "worker_cpu": sum(memory.cpu.values()),
        "parent_cpu": parent_cpu,
    }


def measure(manifest: Path, jobs: int, work: Path) -> dict[str, float]:
    """In a fresh process, so that workers fork from a parent of the same size every time."""
    command = [sys.executable, __file__, "--measure", str(manifest), "--jobs", str(jobs)]
    output = subprocess.run(
        [*command, "--work", str(work)], check=True, capture_output=True, text=True
    ).stdout
    figures: dict[str, float] = json.loads(output.splitlines()[-1])
    return figures


def breakdown(manifest: Path, sample: int) -> dict[str, float]:
    """Milliseconds per article for each stage, in this process, on the first `sample` pairs."""
    folder = manifest.parent
    packs = PackCache()
    pack = packs.get("default")
    times = {"load article": 0.0, "load source + align": 0.0, "align alone": 0.0, "rules": 0.0}
    for i in range(sample):
        article_path = str(folder / "articles" / f"a{i}.html")
        request = CheckRequest(article_path, str(folder / "sources" / f"s{i}.html"))
        t0 = time.perf_counter()
        article = load_file(article_path)
        t1 = time.perf_counter()
        source = resolve_source(request, article)
        t2 = time.perf_counter()
        assert source.document is not None
        align(article.body_text, source.document.body_text)
        t3 = time.perf_counter()
        values = {"publisher": source.publisher, "source_url": source.url}
        for rule in pack.rules:
            run_rule(rule, article, source, values)
        t4 = time.perf_counter()
        times["load article"] += t1 - t0
        times["load source + align"] += t2 - t1
        times["align alone"] += t3 - t2
        times["rules"] += t4 - t3
    return {stage: 1000 * total / sample for stage, total in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=2000)
    parser.add_argument("--small", type=int, default=500)
    parser.add_argument("--keep", help="generate into this folder and keep it")
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # one run, in a child process
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.measure:
        print(json.dumps(measure_here(Path(options.measure), options.jobs, Path(options.work))))
        return
    work = Path(options.keep or tempfile.mkdtemp(prefix="syndicheck-audit-bench-"))
    big = generate(work / "big", options.pairs)
    small = generate(work / "small", options.small)
    sizes = [p.stat().st_size for p in (big.parent / "articles").glob("*.html")]
    print(f"{options.pairs} pairs; article pages {statistics.mean(sizes) / 1000:.1f} KB on average")
    print(f"cores: {os.cpu_count()}; load average before: {os.getloadavg()[0]:.2f}")
    print(f"bar: {BAR_PER_CORE:.0f} articles/s per core\n")
    print("jobs  articles  wall s  articles/s  per worker  per worker-CPU-s  parent CPU s"
          "  reports s  peak MB/worker")  # fmt: skip
    rates = {}
    for jobs in (1, 2):
        f = measure(big, jobs, work)
        rate = f["articles"] / f["seconds"]
        per_cpu = f["articles"] / max(f["worker_cpu"], 1e-9)
        rates[jobs] = (rate / jobs, per_cpu)
        print(
            f"{jobs:>4}  {f['articles']:>8.0f}  {f['seconds']:>6.1f}  {rate:>10.1f}"
            f"  {rate / jobs:>10.1f}  {per_cpu:>16.1f}  {f['parent_cpu']:>12.1f}"
            f"  {f['report_seconds']:>9.1f}  {f['peak_mb']:>14.1f}"
        )
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    small_peak = measure(small, 2, work)["peak_mb"]
    big_peak = measure(big, 2, work)["peak_mb"]
    print(
        f"\npeak MB per worker (2 workers): {small_peak:.1f} at N={options.small},"
        f" {big_peak:.1f} at N={options.pairs}"
    )
    print("\nwhere one check's time goes (ms per article, one process, 100 pairs):")
    for stage, ms in breakdown(big, 100).items():
        print(f"  {stage:<22} {ms:6.2f}")
    wall = min(rate for rate, _ in rates.values())
    cpu = min(per_cpu for _, per_cpu in rates.values())
    for name, value in (("wall-clock", wall), ("per worker CPU-second", cpu)):
        verdict = "meets" if value >= BAR_PER_CORE else "MISSES"
        print(f"{verdict} the bar ({name}): {value:.1f} articles/s per core")
    if not options.keep:
        print(f"(generated data left in {work}; delete it or pass --keep DIR)")


if __name__ == "__main__":
    main()
