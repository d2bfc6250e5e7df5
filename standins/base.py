"""What every stand-in shares: a threaded local HTTP server with start/stop and a context manager,
and (for the ones that act out failures) a script of behaviours for the next calls."""

from __future__ import annotations

import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):  # the client gave up (its timeout): not news
            return
        super().handle_error(request, client_address)


class LocalServer:
    """A stand-in's HTTP server on ``host:port`` (0: a free port), served from a daemon thread."""

    name = "standin"

    def __init__(self, handler: type[BaseHTTPRequestHandler], host: str = "127.0.0.1", port: int = 0) -> None:
        self._server = QuietServer((host, port), handler)
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> str:
        self._thread = threading.Thread(target=self._server.serve_forever, name=self.name, daemon=True)
        self._thread.start()
        return self.url

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


class Scripted:
    """``behaviour`` applies to every call, except while a script of next behaviours lasts."""

    behaviours: tuple[str, ...] = ()

    def __init__(self, behaviour: str) -> None:
        self.behaviour = behaviour
        self._script: list[str] = []
        self._lock = threading.Lock()

    def script(self, behaviours: list[str]) -> None:
        """Behaviours for the next calls, in order; after them ``behaviour`` applies again."""
        unknown = set(behaviours) - set(self.behaviours)
        if unknown:
            raise ValueError(f"unknown behaviour(s): {sorted(unknown)}; choose from {self.behaviours}")
        with self._lock:
            self._script = list(behaviours)

    def _next_behaviour(self) -> str:
        with self._lock:
            return self._script.pop(0) if self._script else self.behaviour
