"""The command line: parse options, call the core, render, exit. Nothing else lives here.

Exit codes: 0 nothing at or above the fail level; 1 findings at or above it; 2 a usage, input
or configuration error, reported as one line on stderr; 3 an internal error (a bug): one line
naming the crash log that holds the traceback; 130 interrupted.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

import click

from checker.crash import CRASH_EXIT, CrashLog, one_line
from checker.errors import CheckerError, UsageError
from checker.findings import RunResult
from checker.limits import DEFAULT_MAX_BYTES, PARTNER_JOBS
from checker.report import RENDERERS
from checker.report.text import TextOptions
from checker.version import __version__

# Start-up time is most of a pre-commit run: each command imports the machinery it uses (the
# loaders, the checks, the network stack, the audit) inside its own function, never up here.

FAIL_LEVELS = ("error", "warning", "info", "never")
_ARTICLE_URL_HELP = (
    "The article's own address, which its relative links resolve against (never its canonical)."
)
_IMAGES_ROOT_HELP = (
    "Folder where images named by site path (/img/a.jpg) are, to read their credits."
)


def _error_line(message: str) -> None:
    click.echo(f"syndicheck: error: {message}", err=True)


class SyndicheckGroup(click.Group):
    """Maps every user error to one line on stderr and exit code 2, once, here."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> NoReturn:
        try:
            code = super().main(args, prog_name or "syndicheck", complete_var, False, **extra)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except (click.exceptions.Abort, KeyboardInterrupt):
            _error_line("interrupted")
            sys.exit(130)
        except click.ClickException as exc:
            hint = " (see --help)" if isinstance(exc, click.UsageError) else ""
            _error_line(" ".join(exc.format_message().split()) + hint)
            sys.exit(2)
        except CheckerError as exc:
            _error_line(str(exc))
            sys.exit(2)
        except Exception as exc:  # a bug in syndicheck: the traceback is for the bug report
            _crashed(exc)
        sys.exit(code if isinstance(code, int) else 0)


def _note_line(message: str) -> None:
    click.echo(f"syndicheck: {message}", err=True)


_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def use_colour() -> bool:
    """Colour on a terminal; NO_COLOR (no-color.org) turns it off, FORCE_COLOR on."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR", "0") not in ("", "0"):
        return True
    return sys.stdout.isatty()


def _style(text: str, kind: str) -> str:
    if kind == "dim":
        return click.style(text, dim=True)
    return click.style(text, fg=_COLOURS.get(kind), bold=kind == "error")


def _crashed(exc: Exception) -> NoReturn:
    import traceback  # only on a crash: traceback imports linecache, tokenize, textwrap

    try:
        where = f"the traceback is in {CrashLog().record('internal error', traceback.format_exc())}"
    except OSError:
        where = "no crash log could be written"
    _error_line(f"internal error ({one_line(exc)}); {where}; please report it")
    sys.exit(CRASH_EXIT)


def _report_errors(run: RunResult) -> None:
    for result in run.results:
        if result.error is not None:
            _error_line(result.error)


@click.group(cls=SyndicheckGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="syndicheck")
def cli() -> None:
    """Check that republished articles honour the terms of their sources."""


@cli.command()
@click.argument("articles", nargs=-1, required=True)
@click.option("--source", help="The original article: a saved page (HTML, Markdown or text).")
@click.option("--source-url", help="The original article's URL (overrides the source's metadata).")
@click.option("--publisher", help="The publisher's name (overrides front matter and metadata).")
@click.option("--rules", "rules", multiple=True, help="Rule pack name or YAML file; repeatable.")
@click.option("--format", "fmt", type=click.Choice(list(RENDERERS)), default="text")
@click.option("--output", help="Write the report to this file instead of standard output.")
@click.option(
    "--report",
    "reports",
    multiple=True,
    metavar="FORMAT:PATH",
    help="Also write a report in FORMAT to PATH; repeatable (e.g. sarif:out.sarif).",
)
@click.option("--fail-level", type=click.Choice(FAIL_LEVELS), help="Exit 1 at this level (error).")
@click.option("--min-level", type=click.Choice(FAIL_LEVELS[:3]), help="Show findings from here.")
@click.option("--max-size", help="Largest input file, e.g. 20MB (the default).")
@click.option("--config", "config", help="Configuration file (default: searched upward).")
@click.option("--baseline", help="Report only findings that this baseline does not hold.")
@click.option("--write-baseline", help="Record today's findings as a baseline file.")
@click.option(
    "--allow-network",
    is_flag=True,
    help="Fetch sources given as URLs and try that links to the original resolve.",
)
@click.option(
    "--allow-private",
    is_flag=True,
    help="With --allow-network: also fetch loopback, private and link-local addresses.",
)
@click.option(
    "--require-source",
    is_flag=True,
    help="An article that declares no source is an error (default: skipped and counted).",
)
@click.option("--stdin-filename", help="The path that `-` (standard input) stands for.")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only: no evidence, no summary.")
@click.option("--statistics", is_flag=True, help="Count findings per rule after the list.")
@click.option("--images-root", help=_IMAGES_ROOT_HELP)
@click.option("--article-url", help=_ARTICLE_URL_HELP)
def check(
    articles: tuple[str, ...],
    source: str | None,
    source_url: str | None,
    publisher: str | None,
    rules: tuple[str, ...],
    fmt: str,
    output: str | None,
    reports: tuple[str, ...],
    fail_level: str | None,
    min_level: str | None,
    max_size: str | None,
    config: str | None,
    baseline: str | None,
    write_baseline: str | None,
    allow_network: bool,
    allow_private: bool,
    require_source: bool,
    stdin_filename: str | None,
    quiet: bool,
    statistics: bool,
    images_root: str | None,
    article_url: str | None,
) -> int:
    """Check ARTICLES (files, folders, globs, or - for standard input) against their source.

    An article that declares no source is not syndicated: it is skipped and counted.
    """
    from checker.runner import CheckOptions, ReportTarget, parse_report, run_check, write_reports

    options = CheckOptions(
        articles, source, source_url, publisher, rules, max_size, fail_level, min_level,
        config, baseline, write_baseline, allow_network, allow_private, require_source,
        stdin_filename, images_root, article_url,
    )  # fmt: skip
    targets = [ReportTarget(fmt, output), *(parse_report(spec) for spec in reports)]
    run = run_check(options, note=None if quiet else _note_line)
    colour = use_colour()
    text = TextOptions(quiet, statistics, _style if colour else TextOptions().style)
    click.echo(write_reports(run.shown(), targets, options, text), nl=False, color=colour)
    _report_errors(run)
    if write_baseline and not any(result.error for result in run.results):
        return 0  # the baseline was the point; findings in it are accepted, not failures
    return run.exit_code


@cli.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text")
@click.option("--max-size", default=str(DEFAULT_MAX_BYTES), help="Largest input file (e.g. 20MB).")
@click.option("--images-root", help=_IMAGES_ROOT_HELP)
@click.option("--article-url", help=_ARTICLE_URL_HELP)
def extract(
    files: tuple[str, ...],
    fmt: str,
    max_size: str,
    images_root: str | None,
    article_url: str | None,
) -> int:
    """Print what the checker sees in each FILE: body, images, links, metadata."""
    from checker.document_dict import document_to_dict
    from checker.imagemeta.attach import attach_embedded
    from checker.loaders import load_file
    from checker.report.document_text import render as render_document
    from checker.runner import parse_size

    max_bytes = parse_size(max_size)
    entries: list[dict[str, Any]] = []
    texts: list[str] = []
    failed = False
    for path in files:
        try:
            doc = load_file(path, max_bytes=max_bytes, url=article_url)
            doc = attach_embedded(doc, path, images_root=images_root)
        except CheckerError as exc:
            _error_line(str(exc))
            entries.append({"path": path, "error": exc.problem})
            failed = True
            continue
        entries.append(document_to_dict(doc))
        texts.append(render_document(doc))
    if fmt == "json":
        data: Any = entries[0] if len(files) == 1 else {"results": entries}
        if len(files) == 1 and failed:
            return 2
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        click.echo("\n".join(texts), nl=False)
    return 2 if failed else 0


@cli.command()
@click.argument("article")
@click.argument("source")
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text")
def overlap(article: str, source: str, fmt: str) -> int:
    """Align ARTICLE with SOURCE and print the reused passages."""
    from checker.loaders import load_file
    from checker.overlap import align
    from checker.overlap.render import alignment_to_dict, render_text

    article_doc = load_file(article)
    source_doc = load_file(source)
    alignment = align(article_doc.body_text, source_doc.body_text)
    if fmt == "json":
        data = {"article": article, "source": source, **alignment_to_dict(alignment)}
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        click.echo(render_text(alignment, article_doc.body_text, source_doc.body_text), nl=False)
    return 0


@cli.group()
def rules() -> None:
    """List and describe rule packs and their rules."""


@rules.command("list")
def rules_list() -> int:
    """List the available packs and their rules."""
    from checker.packs import available_packs, load_pack
    from checker.report.rules_text import render_list

    click.echo(render_list([load_pack(name) for name in available_packs()]), nl=False)
    return 0


@rules.command("show")
@click.argument("rule_id")
def rules_show(rule_id: str) -> int:
    """Show a rule (PACK/RULE or RULE) or a whole pack (PACK, or a pack file such as mine.yml)."""
    from checker.packs import available_packs, load_pack
    from checker.report.rules_text import render_pack, render_rule

    if rule_id.endswith((".yml", ".yaml")):  # a pack file: packs/mine.yml
        click.echo(render_pack(load_pack(rule_id)), nl=False)
        return 0
    packs = [load_pack(name) for name in available_packs()]
    for pack in packs:
        if rule_id == pack.name:
            click.echo(render_pack(pack), nl=False)
            return 0
    shown = [
        render_rule(rule, pack)
        for pack in packs
        for rule in pack.rules
        if rule_id in (rule.qualified_id, rule.id)
    ]
    if not shown:
        raise UsageError(rule_id, "no such rule or pack (see `syndicheck rules list`)")
    click.echo("\n".join(shown), nl=False)
    return 0


_NETWORK_NEEDED = "needs --allow-network: it fetches pages from the web"


def _crawl_options(command: Any) -> Any:
    """The politeness and fetch options that `crawl`, `audit --site` and `copies` share."""
    for option in reversed(
        (
            click.option(
                "--allow-network",
                is_flag=True,
                help="Fetch from the web (crawl, copies and --site need it).",
            ),
            click.option(
                "--allow-private",
                is_flag=True,
                help="Also fetch loopback, private and link-local addresses.",
            ),
            click.option("--cache-dir", default=".syndicheck/crawl", show_default=True),
            click.option(
                "--delay",
                type=click.FloatRange(min=0),
                default=1.0,
                show_default=True,
                help="Seconds between requests to one site (robots.txt's Crawl-delay if larger).",
            ),
            click.option("--user-agent", help="User-Agent sent (default names syndicheck)."),
            click.option("--max-pages", type=click.IntRange(min=1), help="Fetch at most N pages."),
            click.option(
                "--cache-ttl",
                type=click.FloatRange(min=0),
                default=86400.0,
                show_default=True,
                help="Seconds a cached page is used before it is revalidated.",
            ),
            click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0),
        )
    ):
        command = option(command)
    return command


def _crawl_config(site: str, out: str, state: str | None, options: dict[str, Any]) -> Any:
    from checker.crawl import CrawlConfig
    from checker.crawl.site import USER_AGENT

    if not options["allow_network"]:
        raise UsageError(site, _NETWORK_NEEDED)
    return CrawlConfig(
        site=site,
        out=out,
        cache_dir=options["cache_dir"],
        state=state,
        delay=options["delay"],
        user_agent=options["user_agent"] or USER_AGENT,
        max_pages=options["max_pages"],
        allow_private=options["allow_private"],
        cache_ttl=options["cache_ttl"],
        timeout=options["timeout"],
    )


@cli.command()
@click.argument("input_path", metavar="INPUT", required=False)
@click.option("--site", help="Crawl this site (home page or sitemap URL) and audit its pages.")
@click.option("--report-dir", default="reports", show_default=True, help="Reports go here.")
@click.option("--jobs", type=click.IntRange(min=1), help="Worker processes (default: cores).")
@click.option("--db", default=".syndicheck/history.sqlite", show_default=True)
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True)
@click.option("--scheduler", help="Dask scheduler address (with --engine dask).")
@click.option("--force", is_flag=True, help="Check every article, even unchanged ones.")
@click.option("--discover", is_flag=True, help="Find reused sources in the index (see index).")
@click.option("--fail-level", type=click.Choice(FAIL_LEVELS), default="error", show_default=True)
@click.option("--max-size", default="20MB", show_default=True, help="Largest input file.")
@click.option("--config", "config_file", help="Configuration file (default: searched upward).")
@_crawl_options
def audit(
    input_path: str | None,
    site: str | None,
    report_dir: str,
    jobs: int | None,
    db: str,
    engine: str,
    scheduler: str | None,
    force: bool,
    discover: bool,
    fail_level: str,
    max_size: str,
    config_file: str | None,
    **options: Any,
) -> int:
    """Audit the articles of INPUT (a CSV or JSON Lines manifest, a crawl's manifest, or a
    folder of articles), or of a live site with --site."""
    from checker.audit import AuditConfig, run_audit
    from checker.audit.progress import default_progress
    from checker.findings import Severity
    from checker.runner import parse_size

    if (input_path is None) == (site is None):
        raise UsageError(None, "give either INPUT or --site SITE")
    network = None
    if site is not None:
        from checker.crawl import crawl
        from checker.crawl.site import fetched_only, site_manifest

        settings = _crawl_config(site, site_manifest(options["cache_dir"], site), None, options)
        crawled = crawl(settings, default_progress())
        click.echo(crawled.summary(), nl=False, err=True)
        input_path, network = fetched_only(crawled), settings.policy()
    elif options["allow_network"]:  # a crawl's manifest: its sources are URLs
        network = _crawl_config(str(input_path), "", None, options).policy()
    config = AuditConfig(
        input=str(input_path),
        db=db,
        report_dir=report_dir,
        jobs=jobs,
        engine=engine,
        scheduler=scheduler,
        force=force,
        discover=discover,
        fail_level=None if fail_level == "never" else Severity.parse(fail_level),
        max_bytes=parse_size(max_size),
        config=config_file,
        network=network,
    )
    outcome = run_audit(config, default_progress(), warn=_error_line)
    for problem in outcome.errors():
        _error_line(problem)
    click.echo(outcome.summary(), nl=False)
    return outcome.exit_code


@cli.command("crawl")
@click.argument("site")
@click.option("--out", default="crawl.jsonl", show_default=True, help="The manifest written.")
@click.option("--state", help="Crawl state for resuming (default: beside --out).")
@_crawl_options
def crawl_site(site: str, out: str, state: str | None, **options: Any) -> int:
    """Crawl SITE (a home page or sitemap URL) politely into an audit manifest (JSON Lines).

    Articles are found through robots.txt's sitemaps, feeds and the WordPress API; a killed
    crawl run again with the same --state goes on where it stopped.
    """
    from checker.audit.progress import default_progress
    from checker.crawl import crawl

    outcome = crawl(_crawl_config(site, out, state, options), default_progress())
    click.echo(outcome.summary(), nl=False)
    return 0


@cli.command("copies")
@click.argument("ours")
@click.option("--partners", "partners_file", required=True, help="Partner sites, one URL a line.")
@click.option("--rules", "rules", multiple=True, help="Pack of our terms; repeatable.")
@click.option("--format", "fmt", type=click.Choice(["html", "json", "csv"]), default="html")
@click.option("--output", help="Write the report to this file instead of standard output.")
@click.option(
    "--partner-jobs",
    type=click.IntRange(min=1),
    default=PARTNER_JOBS,
    show_default=True,
    help="Partner sites crawled at once (each site is still asked one request at a time).",
)
@_crawl_options
def copies(
    ours: str,
    partners_file: str,
    rules: tuple[str, ...],
    fmt: str,
    output: str | None,
    partner_jobs: int,
    **options: Any,
) -> int:
    """Find where OURS (our site, feed or sitemap URL, or a folder of our articles) was
    republished on the partner sites, and check each copy against our terms.

    Partner sites are crawled at once, --partner-jobs of them, so that a slow site does not
    hold up the rest; the report lists them in the partner file's order.
    """
    from checker.audit.progress import default_progress
    from checker.crawl.copies import CopiesConfig, find_copies
    from checker.crawl.copies_report import RENDERERS as COPIES_RENDERERS
    from checker.output import write_report

    settings = _crawl_config(ours, "copies.jsonl", None, options)
    config = CopiesConfig(ours, partners_file, settings, rules, partner_jobs=partner_jobs)
    report = find_copies(config, default_progress())
    text = COPIES_RENDERERS[fmt](report)
    if output:
        write_report(output, text, inputs=(partners_file,))
    else:
        click.echo(text, nl=False)
    return 0


@cli.command("index")
@click.argument("sources", nargs=-1, required=True)
@click.option("--db", default=".syndicheck/history.sqlite", show_default=True)
@click.option("--max-size", default="20MB", show_default=True, help="Largest source file.")
def index_sources(sources: tuple[str, ...], db: str, max_size: str) -> int:
    """Fingerprint SOURCES (files or folders) into the database, for `audit --discover`."""
    from checker.audit import IndexConfig, run_index
    from checker.audit.progress import default_progress
    from checker.runner import parse_size

    stats, seconds = run_index(IndexConfig(sources, db, parse_size(max_size)), default_progress())
    for path, problem in stats.failed:
        _error_line(f"{path}: {problem}")
    click.echo(
        f"Indexed into {db} in {seconds:.1f} s: {stats.added} added, {stats.updated} updated,"
        f" {stats.unchanged} unchanged, {len(stats.failed)} unreadable\n",
        nl=False,
    )
    return 2 if stats.failed else 0


@rules.command("test")
@click.argument("packs", nargs=-1)
@click.option("--fixtures", help="Fixture folder (default: the bundled packs' fixtures).")
def rules_test(packs: tuple[str, ...], fixtures: str | None) -> int:
    """Run the rule tests of PACKS (default: every pack with fixtures)."""
    from pathlib import Path

    from checker.report.rules_text import render_rule_tests
    from checker.rule_tests import default_fixtures, discover, run_case, untested_rules

    folder = Path(fixtures) if fixtures else default_fixtures()
    cases = discover(folder, packs)
    outcomes = [run_case(case) for case in cases]
    untested = [
        rule for stem in sorted({c.pack for c in cases}) for rule in untested_rules(folder, stem)
    ]
    click.echo(render_rule_tests(outcomes, untested), nl=False)
    return 0 if all(o.passed for o in outcomes) and not untested else 1


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8686, show_default=True)
@click.option("--workers", type=click.IntRange(min=1), help="Check processes (default: cores).")
@click.option("--token-file", help="File holding the bearer token (else $SYNDICHECK_TOKEN).")
@click.option("--max-body", default="5MB", show_default=True, help="Largest request body.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=10.0,
              show_default=True, help="Seconds one check may take.")  # fmt: skip
@click.option("--queue", type=click.IntRange(min=0), default=64, show_default=True,
              help="Requests that may wait for a worker; more get 429.")  # fmt: skip
@click.option("--cors-origin", "cors_origins", multiple=True, help="Allowed origin; repeatable.")
@click.option("--config", "config", help="Configuration file (default: none).")
@click.option("--allow-network", is_flag=True, help="Fetch sources given by URL alone.")
@click.option("--allow-private", is_flag=True, help="With --allow-network: private addresses too.")
def serve(
    host: str,
    port: int,
    workers: int | None,
    token_file: str | None,
    max_body: str,
    timeout: float,
    queue: int,
    cors_origins: tuple[str, ...],
    config: str | None,
    allow_network: bool,
    allow_private: bool,
) -> int:
    """Serve the check over HTTP for CMS plugins (POST /v1/check; docs at /docs)."""
    # Imported here: the web stack loads only when the service runs (pip install syndicheck[serve]).
    from checker.runner import parse_size
    from checker.serve import ServeSettings, run
    from checker.serve.settings import read_token

    settings = ServeSettings(
        host, port, workers or os.cpu_count() or 1, read_token(token_file),
        parse_size(max_body, "--max-body"), timeout, queue, cors_origins, config,
        allow_network, allow_private,
    )  # fmt: skip
    return run(settings)


def main() -> NoReturn:
    cli.main(prog_name="syndicheck")
