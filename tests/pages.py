"""Realistic news pages for check tests: a site chrome around an article body you give."""

from __future__ import annotations

from pathlib import Path

SOURCE_URL = (
    "https://www.bloomberg.com/news/articles/2025-04-04/us-russia-to-hold-talks-in-istanbul"
)

SOURCE_PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>US and Russia to Hold New Talks in Istanbul - Bloomberg</title>
<link rel="canonical" href="{SOURCE_URL}">
<meta property="og:site_name" content="Bloomberg">
<meta property="og:url" content="{SOURCE_URL}">
</head><body>
<header><nav><a href="/">Home</a> <a href="/markets">Markets</a></nav></header>
<main><article>
<h1>US and Russia to Hold New Talks in Istanbul on Embassy Operations</h1>
<p class="byline">By Jane Reporter</p>
<p>Russia and the US will hold a new round of talks in Istanbul on April 10 to discuss the
operation of their embassies, Kremlin spokesman Dmitry Peskov said on Friday.</p>
<p>The Russian Foreign Ministry will lead the delegation, Peskov told reporters, declining to
give details of the agenda for the meeting on Turkish territory.</p>
<p>Kirill Dmitriev, President Vladimir Putin's special envoy, returned this week from two days
of meetings in Washington with Steve Witkoff and Secretary of State Marco Rubio.</p>
</article></main>
<footer><p>© 2025 Bloomberg L.P. All Rights Reserved.</p></footer>
</body></html>
"""

CHROME_TOP = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>{head}</head>
<body>
<header class="site-header"><a class="logo" href="/">Daily Wire Review</a>
<nav><ul><li><a href="/world">World</a></li><li><a href="/business">Business</a></li>
<li><a href="https://www.bloomberg.com/">Partners</a></li></ul></nav>
<form class="search"><input name="q" placeholder="Search"></form></header>
<main>
<article class="post">
<h1>{title}</h1>
<div class="meta"><span class="author">By Staff</span> <time datetime="2025-04-05">Apr 5, 2025</time></div>
<div class="entry-content">
"""

CHROME_BOTTOM = """
</div>
</article>
{after}
</main>
<footer class="site-footer"><p>© 2025 Daily Wire Review. All rights reserved.</p>
<p><a href="/privacy">Privacy</a> · <a href="/terms">Terms</a></p></footer>
</body></html>
"""

BODY = """
<p>Negotiations between Russia and the United States are set to resume on April 10 in Istanbul.
Kremlin spokesman Dmitry Peskov confirmed the upcoming meeting will take place on Turkish
territory and that the Russian Foreign Ministry will represent Moscow. However, as Bloomberg
notes, the agenda for the talks remains undisclosed.</p>
<p>The announcement comes after President Vladimir Putin's special envoy, Kirill Dmitriev,
returned from a two-day visit to Washington. According to Bloomberg, Dmitriev met with Donald
Trump's envoy Steve Witkoff and Secretary of State Marco Rubio.</p>
<p>Analysts view the upcoming meeting in Istanbul as a significant diplomatic signal,
particularly as Turkey once again plays the role of mediator.</p>
"""

CREDIT = "<p>This article was prepared based on materials published by Bloomberg.</p>"
# A link paragraph that is not itself a credit statement, for tests of the credit alone.
BARE_LINK = f'<p>Read the full story <a href="{SOURCE_URL}">here</a>.</p>'
LINK = f'<p>The original article can be found at the following link: <a href="{SOURCE_URL}">Bloomberg</a>.</p>'


def news_page(
    article: str,
    *,
    title: str = "Moscow and Washington to Resume Talks",
    head: str = "",
    after: str = "",
) -> str:
    return CHROME_TOP.format(title=title, head=head) + article + CHROME_BOTTOM.format(after=after)


def write_case(tmp_path: Path, article: str, *, after: str = "", head: str = "") -> tuple[str, str]:
    """Write an article page and the Bloomberg source page; return their paths."""
    article_path = tmp_path / "article.html"
    source_path = tmp_path / "source.html"
    article_path.write_text(news_page(article, after=after, head=head), encoding="utf-8")
    source_path.write_text(SOURCE_PAGE, encoding="utf-8")
    return str(article_path), str(source_path)
