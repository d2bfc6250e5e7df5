"""Benchmark: scan-status under load, as the extension calls it, against `loopwho serve` on this machine.

    .venv/bin/python bench/api_load.py                          # 500 req/s for 15 s, 1 uvicorn worker
    .venv/bin/python bench/api_load.py --rate 200,500 --workers 2 --seconds 10
    .venv/bin/python bench/api_load.py --url http://127.0.0.1:8000   # a server you started yourself

The bench starts `loopwho serve` (DATABASE_URL from the environment, REDIS_URL's server with
database 13, per-user and per-IP limits raised so the rate limiter does not answer for the handler,
a JWT secret shared by the workers), signs a user up, connects Google (a cookie handoff), pairs an
extension and runs one scan now, then sends GET /api/extension/scan-status with the extension's
bearer token at a fixed rate (open loop: a request starts on schedule whether or not the previous
ones have answered, so a slow server shows as latency, not as a lower offered rate). Latency is from
the scheduled start to the answer. Errors are any answer but 200, and transport errors. The load
generator is httpx on asyncio in this process, on the same cores as the server: its own cost is part
of what is measured. On a machine shared with other work, latency mostly measures the machine's load;
the server's CPU milliseconds per answered request (user + system time of the server's processes,
when the bench started the server) much less so, and 1000 x cores / that is about the rate the
server could carry on idle cores (the load generator's own CPU not counted).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psutil

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "correct horse battery staple 42"
# the session cookies Google's pack names: a handoff without them all is refused
GOOGLE_SESSION_COOKIES = ("SID", "HSID", "SSID", "APISID", "SAPISID", "__Secure-1PSID", "__Secure-3PSID")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, workers: int, redis_db: int) -> subprocess.Popen:
    # its own Redis database: the scan it queues must not reach anyone's worker
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0").rsplit("/", 1)[0] + f"/{redis_db}"
    env = {**os.environ, "REDIS_URL": redis_url,
           "LOOPWHO_RATE_LIMIT_PER_MINUTE": "10000000", "LOOPWHO_RATE_LIMIT_IP_PER_MINUTE": "10000000",
           "LOOPWHO_AUTH_ATTEMPTS_PER_MINUTE": "1000", "LOOPWHO_JWT_SECRET": secrets.token_urlsafe(32)}
    cmd = [sys.executable, "-m", "cli.main", "serve", "--port", str(port), "--workers", str(workers)]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"loopwho serve exited: {proc.stderr.read().decode()[-2000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1).status_code in (200, 503):
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    stop_server(proc)
    raise SystemExit("loopwho serve did not answer within 60 s")


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def extension_token(base: str) -> str:
    """A user with Google connected and one scan queued; returns the extension's access token."""
    with httpx.Client(base_url=base, timeout=30) as c:
        r = c.post("/api/auth/signup", json={"email": f"load{secrets.token_hex(4)}@example.org",
                                              "password": PASSWORD})
        r.raise_for_status()
        csrf = {"X-CSRF-Token": r.json()["csrf_token"]}
        r = c.post("/api/account/pairing-codes", headers=csrf)
        r.raise_for_status()
        r = c.post("/api/extension/auth", json={"grant_type": "pairing_code", "code": r.json()["code"],
                                                 "device_name": "api_load"})
        r.raise_for_status()
        token = r.json()["access_token"]
        auth = {"Authorization": f"Bearer {token}"}
        cookies = [{"name": n, "value": secrets.token_hex(8), "domain": ".google.com", "path": "/",
                    "secure": True, "httpOnly": True} for n in GOOGLE_SESSION_COOKIES]
        c.cookies.clear()
        r = c.post("/api/extension/session", headers=auth, json={"platform": "google", "cookies": cookies})
        r.raise_for_status()
        r = c.post("/api/extension/scan-status", headers=auth, json={"platform": "google"})
        r.raise_for_status()
        return token


def server_cpu_s(proc: subprocess.Popen | None) -> float:
    """User + system CPU seconds of the server and its worker processes so far (0 without one)."""
    if proc is None:
        return 0.0
    try:
        root = psutil.Process(proc.pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0
    total = 0.0
    for p in procs:
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.NoSuchProcess:
            pass
    return total


async def run_rate(base: str, token: str, rate: float, seconds: float, max_in_flight: int,
                   server: subprocess.Popen | None = None) -> dict:
    latencies: list[float] = []
    errors: dict[str, int] = {}
    limits = httpx.Limits(max_connections=max_in_flight, max_keepalive_connections=max_in_flight)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=10,
                                 headers={"Authorization": f"Bearer {token}"}) as client:
        # warm the connections and the server's caches
        await asyncio.gather(*(client.get("/api/extension/scan-status") for _ in range(min(50, max_in_flight))))

        async def one(scheduled: float) -> None:
            try:
                r = await client.get("/api/extension/scan-status")
                if r.status_code != 200:
                    errors[str(r.status_code)] = errors.get(str(r.status_code), 0) + 1
                    return
            except httpx.HTTPError as exc:
                errors[type(exc).__name__] = errors.get(type(exc).__name__, 0) + 1
                return
            latencies.append(time.perf_counter() - scheduled)

        total = int(rate * seconds)
        tasks: list[asyncio.Task] = []
        cpu_before = server_cpu_s(server)
        start = time.perf_counter()
        for i in range(total):
            scheduled = start + i / rate
            delay = scheduled - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(scheduled)))
        await asyncio.gather(*tasks)
        elapsed = time.perf_counter() - start
        cpu_used = server_cpu_s(server) - cpu_before
    ms = sorted(x * 1000 for x in latencies)

    def pct(p: float) -> float:
        return ms[min(len(ms) - 1, int(p / 100 * len(ms)))] if ms else float("nan")

    n_err = sum(errors.values())
    return {"target_rps": rate, "seconds": round(elapsed, 1), "requests": total, "ok": len(ms),
            "errors": n_err, "error_kinds": errors, "achieved_rps": round(len(ms) / elapsed, 1),
            "p50_ms": round(pct(50), 2), "p99_ms": round(pct(99), 2), "max_ms": round(ms[-1], 2) if ms else None,
            "mean_ms": round(statistics.fmean(ms), 2) if ms else None,
            "server_cpu_ms_per_req": round(cpu_used / len(ms) * 1000, 2) if ms and server else None}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rate", default="500", help="target requests per second, comma-separated (default 500)")
    ap.add_argument("--seconds", type=float, default=15.0, help="seconds per rate (default 15)")
    ap.add_argument("--workers", type=int, default=1, help="uvicorn workers of the server it starts (default 1)")
    ap.add_argument("--max-in-flight", type=int, default=256, help="client connections at most (default 256)")
    ap.add_argument("--redis-db", type=int, default=13, help="Redis database of the server it starts (default 13)")
    ap.add_argument("--url", help="use this running server instead of starting one")
    ap.add_argument("--token", help="with --url: an extension access token (else a user is made)")
    ap.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = ap.parse_args()
    rates = [float(r) for r in args.rate.split(",")]

    proc = None
    base = args.url
    if base is None:
        port = _free_port()
        proc = start_server(port, args.workers, args.redis_db)
        base = f"http://127.0.0.1:{port}"
    try:
        token = args.token or extension_token(base)
        rows = [asyncio.run(run_rate(base, token, rate, args.seconds, args.max_in_flight, proc)) for rate in rates]
    finally:
        if proc is not None:
            stop_server(proc)
    if args.json:
        print(json.dumps(rows, indent=1))
        return 0
    print(f"GET /api/extension/scan-status, {args.workers if proc else '?'} uvicorn worker(s), "
          f"{os.cpu_count()} cores (shared with the load generator)")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    print(f"{'target/s':>9} {'achieved/s':>11} {'requests':>9} {'errors':>7} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}"
          f" {'srv CPU ms/req':>15}")
    for r in rows:
        cpu = r["server_cpu_ms_per_req"]
        print(f"{r['target_rps']:>9.0f} {r['achieved_rps']:>11.1f} {r['requests']:>9} {r['errors']:>7} "
              f"{r['p50_ms']:>8.2f} {r['p99_ms']:>8.2f} {r['max_ms'] or 0:>8.2f} "
              f"{'-' if cpu is None else f'{cpu:.2f}':>15}"
              + (f"  {r['error_kinds']}" if r["errors"] else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
