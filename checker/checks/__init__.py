"""The registry of check kinds: one explicit table, as pre-commit's `all_languages.py`.

Adding a check kind means adding its module and one line here; nothing else in the package
changes. An explicit table, rather than discovering modules, keeps what runs visible and lets
modules that are not kinds live elsewhere (`checker.check_support`).
"""

from __future__ import annotations

from checker.checks import (
    byline,
    canonical,
    completeness,
    embargo,
    fidelity,
    headline,
    image_credit,
    image_rights,
    licence_notice,
    link_back,
    links_kept,
    original_link,
    source_credit,
    text_overlap,
    tracker,
)
from checker.checks.base import CheckKind, Hit, Source

__all__ = ["KINDS", "CheckKind", "Hit", "Source", "all_checks", "get_check"]

KINDS: dict[str, CheckKind] = {
    kind.name: kind
    for kind in (
        byline.CHECK,
        canonical.CHECK,
        completeness.CHECK,
        embargo.CHECK,
        fidelity.CHECK,
        headline.CHECK,
        image_credit.CHECK,
        image_rights.CHECK,
        licence_notice.CHECK,
        link_back.CHECK,
        links_kept.CHECK,
        original_link.CHECK,
        source_credit.CHECK,
        text_overlap.CHECK,
        tracker.CHECK,
    )
}


def all_checks() -> dict[str, CheckKind]:
    return dict(sorted(KINDS.items()))


def get_check(name: str) -> CheckKind | None:
    return KINDS.get(name)
