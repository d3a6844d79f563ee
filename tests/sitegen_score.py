"""Score the crawler's output against a generated web's truth (tests/sitegen.py): shared by the
end-to-end tests (tests/test_crawl_e2e.py) and the benchmark (benchmarks/crawl.py).

Expected values come from the generator's truth only; what syndicheck printed is the thing
measured, never the measure.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitegen import PROBLEMS, GeneratedWeb
from sitegen_serve import Request, Served


def locate(web: GeneratedWeb, served: Served, url: str) -> tuple[int, str] | None:
    """(partner index, final path) of a partner URL, through the partner's redirects."""
    for k, base in enumerate(served.partner_urls):
        if url.startswith(base + "/"):
            path = url.removeprefix(base)
            return k, web.partners[k].redirects.get(path, path)
    return None


def story_path(served: Served, url: str) -> str:
    return url.removeprefix(served.ours_url)


@dataclass
class CopiesScore:
    """The `copies` JSON report, judged copy by copy."""

    truth: int = 0
    found: int = 0  # truth copies reported, attributed to their story
    wrong_story: list[str] = field(default_factory=list)  # truth copies given another story
    unrelated: list[str] = field(default_factory=list)  # unrelated pages reported as copies
    drafts: list[str] = field(default_factory=list)  # disallowed drafts reported
    unknown: list[str] = field(default_factory=list)  # reported URLs the web does not have
    missed: list[str] = field(default_factory=list)
    planted: Counter[str] = field(default_factory=Counter)  # per problem, on found copies
    reported: Counter[str] = field(default_factory=Counter)  # planted and reported
    spurious: Counter[str] = field(default_factory=Counter)  # reported, not planted
    exact: int = 0  # found copies whose problems are exactly the planted ones

    @property
    def recall(self) -> float:
        return self.found / self.truth if self.truth else 1.0


def score_copies(web: GeneratedWeb, served: Served, report: dict[str, Any]) -> CopiesScore:
    score = CopiesScore(truth=len(web.truth))
    seen: set[str] = set()
    for story in report["stories"]:
        for copy in story["copies"]:
            where = locate(web, served, copy["url"])
            if where is None:
                score.unknown.append(copy["url"])
                continue
            path = where[1]
            if path in web.drafts:
                score.drafts.append(copy["url"])
            elif path in web.unrelated:
                score.unrelated.append(copy["url"])
            elif path not in web.truth:
                score.unknown.append(copy["url"])
            elif web.truth[path].story != story_path(served, story["story"]):
                score.wrong_story.append(copy["url"])
            elif path not in seen:
                seen.add(path)
                score.found += 1
                planted, got = web.truth[path].problems, set(copy["problems"])
                score.planted.update(planted)
                score.reported.update(planted & got)
                score.spurious.update(got - planted)
                score.exact += planted == got
    score.missed = sorted(set(web.truth) - seen)
    for path in score.missed:  # a missed copy's defects count as planted and not reported
        score.planted.update(web.truth[path].problems)
    return score


def problem_lines(score: CopiesScore) -> list[str]:
    return [
        f"{problem}: {score.reported[problem]}/{score.planted[problem]} reported"
        f" ({score.spurious[problem]} reported where not planted)"
        for problem in PROBLEMS
    ]


def manifest(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def comparable(lines: list[dict[str, Any]]) -> set[tuple[Any, ...]]:
    """A manifest's lines without the cache paths, which differ between runs."""
    return {(d["url"], d["status"], d["error"], d["found_via"], d["source"]) for d in lines}


def page_fetches(requests: list[Request], web: GeneratedWeb, partner: int) -> Counter[str]:
    """Bodies of article pages sent to the crawler (200s; a 304 sends none), per path."""
    articles = set(web.articles(partner))
    site = web.partners[partner].key
    return Counter(
        r.path for r in requests if r.site == site and r.status == 200 and r.path in articles
    )


def min_gap(requests: list[Request], site: str) -> float:
    """The shortest time between two requests to one site."""
    times = sorted(r.time for r in requests if r.site == site)
    return min((b - a for a, b in itertools.pairwise(times)), default=float("inf"))
