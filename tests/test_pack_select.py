from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker.checks.base import Source
from checker.document import Block, Document, Link, Metadata
from checker.engine import CheckRequest, resolve_source
from checker.loaders import load_file
from checker.pack_select import choose_packs
from checker.packs import available_packs

FIXTURES = Path(__file__).parent / "fixtures" / "packs"


def page(
    url: str = "", site: str = "", licence: str = "", front: dict[str, str] | None = None
) -> Document:
    links = (Link(href=licence, url=licence, text="licence", rel=("license",)),) if licence else ()
    return Document(
        path="page.html",
        kind="html",
        title="A story",
        blocks=(Block("p", "Some text of the story.", 0, 1, 1),),
        links=links,
        metadata=Metadata(
            url=url,
            canonical=url,
            site_name=site,
            licence_links=(licence,) if licence else (),
            front_matter=front or {},
        ),
    )


def source_of(document: Document | None, publisher: str = "", url: str = "") -> Source:
    if document is not None:
        url = url or document.metadata.canonical
        publisher = publisher or document.metadata.site_name
    return Source(document=document, publisher=publisher, url=url)


ARTICLE = page("https://partner.example.org/news/story/", "Partner News")


@pytest.mark.parametrize(
    ("source", "pack", "because"),
    [
        (
            source_of(page("https://www.propublica.org/article/hospital-debt", "ProPublica")),
            "propublica",
            "domain propublica.org",
        ),
        (
            source_of(None, publisher="ProPublica"),
            "propublica",
            "publisher ProPublica",
        ),
        (
            # The Conversation links CC BY-ND 4.0, but its own terms say more.
            source_of(
                page(
                    "https://theconversation.com/why-heat-waves-are-lasting-longer-241876",
                    "The Conversation",
                    "https://creativecommons.org/licenses/by-nd/4.0/",
                )
            ),
            "the-conversation",
            "domain theconversation.com",
        ),
        (
            source_of(
                page(
                    "https://calmatters.org/environment/2025/04/wildfire-maps/",
                    "CalMatters",
                    "https://creativecommons.org/licenses/by-nd/4.0/",
                )
            ),
            "cc-by-nd-4.0",
            "the source page links the CC BY-ND 4.0 licence",
        ),
        (
            source_of(
                page(
                    "https://openriversjournal.org/2025/03/28/dams/",
                    "Open Rivers Journal",
                    "http://creativecommons.org/licenses/by/4.0/",
                )
            ),
            "cc-by-4.0",
            "the source page links the CC BY 4.0 licence",
        ),
        (
            source_of(page("https://www.reuters.com/markets/europe/boe-2025-04-04/", "Reuters")),
            "wire",
            "domain reuters.com",
        ),
        (
            source_of(
                page(
                    "https://example.org/story/",
                    "Example Weekly",
                    "https://creativecommons.org/licenses/by-nc-nd/3.0/us/",
                )
            ),
            "default",
            "CC BY-NC-ND 3.0 US licence, which no bundled pack covers",
        ),
        (
            source_of(page("https://www.bloomberg.com/news/articles/x", "Bloomberg")),
            "default",
            "the source (Bloomberg) has no publisher pack and links no licence",
        ),
        (source_of(None), "default", "the source has no publisher pack"),
    ],
)
def test_chooses_from_publisher_then_licence(source: Source, pack: str, because: str) -> None:
    packs, reason = choose_packs(ARTICLE, source)
    assert packs == (pack,)
    assert because in reason
    assert reason.startswith(f"Chose {pack}") and reason.endswith(".")
    assert pack in available_packs()


def test_the_article_s_own_licence_counts_when_the_source_names_none() -> None:
    article = page(
        "https://partner.example.org/news/story/",
        licence="https://creativecommons.org/licenses/by-nd/4.0/",
    )
    packs, reason = choose_packs(article, source_of(None, url="https://example.org/story"))
    assert packs == ("cc-by-nd-4.0",)
    assert "the article says it is republished under the CC BY-ND 4.0 licence" in reason


@pytest.mark.parametrize(
    "key", ["calmatters.org", "https://calmatters.org", "CalMatters", "calmatters"]
)
def test_the_configured_publishers_map_comes_first(key: str) -> None:
    source = source_of(
        page(
            "https://calmatters.org/environment/2025/04/wildfire-maps/",
            "CalMatters",
            "https://creativecommons.org/licenses/by-nd/4.0/",
        )
    )
    packs, reason = choose_packs(ARTICLE, source, {key: "republication-tracker-tool"})
    assert packs == ("republication-tracker-tool",)
    assert "the configuration maps" in reason


def test_a_publishers_map_that_does_not_match_falls_through() -> None:
    source = source_of(page("https://www.propublica.org/article/x", "ProPublica"))
    assert choose_packs(ARTICLE, source, {"calmatters.org": "wire"})[0] == ("propublica",)


@pytest.mark.parametrize(
    ("folder", "pack"),
    [
        ("default", "default"),
        ("propublica", "propublica"),
        ("the-conversation", "the-conversation"),
        ("cc-by-4.0", "cc-by-4.0"),
        # Both pages carry the Republication Tracker Tool pixel (CalMatters uses the plugin),
        # whose pack is CC BY-ND 4.0 plus the plugin's own terms.
        ("cc-by-nd-4.0", "republication-tracker-tool"),
        ("republication-tracker-tool", "republication-tracker-tool"),
        ("wire", "wire"),
    ],
)
def test_chooses_the_right_pack_for_the_bundled_fixture_pages(folder: str, pack: str) -> None:
    case = FIXTURES / folder / "_compliant" / "_compliant"
    article_path = str(case / "article.html")
    article = load_file(article_path)
    source = resolve_source(CheckRequest(article_path, source=str(case / "source.html")), article)
    assert choose_packs(article, source)[0] == (pack,)


CALMATTERS_PACK = """name: calmatters
version: "1.0"
description: CalMatters' republishing terms (a user's own pack).
extends: default
selects:
  publishers: [CalMatters]
  domains: [calmatters.org]
rules:
  - id: source-credit
    check: source-credit
    severity: error
    message: "Credit CalMatters: {detail}"
"""


def test_a_user_pack_declares_what_auto_chooses_it_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Adding a publisher's pack is a YAML file: no code names CalMatters."""
    source = source_of(None, publisher="CalMatters", url="https://calmatters.org/x/")
    assert choose_packs(ARTICLE, source)[0] == ("default",)
    (tmp_path / "calmatters.yml").write_text(CALMATTERS_PACK, encoding="utf-8")
    monkeypatch.setenv("SYNDICHECK_RULES_PATH", str(tmp_path))
    packs, reason = choose_packs(ARTICLE, source)
    assert packs == ("calmatters",)
    assert "calmatters.org" in reason
    by_name = source_of(None, publisher="CalMatters")
    assert choose_packs(ARTICLE, by_name)[0] == ("calmatters",)


@pytest.mark.parametrize(
    "selects, problem",
    [
        ("selects: [calmatters.org]", "must be a mapping"),
        ("selects:\n  sites: [calmatters.org]", "unknown key(s) in `selects`: sites"),
        ("selects:\n  domains: calmatters.org", "`selects.domains` must be a list"),
        ("selects:\n  licences: [by-nd]", "is not 'CODE VERSION'"),
    ],
)
def test_a_bad_selects_is_a_pack_error(tmp_path: Path, selects: str, problem: str) -> None:
    from checker.errors import PackError
    from checker.packs import load_pack

    text = CALMATTERS_PACK.replace(
        "selects:\n  publishers: [CalMatters]\n  domains: [calmatters.org]", selects
    )
    path = tmp_path / "calmatters.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PackError, match=re.escape(problem)):
        load_pack(str(path))


def _auto(tmp_path: Path) -> tuple[tuple[str, ...], str]:
    """The packs `auto` uses for a CalMatters story, through the engine's pack cache."""
    from checker.core import check_document

    article = tmp_path / "article.html"
    article.write_text(
        '<html><head><meta property="og:url" content="https://partner.example.org/a/">'
        "</head><body><article><p>Originally published by CalMatters.</p></article></body>"
        "</html>",
        encoding="utf-8",
    )
    source = '<html><head><link rel="canonical" href="https://calmatters.org/x/"></head>'
    source += "<body><article><p>The story.</p></article></body></html>"
    result = check_document(article.read_bytes(), source.encode())  # a fresh pack cache
    return result.packs, result.pack_reason


def _user_packs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **packs: str) -> Path:
    """A folder on SYNDICHECK_RULES_PATH holding `packs` (file stem -> YAML)."""
    rules = tmp_path / "rules"
    rules.mkdir(exist_ok=True)
    for stem, text in packs.items():
        (rules / f"{stem}.yml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("SYNDICHECK_RULES_PATH", str(rules))
    return rules


def test_auto_leaves_out_a_chosen_pack_whose_rules_do_not_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The catalogue is read light (names and `selects`); a pack that selects the source but
    # does not load in full is left out, as if it were not there: `default`, not an error.
    broken = CALMATTERS_PACK.replace("check: source-credit", "check: no-such-check")
    assert broken != CALMATTERS_PACK
    _user_packs(tmp_path, monkeypatch, calmatters=broken)
    packs, reason = _auto(tmp_path)
    assert packs == ("default",)
    assert "calmatters" not in reason.lower().split("because")[0]
    # The same pack, loadable, is chosen: the test above fails for the right reason.
    _user_packs(tmp_path, monkeypatch, calmatters=CALMATTERS_PACK)
    assert _auto(tmp_path)[0] == ("calmatters",)


def test_auto_falls_to_the_next_pack_that_selects_the_source_when_the_first_is_broken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Catalogue order is by file name: "a-calmatters" is tried before "calmatters".
    broken = CALMATTERS_PACK.replace("name: calmatters", "name: a-calmatters")
    broken = broken.replace("extends: default", "extends: no-such-pack")
    assert "no-such-pack" in broken
    packs = {"a-calmatters": broken, "calmatters": CALMATTERS_PACK}
    _user_packs(tmp_path, monkeypatch, **packs)
    assert _auto(tmp_path)[0] == ("calmatters",)
