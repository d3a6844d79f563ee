"""Progress of a long audit: a live bar on a terminal, plain periodic lines in CI and logs.

A bar redrawn in a CI log is thousands of lines of noise, and a line every few seconds on a
terminal is worse than a bar; so the choice is made from where standard error goes.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING, Protocol, TextIO

if TYPE_CHECKING:
    from rich.progress import TaskID


class Progress(Protocol):
    def start(self, total: int, label: str) -> None: ...
    def advance(self, count: int = 1) -> None: ...
    def close(self) -> None: ...


class Silent:
    def start(self, total: int, label: str) -> None:
        pass

    def advance(self, count: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def _duration(value: float) -> str:
    seconds = round(value)
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


class PlainLines:
    """`audit: 120/2000 articles (6%), 45.2/s, about 41 s left`, every `interval` seconds."""

    def __init__(self, stream: TextIO, interval: float = 10.0) -> None:
        self.stream = stream
        self.interval = interval
        self.total = 0
        self.done = 0
        self.label = ""
        self.began = self.last = 0.0

    def start(self, total: int, label: str) -> None:
        self.total, self.done, self.label = total, 0, label
        self.began = self.last = time.monotonic()

    def _line(self, now: float) -> str:
        elapsed = max(now - self.began, 1e-9)
        rate = self.done / elapsed
        share = self.done / self.total if self.total else 1.0
        left = f", about {_duration((self.total - self.done) / rate)} left" if rate else ""
        return f"{self.label}: {self.done}/{self.total} ({share:.0%}), {rate:.1f}/s{left}"

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = time.monotonic()
        if now - self.last >= self.interval:
            self.last = now
            print(self._line(now), file=self.stream, flush=True)

    def close(self) -> None:
        if self.total:
            elapsed = max(time.monotonic() - self.began, 1e-9)
            line = f"{self.label}: {self.done}/{self.total} in {_duration(elapsed)}"
            print(f"{line}, {self.done / elapsed:.1f}/s", file=self.stream, flush=True)


class Bar:
    """rich's progress bar on standard error: done/total, rate, time left."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TaskProgressColumn,
            TextColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as RichProgress

        self._bar = RichProgress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=False,
        )
        self._task: TaskID | None = None
        self._began = 0.0
        self._done = 0

    def start(self, total: int, label: str) -> None:
        self._bar.start()
        self._began = time.monotonic()
        self._task = self._bar.add_task(label, total=total, rate="")

    def advance(self, count: int = 1) -> None:
        self._done += count
        rate = self._done / max(time.monotonic() - self._began, 1e-9)
        if self._task is not None:
            self._bar.update(self._task, advance=count, rate=f"{rate:.1f}/s")

    def close(self) -> None:
        self._bar.stop()


def default_progress(stream: TextIO | None = None) -> Progress:
    stream = stream or sys.stderr
    if stream.isatty() and not os.environ.get("CI"):
        return Bar()
    return PlainLines(stream)
