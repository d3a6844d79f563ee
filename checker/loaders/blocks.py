"""Last pass over the walked blocks: the headline, widget leftovers and the byline go.

These are decisions about text, not markup: "Advertisement", "1 min read", "By Jane Doe",
a date line. They sit at the edges of a body container on most sites, under any class name.
"""

from __future__ import annotations

import re

from checker.lazy_pattern import LazyPattern
from checker.loaders.walk import RawBlock

_BOILERPLATE_LINE = LazyPattern(
    r"^\W*(?:advertisement|advertising|advert|ad|sponsored(?: content)?|"
    r"continue reading(?: the main story)?|"
    r"story continues below(?: advertisement)?|scroll to continue(?: with content)?|"
    r"share(?: this(?: article| story| post)?)?(?: on \w+)?|tweet|like this|loading|"
    r"subscribe|print|email|e-mail|comments?|\d+ comments?|reklama|реклама|광고|広告|"
    r"skip (?:to )?(?:main )?content|back to top|click to (?:share|print|email).*|"
    r"listen to (?:this )?(?:article|story).*|\d+\s*(?:min(?:ute)?s?|мин\.?)\s*(?:read|чтения)|"
    r"(?:image|photo|video)(?:s)?|enlarge this image|(?:toggle |hide |show )?caption|close|"
    r"(?:\d+ )?(?:shares?|views?))\W*$",
    re.I,
)
_BYLINE = LazyPattern(
    r"^(?:by|from|written by|posted by|von|par|por|автор)\s+\S.{0,80}$|"
    r"^(?:published|updated|posted|last updated|опубликовано|обновлено)\b.{0,80}$",
    re.I,
)
_DATE = LazyPattern(
    r"^\W*(?:\w+,?\s+)?(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?\s+\d{1,2},?\s+\d{4}|"
    r"\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?,?\s+\d{4})"
    r"(?:[\s,|at]+\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*\w{2,4})?)?\W*$",
    re.I,
)
_TAG_LIST = LazyPattern(
    r"^(?:tags?|tagged(?: with)?|topics?|filed under|categories|category|keywords|"
    r"темы|теги|метки|태그|タグ|etiquetas|schlagwörter|categoria)\s*[:：]?\s*(?:\n|$|[:：])",
    re.I,
)
# A date line in any language: short, has a year, and a time or a day number beside it.
_YEAR_LINE = LazyPattern(r"\b(?:19|20)\d{2}\b")
_TIME_OR_DAY = LazyPattern(r"\b\d{1,2}[:.h]\d{2}\b|\b\d{1,2}\b|\d{1,2}[日월]")
_SENTENCE_END = LazyPattern(r"[.!?。！？…:\"”»)]\s*$")


def _date_line(text: str) -> bool:
    if len(text) > 60 or len(text.split()) > 9 or text.endswith("."):
        return False
    year = _YEAR_LINE.search(text)
    if year is None:
        return False
    return bool(_TIME_OR_DAY.search(text[: year.start()] + " " + text[year.end() :]))


def _meta_line(block: RawBlock) -> bool:
    text = block.text
    if len(text) > 100:
        return False
    return bool(
        _BYLINE.match(text)
        or _DATE.match(text)
        or _date_line(text)
        or _BOILERPLATE_LINE.match(text)
    )


def finish_blocks(blocks: list[RawBlock], title: str) -> list[RawBlock]:
    kept = [
        block
        for block in blocks
        if not _BOILERPLATE_LINE.match(block.text)
        and not (block.kind == "h1" and (not title or block.text == title))
    ]
    # Before the first real paragraph: bylines, dates and labels, never article text.
    start = 0
    while start < len(kept) and _meta_line(kept[start]):
        start += 1
    kept = kept[start:]
    # After it: a list of tags, then dates and labels, from the end backwards.
    for index in range(len(kept) - 1, max(len(kept) - 4, 0), -1):
        if _TAG_LIST.match(kept[index].text) and len(kept[index].text) < 600:
            kept = kept[:index]
            break
    while kept and _meta_line(kept[-1]) and not _SENTENCE_END.search(kept[-1].text):
        kept.pop()
    return kept
