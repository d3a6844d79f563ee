"""A `syndicheck check` run as the command line describes it: options and configuration
merged, articles checked, baseline applied, reports written. The CLI only parses options.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from checker.config import Config, load_config
from checker.engine import CheckRequest, PackCache, check_articles, load_packs
from checker.errors import UsageError
from checker.findings import RunResult, Severity
from checker.inputs import expand
from checker.loaders import DEFAULT_MAX_BYTES
from checker.output import write_report
from checker.packs import available_packs, load_pack
from checker.plural import plural
from checker.report import RENDERERS, render
from checker.report.text import TextOptions, render_text

if TYPE_CHECKING:
    from checker.fetch import FetchPolicy

NETWORK_CACHE = ".syndicheck/cache"
STDIN = "-"
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
    require_source: bool = False  # or require-source in the configuration
    stdin_filename: str | None = None  # the name `-` (standard input) goes by
    images_root: str | None = None
    article_url: str | None = None  # the article's own address: relative links resolve on it


@dataclass(frozen=True)
class ReportTarget:
    format: str
    path: str | None  # None: standard output


def parse_size(text: str, option: str = "--max-size") -> int:
    """Bytes from `20MB`, `500KB` or `500000`; a bad size is a UsageError naming `option`."""
    lowered = text.strip().lower().replace("_", "")
    for unit, factor in _UNITS.items():
        number = lowered[: -len(unit)].strip()
        if lowered.endswith(unit) and number.isdigit():
            return int(number) * factor
    if lowered.isdigit():
        return int(lowered)
    raise UsageError(option, f"{text!r} is not a size such as 20MB or 500000")


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
    from checker.fetch import FetchPolicy  # the network stack, only when it is allowed

    return FetchPolicy(
        allow_private=options.allow_private, max_bytes=max_bytes, cache_dir=NETWORK_CACHE
    )


def plan(
    options: CheckOptions, config: Config, note: Callable[[str], None] | None = None
) -> list[CheckRequest]:
    max_bytes = parse_size(options.max_size or config.max_size or str(DEFAULT_MAX_BYTES))
    network = network_policy(options, max_bytes)
    named = tuple(a for a in options.articles if a != STDIN)
    expanded = expand(named, config)
    for line in expanded.notes:
        if note is not None:
            note(line)
    articles: list[tuple[str, bytes | None]] = [(path, None) for path in expanded.files]
    if STDIN in options.articles:
        articles.insert(0, (options.stdin_filename or STDIN, _read_stdin(max_bytes)))
    elif options.stdin_filename:
        raise UsageError("--stdin-filename", "only makes sense with `-` (standard input)")
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
            configured=config.source_for(article),
            require_source=options.require_source or config.require_source,
            data=data,
            images_root=options.images_root,
            url=options.article_url,
        )
        for article, data in articles
    ]


def _read_stdin(max_bytes: int) -> bytes:
    try:
        return sys.stdin.buffer.read(max_bytes + 1)
    except OSError as exc:
        raise UsageError(STDIN, f"cannot read standard input: {exc.strerror or exc}") from None


def check_severity_rules(config: Config, packs: PackCache) -> None:
    """A rule id in the configuration's `severity` that no pack has is a typo, not a no-op."""
    if not config.severity and not any(o.severity for o in config.overrides):
        return  # nothing to look up: reading every pack would only cost start-up time
    known: set[str] = set()
    for pack in [*(load_pack(name) for name in available_packs()), *packs.packs.values()]:
        for rule in pack.rules:
            known.update((rule.qualified_id, rule.id))
    tables = [("severity", config.severity)] + [
        (f"overrides[{n}].severity", o.severity) for n, o in enumerate(config.overrides)
    ]
    for where, table in tables:
        for rule_id in table:
            if rule_id not in known:
                import difflib  # only for this error's hint

                guess = difflib.get_close_matches(rule_id, sorted(known), n=1)
                hint = f" (did you mean {guess[0]}?)" if guess else ""
                raise UsageError(config.path, f"{where}: unknown rule {rule_id!r}{hint}")


def run_check(options: CheckOptions, note: Callable[[str], None] | None = None) -> RunResult:
    config = load_config(Path(options.config) if options.config else None)
    requests = plan(options, config, note)
    # A bad pack named for the whole run stops it before any article is read.
    packs = load_packs(sorted({spec for r in requests for spec in (r.rules or r.default_rules)}))
    check_severity_rules(config, packs)
    fail = _level(options.fail_level or config.fail_level or "error")
    shown = _level(options.min_level or config.min_level or "info") or Severity.ERROR
    run = replace(check_articles(requests, fail, packs), min_level=shown)
    if options.write_baseline or options.baseline:
        run = _with_baseline(run, options, note)
    return run


def _with_baseline(
    run: RunResult, options: CheckOptions, note: Callable[[str], None] | None
) -> RunResult:
    # Imported here: fingerprints and their hashing, which a plain check never needs.
    from checker.baseline import apply_baseline, baseline_text, load_baseline

    if options.write_baseline:
        write_report(options.write_baseline, baseline_text(run), _inputs(options))
        if note is not None:
            found = sum(len(result.findings) for result in run.results)
            note(
                f"wrote {plural(found, 'finding')} of {plural(len(run.results), 'article')} "
                f"to {options.write_baseline} as the baseline"
            )
    if options.baseline:
        run = apply_baseline(run, load_baseline(options.baseline), options.baseline)
    return run


def _inputs(options: CheckOptions) -> list[str]:
    return [*options.articles, *([options.source] if options.source else [])]


def write_reports(
    run: RunResult,
    targets: Sequence[ReportTarget],
    options: CheckOptions,
    text_options: TextOptions | None = None,
) -> str:
    """Write every file report; return what goes to standard output (may be empty).

    `text_options` (quiet, statistics, colour) shape the text format; colour only on stdout.
    """
    stdout = ""
    for target in targets:
        if target.format == "text" and text_options is not None:
            plain = replace(text_options, style=TextOptions().style)
            text = render_text(run, text_options if target.path is None else plain)
        else:
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
