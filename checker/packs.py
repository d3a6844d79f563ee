"""Rule packs: YAML files naming rules, validated when they load.

A pack: `name`, `version`, `description`, optional `terms` (link), optional `extends` (pack
names or paths), and `rules`. A rule: `id`, `check` (a registered check kind), `severity`,
`message` (a template with `{publisher}`, `{source_url}`, `{detail}`, ...), optional
`description`, `terms`, `terms_text` (the clause of the terms the rule enforces, quoted),
`params` and `enabled`. A child pack may restate an inherited rule's id
to change its severity, message or params. Every problem names the file, line and rule.
"""

from __future__ import annotations

import hashlib
import os
import re
import reprlib
import string
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import regex
import yaml

from checker.checks import KINDS, kind_names
from checker.errors import PackError
from checker.findings import Severity
from checker.pack_model import Pack, Rule, Selection
from checker.patterns import compile_pattern
from checker.yaml_size import MAX_VALUES, expands_within

__all__ = [
    "Pack",
    "Rule",
    "available_packs",
    "catalogue",
    "load_pack",
    "resolve_pack_path",
    "selections",
]

PACK_KEYS = {"name", "version", "description", "terms", "extends", "rules", "selects"}
SELECT_KEYS = ("publishers", "domains", "licences", "pixels")
RULE_KEYS = {
    "id", "check", "severity", "message", "description", "terms", "terms_text", "params",
    "enabled",
}  # fmt: skip
RULE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# Pack names may carry a version, as licences do: `cc-by-4.0`.
PACK_NAME = re.compile(r"^[a-z0-9][a-z0-9.-]*$")
# A message field is a plain name: `{publisher.__class__}`, `{0}` or `{detail:>999999999}` would
# let a pack reach into objects or blow up memory when the message is filled.
TEMPLATE_FIELD = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# The variables a message may use: the engine fills the first five for every rule
# (checker.engine.check_article), and checks add their own through `Hit.values`. A name outside
# these would be printed as written, so a typo such as {publsher} is an error when a pack loads.
TEMPLATE_VARIABLES = frozenset(
    {"publisher", "source_url", "detail", "article", "title"}
    | {"author", "institution", "share", "until", "change", "headline", "original_headline"}
    | {"src", "url", "tracker"}
)
PACK_SUFFIXES = (".yml", ".yaml")
MAX_PACK_BYTES = 1_000_000


class _LineLoader(yaml.SafeLoader):
    """Safe YAML that remembers where each mapping started, for error messages."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = {str(key): value for key, value in loader.construct_mapping(node, deep=True).items()}
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)

# libyaml's parser (PyYAML's C extension, in its wheels) reads the bundled packs about ten
# times faster than the pure-Python one, and a check reads them all when it chooses a pack.
# The constructors and resolver are the same Python ones, so the data are the same; a broken
# file is parsed again by the pure-Python loader so that its message stays the same.
_CLoader: Any = getattr(yaml, "CSafeLoader", None)
_FastLineLoader: Any = None
if _CLoader is not None:
    _FastLineLoader = type("_FastLineLoader", (_CLoader,), {})
    _FastLineLoader.add_constructor(
        yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping
    )


def _load_yaml(text: str) -> Any:
    if _FastLineLoader is not None:
        try:
            return yaml.load(text, Loader=_FastLineLoader)
        except yaml.YAMLError:
            pass  # the pure-Python loader below raises it again, with its own words
    return yaml.load(text, Loader=_LineLoader)


def bundled_dir() -> Path:
    """The bundled pack library: top-level `rules/` (a checkout) or the installed copy."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "rules", here / "bundled_rules"):
        if candidate.is_dir():
            return candidate
    return here.parent / "rules"


def search_dirs() -> list[Path]:
    extra = os.environ.get("SYNDICHECK_RULES_PATH", "")
    return [Path(p) for p in extra.split(os.pathsep) if p] + [bundled_dir()]


def available_packs() -> dict[str, Path]:
    packs: dict[str, Path] = {}
    for directory in reversed(search_dirs()):
        if directory.is_dir():
            packs.update({p.stem: p for p in sorted(directory.glob("*.yml"))})
    return dict(sorted(packs.items()))


def resolve_pack_path(spec: str, relative_to: Path | None = None) -> Path:
    looks_like_file = spec.endswith((".yml", ".yaml")) or os.sep in spec or "/" in spec
    if looks_like_file:
        path = Path(spec)
        if not path.is_absolute() and relative_to is not None:
            path = relative_to / path
        # Only YAML files: an `extends:` or a front matter's `rules:` naming /proc/self/environ
        # or a key file must not get it read.
        if path.suffix.lower() not in PACK_SUFFIXES:
            raise PackError(spec, "a rule pack file must end in .yml or .yaml")
        if not path.is_file():
            raise PackError(spec, "rule pack file not found")
        return path
    packs = available_packs()
    if spec not in packs:
        raise PackError(spec, f"unknown rule pack (available: {', '.join(packs) or 'none'})")
    return packs[spec]


def _read_yaml(path: Path) -> tuple[Mapping[str, Any], bytes]:
    try:
        size = path.stat().st_size
        if size > MAX_PACK_BYTES:
            raise PackError(str(path), f"rule pack is {size} bytes, over {MAX_PACK_BYTES}")
        raw = path.read_bytes()
        data = _load_yaml(raw.decode("utf-8"))
    except PackError:
        raise
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise PackError(str(path), f"{where}invalid YAML: {problem}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(str(path), f"cannot read rule pack: {exc}") from None
    if not isinstance(data, Mapping):
        raise PackError(str(path), "a rule pack must be a YAML mapping with `name` and `rules`")
    if not expands_within(data):
        raise PackError(str(path), f"the pack expands to over {MAX_VALUES:,} values (YAML aliases)")
    return data, raw


def _check_template(where: str, template: str) -> None:
    try:
        fields = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise PackError(where, f"message template: {exc}") from None
    for _, name, spec, conversion in fields:
        if name is not None and (not TEMPLATE_FIELD.match(name) or spec or conversion):
            raise PackError(
                where,
                f"message template: {{{name}{'!' + conversion if conversion else ''}"
                f"{':' + spec if spec else ''}}} is not a plain name such as {{detail}}",
            )
        if name is not None and name not in TEMPLATE_VARIABLES:
            import difflib  # only for this error's hint

            guess = difflib.get_close_matches(name, sorted(TEMPLATE_VARIABLES), n=1)
            hint = f"did you mean {{{guess[0]}}}? " if guess else ""
            raise PackError(
                where,
                f"message template: unknown variable {{{name}}} ({hint}known: "
                f"{', '.join(sorted(TEMPLATE_VARIABLES))})",
            )


def _build_params(where: str, check: str, given: Any) -> dict[str, Any]:
    kind = KINDS[check]
    if given is None:
        given = {}
    if not isinstance(given, Mapping):
        raise PackError(where, "`params` must be a mapping")
    given = {k: v for k, v in given.items() if k != "__line__"}
    unknown = sorted(set(given) - set(kind.defaults))
    if unknown:
        known = ", ".join(sorted(kind.defaults)) or "none"
        raise PackError(where, f"unknown parameter(s) {', '.join(unknown)} for {check} ({known})")
    params = {**kind.defaults, **given}
    for key, default in kind.defaults.items():
        value = params[key]
        if default is not None and value is not None and type(value) is not type(default):
            numeric = isinstance(default, float | int) and isinstance(value, float | int)
            if not (numeric and not isinstance(value, bool)):
                expected = type(default).__name__
                shown = reprlib.repr(value)
                raise PackError(where, f"parameter {key} must be {expected}, not {shown}")
    for key, default in kind.defaults.items():
        if isinstance(default, list) and isinstance(params[key], list):
            # Every list parameter is a list of words or patterns; a nested mapping or list
            # (or a YAML alias bomb) would only surface as a crash when the check runs.
            if not all(isinstance(item, str | int | float) for item in params[key]):
                raise PackError(where, f"parameter {key} must be a list of strings")
            params[key] = [str(item) for item in params[key]]
    for key in kind.regex_params:
        patterns = params[key] if isinstance(params[key], list) else [params[key]]
        for pattern in patterns:
            try:
                # Compiled here, once: the checks' matches hit the cache (checker.patterns).
                compile_pattern(str(pattern))
            except (regex.error, RecursionError, OverflowError, ValueError) as exc:
                raise PackError(where, f"parameter {key}: bad regular expression: {exc}") from None
    if kind.validate is not None:
        try:
            kind.validate(params)
        except ValueError as exc:
            raise PackError(where, str(exc)) from None
    return params


def _build_rule(path: Path, pack: str, raw: Any, inherited: Rule | None) -> Rule:
    line = raw.get("__line__", 0) if isinstance(raw, Mapping) else 0
    if not isinstance(raw, Mapping):
        raise PackError(str(path), "each rule must be a mapping")
    rule_id = str(raw.get("id", ""))
    where = f"{path}:{line}: rule {rule_id or '(no id)'}"
    unknown = sorted(set(raw) - RULE_KEYS - {"__line__"})
    if unknown:
        raise PackError(where, f"unknown key(s) {', '.join(unknown)}")
    if not RULE_ID.match(rule_id):
        raise PackError(where, "`id` must be lower-case letters, digits and dashes")
    base: dict[str, Any] = {}
    if inherited is not None:
        base = {
            "check": inherited.check,
            "severity": inherited.severity.label,
            "message": inherited.message,
            "description": inherited.description,
            "terms": inherited.terms,
            "terms_text": inherited.terms_text,
            "params": dict(inherited.params),
        }
        if isinstance(raw.get("params"), Mapping):
            base["params"].update({k: v for k, v in raw["params"].items() if k != "__line__"})
            raw = {k: v for k, v in raw.items() if k != "params"}
    merged = {**base, **raw}
    check = str(merged.get("check", ""))
    if check not in KINDS:
        raise PackError(where, f"unknown check kind {check!r} (known: {', '.join(kind_names())})")
    try:
        severity = Severity.parse(str(merged.get("severity", "")))
    except KeyError:
        raise PackError(where, "`severity` must be error, warning or info") from None
    message = merged.get("message")
    if not isinstance(message, str) or not message.strip():
        raise PackError(where, "`message` is required")
    _check_template(where, message)
    return Rule(
        id=rule_id,
        pack=pack,
        check=check,
        severity=severity,
        message=message,
        description=str(merged.get("description", "") or ""),
        terms=str(merged.get("terms", "") or ""),
        params=_build_params(where, check, merged.get("params")),
        terms_text=" ".join(str(merged.get("terms_text", "") or "").split()),
    )


def load_pack(
    spec: str,
    *,
    _seen: tuple[Path, ...] = (),
    relative_to: Path | None = None,
    _loaded: dict[Path, Pack] | None = None,
) -> Pack:
    """The pack `spec` names, validated. `_loaded` (packs by path) lets one caller reading
    several packs read a common parent once: the catalogue's packs mostly extend `default`."""
    path = resolve_pack_path(spec, relative_to).resolve()
    if path in _seen:
        chain = " -> ".join(p.stem for p in (*_seen, path))
        raise PackError(str(path), f"packs extend each other in a circle ({chain})")
    if _loaded is not None and path in _loaded:
        return _loaded[path]
    data, raw = _read_yaml(path)
    digest = hashlib.sha256(raw)
    unknown = sorted(set(data) - PACK_KEYS - {"__line__"})
    if unknown:
        raise PackError(str(path), f"unknown key(s) {', '.join(unknown)}")
    name = str(data.get("name", ""))
    if not PACK_NAME.match(name):
        raise PackError(str(path), "`name` must be lower-case letters, digits, dots and dashes")
    extends = data.get("extends") or []
    if isinstance(extends, str):
        extends = [extends]
    rules: dict[str, Rule] = {}
    for parent in extends:
        parent_pack = load_pack(
            str(parent), _seen=(*_seen, path), relative_to=path.parent, _loaded=_loaded
        )
        rules.update({rule.id: rule for rule in parent_pack.rules})
        digest.update(parent_pack.sha256.encode("ascii"))
    raw_rules = data.get("rules") or []
    if not isinstance(raw_rules, list):
        raise PackError(str(path), "`rules` must be a list")
    disabled: set[str] = set()
    for raw in raw_rules:
        rule_id = str(raw.get("id", "")) if isinstance(raw, Mapping) else ""
        rule = _build_rule(path, name, raw, rules.get(rule_id))
        rules[rule.id] = rule
        if isinstance(raw, Mapping) and raw.get("enabled") is False:
            disabled.add(rule.id)
    if not rules:
        raise PackError(str(path), "the pack has no rules")
    pack = Pack(
        name=name,
        version=str(data.get("version", "0")),
        description=str(data.get("description", "") or ""),
        path=str(path),
        rules=tuple(rule for rule_id, rule in rules.items() if rule_id not in disabled),
        terms=str(data.get("terms", "") or ""),
        extends=tuple(str(e) for e in extends),
        selects=_selection(path, data.get("selects")),
        sha256=digest.hexdigest(),
    )
    if _loaded is not None:
        _loaded[path] = pack
    return pack


def _selection(path: Path, raw: Any) -> Selection:
    """`selects:` (not inherited through `extends`: a pack is chosen for its own terms)."""
    if raw is None:
        return Selection()
    if not isinstance(raw, Mapping):
        raise PackError(str(path), "`selects` must be a mapping of " + ", ".join(SELECT_KEYS))
    unknown = sorted(set(raw) - set(SELECT_KEYS) - {"__line__"})
    if unknown:
        raise PackError(str(path), f"unknown key(s) in `selects`: {', '.join(unknown)}")
    values: dict[str, tuple[str, ...]] = {}
    for key in SELECT_KEYS:
        given = raw.get(key) or []
        if not isinstance(given, list) or not all(isinstance(v, str) and v for v in given):
            raise PackError(str(path), f"`selects.{key}` must be a list of strings")
        values[key] = tuple(given)
    for licence in values["licences"]:
        if len(licence.split()) != 2:
            raise PackError(str(path), f"`selects.licences`: {licence!r} is not 'CODE VERSION'")
    return Selection(**values)


def catalogue() -> tuple[Pack, ...]:
    """Every available pack that declares when `auto` chooses it, by name.

    A pack that does not load is left out here; it fails, naming itself, when it is used.
    """
    found = []
    loaded: dict[Path, Pack] = {}  # a parent several packs extend is read once
    for spec in sorted(available_packs()):
        try:
            pack = load_pack(spec, _loaded=loaded)
        except PackError:
            continue
        if pack.selects != Selection():
            found.append(pack)
    return tuple(found)


def selections() -> tuple[tuple[str, Pack], ...]:
    """The catalogue read light: (spec, pack) for every available pack that declares when
    `auto` chooses it, its pack holding its name, version, file and `selects` but no rules.

    A pack whose YAML, name or `selects` is bad is left out, as `catalogue` leaves it out; one
    that is bad only in its rules or its `extends` is listed, and `auto` leaves it out when it
    loads the pack it chose (checker.core), which then decides as `catalogue` would. Reading
    every pack's rules and compiling their patterns was ~15 ms of a one-file check that
    ends up using one pack.
    """
    found = []
    for spec, listed in available_packs().items():
        path = listed.resolve()
        try:
            data, _ = _read_yaml(path)
            selects = _selection(path, data.get("selects"))
        except PackError:
            continue
        name = str(data.get("name", ""))
        if PACK_NAME.match(name) and selects != Selection():
            version = str(data.get("version", "0"))
            found.append((spec, Pack(name, version, "", str(path), (), selects=selects)))
    return tuple(found)
