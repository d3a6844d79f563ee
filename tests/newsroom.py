"""A small newsroom site repository, as a new user has one: Markdown with front matter under
content/, some HTML, a README, staff stories that were never syndicated, a drafts folder that
git ignores, and a syndicheck.toml. Built in tmp_path by the site and pre-commit tests."""

from __future__ import annotations

import subprocess
from pathlib import Path

from pages import SOURCE_PAGE, SOURCE_URL

CREDITED = f"""---
title: Talks resume in Istanbul
source: ../../sources/bloomberg.html
---
# Talks resume in Istanbul

Negotiations between Russia and the United States are set to resume on April 10 in Istanbul,
officials said.

This article was originally published by [Bloomberg]({SOURCE_URL}).
"""

UNCREDITED = """---
title: Talks resume
source: ../../sources/bloomberg.html
---
# Talks resume

Negotiations between Russia and the United States are set to resume on April 10 in Istanbul.
"""

STAFF = """---
title: The council votes
author: Our Staff
---
# The council votes

The council voted on Tuesday to approve next year's budget, our reporter writes.
"""

WIRE_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Tariffs rise</title>
<meta name="syndication-source" content="https://www.example-wire.com/tariffs"></head>
<body><article><h1>Tariffs rise</h1>
<p>Tariffs rose sharply this week, the ministry said on Monday.</p>
<p>Source: Example Wire. Read the <a href="https://www.example-wire.com/tariffs">original</a>.</p>
</article></body></html>
"""

DRAFT = """---
title: Draft
source_url: https://www.bloomberg.com/news/draft
---
A draft nobody credited yet.
"""

CONFIG = """rules = ["default"]
severity = { "default/text-overlap" = "off" }

[publishers."example-wire.com"]
name = "Example Wire"
"""


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def build_site(root: Path, *, config: str = CONFIG) -> Path:
    """Write the site under `root` and commit it; return root."""
    files = {
        "README.md": "# Our newsroom site\n\nHow to build the site.\n",
        "syndicheck.toml": config,
        ".gitignore": "drafts/\n",
        "sources/bloomberg.html": SOURCE_PAGE,
        "content/news/talks.md": CREDITED,
        "content/news/talks-uncredited.md": UNCREDITED,
        "content/staff/council.md": STAFF,
        "content/wire/tariffs.html": WIRE_HTML,
        "drafts/draft.md": DRAFT,
        "content/images/photo.jpg": "not really a JPEG\n",
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "editor@example.org")
    git(root, "config", "user.name", "Editor")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "site")
    return root
