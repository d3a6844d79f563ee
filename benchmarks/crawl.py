"""Crawling partner sites for copies of our stories, on a generated web served on loopback.

    python benchmarks/crawl.py [--seed 0] [--pages 1000] [--copies 200] [--stories 100]
                               [--partners 4] [--delay 0.2] [--skip PART,...]
                               [--partner-jobs N]

The web is tests/sitegen.py's (no data beside the repository): our 100 stories (WordPress with
the Republication Tracker Tool, 600-1,000 words), 1,000 partner pages on 4 partner sites of
which 200 are copies of our stories (whole or the first paragraphs; some with the pixel
stripped, the canonical or the credit missing, the text edited, the link or the photo credit
lost) and 800 unrelated (staff stories and briefs on the same topics, stories from a third
publisher, stories quoting one sentence of ours), each site with robots.txt (a disallowed
folder holding drafts of copies that the sitemaps and the feed list, `Crawl-delay: 0.05`),
sitemaps (an index, a gzipped one, a news sitemap), a feed, the WordPress API, redirects, a
404, a 500 and a page slower than the fetcher's time-out. Expected values are the generator's
truth. Parts (all by default):

- copies: `syndicheck copies OURS --partners FILE --rules republication-tracker-tool --rules
  default --delay 0`, timed: copies found (recall), attributed to the wrong story, unrelated
  pages and disallowed drafts reported as copies, each planted problem reported (per type,
  found/planted), requests to disallowed paths, the shortest gap between two requests to one
  partner (robots.txt's Crawl-delay);
- delay: `syndicheck crawl PARTNER --delay D` on one partner: the shortest gap between two of
  its requests;
- resume: `syndicheck copies` killed (SIGKILL) when half the partner pages were fetched, run
  again in the same folder: pages whose body was sent twice (the servers' logs; a 304 sends
  none) and whether its report equals the uninterrupted run's (from the copies part).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from sitegen import GeneratedWeb, build, serve
from sitegen_score import min_gap, page_fetches, problem_lines, score_copies
from sitegen_serve import Served

PACKS = ["--rules", "republication-tracker-tool", "--rules", "default"]


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "checker", *args]


def copies_args(served: Served, partner_jobs: int | None = None) -> list[str]:
    jobs = ["--partner-jobs", str(partner_jobs)] if partner_jobs is not None else []
    return command("copies", served.ours_url, "--partners", "partners.txt", *PACKS,
                   "--allow-network", "--allow-private", "--delay", "0", "--format", "json",
                   "--output", "copies.json", *jobs)  # fmt: skip


def prepare(served: Served) -> Path:
    work = Path(tempfile.mkdtemp(prefix="crawl-bench-"))
    (work / "partners.txt").write_text("\n".join(served.partner_urls) + "\n", encoding="utf-8")
    return work


def comparable_report(report: dict[str, Any]) -> Any:
    """The report without what names the run (tool version stays: same code)."""
    stories = sorted(
        (s["story"], sorted((c["url"], c["compliant"], tuple(c["problems"])) for c in s["copies"]))
        for s in report["stories"]
    )
    return report["partners"], stories


def part_copies(web: GeneratedWeb, served: Served, partner_jobs: int | None) -> dict[str, Any]:
    work = prepare(served)
    served.reset()
    started = time.monotonic()
    done = subprocess.run(
        copies_args(served, partner_jobs), cwd=work, capture_output=True, text=True
    )
    elapsed = time.monotonic() - started
    pages = sum(len(web.articles(k)) for k in range(len(web.partners)))
    tail = done.stderr.strip()[-300:]
    jobs = f"--partner-jobs {partner_jobs}" if partner_jobs is not None else "default jobs"
    print(f"copies (delay 0, {jobs}): exit {done.returncode} in {elapsed:.1f} s for {pages} "
          f"partner pages and {len(web.stories)} stories; stderr tail: {tail!r}")  # fmt: skip
    report: dict[str, Any] = json.loads((work / "copies.json").read_text(encoding="utf-8"))
    score = score_copies(web, served, report)
    print(f"copies found: {score.found}/{score.truth} (recall {score.recall:.3f}); "
          f"attributed to the wrong story: {len(score.wrong_story)}; unrelated pages reported "
          f"as copies: {len(score.unrelated)}; disallowed drafts reported: {len(score.drafts)}; "
          f"unknown URLs: {len(score.unknown)}")  # fmt: skip
    for line in problem_lines(score):
        print(f"  {line}")
    print(f"  copies whose problems are exactly the planted ones: {score.exact}/{score.found}")
    for label, items in (("missed", score.missed), ("wrong story", score.wrong_story),
                         ("unrelated reported", score.unrelated)):  # fmt: skip
        if items:
            print(f"  {label} (first 5): {items[:5]}")
    requests = served.responses()
    hits = served.disallowed_hits()
    print(f"requests to disallowed paths: {len(hits)} (of {len(requests)} requests)")
    gaps = [min_gap(requests, site.key) for site in web.partners]
    print(f"robots.txt Crawl-delay {web.partners[0].crawl_delay:g} s: shortest gap per partner "
          + ", ".join(f"{gap:.3f} s" for gap in gaps))  # fmt: skip
    return report


def part_delay(web: GeneratedWeb, served: Served, delay: float) -> None:
    work = prepare(served)
    served.reset()
    started = time.monotonic()
    done = subprocess.run(
        command(
            "crawl",
            served.partner_urls[0],
            "--allow-network",
            "--allow-private",
            "--delay",
            f"{delay:g}",
        ),
        cwd=work,
        capture_output=True,
        text=True,
    )
    requests = served.responses()
    gap = min_gap(requests, web.partners[0].key)
    print(f"crawl --delay {delay:g} on one partner: exit {done.returncode} in "
          f"{time.monotonic() - started:.1f} s, {len(requests)} requests, shortest gap "
          f"{gap:.3f} s ({'held' if gap >= delay else 'NOT held'})")  # fmt: skip


def part_resume(web: GeneratedWeb, served: Served, uninterrupted: dict[str, Any] | None) -> None:
    work = prepare(served)
    served.reset()
    total = sum(len(web.articles(k)) for k in range(len(web.partners)))

    def fetched() -> int:
        requests = served.responses()
        return sum(sum(page_fetches(requests, web, k).values()) for k in range(len(web.partners)))

    process = subprocess.Popen(copies_args(served), cwd=work, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        while fetched() < total // 2 and process.poll() is None:
            time.sleep(0.05)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait()
    before = fetched()
    done = subprocess.run(copies_args(served), cwd=work, capture_output=True, text=True)
    requests = served.responses()
    twice = sum(
        count - 1
        for k in range(len(web.partners))
        for count in page_fetches(requests, web, k).values()
        if count > 1
    )
    print(f"kill/resume: killed after {before} of {total} partner pages; resumed run exit "
          f"{done.returncode}; page bodies fetched twice: {twice}")  # fmt: skip
    report = json.loads((work / "copies.json").read_text(encoding="utf-8"))
    if uninterrupted is not None:
        same = comparable_report(report) == comparable_report(uninterrupted)
        print(f"  final report equal to the uninterrupted run's: {'yes' if same else 'NO'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--copies", type=int, default=200)
    parser.add_argument("--stories", type=int, default=100)
    parser.add_argument("--partners", type=int, default=4)
    parser.add_argument("--delay", type=float, default=0.2)
    parser.add_argument("--skip", default="", help="parts to skip: copies,delay,resume")
    parser.add_argument("--partner-jobs", type=int, default=None, help="copies' --partner-jobs")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    started = time.monotonic()
    web = build(args.seed, partner_pages=args.pages, copies=args.copies, stories=args.stories,
                partners=args.partners)  # fmt: skip
    kinds = sorted({web.kinds[p] for p in web.unrelated})
    print(f"generated web (seed {args.seed}, built in {time.monotonic() - started:.1f} s): "
          f"{args.pages} partner pages on {args.partners} partners, {len(web.truth)} copies of "
          f"{len({t.story for t in web.truth.values()})} of our {len(web.stories)} stories, "
          f"{len(web.unrelated)} unrelated ({', '.join(kinds)})")  # fmt: skip
    with serve(web) as served:
        report = None if "copies" in skip else part_copies(web, served, args.partner_jobs)
        if "delay" not in skip:
            part_delay(web, served, args.delay)
        if "resume" not in skip:
            part_resume(web, served, report)


if __name__ == "__main__":
    main()
