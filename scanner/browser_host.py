"""A remote browser host: a Playwright browser server running Debian's Chromium with the pool's
launch flags, for workers that attach with ``browser_ws_endpoints`` (``loopwho browsers``).

The server is Playwright's own (``python -m playwright launch-server``, a node process that owns the
browser), so the wire protocol is the installed client's: pyproject pins ``playwright`` to one exact
version because a client and a server of different versions refuse each other.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import signal
import subprocess
import tempfile
from collections.abc import Sequence

from playwright._impl._driver import compute_driver_executable, get_driver_env

from core.errors import InvalidInput, LoopwhoError
from core.settings import Settings, get_settings
from scanner.pool import chromium_args, driver_node_options


def server_config(
    *, port: int, host: str = "127.0.0.1", ws_path: str | None = None, chromium_path: str | None = None,
    resolve_rules: str | None = None, extra_args: Sequence[str] = (), settings: Settings | None = None,
) -> dict[str, object]:
    """Playwright ``launchServer`` options: the pool's binary and flags, headless, on host:port."""
    s = settings or get_settings()
    if not 0 <= port <= 65535:
        raise InvalidInput(f"port {port} is not a TCP port")
    args = [*chromium_args(s.chromium_sandbox), *extra_args]
    rules = resolve_rules if resolve_rules is not None else s.browser_resolve_rules
    if rules:
        args.append(f"--host-resolver-rules={rules}")
    config: dict[str, object] = {
        "executablePath": chromium_path or s.pool_chromium_path or s.chromium_path,
        "headless": True, "port": port, "host": host, "args": args,
    }
    if ws_path:
        # a fixed path keeps the endpoint the same across restarts of the host (workers retry it);
        # without one Playwright picks a random path, which is also the only secret of an open port
        config["wsPath"] = ws_path if ws_path.startswith("/") else f"/{ws_path}"
    return config


def serve(config: dict[str, object]) -> int:
    """Run the browser server in the foreground until it ends or this process is told to stop; print
    its ws endpoint (one line on stdout) once it listens. Returns its exit status."""
    executable = str(config["executablePath"])
    if not os.access(executable, os.X_OK):
        raise LoopwhoError(f"no Chromium at {executable} (Debian: apt install chromium-headless-shell)")
    with tempfile.NamedTemporaryFile("w", suffix=".json", prefix="loopwho-browsers-", delete=False) as f:
        json.dump(config, f)
    try:
        # Playwright's node driver run directly (what `python -m playwright launch-server` runs), in
        # its own process group so a stop reaches it, and told by the kernel when this process dies
        # (even by SIGKILL) so it never outlives us; on SIGTERM it closes its Chromium itself
        node, cli = compute_driver_executable()
        with driver_node_options(get_settings().pool_driver_heap_mb):  # the same heap cap as a pool's driver
            env = get_driver_env()
        server = subprocess.Popen(
            [node, cli, "launch-server", "--browser", "chromium", "--config", f.name],
            stdout=subprocess.PIPE, text=True, env=env, start_new_session=True,
            preexec_fn=_die_with_parent)

        stopped = []

        def stop(signum: int, _frame: object) -> None:
            stopped.append(signum)
            with_group(server.pid, signal.SIGTERM)

        previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)}
        try:
            assert server.stdout is not None
            for line in server.stdout:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(f.name)  # the server has read it once it prints its endpoint
                print(line.rstrip("\n"), flush=True)
            status = server.wait()
            return 0 if stopped else status
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            if server.poll() is None:
                with_group(server.pid, signal.SIGTERM)
                try:
                    server.wait(10)
                except subprocess.TimeoutExpired:
                    with_group(server.pid, signal.SIGKILL)
                    server.wait()
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f.name)


def _die_with_parent() -> None:
    """In the child before exec: SIGTERM when the parent (this command) dies (Linux prctl)."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def with_group(pid: int, sig: int) -> None:
    """Send ``sig`` to the process group led by ``pid`` (the server, node and Chromium)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, sig)
