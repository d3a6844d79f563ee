"""Overlap engine against its peers, side by side in one run: `python benchmarks/overlap.py`.

Prints one table (method, ROC AUC, Spearman rho, held-out macro-F1, ms/pair on the labelled
corpus and on news-length pairs, containment error on those pairs, peak MB), then the speed
ratios with the time each bar allows, how much of syndicheck's time is the part that splits and
hashes every word and k-gram, the verdict's held-out confusion matrix, how the figures move
with the alignment parameters, and the scale table.

Data: the Clough & Stevenson (2011) short-answer corpus, read from ../shared/data next to the
repository (or from $SYNDICHECK_SHARED/data); it is never copied into the repository. The
news-length pairs are generated here, deterministically, from the corpus's own sentences.
Peers are benchmark extras, never runtime dependencies: `pip install copydetect==0.5.0
text-matcher`; a peer that is not installed is reported as such.
"""

from __future__ import annotations

import contextlib
import csv
import difflib
import gc
import io
import itertools
import logging
import math
import os
import random
import re
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from checker.overlap import VERDICTS, Params, align
from checker.overlap.seeds import SourceIndex, find_seeds
from checker.overlap.tokens import words as split_words

SHARED = Path(
    os.environ.get("SYNDICHECK_SHARED") or Path(__file__).resolve().parents[1].parent / "shared"
)
CORPUS = SHARED / "data" / "clough-stevenson-2011-short-answer"
WORDS = re.compile(r"\w+")
TIMING_ROUNDS = 5

CLASSES = VERDICTS  # near-copy, light-revision, heavy-revision, independent
LABELS = {"cut": "near-copy", "light": "light-revision", "heavy": "heavy-revision",
          "non": "independent"}  # fmt: skip
# A word as the product counts it (checker/overlap/tokens.py): letters and digits.
PRODUCT_WORD = re.compile(r"[^\W_]+")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


# --- data ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pair:
    article: str
    source: str
    task: str = ""
    label: str = ""
    true_share: float = 0.0

    @property
    def article_words(self) -> int:
        return len(PRODUCT_WORD.findall(self.article))

    @property
    def source_words(self) -> int:
        return len(PRODUCT_WORD.findall(self.source))


@dataclass(frozen=True)
class Corpus:
    pairs: list[Pair]
    source_sentences: dict[str, list[str]]  # per task: the source and the derived answers
    new_sentences: dict[str, list[str]]  # per task: answers written without the source


def read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:  # 17 files of the corpus are cp1252
        return data.decode("cp1252")


def sentences(text: str) -> list[str]:
    flat = " ".join(text.split())
    return [s for s in SENTENCE_END.split(flat) if 6 <= len(PRODUCT_WORD.findall(s)) <= 45]


def load_corpus(folder: Path) -> Corpus:
    pairs: list[Pair] = []
    pools: dict[str, dict[str, list[str]]] = {"source": {}, "new": {}}
    seen_by_pool: dict[tuple[str, str], set[tuple[str, ...]]] = {}
    with (folder / "pairs.csv").open(newline="", encoding="utf-8") as handle:
        for line in csv.DictReader(handle):
            article = read_text(folder / "texts" / line["derived_file"])
            source = read_text(folder / "texts" / line["source_file"])
            label = LABELS[line["category"]]
            pairs.append(Pair(article, source, line["task"], label))
            kind = "new" if label == "independent" else "source"
            pool = pools[kind].setdefault(line["task"], [])
            seen = seen_by_pool.setdefault((kind, line["task"]), set())
            texts = [source, article] if kind == "source" and not pool else [article]
            for sentence in (s for text in texts for s in sentences(text)):
                # A source does not repeat itself: keep one of each group of sentences that
                # share five words in a row (the derived answers copy the source's sentences).
                words = [w.lower() for w in PRODUCT_WORD.findall(sentence)]
                grams = set(zip(*(words[n:] for n in range(5)), strict=False))
                if not grams & seen:
                    pool.append(sentence)
                    seen |= grams
    return Corpus(pairs, pools["source"], pools["new"])


def paragraphs(pool: list[str], rng: random.Random, words: int) -> list[str]:
    """Paragraphs of two to four sentences, drawn without repeats until the pool runs out."""
    order: list[str] = []
    out: list[str] = []
    total = 0
    while total < words:
        if len(order) < 4:
            order = rng.sample(pool, len(pool))
        paragraph = " ".join(order.pop() for _ in range(rng.randint(2, 4)))
        out.append(paragraph)
        total += len(PRODUCT_WORD.findall(paragraph))
    return out


def lightly_edited(paragraph: str, rng: random.Random, vocabulary: list[str]) -> str:
    """The edits republishers make: quotes, dashes, a word changed, a sentence trimmed, case."""
    for edit in rng.sample(["quotes", "dashes", "word", "trim", "case"], rng.randint(1, 3)):
        if edit == "quotes":
            paragraph = paragraph.replace(' "', " \u201c").replace('"', "\u201d")
            paragraph = paragraph.replace("'", "\u2019")
        elif edit == "dashes":
            paragraph = paragraph.replace(" - ", " \u2014 ").replace("-", "\u2013")
        elif edit == "word":
            match = rng.choice(list(PRODUCT_WORD.finditer(paragraph)))
            paragraph = (
                paragraph[: match.start()] + rng.choice(vocabulary) + paragraph[match.end() :]
            )
        elif edit == "trim":
            parts = SENTENCE_END.split(paragraph)
            if len(parts) > 1:
                del parts[rng.randrange(len(parts))]
                paragraph = " ".join(parts)
        else:
            paragraph = paragraph.lower()
    return paragraph


def build_pair(
    rng: random.Random, source_pool: list[str], new_pool: list[str], words: int, share: float
) -> Pair:
    """Source paragraphs copied (half of them lightly edited) among new text, in any order."""
    source = paragraphs(source_pool, rng, words)
    vocabulary = PRODUCT_WORD.findall(" ".join(new_pool))
    copied: list[str] = []
    total = 0
    for paragraph in rng.sample(source, len(source)):
        if total >= share * words:
            break
        if rng.random() < 0.5:
            paragraph = lightly_edited(paragraph, rng, vocabulary)
        copied.append(paragraph)
        total += len(PRODUCT_WORD.findall(paragraph))
    new = paragraphs(new_pool, rng, words - total) if total < words else []
    article = [(p, True) for p in copied] + [(p, False) for p in new]
    rng.shuffle(article)
    counts = [(len(PRODUCT_WORD.findall(p)), was_copied) for p, was_copied in article]
    true_share = sum(n for n, c in counts if c) / sum(n for n, _ in counts)
    return Pair("\n\n".join(p for p, _ in article), "\n\n".join(source), true_share=true_share)


def news_pairs(corpus: Corpus, count: int, words: int, seed: int) -> list[Pair]:
    """News-length pairs with a known copied share; the new text is on the same topic."""
    rng = random.Random(seed)
    tasks = sorted(corpus.source_sentences)
    shares = [n / 10 for n in range(11)]
    out = []
    for _ in range(count):
        task = rng.choice(tasks)
        pool, new = corpus.source_sentences[task], corpus.new_sentences[task]
        out.append(build_pair(rng, pool, new, words, rng.choice(shares)))
    return out


def scale_pair(corpus: Corpus, words: int, seed: int) -> Pair:
    """A long pair: the corpus's sentences reused, each with two words changed at random."""
    rng = random.Random(seed)

    def varied(pool: list[str]) -> list[str]:
        vocabulary = PRODUCT_WORD.findall(" ".join(pool))
        out = []
        for _ in range(words // 10):
            tokens = rng.choice(pool).split()
            for _ in range(2):
                tokens[rng.randrange(len(tokens))] = rng.choice(vocabulary)
            out.append(" ".join(tokens))
        return out

    source_pool = varied([s for pool in corpus.source_sentences.values() for s in pool])
    new_pool = varied([s for pool in corpus.new_sentences.values() for s in pool])
    return build_pair(rng, source_pool, new_pool, words, 0.5)


# --- statistics -----------------------------------------------------------------------------


def roc_auc(scores: Sequence[float], positive: Sequence[int]) -> float:
    """Probability that a positive outscores a negative (ties count half)."""
    pos = [s for s, p in zip(scores, positive, strict=True) if p]
    neg = [s for s, p in zip(scores, positive, strict=True) if not p]
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def ranks(values: Sequence[float]) -> list[float]:
    order = sorted(range(len(values)), key=values.__getitem__)
    out = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for position in range(start, end + 1):
            out[order[position]] = (start + end) / 2
        start = end + 1
    return out


def spearman(x: Sequence[float], y: Sequence[float]) -> float:
    rx, ry = ranks(x), ranks(y)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    spread = math.sqrt(sum((a - mx) ** 2 for a in rx) * sum((b - my) ** 2 for b in ry))
    return cov / spread


def predict(score: float, similarity: float, thresholds: tuple[float, ...]) -> str:
    """The verdict rule of checker/overlap/verdict.py, on any score."""
    heavy, light, copy, alike = thresholds
    if score < heavy:
        return "independent"
    if score >= copy and similarity >= alike:
        return "near-copy"
    return "light-revision" if score >= light else "heavy-revision"


def macro_f1(predicted: Sequence[str], labels: Sequence[str]) -> float:
    total = 0.0
    for cls in CLASSES:
        tp = sum(p == t == cls for p, t in zip(predicted, labels, strict=True))
        fp = sum(p == cls != t for p, t in zip(predicted, labels, strict=True))
        fn = sum(t == cls != p for p, t in zip(predicted, labels, strict=True))
        total += 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return total / len(CLASSES)


def confusion(predicted: Sequence[str], labels: Sequence[str]) -> list[list[int]]:
    return [
        [
            sum(t == row and p == col for p, t in zip(predicted, labels, strict=True))
            for col in CLASSES
        ]
        for row in CLASSES
    ]


def fit_verdict(
    train: Sequence[tuple[tuple[float, float], str]], near_copy_floor: float
) -> tuple[float, ...]:
    """Thresholds maximising macro-F1 on `train`, by grid search (first best wins ties).

    syndicheck's near-copy threshold starts at 0.5: "near-copy" must mean most of the article,
    whatever the corpus rewards. Peers get the whole range.
    """
    heavies = [0.0, 0.005, 0.01, 0.02, 0.03, 0.05, 0.08, 0.1, 0.15, 0.2]
    lights = [n / 10 for n in range(2, 10)]
    copies = [
        c for c in (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95) if c >= near_copy_floor
    ]
    alike = sorted({sim for (_, sim), _ in train}) == [1.0]
    similarities = [1.0] if alike else [0.9, 0.93, 0.95, 0.96, 0.97, 0.98, 0.99, 1.0]
    labels = [label for _, label in train]
    best: tuple[float, tuple[float, ...]] = (-1.0, ())
    for candidate in itertools.product(heavies, lights, copies, similarities):
        if candidate[0] > candidate[1]:
            continue
        f1 = macro_f1([predict(s, sim, candidate) for (s, sim), _ in train], labels)
        if f1 > best[0]:
            best = (f1, candidate)
    return best[1]


# --- methods --------------------------------------------------------------------------------


# A scorer maps (article, source) to (score, passage similarity); peers have no similarity.
Scorer = Callable[[str, str], tuple[float, float]]


def syndicheck(article: str, source: str) -> tuple[float, float]:
    result = align(article, source)
    covered = sum(p.words for p in result.passages)
    similarity = sum(p.words * p.similarity for p in result.passages) / covered if covered else 0
    return result.containment, similarity


def syndicheck_fixed_part(article: str, source: str) -> tuple[float, float]:
    """Only the part of `align` that splits and hashes every word and k-gram of both texts.

    Tokenising both texts, indexing the source's k-grams and looking up every article k-gram
    (checker/overlap/tokens.py, seeds.py): the work that is done once per word, in C calls,
    before any passage is grown or any offset worked out. Timed to show how much of a pair's
    cost is left to the aligner itself.
    """
    d = Params()
    a, s = split_words(article), split_words(source)
    find_seeds(a.tokens, SourceIndex(s.tokens, d.seed_words), d.seed_words, d.seed_step)
    return 0.0, 0.0


def difflib_ratio(article: str, source: str) -> tuple[float, float]:
    a, s = WORDS.findall(article.lower()), WORDS.findall(source.lower())
    matcher = difflib.SequenceMatcher(None, a, s, autojunk=False)
    return matcher.ratio(), 1.0  # ratio() computes the matching blocks (the passages)


def five_gram_containment(article: str, source: str) -> tuple[float, float]:
    a, s = WORDS.findall(article.lower()), WORDS.findall(source.lower())
    grams = list(zip(a, a[1:], a[2:], a[3:], a[4:], strict=False))
    shared = set(zip(s, s[1:], s[2:], s[3:], s[4:], strict=False))
    return (sum(g in shared for g in grams) / len(grams) if grams else 0.0), 1.0


def copydetect_scorer() -> Scorer | str:
    try:
        from copydetect import CodeFingerprint, compare_files  # type: ignore[import-untyped]
    except ImportError:
        return "not installed (pip install copydetect==0.5.0)"
    logging.getLogger().setLevel(logging.ERROR)

    def score(article: str, source: str) -> tuple[float, float]:
        # k = noise threshold 25 characters, window 1 = guarantee threshold 25 (its defaults);
        # filter=False: plain text, no code tokenising.
        a = CodeFingerprint("a.txt", 25, 1, filter=False, fp=io.StringIO(article))
        s = CodeFingerprint("s.txt", 25, 1, filter=False, fp=io.StringIO(source))
        return float(compare_files(a, s)[1][0]), 1.0

    return score


def text_matcher_scorer() -> Scorer | str:
    try:
        from text_matcher.matcher import Matcher, Text  # type: ignore[import-untyped]
    except ImportError:
        return "not installed (pip install text-matcher)"

    def score(article: str, source: str) -> tuple[float, float]:
        # Stop-word removal needs an NLTK data download: off, to stay offline.
        with contextlib.redirect_stdout(io.StringIO()):
            try:
                a, s = Text(article, "a", removeStopwords=False), Text(source, "s", False)
                found = Matcher(a, s, removeStopwords=False).extended_matches
            except (IndexError, ValueError):  # it fails on texts without a single match
                return 0.0, 1.0
        covered = sum(m.sizeA + 2 for m in found)  # sizes count trigrams: + n - 1 words
        return min(1.0, covered / max(1, len(a.tokens))), 1.0

    return score


def ms_per_pair(scorer: Scorer, pairs: Sequence[Pair]) -> float:
    gc.collect()
    start = time.perf_counter()
    for pair in pairs:
        scorer(pair.article, pair.source)
    return (time.perf_counter() - start) / len(pairs) * 1000


def peak_mb(scorer: Scorer, pairs: Sequence[Pair]) -> float:
    """The largest Python heap growth (tracemalloc, numpy included) while scoring one pair."""
    worst = 0
    tracemalloc.start()
    for pair in pairs:
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        scorer(pair.article, pair.source)
        worst = max(worst, tracemalloc.get_traced_memory()[1] - base)
    tracemalloc.stop()
    return worst / 1e6


def held_out_verdicts(
    corpus: Corpus, features: list[tuple[float, float]], floor: float
) -> tuple[list[str], list[tuple[str, tuple[float, ...]]]]:
    """Leave-one-task-out: thresholds fitted on four tasks predict the fifth."""
    predicted = [""] * len(corpus.pairs)
    folds = []
    for task in sorted({p.task for p in corpus.pairs}):
        train = [(features[n], p.label) for n, p in enumerate(corpus.pairs) if p.task != task]
        thresholds = fit_verdict(train, near_copy_floor=floor)
        folds.append((task, thresholds))
        for n, p in enumerate(corpus.pairs):
            if p.task == task:
                predicted[n] = predict(*features[n], thresholds)
    return predicted, folds


def row(cells: Sequence[object], widths: Sequence[int]) -> str:
    return "  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in
                     enumerate(zip(cells, widths, strict=True)))  # fmt: skip


@dataclass
class Measured:
    name: str
    corpus_scores: list[float]
    news_scores: list[float]
    predicted: list[str]
    folds: list[tuple[str, tuple[float, ...]]]
    peak: float
    corpus_ms: float = float("inf")
    news_ms: float = float("inf")


def measure(name: str, scorer: Scorer, corpus: Corpus, news: list[Pair]) -> Measured:
    corpus_out = [scorer(p.article, p.source) for p in corpus.pairs]
    news_scores = [scorer(p.article, p.source)[0] for p in news]
    floor = 0.5 if name == "syndicheck" else 0.0
    predicted, folds = held_out_verdicts(corpus, corpus_out, floor)
    scores = [score for score, _ in corpus_out]
    return Measured(name, scores, news_scores, predicted, folds, peak_mb(scorer, news[:10]))


def print_methods(corpus: Corpus, news: list[Pair]) -> Measured:
    labels = [p.label for p in corpus.pairs]
    binary = [int(label != "independent") for label in labels]
    ordinal = [3 - CLASSES.index(label) for label in labels]  # cut 3 ... non 0
    methods: list[tuple[str, Scorer | str]] = [
        ("syndicheck", syndicheck),
        ("difflib SequenceMatcher (words)", difflib_ratio),
        ("word 5-gram containment", five_gram_containment),
        ("copydetect 0.5.0", copydetect_scorer()),
        ("text-matcher", text_matcher_scorer()),
    ]
    available: list[tuple[str, Scorer]] = []
    for name, scorer in methods:
        if not isinstance(scorer, str):
            available.append((name, scorer))
    measured = {name: measure(name, s, corpus, news) for name, s in available}
    # Timing rounds go through every method in turn, so that a busy machine slows them
    # alike; the best round counts. text-matcher takes seconds a round: one is enough.
    fixed_ms = float("inf")
    for round_number in range(TIMING_ROUNDS):
        for name, scorer in available:
            if name == "text-matcher" and round_number:
                continue
            m = measured[name]
            m.corpus_ms = min(m.corpus_ms, ms_per_pair(scorer, corpus.pairs))
            m.news_ms = min(m.news_ms, ms_per_pair(scorer, news))
        fixed_ms = min(fixed_ms, ms_per_pair(syndicheck_fixed_part, news))

    header = ["method", "AUC", "rho", "macro-F1", "ms/pair", "ms/news", "news|err|", "peak MB"]
    widths = [32, 6, 6, 8, 8, 8, 9, 8]
    print(row(header, widths))
    for name, scorer in methods:
        if isinstance(scorer, str):
            print(f"{name.ljust(widths[0])}  {scorer}")
            continue
        m = measured[name]
        error = sum(abs(s - p.true_share) for s, p in zip(m.news_scores, news, strict=True))
        print(row([
            name, f"{roc_auc(m.corpus_scores, binary):.3f}",
            f"{spearman(m.corpus_scores, ordinal):.3f}", f"{macro_f1(m.predicted, labels):.3f}",
            f"{m.corpus_ms:.2f}", f"{m.news_ms:.2f}", f"{error / len(news):.3f}", f"{m.peak:.1f}",
        ], widths))  # fmt: skip
    print(
        "\nAUC: derived vs independent; rho: Spearman against cut 3, light 2, heavy 1, non 0;"
        "\nmacro-F1: four classes, thresholds fitted leave-one-task-out (held out);"
        "\nms/pair: the corpus; ms/news and news|err|: the generated news-length pairs, and"
        "\n|score - true copied share| on them; times are the best of"
        f" {TIMING_ROUNDS} interleaved rounds;"
        "\npeak MB: tracemalloc peak while scoring one news-length pair (Python heap, numpy too)."
    )
    ours = measured["syndicheck"]
    for peer, bar in (("difflib SequenceMatcher (words)", 10), ("copydetect 0.5.0", 50)):
        if peer in measured:
            print(
                f"syndicheck is {measured[peer].news_ms / ours.news_ms:.1f}x faster than {peer}"
                f" on news-length pairs ({measured[peer].corpus_ms / ours.corpus_ms:.1f}x on"
                f" the corpus); {bar}x would be {measured[peer].news_ms / bar:.2f} ms/news"
            )
    print(
        f"of syndicheck's {ours.news_ms:.2f} ms/news, {fixed_ms:.2f} ms"
        f" ({fixed_ms / ours.news_ms:.0%}) is splitting and hashing every word and k-gram of"
        " both texts\n(tokenise both, index the source's k-grams, look up the article's);"
        " the rest is growing passages and working out their offsets"
    )
    return ours


def print_verdict(corpus: Corpus, ours: Measured) -> None:
    labels = [p.label for p in corpus.pairs]
    print("\nverdict, held out (rows: label, columns: predicted)")
    print(row(["", *CLASSES], [16] + [15] * 4))
    for label, counts in zip(CLASSES, confusion(ours.predicted, labels), strict=True):
        print(row([label, *counts], [16] + [15] * 4))
    print(f"macro-F1 {macro_f1(ours.predicted, labels):.3f}; thresholds fitted without the task")
    print("(heavy_revision, light_revision, near_copy, near_copy_similarity):")
    for task, thresholds in ours.folds:
        print(f"  task {task}: {thresholds}")
    features = [syndicheck(p.article, p.source) for p in corpus.pairs]
    fitted = fit_verdict(list(zip(features, labels, strict=True)), near_copy_floor=0.5)
    d = Params()
    shipped = (d.heavy_revision, d.light_revision, d.near_copy, d.near_copy_similarity)
    print(f"fitted on all {len(labels)} pairs: {fitted}; shipped defaults: {shipped}")


def print_sensitivity(corpus: Corpus) -> None:
    labels = [p.label for p in corpus.pairs]
    binary = [int(label != "independent") for label in labels]
    ordinal = [3 - CLASSES.index(label) for label in labels]
    gaps = (2, 4, 6)
    print("\ncontainment AUC / rho as the alignment parameters move (defaults: 8 and 4)")
    print(row(["min_words \\ max_gap", *gaps], [20, 13, 13, 13]))
    for min_words in (6, 8, 10):
        cells: list[object] = [min_words]
        for gap in gaps:
            scores = [
                align(p.article, p.source, min_words=min_words, max_gap=gap).containment
                for p in corpus.pairs
            ]
            cells.append(f"{roc_auc(scores, binary):.3f}/{spearman(scores, ordinal):.3f}")
        print(row(cells, [20, 13, 13, 13]))


def print_scale(corpus: Corpus) -> None:
    widths = [8, 8, 8, 9, 11, 6]
    print("\nscale: article and source of N words each, about half of the article copied")
    print(row(["words", "seconds", "peak MB", "passages", "containment", "true"], widths))
    for size in (1_000, 10_000, 50_000, 100_000):
        pair = scale_pair(corpus, size, seed=size)
        seconds = float("inf")
        for _ in range(3):
            gc.collect()
            start = time.perf_counter()
            result = align(pair.article, pair.source)
            seconds = min(seconds, time.perf_counter() - start)
        tracemalloc.start()
        align(pair.article, pair.source)
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        print(row([
            size, f"{seconds:.3f}", f"{peak:.1f}", len(result.passages),
            f"{result.containment:.3f}", f"{pair.true_share:.3f}",
        ], widths))  # fmt: skip


def main() -> int:
    if not CORPUS.is_dir():
        print(f"corpus not found at {CORPUS} (set SYNDICHECK_SHARED)", file=sys.stderr)
        return 2
    corpus = load_corpus(CORPUS)
    news = news_pairs(corpus, count=60, words=800, seed=8)
    article_words = sum(p.article_words for p in news) // len(news)
    source_words = sum(p.source_words for p in news) // len(news)
    print(f"corpus: {len(corpus.pairs)} pairs from {CORPUS}")
    print(
        f"news-length pairs: {len(news)} generated; {article_words}-word articles against"
        f" {source_words}-word sources on average\n"
    )
    print_verdict(corpus, print_methods(corpus, news))
    print_sensitivity(corpus)
    print_scale(corpus)
    return 0


if __name__ == "__main__":
    sys.exit(main())
