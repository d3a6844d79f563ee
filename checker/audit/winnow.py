"""Winnowing (Schleimer, Wilkerson and Aiken, 2003): a document's fingerprints for discovery.

Each run of K normalised words is hashed; of every window of W consecutive hashes the smallest
is kept. Two texts that share a run of at least K + W - 1 words are guaranteed to share a
fingerprint, whatever surrounds it, and about 2 / (W + 1) of the positions are kept.

Why winnowing rather than MinHash: discovery asks "is some of this source inside the article"
(containment), not "are these two documents alike" (Jaccard). An article that reuses 20% of a
source has a Jaccard similarity near 0.1 with it, where MinHash LSH with a usable number of
bands either misses it or drowns in candidates; winnowing's shared-fingerprint count measures
the shared text directly and an inverted index answers it in sub-linear time. The discovery
benchmark (benchmarks/discovery.py) measures both on the same data.

Words are those of the overlap aligner (checker.overlap.tokens), so case, accents, quotes and
punctuation do not change a fingerprint, exactly as they do not change an alignment.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from checker.overlap.tokens import words

# K = 5 words: longer than the stock phrases shared by any two news texts ("said in a
# statement on"), short enough to survive light edits. W = 8: any shared run of 12 words is
# found, and an article keeps about 22% of its positions (a 400-word source: ~90 rows).
K = 5
W = 8


def _hash(gram: bytes) -> int:
    # A stable 64-bit hash (Python's hash() changes per process); signed to fit SQLite INTEGER.
    return int.from_bytes(hashlib.blake2b(gram, digest_size=8).digest(), "little", signed=True)


def kgram_hashes(tokens: Sequence[bytes], k: int = K) -> list[int]:
    if len(tokens) < k:
        return [_hash(b" ".join(tokens))] if tokens else []
    return list(map(_hash, map(b" ".join, zip(*(tokens[o:] for o in range(k)), strict=False))))


def winnow(hashes: Sequence[int], w: int = W) -> set[int]:
    """The window minima. As a set of values this equals the winnowed fingerprints, and
    `map(min, zip(...))` keeps the whole selection in C."""
    if len(hashes) <= w:
        return {min(hashes)} if hashes else set()
    return set(map(min, zip(*(hashes[o:] for o in range(w)), strict=False)))


def fingerprints(text: str, k: int = K, w: int = W) -> set[int]:
    return winnow(kgram_hashes(words(text).tokens, k), w)
