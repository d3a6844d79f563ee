"""checker.fetch against a real HTTP server on 127.0.0.1, started by these tests.

No test sends a packet anywhere but loopback: the `only_loopback` guard refuses (and reports)
any other connection, and names such as `public.test` resolve through a fake resolver to a
public-looking address that a test connector then maps to 127.0.0.1.
"""

from __future__ import annotations

import hashlib
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from checker.errors import InputError
from checker.fetch import Fetcher, FetchPolicy, non_public

PUBLIC_IP = "93.184.216.34"  # what the fake DNS says public.test is; never contacted
PAGE = "<p>caf\u00e9</p>".encode("latin-1")


@dataclass
class State:
    hits: Counter[str] = field(default_factory=Counter)
    seen: list[tuple[str, float, str]] = field(default_factory=list)  # path, when, Host header
    release: threading.Event = field(default_factory=threading.Event)


class Server(ThreadingHTTPServer):
    state: State

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hangs up early (the size cap, a timeout) is what these tests do


class Handler(BaseHTTPRequestHandler):
    server: Server

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        state = self.server.state
        path = self.path
        state.hits[path] += 1
        state.seen.append((path, time.monotonic(), self.headers.get("Host", "")))
        port = self.server.server_address[1]
        if path.startswith("/redirect/"):
            left = int(path.rsplit("/", 1)[1])
            self._redirect(f"/redirect/{left - 1}" if left > 1 else "/ok")
        elif path in REDIRECTS:
            self._redirect(REDIRECTS[path].format(port=port))
        elif path == "/missing":
            self.send_error(404)
        elif path == "/broken":
            self.send_error(500)
        elif path == "/slow":
            state.release.wait(5)  # longer than the client's timeout; released at teardown
        elif path == "/declared-big":
            self._send(b"x" * 5000)
        elif path == "/endless":
            self._endless(state)
        elif path == "/drip":
            self._drip(state)
        else:
            self._send(PAGE if path.startswith("/ok") else b"?")

    def _send(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=ISO-8859-1")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _endless(self, state: State) -> None:
        # No Content-Length (HTTP/1.0, body ends at close): only the reader can stop it.
        self.send_response(200)
        self.end_headers()
        for _ in range(1000):  # 64 MB at most, should the client not stop
            if state.release.is_set():
                return
            self.wfile.write(b"x" * 65536)

    def _drip(self, state: State) -> None:
        self.send_response(200)
        self.send_header("Content-Length", "1000")
        self.end_headers()
        for _ in range(1000):
            if state.release.wait(0.05):
                return
            self.wfile.write(b"x")
            self.wfile.flush()


REDIRECTS = {
    "/to-private": "http://intranet.test/ok",
    "/to-loopback": "http://127.0.0.1:{port}/ok",
    "/to-file": "file:///etc/passwd",
    "/to-self": "/to-self",
}


@dataclass
class Running:
    port: int
    state: State

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"


@pytest.fixture
def server() -> Iterator[Running]:
    httpd = Server(("127.0.0.1", 0), Handler)
    httpd.state = State()
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield Running(httpd.server_address[1], httpd.state)
    finally:
        httpd.state.release.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


@pytest.fixture(autouse=True)
def only_loopback(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Refuse, and fail the test for, any connection that is not to loopback."""
    strays: list[str] = []
    real = socket.create_connection

    def guarded(address: tuple[str, int], *args: object, **kwargs: object) -> socket.socket:
        if address[0] not in ("127.0.0.1", "::1"):
            strays.append(address[0])
            raise ConnectionRefusedError("test guard: loopback only")
        return real(address, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "create_connection", guarded)
    yield strays
    assert strays == [], "a connection to a non-loopback address was attempted"


FAKE_DNS = {
    "public.test": [PUBLIC_IP],
    "other.test": [PUBLIC_IP],
    "intranet.test": ["10.0.0.1"],
    "mixed.test": [PUBLIC_IP, "192.168.1.5"],
}


def fake_resolver(host: str, port: int) -> list[str]:
    if host not in FAKE_DNS:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    return FAKE_DNS[host]


@dataclass
class Public:
    """A Fetcher that sees public.test as a public host served by the local server."""

    fetcher: Fetcher
    dialled: list[str]  # the addresses the Fetcher asked to connect to


def public(
    policy: FetchPolicy | None = None,
    resolver: Callable[[str, int], list[str]] = fake_resolver,
    context: ssl.SSLContext | None = None,
) -> Public:
    dialled: list[str] = []

    def connector(address: tuple[str, int], timeout: float) -> socket.socket:
        dialled.append(address[0])
        if address[0] != PUBLIC_IP:
            raise ConnectionRefusedError("test connector: only the fake public address")
        return socket.create_connection(("127.0.0.1", address[1]), timeout)

    fetcher = Fetcher(
        policy or FetchPolicy(min_interval=0, timeout=2),
        resolver=resolver,
        connector=connector,
        context=context,
    )
    return Public(fetcher, dialled)


def problem(call: Callable[[], object]) -> InputError:
    with pytest.raises(InputError) as caught:
        call()
    return caught.value


LOCAL = FetchPolicy(allow_private=True, min_interval=0, timeout=2)


# -- refusing what is not public --------------------------------------------------------------


def test_loopback_is_refused_by_default_without_a_request(server: Running) -> None:
    url = server.url("/ok")
    error = problem(lambda: Fetcher(FetchPolicy()).get(url))
    assert error.path == url
    assert "loopback" in error.problem and "--allow-private" in error.problem
    assert server.state.hits == {}


def test_a_name_is_refused_after_dns_when_it_resolves_to_loopback(server: Running) -> None:
    error = problem(lambda: Fetcher(FetchPolicy()).get(server.url("/ok", host="localhost")))
    assert "localhost resolves to" in error.problem and "loopback" in error.problem
    assert server.state.hits == {}


def test_allow_private_fetches_loopback(server: Running) -> None:
    fetched = Fetcher(LOCAL).get(server.url("/ok#part"))
    assert (fetched.status, fetched.body, fetched.from_cache) == (200, PAGE, False)
    assert (fetched.content_type, fetched.charset) == ("text/html", "iso-8859-1")
    assert fetched.url == server.url("/ok#part")


@pytest.mark.parametrize(
    ("url", "word"),
    [
        ("http://intranet.test/ok", "10.0.0.1, which is a private address"),
        ("http://mixed.test/ok", "192.168.1.5, which is a private address"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://[fe80::1]/", "link-local"),
        ("http://[fc00::1]/", "private"),
        ("http://[::1]/", "loopback"),
        ("http://[::ffff:10.0.0.1]/", "private"),
        ("http://100.64.0.1/", "carrier-grade NAT"),
        ("http://224.0.0.1/", "multicast"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://240.0.0.1/", "reserved"),
    ],
)
def test_non_public_addresses_are_refused_before_connecting(url: str, word: str) -> None:
    client = public()
    error = problem(lambda: client.fetcher.get(url))
    assert word in error.problem and "--allow-private" in error.problem
    assert client.dialled == []


def test_non_public_words() -> None:
    assert non_public(PUBLIC_IP) is None
    assert non_public("2606:4700:4700::1111") is None
    assert non_public("127.0.0.2") == "loopback"
    assert non_public("172.16.0.1") == "private"
    assert non_public("2002:a00:1::") == "private"  # 6to4 wrapping 10.0.0.1
    assert non_public("not an address") == "unusable"


def test_the_connection_goes_to_the_vetted_address_with_the_name_kept(server: Running) -> None:
    client = public()
    fetched = client.fetcher.get(server.url("/ok", host="public.test"))
    assert fetched.body == PAGE
    assert client.dialled == [PUBLIC_IP]
    assert server.state.seen[0][2] == f"public.test:{server.port}"


def test_the_name_is_resolved_once_so_a_rebinding_answer_is_never_used(server: Running) -> None:
    answers = [[PUBLIC_IP], ["10.0.0.1"]]

    def rebinding(host: str, port: int) -> list[str]:
        return answers.pop(0)  # a second lookup would get the private address

    client = public(resolver=rebinding)
    assert client.fetcher.get(server.url("/ok", host="public.test")).status == 200
    assert answers == [["10.0.0.1"]] and client.dialled == [PUBLIC_IP]


# -- redirects ------------------------------------------------------------------------------


def test_a_redirect_chain_is_followed_up_to_the_limit(server: Running) -> None:
    fetcher = Fetcher(FetchPolicy(allow_private=True, min_interval=0, max_redirects=3))
    fetched = fetcher.get(server.url("/redirect/3"))
    assert fetched.url == server.url("/ok") and fetched.body == PAGE
    assert [path for path, _, _ in server.state.seen] == [
        "/redirect/3",
        "/redirect/2",
        "/redirect/1",
        "/ok",
    ]


def test_one_redirect_too_many_is_refused(server: Running) -> None:
    fetcher = Fetcher(FetchPolicy(allow_private=True, min_interval=0, max_redirects=3))
    error = problem(lambda: fetcher.get(server.url("/redirect/4")))
    assert error.problem == "too many redirects (more than 3)"
    assert server.state.hits["/ok"] == 0 and server.state.hits["/redirect/1"] == 1


def test_a_redirect_loop_ends_at_the_limit(server: Running) -> None:
    error = problem(lambda: Fetcher(LOCAL).get(server.url("/to-self")))
    assert "too many redirects" in error.problem
    assert server.state.hits["/to-self"] == LOCAL.max_redirects + 1


def test_a_redirect_from_a_public_host_to_a_private_one_is_refused(server: Running) -> None:
    client = public()
    url = server.url("/to-private", host="public.test")
    error = problem(lambda: client.fetcher.get(url))
    assert error.path == url
    assert "intranet.test resolves to 10.0.0.1" in error.problem
    assert "after a redirect to http://intranet.test/ok" in error.problem
    assert client.dialled == [PUBLIC_IP]  # the first hop only


def test_a_redirect_to_loopback_is_refused(server: Running) -> None:
    client = public()
    error = problem(lambda: client.fetcher.get(server.url("/to-loopback", host="public.test")))
    assert "loopback" in error.problem
    assert server.state.hits["/ok"] == 0


def test_a_redirect_to_another_scheme_is_refused(server: Running) -> None:
    error = problem(lambda: Fetcher(LOCAL).get(server.url("/to-file")))
    assert "only http and https" in error.problem


# -- bad URLs and failures ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("ftp://public.test/x", "only http and https"),
        ("not a url", "only http and https"),
        ("http:///nohost", "no host name"),
        ("http://public.test:99999/", "bad URL"),
        ("http://user:secret@public.test/", "passwords"),
        ("http://unknown.test/", "DNS failure: cannot resolve unknown.test"),
    ],
)
def test_bad_urls_are_input_errors(url: str, words: str) -> None:
    client = public()
    assert words in problem(lambda: client.fetcher.get(url)).problem
    assert client.dialled == []


def test_a_declared_oversized_body_is_refused(server: Running) -> None:
    fetcher = Fetcher(FetchPolicy(allow_private=True, min_interval=0, max_bytes=1000))
    error = problem(lambda: fetcher.get(server.url("/declared-big")))
    assert "too large: 5,000 bytes, over the limit of 1,000" in error.problem


def test_an_endless_body_is_cut_at_the_cap(server: Running) -> None:
    fetcher = Fetcher(FetchPolicy(allow_private=True, min_interval=0, max_bytes=1000))
    error = problem(lambda: fetcher.get(server.url("/endless")))
    assert "over the limit of 1,000 bytes" in error.problem


def test_a_body_exactly_at_the_cap_is_accepted(server: Running) -> None:
    fetcher = Fetcher(FetchPolicy(allow_private=True, min_interval=0, max_bytes=len(PAGE)))
    assert fetcher.get(server.url("/ok")).body == PAGE


def test_a_slow_server_times_out(server: Running) -> None:
    fetcher = Fetcher(FetchPolicy(allow_private=True, min_interval=0, timeout=0.5))
    assert problem(lambda: fetcher.get(server.url("/slow"))).problem == "timed out after 0.5 s"


def test_a_dripping_body_stops_at_the_deadline(server: Running) -> None:
    fetcher = Fetcher(FetchPolicy(allow_private=True, min_interval=0, timeout=2, deadline=0.3))
    error = problem(lambda: fetcher.get(server.url("/drip")))
    assert error.problem == "too slow: no whole response in 0.3 s"


@pytest.mark.parametrize(("path", "words"), [("/missing", "HTTP 404 Not Found"), ("/broken", "HTTP 500 Internal Server Error")])  # fmt: skip
def test_http_errors_are_reported(server: Running, path: str, words: str) -> None:
    assert problem(lambda: Fetcher(LOCAL).get(server.url(path))).problem == words


def test_a_refused_connection_is_reported(server: Running) -> None:
    with socket.socket() as unused:  # bound but not listening: the port refuses
        unused.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{unused.getsockname()[1]}/"
        assert problem(lambda: Fetcher(LOCAL).get(url)).problem == "connection refused"


def test_tls_to_a_plain_http_server_is_a_tls_error(server: Running) -> None:
    url = server.url("/ok").replace("http:", "https:")
    assert problem(lambda: Fetcher(LOCAL).get(url)).problem.startswith("TLS error")


# -- cache and rate -------------------------------------------------------------------------


def test_the_cache_serves_a_second_request_without_a_hit(server: Running) -> None:
    fetcher = Fetcher(LOCAL)
    first, second = fetcher.get(server.url("/ok")), fetcher.get(server.url("/ok#again"))
    assert (first.from_cache, second.from_cache) == (False, True)
    assert second.body == first.body and server.state.hits["/ok"] == 1


def test_errors_are_not_cached(server: Running) -> None:
    fetcher = Fetcher(LOCAL)
    for _ in range(2):
        problem(lambda: fetcher.get(server.url("/missing")))
    assert server.state.hits["/missing"] == 2


def test_the_disk_cache_outlives_the_fetcher(server: Running, tmp_path: Path) -> None:
    policy = FetchPolicy(min_interval=0, cache_dir=str(tmp_path / "cache"))
    url = server.url("/ok", host="public.test")
    public(policy).fetcher.get(url)
    assert (tmp_path / "cache" / hashlib.sha256(url.encode()).hexdigest()).is_file()
    again = public(policy).fetcher.get(url)
    assert (again.from_cache, again.body, again.charset, again.url) == (
        True,
        PAGE,
        "iso-8859-1",
        url,
    )
    assert server.state.hits["/ok"] == 1


def test_a_damaged_cache_file_is_fetched_again(server: Running, tmp_path: Path) -> None:
    policy = FetchPolicy(min_interval=0, cache_dir=str(tmp_path))
    url = server.url("/ok", host="public.test")
    (tmp_path / hashlib.sha256(url.encode()).hexdigest()).write_bytes(b"{not json\n")
    assert public(policy).fetcher.get(url).from_cache is False
    assert public(policy).fetcher.get(url).from_cache is True
    assert server.state.hits["/ok"] == 1


def test_a_private_page_never_reaches_the_disk_cache(server: Running, tmp_path: Path) -> None:
    Fetcher(FetchPolicy(allow_private=True, min_interval=0, cache_dir=str(tmp_path))).get(
        server.url("/ok")
    )
    assert list(tmp_path.iterdir()) == []


def test_requests_to_one_host_are_spaced_by_the_interval(server: Running) -> None:
    fetcher = Fetcher(FetchPolicy(allow_private=True, min_interval=0.2))
    fetcher.get(server.url("/ok?1"))
    fetcher.get(server.url("/ok?2"))
    (_, first, _), (_, second, _) = server.state.seen
    assert second - first >= 0.2


# -- resolves ---------------------------------------------------------------------------------


def test_resolves(server: Running) -> None:
    fetcher = Fetcher(LOCAL)
    assert fetcher.resolves(server.url("/ok")) == (True, "HTTP 200")
    assert fetcher.resolves(server.url("/redirect/1")) == (True, f"HTTP 200 at {server.url('/ok')}")
    assert fetcher.resolves(server.url("/missing")) == (False, "HTTP 404 Not Found")
    ok, why = Fetcher(FetchPolicy()).resolves(server.url("/ok"))
    assert not ok and "loopback" in why


def test_resolves_does_not_need_the_body_under_the_cap(server: Running) -> None:
    fetcher = Fetcher(FetchPolicy(allow_private=True, min_interval=0, max_bytes=10))
    assert fetcher.resolves(server.url("/declared-big")) == (True, "HTTP 200")


# -- TLS: the certificate is checked against the name, not the pinned address ------------------


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[Running, ssl.SSLContext]]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "1", "-subj", "/CN=public.test", "-addext", "subjectAltName=DNS:public.test",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=30,
    )  # fmt: skip
    served = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    served.load_cert_chain(cert, key)
    httpd = Server(("127.0.0.1", 0), Handler)
    httpd.socket = served.wrap_socket(httpd.socket, server_side=True, do_handshake_on_connect=False)
    httpd.state = State()
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield Running(httpd.server_address[1], httpd.state), ssl.create_default_context(cafile=cert)
    finally:
        httpd.state.release.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def test_tls_checks_the_name_while_connecting_to_the_pinned_address(
    tls_server: tuple[Running, ssl.SSLContext],
) -> None:
    running, trusted = tls_server
    client = public(context=trusted)
    fetched = client.fetcher.get(f"https://public.test:{running.port}/ok")
    assert fetched.body == PAGE and client.dialled == [PUBLIC_IP]
    error = problem(lambda: client.fetcher.get(f"https://other.test:{running.port}/ok"))
    assert error.problem.startswith("TLS error: certificate not accepted")
    assert "other.test" in error.problem
