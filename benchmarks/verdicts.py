"""Every verdict the checker gives on a fixed corpus, as one JSON file, to compare two versions.

A refactor or a speed-up must not change what the checker finds. Run this in the checkout before
the change and in the one after, then compare the two files:

    python benchmarks/verdicts.py --out /tmp/before.json      # in the old checkout
    python benchmarks/verdicts.py --out /tmp/after.json       # in the new one
    python benchmarks/verdicts.py --compare /tmp/before.json /tmp/after.json

The corpus: every rule-test case of the bundled packs (tests/fixtures/packs: article, source,
pack), the bundled example, and Zyte's 181 real pages from ../shared/data (each page against
itself and against the next one, with the default pack), when that folder is there.
A verdict is each finding's rule, severity, line, column and message, plus the pack chosen and
the overlap figures, so a changed word in a message counts as a change.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ZYTE = ROOT.parent / "shared" / "data" / "zyte-article-extraction" / "html"


def _cases(zyte_pairs: int) -> Iterator[tuple[str, Any]]:
    from checker.engine import CheckRequest

    fixtures = ROOT / "tests" / "fixtures" / "packs"  # the same cases for both checkouts
    for article in sorted(fixtures.rglob("article.*")):
        folder = article.parent
        pack = folder.relative_to(fixtures).parts[0]
        source = next(iter(sorted(folder.glob("source.*"))), None)
        name = str(folder.relative_to(ROOT))
        yield (
            name,
            CheckRequest(str(article), source=str(source) if source else None, rules=(pack,)),
        )
    example = ROOT / "examples"
    yield (
        "examples/seed",
        CheckRequest(
            str(example / "seed-article.html"), source=str(example / "bloomberg-source.html")
        ),
    )
    if not ZYTE.is_dir():
        return
    pages = sorted(ZYTE.glob("*.html.gz"))[:zyte_pairs]
    scratch = Path(tempfile.mkdtemp(prefix="verdicts-"))
    paths = []
    for page in pages:
        path = scratch / page.name.removesuffix(".gz")
        path.write_bytes(gzip.decompress(page.read_bytes()))
        paths.append(path)
    for index, path in enumerate(paths):
        for other, label in ((path, "self"), (paths[(index + 1) % len(paths)], "next")):
            request = CheckRequest(str(path), source=str(other), rules=("default",))
            yield f"zyte/{path.stem[:12]}/{label}", request


def verdicts(zyte_pairs: int) -> dict[str, Any]:
    from checker.engine import PackCache, check_article

    packs = PackCache()
    found: dict[str, Any] = {}
    for name, request in _cases(zyte_pairs):
        result = check_article(request, packs)
        overlap = result.overlap
        found[name] = {
            "error": result.error and result.error.split(": ", 1)[-1],
            "pack": result.pack,
            "findings": sorted(
                [f.rule, f.severity.label, f.location.line, f.location.column, f.message]
                for f in result.findings
            ),
            "overlap": None
            if overlap is None
            else [round(overlap.containment, 4), round(overlap.source_coverage, 4)],
        }
    return found


def compare(before: dict[str, Any], after: dict[str, Any]) -> int:
    names = sorted(before.keys() | after.keys())
    changed = [name for name in names if before.get(name) != after.get(name)]
    findings = sum(len(v["findings"]) for v in before.values())
    counts = f"{len(before)} cases ({findings} findings) before, {len(after)} after"
    print(f"{counts}; {len(changed)} differ")
    for name in changed[:20]:
        print(f"  {name}")
        print(f"    before: {json.dumps(before.get(name))[:400]}")
        print(f"    after:  {json.dumps(after.get(name))[:400]}")
    return 1 if changed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", help="write the verdicts here")
    parser.add_argument("--compare", nargs=2, metavar=("BEFORE", "AFTER"))
    parser.add_argument("--zyte", type=int, default=181, help="how many of Zyte's pages")
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout whose code runs")
    args = parser.parse_args()
    sys.path.insert(0, str(args.root.resolve()))
    if args.compare:
        before, after = (json.loads(Path(p).read_text(encoding="utf-8")) for p in args.compare)
        return compare(before, after)
    found = verdicts(args.zyte)
    text = json.dumps(found, indent=1, sort_keys=True, ensure_ascii=False)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"{len(found)} cases written to {args.out}")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
