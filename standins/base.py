"""What every stand-in shares: a threaded local HTTP server with start/stop and a context manager,
and (for the ones that act out failures) a script of behaviours for the next calls."""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self

# (path, lower-cased headers, raw body) -> (status, JSON payload)
Answer = Callable[[str, dict[str, str], bytes], tuple[int, dict[str, Any]]]


def send_json(handler: BaseHTTPRequestHandler, status: int, payload: Any,
              headers: dict[str, str] | None = None) -> None:
    """Write one JSON answer; a client that already gave up (a timeout test) is not an error."""
    body = json.dumps(payload).encode()
    try:
        handler.send_response(status)
        handler.send_header("content-type", "application/json; charset=utf-8")
        handler.send_header("content-length", str(len(body)))
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(body)
    except (BrokenPipeError, ConnectionResetError):
        pass


def json_post_handler(answer: Answer) -> type[BaseHTTPRequestHandler]:
    """A handler that answers every POST with ``answer(path, headers, body)`` as JSON."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("content-length") or 0))
            headers = {k.lower(): v for k, v in self.headers.items()}
            send_json(self, *answer(self.path.split("?")[0], headers, raw))

        def log_message(self, *_args: object) -> None:
            pass

    return Handler


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
