"""Network, only when asked (`--allow-network`): fetch a source page or probe an original link.

Redirects are followed here, not by urllib, so that every hop is vetted like the first: the
host name is resolved once, refused if ANY of its addresses is not public (unless
`allow_private`), and the connection goes to that vetted address while the Host header, TLS SNI
and certificate check keep the name, so an answer that changes in between (DNS rebinding)
cannot steer it. Proxy settings are ignored for the same reason.

Cache: successful 200 responses are kept for the run in memory and, when `cache_dir` is set,
on disk (one file per URL, named by the sha256 of the URL without its fragment). No
Cache-Control or Expires is honoured. Without `cache_ttl` a file stays until it is deleted;
with it (the crawler), an entry older than `cache_ttl` seconds is revalidated with a
conditional request (If-None-Match / If-Modified-Since from the stored ETag / Last-Modified),
and a 304 keeps the stored body. With `allow_private` nothing goes to disk, so that a private
page never outlives its run, unless `cache_private` says the user asked for the folder (the
crawler's --cache-dir, whose pages are its output).
Politeness is per origin (host and port): `min_interval` between requests to it, or the
larger interval `space()` sets for it (a robots.txt Crawl-delay).
Every failure is `InputError(url, problem)` (a `FetchError`, which also says the HTTP status
when there was one). One Fetcher serves one thread.
"""

from __future__ import annotations

import hashlib
import http.client
import ipaddress
import json
import math
import os
import socket
import ssl
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import quote, urldefrag, urljoin, urlsplit

from checker.errors import InputError
from checker.evidence import utc_now
from checker.version import __version__

Resolver = Callable[[str, int], list[str]]  # (host, port) -> IP addresses; OSError: none
Connector = Callable[[tuple[str, int], float], socket.socket]  # ((ip, port), timeout) -> socket

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024
_MAX_ADDRESSES = 4  # addresses tried per hop, so that a long DNS answer cannot multiply timeouts
_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_ALLOW_HINT = "pass --allow-private to fetch it anyway"
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
# No compression: a compressed body could expand far past the size cap once decoded.
_HEADERS = {
    "Accept": "text/html,text/markdown,text/plain;q=0.9,*/*;q=0.5",
    "Accept-Encoding": "identity",
    "Connection": "close",
}


@dataclass(frozen=True)
class FetchPolicy:
    allow_private: bool = False
    timeout: float = 10.0  # seconds, connect and each read
    max_bytes: int = 20_000_000  # size cap of a body
    max_redirects: int = 5
    min_interval: float = 1.0  # polite rate: seconds between requests to the same host
    cache_dir: str | None = None  # on-disk cache (e.g. .syndicheck/cache); None: in-memory only
    user_agent: str = f"syndicheck/{__version__} (+https://pypi.org/project/syndicheck/)"
    # The per-read timeout alone lets a server drip one byte every few seconds for hours.
    deadline: float = 60.0  # seconds for one whole response, however slowly it trickles in
    cache_ttl: float | None = None  # seconds before a cached page is revalidated; None: never
    cache_private: bool = False  # keep private pages in `cache_dir` too (the user named it)


@dataclass(frozen=True)
class Fetched:
    url: str  # the final URL after redirects
    status: int
    content_type: str
    charset: str | None  # from the Content-Type header
    body: bytes
    from_cache: bool
    # When the body was fetched (ISO 8601, UTC): a cached page keeps its first fetch's time,
    # so a report's evidence says when the source looked like this.
    fetched_at: str = ""
    etag: str = ""  # validators for a conditional request when the cached copy is stale
    last_modified: str = ""
    stored: float = 0.0  # when the cached copy was fetched or last revalidated (epoch seconds)


class FetchError(InputError):
    """A fetch that failed; `status` is the HTTP status when the server answered one."""

    def __init__(self, url: str, problem: str, status: int | None = None) -> None:
        super().__init__(url, problem)
        self.status = status


class _Problem(Exception):
    """A problem found while fetching one hop; `Fetcher` adds the URL and raises InputError."""


def _resolve(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def non_public(address: str) -> str | None:
    """Why `address` is not a public internet address (a word for the message), or None."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "unusable"
    if isinstance(ip, ipaddress.IPv6Address) and (inner := ip.ipv4_mapped or ip.sixtofour):
        ip = inner  # an IPv4 address wrapped in IPv6 reaches that IPv4 host: judge the host
    # "reserved" before "private" for the right word: Python counts 240.0.0.0/4 as both.
    for kind in ("loopback", "unspecified", "link_local", "multicast", "reserved", "private"):
        if getattr(ip, f"is_{kind}"):
            return kind.replace("_", "-")
    if ip in _CGNAT:
        return "carrier-grade NAT"
    return "non-public" if not ip.is_global or getattr(ip, "is_site_local", False) else None


class _Pinned(http.client.HTTPConnection):
    """A connection for `host` (Host header, TLS name) made to an already vetted IP address."""

    def __init__(
        self, host: str, port: int, opener: Callable[[], socket.socket], tls: ssl.SSLContext | None
    ) -> None:
        super().__init__(host, port)
        self.default_port = 443 if tls else 80  # no ":443" in the Host header of https
        self._opener, self._tls = opener, tls

    def connect(self) -> None:
        raw = self._opener()
        try:
            # SNI and certificate verification on the name, not on the IP we connected to.
            self.sock = self._tls.wrap_socket(raw, server_hostname=self.host) if self._tls else raw
        except BaseException:
            raw.close()
            raise


class Fetcher:
    def __init__(
        self,
        policy: FetchPolicy,
        *,
        resolver: Resolver | None = None,
        connector: Connector | None = None,
        context: ssl.SSLContext | None = None,
    ) -> None:
        """`resolver`, `connector` and `context` replace DNS, TCP and the CA store (tests)."""
        self.policy = policy
        self._resolver = resolver or _resolve
        self._connector: Connector = connector or socket.create_connection
        self._context = context or ssl.create_default_context()
        self._memory: dict[str, Fetched] = {}
        self._last: dict[str, float] = {}  # origin (host:port) -> when its last request ended
        self._spacing: dict[str, float] = {}  # origin -> seconds between requests, if not default
        self._headers = _HEADERS | {"User-Agent": policy.user_agent}
        self.requests = 0  # requests sent (every hop), for the crawler's figures
        # Asked before every hop (redirects too): None lets it go, else the reason it may not
        # (the crawler's robots.txt rules).
        self.permit: Callable[[str], str | None] | None = None

    def space(self, url: str, seconds: float) -> None:
        """Wait at least `seconds` between requests to `url`'s origin (e.g. a Crawl-delay)."""
        self._spacing[_origin(url)] = max(seconds, self.policy.min_interval)

    def get(self, url: str) -> Fetched:
        """The page at `url` (after redirects); FetchError(url, problem) on any failure."""
        cached = self._cached(url)
        if cached is not None and self._fresh(cached):
            return cached
        validators = {}
        if cached is not None and cached.etag:
            validators["If-None-Match"] = cached.etag
        if cached is not None and cached.last_modified:
            validators["If-Modified-Since"] = cached.last_modified
        fetched = self._follow(url, read_body=True, extra=validators)
        revalidated = fetched.status == 304 and cached is not None
        if revalidated and cached is not None:
            fetched = cached  # 304 Not Modified: the stored body stands, for another ttl
        if fetched.status == 200:
            fetched = replace(fetched, from_cache=False, stored=time.time())
            self._store(url, fetched)
            if urldefrag(fetched.url).url != urldefrag(url).url:
                # Also under where it was found: a shortlink and the page are one fetch.
                self._store(fetched.url, fetched)
            return replace(fetched, from_cache=revalidated)
        return fetched

    def _fresh(self, cached: Fetched) -> bool:
        ttl = self.policy.cache_ttl
        return ttl is None or time.time() - cached.stored < ttl

    def resolves(self, url: str) -> tuple[bool, str]:
        """Whether `url` answers 2xx after redirects, and why; a page over the cap still does."""
        try:
            fetched = self._cached(url) or self._follow(url, read_body=False)
        except InputError as error:
            return False, error.problem
        where = f" at {fetched.url}" if fetched.url != url else ""
        return True, f"HTTP {fetched.status}{where}"

    def _follow(self, url: str, *, read_body: bool, extra: dict[str, str] | None = None) -> Fetched:
        current = url
        for hop in range(self.policy.max_redirects + 1):
            if hop and read_body and (hit := self._cached(current)) and self._fresh(hit):
                return hit  # a redirect to a page already fetched: not asked for again
            try:
                status, message, body = self._request(current, read_body, extra or {})
            except (_Problem, OSError, http.client.HTTPException, ValueError) as error:
                template = next(t for kind, t in _PROBLEMS if isinstance(error, kind))
                problem = template.format(error=error, timeout=self.policy.timeout)
                if hop:
                    problem = f"{problem} (after a redirect to {current})"
                raise FetchError(url, problem) from None
            if status in _REDIRECTS:
                if not (location := message.get("Location", "").strip()):
                    raise FetchError(url, f"HTTP {status} redirect without a Location header")
                current = urljoin(current, location)
                continue
            if status == 304 and extra:
                return Fetched(current, status, "", None, b"", False, utc_now())
            if not 200 <= status < 300:
                reason = http.client.responses.get(status, "")
                where = f" (after redirects, at {current})" if hop else ""
                raise FetchError(url, f"HTTP {status} {reason}".rstrip() + where, status)
            kind = message.get_content_type() if message.get("Content-Type") else ""
            return Fetched(
                current, status, kind, message.get_content_charset(), body, False, utc_now(),
                message.get("ETag", ""), message.get("Last-Modified", ""),
            )  # fmt: skip
        raise FetchError(url, f"too many redirects (more than {self.policy.max_redirects})")

    def _request(
        self, url: str, read_body: bool, extra: dict[str, str]
    ) -> tuple[int, http.client.HTTPMessage, bytes]:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https"):
            raise _Problem(f"only http and https URLs are fetched (scheme: {scheme or 'none'})")
        if not parts.hostname:
            raise _Problem("bad URL: no host name")
        if parts.username is not None:
            raise _Problem("bad URL: user names and passwords in URLs are not sent")
        host = parts.hostname.encode("idna").decode("ascii")  # UnicodeError is a ValueError
        port = parts.port or (443 if scheme == "https" else 80)
        if self.permit is not None and (refused := self.permit(url)):
            raise _Problem(refused)
        addresses = self._vetted(host, port)
        target = quote(parts.path or "/", safe=_PATH_SAFE)
        if parts.query:
            target += "?" + quote(parts.query, safe=_PATH_SAFE + "?")
        # Polite rate: wait out the origin's interval after its last request ended.
        origin = f"{host}:{port}"
        interval = self._spacing.get(origin, self.policy.min_interval)
        time.sleep(max(self._last.get(origin, -math.inf) + interval - time.monotonic(), 0))
        tls = self._context if scheme == "https" else None
        connection = _Pinned(host, port, lambda: self._open(addresses, port), tls)
        started = time.monotonic()
        try:
            self.requests += 1
            connection.request("GET", target, headers=self._headers | extra)
            response = connection.getresponse()
            body = b""
            if read_body and response.status not in _REDIRECTS:
                body = self._read(response, started)
            return response.status, response.msg, body
        finally:
            connection.close()
            self._last[origin] = time.monotonic()

    def _vetted(self, host: str, port: int) -> list[str]:
        try:
            addresses = [str(ipaddress.ip_address(host))]  # a literal: no DNS
        except ValueError:
            try:
                addresses = list(self._resolver(host, port))
            except (OSError, UnicodeError) as error:
                why = getattr(error, "strerror", None) or error
                raise _Problem(f"DNS failure: cannot resolve {host} ({why})") from None
        if not addresses:  # an injected resolver may answer nothing without an error
            raise _Problem(f"DNS failure: {host} resolves to no address")
        if not self.policy.allow_private:
            for address in addresses:
                if word := non_public(address):
                    what = host if host == address else f"{host} resolves to {address}, which"
                    raise _Problem(f"refused: {what} is a {word} address; {_ALLOW_HINT}")
        return addresses

    def _open(self, addresses: list[str], port: int) -> socket.socket:
        errors: list[OSError] = []
        for address in addresses[:_MAX_ADDRESSES]:
            try:
                return self._connector((address, port), self.policy.timeout)
            except OSError as error:  # try the next address, as create_connection does
                errors.append(error)
        raise errors[-1]

    def _read(self, response: http.client.HTTPResponse, started: float) -> bytes:
        cap = self.policy.max_bytes
        declared = (response.getheader("Content-Length") or "").strip()
        if declared.isdigit() and int(declared) > cap:
            raise _Problem(f"too large: {int(declared):,} bytes, over the limit of {cap:,}")
        body = bytearray()
        # read1: at most one read from the socket each time, so the deadline is checked often.
        while len(body) <= cap and (chunk := response.read1(min(_CHUNK, cap + 1 - len(body)))):
            body += chunk
            if time.monotonic() - started > self.policy.deadline:
                raise _Problem(f"too slow: no whole response in {self.policy.deadline:g} s")
        if len(body) > cap:
            raise _Problem(f"too large: the body is over the limit of {cap:,} bytes")
        return bytes(body)

    def _cache_file(self, key: str) -> Path | None:
        private = self.policy.allow_private and not self.policy.cache_private
        folder = None if private else self.policy.cache_dir
        return Path(folder) / hashlib.sha256(key.encode("utf-8")).hexdigest() if folder else None

    def _cached(self, url: str) -> Fetched | None:
        key = urldefrag(url).url
        if (hit := self._memory.get(key)) is None and (path := self._cache_file(key)):
            try:
                if path.stat().st_size <= self.policy.max_bytes + _CHUNK:
                    head, _, body = path.read_bytes().partition(b"\n")
                    hit = self._memory[key] = Fetched(**json.loads(head), body=body)
            except (OSError, ValueError, TypeError):
                pass  # missing or damaged: fetch again, and the new file replaces it
        return None if hit is None else replace(hit, from_cache=True)

    def _store(self, url: str, fetched: Fetched) -> None:
        key = urldefrag(url).url
        self._memory[key] = fetched
        if (path := self._cache_file(key)) is None:
            return
        meta = {k: v for k, v in vars(fetched).items() if k != "body"}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Write then rename, so a killed run never leaves half a file under the final name.
            with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as handle:
                handle.write(json.dumps(meta).encode("utf-8") + b"\n" + fetched.body)
            os.replace(handle.name, path)
        except OSError as error:
            raise InputError(url, f"cannot write the fetch cache: {error}") from None


def _origin(url: str) -> str:
    """`host:port` of `url`, the key politeness is kept under (as `_request` computes it)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").encode("idna").decode("ascii")
    return f"{host}:{parts.port or (443 if parts.scheme.lower() == 'https' else 80)}"


# The problem in words for what a hop raised; the first match wins, so subclasses go first.
_PROBLEMS: tuple[tuple[type[Exception], str], ...] = (
    (_Problem, "{error}"),
    (TimeoutError, "timed out after {timeout:g} s"),
    (ssl.SSLCertVerificationError, "TLS error: certificate not accepted ({error.verify_message})"),
    (ssl.SSLError, "TLS error: {error.reason}"),
    (ConnectionRefusedError, "connection refused"),
    (http.client.IncompleteRead, "the connection closed before the whole body arrived"),
    (http.client.RemoteDisconnected, "the server closed the connection without answering"),
    (http.client.HTTPException, "not a valid HTTP response ({error!r})"),
    (OSError, "network error: {error}"),
    (ValueError, "bad URL: {error}"),
)
