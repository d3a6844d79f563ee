from __future__ import annotations

from pathlib import Path

from checkrun import findings_of, run
from pages import BODY, CREDIT, LINK, write_case

from checker.findings import Severity


def test_default_pack_reports_the_overlap_as_info(tmp_path: Path) -> None:
    article, source = write_case(tmp_path, BODY + CREDIT + LINK)
    result = run(article, source)
    (finding,) = findings_of(result, "text-overlap")
    assert finding.severity is Severity.INFO
    assert result.overlap is not None
    assert 0 < result.overlap.containment < 1
    assert f"{result.overlap.containment:.0%}" in finding.message


def test_limits_from_the_pack_fire(tmp_path: Path) -> None:
    pack = tmp_path / "strict.yml"
    pack.write_text(
        "name: strict\nrules:\n  - id: reuse\n    check: text-overlap\n    severity: error\n"
        "    message: 'Too much reuse: {detail}'\n    params: {max_containment: 0.01}\n",
        encoding="utf-8",
    )
    article, source = write_case(tmp_path, BODY + CREDIT + LINK)
    result = run(article, source, rules=(str(pack),))
    (finding,) = findings_of(result, "text-overlap")
    assert finding.severity is Severity.ERROR
    assert "above the limit of 1%" in finding.message


def test_no_source_no_overlap(tmp_path: Path) -> None:
    article, _ = write_case(tmp_path, BODY + CREDIT + LINK)
    result = run(article, publisher="Bloomberg")
    assert result.overlap is None
    assert findings_of(result, "text-overlap") == []
