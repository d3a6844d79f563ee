"""Find the article in a cleaned page: which elements hold the body text.

The approach is readability's (score paragraphs, credit their ancestors, discount link-heavy
containers, pull in qualifying siblings) with two additions a compliance checker needs: the
page's own statements (`itemprop=articleBody`, `<article>`, known body classes) are trusted
when they hold the text, and what follows the body inside the container (credit lines,
link-only source paragraphs) is kept unless it is plainly boilerplate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from lxml import etree

from checker.credit_vocabulary import CREDIT_LINE_WORDS as CREDIT_PHRASE
from checker.lazy_pattern import LazyPattern
from checker.loaders.credits import is_caption_element
from checker.loaders.tree import (
    Element,
    ancestors,
    class_words,
    raw_text,
    tag_of,
    text_of,
    words_of_class,
)

PARAGRAPH_TAGS = frozenset({"p", "pre", "td", "blockquote"})
# Scored by the text directly inside them: a paragraph without <p>.
_WRAPPER_TAGS = frozenset({"div", "section", "article", "span", "font", "center", "main"})
BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
        "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table",
        "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "br",
    }
)  # fmt: skip
POSITIVE_WORDS = frozenset(
    {
        "article", "articlebody", "body", "content", "entry", "hentry", "main", "page",
        "post", "text", "blog", "story", "prose", "storybody", "postbody", "richtext",
    }
)  # fmt: skip
NEGATIVE_WORDS = frozenset(
    {
        "comment", "comments", "com", "contact", "foot", "footer", "footnote", "masthead",
        "meta", "outbrain", "taboola", "promo", "related", "scroll", "shoutbox", "sidebar",
        "sponsor", "sponsored", "shopping", "tags", "tool", "tools", "widget", "nav", "navbar",
        "menu", "share", "sharing", "social", "ad", "ads", "advert", "advertisement", "banner",
        "popup", "modal", "teaser", "recommend", "recommended", "newsletter", "subscribe",
        "breadcrumb", "breadcrumbs", "cookie", "consent", "trending", "popular", "signup",
    }
)  # fmt: skip
# Text in these regions is rarely the article; a candidate inside one keeps a fifth of its score.
REGION_TAGS = frozenset({"footer", "nav", "aside"})
REGION_WORDS = frozenset(
    {
        "comment", "comments", "commentlist", "disqus", "footer", "sidebar", "related",
        "recommended", "promo", "newsletter", "outbrain", "taboola", "sponsored",
    }
)  # fmt: skip
_OUTSIDE_FACTOR = 0.2
_PARAGRAPH_MIN = 25  # text a paragraph needs to be scored; so has every element scored
_WRAPPER_MIN = 80  # direct text a <div> or the like needs to be scored
_MARKED_SHARE = 0.6  # of the located text, which a marked body inside it must hold
# An element with less text is never the semantic body: that holds this share of the located
# element's text, and a scored element (or its ancestor) has _PARAGRAPH_MIN at least.
_MARKED_MIN = 15
_SPLIT_CANDIDATES = 2
_CREDIT_SIBLINGS = 3  # how far after the body a credit line is looked for
_CLIMB_SHARE = 0.5
# Less than this is a standfirst, a caption or an author's bio beside the body, not more body.
_CLIMB_MIN = 400
PROSE = 60  # a paragraph at least this long, with few links, is article-like prose
_COMMAS = (",", "，", "、", "،")  # Latin, full-width, ideographic and Arabic commas


def comma_count(text: str) -> int:
    """Commas of any script in `text`: str.count per comma, without a regex's list of matches."""
    return sum(text.count(comma) for comma in _COMMAS)


_NOTE_LEVELS = 3  # wrappers between the body and an editor's note above it
_CONTROL_TEXT = 40  # a "Read more" button or toggle between two parts of a body
_NOTE_WORDS = frozenset({"note", "notes", "editorsnote", "editornote"})
# Above the body only what says where the text comes from: a caption's "Photo credit" is not.
_SOURCE_NOTE = LazyPattern(
    r"originally|first (?:appeared|published)|appeared (?:first|originally)|republish|reprint|"
    r"editor['’]?s note|this (?:article|story|post|piece|essay|report)|"
    r"ursprünglich|erschien (?:zuerst|erstmals)|publié (?:initialement|à l'origine)|"
    r"publicado originalmente|pubblicato originariamente|впервые опубликован|по материалам",
    re.I,
)


@dataclass
class PageStats:
    """Per-element text sizes, computed bottom-up in one pass over the tree."""

    text: dict[Element, int] = field(default_factory=dict)  # all text inside, in characters
    links: dict[Element, int] = field(default_factory=dict)  # text inside <a> elements
    good: dict[Element, int] = field(default_factory=dict)  # text of prose paragraphs inside

    def link_density(self, el: Element) -> float:
        total = self.text.get(el, 0)
        return self.links.get(el, 0) / total if total else 0.0


def _strip_len(value: str | None) -> int:
    return len(value.strip()) if value else 0


@lru_cache(maxsize=8192)
def _may_name_region(value: str) -> bool:
    """A class or id that may hold a region word: each is a run of letters in it, lower-cased.

    Most hold none as a substring, and then marker_words() need not split them into words.
    Cached: a page repeats its class strings.
    """
    lowered = value.lower()
    return any(word in lowered for word in REGION_WORDS)


@dataclass
class _Found:
    """What the locator needs besides text sizes, noted in the same pass, in document order."""

    candidates: list[Element]  # paragraphs and wrappers with text enough to be scored
    regions: list[Element]  # footers, sidebars, comment threads...: their subtrees are outside
    marked: list[Element]  # elements the page marks as article (<article>, itemprop)


def measure(body: Element) -> tuple[PageStats, _Found]:
    """Text sizes of every element, and what the locator looks at, in one pass over the page."""
    stats = PageStats()
    # Elements only, no comments: picked by lxml in C rather than tested here one by one.
    elements = list(body.iter(etree.Element))
    text, links = stats.text, stats.links
    text_get, links_get = text.get, links.get
    candidates: list[Element] = []
    regions: list[Element] = []
    marked: list[Element] = []
    # The loop body is written out (no helper calls): it runs for every element of the page.
    # It does the other passes' work too, while the element is at hand: one loop over the
    # page instead of four, and the tag read once.
    for el in reversed(elements):  # descendants come after their ancestors in document order
        value = el.text
        total = len(value.strip()) if value else 0
        linked = 0
        # len() first: most elements are leaves, and counting no children in C costs less
        # than making an iterator that yields none.
        if len(el):
            for child in el:  # comments too: their tails are text
                tail = child.tail
                total += text_get(child, 0) + (len(tail.strip()) if tail else 0)
                linked += links_get(child, 0)
        text[el] = total
        tag = el.tag  # elements only: a str
        links[el] = total if tag == "a" else linked
        # The rest matters only for elements with text enough: most have less (links, list
        # items, images), and their attributes need not be read. Text only grows going up,
        # so an element with less has no candidate inside either.
        if total < _MARKED_MIN:
            continue
        get = el.get
        if tag == "article" or (get("itemprop") or "").lower() == "articlebody":
            marked.append(el)
        # Whether an element is outside the regions is asked only of candidates and scored
        # elements, which have this much text: a region with less holds none of them.
        if total < _PARAGRAPH_MIN:
            continue
        if tag in PARAGRAPH_TAGS or (tag in _WRAPPER_TAGS and total >= _WRAPPER_MIN):
            candidates.append(el)
        if tag in REGION_TAGS:
            regions.append(el)
            continue
        class_, id_ = get("class"), get("id")
        if class_ or id_:
            value = f"{class_} {id_}" if class_ and id_ else class_ or id_ or ""
            if _may_name_region(value) and not marker_words(el).isdisjoint(REGION_WORDS):
                regions.append(el)
    candidates.reverse()
    regions.reverse()
    marked.reverse()
    return stats, _Found(candidates, regions, marked)


# Function words: an id holding one is a heading's anchor slug ("debt-as-a-share-of-gdp").
_SLUG_WORDS = frozenset(
    {"a", "an", "the", "of", "with", "as", "to", "in", "for", "and", "on", "is", "how", "what",
     "why", "when", "your", "from", "by", "at", "or", "de", "la", "le", "des", "der", "die", "und"}
)  # fmt: skip
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def _anchor_id(el: Element, words: frozenset[str]) -> bool:
    """The id is made from a heading's words (a section anchor), not a name for the element.

    Documentation generators and editors give each section the slug of its title as id:
    "sharing-with-a-single-developer" names a section, not a share bar.
    """
    if len(words) < 3:
        return False
    if len(words) >= 5 and words & _SLUG_WORDS:
        return True  # a sentence, not a name ("wp-logo-for-print" is a name)
    heading = next(el.iter(*_HEADINGS), None)
    return heading is not None and words <= class_words_of_text(text_of(heading))


@lru_cache(maxsize=4096)
def class_words_of_text(text: str) -> frozenset[str]:
    # Cached: asked of the same ids and headings by the locator, the pruner and the lead pass.
    return frozenset(word for word in re.split(r"[^a-z0-9]+", text.lower()) if word)


def marker_words(el: Element) -> frozenset[str]:
    """Words of the class and id that say what an element is; a section's anchor id says nothing."""
    element_id = el.get("id")
    if not element_id:
        return words_of_class(el.get("class"))  # class_words(el), the id read once
    id_words = class_words_of_text(element_id)
    if not _anchor_id(el, id_words):
        return class_words(el)
    value = el.get("class") or ""
    return class_words_of_text(re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", value))


def class_weight(el: Element) -> int:
    words = marker_words(el)
    if not words:
        return 0
    weight = 0
    if words & NEGATIVE_WORDS:
        weight -= 25
    if words & POSITIVE_WORDS:
        weight += 25
    return weight


_TAG_WEIGHT = {
    "div": 5, "article": 10, "main": 5, "section": 3, "pre": 3, "td": 3, "blockquote": 3,
    "form": -3, "ol": -3, "ul": -3, "dl": -3, "dd": -3, "dt": -3, "li": -3, "address": -3,
    "th": -5, "h1": -5, "h2": -5, "h3": -5, "h4": -5, "h5": -5, "h6": -5,
}  # fmt: skip


def _direct_text(el: Element, stats: PageStats, minimum: int) -> tuple[int, str]:
    """Text of an element that is not inside a block-level child: a paragraph without <p>.

    The size, and the text itself only when the size reaches `minimum` ("" below it)."""
    size = _strip_len(el.text)
    text = stats.text
    for child in el:
        if child.tag not in BLOCK_TAGS:  # a comment's tag (a function) is not in it either
            size += text.get(child, 0)
        size += _strip_len(child.tail)
    return size, _direct_content(el) if size >= minimum else ""


def _direct_content(el: Element) -> str:
    # Only for a candidate big enough to score: joining every div's text was a third of the
    # scoring pass, and most divs are too small to need it.
    parts = [el.text or ""]
    for child in el:
        if child.tag not in BLOCK_TAGS:
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return "".join(parts)


def _outside_regions(regions: list[Element]) -> set[Element]:
    """Elements inside comment threads, footers, sidebars and navigation (themselves included)."""
    outside: set[Element] = set()
    for region in regions:  # document order: a region inside another is in the set already
        if region not in outside:
            outside.update(region.iter(etree.Element))  # the subtree, walked in C
    return outside


def score_candidates(found: _Found, stats: PageStats) -> dict[Element, float]:
    scores: dict[Element, float] = {}
    outside = _outside_regions(found.regions)
    text, links, good = stats.text, stats.links, stats.good
    for el in found.candidates:  # text enough to score (measure)
        size = text[el]
        paragraph = el.tag in PARAGRAPH_TAGS
        if paragraph:
            content = raw_text(el)
            # stats.link_density written out; size is not 0 (measure).
            density = links[el] / size
        else:
            # Direct text is part of all the text inside: most wrappers hold too little to
            # score, and their children need not be read to know it.
            size, content = _direct_text(el, stats, _WRAPPER_MIN)
            if size < _WRAPPER_MIN:
                continue
            density = 0.0
        score = (1 + comma_count(content) + min(size / 100, 3)) * (1 - density)
        if not paragraph:
            _credit(el, scores, score, 0)
        prose = size >= PROSE and density < 0.3 and el not in outside
        # getparent() in a loop, the level counted alongside (no enumerate()): this climbs
        # from every paragraph of the page.
        level, ancestor = 0, el.getparent()
        while ancestor is not None:
            if prose:
                good[ancestor] = good.get(ancestor, 0) + size
            elif level > 4:
                break
            if level <= 4:
                _credit(ancestor, scores, score, level)
            level, ancestor = level + 1, ancestor.getparent()
    return {
        el: score * (1 - stats.link_density(el)) * (_OUTSIDE_FACTOR if el in outside else 1.0)
        for el, score in scores.items()
    }


_DIVIDERS = (1, 2, 6, 9, 12)  # a paragraph's score shared with its ancestors, by level


def _credit(el: Element, scores: dict[Element, float], score: float, level: int) -> None:
    current = scores.get(el)
    if current is None:
        current = _TAG_WEIGHT.get(tag_of(el), 0) + class_weight(el)
    scores[el] = current + score / _DIVIDERS[level]


def _semantic_body(marked: list[Element], stats: PageStats, top: Element) -> Element | None:
    """An element the page marks as its article body, if it holds most of the located text.

    `marked`: the <article> elements with text and the itemprop=articleBody ones (measure)."""
    best: Element | None = None
    for el in marked:
        contains_top = el is top or any(a is el for a in ancestors(top))
        inside_top = any(a is top for a in ancestors(el))
        if contains_top and stats.text.get(el, 0) <= 2 * stats.text.get(top, 0) + 500:
            best = el  # the article element wrapping the paragraphs we found
        elif inside_top and stats.text.get(el, 0) >= _MARKED_SHARE * stats.text.get(top, 0):
            best = el if best is None or stats.text[el] > stats.text.get(best, 0) else best
    return best


def locate(body: Element) -> tuple[list[Element], PageStats]:
    """The elements, in document order, that hold the article ([body] if none stands out),
    and the text sizes measured on the way, which pruning reuses."""
    stats, found = measure(body)
    scores = score_candidates(found, stats)
    if not scores:
        return [body], stats
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
    top, top_score = ranked[0]
    # Several strong candidates under one ancestor: the article is split into sections.
    lineage = set(ancestors(top))
    close = [
        el
        for el, score in ranked[1:6]
        if score >= 0.75 * top_score
        and el not in lineage
        and not any(a is top for a in ancestors(el))
    ]
    if len(close) >= _SPLIT_CANDIDATES:
        for ancestor in ancestors(top):
            if tag_of(ancestor) in ("body", "html"):
                break
            inside = sum(1 for el in close if any(a is ancestor for a in ancestors(el)))
            if inside >= _SPLIT_CANDIDATES:
                top = ancestor
                break
    semantic = _semantic_body(found.marked, stats, top)
    if semantic is not None:
        top = semantic
    top = _climb(top, stats)
    top_score = scores.get(top, top_score)
    chosen = _with_siblings(top, top_score, scores, stats)
    return _notes_further_up(top, chosen, stats) + chosen, stats


def _climb(top: Element, stats: PageStats) -> Element:
    """Widen to an ancestor while what it adds is mostly more prose (an article in sections)."""
    good = stats.good
    for parent in ancestors(top):
        if tag_of(parent) in ("body", "html"):
            break
        gain = good.get(parent, 0) - good.get(top, 0)
        added = stats.text.get(parent, 0) - stats.text.get(top, 0)
        if gain < _CLIMB_MIN or gain < _CLIMB_SHARE * added:
            if added > 0:
                break
            top = parent  # a wrapper that adds nothing: the same container, one level up
            continue
        top = parent
    return top


def _with_siblings(
    top: Element, top_score: float, scores: dict[Element, float], stats: PageStats
) -> list[Element]:
    parent = top.getparent()
    if parent is None or tag_of(top) in ("body", "html"):
        return [top]
    threshold = max(10.0, top_score * 0.2)
    top_class = top.get("class") or ""
    chosen: list[Element] = []
    page_level = (
        tag_of(top) == "main"
        or tag_of(parent) == "body"
        or next(top.iter("article"), None) is not None
    )
    siblings = [child for child in parent if isinstance(child.tag, str)]
    before = siblings.index(top)  # element siblings still to come before the top candidate
    adjacent: set[Element] = set()  # before the top with only controls between: a split body
    for sibling in reversed(siblings[:before]):
        adjacent.add(sibling)
        if stats.text.get(sibling, 0) > _CONTROL_TEXT:
            break
    after = 0  # element siblings seen after the top candidate
    for sibling in siblings:
        if sibling is top:
            chosen.append(sibling)
            after = 1
            continue
        bonus = top_score * 0.2 if top_class and sibling.get("class") == top_class else 0.0
        strong = scores.get(sibling, 0.0) + bonus >= threshold
        credit = 0 < after <= _CREDIT_SIBLINGS and _credit_line(sibling, stats)
        if not after:
            credit = before <= _CREDIT_SIBLINGS and _note_above(sibling, stats)
            credit = credit or (sibling in adjacent and _body_part(sibling, stats))
            before -= 1
        if credit and tag_of(sibling) in REGION_TAGS and page_level:
            credit = False  # the site's footer beside <main>: "© 2025 Site", not a credit
        if strong or credit:
            chosen.append(sibling)
        elif tag_of(sibling) == "p":
            size = stats.text.get(sibling, 0)
            density = stats.link_density(sibling)
            text = raw_text(sibling).strip()
            if (size > 80 and density < 0.25) or (
                0 < size <= 80 and density == 0 and text.endswith((".", "!", "?", "。"))
            ):
                chosen.append(sibling)
        after += 1 if after else 0
    return chosen


def _notes_further_up(top: Element, chosen: list[Element], stats: PageStats) -> list[Element]:
    """An editor's note above the column that holds the body, a few wrappers up.

    Grid layouts wrap the body in a row and a column ("row > col-8 > entry-content"); the note
    above it is then a sibling of the row, not of the body. Looked for only while the body's
    wrapper is the first thing in its parent, and only when no note sits beside the body.
    """
    if chosen and chosen[0] is not top:
        return []  # a note or a part was found beside the body already
    node = top
    for _ in range(_NOTE_LEVELS):
        parent = node.getparent()
        if parent is None or tag_of(parent) in ("body", "html"):
            return []
        before = [child for child in parent if isinstance(child.tag, str)]
        notes: list[Element] = []
        for el in reversed(before[: before.index(node)]):
            if _note_above(el, stats):
                notes.insert(0, el)
            elif stats.text.get(el, 0) > _CONTROL_TEXT or tag_of(el) in _HEADINGS:
                return notes  # a heading or text between: what is above is not the body's
        if notes:
            return notes
        node = parent
    return []


def _body_part(el: Element, stats: PageStats) -> bool:
    """The first part of a body split around a "Read more" button: prose with few links."""
    return (
        stats.good.get(el, 0) >= 2 * PROSE
        and stats.link_density(el) < 0.2
        and class_weight(el) >= 0
    )


def _note_above(el: Element, stats: PageStats) -> bool:
    """An editor's note just above the body: "This post originally appeared on Grist."

    Only a statement of where the text comes from or an element named a note; a photo caption
    (which also says "credit") is the lead image's, not text of the article.
    """
    if next(el.iter("img", "figure", "figcaption"), None) is not None or is_caption_element(el):
        return False
    if class_words(el) & _NOTE_WORDS:
        return 0 < stats.text.get(el, 0) <= 300 and stats.link_density(el) < 0.9
    return _credit_line(el, stats) and bool(_SOURCE_NOTE.search(raw_text(el)))


def _credit_line(el: Element, stats: PageStats) -> bool:
    """A short statement of the article's source just after the body, or a link-only one.

    Readability drops both (too short, or all link); a compliance check needs exactly them.
    """
    size = stats.text.get(el, 0)
    if not 0 < size <= 300 or class_weight(el) < 0:
        return False
    density = stats.link_density(el)
    if density < 0.9:
        return bool(CREDIT_PHRASE.search(raw_text(el)))
    links = [a for a in el.iter("a") if a.get("href")]
    return tag_of(el) == "p" and size <= 60 and len(links) == 1
