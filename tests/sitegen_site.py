"""The discovery files and odd pages of a generated site (tests/sitegen.py): robots.txt,
sitemaps, feeds, the WordPress REST API's posts, redirects, failures and disallowed drafts."""

from __future__ import annotations

import random
from collections.abc import Sequence

from sitegen import JPEG, OURS, GeneratedWeb, Post, Response, Site, Story, _Planned
from sitegen_html import (
    STYLES,
    Article,
    atom,
    error_page,
    home_page,
    page,
    rss,
    rtt_footer,
    rtt_pixel,
    sitemap_index,
    urlset,
)

FEED_ITEMS = 20
FEED_ONLY = 2  # the newest pages, not yet in the sitemaps or the API's cache
REDIRECT_ONLY = 2  # pages reached only through an old URL (301) or a shortlink (302)
DRAFTS = 3  # copies in the disallowed folder, listed by the sitemaps and the feed


def robots(site: Site, sitemap: str) -> str:
    delay = f"Crawl-delay: {site.crawl_delay:g}\n" if site.crawl_delay else ""
    return (
        "# robots.txt for " + site.name + "\n"
        "User-agent: GPTBot\nDisallow: /\n\n"
        "User-agent: *\n"
        f"{delay}"
        "Disallow: /private/\n"
        "Disallow: /wp-admin/\n"
        "Allow: /wp-admin/admin-ajax.php\n"
        "Disallow: /*?replytocom=\n\n"
        f"Sitemap: {site.origin}{sitemap}\n"
    )


def disallowed(path: str) -> bool:
    """Whether the rules `robots` writes forbid `path` (with its query) to every crawler.

    Written out rather than parsed back, so that the count does not share a robots.txt
    parser with the crawler it judges."""
    if path.startswith("/wp-admin/"):
        return not path.startswith("/wp-admin/admin-ajax.php")
    return path.startswith("/private/") or "?replytocom=" in path


def _html(text: str, status: int = 200) -> Response:
    return Response(status, text.encode("utf-8"))


def _xml(text: str, *, gzip: bool = False, kind: str = "application/xml") -> Response:
    return Response(200, text.encode("utf-8"), kind, gzip=gzip)


def finish_publisher(site: Site, stories: Sequence[Story]) -> None:
    """A publisher's WordPress: home page, robots, a sitemap index, a feed, the API, shortlinks."""
    newest = sorted(stories, key=lambda s: (s.date, s.path), reverse=True)
    home = site.origin
    site.routes["/"] = _html(
        home_page(
            site.name,
            home + "/feed/",
            "application/rss+xml",
            [(home + s.path, s.title) for s in newest[:10]],
        )
    )
    site.routes["/robots.txt"] = Response(
        200, robots(site, "/sitemap_index.xml").encode(), "text/plain"
    )
    site.routes["/sitemap_index.xml"] = _xml(sitemap_index([home + "/post-sitemap.xml"]))
    site.routes["/post-sitemap.xml"] = _xml(urlset([(home + s.path, s.date) for s in newest]))
    items = [(home + s.path, s.title, s.date) for s in newest[:FEED_ITEMS]]
    site.routes["/feed/"] = _xml(rss(site.name, home, items), kind="application/rss+xml")
    for story in stories:
        site.routes[f"/?p={story.post_id}"] = Response(301, b"", location=home + story.path)
        site.posts.append(
            Post(
                story.post_id,
                story.date,
                story.path,
                story.path.strip("/").rsplit("/", 1)[-1],
                story.title,
                "".join(f"<p>{p}</p>" for p in story.paragraphs),
            )
        )
    site.posts.sort(key=lambda p: (p.date, p.id), reverse=True)


def _channels(items: list[_Planned], rng: random.Random) -> dict[str, set[str]]:
    channels: dict[str, set[str]] = {}
    for item in items:
        r = rng.random()
        chosen = {"sitemap", "wp-api"} if r < 0.6 else {"sitemap"} if r < 0.85 else {"wp-api"}
        channels[item.path] = chosen
    newest = sorted(items, key=lambda i: (i.date, i.path), reverse=True)
    for n, item in enumerate(newest[:FEED_ITEMS]):
        channels[item.path].add("feed")
        if n < FEED_ONLY:
            channels[item.path] = {"feed"}
    for item in newest[FEED_ONLY : FEED_ONLY + 10]:
        channels[item.path].add("news")
    hidden = [i for i in newest[FEED_ITEMS:] if channels[i.path] != {"feed"}]
    for item in rng.sample(hidden, min(REDIRECT_ONLY, len(hidden))):
        channels[item.path] = {"redirect"}
    rest = [i for i in hidden if channels[i.path] != {"redirect"}]
    if rest and not any(channels[i.path] == {"wp-api"} for i in rest):
        channels[rng.choice(rest).path] = {"wp-api"}  # at least one page only the API lists
    return channels


def finish_partner(
    web: GeneratedWeb, site: Site, k: int, items: list[_Planned], rng: random.Random
) -> None:
    """A partner site: its article pages, discovery files and the pages a crawler trips on."""
    style = STYLES[k % len(STYLES)]
    home = site.origin
    atom_feed = k % 2 == 1
    feed = "/feed.atom" if atom_feed else "/feed/"
    channels = _channels(items, rng)
    titles = [(home + i.path, i.title) for i in items]
    for n, item in enumerate(items):
        related = [titles[(n + d) % len(titles)] for d in (1, 2, 3) if len(titles) > d]
        html = page(
            site_name=site.name,
            site_origin=home,
            style=style,
            article=item.article,
            feed=home + feed,
            url=home + item.path,
            related=related,
        )
        site.routes[item.path] = Response(200, html.encode("utf-8"))
        if item.article.photo.startswith("/"):
            site.routes[item.article.photo] = Response(200, JPEG, "image/jpeg")
        web.channels[item.path] = frozenset(channels[item.path])
        if "wp-api" in channels[item.path]:
            slug = item.path.strip("/").rsplit("/", 1)[-1]
            content = "".join(f"<p>{p}</p>" for p in item.article.paragraphs)
            site.posts.append(
                Post(10000 * (k + 1) + n, item.date, item.path, slug, item.title, content)
            )
    site.posts.sort(key=lambda p: (p.date, p.id), reverse=True)

    # Redirects: an old URL moved for good (301), a shortlink (302), and a loop.
    redirected = [i for i in items if channels[i.path] == {"redirect"}]
    listed_redirects: list[str] = []
    feed_extra: list[tuple[str, str, str]] = []
    for n, item in enumerate(redirected):
        if n % 2 == 0:
            old = f"/old-site/{item.path.strip('/').rsplit('/', 1)[-1]}"
            site.routes[old] = Response(301, b"", location=home + item.path)
            listed_redirects.append(old)
        else:
            old = f"/?p={9000 + n}"
            site.routes[old] = Response(302, b"", location=item.path)  # relative, as PHP sends
            feed_extra.append((home + old, item.title, item.date))
        site.redirects[old] = item.path
    site.routes["/loop-a/"] = Response(301, b"", location=home + "/loop-b/")
    site.routes["/loop-b/"] = Response(301, b"", location=home + "/loop-a/")
    site.failures.update({"/loop-a/": "loop", "/2025/12/removed-story/": "404",
                          "/broken-page/": "500", "/slow-page/": "slow"})  # fmt: skip
    site.routes["/2025/12/removed-story/"] = _html(error_page(404, site.name), 404)
    site.routes["/broken-page/"] = _html(error_page(500, site.name), 500)
    slow = items[0].article
    site.routes["/slow-page/"] = Response(
        200, page(site_name=site.name, site_origin=home, style=style, article=slow,
                  feed=home + feed, url=home + "/slow-page/").encode(), delay=web.slow_seconds,
    )  # fmt: skip

    # Drafts of copies in the disallowed folder: a careless crawler would report them.
    copied = sorted(web.stories)
    drafts: list[str] = []
    for n in range(DRAFTS):
        story = web.stories[copied[rng.randrange(len(copied))]]
        path = f"/private/drafts/{story.path.strip('/').rsplit('/', 1)[-1]}-{k}-{n}/"
        ours = web.ours.origin
        article = Article(
            title=story.title, byline=f"{story.author}, {OURS}", date=story.date,
            paragraphs=list(story.paragraphs), canonical=ours + story.path,
            notes_after=[rtt_footer(story_url=ours + story.path, home=ours, publisher=OURS,
                                    article_link=True), rtt_pixel(ours, story.post_id)],
        )  # fmt: skip
        html = page(site_name=site.name, site_origin=home, style=style, article=article,
                    feed=home + feed, url=home + path)  # fmt: skip
        site.routes[path] = Response(200, html.encode("utf-8"))
        web.drafts[path] = story.path
        drafts.append(path)
        site.drafts.append(path)

    def entries(paths: Sequence[str]) -> list[tuple[str, str]]:
        dates = {i.path: i.date for i in items}
        return [(home + p, dates.get(p, "2026-05-01")) for p in paths]

    in_sitemap = [i.path for i in items if "sitemap" in channels[i.path]]
    half = len(in_sitemap) // 2
    comments = [f"{p}?replytocom={100 + n}" for n, p in enumerate(in_sitemap[:2])]
    site.routes["/post-sitemap1.xml.gz"] = _xml(
        urlset(entries(in_sitemap[:half])), gzip=True, kind="application/x-gzip"
    )
    odd = [*listed_redirects, "/loop-a/", "/2025/12/removed-story/", *drafts, *comments]
    site.routes["/post-sitemap2.xml"] = _xml(urlset(entries([*in_sitemap[half:], *odd])))
    news = [i.path for i in items if "news" in channels[i.path]]
    site.routes["/news-sitemap.xml"] = _xml(
        urlset(entries([*news, "/broken-page/"]), news=site.name)
    )
    site.routes["/private/sitemap-drafts.xml"] = _xml(urlset(entries(drafts)))
    index = ["/post-sitemap1.xml.gz", "/post-sitemap2.xml", "/news-sitemap.xml",
             "/private/sitemap-drafts.xml"]  # fmt: skip
    site.routes["/sitemap_index.xml"] = _xml(sitemap_index([home + p for p in index]))
    site.routes["/robots.txt"] = Response(
        200, robots(site, "/sitemap_index.xml").encode(), "text/plain"
    )

    newest = sorted(items, key=lambda i: (i.date, i.path), reverse=True)
    feed_items = [(home + i.path, i.title, i.date) for i in newest if "feed" in channels[i.path]]
    feed_items += [
        *feed_extra,
        (home + drafts[0], "Draft", "2026-05-30"),
        (home + "/slow-page/", "Slow", "2026-05-30"),
    ]
    if atom_feed:
        site.routes[feed] = _xml(atom(site.name, home, feed_items), kind="application/atom+xml")
    else:
        site.routes[feed] = _xml(rss(site.name, home, feed_items), kind="application/rss+xml")
    feed_type = "application/atom+xml" if atom_feed else "application/rss+xml"
    latest = [(home + i.path, i.title) for i in newest[:10] if channels[i.path] != {"redirect"}]
    reply = f'<p><a href="{home}{items[0].path}?replytocom=7">Reply to a comment</a></p>'
    site.routes["/"] = _html(home_page(site.name, home + feed, feed_type, latest, reply))
