"""Inside the located article, remove what is not the article.

Navigation, asides, share bars, related or teaser blocks ("Don't Miss", "Related", "More"),
newsletter boxes and link lists are common inside an article container too. Each rule keeps
an element that holds most of the container's text: a class word such as "share" on the body
wrapper itself must not empty the page.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

from checker.credit_vocabulary import CREDIT_LINE_WORDS as CREDIT_PHRASE
from checker.lazy_pattern import LazyPattern
from checker.loaders.credits import is_caption_element
from checker.loaders.locate import PROSE, PageStats, class_weight, comma_count, marker_words
from checker.loaders.tree import (
    Element,
    ancestors,
    class_tokens,
    drop,
    raw_text,
    tag_of,
    text_of,
)

PRUNE_WORDS = frozenset(
    {
        "related", "relatedposts", "teaser", "teasers", "promo", "promos", "recommend",
        "recommended", "recommendations", "newsletter", "newsletters", "share", "sharing",
        "sharebar", "sharedaddy", "comments", "comment", "disqus", "sidebar", "advert",
        "advertisement", "advertising", "ad", "ads", "adsbygoogle", "sponsor", "sponsored",
        "outbrain", "taboola", "breadcrumb", "breadcrumbs", "tags", "subscribe",
        "subscription", "signup", "popular", "trending", "byline", "meta", "toolbar",
        "pagination", "pager", "nav", "navigation", "menu", "cookie", "consent", "modal",
        "popup", "login", "skip", "jump", "print", "bio", "author", "dateline", "timestamp",
        "date", "abstract", "dek", "standfirst", "subtitle",
    }
)  # fmt: skip
# Words that also name embeds holding article text (a quoted tweet in a "social-embed"
# widget): such an element goes only when it is mostly links or nearly empty.
WEAK_WORDS = frozenset(
    {"social", "socials", "widget", "widgets", "overlay", "rating", "reactions", "embed"}
)
_MARK_WORDS = PRUNE_WORDS | WEAK_WORDS
_PRUNE_PHRASES = LazyPattern(
    r"more[-_]?(?:stories|articles|news|from|on|like)|read[-_]?(?:more|next|also)|"
    r"most[-_]?(?:read|popular|viewed)|also[-_]?read|see[-_]?also|you[-_]?may|"
    r"up[-_]?next|keep[-_]?reading|further[-_]?reading"
)
TEASER_HEADING = LazyPattern(
    r"^(?:don['’]?t miss|"
    r"related(?: (?:articles?|stories|posts|news|content|coverage|reading|links|topics))?|"
    r"more(?: (?:stories|news|articles|from .{1,40}|on .{1,40}|in .{1,40}|like this|to read))?|"
    r"read (?:more|next|also)|also read|recommended(?: for you| stories| reading| articles)?|"
    r"you (?:may|might) (?:also )?(?:like|be interested in|enjoy)|most (?:popular|read|viewed)|"
    r"trending(?: now| stories)?|popular(?: now| stories| posts)?|see also|further reading|"
    r"latest(?: news| stories| posts)?|top stories|what to read next|editor['’]?s picks|"
    r"sponsored(?: content| stories)?|from (?:around|across) the web|"
    r"next (?:article|story|post)|"
    r"(?:você )?(?:também )?pode gostar|leia também|veja também|"
    r"(?:posts|notícias|artigos) relacionad[oa]s|"
    r"(?:también )?te puede interesar|lee también|(?:noticias|artículos) relacionad[oa]s|"
    r"(?:à )?lire aussi|sur le même sujet|mehr zum thema|lesen sie auch|weitere artikel|"
    r"das könnte sie auch interessieren|leggi anche|potrebbe interessarti|"
    r"читайте также|по теме|смотрите также|похожие (?:статьи|новости|записи)|рекомендуем|"
    r"самые популярные.{0,20}|관련 ?기사|많이 본 뉴스|関連記事|あわせて読みたい|おすすめ記事)\W*$",
    re.I,
)
_READ_MORE_LEAD = LazyPattern(
    r"^\W*(?:read more|read also|also read|see also|related|more|читайте также)\b", re.I
)
_PRUNE_TAGS = frozenset({"nav", "aside", "form"})
_CONDITIONAL_TAGS = frozenset({"div", "section", "ul", "ol", "table", "dl", "footer", "header"})
# Tags that can make an element removable whatever its class (a <p> by its links).
_MAY_GO = _PRUNE_TAGS | _CONDITIONAL_TAGS
_NO_WORDS: frozenset[str] = frozenset()
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_LABEL_TAGS = frozenset({"p", "div", "span", "strong", "b"})
# Boxes named for who wrote or when, where a source statement also sits.
_SOURCE_BOX_WORDS = frozenset({"byline", "author", "meta", "dateline", "source", "bio"})
_OVERLAY = LazyPattern(r"\btop\s*:\s*-?[\d.]+%.*\b(?:left|right)\s*:\s*-?[\d.]+%", re.I | re.S)
_INLINE_TAGS = frozenset({"a", "span", "em", "i", "b", "strong", "abbr", "cite", "q", "mark"})
_PROSE_TAGS = frozenset({"p", "li", "blockquote", "dd", "td"})
_PART_PROSE = 3 * PROSE
_OPENING = 40  # characters in which a source line states what it is
_READ_ON = LazyPattern(r"read[-_]?more|keep[-_]?reading|continue[-_]?reading|readmore", re.I)
_PICTURE_TEXT = 40  # a picture's wrapper holds at most a label, not paragraphs
_CAPTION_TEXT = 300  # a caption and credit; more is a block of its own
_MAX_WRAPPED = 2  # a photo or a pair; more is a grid
_MAX_LINKS = 3  # a credit links a name, an agency, a licence; more is a list of links
_IMAGE_LINK = LazyPattern(
    r"\.(?:jpe?g|png|gif|webp|avif)(?:[?#].*)?$", re.I
)  # two or three paragraphs of prose: a part of the body


def _protected(el: Element, stats: PageStats, total: int) -> bool:
    """The element holds most of the article, or a photo's caption: whatever its class says."""
    return (
        stats.text.get(el, 0) > 0.5 * total
        or is_caption_element(el)
        or _caption_beside_image(el, stats)
    )


def _caption_beside_image(el: Element, stats: PageStats) -> bool:
    """A short box holding a caption or credit element just after a picture.

    "<div class='subtitle-2'><span class='credit'>Credit: ...</span></div>" under an image
    is the image's credit; "subtitle" in its class says how it is styled.
    """
    if not 0 < stats.text.get(el, 0) <= _CAPTION_TEXT or tag_of(el) in _PRUNE_TAGS:
        return False
    previous = el.getprevious()
    while previous is not None and not isinstance(previous.tag, str):
        previous = previous.getprevious()
    if previous is None or not _picture(previous, stats):
        return False  # asked first: few elements follow a picture
    if next(el.iter("img"), None) is not None:
        return False  # a box with its own picture (an author's card) is not a caption
    return any(is_caption_element(inner) for inner in el.iter() if isinstance(inner.tag, str))


def _picture(el: Element, stats: PageStats) -> bool:
    """An image, or a wrapper that holds one and next to no text (not a container of prose)."""
    if tag_of(el) == "img":
        return True
    return next(el.iter("img"), None) is not None and stats.text.get(el, 0) <= _PICTURE_TEXT


def _is_boilerplate_class(el: Element, stats: PageStats, words: frozenset[str]) -> bool:
    """`words`: the element's marker words."""
    if words & PRUNE_WORDS:
        return True
    if not words:
        return False  # an anchor id and no class: nothing says what the element is
    phrased, read_on = _phrases(class_tokens(el))
    if not phrased:
        return False
    if not read_on:
        return True  # "more-news", "most-read", "see-also": teasers
    # "read-more", "keep-reading": a teaser list, or the wrapper of a body split around a
    # "Read more" button. Prose with few links, under no teaser heading, is the body's part.
    return (
        stats.good.get(el, 0) < _PART_PROSE
        or stats.link_density(el) >= 0.2
        or _opens_with_teaser_heading(el, stats)
    )


def _marked(el: Element, words: frozenset[str]) -> bool:
    """Marker words (not empty) that _is_boilerplate_class or the weak-word test can act on."""
    return not words.isdisjoint(_MARK_WORDS) or _phrases(class_tokens(el))[0]


@lru_cache(maxsize=4096)
def _phrases(tokens: frozenset[str]) -> tuple[bool, bool]:
    """Whether a class token names a teaser phrase, and whether all those are "read more" ones.

    Cached by the token set (itself cached by class string): pages repeat their classes.
    """
    phrased = [token for token in tokens if _PRUNE_PHRASES.search(token)]
    return bool(phrased), all(_READ_ON.search(token) for token in phrased)


def _teaser_block(heading: Element, main: Element, stats: PageStats) -> list[Element]:
    """The heading of a teaser block and what it heads."""
    parent = heading.getparent()
    if parent is None:
        return [heading]
    first = next((child for child in parent if isinstance(child.tag, str)), None)
    if first is heading and parent is not main and parent not in set(ancestors(main)):
        return [parent]  # a box that opens with "Related": the whole box
    # Otherwise the heading leads a run of link lists and pictures; prose ends the run.
    block = [heading]
    for sibling in heading.itersiblings():
        if not isinstance(sibling.tag, str):
            continue
        size = stats.text.get(sibling, 0)
        if tag_of(sibling) in _HEADINGS or (size >= 20 and stats.link_density(sibling) < 0.5):
            break
        block.append(sibling)
    return block


def _is_teaser_heading(el: Element, stats: PageStats) -> bool:
    size = stats.text.get(el, 0)
    if not size:
        return False  # no text to match (drops since measure() never add text inside `el`)
    tag = tag_of(el)
    if tag not in _HEADINGS and not (tag in _LABEL_TAGS and size <= 40):
        return False
    return bool(TEASER_HEADING.match(text_of(el)))


def _opens_with_teaser_heading(root: Element, stats: PageStats) -> bool:
    node: Element | None = root
    for _ in range(3):
        node = (
            next((child for child in node if isinstance(child.tag, str)), None)
            if node is not None
            else None
        )
        if node is None:
            return False
        if _is_teaser_heading(node, stats):
            return True
    return False


def _in_flow(el: Element) -> bool:
    """A list between the article's own paragraphs or under its own heading, not a link box."""
    previous = el.getprevious()
    while previous is not None and not isinstance(previous.tag, str):
        previous = previous.getprevious()
    return previous is not None and tag_of(previous) in ("p", "h2", "h3", "h4", "h5", "h6")


def _conditional(el: Element, stats: PageStats) -> bool:
    """Readability's second look at lists, tables and divs: link lists and image grids go."""
    text = stats.text.get(el, 0)
    density = stats.link_density(el)
    # At most a fifth of the text in links, no test below answers True: asked before the
    # commas, which are counted in the whole text (raw: collapsing white space removes none).
    if text >= 5000 or density <= 0.2 or comma_count(raw_text(el)) >= 10:
        return False
    weight = class_weight(el)
    paragraphs = sum(1 for _ in el.iter("p"))
    images = sum(1 for _ in el.iter("img"))
    items = sum(1 for _ in el.iter("li"))
    tag = tag_of(el)
    if weight < 0 and density > 0.2:
        return True
    if images > 2 and paragraphs * 2 < images and density > 0.2:
        return True  # a grid of teaser pictures
    if tag not in ("ul", "ol") and items > paragraphs and density > 0.3:
        return True
    if text and text < 25 and images == 0 and density > 0.5:
        return True
    if tag in ("ul", "ol") and weight >= 0 and density <= 0.8 and _in_flow(el):
        return False
    return density > 0.5


def prune(
    roots: list[Element], stats: PageStats, keep: frozenset[Element] = frozenset()
) -> list[Element]:
    """Remove boilerplate inside the located elements; return the elements still standing.

    `keep`: elements that caption an image, whatever their class says ("subtitle").
    """
    total = sum(stats.text.get(root, 0) for root in roots) or 1
    main = max(roots, key=lambda root: (stats.good.get(root, 0), stats.text.get(root, 0)))
    # A sibling pulled in beside the body that opens with "Related" is a teaser list.
    kept = [root for root in roots if root is main or not _opens_with_teaser_heading(root, stats)]
    for root in kept:
        # Each entry carries whether the element or one of its ancestors was a <figure> when
        # it was pushed, so that no element climbs to the root to ask. Drops only cut chains
        # short, never add a figure: False stays exact, True is checked again (_removable).
        stack = [(root, any(tag_of(a) == "figure" for a in (root, *ancestors(root))))]
        while stack:
            el, figure_here = stack.pop()
            for child in reversed(list(el)):
                tag = child.tag  # read once: lxml builds the string on each read
                if not isinstance(tag, str) or child in keep:
                    continue
                if _removable(child, tag, stats, total, figure_here):
                    drop(child)
                    continue
                if _is_teaser_heading(child, stats) and not _protected(child, stats, total):
                    for dead in _teaser_block(child, main, stats):
                        drop(dead)
                    continue
                stack.append((child, figure_here or tag == "figure"))
    return kept


def _source_line(el: Element, stats: PageStats, words: frozenset[str]) -> bool:
    """A short source statement in a byline-like box ("Source: AP/dpa" in "backlink__author").

    Bylines, datelines and meta boxes go; the line that says where the text comes from is what
    the source-credit check reads, whatever the box it sits in is called.
    """
    if words & PRUNE_WORDS - _SOURCE_BOX_WORDS or not 0 < stats.text.get(el, 0) <= 200:
        return False
    if next(el.iter("img"), None) is not None:
        return False  # a byline with the author's or agency's picture: the picture is no photo
    # The statement opens the line ("Source: ...", "Originally published ..."): a standfirst
    # that mentions "a major source of pollution" further on is not one.
    return stats.link_density(el) < 0.9 and bool(CREDIT_PHRASE.search(text_of(el)[:_OPENING]))


def _chart_label(el: Element, stats: PageStats) -> bool:
    """A label placed over a picture by percentages: a chart's axis value, not prose.

    Graphics exported for the web (ai2html and the like) draw the chart as an image and lay
    its words over it, each in a box positioned by "top: 9.5%; left: 5.4%". The image and its
    credit line are the article's; "100", "%", "RECESSIONS" are not its text.
    """
    style = el.get("style")
    if not style or len(style) > 500 or stats.text.get(el, 0) > 200 or not _OVERLAY.search(style):
        return False
    parent = el.getparent()
    return parent is not None and any(tag_of(child) == "img" for child in parent)


def _in_sentence(el: Element, stats: PageStats) -> bool:
    """A link or span inside a paragraph's running text: words of the sentence.

    A class such as "popup" on a glossary link says how it behaves, not that it is a pop-up
    box; taking it out leaves "I am a man" of "I am a rather elderly man".
    """
    if tag_of(el) not in _INLINE_TAGS:
        return False
    parent = el.getparent()
    if parent is None or tag_of(parent) not in _PROSE_TAGS:
        return False
    return stats.text.get(parent, 0) >= 2 * stats.text.get(el, 0) + PROSE


def teaser_link(img: Element) -> bool:
    """An image inside a link to another page: a teaser's thumbnail, not the article's photo."""
    for a in [img, *ancestors(img)]:
        if tag_of(a) == "a":
            href = (a.get("href") or "").strip()
            return bool(href) and not href.startswith("#") and not _IMAGE_LINK.search(href)
    return False


def _media_wrapper(el: Element, stats: PageStats) -> bool:
    """A photo with its caption or credit: the photographer's linked name is no link list."""
    if stats.text.get(el, 0) > _CAPTION_TEXT:
        return False
    images = list(islice(el.iter("img"), _MAX_WRAPPED + 1))
    if not 0 < len(images) <= _MAX_WRAPPED or any(teaser_link(img) for img in images):
        return False
    return len(list(islice(el.iter("a"), _MAX_LINKS + 1))) <= _MAX_LINKS  # else a link list


def _removable(
    el: Element, tag: str, stats: PageStats, total: int, figure_above: bool = True
) -> bool:
    """`figure_above`: False when no ancestor of `el` can be a <figure> (prune knows)."""
    # Asked of every element of the article. Every test below that can answer True needs a
    # tag of its own, a style or marker words that name boilerplate: an element with none of
    # these cannot go, and the costlier tests (_protected, the figure and sentence checks)
    # are skipped for it. The cheap tests come first.
    names = el.keys()  # one call; most elements carry no attribute that could mark them
    words = marker_words(el) if names else _NO_WORDS  # what marker_words() says then
    if (
        tag not in _MAY_GO
        and "style" not in names
        and (tag != "p" or stats.link_density(el) <= 0.5)
        and not (words and _marked(el, words))
    ):
        return False
    if _protected(el, stats, total):
        return False
    if tag in _PRUNE_TAGS or _chart_label(el, stats):
        return True
    if figure_above and any(tag_of(a) == "figure" for a in ancestors(el)):
        return False  # credits inside figures are what the image check reads
    if _in_sentence(el, stats):
        return False
    if _is_boilerplate_class(el, stats, words):
        return not _source_line(el, stats, words)
    if (
        words & WEAK_WORDS
        and (stats.link_density(el) > 0.3 or stats.text.get(el, 0) < 100)
        and next(el.iter("figure"), None) is None  # a photo widget holds a body image
    ):
        return True
    if tag == "p":
        density = stats.link_density(el)
        if density <= 0.5:
            return False
        text = text_of(el)
        if _READ_MORE_LEAD.match(text):
            return True
        # A paragraph that is one linked headline is a teaser; a linked publisher name or a
        # "Originally published by ..." link is a credit and stays.
        return density > 0.9 and len(text.split()) >= 6 and not CREDIT_PHRASE.search(text)
    return tag in _CONDITIONAL_TAGS and _conditional(el, stats) and not _media_wrapper(el, stats)
