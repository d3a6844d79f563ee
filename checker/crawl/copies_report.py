"""The `copies` report in JSON, CSV and HTML. Each renderer formats `copies_to_dict`'s
arrangement of the report (the JSON contract); none computes anything."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from checker.crawl.copies import CopiesReport, Copy
from checker.report.contract import SCHEMA_VERSION, TOOL_NAME, finding_to_dict
from checker.version import __version__

CSV_COLUMNS = (
    "story", "title", "partner", "copy_url", "compliant", "problems", "findings",
    "containment", "coverage",
)  # fmt: skip


def _copy(found: Copy) -> dict[str, Any]:
    return {
        "url": found.url,
        "partner": found.partner,
        "compliant": found.compliant,
        "problems": list(found.problems),
        "findings": [finding_to_dict(finding) for finding in found.findings],
        "containment": round(found.containment, 4),
        "coverage": round(found.coverage, 4),
    }


def copies_to_dict(report: CopiesReport) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": TOOL_NAME, "version": __version__},
        "ours": report.ours,
        "packs": list(report.packs),
        "partners": [
            {
                "partner": p.partner,
                "pages": p.pages,
                "copies": p.copies,
                "compliant": p.compliant,
                "fetch_failures": p.fetch_failures,
                "refused_by_robots": p.refused,
            }
            for p in report.partners
        ],
        "stories": [
            {
                "story": story.key,
                "title": story.title,
                "copies": [_copy(found) for found in report.copies_of(story)],
            }
            for story in report.stories
        ],
    }


def render_json(report: CopiesReport) -> str:
    return json.dumps(copies_to_dict(report), indent=2, ensure_ascii=False) + "\n"


def render_csv(report: CopiesReport) -> str:
    """One row per copy (a story with no copy has one row with the copy's columns empty)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for story in copies_to_dict(report)["stories"]:
        if not story["copies"]:
            writer.writerow([story["story"], story["title"], "", "", "", "", "", "", ""])
        for found in story["copies"]:
            writer.writerow([
                story["story"], story["title"], found["partner"], found["url"],
                "yes" if found["compliant"] else "no", ";".join(found["problems"]),
                len(found["findings"]), found["containment"], found["coverage"],
            ])  # fmt: skip
    return out.getvalue()


def render_html(report: CopiesReport) -> str:
    # The HTML report's own Jinja2 environment: autoescaped, strict, the same templates folder.
    from checker.report.html import environment

    return environment().get_template("copies.html.j2").render(data=copies_to_dict(report))


RENDERERS: dict[str, Callable[[CopiesReport], str]] = {
    "json": render_json,
    "csv": render_csv,
    "html": render_html,
}
