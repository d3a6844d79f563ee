"""Configuration files, inline suppressions and baselines, through the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from pages import BARE_LINK, BODY, CREDIT, LINK, write_case

from checker.cli import cli

PHOTO = '<figure><img src="https://cdn.example.org/p.jpg" alt="Istanbul"><figcaption>Istanbul.</figcaption></figure>'


def invoke(*args: str) -> tuple[int, dict, str]:  # type: ignore[type-arg]
    result = CliRunner().invoke(cli, [*args, "--format", "json"])
    data = json.loads(result.stdout) if result.stdout.strip() else {}
    return result.exit_code, data, result.stderr


def rules_of(data: dict) -> list[str]:  # type: ignore[type-arg]
    return [f["rule"] for r in data["results"] for f in r["findings"]]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")  # the configuration is found by searching upward
    return tmp_path


def test_pyproject_table_sets_severity_and_fail_level(project: Path) -> None:
    article, source = write_case(project, PHOTO + BODY + CREDIT + LINK)
    assert "default/image-credit" in rules_of(invoke("check", article, "--source", source)[1])
    (project / "pyproject.toml").write_text(
        '[project]\nname = "site"\n\n[tool.syndicheck]\nfail-level = "warning"\n'
        '[tool.syndicheck.severity]\n"default/image-credit" = "warning"\n"text-overlap" = "off"\n',
        encoding="utf-8",
    )
    code, data, _ = invoke("check", article, "--source", source)
    (finding,) = data["results"][0]["findings"]
    assert finding["rule"] == "default/image-credit" and finding["severity"] == "warning"
    assert code == 1  # fail-level warning from the configuration
    assert invoke("check", article, "--source", source, "--fail-level", "error")[0] == 0


def test_syndicheck_toml_per_glob_packs_and_publishers(project: Path) -> None:
    (project / "house.yml").write_text(
        "name: house\nrules:\n  - id: credit\n    check: source-credit\n    severity: error\n"
        "    message: 'House credit for {publisher}: {detail}'\n",
        encoding="utf-8",
    )
    (project / "syndicheck.toml").write_text(
        '[[overrides]]\npaths = ["wire/*.html"]\nrules = ["house.yml"]\n\n'
        '[publishers."bloomberg.com"]\nname = "Bloomberg News"\n',
        encoding="utf-8",
    )
    (project / "wire").mkdir()
    article, source = write_case(project / "wire", BODY + BARE_LINK)
    code, data, err = invoke(
        "check", article, "--source", source, "--config", str(project / "syndicheck.toml")
    )
    assert err == "" and code == 1
    assert data["results"][0]["pack"] == "house"
    (finding,) = data["results"][0]["findings"]
    assert "Bloomberg News" in finding["message"]


def test_invalid_configuration_names_the_file_and_key(project: Path) -> None:
    article, _ = write_case(project, BODY)
    (project / "syndicheck.toml").write_text('fail-level = "sometimes"\n', encoding="utf-8")
    code, _, err = invoke("check", article)
    assert code == 2 and "syndicheck.toml" in err and "fail-level" in err
    (project / "syndicheck.toml").write_text("colour = 1\n", encoding="utf-8")
    code, _, err = invoke("check", article)
    assert code == 2 and "unknown key colour" in err and len(err.strip().splitlines()) == 1


def test_inline_suppression_with_a_reason(project: Path) -> None:
    disabled = "<!-- syndicheck-disable default/image-credit: our own staff photo -->"
    article, source = write_case(project, disabled + PHOTO + BODY + CREDIT + LINK)
    code, data, _ = invoke("check", article, "--source", source)
    assert code == 0
    assert "default/image-credit" not in rules_of(data)


def test_suppressions_without_reason_or_use_are_reported(project: Path) -> None:
    bare = "<!-- syndicheck-disable image-credit -->"
    unused = "<!-- syndicheck-disable default/original-link: we link elsewhere -->"
    article, source = write_case(project, bare + unused + PHOTO + BODY + CREDIT + LINK)
    code, data, _ = invoke("check", article, "--source", source)
    assert code == 1
    rules = rules_of(data)
    assert "default/image-credit" in rules  # a suppression without a reason does not count
    messages = [
        f["message"]
        for r in data["results"]
        for f in r["findings"]
        if f["rule"] == "syndicheck/suppression"
    ]
    assert any("gives no reason" in m for m in messages)
    assert any("matched no finding" in m for m in messages)


def test_baseline_hides_known_findings_and_survives_edits_elsewhere(project: Path) -> None:
    article, source = write_case(project, PHOTO + BODY + CREDIT)
    baseline = project / "baseline.json"
    code, data, _ = invoke("check", article, "--source", source, "--write-baseline", str(baseline))
    assert code == 1
    assert len(json.loads(baseline.read_text(encoding="utf-8"))["findings"]) == len(rules_of(data))
    # An edit elsewhere moves the findings down the page; they are still the known ones.
    write_case(project, "<p>An editor's note added at the top.</p>" + PHOTO + BODY + CREDIT)
    code, data, _ = invoke(
        "check", article, "--source", source, "--baseline", str(baseline), "--min-level", "warning"
    )
    assert code == 0 and rules_of(data) == []
    # A new problem shows; a fixed one is listed as stale.
    write_case(project, PHOTO + PHOTO.replace("p.jpg", "q.jpg") + BODY + CREDIT + LINK)
    code, data, _ = invoke(
        "check", article, "--source", source, "--baseline", str(baseline), "--min-level", "warning"
    )
    assert code == 1
    assert rules_of(data) == ["default/image-credit"]
    assert [e["rule"] for e in data["baseline"]["stale"]] == ["default/original-link"]


def test_packs_are_parsed_once_and_the_report_names_only_those_used(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import checker.core
    from checker.packs import load_pack

    calls: list[str] = []

    def counting(spec: str, **kwargs: object) -> object:
        calls.append(spec)
        return load_pack(spec, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(checker.core, "load_pack", counting)
    article, source = write_case(project, BODY + CREDIT + LINK)
    code, data, _ = invoke("check", article, article, "--source", source, "--rules", "default")
    assert code == 0
    assert calls == ["default"]  # validated up front, then served from the cache
    assert data["packs"] == {"default": "1.0"}
