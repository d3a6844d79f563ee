"""Article body extraction: syndicheck's locator against today's extractors, side by side.

    python benchmarks/extraction.py [--rounds 5] [--worst 10] [--only syndicheck]

Data: ../shared/data/zyte-article-extraction next to the repository (SYNDICHECK_SHARED points
elsewhere). The score is the data README's, exactly: tokens are \\w+ runs, 4-token shingles
counted as multisets; per page TP/FP/FN; precision and recall are means over pages of
TP/(TP+FP) and TP/(TP+FN) (1 when FP = FN = 0, 0 when nothing was predicted); F1 of the two means.

syndicheck's body text is `document_to_dict(load_file(page))["body_text"]`, what
`syndicheck extract --format json` prints. trafilatura and readability-lxml run in the same
process on the same bytes, in interleaved rounds; pages/s is the median over rounds. Peak MB
is the peak resident memory of a fresh process that imports one extractor and runs all pages.
Extractors that are not installed are scored from the data's stored `peer-output/*.json`.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

TOKEN = re.compile(r"\w+")
Extract = Callable[[Path, bytes, str], str]


def data_dir() -> Path:
    shared = Path(os.environ.get("SYNDICHECK_SHARED", REPO.parent / "shared"))
    return shared / "data" / "zyte-article-extraction"


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = TOKEN.findall(text)
    return Counter(
        tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n]
    )


def page_score(truth: str, predicted: str) -> tuple[float, float]:
    """(precision, recall) of one page."""
    want, got = shingles(truth), shingles(predicted)
    tp = sum((want & got).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    if fp == 0 and fn == 0:
        return 1.0, 1.0
    return (tp / (tp + fp) if tp + fp else 0.0), (tp / (tp + fn) if tp + fn else 0.0)


def score(truth: dict[str, str], output: dict[str, str]) -> tuple[float, float, float]:
    pairs = [page_score(text, output.get(key, "")) for key, text in truth.items()]
    precision = statistics.fmean(p for p, _ in pairs)
    recall = statistics.fmean(r for _, r in pairs)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f1, precision, recall


# ---- extractors: each takes (file path, raw bytes, page url) and returns body text ----------


def syndicheck_extractor() -> Extract:
    from checker.document_dict import document_to_dict
    from checker.errors import InputError
    from checker.loaders import load_file

    def run(path: Path, _data: bytes, url: str) -> str:
        try:
            return str(document_to_dict(load_file(path, url=url))["body_text"])
        except InputError as error:
            FAILURES.append(f"syndicheck: {error}")
            return ""

    return run


def trafilatura_extractor() -> Extract:
    import trafilatura

    def run(_path: Path, data: bytes, url: str) -> str:
        return trafilatura.extract(data, url=url, include_comments=False) or ""

    return run


def readability_extractor() -> Extract:
    from lxml import html as lxml_html
    from readability import Document  # type: ignore[import-untyped]

    def run(_path: Path, data: bytes, _url: str) -> str:
        summary = Document(data).summary(html_partial=True)
        return str(lxml_html.fromstring(summary).text_content()) if summary.strip() else ""

    return run


LIVE: dict[str, Callable[[], Extract]] = {
    "syndicheck": syndicheck_extractor,
    "trafilatura": trafilatura_extractor,
    "readability-lxml": readability_extractor,
}
STORED = {"readability-lxml": "readability", "trafilatura": "trafilatura"}
FAILURES: list[str] = []


def version_of(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version({"syndicheck": "syndicheck"}.get(name, name))
    except PackageNotFoundError:
        return "?"


# ---- running ----------------------------------------------------------------------------------


def load_pages(root: Path, folder: Path) -> tuple[dict[str, str], dict[str, str], dict[str, Path]]:
    truth_file = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    truth = {key: value["articleBody"] for key, value in truth_file.items()}
    urls = {key: value.get("url", "") for key, value in truth_file.items()}
    paths = {}
    for key in truth:
        path = folder / f"{key}.html"
        path.write_bytes(gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes()))
        paths[key] = path
    return truth, urls, paths


def time_rounds(
    extractors: dict[str, Extract], paths: dict[str, Path], urls: dict[str, str], rounds: int
) -> tuple[dict[str, dict[str, str]], dict[str, float]]:
    blobs = {key: path.read_bytes() for key, path in paths.items()}
    outputs: dict[str, dict[str, str]] = {name: {} for name in extractors}
    rates: dict[str, list[float]] = {name: [] for name in extractors}
    for round_number in range(rounds):
        for name, extract in extractors.items():  # interleaved: no extractor gets a warmer machine
            started = time.perf_counter()
            for key, path in paths.items():
                try:
                    text = extract(path, blobs[key], urls[key])
                except Exception as error:  # a peer's crash is its empty output, not ours
                    FAILURES.append(f"{name}: {key[:12]}: {type(error).__name__}: {error}")
                    text = ""
                if round_number == 0:
                    outputs[name][key] = text
            rates[name].append(len(paths) / (time.perf_counter() - started))
    return outputs, {name: statistics.median(values) for name, values in rates.items()}


def peak_mb(name: str, folder: Path, urls: dict[str, str]) -> float | None:
    """Peak RSS of a fresh process running one extractor over every page.

    Read from /proc/self/status (VmHWM): getrusage's ru_maxrss would include this parent's
    memory, which a forked child inherits on Linux.
    """
    code = (
        "import sys, json; sys.path.insert(0, sys.argv[1]);"
        "import benchmarks.extraction as b; from pathlib import Path;"
        "run = b.LIVE[sys.argv[2]](); urls = json.loads(Path(sys.argv[4]).read_text());"
        "pages = sorted(Path(sys.argv[3]).glob('*.html'));"
        "[run(p, p.read_bytes(), urls.get(p.stem, '')) for p in pages];"
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0];"
        "print(int(hwm.split()[1]) / 1024)"
    )
    url_file = folder.parent / f"{folder.name}-urls.json"
    url_file.write_text(json.dumps(urls), encoding="utf-8")
    try:
        done = subprocess.run(
            [sys.executable, "-c", code, str(REPO), name, str(folder), str(url_file)],
            capture_output=True,
            text=True,
            timeout=900,
            check=True,
        )
        return float(done.stdout.strip().splitlines()[-1])
    except (subprocess.SubprocessError, ValueError, IndexError):
        return None


# ---- reporting --------------------------------------------------------------------------------


def _runs(tokens: list[str], covered: list[bool]) -> str:
    """The longest stretch of tokens that are not covered, as text."""
    best: tuple[int, int] = (0, 0)
    start = None
    for index, flag in enumerate([*covered, True]):
        if not flag and start is None:
            start = index
        elif flag and start is not None:
            if index - start > best[1] - best[0]:
                best = (start, index)
            start = None
    words = tokens[best[0] : best[1]]
    text = " ".join(words[:30])
    return (text + (" …" if len(words) > 30 else "")) if words else "-"


def _diff(truth: str, predicted: str) -> tuple[str, str]:
    """(longest missed stretch of the truth, longest extra stretch of the prediction)."""
    want, got = TOKEN.findall(truth), TOKEN.findall(predicted)
    want_shingles, got_shingles = (
        set(zip(*(want[i:] for i in range(4)), strict=False)),
        set(zip(*(got[i:] for i in range(4)), strict=False)),
    )
    missed = [tuple(want[i : i + 4]) in got_shingles for i in range(len(want))]
    extra = [tuple(got[i : i + 4]) in want_shingles for i in range(len(got))]
    return _runs(want, missed), _runs(got, extra)


def print_table(rows: list[tuple[str, float, float, float, str, str]]) -> None:
    print(f"{'extractor':<38} {'F1':>6} {'prec.':>6} {'recall':>6} {'pages/s':>8} {'peak MB':>8}")
    for name, f1, precision, recall, rate, peak in rows:
        print(f"{name:<38} {f1:>6.3f} {precision:>6.3f} {recall:>6.3f} {rate:>8} {peak:>8}")


def print_worst(
    truth: dict[str, str], output: dict[str, str], urls: dict[str, str], count: int
) -> None:
    scored = []
    for key, text in truth.items():
        precision, recall = page_score(text, output.get(key, ""))
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scored.append((f1, precision, recall, key))
    scored.sort()
    print(f"\nThe {count} pages where syndicheck does worst:")
    for f1, precision, recall, key in scored[:count]:
        missed, extra = _diff(truth[key], output.get(key, ""))
        print(f"- {key[:12]} {urls[key][:90]}")
        print(f"  F1 {f1:.3f}  precision {precision:.3f}  recall {recall:.3f}")
        print(f"  missed: {missed[:220]}")
        print(f"  kept but not body: {extra[:220]}")


def script_of(text: str) -> str:
    """The script most of a text's letters are in: Latin, Cyrillic, or CJK (incl. Hangul)."""
    counts: Counter[str] = Counter()
    for char in text[:5000]:
        if not char.isalpha():
            continue
        point = ord(char)
        if 0x0400 <= point <= 0x04FF:
            counts["Cyrillic"] += 1
        elif 0x3040 <= point <= 0x30FF or 0x4E00 <= point <= 0x9FFF or 0xAC00 <= point <= 0xD7AF:
            counts["CJK/Hangul"] += 1
        else:
            counts["Latin"] += 1
    return counts.most_common(1)[0][0] if counts else "Latin"


def script_section(truth: dict[str, str], outputs: dict[str, dict[str, str]]) -> None:
    """Body F1 per script: pages in Russian, Japanese or Korean are located as well as others."""
    groups: dict[str, list[str]] = {}
    for key, text in truth.items():
        groups.setdefault(script_of(text), []).append(key)
    print("\nBy script (F1 over the pages of each script):")
    for script, keys in sorted(groups.items(), key=lambda item: -len(item[1])):
        subset = {key: truth[key] for key in keys}
        figures = "  ".join(f"{name} {score(subset, out)[0]:.3f}" for name, out in outputs.items())
        print(f"  {script:<11} {len(keys):>3} pages: {figures}")


def caption_section(
    paths: dict[str, Path], urls: dict[str, str], others: dict[str, dict[str, str]]
) -> None:
    """Pages whose figures carry a credit in their figcaption: who kept that credit?"""
    from lxml import etree

    from checker.loaders import load_file
    from checker.loaders.credits import credit_in
    from checker.loaders.tree import text_of

    with_credit = kept = 0
    peer_kept: Counter[str] = Counter()
    for key, path in paths.items():
        root = etree.fromstring(path.read_bytes(), etree.HTMLParser())
        credits = (
            [credit_in(text_of(el)) for el in root.iter("figcaption")] if root is not None else []
        )
        credits = [credit for credit in credits if credit]
        if not credits:
            continue
        with_credit += 1
        try:
            doc = load_file(path, url=urls[key])
        except Exception:
            continue
        found = " ".join(
            image.caption + " " + image.credit for image in doc.images if image.in_body
        )
        if any(credit in found for credit in credits):
            kept += 1
        for name, output in others.items():
            if any(credit in " ".join(output.get(key, "").split()) for credit in credits):
                peer_kept[name] += 1
    print("\nFigure captions and credits (pages whose <figcaption> states a credit):")
    print(f"  pages with a credited figcaption: {with_credit}")
    print(f"  syndicheck kept the credit on the body image: {kept} of {with_credit}")
    for name in others:
        kept_by_peer = peer_kept[name]
        print(
            f"  {name} kept the credit text anywhere in its output: {kept_by_peer} of {with_credit}"
        )


def seed_section(others: dict[str, Extract]) -> None:
    """On the bundled seed article: the caption credit and the credit lines at the end."""
    from checker.loaders import load_file

    page = REPO / "examples" / "seed-article.html"
    if not page.exists():
        return
    data = page.read_bytes()
    doc = load_file(page)
    wanted = {
        "photo credit (ZUMA)": "Mehmet Eser/ZUMA Press Wire",
        "credit line 'based on materials ...'": "based on materials published by Bloomberg",
        "credit line 'All rights ...'": "All rights to the original text belong to Bloomberg",
        "link to the Bloomberg article": "bloomberg.com/news/articles/2025-04-04",
    }
    body = doc.body_text + " " + " ".join(i.credit for i in doc.images if i.in_body)
    body += " " + " ".join(link.url for link in doc.links if link.in_body)
    print("\nOn examples/seed-article.html (peers' plain-text output carries no link URLs):")
    for label, needle in wanted.items():
        peers = []
        for name, extract in others.items():
            text = extract(page, data, "")
            peers.append(f"{name}: {'kept' if needle in text else 'dropped'}")
        print(
            f"  {label}: syndicheck {'kept' if needle in body else 'DROPPED'}; {'; '.join(peers)}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--worst", type=int, default=10)
    parser.add_argument("--only", action="append", help="run only these live extractors")
    parser.add_argument("--no-memory", action="store_true", help="skip the peak memory processes")
    args = parser.parse_args()
    root = data_dir()
    if not (root / "ground-truth.json").exists():
        print(f"no benchmark data at {root} (set SYNDICHECK_SHARED)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="syndicheck-bench-") as tmp:
        pages_dir = Path(tmp) / "pages"
        pages_dir.mkdir()
        truth, urls, paths = load_pages(root, pages_dir)
        extractors: dict[str, Extract] = {}
        for name, factory in LIVE.items():
            if args.only and name not in args.only:
                continue
            try:
                extractors[name] = factory()
            except ImportError:
                print(f"({name} is not installed: pip install '.[bench]')", file=sys.stderr)
        outputs, rates = time_rounds(extractors, paths, urls, args.rounds)
        rows = []
        for name, output in outputs.items():
            peak = None if args.no_memory else peak_mb(name, pages_dir, urls)
            label = f"{name} {version_of(name)}"
            rows.append(
                (label, *score(truth, output), f"{rates[name]:.1f}", f"{peak:.0f}" if peak else "-")
            )
        for name, stored in sorted(STORED_PEERS(root).items()):
            if name not in outputs:
                rows.append((f"{name} (stored output)", *score(truth, stored), "-", "-"))
        print(f"{len(truth)} pages, {args.rounds} rounds, one process; data: {root}\n")
        print_table(rows)
        if "syndicheck" in outputs:
            print_worst(truth, outputs["syndicheck"], urls, args.worst)
            script_section(truth, outputs)
            peers = {name: out for name, out in outputs.items() if name != "syndicheck"}
            caption_section(paths, urls, peers)
            seed_section({name: ex for name, ex in extractors.items() if name != "syndicheck"})
        raised = [failure for failure in FAILURES if failure.startswith("syndicheck")]
        print(f"\nPages on which syndicheck raised: {len(raised)}")
        for failure in sorted(set(FAILURES))[:20]:
            print(f"  {failure[:160]}")
    return 0


def STORED_PEERS(root: Path) -> dict[str, dict[str, str]]:
    """Stored outputs of extractors we do not run: {name: {page: body}}."""
    result: dict[str, dict[str, str]] = {}
    for file in sorted((root / "peer-output").glob("*.json")):
        stored: dict[str, Any] = json.loads(file.read_text(encoding="utf-8"))
        version = stored.get("version", "")
        pages = stored.get("output", stored)
        name = f"{file.stem} {version}".strip()
        result[name] = {
            key: value.get("articleBody") or ""
            for key, value in pages.items()
            if isinstance(value, dict)
        }
    return result


if __name__ == "__main__":
    raise SystemExit(main())
