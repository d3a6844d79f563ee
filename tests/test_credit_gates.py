"""The cheap tests in front of the caption-credit patterns never skip a pattern that matches.

`credit_in` runs a pattern only when the caption passes its test (a character or word the
pattern cannot match without), so that most captions compile and run none of them (start-up,
issue 14). Each test must hold for every text its pattern matches: checked here on generated
captions built from the pieces the patterns look for, and on every agency name.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from probe import last_line

from checker import credit_vocabulary as cv

PIECES = [
    *cv._AGENCY_STARTS,
    "Photo", "PHOTO", "photo", "Foto", "FOT.", "Fot.", "fot. ", "Credit", "Image", "Courtesy of",
    "사진", "写真", "Picture", "By", "Source", "Chart", "Getty Images", "ZUMA Press Wire",
    "Jane Doe", "Thomas Coex", "O’Neil", "J.", "via", "for the", "©", "(c)", "Copyright",
    ":", "：", "|", "/", " / ", "(", ")", "[", "]", "..", "…", "=", ".", ",", " - ", " — ", " ",
    "2025", "a", "word", "Reuters?", "\u00a0",
]  # fmt: skip
captions = st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map("".join)


@settings(max_examples=3000, deadline=None)
@given(captions)
def test_a_pattern_that_matches_always_passes_its_test(caption: str) -> None:
    for may_match, pattern in cv._CREDIT_PATTERNS:
        if pattern.search(caption):
            assert may_match(caption), (pattern.pattern[:60], caption)
    if cv._SLASHED.search(caption):
        assert "/" in caption
    if cv._NAMED_ONLY.search(caption):
        assert "/" in caption or "(" in caption
    assert cv._agency_in(caption) == bool(cv._AGENCY.search(caption))


def test_every_agency_name_holds_the_literal_its_alternative_starts_with() -> None:
    for name in [*(name for row in cv.WIRE_NAMES for name in row), "EPA-EFE", "ZUMA Press"]:
        if cv._AGENCY.search(name) or cv._AGENCY.search(name.upper()):
            assert cv._may_name_agency(name) or cv._may_name_agency(name.upper()), name
    starts = cv._AGENCY_STARTS
    assert "" not in starts  # an empty start would let every caption through
    assert {"ZUMA", "EPA", "PA", "iStock", "Sipa", "AP", "ZUMA".upper()} <= set(starts)


def test_literal_starts_leave_out_an_optional_last_letter_and_whole_groups() -> None:
    assert cv._literal_starts(r"Reuters?|AP(?: Photo| Images)?|iStock(?:photo)?|A\.P") == (
        "Reuter",
        "AP",
        "iStock",
        "A",
    )


def test_a_caption_with_no_credit_compiles_none_of_the_agency_patterns() -> None:
    # In a fresh interpreter: a compiled LazyPattern holds its bound methods on the instance.
    probe = (
        "from checker import credit_vocabulary as cv\n"
        "assert cv.credit_in('Central Bank of Russia') == ''\n"
        "assert cv.credit_in('US Middle East envoy Steve Witkoff') == ''\n"
        "big = [cv._AGENCY, cv._BRACKETED, cv._SLASHED, cv._NAMED_ONLY, cv._LABELLED,\n"
        "       cv._CREDIT_PATTERNS[-1][1]]\n"
        "print(sum('search' in vars(p) for p in big))"
    )
    assert last_line(probe) == "0"
    assert cv.credit_in("Kirill Dmitriev. Photo: Mehmet Eser/ZUMA Press Wire") == (
        "Photo: Mehmet Eser/ZUMA Press Wire"
    )
