"""A generated web for the crawler's tests and benchmark: our site, partner sites, a third
publisher, all served on loopback by real HTTP servers.

`build(seed, partner_pages=..., copies=..., stories=..., partners=...)` is pure and deterministic:
`copies` copies of `stories` of our stories (each copied at least once, by one partner at most
once), a fifth as many stories nobody copied, our stories (WordPress with the Republication Tracker Tool, 600-1,000 words, a credited photo),
partner sites in four CMS styles holding copies of our stories (whole or the first paragraphs,
at least half the story) with defects planted the way partner CMSs make them, and unrelated
pages (staff stories on the same topics, briefs, stories republished from a third publisher,
stories that quote one sentence of ours; same-topic pages share vocabulary and stock phrases,
a few percent of their words, never passages). `GeneratedWeb.truth` says, for each copy's path, which
story it copies and which problems were planted; `unrelated` lists the other article pages.

Each partner serves robots.txt (a `Sitemap:` line, disallowed folders whose pages the sitemaps
and the feed still list, a `Crawl-delay`), a sitemap index (a gzipped sitemap, a plain one, a
news sitemap, a sitemap inside the disallowed folder), an RSS or Atom feed that the home page
advertises, a paginated `/wp-json/wp/v2/posts`, redirects (301, 302 and a loop), a 404, a 500
and a page slower than the fetcher's time-out. `serve(web)` (tests/sitegen_serve.py) runs it.
"""

from __future__ import annotations

import math
import random
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from sitegen_html import (
    STYLES,
    Article,
    origin,
    page,
    rtt_footer,
    rtt_modal,
    rtt_pixel,
)
from sitegen_text import TOPICS, Writer, edit_sentence, person, slugify

if TYPE_CHECKING:
    from sitegen_serve import Served

PROBLEMS = ("canonical", "credit", "edits", "images", "link", "pixel")
OURS = "The Valley Ledger"
OTHER = "The Coast Current"
PARTNER_NAMES = (
    "Sierra Foothills Courier",
    "Delta Daily Post",
    "Harbor City Voice",
    "Inland Empire Observer",
    "North Coast Journal",
    "Central Valley Times",
)
# What each CMS habit does to a copy, and the problems it plants (the contract's vocabulary).
DEFECTS: dict[str, frozenset[str]] = {
    "strip_pixel": frozenset({"pixel"}),  # the CMS's sanitiser drops the 1x1 <img>
    "self_canonical": frozenset({"canonical"}),  # an SEO plugin writes the page's own canonical
    "drop_footer": frozenset({"credit", "link"}),  # the handout's footer is not pasted
    "home_link": frozenset({"link"}),  # the footer links the site's home page, not the story
    "edit_text": frozenset({"edits"}),  # figures changed, a local sentence added
    "strip_photo_credit": frozenset({"images"}),  # the photo is kept, its credit is not
}
# One copy in each slot of this cycle gets those defects, so a small web plants every kind.
PLAN: tuple[tuple[str, ...], ...] = (
    (),
    ("strip_pixel",),
    ("self_canonical",),
    (),
    ("drop_footer",),
    ("edit_text",),
    ("strip_photo_credit",),
    (),
    ("home_link",),
    ("strip_pixel", "self_canonical"),
    ("edit_text", "strip_photo_credit"),
    (),
)
DISALLOWED = "/private/"


class Truth(NamedTuple):
    story: str  # our story's URL path
    problems: frozenset[str]


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    location: str = ""  # for redirects
    delay: float = 0.0  # seconds before answering
    gzip: bool = False  # compress when served (after the origins are filled in)


@dataclass
class Post:
    """A WordPress REST API post."""

    id: int
    date: str
    path: str
    slug: str
    title: str
    content: str


@dataclass
class Story:
    path: str
    post_id: int
    title: str
    author: str
    topic: str
    date: str
    paragraphs: list[str]
    photo: str
    caption: str
    photographer: str

    @property
    def words(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)


@dataclass
class Site:
    key: str  # "ours", "other", "partner0"...
    name: str
    routes: dict[str, Response] = field(default_factory=dict)  # path (and query) -> response
    posts: list[Post] = field(default_factory=list)
    crawl_delay: float = 0.0
    redirects: dict[str, str] = field(default_factory=dict)  # listed path -> final path
    failures: dict[str, str] = field(default_factory=dict)  # path -> 404, 500, slow, loop
    drafts: list[str] = field(default_factory=list)  # pages in the disallowed folder

    @property
    def origin(self) -> str:
        return origin(self.key)


@dataclass
class GeneratedWeb:
    seed: int
    ours: Site
    other: Site
    partners: list[Site]
    stories: dict[str, Story]  # path -> story
    truth: dict[str, Truth]  # copy path -> (story path, planted problems)
    unrelated: frozenset[str]
    partner_of: dict[str, int]  # article path -> partner index
    kinds: dict[str, str]  # article path -> copy, staff, brief, syndicated, quoting
    channels: dict[str, frozenset[str]]  # article path -> sitemap, news, feed, wp-api, redirect
    drafts: dict[str, str]  # disallowed draft path -> story path it copies
    slow_seconds: float

    @property
    def sites(self) -> list[Site]:
        return [self.ours, self.other, *self.partners]

    def articles(self, partner: int) -> list[str]:
        return sorted(p for p, k in self.partner_of.items() if k == partner)


JPEG = bytes.fromhex(
    "ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c"
    "1912130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ffc000"
    "0b080001000101011100ffc4001f0000010501010101010100000000000000000102030405060708090a0bffc400"
    "b5100002010303020403050504040000017d01020300041105122131410613516107227114328191a1082342b1c1"
    "1552d1f02433627282090a161718191a25262728292a3435363738393a434445464748494a535455565758595a63"
    "6465666768696a737475767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6"
    "b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffda0008"
    "010100003f00fbd3ffd9"
)


def _date(rng: random.Random, month_from: int = 1, month_to: int = 5) -> str:
    return f"2026-{rng.randint(month_from, month_to):02d}-{rng.randint(1, 28):02d}"


def _html(text: str, status: int = 200) -> Response:
    return Response(status, text.encode("utf-8"))


def _stories(seed: int, count: int, key: str, first_id: int) -> dict[str, Story]:
    stories: dict[str, Story] = {}
    topics = sorted(TOPICS)
    for i in range(count):
        rng = random.Random(f"sitegen:{seed}:story:{i}")
        writer = Writer(topics[i % len(topics)], rng)
        title = writer.title()
        date = _date(rng, 1, 3)
        slug = slugify(title)
        path = f"/{date[:4]}/{date[5:7]}/{slug}/"
        while path in stories:
            path = path[:-1] + "-2/"
        stories[path] = Story(
            path=path,
            post_id=first_id + i,
            title=title,
            author=person(rng),
            topic=writer.topic,
            date=date,
            paragraphs=writer.paragraphs(rng.randint(600, 950)),
            photo=f"/wp-content/uploads/{date[:4]}/{date[5:7]}/{slug[:40]}-{i}-1200x800.jpg",
            caption=writer.sentence(),
            photographer=person(rng),
        )
    paths = sorted(stories)
    for i, path in enumerate(paths):  # a link inside each story, which copies keep
        earlier = paths[i - 1]
        if earlier != path:
            link = f' <a href="{origin(key)}{earlier}">We reported on this earlier.</a>'
            stories[path].paragraphs[1] += link
    return stories


def _story_page(story: Story, key: str, name: str) -> str:
    home = origin(key)
    article = Article(
        title=story.title,
        byline=story.author,
        date=story.date,
        paragraphs=list(story.paragraphs),
        photo=home + story.photo,
        caption=story.caption,
        photo_credit=f"Photo by {story.photographer} for {name}",
        notes_after=[rtt_modal()],
        head=[f"<link rel='shortlink' href='{home}/?p={story.post_id}' />"],
    )
    return page(
        site_name=name,
        site_origin=home,
        style=STYLES[0],
        article=article,
        feed=home + "/feed/",
        url=home + story.path,
    )


@dataclass
class _Planned:
    """One partner article page before it is written."""

    path: str
    title: str
    date: str
    article: Article
    kind: str
    truth: Truth | None = None


def _copy(
    story: Story, defects: tuple[str, ...], partial: bool, rng: random.Random, partner: Site
) -> tuple[Article, frozenset[str]]:
    ours = origin("ours")
    paragraphs = list(story.paragraphs)
    if partial:  # the first paragraphs, at least half the story's words
        half = story.words / 2
        keep = len(paragraphs)
        for n in range(1, len(paragraphs) + 1):
            if sum(len(p.split()) for p in paragraphs[:n]) >= half:
                keep = min(len(paragraphs) - 1, max(n, math.ceil(len(paragraphs) * 0.6)))
                break
        paragraphs = paragraphs[:keep]
    if "edit_text" in defects:
        for i in rng.sample(range(len(paragraphs)), 2):
            sentences = paragraphs[i].split(". ")
            j = rng.randrange(len(sentences))
            sentences[j] = edit_sentence(sentences[j], rng, story.topic)
            paragraphs[i] = ". ".join(sentences)
        paragraphs[-1] += f" {partner.name} asked {TOPICS[story.topic]['orgs'][0]} for comment."
    notes = []
    if "drop_footer" not in defects:
        notes.append(
            rtt_footer(
                story_url=ours + story.path,
                home=ours,
                publisher=OURS,
                article_link="home_link" not in defects,
            )
        )
    if "strip_pixel" not in defects:
        notes.append(rtt_pixel(ours, story.post_id))
    hotlink = int(partner.key.removeprefix("partner")) % 2 == 0
    photo = ours + story.photo if hotlink else "/content/images/" + story.photo.rsplit("/", 1)[1]
    article = Article(
        title=story.title,
        byline=f"{story.author}, {OURS}",
        date=story.date,
        paragraphs=paragraphs,
        photo=photo,
        caption=story.caption,
        photo_credit=""
        if "strip_photo_credit" in defects
        else f"Photo by {story.photographer} for {OURS}",
        notes_after=notes,
        canonical="" if "self_canonical" in defects else ours + story.path,
    )
    planted = frozenset().union(*(DEFECTS[d] for d in defects)) if defects else frozenset()
    return article, planted


def _unrelated(
    kind: str, rng: random.Random, partner: Site, stories: list[Story], other: list[Story]
) -> Article:
    if kind == "syndicated":  # a story of the third publisher, republished with its handout
        story = rng.choice(other)
        home = origin("other")
        return Article(
            title=story.title,
            byline=f"{story.author}, {OTHER}",
            date=story.date,
            paragraphs=list(story.paragraphs),
            notes_after=[
                rtt_footer(
                    story_url=home + story.path, home=home, publisher=OTHER, article_link=True
                ),
                rtt_pixel(home, story.post_id),
            ],
            canonical=home + story.path,
        )
    writer = Writer(rng.choice(sorted(TOPICS)), rng)
    words = rng.randint(150, 300) if kind == "brief" else rng.randint(500, 900)
    paragraphs = writer.paragraphs(words)
    if kind == "quoting":  # one sentence of one of our stories, quoted and credited
        story = rng.choice(stories)
        sentence = rng.choice(" ".join(story.paragraphs[:3]).split(". ")).rstrip(".")
        link = f'<a href="{origin("ours")}{story.path}">{OURS} reported</a>'
        paragraphs.insert(2, f"As {link} in {story.date[5:7]}/{story.date[:4]}, “{sentence}.”")
    return Article(
        title=writer.title(),
        byline=f"{person(rng)}, {partner.name}",
        date=_date(rng),
        paragraphs=paragraphs,
        photo=f"/content/images/staff-{rng.randint(1000, 9999)}.jpg" if rng.random() < 0.5 else "",
        caption=writer.sentence(),
        photo_credit=f"Photo: {person(rng)}/{partner.name}",
    )


def _path(style: str, date: str, slug: str, n: int) -> str:
    if style == "wordpress":
        return f"/{date[:4]}/{date[5:7]}/{slug}/"
    if style == "ghost":
        return f"/{slug}/"
    if style == "drupal":
        return f"/news/{date[:4]}/{date[5:7]}/{date[8:]}/{slug}"
    return f"/article/{n}/{slug}.html"


def build(
    seed: int = 0,
    *,
    partner_pages: int = 1000,
    copies: int = 200,
    stories: int = 100,
    partners: int = 4,
    crawl_delay: float = 0.05,
    slow_seconds: float = 12.0,
) -> GeneratedWeb:
    """The whole web, deterministic in its arguments."""
    from sitegen_site import finish_partner, finish_publisher  # the sites' discovery files

    if not 1 <= partners <= len(PARTNER_NAMES):
        raise ValueError(f"partners must be 1 to {len(PARTNER_NAMES)}")
    # `stories` of ours are copied, each at least once; a fifth as many more never are.
    ours = _stories(seed, stories + max(1, stories // 5), "ours", 41000)
    rng = random.Random(f"sitegen:{seed}:web")
    story_list = [ours[p] for p in sorted(ours)]
    other_stories = list(_stories(seed + 7919, 30, "other", 7000).values())
    order = story_list[:]
    rng.shuffle(order)
    copied = order[:stories]
    if not stories <= copies <= min(stories * partners, partner_pages):
        raise ValueError("copies must be from stories to stories x partners (and pages)")
    firsts = [(story, rng.randrange(partners)) for story in copied]
    first = {(story.path, k) for story, k in firsts}
    more = [(s, k) for s in copied for k in range(partners) if (s.path, k) not in first]
    rng.shuffle(more)
    pairs = firsts + more[: copies - stories]
    rng.shuffle(pairs)
    per_partner = [
        partner_pages // partners + (k < partner_pages % partners) for k in range(partners)
    ]
    if any(sum(1 for _, k in pairs if k == p) > per_partner[p] for p in range(partners)):
        raise ValueError("a partner has more copies than pages")

    sites = [
        Site(f"partner{k}", PARTNER_NAMES[k], crawl_delay=crawl_delay) for k in range(partners)
    ]
    planned: list[list[_Planned]] = [[] for _ in range(partners)]
    used: set[str] = set()
    counter = 0

    def place(
        k: int, title: str, date: str, article: Article, kind: str, truth: Truth | None
    ) -> None:
        nonlocal counter
        counter += 1
        style = STYLES[k % len(STYLES)].name
        path = _path(style, date, slugify(title), 5000 + counter)
        while path in used or path.startswith(DISALLOWED) or path in ours:
            path = _path(style, date, f"{slugify(title)}-{counter}", 5000 + counter)
        used.add(path)
        planned[k].append(_Planned(path, title, date, article, kind, truth))

    for i, (story, k) in enumerate(pairs):
        crng = random.Random(f"sitegen:{seed}:copy:{i}")
        defects = PLAN[i % len(PLAN)]
        article, problems = _copy(story, defects, i % 3 == 2, crng, sites[k])
        article.date = f"{story.date[:8]}{min(28, int(story.date[8:]) + 2):02d}"
        place(k, story.title, article.date, article, "copy", Truth(story.path, problems))
    kinds = ["staff"] * 14 + ["brief"] * 3 + ["syndicated"] * 2 + ["quoting"]
    for k in range(partners):
        for j in range(per_partner[k] - len(planned[k])):
            urng = random.Random(f"sitegen:{seed}:unrelated:{k}:{j}")
            kind = kinds[j % len(kinds)]
            article = _unrelated(kind, urng, sites[k], story_list, other_stories)
            place(k, article.title, article.date, article, kind, None)

    web = GeneratedWeb(
        seed=seed,
        ours=Site("ours", OURS),
        other=Site("other", OTHER),
        partners=sites,
        stories=ours,
        truth={},
        unrelated=frozenset(),
        partner_of={},
        kinds={},
        channels={},
        drafts={},
        slow_seconds=slow_seconds,
    )
    for story in story_list:
        web.ours.routes[story.path] = _html(_story_page(story, "ours", OURS))
        web.ours.routes[story.photo] = Response(200, JPEG, "image/jpeg")
    finish_publisher(web.ours, story_list)
    for story in other_stories:
        web.other.routes[story.path] = _html(_story_page(story, "other", OTHER))
        web.other.routes[story.photo] = Response(200, JPEG, "image/jpeg")
    finish_publisher(web.other, other_stories)
    unrelated: set[str] = set()
    for k, site in enumerate(sites):
        finish_partner(web, site, k, planned[k], random.Random(f"sitegen:{seed}:site:{k}"))
        for item in planned[k]:
            web.partner_of[item.path] = k
            web.kinds[item.path] = item.kind
            if item.truth is not None:
                web.truth[item.path] = item.truth
            else:
                unrelated.add(item.path)
    web.unrelated = frozenset(unrelated)
    return web


def serve(web: GeneratedWeb) -> AbstractContextManager[Served]:
    """Run `web` on loopback (tests/sitegen_serve.py): `with serve(web) as served: ...`."""
    from sitegen_serve import serve as run

    return run(web)


__all__ = ["PROBLEMS", "GeneratedWeb", "Response", "Site", "Story", "Truth", "build", "serve"]
