"""The whole check of an article against its source, against the cost of parsing both pages.

    python benchmarks/check.py [--rounds 5] [--pages 181] [--startup-rounds 15] [--no-startup]
                               [--no-check] [--no-floors] [--as-is]

Data: Zyte's 181 pages in ../shared/data/zyte-article-extraction (SYNDICHECK_SHARED points
elsewhere), written out as files once, since a check reads its files. Each page is checked
against itself and against the next page (362 checks a round) with the default pack, the way
`syndicheck check PAGE --source OTHER --rules default` does it: `checker.engine.check_article`.

In the same round, interleaved pair by pair, the same two pages' bytes are parsed with
`lxml.html.fromstring` and, when selectolax is installed (`pip install -e '.[bench]'`), with
lexbor (`selectolax.lexbor.LexborHTMLParser`): the parse floor. Times are CPU time of this
process (`time.process_time`), summed over a round; the figures are medians over rounds. The
bar (issue 14): the check at most 3.5x the lxml parse.

Floors and peers (one more round, page by page, each beside its own lxml parse): what a
loader cannot go below, and what the extractors a newsroom could assemble cost. A Python loop
that only reads every element's tag, text, tail and class once after the lxml parse (and the
same loop over lexbor's nodes after its parse): any loader that looks at each element in
Python pays at least that, once per pass. trafilatura's `extract` and readability-lxml's
`Document.summary` (installed with '.[bench]'): the body alone, none of the checks.

The stage table comes from one more round with a profiling hook: the loader's and the core's
stage functions are wrapped (in this process only) so that each CPU-time slice is charged to
the innermost stage running, so the stages add up to the whole check.

Start-up: whole processes, `syndicheck --version` and a one-file `syndicheck check` (the
bundled example, with its source) beside `python -c pass`, interleaved, median wall time and
median CPU time (user + system of the child) over rounds. Bars: --version within 4x of
`python -c pass`, the one-file check within 8x. The children run with their bytecode cached
(in a scratch PYTHONPYCACHEPREFIX, PYTHONDONTWRITEBYTECODE dropped), as an installed copy
runs; --as-is keeps this shell's environment.
"""

from __future__ import annotations

import argparse
import gzip
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

clock = time.process_time

# Stage -> the functions charged to it, as "module:attribute" where the caller looks them up
# (a function imported by name is patched in the module that calls it), or "module:Class.method".
STAGES: dict[str, tuple[str, ...]] = {
    "read and decode": (
        "checker.engine:read_file",
        "checker.loaders:decode_bytes",
    ),
    "HTML parse": ("checker.loaders.html:parse_html",),
    # Counting elements before cleaning, then searching a line for the records that ask (once
    # for each tag on a line; the look-ups themselves are charged to the stage that asks).
    "source line/column": (
        "checker.loaders.html:SourcePositions",
        "checker.loaders.positions:SourcePositions._search",
    ),
    "metadata and byline": (
        "checker.loaders.html:base_url",
        "checker.loaders.html:extract_metadata",
        "checker.loaders.html:find_byline",
    ),
    "clean, locate, prune": (
        "checker.loaders.html:clean_page",
        "checker.loaders.html:locate",
        "checker.loaders.html:prune",
        "checker.loaders.html:image_captions",
    ),
    "walk and blocks": (
        "checker.loaders.html:walk",
        "checker.loaders.html:finish_blocks",
        "checker.loaders.html:add_lead_images",
        "checker.loaders.html:_title",
    ),
    # What load_html does besides the stages above (the Document), and the images and links
    # outside the body, built when first read (checker.loaders.outside): most never are.
    "links, images outside the body, Document": (
        "checker.loaders:load_html",
        "checker.loaders.outside:Deferred.build",
    ),
    "all checks": (
        "checker.core:run_rule",
        "checker.core:_facts",
        "checker.core:_satisfied",
    ),
    "overlap": ("checker.core:align",),
    # Everything else of check_article: sniffing, declared source, packs chosen, the result.
    "engine": ("checker.engine:check_article",),
}


class StageClock:
    """Charges CPU time to the innermost stage running (exclusive times that add up)."""

    def __init__(self) -> None:
        self.totals: dict[str, float] = dict.fromkeys(STAGES, 0.0)
        self.stack: list[str] = []
        self.last = clock()

    def _charge(self) -> None:
        now = clock()
        if self.stack:
            self.totals[self.stack[-1]] += now - self.last
        self.last = now

    def wrap(self, stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            self._charge()
            self.stack.append(stage)
            try:
                return function(*args, **kwargs)
            finally:
                self._charge()
                self.stack.pop()

        return timed


@contextmanager
def profiled(stage_clock: StageClock) -> Iterator[list[str]]:
    """Wrap the stage functions for the duration; yields the names that were not found."""
    import importlib

    patched: list[tuple[Any, str, Any]] = []
    missing: list[str] = []
    for stage, names in STAGES.items():
        for name in names:
            module_name, path = name.split(":")
            owner: Any = importlib.import_module(module_name)
            *outer, attribute = path.split(".")
            for part in outer:
                owner = getattr(owner, part, None)
            original = getattr(owner, attribute, None) if owner is not None else None
            if original is None:
                missing.append(name)
                continue
            patched.append((owner, attribute, original))
            setattr(owner, attribute, stage_clock.wrap(stage, original))
    try:
        yield missing
    finally:
        for owner, attribute, original in reversed(patched):
            setattr(owner, attribute, original)


def data_dir() -> Path:
    shared = Path(os.environ.get("SYNDICHECK_SHARED", REPO.parent / "shared"))
    return shared / "data" / "zyte-article-extraction" / "html"


def write_pages(count: int, scratch: Path) -> list[Path]:
    paths = []
    for page in sorted(data_dir().glob("*.html.gz"))[:count]:
        path = scratch / page.name.removesuffix(".gz")
        path.write_bytes(gzip.decompress(page.read_bytes()))
        paths.append(path)
    return paths


def pairs(paths: list[Path]) -> list[tuple[Path, Path]]:
    found = []
    for index, path in enumerate(paths):
        found.append((path, path))
        found.append((path, paths[(index + 1) % len(paths)]))
    return found


def lexbor_parser() -> Callable[[bytes], Any] | None:
    try:
        from selectolax.lexbor import LexborHTMLParser
    except ImportError:
        return None
    return LexborHTMLParser


def one_round(
    checks: list[tuple[Path, Path]], data: dict[Path, bytes], packs: Any
) -> dict[str, float]:
    import lxml.html

    from checker.engine import CheckRequest, check_article

    lexbor = lexbor_parser()
    spent = {"check": 0.0, "lxml": 0.0, "lexbor": 0.0}
    for article, source in checks:
        request = CheckRequest(str(article), source=str(source), rules=("default",))
        start = clock()
        result = check_article(request, packs)
        error = result.error
        # Dropped inside the timing: a result's documents may hold their parsed pages (records
        # built on first read), whose freeing is the check's, and whose memory would otherwise
        # still be held while the parse floor is timed.
        del result
        spent["check"] += clock() - start
        if error:
            raise SystemExit(f"check.py: {article.name}: {error}")
        start = clock()
        lxml.html.fromstring(data[article])
        lxml.html.fromstring(data[source])
        spent["lxml"] += clock() - start
        if lexbor is not None:
            start = clock()
            lexbor(data[article])
            lexbor(data[source])
            spent["lexbor"] += clock() - start
    return spent


def one_pass(root: Any) -> None:
    """Read what any locator reads of every element, once: the floor of a pass in Python."""
    from lxml import etree

    for el in root.iter(etree.Element):
        el.tag, el.text, el.tail, el.get("class")  # the reads are the point


def one_lexbor_pass(tree: Any) -> None:
    """The same reads over lexbor's nodes (text nodes are nodes of their own there)."""
    for node in tree.root.traverse(include_text=True):
        if node.tag == "-text":
            node.text_content  # noqa: B018
        else:
            node.attributes.get("class")


def peer_extractors() -> dict[str, Callable[[bytes], Any]]:
    found: dict[str, Callable[[bytes], Any]] = {}
    try:
        import trafilatura
    except ImportError:
        pass
    else:
        found["trafilatura extract (body only)"] = lambda data: trafilatura.extract(
            data.decode("utf-8", "replace")
        )
    try:
        from readability import Document as Readability
    except ImportError:
        pass
    else:
        found["readability-lxml summary (body only)"] = lambda data: Readability(
            data.decode("utf-8", "replace")
        ).summary()
    return found


def floors_and_peers(paths: list[Path], data: dict[Path, bytes], check_ratio: float) -> None:
    """Per page, beside that page's lxml parse: the floors of a Python pass, and the peers."""
    import lxml.html

    timed: dict[str, Callable[[bytes], Any]] = {
        "lxml.html parse": lxml.html.fromstring,
        "lxml parse + one Python pass over the elements": lambda b: one_pass(
            lxml.html.fromstring(b)
        ),
    }
    lexbor = lexbor_parser()
    if lexbor is not None:
        timed["lexbor parse"] = lexbor
        timed["lexbor parse + one Python pass over the nodes"] = lambda b: one_lexbor_pass(
            lexbor(b)
        )
    peers = peer_extractors()
    timed.update(peers)
    spent = dict.fromkeys(timed, 0.0)
    for path in paths:
        for name, function in timed.items():
            start = clock()
            function(data[path])
            spent[name] += clock() - start
    base = spent["lxml.html parse"]
    print(f"\n## Floors and peers: each of {len(paths)} pages once, CPU time, x its lxml parse")
    print("| what | ms per page | x lxml parse |")
    print("|---|---|---|")
    for name, seconds in spent.items():
        print(f"| {name} | {seconds / len(paths) * 1000:.2f} | {seconds / base:.2f} |")
    # The same ratio as the table above: two pages loaded, checked and aligned, against
    # parsing the two; per page it is each page's load and half of the pair's checks.
    print(f"| syndicheck: load + check + overlap, against the parse of the same pages | | "
          f"{check_ratio:.2f} |")  # fmt: skip
    if not peers:
        print("(trafilatura, readability-lxml not installed: pip install -e '.[bench]')")


def check_speed(paths: list[Path], rounds: int, floors: bool) -> None:
    from checker.engine import PackCache

    checks = pairs(paths)
    data = {path: path.read_bytes() for path in paths}
    packs = PackCache()
    one_round(checks[:4], data, packs)  # warm: packs loaded, caches and imports ready
    measured = [one_round(checks, data, packs) for _ in range(rounds)]
    median = {key: statistics.median(r[key] for r in measured) for key in measured[0]}
    n = len(checks)
    print(f"\n## Check vs parse: {n} checks a round ({len(paths)} pages, self and next), "
          f"{rounds} rounds, CPU time, medians")  # fmt: skip
    print("| what | ms per check | x lxml parse |")
    print("|---|---|---|")
    for key, label in (
        ("check", "whole check (article + source)"),
        ("lxml", "lxml.html parse of both pages"),
        ("lexbor", "lexbor parse of both pages (floor)"),
    ):
        if key == "lexbor" and not median["lexbor"]:
            print("| lexbor | (selectolax not installed: pip install -e '.[bench]') | |")
            continue
        print(f"| {label} | {median[key] / n * 1000:.2f} | {median[key] / median['lxml']:.2f} |")
    print(f"\ncheck / lxml parse: {median['check'] / median['lxml']:.2f}x (bar: at most 3.5x)")
    if median["lexbor"]:
        print(f"check / lexbor parse: {median['check'] / median['lexbor']:.1f}x")
    print(f"articles/s per core: {n / median['check']:.1f}")
    if floors:
        floors_and_peers(paths, data, median["check"] / median["lxml"])
    stage_table(checks, data, packs, n)


def stage_table(
    checks: list[tuple[Path, Path]], data: dict[Path, bytes], packs: Any, n: int
) -> None:
    stage_clock = StageClock()
    with profiled(stage_clock) as missing:
        one_round(checks, data, packs)
    total = sum(stage_clock.totals.values())
    print(f"\n## Where the time goes (one profiled round, {n} checks, CPU ms per check)")
    print("| stage | ms | share |")
    print("|---|---|---|")
    for stage, spent in stage_clock.totals.items():
        print(f"| {stage} | {spent / n * 1000:.2f} | {spent / total:.0%} |")
    print(f"| total (with the hook's own cost) | {total / n * 1000:.2f} | |")
    if missing:
        print(f"(not in this checkout: {', '.join(missing)})")


def run_child(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def child_env(as_is: bool, scratch: str) -> dict[str, str] | None:
    """The children's environment: bytecode cached, as after `pip install` (which compiles
    every module), unless --as-is. With PYTHONDONTWRITEBYTECODE set and an editable install,
    each start would compile syndicheck's ~80 modules from source (~100 ms) that no installed
    copy ever compiles; the cache goes to a scratch folder, not into the checkout."""
    if as_is:
        return None
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = scratch
    return env


def startup(rounds: int, as_is: bool) -> None:
    script = shutil.which("syndicheck", path=str(Path(sys.executable).parent))
    if script is None:
        print("\n(start-up skipped: no syndicheck script beside this interpreter)")
        return
    example = REPO / "examples"
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "syndicheck --version": [script, "--version"],
        "syndicheck check (one file)": [
            script,
            "check",
            str(example / "seed-article.html"),
            "--source",
            str(example / "bloomberg-source.html"),
        ],
    }
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    with tempfile.TemporaryDirectory(prefix="check-bench-pyc-") as scratch:
        env = child_env(as_is, scratch)
        for command in commands.values():
            run_child(command, env)  # warm the file cache and .pyc files
        for _ in range(rounds):
            for name, command in commands.items():
                times[name].append(run_child(command, env))
    base_wall = statistics.median(t[0] for t in times["python -c pass"])
    base_cpu = statistics.median(t[1] for t in times["python -c pass"])
    cached = "as this shell runs them" if as_is else "bytecode cached, as installed"
    print(f"\n## Start-up: whole processes ({cached}), {rounds} rounds interleaved, medians")
    print("| command | wall ms | x python -c pass | CPU ms | x python -c pass |")
    print("|---|---|---|---|---|")
    for name in commands:
        wall = statistics.median(t[0] for t in times[name])
        cpu = statistics.median(t[1] for t in times[name])
        print(
            f"| {name} | {wall * 1000:.0f} | {wall / base_wall:.1f} | "
            f"{cpu * 1000:.0f} | {cpu / base_cpu:.1f} |"
        )
    print("(bars: --version within 4x, the one-file check within 8x)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--pages", type=int, default=181)
    parser.add_argument("--startup-rounds", type=int, default=15)
    parser.add_argument("--no-startup", action="store_true")
    parser.add_argument("--no-check", action="store_true")
    parser.add_argument("--no-floors", action="store_true", help="skip the floors and peers")
    parser.add_argument(
        "--as-is", action="store_true", help="start-up in this environment, bytecode as it is"
    )
    args = parser.parse_args()
    if not args.no_check:
        if not data_dir().is_dir():
            print(f"check.py: {data_dir()}: not found (set SYNDICHECK_SHARED)", file=sys.stderr)
            return 2
        with tempfile.TemporaryDirectory(prefix="check-bench-") as scratch:
            paths = write_pages(args.pages, Path(scratch))
            check_speed(paths, args.rounds, not args.no_floors)
    if not args.no_startup:
        startup(args.startup_rounds, args.as_is)
    return 0


if __name__ == "__main__":
    sys.exit(main())
