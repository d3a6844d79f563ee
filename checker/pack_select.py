"""`--rules auto`: choose the pack for an article from what is known of its source.

Which pack covers what is declared by the packs themselves (`selects:` in their YAML:
publishers, domains, licences, tracking pixels), so a publisher's pack needs no code here. In
order: the configuration's publishers map (a domain or a publisher name -> pack); a pack that
selects the source's domain or publisher name; a pack that selects a tracking pixel the article
carries; a pack that selects the Creative Commons licence the source links, or failing that the
one the article says it is republished under; otherwise the generic `default` pack. The reason
is one sentence for the report.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from checker.checks.base import Source
from checker.checks.licence_notice import Licence, licence_of
from checker.document import Document
from checker.pack_model import Pack
from checker.packs import catalogue as load_catalogue
from checker.text import name_variants
from checker.urls import registrable_domain

DEFAULT = "default"


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


def _pixel_pack(article: Document, catalogue: Sequence[Pack]) -> str:
    srcs = (*article.metadata.tracking_pixels, *(image.src for image in article.images))
    return next(
        (
            pack.name
            for pack in catalogue
            for mark in pack.selects.pixels
            for src in srcs
            if mark in src
        ),
        "",
    )


def _by_source(catalogue: Sequence[Pack]) -> dict[str, str]:
    """The catalogue as one table: a domain or a publisher name -> the pack selecting it."""
    table: dict[str, str] = {}
    for pack in catalogue:
        for key in (*pack.selects.domains, *pack.selects.publishers):
            table.setdefault(key, pack.name)
    return table


def choose_packs(
    article: Document,
    source: Source,
    publishers: Mapping[str, str] | None = None,
    catalogue: Sequence[Pack] | None = None,
) -> tuple[tuple[str, ...], str]:
    """The pack names for `--rules auto` and one sentence saying why they were chosen.

    `publishers` maps a domain ("calmatters.org") or a publisher name ("CalMatters") to a pack
    name; it is consulted before the packs' own `selects`. `catalogue`: the packs to choose
    from (those that declare `selects`); by default every available pack.
    """
    catalogue = load_catalogue() if catalogue is None else catalogue
    if publishers:
        found = _lookup(source, publishers)
        if found is not None:
            pack, matched = found
            return (
                pack,
            ), f"Chose {pack} because the configuration maps the source's {matched} to it."
    found = _lookup(source, _by_source(catalogue))
    if found is not None:
        pack, matched = found
        return (pack,), f"Chose {pack} because the source's {matched} has its own terms."
    pixel_pack = _pixel_pack(article, catalogue)
    if pixel_pack:
        # A plugin's handout carries its pixel; its terms are the plugin's pack.
        return (pixel_pack,), (
            f"Chose {pixel_pack} because the article carries the tracking pixel that pack is for."
        )
    licence = _licence(article, source)
    if licence is not None:
        terms, where = licence
        wanted = f"{terms.code} {terms.version}"
        licensed = next((p.name for p in catalogue if wanted in p.selects.licences), "")
        if licensed:
            return (licensed,), f"Chose {licensed} because {where} the {terms.label} licence."
        return (DEFAULT,), (
            f"Chose {DEFAULT}: {where} the {terms.label} licence, which no bundled pack covers."
        )
    known = source.publisher or next(iter(_domains(source)), "")
    about = f"the source ({known})" if known else "the source"
    return (DEFAULT,), (
        f"Chose {DEFAULT} because {about} has no publisher pack and links no licence."
    )


__all__ = ["DEFAULT", "choose_packs"]
