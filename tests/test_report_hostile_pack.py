"""A hostile user pack and a hostile article, through the real engine into every report format.

The renderers' own tests feed them a hand-built hostile result; this one goes the way a user's
files go: a pack whose message holds markup and a newline and whose terms link is
`javascript:`, whose quoted clause holds markup, quotes and control characters, an article
whose title, links, image and file name are markup, then
`syndicheck check` writing HTML, SARIF, JUnit, JSON and GitHub annotations.
"""

from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli

SCRIPT = '<script>alert("pack")</script>'
IMG = "<img src=x onerror=alert(2)>"
TERMS = "javascript:alert(document.cookie)"
# A newline and "::" in a message must not start a second workflow command.
MESSAGE = f"Credit missing {SCRIPT} {IMG}\n::warning file=x.md::injected {{detail}}"
# The clause a rule quotes: quotes, markup, a markdown link, a bell and a NUL-like control.
CLAUSE = f'Say "{SCRIPT}" & [click](javascript:alert(9)) \x07 and \x01 end'
PACK = f"""name: evil
rules:
  - id: credit
    check: source-credit
    severity: error
    message: {json.dumps(MESSAGE)}
    description: {json.dumps("Describes " + SCRIPT)}
    terms: "{TERMS}"
    terms_text: {json.dumps(CLAUSE)}
  - id: photo
    check: image-credit
    severity: warning
    message: "{{detail}}"
"""
TITLE = "&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;"  # the title text is markup
ARTICLE = f"""<html><head><title>{TITLE}</title></head><body><article>
<h1>{TITLE} Budget passes</h1>
<p>The council voted on Tuesday to approve the budget for the coming year, officials said.</p>
<p><a href="javascript:alert(3)">the original</a> and
<a href="https://example.com/&quot;&gt;&lt;script&gt;alert(4)&lt;/script&gt;">more</a></p>
<figure><img src="javascript:alert(5)" alt="&lt;svg onload=alert(6)&gt;">
<figcaption>&lt;b onmouseover=alert(7)&gt;A photo&lt;/b&gt;</figcaption></figure>
</article></body></html>"""
FILE_NAME = 'story"<svg onload=alert(8)>.html'


class Tags(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("hostile-pack")
    pack = folder / "evil.yml"
    pack.write_text(PACK, encoding="utf-8")
    article = folder / FILE_NAME
    article.write_text(ARTICLE, encoding="utf-8")
    source = Path(__file__).parent.parent / "examples" / "bloomberg-source.html"
    command = ["check", str(article), "--source", str(source), "--rules", str(pack)]
    outputs = {fmt: folder / f"report.{fmt}" for fmt in ("html", "sarif", "junit", "json")}
    extra = [f"--report={fmt}:{path}" for fmt, path in outputs.items()]
    outcome = CliRunner().invoke(cli, [*command, "--format", "github", *extra])
    assert outcome.exit_code == 1, outcome.output
    found = {fmt: path.read_text(encoding="utf-8") for fmt, path in outputs.items()}
    found["github"] = outcome.stdout
    found["path"] = str(article)
    found["sha256"] = hashlib.sha256(article.read_bytes()).hexdigest()
    return found


def test_html_shows_the_hostile_strings_as_text(reports: dict[str, str]) -> None:
    html = reports["html"]
    page = Tags()
    page.feed(html)
    assert [tag for tag, _ in page.tags].count("script") == 1  # the report's own
    for tag, attrs in page.tags:
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        for name in ("href", "src", "action", "formaction"):
            assert not (attrs.get(name) or "").strip().lower().startswith("javascript:")
    assert "<svg onload" not in html and "<img src=x" not in html and "<b onmouseover" not in html
    assert "&lt;script&gt;alert(&#34;pack&#34;)&lt;/script&gt;" in html  # the message, as text
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in html  # the title, as text
    assert "story&#34;&lt;svg onload=alert(8)&gt;.html" in html  # the file name, as text
    assert '<span class="uri"><bdi>javascript:alert(5)</bdi></span>' in html  # the image's address
    assert "&lt;svg onload=alert(6)&gt;" in html  # its alt text
    assert "&lt;b onmouseover=alert(7)&gt;A photo&lt;/b&gt;" in html  # its caption


def test_sarif_keeps_them_as_plain_text_and_drops_the_javascript_link(
    reports: dict[str, str],
) -> None:
    sarif = json.loads(reports["sarif"])
    (run,) = sarif["runs"]
    (rule,) = [r for r in run["tool"]["driver"]["rules"] if r["id"] == "evil/credit"]
    assert "helpUri" not in rule and TERMS not in json.dumps(rule)
    results = [r for r in run["results"] if r["ruleId"] == "evil/credit"]
    assert results and results[0]["message"]["text"].startswith(f"Credit missing {SCRIPT}")
    assert "markdown" not in json.dumps(sarif)  # only text, which viewers do not render
    assert rule["help"]["text"].endswith(f'"{CLAUSE}"')  # the clause, as plain text
    (target,) = [a for a in run["artifacts"] if "analysisTarget" in a.get("roles", [])]
    assert target["hashes"] == {"sha-256": reports["sha256"]}


def test_junit_parses_and_holds_them_as_text(reports: dict[str, str]) -> None:
    root = ET.fromstring(reports["junit"])
    failures = [f for f in root.iter("failure") if SCRIPT in (f.get("message") or "")]
    assert failures
    assert failures[0].get("message", "").startswith(f"Credit missing {SCRIPT} {IMG}")
    assert any(s.get("name") == reports["path"] for s in root.iter("testsuite"))
    (case,) = [c for c in root.iter("testcase") if c.get("name") == "evil/credit"]
    terms = {p.get("name"): p.get("value") for p in case.iter("property")}
    # Characters XML 1.0 cannot hold are replaced; the rest is the clause as written.
    assert terms == {
        "terms": TERMS,
        "terms_text": CLAUSE.replace("\x07", "\ufffd").replace("\x01", "\ufffd"),
    }
    (suite,) = root.iter("testsuite")
    holder = suite.find("properties")
    assert holder is not None
    properties = {p.get("name"): p.get("value") for p in holder.iter("property")}
    assert properties["article_sha256"] == reports["sha256"]


def test_github_annotations_stay_one_command_each(reports: dict[str, str]) -> None:
    lines = reports["github"].splitlines()
    assert lines and all(line.startswith("::") for line in lines)
    assert not [line for line in lines if line.startswith("::warning file=x.md")]
    (credit,) = [line for line in lines if "Credit missing" in line]
    assert "%0A::warning file=x.md::injected" in credit  # the newline, escaped


def test_json_is_the_raw_strings(reports: dict[str, str]) -> None:
    (result,) = json.loads(reports["json"])["results"]
    assert result["article"] == reports["path"]
    messages = [f["message"] for f in result["findings"] if f["rule"] == "evil/credit"]
    assert messages and messages[0].startswith(f"Credit missing {SCRIPT} {IMG}\n::warning")
    assert json.loads(reports["json"])["rules"]["evil/credit"]["terms_text"] == CLAUSE
    assert result["evidence"]["article_sha256"] == reports["sha256"]
