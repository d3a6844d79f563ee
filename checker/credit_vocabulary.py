"""What a credit looks like: the one vocabulary that the loaders and the checks share.

Two kinds of credit live here, because both are written with the same words ("Source:",
"©", agency names) and keeping them apart is what stops one being taken for the other:

- a statement of where an ARTICLE comes from: "Originally published by X", "По материалам X",
  "Quelle: dpa", "Mit Material von dpa", a wire byline ("By The Associated Press") or a
  dateline ("WASHINGTON (AP) —"), or a sign-off ("(PAP)"). `is_credit_statement`,
  `BYLINE_LEAD`, `dateline_names`, `signoff_names`, `wire_aliases`; `CREDIT_LINE_WORDS` for
  the loaders, which keep a short credit line found just after the body.
- a PHOTO credit inside a caption: "Photo: Name", "Foto: dpa", "Name/AFP/Getty Images",
  "[AFP/GETTY]", a chart's "By The New York Times | Source: ...". `credit_in`,
  `is_photo_credit`, `without_label`; `AGENCIES`, the one list of agencies.

Hand-written patterns rather than a library: no maintained package knows credit lines or
caption credits, and these must run on every block of every article, so they stay plain
regular expressions with a cheap first test.

Direction matters for the first kind: "This article was reprinted on Wired.com" says where
the text went, not where it came from, so it credits nobody.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from checker.lazy_pattern import LazyLiterals, LazyPattern

# ---------------------------------------------------------------------------- agencies
# Photo and news agencies, stock libraries and picture desks, as they sign their credits.
# Case-sensitive on purpose: "AP", "PA" or "Pool" in lower case are ordinary words.
AGENCIES = (
    r"AP|Associated Press|AFP|Agence France-Presse|Reuters|REUTERS|EPA(?:-EFE)?|EFE|"
    r"Getty Images|Getty|WireImage|Shutterstock|REX|Alamy|ZUMA(?: Press(?: Wire)?)?|Xinhua|"
    r"Sipa(?: USA)?|TASS|RIA Novosti|Sputnik|Anadolu(?: Agency)?|PA(?: Images| Wire| Media)?|"
    r"AAP|Pool|POOL|Bloomberg|dpa|DPA|ANP|ANSA|APA|Keystone|Belga|Ritzau|NTB|PAP|Kyodo|Yonhap|"
    r"NurPhoto|SOPA Images|LightRocket|picture alliance|picture-alliance|Imago|IMAGO|Abaca|"
    r"iStock(?:photo)?|Unsplash|Pexels|Wikimedia Commons|Wikimedia|Flickr|Corbis|UPI|"
    r"The Canadian Press|Canadian Press|Europa Press|Lusa|ATS|Keystone-ATS|MTI|ČTK|CTK|TASR|"
    r"HINA|STA|BTA|Agerpres|ANA-MPA|Lehtikuva|Scanpix|Ritzau Scanpix|NTB Scanpix|"
    r"Agência Brasil|Anadolu Ajansı|IRNA|Yonhap News|연합뉴스|新华社|共同通信"
)
# As they are written, or in the capitals many captions use ("ASSOCIATED PRESS", "[AFP/GETTY]").
_AGENCIES_SIGNED = f"{AGENCIES}|{AGENCIES.upper()}"
_AGENCY = LazyPattern(rf"(?<!\w)(?:{_AGENCIES_SIGNED})(?!\w)")


def _literal_starts(alternation: str) -> tuple[str, ...]:
    """The literal text each top-level alternative of a pattern starts with.

    "ZUMA(?: Press(?: Wire)?)?" starts with "ZUMA": a text that holds none of the starts
    cannot match the alternation, case-sensitively. The agency patterns are a few hundred
    alternatives that take milliseconds to compile, and most captions name no agency. (`re`
    keeps its own literal prefixes private, and finds them only when compiling.)
    """
    starts, depth, current = [], 0, ""
    for char in alternation + "|":
        if char == "|" and depth == 0:
            literal = _LITERAL_RUN.match(current).group()  # type: ignore[union-attr]
            if current[len(literal) : len(literal) + 1] in ("?", "*", "{"):
                literal = literal[:-1]  # "Reuters?": its last letter is optional
            starts.append(literal)
            current = ""
            continue
        depth += (char == "(") - (char == ")")
        current += char
    return tuple(dict.fromkeys(starts))


_LITERAL_RUN = re.compile(r"[^\\()\[\]{}?*+.^$|]*")
_AGENCY_STARTS = _literal_starts(_AGENCIES_SIGNED)


def _agency_in(text: str) -> bool:
    """`_AGENCY.search(text)`, tested for the names' literal starts first."""
    return _may_name_agency(text) and bool(_AGENCY.search(text))


# Wire services are credited by their short name in datelines and by their full name in
# bylines: "(AP) —" is a credit to "The Associated Press". Each row: every name of one agency.
WIRE_NAMES: tuple[tuple[str, ...], ...] = (
    ("The Associated Press", "Associated Press", "AP"),
    ("Agence France-Presse", "Agence France Presse", "AFP"),
    ("Reuters", "Thomson Reuters"),
    ("Deutsche Presse-Agentur", "dpa"),
    ("Agencia EFE", "EFE"),
    ("Agenzia Nazionale Stampa Associata", "ANSA"),
    ("Austria Presse Agentur", "APA"),
    ("Schweizerische Depeschenagentur", "Keystone-SDA", "sda", "SDA"),
    ("Sport-Informations-Dienst", "sid", "SID"),
    ("Katholische Nachrichten-Agentur", "KNA"),
    ("Evangelischer Pressedienst", "epd"),
    ("The Canadian Press", "Canadian Press", "CP"),
    ("Press Association", "PA Media", "PA"),
    ("Australian Associated Press", "AAP"),
    ("United Press International", "UPI"),
    ("Algemeen Nederlands Persbureau", "ANP"),
    ("Press Trust of India", "PTI"),
    ("Polska Agencja Prasowa", "PAP"),
    ("Xinhua", "Xinhua News Agency"),
    ("Kyodo", "Kyodo News"),
    ("Yonhap", "Yonhap News Agency"),
    ("TASS", "ТАСС"),
    ("RIA Novosti", "РИА Новости"),
    ("Interfax", "Интерфакс"),
)


def _bare(name: str) -> str:
    return re.sub(r"^the\s+", "", " ".join(name.split()), flags=re.I).casefold()


# Each wire name without "The", as compared: built once, not for every article checked.
_WIRE_ROWS = {_bare(name): names for names in reversed(WIRE_NAMES) for name in names}


def wire_aliases(publisher: str) -> tuple[str, ...]:
    """The other names of a wire service ("AP" for "The Associated Press"); () for others."""
    return _WIRE_ROWS.get(_bare(publisher), ())


# ---------------------------------------------------------------------------- article credits
# In English, and in the languages republishers of wire copy write in: Russian ("по
# материалам", "источник:"), Ukrainian, Spanish, Portuguese, French, German, Italian, Dutch,
# Polish, the Nordic languages, Czech, Hungarian, Turkish, Chinese, Japanese, Korean.
# One expression, one pass over the text: the check runs it on every block of every article.
CREDIT_PHRASES = LazyPattern(
    r"""(?ix)
    # The word phrases start at a word's first letter: testing that once, before the
    # alternatives, skips the middle of every word (most of any text) at once, which makes
    # searching a long article several times faster.
    (?<!\w)(?=\w)(?:
      (?:originally|first)\s+(?:published|appeared|ran|posted|reported)\b
    | (?:re)?published\s+(?:here\s+)?(?:with\s+(?:the\s+)?permission|under\s+a|courtesy)\b
    | (?:article|story|piece|text|report|content|post|essay|column)\s+(?:was|is|has\s+been)\s+
        (?:originally\s+|first\s+)?(?:published|produced|written|reported|prepared)\s+(?:by|in|on|at|for)\b
    | based\s+on\s+(?:the\s+)?
        (?:materials?|reporting|an?\s+article|a\s+story|articles|stories|content|a\s+report)\b
    | (?:re)?(?:published|printed|produced|posted)\s+from\b
    | reprinted\b | reproduced\b | syndicated\b | courtesy\s+of\b
    | credit\s*: | via\s*:
    | copyright\b | all\s+rights\s+reserved\b
    | rights?\b[^.]{0,80}\bbelongs?\s+to\b
    | original\s+(?:article|story|text|report|version|piece|publication|source|material)\b
    | this\s+(?:article|story|piece|report)\s+(?:appeared|ran|comes|is\s+from|first)\b
    | (?:distributed|provided|supplied|licensed)\s+by\b
    | in\s+(?:partnership|collaboration)\s+with\b
    | (?:used|republished)\s+(?:by|with)\s+(?:kind\s+)?permission\b
    | with\s+permission\s+(?:of|from)\b
    | this\s+(?:article|story|piece)\s+(?:is|was)\s+(?:from|by)\b
    | author\s+of\s+the\s+article\s*:
    | cross-?posted\s+(?:from|with)\b | (?:adapted|excerpted)\s+from\b
    | по\s+материалам | оригинал\s+(?:статьи|материала|публикации)
    | впервые\s+опубликован | права\s+на\s+.{0,60}принадлежат | перепечатк
    | за\s+матеріалами
    | publicad[oa]\s+(?:originalmente|originariamente|primeiro) | originalmente\s+publicad
    | apareci[oó]\s+(?:originalmente|primero)
    | con\s+informaci[oó]n\s+de | com\s+informa[cç][oõ]es\s+d
    | publié\s+(?:initialement|à\s+l'origine|d'abord) | initialement\s+(?:publié|paru)
    | paru\s+(?:initialement|d'abord|à\s+l'origine)
    | (?:zuerst|ursprünglich)\s+(?:erschienen|veröffentlicht)
    | erschien\s+(?:zuerst|ursprünglich|erstmals) | zuerst\s+(?:bei|in|auf)\s+\S.{0,60}?erschienen
    | mit\s+(?:material|informationen)\s+(?:von|der|des|aus)\b
    | verscheen\s+(?:eerder|eerst|oorspronkelijk) | oorspronkelijk\s+gepubliceerd
    | ukazał\s+się\s+(?:pierwotnie|pierwszy) | przedruk | publicerades\s+först
    | først\s+(?:publisert|publiceret) | alun\s+perin\s+julkaist
    | pubblicato\s+originariamente | con\s+informazioni\s+d
    )
    # Labels, after a space or a bracket ("(Quelle: APA/sda/dpa)"), and signs.
    | (?:^|[\s(\[])(?:sources?|источник|джерело|fuente|fonte|font|quelle|bron|źródło|zrodlo
        |källa|kilde|lähde|zdroj|forrás|kaynak|izvor)\s*[:：]
    | © | \(c\)
    | \(avec\s+(?:afp|ap|reuters|agences)\b  # "(avec AFP)"; "avec l'AFP" is an interview
    # Chinese, Japanese and Korean have no spaces between words.
    | (?:来源|來源|出典|출처)\s*[:：] | 转载自 | 轉載自 | より転載
    """
)


# Statements that say where the text WENT, not where it came from: a credit to nobody.
REVERSED = LazyPattern(
    r"""(?ix)
      \bre(?:printed|published|posted|produced|run)\s+(?:on|by|in|at|to)\b
        (?!\s+(?:kind\s+)?permission|\s+(?:partnership|collaboration))
    | \b(?:has\s+)?re(?:printed|published|posted|ran|run)\s+(?:this|the)\s+
        (?:article|story|piece|post|report|essay|text)\b
    | \bsyndicated\s+(?:to|on)\b
    """
)


# A literal prefilter: every alternative of CREDIT_PHRASES holds one of these words (lower
# case), so a text whose lower-cased form holds none of them cannot match, and most blocks of
# an article hold none: one scan for literals instead of trying ~50 alternatives at every
# word. Keep it in step with CREDIT_PHRASES (tests/test_credit_prefilter.py checks it).
CREDIT_LITERALS = (
    "original", "first", "published", "produced", "written", "reported", "prepared", "based",
    "printed", "posted", "syndicated", "courtesy", "credit", "via", "copyright", "reserved",
    "belong", "this", "distributed", "provided", "supplied", "licensed", "partnership",
    "collaboration", "permission", "author", "adapted", "excerpted",
    "материалам", "оригинал", "впервые", "принадлежат", "перепечатк", "матеріалами",
    "publicad", "apareci", "informa", "publié", "initialement", "paru", "erschien",
    "veröffentlicht", "material", "verscheen", "oorspronkelijk", "ukazał", "przedruk",
    "publicerades", "først", "julkaist", "pubblicato",
    "source", "источник", "джерело", "fuente", "font", "quelle", "bron", "źródło", "zrodlo",
    "källa", "kilde", "lähde", "zdroj", "forrás", "kaynak", "izvor",
    "©", "(c)", "(avec", "来源", "來源", "出典", "출처", "转载自", "轉載自", "より転載",
)  # fmt: skip
# Characters that case-insensitive matching equates with a letter of another lower case (the
# long s, the dotless and dotted i, Cyrillic and Greek variant forms), or whose lower case is
# two characters: in a text holding one, lower-casing is not how the regex compares, so the
# prefilter is skipped. (re._casefix's pairs and str.lower() against sre's lower case.)
_CASE_TRAPS = LazyPattern(
    "[\xb5\u0130\u0131\u017f\u0345\u0390\u03b0\u03b2\u03b5\u03b8\u03b9\u03ba\u03bc"
    "\u03c0-\u03c3\u03c6\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f5\u0432\u0434\u043e"
    "\u0441\u0442\u044a\u0463\u1c80-\u1c88\u1e61\u1e9b\u1fbe\u1fd3\u1fe3\ua64b"
    "\ufb05\ufb06\u212a\u2126\u212b]"
)


# One scan of a text for every literal (about 1 ms of an audit worker's 11 ms an article when
# each literal was an `in` test; one alternation of them is slower still).
_LITERALS = LazyLiterals(CREDIT_LITERALS)


def _has_phrase(text: str) -> bool:
    if (text.isascii() or not _CASE_TRAPS.search(text)) and not _LITERALS.found_in(text.lower()):
        return False
    return CREDIT_PHRASES.search(text) is not None


@lru_cache(maxsize=4096)
def is_credit_statement(text: str) -> bool:
    """The text states where an article comes from (not where it was reprinted)."""
    if not _has_phrase(text):
        return False
    # Rare: only a sentence that already holds a credit phrase pays for the direction test.
    if not REVERSED.search(text):
        return True
    return _has_phrase(REVERSED.sub(" ", text))


# Words that make a short line just after the article body worth keeping as a credit line
# (looser than a statement on purpose: the check decides later whether it credits anyone).
CREDIT_LINE_WORDS = LazyPattern(
    r"originally|published|republish|reprint|source|via\b|courtesy|original (?:article|story)|"
    r"©|copyright|credit|rights|licen[cs]e|first appeared|appeared (?:first|originally)|"
    r"по материалам|источник|опубликован|перепечат|quelle|mit material|mit informationen|"
    r"erschienen|veröffentlicht|fuente|fonte|publicad|publié|pubblicato|con informaci|"
    r"com informa|bron:|źródło|källa|kilde|erschien|verscheen|ukazał|przedruk|publicerad|"
    r"adapted from|excerpted from|cross-?posted|来源|來源|출처|出典|转载|轉載|転載",
    re.I,
)

# A byline that is a credit: "By The Associated Press", "Author of the article: Reuters",
# "Von dpa". The check tests whether the publisher is named in what follows.
BYLINE_LEAD = LazyPattern(
    r"^\s*(?:by|von|par|por|di|door|av|af|od|от|автор\s*:|author\s+of\s+the\s+article\s*:"
    r"|authors?\s*:|written\s+by|story\s+by|autor(?:in)?\s*:)\s*",
    re.I,
)
# Datelines, at the very start of the story: a place and maybe a date, then the agency:
# "WASHINGTON (AP) —", "LONDON, April 4 (Reuters) -", "Berlin (dpa/lby) -", "Madrid (EFE).-",
# "(ANSA) - ROMA", "MOSCOW, December 5. /TASS/.", "МОСКВА, 5 дек — РИА Новости.".
_DATELINES = (
    LazyPattern(r"^\s*[^\n()]{0,80}?\(([^()]{1,40})\)\.?\s*[-–—]"),
    LazyPattern(r"^\s*[^\n/]{0,80}?\s/([^/\n]{2,30})/\.?\s"),
    LazyPattern(r"^\s*[^\n]{0,60}?\s[—–-]\s*([^.,:;\n]{2,30})\.\s"),
)
# A wire sign-off closing the story: "(PAP)", "(EFE)", "dpa/lby", "sid/dpa", "— AP".
# A bare name ("Reuters") closing the body is as often a tag or a section link: not counted.
_SIGNOFF = LazyPattern(
    r"^\s*(?:\(\s*([^()]{1,50}?)\s*\)|[—–-]\s*([^()]{1,50}?)|([\w.-]+(?:\s*/\s*[\w.-]+)+))"
    r"\s*\.?\s*$"
)
SIGNOFF_WORDS = 6


def _names(found: str) -> list[str]:
    """ "dpa/lby" and "AFP, AP" name several agencies; each is tried on its own."""
    return [name.strip() for name in re.split(r"\s*[/,;]\s*|\s+(?:and|und|et|y|i)\s+", found)]


def dateline_names(text: str) -> list[str]:
    """Names a dateline opening `text` gives ("AP" for "LA CROSSE, Wis. (AP) — ...")."""
    names: list[str] = []
    for pattern in _DATELINES:
        match = pattern.match(text)
        if match:
            names += _names(match.group(1))
    return names


def signoff_names(text: str) -> list[str]:
    """Names in a short wire sign-off that closes a story ("(PAP)", "dpa/lby"), else []."""
    if len(text.split()) > SIGNOFF_WORDS:
        return []
    match = _SIGNOFF.match(text)
    return _names(next(group for group in match.groups() if group)) if match else []


# ---------------------------------------------------------------------------- photo credits
# Caption labels, in the languages photo desks write in. "Photo :" with a space is French.
_LABELS = (
    r"Photo(?:graph|graphie|graphy)?s?|Image|Picture|Pic|Credit|Illustration|Video|Source|"
    r"Foto(?:s|graf[ií]a|grafie|grafia)?|Fotó|Bild(?:er|rechte|quelle)?|Zdjęci[ea]|"
    r"Фото(?:графия)?|Φωτογραφία|Cr[ée]dit(?:o|s)?(?: photo)?|Crédito(?: foto)?|Kuva|Beeld|"
    r"Fotoğraf|Imagem|Imagen|Immagine|Obrázek|写真|撮影|图片来源|图片|摄影|圖片|사진|"
    r"Photographer|Photo credit|Image credit|Image source|Credit Image|Credits?"
)
# A label ends in a colon ("Photo :" with a space is French), a bar or dots; Polish "Fot."
# needs none.
_LABEL = rf"(?:(?:{_LABELS})\s*(?:by)?\s*(?:[:：|]|\.{{2,}}|…)|Fot\.(?=\s)|사진\s*=)"
_LABELLED = LazyPattern(rf"(?:^|(?<=[\s(\[.,;|]))({_LABEL}\s*\S.*)$", re.I)
_PHOTO_LABEL = LazyPattern(rf"^{_LABEL}", re.I)
# One name in a credit: up to five words, each starting with a letter ("Juan-Pérez", "O’Neil",
# "J."); a word never ends in a full stop except an initial, so a sentence before the credit
# ("... in Paris. Thomas Coex/AFP") is not taken in.
_WORD = r"(?:[^\W\d_]\.|[^\W\d_][\w'’&-]*)"
_NAME = rf"{_WORD}(?:[ \u00a0]{_WORD}){{0,4}}"
_JOIN = r"\s*/\s*|\s+[-–—]\s+|,?\s+(?:via|for)\s+(?:the\s+)?"
_END = r"[\s.)\]]*$"
# Where a credit may start: the caption's start, a bracket, a sentence's end, a dash or bar;
# also glued to the caption's last word ("... on Thursday.Anthony Wallace / AFP") or to a
# hidden "Credit" label, as text joined from neighbouring inline elements reads.
_START = (
    r"(?:^|(?<=[(\[©])|(?<=[.!?;:©] )|(?<=[-–—|] )|(?<=[^\W\d_]{2}\.)(?=[A-Z])(?!Credit)"
    r"|(?<=Credit)(?=[A-Z])(?!Credit))"
)
# "Name/Agency", "Thomas Coex/AFP/Getty Images", "AP Photo/Name", "Name/AFP via Getty Images":
# the WHOLE run of names joined by slashes is the credit, not only its agency end.
_SLASHED = LazyPattern(rf"{_START}({_NAME}(?:\s*/\s*{_NAME})(?:(?:{_JOIN}){_NAME})*){_END}")
_BRACKETED = LazyPattern(
    rf"[\[(]\s*((?:{AGENCIES})(?:\s*/\s*(?:{AGENCIES}))*)\s*[\])]\s*\.?\s*$", re.I
)
# A chart's credit: "By The New York Times | Source: Congressional Budget Office".
_CHART = LazyPattern(
    r"(?:^|(?<=\s))((?:Graphic|Chart|Map)?\s*By\s+[^|]{1,80}?\s*\|\s*Sources?\s*:.+)$"
)


def _any_of(*marks: str) -> Callable[[str], bool]:
    return lambda caption: any(mark in caption for mark in marks)


def _always(caption: str) -> bool:
    return True


_LABEL_ENDS = (":", "：", "|", "..", "…", "=")


def _may_be_labelled(caption: str) -> bool:
    """What every `_LABEL` ends with: a colon, a bar, dots, "Fot." or Korean "사진 =" """
    return any(end in caption for end in _LABEL_ENDS) or "fot." in caption.lower()


# The agencies' literal starts (case-sensitive), tested on every caption and alt text of every
# page: one scan where an `in` test per start scanned the text 124 times (0.7 against 11 us).
_AGENCY_STARTS_FOUND = LazyLiterals(_AGENCY_STARTS)


def _may_name_agency(caption: str) -> bool:
    return _AGENCY_STARTS_FOUND.found_in(caption)


# What a "... by Name" credit names: the photograph, and the illustration or graphic that
# stands in a photo's place ("Photo illustration by Mark Graves, The Oregonian").
_BY_KINDS = (
    r"Photo(?:graph)?(?:\s+illustration)?|Picture|Image|Illustration|Graphic|Drawing|Artwork"
)
# Ordered: the most explicit statement wins when a caption holds several. Each pattern comes
# with a test that every text it matches passes (a character or word it cannot match
# without): most captions are no credit, and then the patterns, some of which take
# milliseconds to compile, are neither compiled nor run.
_CREDIT_PATTERNS: tuple[tuple[Callable[[str], bool], LazyPattern], ...] = (
    (
        _any_of("("),
        LazyPattern(
            r"\(\s*((?:Credit|Photo|Image|Picture|Foto)s?(?: Image| credit)?\s*:[^()]*)\)", re.I
        ),
    ),
    (_any_of("|"), _CHART),
    (_may_be_labelled, _LABELLED),
    (_always, LazyPattern(r"((?:©|\(c\)|Copyright)\s*\S.*)$", re.I)),
    (_any_of("(", "["), _BRACKETED),
    (_always, LazyPattern(rf"((?:{_BY_KINDS})s?\s+(?:by|courtesy(?: of)?)\s+.+)$", re.I)),
    (_always, LazyPattern(r"(Courtesy(?: of)?\s+.+)$", re.I)),
    (
        _may_name_agency,
        LazyPattern(
            rf"(?:^|[.)]\s+|\s[-–—|]\s*)((?:{_AGENCIES_SIGNED})(?:\s+(?:via|for)\s+[\w ]+)?)\s*\.?$"
        ),
    ),
)
# A caption that is nothing but "Name Name/Outlet" ("Devindra Hardawar/AOL"), or ends with a
# bracketed name ("... a crafted lamp. (Lucy Akins)"): capitalised words only, so "before/after"
# or "(left)" are no credit.
_CAPITALISED = r"[A-Z][\w'’&-]*(?:[ \u00a0](?:[A-Z][\w'’&-]*|[A-Z]\.)){0,4}"
_PERSON = r"[A-Z][\w'’&-]*(?:[ \u00a0](?:[A-Z][\w'’&-]*|[A-Z]\.)){1,4}"
_NAMED_ONLY = LazyPattern(
    rf"^({_PERSON}(?:\s*/\s*{_CAPITALISED})+)\.?$|\((?!\w+\))({_CAPITALISED})\)\.?$"
)
# Full-width brackets (Chinese, Japanese captions) read as brackets.
_BRACKETS = str.maketrans({"（": "(", "）": ")", "【": "[", "】": "]"})
_LETTERS = LazyPattern(r"[^\W\d_]+")
_INVISIBLE = LazyPattern(r"[\u200b-\u200d\u2060\ufeff]")


def _slashed_credit(caption: str) -> str:
    """The run of slashed names that ends the caption, if an agency signs it."""
    match = _SLASHED.search(caption) if "/" in caption else None
    return match.group(1) if match and _agency_in(match.group(1)) else ""


def _clean(credit: str) -> str:
    credit = " ".join(credit.split()).rstrip(" .")
    while credit.endswith((")", "]")) and credit.count(credit[-1]) > credit.count(
        "(" if credit[-1] == ")" else "["
    ):
        credit = credit[:-1].rstrip(" .")
    return credit


@lru_cache(maxsize=4096)
def credit_in(caption: str) -> str:
    """The credit part of a caption, or "" when it states none.

    Cached: the pruner, the walk, the image checks and photo_credit ask it of the same
    captions, and a copy shares its captions with its source (a check asked it about four
    times per distinct caption on the benchmark's pages).
    """
    caption = " ".join(_INVISIBLE.sub("", caption or "").translate(_BRACKETS).split())
    if not caption or len(caption) > 2000:
        return ""
    slashed = _slashed_credit(caption)
    for may_match, pattern in _CREDIT_PATTERNS:
        match = pattern.search(caption) if may_match(caption) else None
        if match:
            credit = match.group(1)
            # "Photo: Name/Agency" keeps its label; a slashed run found further left is the
            # whole credit ("Thomas Coex/AFP/Getty Images", not only "AFP/Getty Images").
            if slashed and len(slashed) > len(credit) and slashed.endswith(credit.strip()):
                credit = slashed
            return _clean(credit)
    if slashed:
        return _clean(slashed)
    named = _NAMED_ONLY.search(caption) if "/" in caption or "(" in caption else None
    if named and len(_LETTERS.findall(caption)) >= 3:
        return _clean(named.group(1) or named.group(2))
    return ""


_LEADING_LABEL = LazyPattern(rf"^\W*(?:{_LABEL}|(?:{_BY_KINDS}|Foto)s?\s+by\b)\s*", re.I)


def without_label(credit: str) -> str:
    """The credit without its caption label: "Foto: dpa" and "Photo by Jane Doe" name whom."""
    return _LEADING_LABEL.sub("", " ".join(credit.split()))


# Labels and words of an article's credit, which a photo credit never starts with.
_ARTICLE_CREDIT_START = LazyPattern(
    r"^(?:sources?|quelle|fuente|fonte|источник|courtesy|©|\(c\)|copyright)\b|^©", re.I
)


def is_photo_credit(text: str) -> bool:
    """This whole short text is a photo credit and nothing else.

    "Credit: lili sams/mashable", "[AFP/GETTY]", "Foto: dpa", "Thomas Coex/AFP/Getty Images",
    "Photograph: Adrian Malloch for the Guardian", a chart's "By The New York Times | Source:
    ...". Not "Source: Bloomberg" or "© 2025 Bloomberg": those are as often the article's own
    credit line, which must stay body text.
    """
    text = " ".join(_INVISIBLE.sub("", text or "").split())
    if not text or len(text) > 200:
        return False
    credit = credit_in(text)
    if not credit:
        return False
    bare = text.strip(" .()[]")
    if len(credit) < len(bare) - 1:  # the credit is only part of the text: a caption
        return False
    labelled = bool(_PHOTO_LABEL.match(bare)) and not _ARTICLE_CREDIT_START.match(bare)
    if labelled or _CHART.match(bare):
        return True
    if _ARTICLE_CREDIT_START.match(bare):
        # "© Name/AFP" signs a photo; "© 2025 Bloomberg L.P." an article.
        return bool(_slashed_credit(bare))
    return _agency_in(credit) or ("/" in bare and bool(_NAMED_ONLY.match(bare)))
