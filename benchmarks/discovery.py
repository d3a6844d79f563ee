"""Discovery of undeclared sources: recall, precision, index size and speed, and how a query's
time grows with the library.

    python benchmarks/discovery.py [--sources 10000] [--scales 1000,10000,100000] [--minhash]

Data: the Clough & Stevenson short-answer corpus (../shared/data beside the repository, or
SYNDICHECK_SHARED) and text generated deterministically from its vocabulary.
- Library: the corpus's 5 source texts and generated sources (240-520 words; 30% end with the
  same licence boilerplate, as syndicated copy does).
- 1,000 articles that reuse one source: the corpus's cut-and-paste and light-revision answers
  (their source is the task's text) and generated articles that carry 20-60% of a random source
  in one to three stretches, lightly edited (a word in 15 changed or dropped), among new text.
- 1,000 articles that reuse none: the corpus's 38 answers written without the source (same topic,
  no reuse) and generated articles, some quoting one sentence of a source or the boilerplate.
- Reported apart, in neither bar: the corpus's 19 heavy-revision answers (paraphrase, not reuse
  of text) and the cut or light answers in which the aligner finds under 20% of the source.

An article counts as found when its true source is among the sources `syndicheck audit
--discover` would report (`find_reuse`: index candidates, then alignment); every other
reported source is a false positive. Bars: recall >= 0.95 at precision >= 0.95, and a query's
time growing sub-linearly with the library (timed at each of --scales).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from checker.audit.discovery import DiscoveryParams, find_reuse  # noqa: E402
from checker.audit.library import Library, ensure_schema, index_paths  # noqa: E402
from checker.audit.winnow import fingerprints  # noqa: E402
from checker.document import Document  # noqa: E402
from checker.loaders import load_file  # noqa: E402
from checker.overlap import align  # noqa: E402

BOILERPLATE = (
    "This article is distributed under a Creative Commons licence. Republication requires"
    " attribution to the original publisher and a link to the original article."
)
WORD = re.compile(r"[A-Za-z]+")


def corpus_dir() -> Path:
    shared = Path(os.environ.get("SYNDICHECK_SHARED", REPO.parent / "shared"))
    return shared / "data" / "clough-stevenson-2011-short-answer"


def read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252")  # 17 files of the corpus are cp1252 (its README)


@dataclass
class Corpus:
    originals: dict[str, str]  # task -> source text
    answers: list[tuple[str, str, str]]  # (text, task, category)


def load_corpus() -> Corpus:
    folder = corpus_dir()
    originals = {t: read_text(folder / "texts" / f"orig_task{t}.txt") for t in "abcde"}
    answers = []
    with open(folder / "file_information.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["Category"] != "orig":
                answers.append(
                    (read_text(folder / "texts" / row["File"]), row["Task"], row["Category"])
                )
    return Corpus(originals, answers)


class Generator:
    """Text from the corpus's word frequencies plus a long Zipf tail of made-up words."""

    def __init__(self, corpus: Corpus, seed: int = 5) -> None:
        counts = Counter(
            w.lower() for text in [*corpus.originals.values(), *(a[0] for a in corpus.answers)]
            for w in WORD.findall(text)
        )  # fmt: skip
        words = [w for w, _ in counts.most_common()]
        weights = [float(c) for _, c in counts.most_common()]
        rng = random.Random(seed)
        syllables = ["ka", "lo", "mi", "nu", "pe", "ra", "si", "tu", "ve", "zo", "bri", "dan"]
        tail = {
            "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(30000)
        }
        scale = weights[len(weights) // 2]
        for rank, word in enumerate(sorted(tail), start=1):
            words.append(word)
            weights.append(scale * 50 / (rank + 50))
        self.words = words
        total = 0.0
        self.cumulative = []
        for weight in weights:
            total += weight
            self.cumulative.append(total)

    def text(self, rng: random.Random, count: int) -> str:
        out: list[str] = []
        while len(out) < count:
            length = rng.randint(8, 26)
            sentence = rng.choices(self.words, cum_weights=self.cumulative, k=length)
            out.extend([*sentence[:-1], sentence[-1] + "."])
        return " ".join(out[:count])


def light_edit(rng: random.Random, text: str, gen: Generator) -> str:
    out = []
    for word in text.split():
        roll = rng.random()
        if roll < 1 / 30:
            continue  # dropped
        out.append(gen.text(rng, 1).rstrip(".") if roll < 2 / 30 else word)
    return " ".join(out)


def build(work: Path, corpus: Corpus, sources: int, articles_each: int) -> tuple[
    list[Path], list[tuple[Path, Path | None, str]]
]:  # fmt: skip
    """Write the library and the articles; returns source paths and (article, truth, kind)."""
    gen = Generator(corpus)
    (work / "sources").mkdir(parents=True, exist_ok=True)
    (work / "articles").mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    texts: list[str] = []
    for task, text in corpus.originals.items():
        path = work / "sources" / f"orig_task{task}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        texts.append(text)
    for i in range(sources - len(paths)):
        rng = random.Random(1_000_000 + i)
        text = gen.text(rng, rng.randint(240, 520))
        if rng.random() < 0.3:
            text += "\n\n" + BOILERPLATE
        path = work / "sources" / f"g{i:06d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        texts.append(text)
    cases: list[tuple[Path, Path | None, str]] = []

    def article(name: str, text: str, truth: Path | None, kind: str) -> None:
        path = work / "articles" / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        cases.append((path, truth, kind))

    for n, (text, task, category) in enumerate(corpus.answers):
        truth = work / "sources" / f"orig_task{task}.txt"
        kind = {"cut": "corpus-reuse", "light": "corpus-reuse", "heavy": "corpus-heavy"}.get(
            category, "corpus-none"
        )
        # The labels are per document. A cut or light answer counts as reusing 20% of its
        # source when the aligner finds that much; the others are reported apart, not hidden.
        if kind == "corpus-reuse" and align(text, corpus.originals[task]).source_coverage < 0.2:
            kind = "corpus-under-20%"
        article(f"corpus{n:03d}", text, truth if kind != "corpus-none" else None, kind)
    corpus_reuse = sum(1 for c in cases if c[2] == "corpus-reuse")  # in the bar
    corpus_none = sum(1 for c in cases if c[2] == "corpus-none")
    library = min(sources, 10_000)  # articles draw on the 10,000 sources of the main library
    for i in range(articles_each - corpus_reuse):
        rng = random.Random(2_000_000 + i)
        index = rng.randrange(library)
        words = texts[index].split()
        share = rng.uniform(0.2, 0.6)
        pieces = rng.randint(1, 3)
        chunk = max(1, int(len(words) * share / pieces))
        starts = sorted(rng.sample(range(0, max(1, len(words) - chunk)), pieces))
        parts = []
        for start in starts:
            parts.append(gen.text(rng, rng.randint(40, 200)))
            parts.append(light_edit(rng, " ".join(words[start : start + chunk]), gen))
        parts.append(gen.text(rng, rng.randint(40, 200)))
        article(f"reuse{i:05d}", "\n\n".join(parts), paths[index], "generated-reuse")
    for i in range(articles_each - corpus_none):
        rng = random.Random(3_000_000 + i)
        parts = [gen.text(rng, rng.randint(300, 900))]
        if rng.random() < 0.3:
            words = texts[rng.randrange(library)].split()
            start = rng.randrange(max(1, len(words) - 12))
            parts.append('As one report put it, "' + " ".join(words[start : start + 12]) + '"')
        if rng.random() < 0.3:
            parts.append(BOILERPLATE)
        article(f"none{i:05d}", "\n\n".join(parts), None, "generated-none")
    return paths, cases


def index(db_path: Path, paths: list[Path]) -> tuple[float, int]:
    db = sqlite3.connect(db_path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    ensure_schema(db)
    started = time.perf_counter()
    index_paths(db, [str(p) for p in paths], 20_000_000, batch=2000)
    seconds = time.perf_counter() - started
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return seconds, db_path.stat().st_size


def evaluate(
    library: Library, cases: list[tuple[Path, Path | None, str]], docs: dict[Path, Document]
) -> tuple[dict[str, list[int]], int, int, float, float]:
    params = DiscoveryParams()
    found_by_kind: dict[str, list[int]] = {}
    true_pos = false_pos = 0
    query_times, candidate_times = [], []
    for path, truth, kind in cases:
        doc = docs[path]
        t0 = time.perf_counter()
        library.candidates(fingerprints(doc.body_text), params.max_candidates, params.min_shared)
        t1 = time.perf_counter()
        reported = {
            os.path.abspath(r.candidate.source.path) for r in find_reuse(doc, library, params)
        }
        query_times.append(time.perf_counter() - t1)
        candidate_times.append(t1 - t0)
        hit = truth is not None and os.path.abspath(truth) in reported
        found_by_kind.setdefault(kind, []).append(int(hit))
        if kind in ("corpus-heavy", "corpus-under-20%"):
            continue  # reported apart, in neither bar
        true_pos += int(hit)
        false_pos += len(reported) - int(hit)
    query_ms = 1000 * statistics.mean(query_times)
    return found_by_kind, true_pos, false_pos, query_ms, 1000 * statistics.mean(candidate_times)


def minhash_comparison(paths: list[Path], cases: list[tuple[Path, Path | None, str]],
                       docs: dict[Path, Document], threshold: float) -> str:  # fmt: skip
    """The same task with datasketch's MinHash LSH (Jaccard of 5-word shingle sets)."""
    from datasketch import MinHash, MinHashLSH  # type: ignore[import-not-found]

    from checker.overlap.tokens import words

    def sketch(text: str) -> MinHash:
        tokens = words(text).tokens
        minhash = MinHash(num_perm=128)
        minhash.update_batch([b" ".join(tokens[i : i + 5]) for i in range(max(1, len(tokens) - 4))])
        return minhash

    started = time.perf_counter()
    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    for path in paths:
        lsh.insert(os.path.abspath(path), sketch(load_file(path).body_text))
    build = time.perf_counter() - started
    tp = fp = 0
    positives = 0
    found_candidates = 0
    started = time.perf_counter()
    for path, truth, kind in cases:
        if kind in ("corpus-heavy", "corpus-under-20%"):
            continue
        hits = set(lsh.query(sketch(docs[path].body_text)))
        found_candidates += len(hits)
        if truth is not None:
            positives += 1
            tp += int(os.path.abspath(truth) in hits)
        fp += len(hits) - int(truth is not None and os.path.abspath(truth) in hits)
    query_ms = 1000 * (time.perf_counter() - started) / len(cases)
    recall = tp / positives
    precision = tp / max(tp + fp, 1)
    return (f"MinHash LSH (128 perms, Jaccard threshold {threshold}): candidate recall"
            f" {recall:.3f}, candidate precision {precision:.3f} ({found_candidates} candidates),"
            f" build {build:.1f} s, query {query_ms:.2f} ms/article")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=10_000)
    parser.add_argument("--articles", type=int, default=1000, help="of each kind")
    parser.add_argument("--scales", default="1000,10000,100000")
    parser.add_argument("--minhash", action="store_true", help="also measure datasketch MinHash")
    parser.add_argument("--keep", help="generate into this folder and keep it")
    options = parser.parse_args()
    scales = sorted({int(s) for s in options.scales.split(",") if s} | {options.sources})
    work = Path(options.keep or tempfile.mkdtemp(prefix="syndicheck-discovery-bench-"))
    corpus = load_corpus()
    started = time.perf_counter()
    paths, cases = build(work, corpus, max(scales), options.articles)
    print(f"generated {max(scales)} sources and {len(cases)} articles in"
          f" {time.perf_counter() - started:.0f} s")  # fmt: skip
    docs = {path: load_file(path) for path, _, _ in cases}
    kinds = Counter(kind for _, _, kind in cases)
    print("articles: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    print(f"load average: {os.getloadavg()[0]:.2f}\n")
    print("sources  index s  DB MB  query ms/article (candidates only)  recall  precision")
    timings = {}
    for scale in scales:
        db_path = work / f"index-{scale}.sqlite"
        db_path.unlink(missing_ok=True)
        seconds, size = index(db_path, paths[:scale])
        library = Library(str(db_path))
        found, tp, fp, query_ms, candidate_ms = evaluate(library, cases, docs)
        library.close()
        timings[scale] = (query_ms, candidate_ms)
        positives = sum(len(v) for k, v in found.items() if k.endswith("reuse"))
        recall = tp / positives
        precision = tp / max(tp + fp, 1)
        # Below the main size the articles' sources are partly missing: recall means nothing.
        shown = f"{recall:.3f}" if scale >= options.sources else "    -"
        print(f"{scale:>7}  {seconds:>7.1f}  {size / 1e6:>5.1f}  {query_ms:>8.2f}"
              f" ({candidate_ms:.2f}){'':>19}  {shown}  {precision:>9.3f}")  # fmt: skip
        if scale == options.sources:
            main_found, main_fp = found, fp
            main = (recall, precision)
    print(f"\nat {options.sources} sources, found per kind:")
    for kind, hits in sorted(main_found.items()):
        if kind != "corpus-none" and kind != "generated-none":
            print(f"  {kind:<16} {sum(hits)}/{len(hits)} ({sum(hits) / len(hits):.3f})")
    print(f"  false positives  {main_fp} (sources reported that the article does not reuse)")
    small, large = min(scales), max(scales)
    growth = timings[large][0] / timings[small][0]
    print(
        f"\nquery time x{growth:.2f} for x{large // small} sources"
        f" ({'sub-linear' if growth < large / small / 2 else 'NOT sub-linear'})"
    )
    recall, precision = main
    verdict = "meets" if recall >= 0.95 and precision >= 0.95 else "MISSES"
    print(f"{verdict} the bar: recall {recall:.3f}, precision {precision:.3f} (both >= 0.95)")
    if options.minhash:
        main_paths = paths[: options.sources]
        for threshold in (0.05, 0.1, 0.2):
            print(minhash_comparison(main_paths, cases, docs, threshold))
    if not options.keep:
        print(f"(generated data left in {work}; delete it)")


if __name__ == "__main__":
    main()
