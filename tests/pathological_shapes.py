"""Pages of pathological shape, at full size or scaled down, for tests/test_pathological.py and
benchmarks/hostile.py (which measures them at full size).

Each shape is a function of `scale` (1.0: the size the issue names) returning the file's bytes
and the suffix it is saved under.
"""

from __future__ import annotations

from collections.abc import Callable

SENTENCE = "The council voted on Tuesday to approve the new budget for the coming year. "
HEAD = "<!DOCTYPE html><html><head><meta charset=utf-8><title>Budget passes</title></head>"
FULL = 100_000
MAX_BYTES = 20_000_000  # the default --max-size


def _count(scale: float) -> int:
    return max(1, int(FULL * scale))


def nested(scale: float) -> tuple[bytes, str]:
    """Elements nested 100,000 deep, a paragraph at the bottom (libxml2 stops at 2,048)."""
    n = max(3000, _count(scale))  # past the parser's limit at every scale
    page = f"{HEAD}<body><article>{'<div>' * n}<p>{SENTENCE}</p>{'</div>' * n}</article></body>"
    return page.encode(), ".html"


def nested_2k(scale: float) -> tuple[bytes, str]:
    """2,000 nested elements (under the parser's limit), each with text, a link and an image."""
    n = max(20, int(2000 * min(scale * 10, 1.0)))
    levels = "".join(
        f'<div class="level"><p>{SENTENCE}<a href="/l{i}">link</a><img src="/i{i}.jpg"></p>'
        for i in range(n)
    )
    return f"{HEAD}<body>{levels}{'</div>' * n}</body></html>".encode(), ".html"


def one_paragraph(scale: float) -> tuple[bytes, str]:
    """One paragraph filling the size cap (20 MB)."""
    room = int((MAX_BYTES - 200) * scale)
    text = (SENTENCE * (room // len(SENTENCE) + 1))[:room]
    return f"{HEAD}<body><article><p>{text}</p></article></body></html>".encode(), ".html"


def images(scale: float) -> tuple[bytes, str]:
    """100,000 uncredited body images, each in its own paragraph with words after it."""
    body = "".join(
        f'<p><img src="/photos/{i}.jpg" alt=""> Picture {i} of the council.</p>'
        for i in range(_count(scale))
    )
    page = f"{HEAD}<body><article><h1>Budget passes</h1><p>{SENTENCE * 5}</p>{body}</article>"
    return (page + "</body></html>").encode(), ".html"


def links(scale: float) -> tuple[bytes, str]:
    """100,000 links, each a paragraph of its own."""
    body = "".join(
        f'<p><a href="https://example.com/story/{i}">Story {i} of the council</a></p>'
        for i in range(_count(scale))
    )
    page = f"{HEAD}<body><article><h1>Budget passes</h1><p>{SENTENCE * 5}</p>{body}</article>"
    return (page + "</body></html>").encode(), ".html"


def long_line_html(scale: float) -> tuple[bytes, str]:
    """A minified page: 1 MB on one line, upper-case tags (columns are searched on the line)."""
    room = int(1_000_000 * scale)
    piece = f'<P>{SENTENCE}<A HREF="https://example.com/more">more</A></P>'
    body = piece * (room // len(piece) + 1)
    return f"<HTML><BODY><ARTICLE><H1>Budget</H1>{body}</ARTICLE></BODY></HTML>".encode(), ".html"


def long_line_text(scale: float) -> tuple[bytes, str]:
    """Plain text: one line of 1 MB."""
    room = int(1_000_000 * scale)
    return (SENTENCE * (room // len(SENTENCE) + 1))[:room].encode(), ".txt"


def all_script(scale: float) -> tuple[bytes, str]:
    """A page that is all script (5 MB of it) and no text."""
    code = "var x = document.getElementById('a'); x.innerHTML = '<p>not text</p>';\n"
    body = code * int(5_000_000 * scale / len(code) + 1)
    return f"{HEAD}<body><script>{body}</script></body></html>".encode(), ".html"


def stray_end_tags(scale: float) -> tuple[bytes, str]:
    """100,000 stray </p> on one line: each makes the parser invent an empty paragraph."""
    page = f"{HEAD}<body><article><p>{SENTENCE}</p>{'</p>' * _count(scale)}<p>{SENTENCE}</p>"
    return (page + "</article></body></html>").encode(), ".html"


def deep_markdown(scale: float) -> tuple[bytes, str]:
    """Markdown block quotes and lists nested 100,000 deep."""
    n = _count(scale)
    text = f"# Budget\n\n{'>' * n} {SENTENCE}\n\n{'- ' * n}{SENTENCE}\n\n{SENTENCE}\n"
    return text.encode(), ".md"


SHAPES: dict[str, tuple[str, Callable[[float], tuple[bytes, str]]]] = {
    "nested": ("100,000 nested elements", nested),
    "nested-2k": ("2,000 nested elements with text, links, images", nested_2k),
    "one-paragraph": ("a 20 MB page of one paragraph", one_paragraph),
    "images": ("100,000 images", images),
    "links": ("100,000 links", links),
    "long-line": ("a 1 MB line (minified HTML, upper-case tags)", long_line_html),
    "long-line-text": ("a 1 MB line of plain text", long_line_text),
    "all-script": ("a page that is all script (5 MB)", all_script),
    "stray-end-tags": ("100,000 stray </p> on one line", stray_end_tags),
    "deep-markdown": ("Markdown quotes and lists 100,000 deep", deep_markdown),
}
