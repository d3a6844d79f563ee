"""Images that need no credit: headshots, logos and icons, share buttons, adverts, teasers,
loading placeholders.

Photo desks credit the photographs, charts and illustrations of a story. The other images a
page shows inside or around the story (the author's headshot in the bio box, the publisher's
logo, a share button, an ad slot, a thumbnail of another story) are the site's furniture:
flagging them would bury the real findings, which is what makes a checker get switched off.

What marks them is the markup: the image's own class, id and file name, the classes of the
few wrappers around it (never past the article container, whose class says nothing about one
image), and for a teaser, a link to another page that carries a headline.
"""

from __future__ import annotations

import re
from itertools import islice
from urllib.parse import urlsplit

from checker.lazy_pattern import LazyPattern
from checker.loaders.tree import (
    Element,
    ancestors,
    class_words,
    is_stand_in,
    raw_image_src,
    tag_of,
    text_of,
)
from checker.urls import is_image_file

_OWN_WORDS = {
    "headshot": frozenset(
        {"headshot", "headshots", "avatar", "avatars", "mugshot", "gravatar", "userpic",
         "author", "authors", "byline", "profile"}
    ),
    "logo or icon": frozenset(
        {"logo", "logos", "icon", "icons", "sprite", "sprites", "emoji", "badge", "favicon",
         "spinner"}
    ),
    "advert": frozenset({"ad", "ads", "advert", "advertisement", "adslot", "dfp", "sponsor"}),
    "share button": frozenset({"share", "sharing", "social"}),
}  # fmt: skip
_FILE_WORDS = {
    "headshot": frozenset({"headshot", "headshots", "avatar", "avatars", "mugshot", "gravatar"}),
    "logo or icon": frozenset({"logo", "logos", "icon", "icons", "sprite", "sprites", "favicon"}),
}
_WRAPPER_WORDS = {
    "headshot": frozenset({"headshot", "avatar", "author", "byline", "bio", "mugshot"}),
    "logo or icon": frozenset({"logo", "icon", "sprite"}),
    "advert": frozenset(
        {"ad", "ads", "advert", "advertisement", "adslot", "dfp", "sponsor", "sponsored",
         "outbrain", "taboola"}
    ),
    "share button": frozenset({"share", "sharing", "sharebar", "social"}),
    "teaser": frozenset(
        {"teaser", "teasers", "related", "promo", "recommended", "recommendations", "trending",
         "popular"}
    ),
}  # fmt: skip
_ANY_OWN_WORD = frozenset().union(*_OWN_WORDS.values())
_ANY_WRAPPER_WORD = frozenset().union(*_WRAPPER_WORDS.values())
_ALL_FILE_WORDS = frozenset().union(*_FILE_WORDS.values())
# The furniture file words that hold no other ("logos" holds "logo"): a path without any of
# these strings has none of the words.
_FILE_WORD_STRINGS = tuple(
    sorted(w for w in _ALL_FILE_WORDS if not any(o != w and o in w for o in _ALL_FILE_WORDS))
)
_WRAPPERS = 4
_WALLS = frozenset({"body", "html", "article", "main"})
_PATH_WORDS = LazyPattern(r"[a-z]+")
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def exempt_reason(img: Element, src: str | None = None) -> str:
    """Why `img` needs no credit, or "" for an article image (`src`: its raw_image_src)."""
    # Most images carry none of the words: one test against them all, then the reason.
    own = class_words(img)
    if not own.isdisjoint(_ANY_OWN_WORD):
        return next(reason for reason, words in _OWN_WORDS.items() if own & words)
    # File names say less than classes ("debt-as-a-share-of-gdp.png" is a chart): only the
    # words that name nothing but furniture count there.
    src = raw_image_src(img) if src is None else src
    reason = _file_reason(src)
    if reason:
        return reason
    for wrapper in islice(ancestors(img), _WRAPPERS):
        if wrapper.tag in _WALLS or wrapper.get("itemprop") == "articleBody":
            break  # ancestors are elements: their tag is a str
        words = class_words(wrapper)
        if not words.isdisjoint(_ANY_WRAPPER_WORD):
            return next(reason for reason, marks in _WRAPPER_WORDS.items() if words & marks)
    if _share_link(img):
        return "share button"
    if _teaser_link(img):
        return "teaser"
    # Last, so that what the markup says of an image comes first: raw_image_src found no real
    # image behind this one (no data-src, srcset or <source>); a spinner, or a stand-in the
    # page's script replaces, and nothing to credit.
    return "loading placeholder" if is_stand_in(src) else ""


def _file_reason(src: str) -> str:
    """The furniture the image's path names by its words, "" for none.

    Words of the path: "/static/logos/site-logo.svg" -> static, logos, site, logo. A path that
    holds none of the furniture words even as a string (most photos') cannot have one as a
    word: urlsplit and the word split are skipped. Not for a URL with a tab or line break
    inside, which urlsplit takes out, joining what is around it.
    """
    if not src or src.startswith("data:"):
        return ""
    if not ("\t" in src or "\n" in src or "\r" in src):
        lowered = src.lower()
        if not any(word in lowered for word in _FILE_WORD_STRINGS):
            return ""
    try:
        path = urlsplit(src).path
    except ValueError:
        return ""
    words = frozenset(_PATH_WORDS.findall(path.lower()))
    return next((reason for reason, marks in _FILE_WORDS.items() if words & marks), "")


# Where a share button sends the reader: a network's share or post endpoint, an app's scheme,
# or an e-mail with no recipient. The button's image is named by the site's own words
# ("btn_tw.gif", alt "twitter") and its wrappers often by none: the link says what it is.
# Not Pinterest's pin/create: blogs wrap the article's own photos in it to make them pinnable
# (`media=` is the photo itself), and those are the story's images.
_SHARE_HREF = LazyPattern(
    r"^(?:(?:https?:)?//(?:[\w-]+\.)*(?:"
    r"twitter\.com/(?:intent/|share)|x\.com/intent/|facebook\.com/(?:sharer|share\.php|dialog/"
    r"(?:share|feed))|linkedin\.com/(?:shareArticle|sharing/|cws/share)|reddit\.com/submit|"
    r"tumblr\.com/(?:share|widgets/share)|(?:t|telegram)\.me/share|wa\.me/|whatsapp\.com/send|"
    r"vk\.com/share|line\.me/R/msg|b\.hatena\.ne\.jp/(?:add|entry)|"
    r"getpocket\.com/(?:save|edit)|plus\.google\.com/share|news\.ycombinator\.com/submitlink|"
    r"bsky\.app/intent/|mastodonshare\.com/|threads\.net/intent/)"
    r"|(?:whatsapp|fb-messenger|tg|viber|line)://|mailto:\?)",
    re.I,
)


def _share_link(img: Element) -> bool:
    """The image is the face of a link that shares the page on a network or by e-mail."""
    link = next((a for a in islice(ancestors(img), 3) if tag_of(a) == "a"), None)
    return link is not None and bool(_SHARE_HREF.match((link.get("href") or "").strip()))


def _teaser_link(img: Element) -> bool:
    """The image links to another page, and the link carries that page's headline."""
    link = next((a for a in islice(ancestors(img), 3) if tag_of(a) == "a"), None)
    if link is None:
        return False
    href = (link.get("href") or "").strip()
    if not href or href.startswith("#") or is_image_file(href.split("?")[0]):
        return False  # a link to the full-size photo, or within the page
    holder = link.getparent()
    scope = [link]
    if holder is not None and tag_of(holder) not in _WALLS and len(text_of(holder)) < 300:
        scope.append(holder)  # a card: the linked image, and the headline beside it
    for el in scope:
        for heading in el.iter(*_HEADINGS):
            if text_of(heading):
                return True
    return len(text_of(link).split()) >= 5
