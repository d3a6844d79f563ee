"""The articles that `check`'s arguments name: files, folders walked, and globs expanded.

- A file is checked as named, unless the configuration's `exclude` or a `.syndicheckignore`
  matches it: pre-commit and CI pass every changed file, and a staff folder excluded once must
  stay excluded (ruff's `force-exclude`, always on).
- A folder is walked for HTML and Markdown files (or the configuration's `include` globs),
  skipping what `.gitignore` and `.syndicheckignore` files ignore (gitignore syntax, read with
  pathspec, each file applying below its own folder, from the repository's top down), the
  configuration's `exclude`, `.git` and every other folder whose name starts with a dot.
- A glob (`content/**/*.md`) is expanded; one that matches nothing is a note, not an error,
  so a workflow written for HTML and Markdown does not fail on a site without HTML.
"""

from __future__ import annotations

import functools
import glob
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from checker.config import Config, glob_matcher

IGNORE_FILES = (".gitignore", ".syndicheckignore")
DEFAULT_INCLUDE = ("*.html", "*.htm", "*.md", "*.markdown")
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class Expanded:
    files: tuple[str, ...]
    notes: tuple[str, ...]  # one line each, for stderr


@dataclass(frozen=True)
class _Ignore:
    folder: Path  # patterns apply to paths below this folder
    match: Callable[[str], bool]


def _read_ignores(folder: Path, names: tuple[str, ...] = IGNORE_FILES) -> list[_Ignore]:
    found = []
    for name in names:
        path = folder / name
        if path.is_file():
            try:
                lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                continue
            found.append(_Ignore(folder, glob_matcher(lines)))
    return found


def _top(folder: Path) -> Path:
    """The repository's top folder (holding .git), else the folder itself."""
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return folder


def _ignored(path: Path, is_dir: bool, ignores: list[_Ignore]) -> bool:
    for ignore in ignores:
        try:
            relative = path.relative_to(ignore.folder).as_posix()
        except ValueError:
            continue
        if ignore.match(relative + ("/" if is_dir else "")):
            return True
    return False


class Selector:
    """Decides which files are articles, for one configuration."""

    def __init__(self, config: Config) -> None:
        self.root = config.root.resolve()
        self._include_globs = config.include or DEFAULT_INCLUDE
        self._exclude = glob_matcher(config.exclude)

    @functools.cached_property
    def _include(self) -> Callable[[str], bool]:
        # Built when a folder is walked: files named on the command line never need it, and
        # building it imports pathspec (start-up time of a one-file check).
        return glob_matcher(self._include_globs)

    def _relative(self, path: Path) -> str | None:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return None

    def excluded(self, path: Path, is_dir: bool = False) -> bool:
        relative = self._relative(path)
        return relative is not None and self._exclude(relative + ("/" if is_dir else ""))

    def included(self, path: Path) -> bool:
        relative = self._relative(path)
        return self._include(relative if relative is not None else path.name)

    def named_file(self, path: Path) -> bool:
        """A file named on the command line: checked unless excluded or .syndicheckignored."""
        resolved = path.resolve()
        if self.excluded(resolved):
            return False
        folder = resolved.parent
        ignores = [
            ignore
            for parent in _chain(_top(folder), folder)
            for ignore in _read_ignores(parent, (".syndicheckignore",))
        ]
        return not _ignored(resolved, False, ignores)

    def walk(self, folder: Path) -> Iterator[Path]:
        start = folder.resolve()
        inherited = [
            i for parent in _chain(_top(start), start.parent) for i in _read_ignores(parent)
        ]
        below: dict[Path, list[_Ignore]] = {}  # each folder's own ignore files, read once
        for directory, dirs, files in os.walk(start):
            here = Path(directory)
            below[here] = _read_ignores(here)
            ignores = inherited + [i for parent in _chain(start, here) for i in below[parent]]
            dirs[:] = sorted(
                d
                for d in dirs
                if not d.startswith(".")
                and not _ignored(here / d, True, ignores)
                and not self.excluded(here / d, True)
            )
            for name in sorted(files):
                path = here / name
                if (
                    self.included(path)
                    and not _ignored(path, False, ignores)
                    and not self.excluded(path)
                ):
                    yield folder / path.relative_to(start)


def _chain(top: Path, bottom: Path) -> list[Path]:
    """Folders from `top` down to `bottom` (both included); [] when bottom is not below top."""
    try:
        parts = bottom.relative_to(top).parts
    except ValueError:
        return []
    return [top.joinpath(*parts[:depth]) for depth in range(len(parts) + 1)]


def expand(arguments: tuple[str, ...], config: Config) -> Expanded:
    """The article files the arguments name, in order, each once."""
    selector = Selector(config)
    files: dict[str, None] = {}
    notes: list[str] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            found = [str(p) for p in selector.walk(path)]
            if not found:
                notes.append(f"{argument}: no HTML or Markdown article here (skipped)")
            files.update(dict.fromkeys(found))
        elif not path.exists() and _GLOB_CHARS & set(argument):
            matches = sorted(p for p in glob.glob(argument, recursive=True) if Path(p).is_file())
            kept = [p for p in matches if selector.named_file(Path(p))]
            if not matches:
                notes.append(f"{argument}: no file matches this pattern (skipped)")
            files.update(dict.fromkeys(kept))
        elif not path.is_file() or selector.named_file(path):
            # A missing file is passed on: the loader reports it, naming it, with exit 2.
            files[argument] = None
    return Expanded(tuple(files), tuple(notes))


__all__ = ["DEFAULT_INCLUDE", "Expanded", "Selector", "expand"]
