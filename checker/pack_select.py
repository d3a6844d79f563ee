"""`--rules auto`: choose the bundled pack for an article from what is known of its source.

In order: the configuration's publishers map (a domain or a publisher name -> pack); a
publisher with its own terms (ProPublica, The Conversation, the wire agencies); the Creative
Commons licence the source links (CC BY-ND 4.0, CC BY 4.0), or failing that the one the
article says it is republished under; otherwise the generic `default` pack. The reason is one
sentence for the report.
"""

from __future__ import annotations

from collections.abc import Mapping

from checker.checks.base import Source
from checker.checks.licence_notice import Licence, licence_of
from checker.document import Document
from checker.text import name_variants
from checker.urls import registrable_domain

DEFAULT = "default"
TRACKER_TOOL = "republication-tracker-tool"
# Publishers whose own terms are a bundled pack: registrable domain or name -> pack.
PUBLISHER_PACKS: dict[str, str] = {
    "propublica.org": "propublica",
    "ProPublica": "propublica",
    "theconversation.com": "the-conversation",
    "theconversation.edu.au": "the-conversation",
    "The Conversation": "the-conversation",
    "reuters.com": "wire",
    "Reuters": "wire",
    "apnews.com": "wire",
    "Associated Press": "wire",
    "AP News": "wire",
    "afp.com": "wire",
    "AFP": "wire",
    "Agence France-Presse": "wire",
}
LICENCE_PACKS: dict[tuple[str, str], str] = {
    ("by-nd", "4.0"): "cc-by-nd-4.0",
    ("by", "4.0"): "cc-by-4.0",
}


def _domains(source: Source) -> list[str]:
    urls = [source.url]
    if source.document is not None:
        urls += [source.document.metadata.canonical, source.document.metadata.url]
    return list(dict.fromkeys(d for url in urls if url and (d := registrable_domain(url))))


def _lookup(source: Source, table: Mapping[str, str]) -> tuple[str, str] | None:
    """(pack, what matched) for the source's domain or publisher name in `table`."""
    by_domain = {registrable_domain(k) or k.lower(): v for k, v in table.items() if "." in k}
    for domain in _domains(source):
        if domain in by_domain:
            return by_domain[domain], f"domain {domain}"
    by_name = {k.casefold(): v for k, v in table.items() if "." not in k}
    names = [source.publisher]
    if source.document is not None:
        names.append(source.document.metadata.site_name)
    for name in filter(None, names):
        for variant in name_variants(name):
            if variant.casefold() in by_name:
                return by_name[variant.casefold()], f"publisher {name}"
    return None


def _licence(article: Document, source: Source) -> tuple[Licence, str] | None:
    if source.document is not None:
        found = licence_of(source.document)
        if found is not None:
            return found, "the source page links"
    found = licence_of(article)
    return (found, "the article says it is republished under") if found is not None else None


def _has_tracker_tool_pixel(article: Document) -> bool:
    return any(
        "republication-pixel=true" in src or "republication-tracker-tool" in src
        for src in (*article.metadata.tracking_pixels, *(image.src for image in article.images))
    )


def choose_packs(
    article: Document, source: Source, publishers: Mapping[str, str] | None = None
) -> tuple[tuple[str, ...], str]:
    """The pack names for `--rules auto` and one sentence saying why they were chosen.

    `publishers` maps a domain ("calmatters.org") or a publisher name ("CalMatters") to a pack
    name; it is consulted before the bundled publishers and licences.
    """
    if publishers:
        found = _lookup(source, publishers)
        if found is not None:
            pack, matched = found
            return (
                pack,
            ), f"Chose {pack} because the configuration maps the source's {matched} to it."
    found = _lookup(source, PUBLISHER_PACKS)
    if found is not None:
        pack, matched = found
        return (pack,), f"Chose {pack} because the source's {matched} has its own terms."
    if _has_tracker_tool_pixel(article):
        # The plugin's handout carries its pixel; its terms are the plugin's pack.
        return (TRACKER_TOOL,), (
            f"Chose {TRACKER_TOOL} because the article carries the Republication Tracker Tool "
            "pixel of the source."
        )
    licence = _licence(article, source)
    if licence is not None:
        terms, where = licence
        licensed = LICENCE_PACKS.get((terms.code, terms.version))
        if licensed is not None:
            return (licensed,), f"Chose {licensed} because {where} the {terms.label} licence."
        return (DEFAULT,), (
            f"Chose {DEFAULT}: {where} the {terms.label} licence, which no bundled pack covers."
        )
    known = source.publisher or next(iter(_domains(source)), "")
    about = f"the source ({known})" if known else "the source"
    return (DEFAULT,), (
        f"Chose {DEFAULT} because {about} has no publisher pack and links no licence."
    )


__all__ = ["LICENCE_PACKS", "PUBLISHER_PACKS", "choose_packs"]
