"""Line starts of submitted content (checker/serve/offsets.py) against a character-by-character
count of the line breaks the HTML loader counts: CR LF, CR or LF, never a form feed or U+2028."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from checker.serve.offsets import LineIndex, line_starts


def counted(text: str) -> list[int]:
    starts = [0]
    at = 0
    while at < len(text):
        if text.startswith("\r\n", at):
            at += 2
        elif text[at] in "\r\n":
            at += 1
        else:
            at += 1
            continue
        starts.append(at)
    return starts


@given(st.text(alphabet="ab \n\x0c\u2028é"))
def test_lf_only_text(text: str) -> None:
    assert line_starts(text) == counted(text)


@given(st.text(alphabet="ab \r\n\x0c\u2028é"))
def test_text_with_carriage_returns(text: str) -> None:
    assert line_starts(text) == counted(text)


def test_an_offset_is_found_on_its_line_and_none_past_its_end() -> None:
    index = LineIndex("<p>one</p>\n<p>two</p>\n")
    assert index.offset(2, 4) == 14
    assert index.offset(2, 12) is None  # the line is 10 characters and its LF
    assert index.offset(4, 1) is None
