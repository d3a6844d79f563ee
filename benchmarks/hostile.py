"""Hostile inputs: many generated files through the loaders and the engine, then pathological
page shapes measured one by one.

    python benchmarks/hostile.py [--count 5000] [--mutations 3000] [--limit 10] [--jobs N]
                                 [--seed 7] [--only fuzz|shapes] [--keep DIR]

Fuzzing: inputs are drawn from the fuzz tests' hypothesis strategies (tests/hostile_strategies.py:
arbitrary bytes, HTML-shaped noise, Markdown with broken front matter, encoding tricks), --count
of each with a fixed seed, plus --mutations seeded mutations of real pages (the bundled example,
the loader fixtures and, when ../shared/data is there, the extraction benchmark's pages: bytes
flipped, ranges cut, duplicated or spliced, hostile snippets inserted). Each input goes to a
worker process: `load_bytes` with the loader its suffix names, then the real engine
(`check_article` on the input written to a file, the default pack, the bundled example's source
page). A crash is any exception from `load_bytes` other than InputError, or any exception out
of `check_article` (which must turn input problems into an errored result); a hang is an input
whose load and check take longer than --limit seconds of wall-clock time, after which its
worker is killed and replaced. Memory: the most one input added to a warmed-up worker (its
VmHWM after the input less its resident size before, the peak reset through
/proc/self/clear_refs).

Shapes (tests/pathological_shapes.py, full size): each is loaded in a fresh process (wall time,
VmHWM, and what came out: a Document or the InputError's message), then checked by
`syndicheck check` in a fresh process (the default pack, overlap against the bundled source,
text report; then again writing every report format), timed by the wall clock from outside,
peak memory from the checking process's own VmHWM.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from multiprocessing import get_context
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, TypeAlias

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from hostile_strategies import (  # noqa: E402
    BAD_BYTES,
    ENTITIES,
    SPECIALS,
    STRATEGIES,
    Hostile,
)
from pathological_shapes import SHAPES  # noqa: E402

SOURCE = REPO / "examples" / "bloomberg-source.html"
KINDS = {".html": "html", ".md": "markdown", ".txt": "text", "": None}
SHARED = Path(os.environ.get("SYNDICHECK_SHARED", REPO.parent / "shared"))


# ---------------------------------------------------------------------------------------------
# Inputs


def draw(strategy: Any, count: int, seed: int) -> list[Hostile]:
    """`count` examples of a hypothesis strategy, the same ones for the same seed."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as fixed_seed

    found: list[Hostile] = []

    @settings(
        max_examples=count,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @fixed_seed(seed)
    @given(strategy)
    def collect(value: Hostile) -> None:
        found.append(value)

    collect()
    return found


def corpus() -> list[tuple[bytes, str]]:
    pages = [
        (SOURCE.read_bytes(), ".html"),
        ((REPO / "examples/seed-article.html").read_bytes(), ".html"),
    ]
    for path in sorted((REPO / "tests/fixtures/loaders").iterdir()):
        if path.suffix in KINDS and path.stat().st_size > 0:
            pages.append((path.read_bytes(), path.suffix))
    zyte = SHARED / "data/zyte-article-extraction/html"
    if zyte.is_dir():
        import gzip

        for path in sorted(zyte.glob("*.html.gz"))[:60]:
            pages.append((gzip.decompress(path.read_bytes()), ".html"))
    return pages


class Mutations:
    """Real pages, damaged at random: what a broken save, a bad proxy or a fuzzer makes.

    Made on demand from (seed, number), so that thousands of damaged megabyte pages are never
    all in memory at once, and the same number always makes the same bytes.
    """

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.pages = corpus()
        self.snippets = [s.encode("utf-8", "surrogatepass") for s in SPECIALS + ENTITIES]
        self.snippets += BAD_BYTES

    def make(self, number: int) -> Hostile:
        rng = random.Random(self.seed * 1_000_003 + number)
        data, suffix = rng.choice(self.pages)
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(data) + 1)
            size = rng.randint(1, max(1, len(data) // 10))
            how = rng.randrange(6)
            if how == 0:  # flip bytes
                flipped = bytes(rng.randrange(256) for _ in range(min(size, 16)))
                data = data[:at] + flipped + data[at + len(flipped) :]
            elif how == 1:  # cut a range
                data = data[:at] + data[at + size :]
            elif how == 2:  # repeat a range
                data = data[:at] + data[at : at + size] * rng.randint(2, 20) + data[at:]
            elif how == 3:  # insert a hostile snippet
                data = data[:at] + rng.choice(self.snippets) * rng.randint(1, 50) + data[at:]
            elif how == 4:  # truncate
                data = data[:at]
            else:  # splice another page in
                other, _ = rng.choice(self.pages)
                data = data[:at] + other[rng.randrange(len(other) + 1) :]
        return Hostile(data, rng.choice([suffix, suffix, ""]))


Input: TypeAlias = Hostile | int  # an int: that mutation's number


# ---------------------------------------------------------------------------------------------
# Workers


def _peak_mb() -> float:
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmHWM"))
    return int(line.split()[1]) / 1024


def _reset_peak() -> None:
    with contextlib.suppress(OSError), open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")


def _worker(conn: Connection) -> None:
    from checker.engine import CheckRequest, PackCache, check_article
    from checker.errors import InputError
    from checker.loaders import load_bytes

    packs = PackCache()
    check_article(CheckRequest(str(SOURCE), source=str(SOURCE), rules=("default",)), packs)
    conn.send("ready")  # the clock of the first input starts after the imports and the warm-up
    work = Path(tempfile.mkdtemp(prefix="hostile-"))
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        index, data, suffix = task
        _reset_peak()
        base = _peak_mb()
        start = time.perf_counter()
        outcome, detail = "loaded", ""
        try:
            load_bytes(data, f"input{suffix}", kind=KINDS[suffix])
        except InputError as error:
            outcome, detail = "input error", error.problem
        except Exception as error:  # what this benchmark looks for
            outcome, detail = "crash", f"load_bytes: {type(error).__name__}: {error}"
        loaded = time.perf_counter() - start
        if outcome != "crash":
            path = work / f"input{suffix}"
            path.write_bytes(data)
            try:
                request = CheckRequest(str(path), source=str(SOURCE), rules=("default",))
                check_article(request, packs)
            except Exception as error:
                outcome, detail = "crash", f"check_article: {type(error).__name__}: {error}"
        extra = _peak_mb() - base  # what this input took beyond the warmed-up worker
        conn.send((index, outcome, detail[:300], loaded, time.perf_counter() - start, extra))


@dataclass
class Slot:
    process: Any
    conn: Connection
    task: int | None = None
    started: float = 0.0


@dataclass
class Tally:
    inputs: int = 0
    outcomes: collections.Counter[str] = field(default_factory=collections.Counter)
    slowest: float = 0.0
    slowest_input: int = -1
    slowest_both: float = 0.0  # load and check
    peak_mb: float = 0.0


def _spawn(context: Any) -> Slot:
    parent, child = context.Pipe()
    process = context.Process(target=_worker, args=(child,), daemon=True)
    process.start()
    child.close()
    if parent.recv() != "ready":
        raise RuntimeError("a worker did not start")
    return Slot(process, parent)


def run_all(
    inputs: list[Input], mutations: Mutations, jobs: int, limit: float
) -> Iterator[tuple[int, str, str, float, float, float]]:
    """Yield (index, outcome, detail, load s, load+check s, extra MB) for every input."""
    # forkserver: workers do not inherit this process's memory (the inputs), so their peak
    # memory is their own.
    context = get_context("forkserver")
    slots = [_spawn(context) for _ in range(jobs)]
    pending = list(range(len(inputs)))[::-1]
    busy = 0
    try:
        while pending or busy:
            for slot in slots:
                if slot.task is None and pending:
                    slot.task = pending.pop()
                    item = materialise(inputs[slot.task], mutations)
                    slot.conn.send((slot.task, item.data, item.suffix))
                    slot.started = time.monotonic()
                    busy += 1
            now = time.monotonic()
            deadline = min(s.started + limit for s in slots if s.task is not None)
            ready = wait([s.conn for s in slots if s.task is not None], max(0.0, deadline - now))
            for i, slot in enumerate(slots):
                if slot.task is None:
                    continue
                if slot.conn in ready:
                    try:
                        yield slot.conn.recv()
                    except EOFError:  # the worker died: a segfault, the OOM killer
                        code = slot.process.exitcode
                        yield (slot.task, "crash", f"worker died ({code})", limit, limit, 0.0)
                        slots[i] = _spawn(context)
                    else:
                        slots[i].task = None
                    busy -= 1
                elif time.monotonic() - slot.started > limit:
                    slot.process.kill()
                    slot.process.join()
                    yield (slot.task, "hang", f"over {limit:g} s", limit, limit, 0.0)
                    slots[i] = _spawn(context)
                    busy -= 1
    finally:
        for slot in slots:
            slot.process.kill()


def materialise(item: Input, mutations: Mutations) -> Hostile:
    return mutations.make(item) if isinstance(item, int) else item


def fuzz(args: argparse.Namespace) -> None:
    started = time.monotonic()
    groups: dict[str, list[Input]] = {}
    for offset, (name, strategy) in enumerate(STRATEGIES.items()):
        groups[name] = list(draw(strategy, args.count, args.seed + offset))
    mutations = Mutations(args.seed)
    groups["mutated real pages"] = list(range(args.mutations))
    inputs: list[Input] = []
    owner: list[str] = []
    for name, items in groups.items():
        inputs += items
        owner += [name] * len(items)
    generated = time.monotonic() - started
    print(
        f"Fuzzing: {len(inputs):,} inputs generated in {generated:.0f} s (seed {args.seed}), each "
        f"through load_bytes and check_article (default pack, with a source); "
        f"{args.jobs} workers, limit {args.limit:g} s an input"
    )
    tallies = {name: Tally() for name in groups}
    problems: list[tuple[str, int, str, str]] = []
    distinct: set[bytes] = set()
    for index, outcome, detail, loaded, both, peak in run_all(
        inputs, mutations, args.jobs, args.limit
    ):
        item = materialise(inputs[index], mutations)
        distinct.add(hashlib.sha1(item.suffix.encode() + item.data).digest())
        tally = tallies[owner[index]]
        tally.inputs += 1
        tally.outcomes[outcome] += 1
        if loaded > tally.slowest:
            tally.slowest, tally.slowest_input = loaded, index
        tally.slowest_both = max(tally.slowest_both, both)
        tally.peak_mb = max(tally.peak_mb, peak)
        if outcome in ("crash", "hang"):
            problems.append((outcome, index, owner[index], detail))
    print(f"\n{'strategy':<24}{'inputs':>8}{'loaded':>8}{'input err':>10}{'crashes':>8}"
          f"{'hangs':>7}{'slowest: load s':>17}{'load+check s':>14}{'+MB max':>9}")  # fmt: skip
    total = Tally()
    for name, tally in tallies.items():
        total.inputs += tally.inputs
        total.outcomes.update(tally.outcomes)
        if tally.slowest > total.slowest:
            total.slowest, total.slowest_input = tally.slowest, tally.slowest_input
        total.slowest_both = max(total.slowest_both, tally.slowest_both)
        total.peak_mb = max(total.peak_mb, tally.peak_mb)
        _row(name, tally)
    _row("all", total)
    print(f"\n{len(distinct):,} distinct inputs; run time {time.monotonic() - started:.0f} s.")
    slow = materialise(inputs[total.slowest_input], mutations)
    print(f"Slowest load: {total.slowest:.3f} s, {owner[total.slowest_input]}, {len(slow.data):,}"
          f" bytes as {slow.suffix or '(sniffed)'}: {slow.data[:100]!r}")  # fmt: skip
    print(f"Crashes: {total.outcomes['crash']}. Hangs: {total.outcomes['hang']}.")
    for outcome, index, name, detail in problems[:20]:
        print(f"  {outcome} ({name}, input {index}): {detail}")
        if args.keep:
            keep = Path(args.keep)
            keep.mkdir(parents=True, exist_ok=True)
            item = materialise(inputs[index], mutations)
            (keep / f"{outcome}-{index}{item.suffix or '.bin'}").write_bytes(item.data)


def _row(name: str, tally: Tally) -> None:
    o = tally.outcomes
    print(f"{name:<24}{tally.inputs:>8,}{o['loaded']:>8,}{o['input error']:>10,}{o['crash']:>8}"
          f"{o['hang']:>7}{tally.slowest:>17.3f}{tally.slowest_both:>14.3f}"
          f"{tally.peak_mb:>9.0f}")  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Shapes


def measure_load(path: str) -> None:
    """In a fresh process: load one file, print wall time, VmHWM and the outcome as JSON."""
    from checker.errors import InputError
    from checker.loaders import load_file

    start = time.perf_counter()
    try:
        doc = load_file(path)
        outcome = (
            f"{len(doc.blocks):,} blocks, {len(doc.images):,} images, {len(doc.links):,} links"
        )
    except InputError as error:
        outcome = f"InputError: {error}"
    print(
        json.dumps({"seconds": time.perf_counter() - start, "mb": _peak_mb(), "outcome": outcome})
    )


def measure_check(arguments: str) -> None:
    """In a fresh process: run `syndicheck` with these arguments (JSON) and report its VmHWM.

    In this process rather than measured from outside, because a child's ru_maxrss counts the
    memory of the parent it was forked from.
    """
    from checker.cli import main as syndicheck

    result = os.dup(1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)  # the report itself goes nowhere
    sys.argv = ["syndicheck", *json.loads(arguments)]
    code: object = 0
    try:
        syndicheck()
    except SystemExit as exit_:
        code = exit_.code
    sys.stdout.flush()
    os.write(result, json.dumps({"mb": _peak_mb(), "code": code}).encode())


def _timed(arguments: list[str]) -> tuple[float, float, int, str]:
    """Wall seconds, peak MB, exit code and the last stderr line of `syndicheck ARGUMENTS`."""
    command = [sys.executable, __file__, "--measure-check", json.dumps(arguments)]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    measured = json.loads(done.stdout)
    lines = done.stderr.strip().splitlines()
    return seconds, measured["mb"], int(measured["code"]), lines[-1] if lines else ""


def shapes(args: argparse.Namespace) -> None:
    print("\nPathological shapes (full size), each in a fresh process:")
    print(f"{'shape':<48}{'MB in':>7}{'load s':>8}{'load MB':>9}{'check s':>9}{'check MB':>10}"
          f"{'+reports s':>12}{'+reports MB':>13}  exit")  # fmt: skip
    notes = []
    with tempfile.TemporaryDirectory(prefix="shapes-") as tmp:
        for name, (label, make) in SHAPES.items():
            data, suffix = make(1.0)
            path = Path(tmp) / f"{name}{suffix}"
            path.write_bytes(data)
            load = subprocess.run(
                [sys.executable, __file__, "--measure-load", str(path)],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            measured = json.loads(load.stdout)
            check = ["check", str(path), "--source", str(SOURCE), "--rules", "default"]
            seconds, mb, code, last = _timed(check)
            reports = [
                f"--report={fmt}:{tmp}/{name}.{fmt}" for fmt in ("html", "json", "sarif", "junit")
            ]
            all_seconds, all_mb, _, _ = _timed([*check, "--format", "github", *reports])
            size = len(data) / 1e6
            loaded = f"{measured['seconds']:>8.2f}{measured['mb']:>9.0f}"
            checked = f"{seconds:>9.2f}{mb:>10.0f}{all_seconds:>12.2f}{all_mb:>13.0f}"
            print(f"{label:<48}{size:>7.1f}{loaded}{checked}  {code}")
            notes.append(
                f"  {label}: {measured['outcome']}" + (f"\n    check: {last}" if code == 2 else "")
            )
    print("\nWhat each shape loaded as (exit 2 lines are the CLI's one line on stderr):")
    print("\n".join(notes))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000, help="inputs per strategy")
    parser.add_argument("--mutations", type=int, default=3000, help="mutated real pages")
    parser.add_argument("--limit", type=float, default=10.0, help="seconds before a hang")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--only", choices=("fuzz", "shapes"))
    parser.add_argument("--keep", help="save inputs that crash or hang here")
    parser.add_argument("--measure-load", help=argparse.SUPPRESS)
    parser.add_argument("--measure-check", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure_load:
        measure_load(args.measure_load)
        return
    if args.measure_check:
        measure_check(args.measure_check)
        return
    if args.only != "shapes":
        fuzz(args)
    if args.only != "fuzz":
        shapes(args)


if __name__ == "__main__":
    main()
