"""A `syndicheck check` run as the command line describes it: options and configuration
merged, articles checked, baseline applied, reports written. The CLI only parses options.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from checker.baseline import apply_baseline, baseline_text, load_baseline
from checker.config import Config, load_config
from checker.engine import CheckRequest, check_articles, load_packs
from checker.errors import UsageError
from checker.fetch import FetchPolicy
from checker.findings import RunResult, Severity
from checker.loaders import DEFAULT_MAX_BYTES
from checker.output import write_report
from checker.report import RENDERERS, render

NETWORK_CACHE = ".syndicheck/cache"
_UNITS = {"kb": 1_000, "mb": 1_000_000, "gb": 1_000_000_000, "b": 1}


@dataclass(frozen=True)
class CheckOptions:
    articles: tuple[str, ...]
    source: str | None = None
    source_url: str | None = None
    publisher: str | None = None
    rules: tuple[str, ...] = ()
    max_size: str | None = None
    fail_level: str | None = None  # error, warning, info, never; None: configuration or error
    min_level: str | None = None
    config: str | None = None  # an explicit configuration file; None: search upward
    baseline: str | None = None
    write_baseline: str | None = None
    allow_network: bool = False
    allow_private: bool = False
    images_root: str | None = None


@dataclass(frozen=True)
class ReportTarget:
    format: str
    path: str | None  # None: standard output


def parse_size(text: str) -> int:
    lowered = text.strip().lower().replace("_", "")
    for unit, factor in _UNITS.items():
        number = lowered[: -len(unit)].strip()
        if lowered.endswith(unit) and number.isdigit():
            return int(number) * factor
    if lowered.isdigit():
        return int(lowered)
    raise UsageError("--max-size", f"{text!r} is not a size such as 20MB or 500000")


def parse_report(spec: str) -> ReportTarget:
    """`FORMAT:PATH` for `--report`, e.g. `sarif:out/syndicheck.sarif`."""
    fmt, sep, path = spec.partition(":")
    if not sep or not path or fmt not in RENDERERS:
        raise UsageError(
            "--report", f"{spec!r}: expected FORMAT:PATH with FORMAT one of {', '.join(RENDERERS)}"
        )
    return ReportTarget(fmt, path)


def _level(text: str) -> Severity | None:
    return None if text == "never" else Severity.parse(text)


def network_policy(options: CheckOptions, max_bytes: int) -> FetchPolicy | None:
    if options.allow_private and not options.allow_network:
        raise UsageError("--allow-private", "only makes sense with --allow-network")
    if not options.allow_network:
        return None
    return FetchPolicy(
        allow_private=options.allow_private, max_bytes=max_bytes, cache_dir=NETWORK_CACHE
    )


def plan(options: CheckOptions, config: Config) -> list[CheckRequest]:
    max_bytes = parse_size(options.max_size or config.max_size or str(DEFAULT_MAX_BYTES))
    network = network_policy(options, max_bytes)
    return [
        CheckRequest(
            article=article,
            source=options.source,
            source_url=options.source_url,
            publisher=options.publisher,
            rules=options.rules,
            max_bytes=max_bytes,
            default_rules=config.rules_for(article),
            severity=config.severity_for(article),
            publishers=config.publishers,
            network=network,
            images_root=options.images_root,
        )
        for article in options.articles
    ]


def run_check(options: CheckOptions) -> RunResult:
    config = load_config(Path(options.config) if options.config else None)
    requests = plan(options, config)
    # A bad pack named for the whole run stops it before any article is read.
    packs = load_packs(sorted({spec for r in requests for spec in (r.rules or r.default_rules)}))
    fail = _level(options.fail_level or config.fail_level or "error")
    shown = _level(options.min_level or config.min_level or "info") or Severity.ERROR
    run = replace(check_articles(requests, fail, packs), min_level=shown)
    if options.write_baseline:
        write_report(options.write_baseline, baseline_text(run), _inputs(options))
    if options.baseline:
        run = apply_baseline(run, load_baseline(options.baseline), options.baseline)
    return run


def _inputs(options: CheckOptions) -> list[str]:
    return [*options.articles, *([options.source] if options.source else [])]


def write_reports(run: RunResult, targets: Sequence[ReportTarget], options: CheckOptions) -> str:
    """Write every file report; return what goes to standard output (may be empty)."""
    stdout = ""
    for target in targets:
        text = render(run, target.format)
        if target.path is None:
            stdout += text
        else:
            write_report(target.path, text, _inputs(options))
    if any(t.format == "github" for t in targets) and os.environ.get("GITHUB_STEP_SUMMARY"):
        from checker.report.github import step_summary_markdown

        summary_path = os.environ["GITHUB_STEP_SUMMARY"]
        try:
            with open(summary_path, "a", encoding="utf-8") as handle:
                handle.write(step_summary_markdown(run))
        except OSError as exc:
            raise UsageError(summary_path, f"cannot append the step summary: {exc}") from None
    return stdout
