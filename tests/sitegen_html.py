"""The pages of the generated web (tests/sitegen.py): our WordPress story pages with the
Republication Tracker Tool, partners' pages in four CMS styles, and the discovery files.

URLs to another site are written with that site's placeholder origin (`http://ours.sitegen.invalid`)
and replaced by the real loopback origin when the web is served, so `build` stays pure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from xml.sax.saxutils import escape as xml_escape

CC_BY_ND = "https://creativecommons.org/licenses/by-nd/4.0/"
CC_NAME = "Creative Commons Attribution-NoDerivatives 4.0 International License"


def origin(site: str) -> str:
    """The placeholder origin of a site, replaced when served."""
    return f"http://{site}.sitegen.invalid"


@dataclass
class Article:
    """A page's article: what the templates print, before a site's chrome."""

    title: str
    byline: str
    date: str  # ISO date
    paragraphs: list[str]
    photo: str = ""  # image URL
    caption: str = ""
    photo_credit: str = ""  # printed after the caption when set
    notes_after: list[str] = field(default_factory=list)  # raw HTML after the body
    head: list[str] = field(default_factory=list)  # raw HTML in <head>
    canonical: str = ""


def figure(article: Article) -> str:
    if not article.photo:
        return ""
    credit = f' <span class="credit">{escape(article.photo_credit)}</span>'
    credit = credit if article.photo_credit else ""
    return (
        f'<figure class="wp-block-image"><img src="{article.photo}" alt="" width="1200" '
        f'height="800"><figcaption>{escape(article.caption)}{credit}</figcaption></figure>'
    )


def body(article: Article) -> str:
    return "\n".join(f"<p>{p}</p>" for p in article.paragraphs)


@dataclass(frozen=True)
class Style:
    """A CMS's markup around the article."""

    name: str
    open: str  # up to the headline
    after_title: str  # between the byline and the body
    close: str


STYLES = (
    Style(
        "wordpress",
        '<main id="main" class="site-main"><article class="post type-post status-publish hentry">'
        '<header class="entry-header">',
        '</header><div class="entry-content">',
        '</div></article><aside class="widget-area"><h2>Most read</h2><ul>{related}</ul></aside>'
        "</main>",
    ),
    Style(
        "ghost",
        '<main class="gh-main"><article class="gh-article post"><header class="gh-article-header">',
        '</header><section class="gh-content gh-canvas">',
        '</section></article><section class="gh-read-next"><h3>Read next</h3><ul>{related}</ul>'
        "</section></main>",
    ),
    Style(
        "drupal",
        '<div class="layout-container"><main role="main"><div class="node node--type-article">'
        '<div class="node__header">',
        '</div><div class="node__content"><div class="field field--name-body text-formatted">',
        '</div></div></div><div class="block-views-related"><h2>Related</h2><ul>{related}</ul>'
        "</div></main></div>",
    ),
    Style(
        "arc",
        '<div id="fusion-app"><main><div class="article-header">',
        '</div><div class="article-body" itemprop="articleBody">',
        '</div><div class="teasers"><h4>More stories</h4><ul>{related}</ul></div></main></div>',
    ),
)


def page(
    *,
    site_name: str,
    site_origin: str,
    style: Style,
    article: Article,
    feed: str,
    url: str,
    related: Sequence[tuple[str, str]] = (),
) -> str:
    """A whole article page in `style`."""
    canonical = article.canonical or url
    links = "".join(f'<li><a href="{href}">{escape(text)}</a></li>' for href, text in related)
    head = "\n".join(article.head)
    return f"""<!DOCTYPE html>
<html lang="en-US"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(article.title)} – {escape(site_name)}</title>
<link rel="canonical" href="{canonical}">
<link rel="alternate" type="application/rss+xml" title="{escape(site_name)}" href="{feed}">
<meta property="og:site_name" content="{escape(site_name)}">
<meta property="og:type" content="article">
<meta property="og:title" content="{escape(article.title)}">
<meta property="og:url" content="{url}">
<meta property="article:published_time" content="{article.date}T08:00:00-08:00">
<meta name="author" content="{escape(article.byline)}">
{head}
</head>
<body class="single {style.name}">
<header class="site-header"><a class="site-title" href="{site_origin}/">{escape(site_name)}</a>
<nav class="main-navigation"><ul><li><a href="{site_origin}/news/">News</a></li>
<li><a href="{site_origin}/about/">About</a></li><li><a href="{site_origin}/donate/">Donate</a></li>
</ul></nav></header>
{style.open}<h1 class="entry-title">{escape(article.title)}</h1>
<div class="byline">By {escape(article.byline)} <time datetime="{article.date}">{article.date}</time></div>
{style.after_title}
{figure(article)}
{body(article)}
{"".join(article.notes_after)}
{style.close.format(related=links)}
<footer class="site-footer"><p>© 2026 {escape(site_name)}. All rights reserved.</p>
<p><a href="{site_origin}/privacy/">Privacy</a> · <a href="{site_origin}/contact/">Contact</a></p>
</footer></body></html>
"""


def rtt_footer(*, story_url: str, home: str, publisher: str, article_link: bool) -> str:
    """The Republication Tracker Tool's handout footer, as pasted by a partner."""
    article = f'<a target="_blank" href="{story_url}">article</a>' if article_link else "article"
    return (
        f'<p>This {article} first appeared on <a target="_blank" href="{home}">'
        f"{escape(publisher)}</a> and is republished here under a "
        f'<a target="_blank" href="{CC_BY_ND}">{CC_NAME}</a>.</p>'
    )


def rtt_pixel(home: str, post_id: int) -> str:
    return (
        f'<img id="republication-tracker-tool-source" src="{home}/?republication-pixel=true&amp;'
        f'post={post_id}&amp;ga4=G-SITEGEN01" style="width:1px;height:1px;">'
    )


def rtt_modal() -> str:
    """The republish box on the original's page (hidden until a reader asks for it)."""
    return (
        '<div id="republication-tracker-tool-modal" class="republication-tracker-tool-modal" '
        'style="display:none"><h2>Republish this article</h2><p>This work is licensed under a '
        f'<a href="{CC_BY_ND}">{CC_NAME}</a>.</p></div>'
    )


def home_page(
    site_name: str, feed: str, feed_type: str, latest: Sequence[tuple[str, str]], extra: str = ""
) -> str:
    items = "".join(f'<li><a href="{href}">{escape(text)}</a></li>' for href, text in latest)
    return f"""<!DOCTYPE html>
<html lang="en-US"><head><meta charset="utf-8"><title>{escape(site_name)}</title>
<link rel="alternate" type="{feed_type}" title="{escape(site_name)} feed" href="{feed}">
<link rel="https://api.w.org/" href="/wp-json/">
</head><body><header><h1>{escape(site_name)}</h1></header>
<main><h2>Latest</h2><ul>{items}</ul>{extra}</main></body></html>
"""


def error_page(status: int, site_name: str) -> str:
    what = "Page not found" if status == 404 else "Something went wrong"
    return (
        f"<!DOCTYPE html><html><head><title>{what} – {escape(site_name)}</title></head>"
        f"<body><h1>{what}</h1><p>Error {status}.</p></body></html>"
    )


def urlset(entries: Sequence[tuple[str, str]], *, news: str = "") -> str:
    """A sitemap; with `news` (the publication's name), a Google News sitemap."""
    ns = ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' if news else ""
    rows = []
    for loc, date in entries:
        extra = f"<lastmod>{date}T08:00:00+00:00</lastmod>"
        if news:
            extra = (
                f"<news:news><news:publication><news:name>{xml_escape(news)}</news:name>"
                "<news:language>en</news:language></news:publication>"
                f"<news:publication_date>{date}T08:00:00+00:00</news:publication_date>"
                f"<news:title>Story {xml_escape(loc.rsplit('/', 2)[-2] or loc)}</news:title>"
                "</news:news>"
            )
        rows.append(f"<url><loc>{xml_escape(loc)}</loc>{extra}</url>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{ns}>\n'
        + "\n".join(rows)
        + "\n</urlset>\n"
    )


def sitemap_index(locs: Sequence[str]) -> str:
    rows = "\n".join(f"<sitemap><loc>{xml_escape(loc)}</loc></sitemap>" for loc in locs)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{rows}\n</sitemapindex>\n"
    )


def rss(site_name: str, home: str, items: Sequence[tuple[str, str, str]]) -> str:
    """RSS 2.0: items are (link, title, date)."""
    rows = "\n".join(
        f"<item><title>{xml_escape(title)}</title><link>{xml_escape(link)}</link>"
        f'<guid isPermaLink="true">{xml_escape(link)}</guid>'
        f"<pubDate>{date} 08:00:00 +0000</pubDate></item>"
        for link, title, date in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        f"<title>{xml_escape(site_name)}</title><link>{home}/</link>"
        f"<description>News from {xml_escape(site_name)}</description>\n{rows}\n</channel></rss>\n"
    )


def atom(site_name: str, home: str, items: Sequence[tuple[str, str, str]]) -> str:
    """Atom 1.0: items are (link, title, date)."""
    rows = "\n".join(
        f'<entry><title>{xml_escape(title)}</title><link rel="alternate" href="{xml_escape(link)}"/>'
        f"<id>{xml_escape(link)}</id><updated>{date}T08:00:00Z</updated></entry>"
        for link, title, date in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f'<title>{xml_escape(site_name)}</title><link href="{home}/"/><id>{home}/</id>'
        f"<updated>2026-06-01T00:00:00Z</updated>\n{rows}\n</feed>\n"
    )
