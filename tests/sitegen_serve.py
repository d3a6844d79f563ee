"""Serve a generated web (tests/sitegen.py) on loopback: one real ThreadingHTTPServer per site,
each on its own port of 127.0.0.1, that logs every request it answers.

The placeholder origins in the pages become the servers' real origins here; gzipped sitemaps
are compressed after that. Pages carry an ETag and a Last-Modified date and answer 304 to a
matching conditional request, as a real site behind a cache does.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, NamedTuple
from urllib.parse import parse_qs, urlsplit

from sitegen import GeneratedWeb, Response, Site
from sitegen_site import disallowed

LAST_MODIFIED = "Fri, 01 May 2026 08:00:00 GMT"
GIF = bytes.fromhex(
    "47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b"
)


class Request(NamedTuple):
    time: float  # time.monotonic() when the request arrived
    host: str  # the site's netloc, 127.0.0.1:PORT
    path: str  # path and query as asked
    site: str  # the site's key: ours, other, partner0...
    method: str
    status: int
    conditional: bool  # sent If-None-Match or If-Modified-Since
    user_agent: str


@dataclass
class _Live:
    site: Site
    url: str = ""
    routes: dict[str, Response] = field(default_factory=dict)
    etags: dict[str, str] = field(default_factory=dict)
    server: ThreadingHTTPServer | None = None


class Served:
    """The running web: its URLs and what its servers were asked."""

    def __init__(self, web: GeneratedWeb, live: dict[str, _Live]) -> None:
        self.web = web
        self._live = live
        self._log: list[Request] = []
        self._lock = threading.Lock()

    @property
    def ours_url(self) -> str:
        return self._live["ours"].url

    @property
    def other_url(self) -> str:
        return self._live["other"].url

    @property
    def partner_urls(self) -> list[str]:
        return [self._live[site.key].url for site in self.web.partners]

    def url(self, site: Site, path: str) -> str:
        return self._live[site.key].url + path

    def body(self, site: Site, path: str) -> bytes:
        """The bytes served for `path`, with the real origins in them."""
        return self._live[site.key].routes[path].body

    def record(self, request: Request) -> None:
        with self._lock:
            self._log.append(request)

    def responses(self) -> list[Request]:
        with self._lock:
            return list(self._log)

    def request_log(self) -> list[tuple[float, str, str]]:
        """(time, host, path) of every request, in order of arrival."""
        return [(r.time, r.host, r.path) for r in self.responses()]

    def disallowed_hits(self) -> list[Request]:
        """Requests for paths that robots.txt disallows to every crawler."""
        return [r for r in self.responses() if disallowed(r.path)]

    def hits(self, path: str, site: str | None = None) -> int:
        return sum(1 for r in self.responses() if r.path == path and site in (None, r.site))

    def reset(self) -> None:
        with self._lock:
            self._log.clear()


def _posts_page(live: _Live, query: dict[str, list[str]]) -> tuple[int, bytes, dict[str, str]]:
    """`/wp-json/wp/v2/posts?per_page=N&page=P` as WordPress answers it."""
    posts = live.site.posts
    try:
        per_page = int(query.get("per_page", ["10"])[0])
        number = int(query.get("page", ["1"])[0])
    except ValueError:
        per_page, number = 0, 0
    if not 1 <= per_page <= 100 or number < 1:
        error = {"code": "rest_invalid_param", "message": "Invalid parameter(s): per_page, page"}
        return 400, json.dumps(error).encode(), {}
    pages = max(1, math.ceil(len(posts) / per_page))
    if number > pages:
        error = {
            "code": "rest_post_invalid_page_number",
            "message": "The page number requested is larger than the number of pages available.",
            "data": {"status": 400},
        }
        return 400, json.dumps(error).encode(), {}
    chosen = posts[(number - 1) * per_page : number * per_page]
    rows = [
        {
            "id": post.id,
            "date": f"{post.date}T08:00:00",
            "slug": post.slug,
            "status": "publish",
            "type": "post",
            "link": live.url + post.path,
            "title": {"rendered": post.title},
            "content": {"rendered": post.content, "protected": False},
        }
        for post in chosen
    ]
    base = f"{live.url}/wp-json/wp/v2/posts?per_page={per_page}"
    links = []
    if number < pages:
        links.append(f'<{base}&page={number + 1}>; rel="next"')
    if number > 1:
        links.append(f'<{base}&page={number - 1}>; rel="prev"')
    headers = {"X-WP-Total": str(len(posts)), "X-WP-TotalPages": str(pages)}
    if links:
        headers["Link"] = ", ".join(links)
    return 200, json.dumps(rows).encode(), headers


def _handler(served: Served, live: _Live) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:
            pass

        def do_HEAD(self) -> None:
            self._answer(body=False)

        def do_GET(self) -> None:
            self._answer(body=True)

        def _answer(self, body: bool) -> None:
            arrived = time.monotonic()
            parts = urlsplit(self.path)
            query = parse_qs(parts.query)
            headers: dict[str, str] = {}
            response = live.routes.get(self.path) or live.routes.get(parts.path)
            if parts.path == "/wp-json/wp/v2/posts":
                status, payload, headers = _posts_page(live, query)
                response = Response(status, payload, "application/json; charset=UTF-8")
            elif query.get("republication-pixel") == ["true"]:
                response = Response(200, GIF, "image/gif")
            elif response is None:
                response = live.routes["/__404__"]
            conditional = bool(
                self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since")
            )
            status = response.status
            etag = live.etags.get(self.path) or live.etags.get(parts.path, "")
            if (status == 200 and etag and self.headers.get("If-None-Match") == etag) or (
                status == 200 and self.headers.get("If-Modified-Since") == LAST_MODIFIED
            ):
                status = 304
            served.record(
                Request(arrived, live.url.split("//", 1)[1], self.path, live.site.key, self.command,
                        status, conditional, self.headers.get("User-Agent", ""))
            )  # fmt: skip
            if response.delay:
                time.sleep(response.delay)
            try:
                self.send_response(status)
                if response.location:
                    self.send_header("Location", response.location)
                self.send_header("Content-Type", response.content_type)
                if etag and status in (200, 304):
                    self.send_header("ETag", etag)
                    self.send_header("Last-Modified", LAST_MODIFIED)
                for name, value in headers.items():
                    self.send_header(name, value)
                payload = b"" if status == 304 else response.body
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                if body and payload:
                    self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the crawler gave up waiting (the slow page) or was killed

    return Handler


def _fill(live: dict[str, _Live]) -> None:
    """Write the real origins into every body; compress and tag what needs it."""
    swaps = [
        (f"http://{key}.sitegen.invalid".encode(), item.url.encode()) for key, item in live.items()
    ]
    for item in live.values():
        for path, response in item.site.routes.items():
            content = response.body
            for placeholder, real in swaps:
                content = content.replace(placeholder, real)
            location = response.location
            for placeholder, real in swaps:
                location = location.replace(placeholder.decode(), real.decode())
            if response.gzip:
                content = gzip.compress(content, mtime=0)
            item.routes[path] = Response(response.status, content, response.content_type, location,
                                         response.delay)  # fmt: skip
            if response.status == 200:
                item.etags[path] = '"' + hashlib.sha1(content).hexdigest()[:20] + '"'
        not_found = f"<!DOCTYPE html><html><body><h1>Page not found</h1><p>{item.site.name}</p></body></html>"
        item.routes["/__404__"] = Response(404, not_found.encode())


@contextmanager
def serve(web: GeneratedWeb) -> Iterator[Served]:
    """Start a server per site on 127.0.0.1, yield the running web, stop them all."""
    live = {site.key: _Live(site) for site in web.sites}
    served = Served(web, live)
    started: list[ThreadingHTTPServer] = []
    try:
        for item in live.values():
            server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(served, item))
            server.daemon_threads = True
            server.block_on_close = False  # a slow page's thread must not hold the shutdown
            item.server = server
            item.url = f"http://127.0.0.1:{server.server_address[1]}"
        _fill(live)
        for item in live.values():
            assert item.server is not None
            threading.Thread(target=item.server.serve_forever, daemon=True).start()
            started.append(item.server)
        yield served
    finally:
        for server in started:
            server.shutdown()
        for item in live.values():
            if item.server is not None:
                item.server.server_close()
