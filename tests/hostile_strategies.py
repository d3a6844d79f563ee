"""Hypothesis strategies for hostile inputs, shared by the fuzz tests and benchmarks/hostile.py.

Each strategy draws a `Hostile`: the bytes of a file and the suffix it is saved under (the
suffix picks the loader, as it does for a user's file; "" leaves the choice to sniffing).
"""

from __future__ import annotations

import codecs
import itertools
from dataclasses import dataclass

from hypothesis import strategies as st


@dataclass(frozen=True)
class Hostile:
    data: bytes
    suffix: str  # ".html", ".md", ".txt" or "" (sniffed)


SUFFIXES = st.sampled_from([".html", ".md", ".txt", ""])

# ---------------------------------------------------------------------------------------------
# Arbitrary bytes, and bytes that almost look like a page.

ARBITRARY = st.builds(Hostile, st.binary(max_size=2000), SUFFIXES)

# ---------------------------------------------------------------------------------------------
# HTML-shaped noise: real tag names nested at random, attributes with quotes and entities,
# unclosed and stray end tags, comments, CDATA, conditional comments, doctypes, PIs.

TAG_NAMES = [
    "html", "head", "body", "title", "meta", "base", "link", "p", "div", "span", "article",
    "main", "section", "aside", "nav", "header", "footer", "figure", "figcaption", "img",
    "picture", "source", "a", "h1", "h2", "h3", "br", "hr", "ul", "ol", "li", "dl", "dt", "dd",
    "table", "tr", "td", "th", "caption", "blockquote", "pre", "code", "em", "strong", "b", "i",
    "small", "cite", "time", "script", "style", "noscript", "template", "svg", "math",
    "iframe", "object", "form", "input", "button", "select", "option", "textarea", "details",
    "summary", "dialog", "frameset", "frame", "plaintext", "xmp", "listing", "noembed",
    "marquee", "font", "center", "isindex", "image", "x-custom", "o:p", "svg:a",
]  # fmt: skip
ATTR_NAMES = [
    "class", "id", "style", "hidden", "aria-hidden", "href", "src", "srcset", "data-src",
    "alt", "title", "rel", "itemprop", "itemtype", "property", "name", "content", "charset",
    "http-equiv", "width", "height", "lang", "dir", "onload", "xmlns", "xml:lang", "",
]  # fmt: skip
ATTR_VALUES = [
    "", "caption", "credit", "related", "hidden", "display:none", "visibility: hidden",
    "true", "articleBody", "og:site_name", "canonical", "license", "utf-16", "x-user-defined",
    "http://[::1", "https://example.com/a?b=1&amp;c=2", "javascript:alert(1)", "data:,x",
    "//host/img.jpg 2x, /b.jpg 1x", "&quot;&#39;&lt;&gt;", "&#xD800;", "&#0;", "&#x110000;",
    "&notanentity;", "\"'`", "1", "0", "-5", "9" * 40, "collapse", "wp-caption",
    "text/html; charset=shift_jis", "Photo: AP/Jane Doe", "\u202e\u200b\ufeff",
]  # fmt: skip
ENTITIES = [
    "&amp;", "&lt;", "&gt;", "&nbsp;", "&copy;", "&#169;", "&#xA9;", "&#xD800;", "&#xDFFF;",
    "&#55296;", "&#0;", "&#x0;", "&#1114112;", "&#x110000;", "&#99999999999;", "&#x;",
    "&#;", "&am", "&ampx;", "&#128512;", "&#x1F600", "&NotAnEntity;", "&#65534;", "&#xFFFF;",
]  # fmt: skip
SPECIALS = [
    "<!-- a comment -->", "<!-- unclosed comment", "<!--->", "<!---->", "--!>",
    "<![CDATA[ cdata <p>not a tag</p> ]]>", "<![CDATA[ unclosed", "<!--[if IE]><p>old</p><![endif]-->",
    "<!--[if !IE]>--><p>not IE</p><!--<![endif]-->", "<![if !IE]>", "<![endif]>",
    "<!DOCTYPE html>", "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\" \"x\">",
    "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>", "&e;",
    "<?xml version=\"1.0\" encoding=\"utf-16\"?>", "<?php echo 1; ?>", "<?xml-stylesheet x?>",
    "</>", "<>", "< p>", "<p/>", "</p foo=bar>", "<p <p>", "<a href=x>", "<img src=x",
    "<br/>", "</br>", "<table><p>misnested</table>", "<svg><script>x</script></svg>",
    "<math><mi><p>", "<noscript><img src=/real.jpg></noscript>", "\x00", "\r", "\r\n",
    "\u2028", "\x0c", "<syndicheck-disable>", "<!-- syndicheck-disable default/x: why -->",
    "<!-- syndicheck-disable -->",
]  # fmt: skip
WORDS = st.sampled_from(
    ["Bloomberg", "Source:", "Photo:", "©", "Reuters", "Originally published by", "AP",
     "the", "council", "said", "Getty Images", "read the full article", "CC BY-ND 4.0",
     "https://www.bloomberg.com/x", "creativecommons.org/licenses/by/4.0/", " ", "\n"]
)  # fmt: skip


def _attribute(name: str, value: str, quote: str) -> str:
    if not name:
        return " " + value
    return f" {name}={quote}{value}{quote}" if quote or value else f" {name}"


ATTRIBUTE = st.builds(
    _attribute,
    st.sampled_from(ATTR_NAMES),
    st.one_of(st.sampled_from(ATTR_VALUES), st.text(max_size=12)),
    st.sampled_from(['"', "'", "", '"']),
)
TEXT = st.one_of(
    st.lists(WORDS, max_size=8).map(" ".join),
    st.text(max_size=30),
    st.sampled_from(ENTITIES),
    st.sampled_from(SPECIALS),
)


@st.composite
def _element(draw: st.DrawFn, children: st.SearchStrategy[str]) -> str:
    tag = draw(st.sampled_from(TAG_NAMES))
    attrs = "".join(draw(st.lists(ATTRIBUTE, max_size=4)))
    inner = "".join(draw(st.lists(children, max_size=5)))
    close = draw(st.sampled_from([f"</{tag}>", f"</{tag}>", "", "</div>", f"</{tag.upper()}>"]))
    start = draw(st.sampled_from(["<", "<", "< ", "<\x00"]))
    return f"{start}{tag}{attrs}{draw(st.sampled_from(['>', '>', '/>', '']))}{inner}{close}"


HTML_TEXT = st.recursive(TEXT, lambda children: _element(children), max_leaves=30)
HTML_NOISE = st.builds(
    lambda prefix, body, encoding, suffix: Hostile(
        (prefix + body).encode(encoding, "surrogatepass"), suffix
    ),
    st.sampled_from(["", "<!DOCTYPE html>", "<html><body>", "<html><head><meta charset=utf-8>"]),
    st.lists(HTML_TEXT, max_size=3).map("".join),
    st.sampled_from(["utf-8", "utf-8", "utf-16", "utf-32-le"]),
    st.sampled_from([".html", ".html", ""]),
)

# ---------------------------------------------------------------------------------------------
# Markdown with broken front matter.

BILLION_LAUGHS = "\n".join(
    ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
)
FRONT_MATTERS = [
    "title: fine\nsource: ./src.html",
    "!!python/object/apply:os.system ['touch /tmp/syndicheck-pwned']",
    "x: !!python/object/apply:os.system ['touch /tmp/syndicheck-pwned']",
    "x: !!python/name:os.system",
    "x: !!python/object/new:subprocess.Popen [['true']]",
    "x: !!binary AAAA",
    "x: !!binary not base64!",
    "x: !!set {a, b}",
    "x: !!omap [a: 1, b: 2]",
    "x: !!timestamp 2023-02-30",
    "date: 2023-02-30",
    "date: 2023-13-45T99:99:99",
    "x: !custom tag",
    BILLION_LAUGHS,
    "a: &a [*a]",
    "a: &a {b: *a}",
    "- a list\n- not a mapping",
    "just a string",
    "42",
    "null",
    "~",
    "",
    "? [unhashable, key]\n: value",
    "? {a: b}\n: value",
    "k" * 70_000 + ": v",
    "title: " + "v" * 100_000,
    "[" * 5000 + "]" * 5000,
    "{" * 5000 + "}" * 5000,
    "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 300)),
    "title: x\ntitle: duplicate",
    "title: 'unterminated",
    'title: "bad escape \\q"',
    "\ttab: indent",
    "rules: [default, ../../../../etc/passwd]",
    "rules: {a: b}",
    "source: /dev/zero",
    "source: /etc/passwd",
    "source: file:///etc/passwd",
    "source: http://127.0.0.1/",
    "authors: [1, 2, {a: b}, [c]]",
    "title: 1e999\ndate: .nan",
    "%YAML 1.1\n---\ntitle: directive",
    "%TAG !e! tag:example.com,2000:app/\n---\nx: !e!foo bar",
    "x: *undefined_alias",
    "x: &anchor",
    "\x00\x01\x02: \x7f",
    "title: \ud800",
]  # fmt: skip
MARKDOWN_BITS = [
    "# Heading", "> quote", ">" * 200 + " deep quote", "- " * 200 + "deep list",
    "  " * 100 + "- indented", "```", "```python", "~~~", "    code", "| a | b |\n|---|---|",
    "![alt](http://x/a.jpg \"title\")", "[link](javascript:alert(1))", "[ref]: http://x",
    "[" * 500 + "x" + "]" * 500, "*" * 1000, "_" * 1000 + "x", "<div>raw html", "</div>",
    "*Photo: AP*", "Source: Bloomberg", "---", "***", "<!-- comment", "\\", "`" * 100,
    "[a](<b>)", "<http://example.com>", "&#xD800;", "&#0;",
]  # fmt: skip
CLOSINGS = ["---\n", "---\n", "...\n", "", "--\n", "--- \n", "---", "----\n"]


@st.composite
def markdown_front_matter(draw: st.DrawFn) -> Hostile:
    front = draw(st.one_of(st.sampled_from(FRONT_MATTERS), st.text(max_size=80)))
    opening = draw(st.sampled_from(["---\n", "---\r\n", "\ufeff---\n", "--- \n", "---"]))
    closing = draw(st.sampled_from(CLOSINGS))
    body = draw(
        st.one_of(
            st.just("# Title\n\nThe council said that Bloomberg reported it.\n"),
            st.lists(st.one_of(TEXT, st.sampled_from(MARKDOWN_BITS)), max_size=12).map("\n".join),
        )
    )
    text = f"{opening}{front}\n{closing}{body}"
    return Hostile(text.encode("utf-8", "surrogatepass"), draw(st.sampled_from([".md", ""])))


# ---------------------------------------------------------------------------------------------
# Encoding tricks.

PAGE = (
    "<html><head>{meta}<title>Título — Заголовок</title></head><body><article>"
    "<h1>Übersicht: Москва и 東京</h1><p>Originally published by Bloomberg. Café "
    "naïve “quotes” — €10, Ελληνικά, 日本語の文章。</p></article></body></html>"
)
CHARSETS = [
    "utf-8", "utf-16", "utf-16le", "utf-16be", "utf-32", "utf-7", "windows-1251", "iso-8859-1",
    "shift_jis", "euc-jp", "gb2312", "big5", "koi8-r", "x-user-defined", "replacement",
    "unicode", "bogus-charset", "utf8", "ebcdic-cp-us", "cp037", "latin1", "ascii", "",
]  # fmt: skip
BOMS = [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE]
ENCODE_AS = [
    "utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "cp1251", "cp1252", "shift_jis", "gb18030",
    "koi8-r", "utf-7", "cp037",
]  # fmt: skip
BAD_BYTES = [
    b"\xc0\xaf",  # overlong "/"
    b"\xe0\x80\xaf",  # overlong, three bytes
    b"\xf0\x80\x80\xaf",  # overlong, four bytes
    b"\xed\xa0\x80",  # an encoded surrogate (CESU-8)
    b"\xf4\x90\x80\x80",  # above U+10FFFF
    b"\xff\xfe",
    b"\xfe\xff",
    b"\x00",
    b"\x00" * 50,
    b"\x80",
    b"\xe2\x82",  # truncated
    b"\x1b$B",  # ISO-2022-JP escape
    b"+ADw-script+AD4-",  # UTF-7
    b"&#xD800;&#xDFFF;&#55296;",
    b"\x8e\xa1\xa1",
]


def _encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


@st.composite
def encoding_tricks(draw: st.DrawFn) -> Hostile:
    charset = draw(st.sampled_from(CHARSETS))
    meta = draw(
        st.sampled_from(
            [
                f'<meta charset="{charset}">',
                f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">',
                "",
            ]
        )
    )
    page = PAGE.format(meta=meta)
    if draw(st.booleans()):
        page = f'<?xml version="1.0" encoding="{charset}"?>' + page
    kind = draw(st.sampled_from(["html", "markdown", "text"]))
    if kind == "markdown":
        page = f"---\ntitle: Заголовок\ncharset: {charset}\n---\n# Übersicht\n\nCafé 日本語 text.\n"
    elif kind == "text":
        page = "Übersicht: Москва и 東京\n\nOriginally published by Bloomberg. Café 日本語。\n"
    pieces = draw(st.lists(st.sampled_from(ENCODE_AS), min_size=1, max_size=3))
    # Mixed encodings: the page cut in parts, each part encoded differently.
    cuts = sorted(draw(st.lists(st.integers(0, len(page)), max_size=len(pieces) - 1)))
    bounds = [0, *cuts, len(page)]
    data = b"".join(
        _encode(page[start:end], pieces[i % len(pieces)])
        for i, (start, end) in enumerate(itertools.pairwise(bounds))
    )
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from(BAD_BYTES)) + data[at:]
    data = draw(st.sampled_from(BOMS)) + data
    suffix = {"html": ".html", "markdown": ".md", "text": ".txt"}[kind]
    return Hostile(data, draw(st.sampled_from([suffix, ""])))


STRATEGIES: dict[str, st.SearchStrategy[Hostile]] = {
    "arbitrary bytes": ARBITRARY,
    "HTML noise": HTML_NOISE,
    "Markdown front matter": markdown_front_matter(),
    "encoding tricks": encoding_tricks(),
}
