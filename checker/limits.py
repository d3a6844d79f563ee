"""Limits and defaults shared by the library and the command line, in a module that imports
nothing: the CLI shows them as option defaults without loading the rest (start-up time)."""

from __future__ import annotations

DEFAULT_MAX_BYTES = 20_000_000  # the largest input file, unless --max-size says otherwise
PARTNER_JOBS = 4  # partner sites `copies` crawls at once, unless --partner-jobs says otherwise
