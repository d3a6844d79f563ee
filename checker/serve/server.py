"""Running the service: the listening socket, uvicorn, and the drain on SIGTERM or Ctrl-C."""

from __future__ import annotations

import socket
from pathlib import Path
from types import FrameType

import uvicorn

from checker.config import load_config
from checker.crash import CRASH_EXIT
from checker.errors import UsageError
from checker.serve.app import create_app
from checker.serve.logs import log, written_in_background
from checker.serve.service import Service
from checker.serve.settings import ServeSettings
from checker.serve.state import ServiceState


class DrainingServer(uvicorn.Server):
    """uvicorn, except that the first SIGTERM or Ctrl-C drains instead of stopping:
    requests in flight (being checked or waiting for a worker) finish, and every request
    that arrives meanwhile gets 503; the server stops once none is left. A second signal
    stops it at once, as uvicorn does."""

    def __init__(self, config: uvicorn.Config, state: ServiceState) -> None:
        super().__init__(config)
        self.state = state

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        if self.state.draining:
            super().handle_exit(sig, frame)
            return
        self.state.draining = True
        log("draining", in_flight=self.state.in_flight)

    async def on_tick(self, counter: int) -> bool:
        if self.state.draining and self.state.in_flight == 0:
            self.should_exit = True
        return await super().on_tick(counter)


def listen(host: str, port: int) -> socket.socket:
    """The listening socket, bound here so that a port in use is one clear error (exit 2)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        return socket.create_server((host.strip("[]"), port), family=family)
    except OSError as error:
        raise UsageError("--port", f"cannot listen on {host}:{port}: {error.strerror}") from None


def serve(settings: ServeSettings) -> int:
    settings.validate()
    if settings.config:
        load_config(Path(settings.config))  # a bad configuration stops here, not in a worker
    sock = listen(settings.host, settings.port)
    with written_in_background():
        return _run(settings, sock)


def _run(settings: ServeSettings, sock: socket.socket) -> int:
    host, port = sock.getsockname()[:2]
    state = ServiceState()
    app = Service(create_app(settings, state), state, settings.max_body)
    config = uvicorn.Config(
        app,
        log_config=None,
        access_log=False,  # our own JSON line per request (checker.serve.service)
        server_header=False,
        lifespan="on",
    )
    server = DrainingServer(config, state)
    shown = f"[{host}]" if ":" in host else host
    log("listening", url=f"http://{shown}:{port}", workers=settings.workers)
    server.run(sockets=[sock])
    if not server.started:
        log("stopped", reason="the service could not start")
        return CRASH_EXIT
    log("stopped")
    return 0
