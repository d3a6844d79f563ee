from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.urls import normalise_url, registrable_domain

ORIGINAL = "https://www.bloomberg.com/news/articles/2025-04-04/us-russia-talks"


@pytest.mark.parametrize(
    "variant",
    [
        "http://bloomberg.com/news/articles/2025-04-04/us-russia-talks",
        "https://www.bloomberg.com/news/articles/2025-04-04/us-russia-talks/",
        "https://WWW.Bloomberg.com:443/news/articles/2025-04-04/us-russia-talks#comments",
        "https://www.bloomberg.com/news/articles/2025-04-04/us-russia-talks?utm_source=tw&fbclid=x",
    ],
)
def test_variants_of_the_same_page_normalise_alike(variant: str) -> None:
    assert normalise_url(variant) == normalise_url(ORIGINAL)


@pytest.mark.parametrize(
    "other",
    [
        "https://www.bloomberg.com/",
        "https://www.bloomberg.com/news/articles/2025-04-04/other-story",
        "https://bloomberg.com.example.net/news/articles/2025-04-04/us-russia-talks",
        "https://www.bloomberg.com/news/articles/2025-04-04/us-russia-talks?page=2",
    ],
)
def test_other_pages_stay_different(other: str) -> None:
    assert normalise_url(other) != normalise_url(ORIGINAL)


def test_registrable_domain_uses_the_public_suffix_list() -> None:
    assert registrable_domain("https://news.bbc.co.uk/x") == "bbc.co.uk"
    assert registrable_domain("https://bloomberg.com.example.net/") == "example.net"
    assert registrable_domain("www.bloomberg.com") == "bloomberg.com"


# Hosts whose labels are punycoded (in the rule, in the name, or both), Unicode, invalid IDNA,
# and plain ASCII with a wildcard or exception rule.
HOSTS = [
    "xn--e1afmkfd.xn--p1ai",  # пример.рф
    "news.xn--e1afmkfd.xn--p1ai",
    "пример.рф",
    "example.xn--55qx5d.cn",  # example.公司.cn, 公司.cn a public suffix itself
    "a.b.example.xn--55qx5d.cn",
    "xn--wgv71a119e.jp",  # 日本語.jp
    "shop.xn--wgv71a119e.xn--tckwe.jp",  # .コム.jp
    "a.b.xn--invalid-.xn--p1ai",
    "a.b.xn--zz",
    "www.ck",  # !www.ck, an exception to *.ck
    "a.b.foo.ck",
    "a.xn--mgbaam7a8h",  # امارات
]


@pytest.mark.parametrize("host", HOSTS)
def test_registrable_domain_agrees_with_the_full_list_on_idn_hosts(host: str) -> None:
    # The oracle: the library's list with its punycoded copy of every rule (its default),
    # which syndicheck skips at start-up.
    from publicsuffixlist import PublicSuffixList

    assert registrable_domain(host) == (PublicSuffixList().privatesuffix(host) or host)


def test_one_top_level_labels_rules_decide_as_the_whole_list_does() -> None:
    # registrable_domain parses only the rules that can match the host. The oracle: the
    # library's whole list, on hosts made from every rule (wildcards filled in, exceptions
    # without their `!`) with zero to three more labels in front, and on unlisted labels.
    from publicsuffixlist import PSLFILE, PublicSuffixList

    whole = PublicSuffixList(accept_encoded_idn=False)
    with open(PSLFILE, encoding="utf-8") as handle:
        rules = [line.split()[0] for line in handle if line.strip() and not line.startswith("//")]
    assert len(rules) > 5000  # the shipped list, not an empty file
    hosts = {"localhost", "a.b.unlisted-label", "b.a.example"}
    for rule in rules:
        name = rule.lstrip("!").replace("*", "w")
        hosts.update(f"{more}{name}" for more in ("", "a.", "b.a.", "c.b.a."))
    differ = sorted(h for h in hosts if registrable_domain(h) != (whole.privatesuffix(h) or h))
    assert differ == []


_HOSTS = st.sampled_from(
    ["www.Bloomberg.com", "bloomberg.com.", "NEWS.bbc.co.uk", "xn--bcher-kva.example", "[::1]",
     "127.0.0.1", "exämple.de", "İstanbul.example"]
)  # fmt: skip


@given(
    scheme=st.sampled_from(["http", "https", "HTTPS"]),
    host=_HOSTS,
    port=st.sampled_from(["", ":80", ":443", ":8080"]),
    path=st.text(alphabet="/aZ.-_%09", max_size=12),
    query=st.text(alphabet="=&utm_sourcefbclidp2", max_size=16),
)
def test_a_normalised_url_keeps_its_host_as_written(
    scheme: str, host: str, port: str, path: str, query: str
) -> None:
    """What original-link's prefilter relies on: the key's host is in the URL, lower-cased."""
    url = f"{scheme}://{host}{port}/{path}?{query}"
    key_host = urlsplit(normalise_url(url)).hostname or ""
    assert key_host in url.lower()
