"""The service's log: one JSON object per line on stderr, never an article's text.

While the service runs, lines are written by a `logging.handlers.QueueListener` thread, so
that a slow reader of stderr (a full pipe) never stalls the event loop answering requests;
before and after, and in any other process, a line is written at once.
"""

from __future__ import annotations

import json
import logging
import queue
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from logging.handlers import QueueListener
from typing import Any

from checker.evidence import utc_now

_pending: queue.SimpleQueue[logging.LogRecord] = queue.SimpleQueue()
_listener: QueueListener | None = None


def log(event: str, **fields: Any) -> None:
    line = json.dumps({"time": utc_now(), "event": event, **fields}, ensure_ascii=False)
    if _listener is None:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    else:
        _pending.put_nowait(logging.makeLogRecord({"msg": line}))


@contextmanager
def written_in_background() -> Iterator[None]:
    """Lines logged inside are written by a background thread, all of them by the end."""
    global _listener
    listener = QueueListener(_pending, logging.StreamHandler(sys.stderr))
    listener.start()
    _listener = listener
    try:
        yield
    finally:
        _listener = None
        listener.stop()  # writes what is still queued, then joins the thread
