"""A page's images and links outside the body, built when a check or report first reads them.

A page's navigation, footer and teaser links are most of its links: describing each (its text,
its resolved URL, its column) cost the HTML loader more than walking the body, and most checks
read only the body's records, none a source page's outside ones. `Document.images` and
`Document.links` take a `Deferred` (see `checker.document.Records`) and build on first read.

A deferred record set holds the parsed page until it is built. So that a run of many articles
(whose results keep their documents) does not keep as many parsed pages, only the most recent
`KEPT` sets of a thread wait; an older one is built then, and lets its page go. The queue is
per thread so that a page is read by the thread that parsed it (as every other lxml use here).
"""

from __future__ import annotations

import threading
import weakref
from collections import deque
from collections.abc import Callable, Iterable
from operator import attrgetter
from typing import Generic, Protocol, TypeVar

KEPT = 32


class Placed(Protocol):
    @property
    def line(self) -> int: ...

    @property
    def column(self) -> int: ...


P = TypeVar("P", bound=Placed)


# (line, column) read in C: the sort key of every record of every page.
_order: Callable[[Placed], tuple[int, int]] = attrgetter("line", "column")


def in_order(records: Iterable[P]) -> tuple[P, ...]:
    """Document order, which is how a reader and a report meet them (a stable sort)."""
    return tuple(sorted(records, key=_order))


class Deferred(Generic[P]):
    """The body's records now; with those outside the body (`outside()`) when built.

    Sorting the body's records, then all of them, orders them exactly as one sort of all of
    them does (the sort is stable and the body's come first), so `body` is the whole's body.
    """

    def __init__(
        self, body: Iterable[P] | Callable[[], Iterable[P]], outside: Callable[[], Iterable[P]]
    ) -> None:
        # The body's records, or what finds them on first read (a page's lead images, which
        # no check reads of a source page); always found before those outside the body.
        self._body: tuple[P, ...] | Callable[[], Iterable[P]] = (
            body if callable(body) else in_order(body)
        )
        self._outside: Callable[[], Iterable[P]] | None = outside
        self._built: tuple[P, ...] | None = None
        _wait(self)

    @property
    def body(self) -> tuple[P, ...]:
        body = self._body
        if callable(body):
            body = self._body = in_order(body())
        return body

    @property
    def pending(self) -> bool:
        """Not built yet: holding the parsed page."""
        return self._built is None

    def build(self) -> tuple[P, ...]:
        built = self._built
        if built is None:
            outside = self._outside
            if outside is None:  # built meanwhile by another thread, which set _built first
                return self._built or ()
            built = in_order([*self.body, *outside()])
            self._built = built
            self._outside = None  # lets the parsed page go
        return built


class _Waiting(threading.local):
    """The record sets waiting, per thread: a thread builds only the pages it parsed."""

    def __init__(self) -> None:
        self.queue: deque[weakref.ref[Deferred[Placed]]] = deque()


_waiting = _Waiting()


def _wait(records: Deferred[P]) -> None:
    """Queue `records`; build the oldest waiting ones beyond KEPT (dead ones cost nothing)."""
    queue = _waiting.queue
    queue.append(weakref.ref(records))  # type: ignore[arg-type]
    while len(queue) > KEPT:
        waiting = queue.popleft()()
        if waiting is not None:
            waiting.build()
