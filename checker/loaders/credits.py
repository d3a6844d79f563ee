"""Which part of an image caption is its credit, and which elements are captions or credits.

Credits come in a handful of shapes that newsrooms and agencies have used for decades:
"Photo: Name", "Credit: Name", "© Name", "AP Photo/Name", "REUTERS/Name", "Name/Getty Images",
"(Credit Image: © Name/ZUMA Press Wire)", or a bare agency name at the end ("... AFP").
"""

from __future__ import annotations

import re

from checker.loaders.tree import Element, class_words, norm

_AGENCIES = (
    r"AP|AFP|Reuters|REUTERS|EPA(?:-EFE)?|EFE|Getty Images|Getty|Shutterstock|Alamy|"
    r"ZUMA(?: Press(?: Wire)?)?|Xinhua|Sipa(?: USA)?|TASS|RIA Novosti|Sputnik|Anadolu(?: Agency)?|"
    r"PA(?: Images| Wire| Media)?|AAP|Pool|Bloomberg|dpa|ANP|NurPhoto|SOPA Images|LightRocket|"
    r"Kyodo|Yonhap|iStock(?:photo)?|Unsplash|Pexels|Wikimedia Commons|Flickr|Imago|Abaca"
)

_END = r"[\s.)\]]*$"
# Ordered: the most explicit statement wins when a caption holds several.
_CREDIT_PATTERNS = (
    re.compile(r"\(\s*((?:Credit|Photo|Image|Picture)s?(?: Image| credit)?\s*:[^()]*)\)", re.I),
    re.compile(
        r"((?:Photo(?:graph)?s?|Image|Picture|Pic|Credit|Illustration|Video|Source|Foto|Фото|"
        r"Photographer|Photo credit|Image credit|Image source|Credits?)"
        r"\s*(?:by)?\s*(?:[:：|]|\.{2,}|…)\s*.+)$",
        re.I,
    ),
    re.compile(r"((?:©|\(c\)|Copyright)\s*\S.*)$", re.I),
    re.compile(rf"\b((?:{_AGENCIES})(?: Photo| Images)?\s*/\s*[\w.'’ /-]+){_END}"),
    re.compile(
        rf"(?:^|(?<=\. )|(?<=\()|(?<=[-–—|] ))"
        rf"([\w'’-](?:[\w'’ -]|(?<=\b\w)\.){{0,60}}?\s*/\s*(?:{_AGENCIES})"
        rf"(?:\s+(?:via|for)\s+[\w ]+)?){_END}"
    ),
    re.compile(r"((?:Photo|Picture|Image)s?\s+(?:by|courtesy(?: of)?)\s+.+)$", re.I),
    re.compile(r"(Courtesy(?: of)?\s+.+)$", re.I),
    re.compile(rf"(?:^|[.)]\s+|\s[-–—|]\s*)((?:{_AGENCIES})(?:\s+(?:via|for)\s+[\w ]+)?)\s*\.?$"),
)

# Words of a statement of where an article comes from ("Originally published by", "Source:").
CREDIT_PHRASE = re.compile(
    r"originally|published|republish|reprint|source|via\b|courtesy|original (?:article|story)|"
    r"©|copyright|credit|rights|licen[cs]e|first appeared|appeared (?:first|originally)",
    re.I,
)
CAPTION_WORDS = frozenset(
    {
        "caption",
        "figcaption",
        "credit",
        "credits",
        "copyright",
        "attribution",
        "wp-caption-text",
        "legend",
    }
)
_CAPTION_ONLY = frozenset({"caption", "figcaption", "captions", "imagecaption", "photocaption"})
_MEDIA_WORDS = frozenset({"media", "image", "img", "photo", "picture", "figure", "gallery"})
_MEDIA_PART_WORDS = frozenset(
    {"caption", "title", "footer", "description", "desc", "credit", "info", "text", "legend"}
)
CREDIT_WORDS = frozenset({"credit", "credits", "copyright", "attribution", "photographer"})
# schema.org's ImageObject properties for the credit, as microdata.
_CREDIT_PROPS = frozenset({"copyrightHolder", "creditText", "copyrightNotice"})


def credit_in(caption: str) -> str:
    """The credit part of a caption, or "" when it states none."""
    caption = norm(caption)
    if not caption or len(caption) > 2000:
        return ""
    for pattern in _CREDIT_PATTERNS:
        match = pattern.search(caption)
        if match:
            credit = norm(match.group(1)).rstrip(" .")
            while credit.endswith(")") and credit.count(")") > credit.count("("):
                credit = credit[:-1].rstrip(" .")
            return credit
    return ""


def is_credit_element(el: Element) -> bool:
    words = class_words(el)
    if words & CREDIT_WORDS or el.get("itemprop") in _CREDIT_PROPS:
        return True
    # "byline-photo", "photo-byline", "image-source", "caption__source": photo or caption
    # words next to byline or source words.
    return bool(words & {"photo", "image", "img", "picture", "caption"}) and bool(
        words & {"byline", "source", "author", "owner"}
    )


def is_caption_element(el: Element) -> bool:
    return el.tag == "figcaption" or bool(class_words(el) & CAPTION_WORDS) or is_credit_element(el)


def is_caption_only(el: Element) -> bool:
    """A caption by its markup: never body text, with or without an image beside it.

    Credit-classed elements are not here: `<p class="credit">Source: Bloomberg</p>` at the end
    of an article is the article's credit line, which the body must keep.
    """
    return el.tag == "figcaption" or bool(class_words(el) & _CAPTION_ONLY)


def is_media_caption(el: Element) -> bool:
    """Next to an image, "media__title", "photo-info", "image-desc" and the like caption it."""
    words = class_words(el)
    return bool(words & _MEDIA_WORDS) and bool(words & _MEDIA_PART_WORDS)
