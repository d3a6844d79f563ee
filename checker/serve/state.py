"""What the server process shares between its routes, its wrapper and its shutdown."""

from __future__ import annotations

from dataclasses import dataclass

from checker.serve.pool import WorkerPool


@dataclass
class ServiceState:
    pool: WorkerPool | None = None
    draining: bool = False  # SIGTERM or Ctrl-C came: requests in flight finish, new ones 503
    in_flight: int = 0  # HTTP requests being answered
