"""A small site on a real loopback HTTP server for the crawler's unit tests: robots.txt with a
disallowed folder, a Crawl-delay and a Sitemap line, a sitemap index over a gzipped and a news
sitemap, a feed the home page advertises, a paginated WordPress-style API, a redirect, a 404,
a 500, and pages that declare their source in each of the ways declared.py knows.

Each request is logged (time, path, headers) so that tests can count what was asked for.
"""

from __future__ import annotations

import gzip
import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ORIGINAL = "https://original.example/story"


def article(title: str, body: str, head: str = "", extra: str = "") -> str:
    return (
        f"<!doctype html><html><head><title>{title}</title>{head}</head><body><article>"
        f"<h1>{title}</h1>{body}{extra}</article></body></html>"
    )


PARAGRAPH = "<p>" + " ".join(f"word{i} sentence text" for i in range(40)) + ".</p>"


@dataclass
class Site:
    pages: dict[str, tuple[int, str, bytes, dict[str, str]]] = field(default_factory=dict)
    log: list[tuple[float, str, dict[str, str]]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    base: str = ""
    # Called (on the server's thread) before a path is answered: a slow page, a record.
    before: dict[str, Callable[[], None]] = field(default_factory=dict)

    def add(self, path: str, body: bytes | str, kind: str = "text/html", status: int = 200,
            headers: dict[str, str] | None = None) -> None:  # fmt: skip
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.pages[path] = (status, kind, data, headers or {})

    def hits(self, path: str) -> int:
        return sum(1 for _, asked, _ in self.log if asked == path)

    def paths(self) -> list[str]:
        return [asked for _, asked, _ in self.log]


def small_site(delay: str = "0") -> Site:
    site = Site()
    pages = {
        "/news/declared-meta": article(
            "Meta", PARAGRAPH, f'<meta name="syndication-source" content="{ORIGINAL}">'
        ),
        "/news/declared-jsonld": article(
            "JSON-LD",
            PARAGRAPH,
            '<script type="application/ld+json">{"@type": "NewsArticle", "isBasedOn": "https://original.example/other"}</script>',
        ),
        "/news/own": article("Our own", PARAGRAPH),
        "/news/from-feed": article(
            "Feed only",
            PARAGRAPH,
            '<meta name="original-source" content="https://original.example/feed">',
        ),
        "/news/from-api": article("API only", PARAGRAPH),
        "/news/target": article("Target", PARAGRAPH),
        "/private/secret": article("Secret", PARAGRAPH),
    }
    for path, html in pages.items():
        site.add(path, html, headers={"ETag": f'"{path}"'})
    site.add("/news/moved", b"", status=301, headers={"Location": "/news/target"})
    site.add("/news/server-error", "broken", status=500)
    robots = (
        f"User-agent: *\nDisallow: /private/\nCrawl-delay: {delay}\nSitemap: /sitemap-index.xml\n"
    )
    site.add("/robots.txt", robots, "text/plain")
    site.add(
        "/",
        article(
            "Home",
            "<p>Welcome</p>",
            '<link rel="alternate" type="application/rss+xml" href="/feed.xml">',
        ),
    )
    index = (
        '<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<sitemap><loc>{b}/sitemap-pages.xml.gz</loc></sitemap><sitemap><loc>{b}/sitemap-news.xml</loc></sitemap>"
        "<sitemap><loc>{b}/private/sitemap-hidden.xml</loc></sitemap></sitemapindex>"
    )
    urls = "".join(
        f"<url><loc>{{b}}{p}</loc></url>"
        for p in (
            "/news/declared-meta",
            "/news/own",
            "/news/moved",
            "/news/missing",
            "/news/server-error",
            "/private/secret",
        )
    )
    pages_map = f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    news = (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>{b}/news/declared-jsonld</loc>'
        "<news:news><news:publication><news:name>Site</news:name><news:language>en</news:language></news:publication>"
        "<news:publication_date>2026-01-02</news:publication_date><news:title>JSON-LD</news:title></news:news></url></urlset>"
    )
    site.add("/sitemap-index.xml", index, "application/xml")
    site.add("/sitemap-pages.xml.gz", pages_map, "application/gzip")
    site.add("/sitemap-news.xml", news, "application/xml")
    site.add("/private/sitemap-hidden.xml", pages_map, "application/xml")
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Site</title><link>{b}/</link>'
        "<item><title>Feed only</title><link>{b}/news/from-feed</link></item>"
        "<item><title>Meta</title><link>{b}/news/declared-meta</link></item></channel></rss>"
    )
    site.add("/feed.xml", feed, "application/rss+xml")
    site.add(
        "/wp-json/wp/v2/posts?per_page=100&page=1",
        json.dumps([{"id": 1, "link": "{b}/news/from-api"}]),
        "application/json",
    )
    site.add(
        "/wp-json/wp/v2/posts?per_page=100&page=2",
        json.dumps({"code": "rest_post_invalid_page_number"}),
        "application/json",
        status=400,
    )
    return site


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            with site.lock:
                site.log.append((time.monotonic(), self.path, dict(self.headers.items())))
            if (hook := site.before.get(self.path)) is not None:
                hook()
            found = site.pages.get(self.path)
            if found is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            status, kind, data, headers = found
            data = data.replace(b"{b}", site.base.encode())
            if self.path.endswith(".gz"):
                data = gzip.compress(data, mtime=0)
            etag, modified = headers.get("ETag"), headers.get("Last-Modified")
            if (etag and self.headers.get("If-None-Match") == etag) or (
                modified and self.headers.get("If-Modified-Since") == modified
            ):
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

    return Handler


@contextmanager
def serving(site: Site) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site.base
    finally:
        server.shutdown()
        server.server_close()


def hostile_site() -> Site:
    """Redirects into the disallowed folder, a redirect loop, an oversized page, a page that
    only has Last-Modified."""
    site = Site()
    site.add(
        "/robots.txt", "User-agent: *\nDisallow: /private/\nSitemap: /sitemap.xml\n", "text/plain"
    )
    paths = ["/news/to-private", "/news/loop-a", "/news/huge", "/news/dated"]
    urls = "".join(f"<url><loc>{{b}}{p}</loc></url>" for p in paths)
    site.add(
        "/sitemap.xml",
        f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>',
        "application/xml",
    )
    site.add("/news/to-private", b"", status=302, headers={"Location": "/private/draft"})
    site.add("/private/draft", article("Draft", PARAGRAPH))
    site.add("/news/loop-a", b"", status=301, headers={"Location": "/news/loop-b"})
    site.add("/news/loop-b", b"", status=301, headers={"Location": "/news/loop-a"})
    site.add("/news/huge", article("Huge", PARAGRAPH * 200))
    site.add(
        "/news/dated",
        article("Dated", PARAGRAPH),
        headers={"Last-Modified": "Mon, 05 Jan 2026 10:00:00 GMT"},
    )
    return site
