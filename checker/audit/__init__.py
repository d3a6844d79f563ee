"""Audits of a whole archive: parallel, resumable, with a history of runs, and discovery of
sources an article reuses without declaring them."""

from __future__ import annotations

from checker.audit.discovery import DiscoveryParams
from checker.audit.index import IndexConfig, run_index
from checker.audit.manifest import Entry, Manifest, RowError, read_input
from checker.audit.run import ENGINES, AuditConfig, AuditOutcome, run_audit
from checker.audit.store import DEFAULT_DB

__all__ = [
    "DEFAULT_DB",
    "ENGINES",
    "AuditConfig",
    "AuditOutcome",
    "DiscoveryParams",
    "Entry",
    "IndexConfig",
    "Manifest",
    "RowError",
    "read_input",
    "run_audit",
    "run_index",
]
