"""The service's log: one JSON object per line on stderr, never an article's text."""

from __future__ import annotations

import json
import sys
from typing import Any

from checker.evidence import utc_now


def log(event: str, **fields: Any) -> None:
    line = json.dumps({"time": utc_now(), "event": event, **fields}, ensure_ascii=False)
    sys.stderr.write(line + "\n")
    sys.stderr.flush()
