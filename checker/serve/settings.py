"""What `syndicheck serve` was started with, checked before anything binds a port."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass
from pathlib import Path

from checker.errors import UsageError

TOKEN_VARIABLE = "SYNDICHECK_TOKEN"
DEFAULT_PORT = 8686


@dataclass(frozen=True)
class ServeSettings:
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    workers: int = 2
    token: str = ""  # "" : no authentication, which only a loopback address allows
    max_body: int = 5_000_000  # bytes of one request body
    timeout: float = 10.0  # seconds one check may take in its worker
    queue: int = 64  # requests that may wait for a worker; more get 429
    cors_origins: tuple[str, ...] = ()
    config: str | None = None  # a configuration file; None: no configuration
    allow_network: bool = False
    allow_private: bool = False

    def validate(self) -> ServeSettings:
        if self.allow_private and not self.allow_network:
            raise UsageError("--allow-private", "only makes sense with --allow-network")
        if not self.token and not is_loopback(self.host):
            raise UsageError(
                "--host",
                f"{self.host} is not a loopback address; without a token (--token-file or "
                f"{TOKEN_VARIABLE}) the service binds loopback only",
            )
        if self.workers < 1 or self.queue < 0 or self.timeout <= 0 or self.max_body < 1:
            raise UsageError("serve", "--workers, --max-body and --timeout must be positive")
        return self


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name other than localhost may resolve anywhere


def read_token(token_file: str | None) -> str:
    """The bearer token from `--token-file`, else from SYNDICHECK_TOKEN, else ""."""
    if token_file:
        try:
            token = Path(token_file).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeError) as error:
            raise UsageError(token_file, f"cannot read the token file: {error}") from None
        if not token:
            raise UsageError(token_file, "the token file is empty")
        return token
    return os.environ.get(TOKEN_VARIABLE, "").strip()
