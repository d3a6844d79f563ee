"""syndicheck: checks that a republished article honours the terms of its source."""

from __future__ import annotations

__version__ = "0.1.0"
