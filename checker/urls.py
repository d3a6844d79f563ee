"""URL forms that decide whether a link points at the original.

Normalisation follows what readers and browsers treat as "the same page": scheme, `www.`,
default port, trailing slash, fragment and tracking parameters do not matter. Registrable
domains come from the Public Suffix List shipped in `publicsuffixlist` (no download at run time).
"""

from __future__ import annotations

import functools
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from publicsuffixlist import PSLFILE, PublicSuffixList

from checker.lazy_pattern import LazyPattern

# Parameters that identify a campaign or a click, never the page (utm_* handled by prefix).
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "mc_cid",
        "mc_eid",
        "igshid",
        "yclid",
        "_ga",
        "_gl",
        "cmpid",
        "ref",
        "ref_src",
        "srnd",
        "sref",
        "taid",
        "ncid",
        "guccounter",
        "mod",
        "smid",
        "spm",
        "xtor",
        "at_medium",
        "at_campaign",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "oly_")
DEFAULT_PORTS = {"http": 80, "https": 443}


@functools.cache
def _psl_bytes() -> bytes:
    with open(PSLFILE, "rb") as handle:
        return b"\n" + handle.read() + b"\n"  # each rule between two newlines


@functools.cache
def _rules_of(tld: str) -> frozenset[str]:
    """The list's rules for one top-level label: every rule that can match a host ends in it.

    Found in the file's bytes with bytes.find (no regex: `re` scans the 330 KB in 4 ms; no
    decoding of the whole file: 1.7 ms), without the punycoded copy of every rule: punycoded
    hosts are decoded label by label first (_unicode_label).
    """
    data, rules = _psl_bytes(), set()
    label = tld.encode("utf-8")
    for needle in (b"." + label + b"\n", b"\n" + label + b"\n"):
        found = data.find(needle)
        while found >= 0:
            start = data.rfind(b"\n", 0, found if needle[0] == ord(".") else found + 1) + 1
            line = data[start : found + len(needle) - 1]
            if not line.startswith(b"//"):
                rules.add(line.decode("utf-8"))
            found = data.find(needle, found + 1)
    return frozenset(rules)


@functools.lru_cache(maxsize=4096)
def _private_suffix(host: str) -> str | None:
    """The library's answer from the only rules that can match `host`.

    A rule matches a host when it names one of the host's suffixes, names one as the parent
    of a wildcard (`*.ck`) or excepts one (`!www.ck`): no other rule can change the answer,
    so the library's own matcher decides from those few. Parsing every rule of the host's
    top-level label into it instead cost ~4 ms for `.com` (~1,000 rules) in each one-file
    check; parsing the whole list (~10,000 rules), ~16 ms.
    """
    labels = host.lower().split(".")
    rules = _rules_of(labels[-1])
    suffixes = [".".join(labels[i:]) for i in range(len(labels))]
    found = [
        rule
        for suffix in suffixes
        for rule in (suffix, "*." + suffix, "!" + suffix)
        if rule in rules
    ]
    return PublicSuffixList(found, accept_encoded_idn=False).privatesuffix(host)


def _unicode_label(label: str) -> str:
    """An `xn--` label in its Unicode form, as the list holds it; kept when not valid IDNA."""
    if not label.startswith("xn--"):
        return label
    try:
        return label.encode("ascii").decode("idna")
    except UnicodeError:
        return label


def host_of(url: str) -> str:
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return ""
    host = host.rstrip(".").lower()
    return host[4:] if host.startswith("www.") else host


def registrable_domain(url_or_host: str) -> str:
    """`news.bloomberg.com` -> `bloomberg.com`; `bloomberg.com.example.net` -> `example.net`."""
    host = host_of(url_or_host) if "/" in url_or_host else url_or_host.lower().rstrip(".")
    if not host:
        return ""
    if re.fullmatch(r"[\d.]+|\[?[0-9a-f:]+\]?", host):
        return host
    if "xn--" not in host:
        return _private_suffix(host) or host
    labels = host.split(".")
    found = _private_suffix(".".join(_unicode_label(label) for label in labels))
    # Back to the labels the host was written in: as many as the registrable domain has.
    return ".".join(labels[-(found.count(".") + 1) :]) if found else host


def normalise_url(url: str) -> str:
    """A comparison key for a URL; not meant to be fetched."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url.strip()
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return url.strip()
    host = host_of(url)
    netloc = host if port in (None, DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    path = re.sub(r"/{2,}", "/", parts.path or "/")
    if len(path) > 1:
        path = path.rstrip("/")
    for suffix in ("/index.html", "/index.htm", "/index.php"):
        if path.endswith(suffix):
            path = path[: -len(suffix)] or "/"
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if key.lower() not in TRACKING_PARAMS and not key.lower().startswith(TRACKING_PREFIXES)
    ]
    # "https" and "http" name the same article; the key keeps one scheme.
    return urlunsplit(("https", netloc, path, urlencode(sorted(query)), ""))


_WEB_URL = LazyPattern(r"(?i)^https?://[^/?#\s]")


def is_web_url(text: str) -> bool:
    """An absolute http(s) URL with a host: the one test of "is this a web address" here."""
    return bool(_WEB_URL.match(text.strip()))


# The extensions image files are served and saved under.
_IMAGE_FILE = LazyPattern(
    r"\.(?:jpe?g|jpe|png|gif|webp|avif|heic|heif|tiff?|bmp|svg|jxl|jp2)$", re.I
)


def is_image_file(path: str) -> bool:
    """The path (no query or fragment) names an image file by its extension."""
    return _IMAGE_FILE.search(path) is not None
