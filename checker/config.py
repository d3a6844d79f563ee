"""Project configuration: `[tool.syndicheck]` in pyproject.toml, or a syndicheck.toml.

Globs (`paths`, `include`, `exclude`) use gitignore syntax (pathspec's GitIgnoreSpec), relative
to the configuration file: `content/news/**/*.md` matches `content/news/a.md`.

Found by searching upward from the working directory; the first file that has a syndicheck
table wins. Command-line options win over it. Every problem names the file and the key.

```toml
[tool.syndicheck]            # in syndicheck.toml: the same keys at the top level
rules = ["default"]
fail-level = "error"
min-level = "info"
max-size = "20MB"

[tool.syndicheck.severity]   # per rule: error, warning, info, or off
"default/text-overlap" = "off"

require-source = false       # true: an article that declares no source is an error
include = ["content/**"]     # which files a folder argument walks (default: HTML and Markdown)
exclude = ["content/staff/"]

[[tool.syndicheck.overrides]]   # per glob, relative to the configuration file
paths = ["wire/**/*.html"]
rules = ["wire"]
severity = { "default/image-credit" = "warning" }
source_url = "https://wire.example/"   # declares the source of every article it matches
publisher = "Wire Service"

[tool.syndicheck.publishers."bloomberg.com"]   # a registrable domain
name = "Bloomberg"
pack = "default"
```
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.declared import SourceHint
from checker.errors import UsageError
from checker.findings import Severity
from checker.urls import is_web_url

FILE_NAMES = ("syndicheck.toml", "pyproject.toml")
TOP_KEYS = {
    "rules", "fail-level", "min-level", "max-size", "severity", "overrides", "publishers",
    "require-source", "include", "exclude",
}  # fmt: skip
OVERRIDE_KEYS = {"paths", "rules", "severity", "source", "source_url", "publisher"}
PUBLISHER_KEYS = {"name", "pack"}
LEVELS = ("error", "warning", "info", "never")


def glob_matcher(patterns: Iterable[str]) -> Callable[[str], bool]:
    """Globs in gitignore syntax, as .gitignore and .syndicheckignore use them: a function
    telling whether a relative path (with / separators) matches any of them."""
    patterns = list(patterns)
    if not patterns:  # no `exclude`, no ignore file: the common case needs no pathspec import
        return _matches_nothing
    import pathspec  # imported when a glob is matched, not by every command (start-up time)

    match: Callable[[str], bool] = pathspec.GitIgnoreSpec.from_lines(patterns).match_file
    return match


def _matches_nothing(relative: str) -> bool:
    return False


@dataclass(frozen=True)
class Override:
    paths: tuple[str, ...]
    rules: tuple[str, ...] = ()
    severity: Mapping[str, Severity | None] = field(default_factory=dict)
    source: SourceHint = field(default_factory=SourceHint)

    def matches(self, relative: str) -> bool:
        return glob_matcher(self.paths)(relative)


@dataclass(frozen=True)
class Publisher:
    name: str = ""
    pack: str = ""


@dataclass(frozen=True)
class Config:
    path: str = ""  # the file it came from; "" when there is none
    rules: tuple[str, ...] = ()
    fail_level: str = ""
    min_level: str = ""
    max_size: str = ""
    severity: Mapping[str, Severity | None] = field(default_factory=dict)  # None: off
    overrides: tuple[Override, ...] = ()
    publishers: Mapping[str, Publisher] = field(default_factory=dict)
    require_source: bool = False
    include: tuple[str, ...] = ()  # empty: HTML and Markdown files
    exclude: tuple[str, ...] = ()

    @property
    def root(self) -> Path:
        return Path(self.path).parent if self.path else Path.cwd()

    def rules_for(self, article: str) -> tuple[str, ...]:
        """The packs for one article: the last matching override's, else the default."""
        chosen = self.rules
        for override in self.overrides:
            if override.rules and self._matches(override, article):
                chosen = override.rules
        return tuple(self._pack_spec(spec) for spec in chosen)

    def _pack_spec(self, spec: str) -> str:
        """Pack files named in the configuration are relative to it, not to the cwd."""
        if spec.endswith((".yml", ".yaml")) or "/" in spec:
            return str(self.root / spec)
        return spec

    def severity_for(self, article: str) -> dict[str, Severity | None]:
        merged = dict(self.severity)
        for override in self.overrides:
            if self._matches(override, article):
                merged.update(override.severity)
        return merged

    def source_for(self, article: str) -> SourceHint:
        """The overrides' source fields for one article, the last matching one winning."""
        source = source_url = publisher = ""
        for override in self.overrides:
            if self._matches(override, article):
                hint = override.source
                source = hint.source or source
                source_url = hint.source_url or source_url
                publisher = hint.publisher or publisher
        return SourceHint(source, source_url, publisher)

    def relative(self, article: str) -> str:
        """The article's path relative to the configuration's folder, with / separators."""
        path = Path(article).resolve()
        try:
            return path.relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def _matches(self, override: Override, article: str) -> bool:
        return override.matches(self.relative(article))


def find_config(start: Path | None = None) -> Path | None:
    directory = (start or Path.cwd()).resolve()
    for folder in (directory, *directory.parents):
        for name in FILE_NAMES:
            candidate = folder / name
            if candidate.is_file() and _table(candidate) is not None:
                return candidate
    return None


def _table(path: Path) -> dict[str, Any] | None:
    import tomllib  # only where a configuration file is found (~2 ms of start-up)

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(str(path), f"cannot read configuration: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(str(path), f"invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("syndicheck")
        return table if isinstance(table, dict) else None
    return data


def _strings(path: Path, key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise UsageError(str(path), f"{key}: expected a string or a list of strings")


def _level(path: Path, key: str, value: Any) -> str:
    if value not in LEVELS:
        raise UsageError(str(path), f"{key}: expected one of {', '.join(LEVELS)}, not {value!r}")
    return str(value)


def _severities(path: Path, key: str, value: Any) -> dict[str, Severity | None]:
    if not isinstance(value, dict):
        raise UsageError(str(path), f"{key}: expected a table of rule = level")
    result: dict[str, Severity | None] = {}
    for rule, level in value.items():
        if level == "off":
            result[rule] = None
        elif isinstance(level, str) and level in ("error", "warning", "info"):
            result[rule] = Severity.parse(level)
        else:
            raise UsageError(str(path), f"{key}.{rule}: expected error, warning, info or off")
    return result


def _flag(path: Path, key: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise UsageError(str(path), f"{key}: expected true or false")
    return value


def _hint(path: Path, where: str, raw: Mapping[str, Any]) -> SourceHint:
    values = {}
    for key in ("source", "source_url", "publisher"):
        value = raw.get(key, "")
        if not isinstance(value, str):
            raise UsageError(str(path), f"{where}.{key}: expected a string")
        values[key] = value.strip()
    source = values["source"]
    if source and not is_web_url(source):
        source = str(path.parent / source)  # relative to the configuration, like its globs
    return SourceHint(source, values["source_url"], values["publisher"])


def _unknown(path: Path, prefix: str, table: Mapping[str, Any], known: set[str]) -> None:
    extra = sorted(set(table) - known)
    if extra:
        raise UsageError(str(path), f"unknown key {prefix}{extra[0]}")


def load_config(path: Path | None = None) -> Config:
    """The configuration at `path`, or the one found upward; an empty one if none exists."""
    path = path or find_config()
    if path is None:
        return Config()
    table = _table(path)
    if table is None:
        raise UsageError(str(path), "no [tool.syndicheck] table")
    prefix = "tool.syndicheck." if path.name == "pyproject.toml" else ""
    _unknown(path, prefix, table, TOP_KEYS)
    overrides = []
    for index, raw in enumerate(table.get("overrides", [])):
        where = f"{prefix}overrides[{index}]"
        if not isinstance(raw, dict):
            raise UsageError(str(path), f"{where}: expected a table")
        _unknown(path, where + ".", raw, OVERRIDE_KEYS)
        if "paths" not in raw:
            raise UsageError(str(path), f"{where}.paths is required")
        overrides.append(
            Override(
                paths=_strings(path, where + ".paths", raw["paths"]),
                rules=_strings(path, where + ".rules", raw.get("rules", [])),
                severity=_severities(path, where + ".severity", raw.get("severity", {})),
                source=_hint(path, where, raw),
            )
        )
    publishers = {}
    for domain, raw in table.get("publishers", {}).items():
        where = f"{prefix}publishers.{domain}"
        if not isinstance(raw, dict):
            raise UsageError(str(path), f"{where}: expected a table with name and pack")
        _unknown(path, where + ".", raw, PUBLISHER_KEYS)
        publishers[domain.lower()] = Publisher(str(raw.get("name", "")), str(raw.get("pack", "")))
    return Config(
        path=str(path),
        rules=_strings(path, prefix + "rules", table.get("rules", [])),
        fail_level=_level(path, prefix + "fail-level", table["fail-level"])
        if "fail-level" in table
        else "",
        min_level=_level(path, prefix + "min-level", table["min-level"])
        if "min-level" in table
        else "",
        max_size=str(table.get("max-size", "")),
        severity=_severities(path, prefix + "severity", table.get("severity", {})),
        overrides=tuple(overrides),
        publishers=publishers,
        require_source=_flag(path, prefix + "require-source", table.get("require-source", False)),
        include=_strings(path, prefix + "include", table.get("include", [])),
        exclude=_strings(path, prefix + "exclude", table.get("exclude", [])),
    )
