"""Soak: many scans through the production path, with the memory of each kind of process watched.

    .venv/bin/python bench/soak.py                    # 1,000 scans: 20 users x 3 platforms, rounds until done
    .venv/bin/python bench/soak.py --scans 300 --json

It starts `loopwho scheduler --interval 1` and `loopwho worker --concurrency N` against a fresh
PostgreSQL database and a private Redis, with the platform simulators and the Resend stand-in, and
makes every connection due again as soon as its last scan ended, until the scans are done. A sampler
reads the PSS of the whole process tree every second and files it under the count of scans finished
by then: Python (worker and scheduler processes), the Playwright driver (node) and Chromium.

It prints the median of each kind over the first 100 scans and over the last 100, and the change
between them; memory counts as flat when the whole tree's change is within 10%. A share of users get
a setting flipped every round, so the chain also stores events and sends e-mail all along.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.fleet import fresh_database, private_redis, stop_process_groups  # noqa: E402

MB = 2**20
PLATFORMS = ("google", "facebook", "microsoft")
KINDS = ("python", "driver", "chromium")
FLIP = ("microsoft", "search_history")


def _kind(proc: psutil.Process) -> str:
    name = proc.name().lower()
    if name.startswith("python"):
        return "python"
    if name.startswith("node"):  # the Playwright driver names its main thread "node-MainThread"
        return "driver"
    return "chromium"  # chromium, chrome_crashpad, headless_shell and the renderers/zygotes


class Sampler:
    """PSS of the trees under some root pids, by kind, every second, tagged with the scan count."""

    def __init__(self, roots: list[int]) -> None:
        self.roots = roots
        self.done = 0  # scans final so far (set by the round loop)
        self.samples: list[tuple[int, dict[str, int]]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(5)

    def _run(self) -> None:
        while not self._stop.wait(1.0):
            parts = dict.fromkeys(KINDS, 0)
            for pid in self.roots:
                with contextlib.suppress(psutil.NoSuchProcess):
                    root = psutil.Process(pid)
                    for proc in [root, *root.children(recursive=True)]:
                        with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
                            parts[_kind(proc)] += proc.memory_full_info().pss
            self.samples.append((self.done, parts))

    def window(self, lo: int, hi: int) -> dict[str, float]:
        """Median PSS (MiB) by kind and in all, over the samples taken with lo <= scans done <= hi."""
        picked = [parts for done, parts in self.samples if lo <= done <= hi]
        if not picked:
            return {}
        out = {k: statistics.median(p[k] for p in picked) / MB for k in KINDS}
        out["total"] = statistics.median(sum(p.values()) for p in picked) / MB
        return {k: round(v, 1) for k, v in out.items()}


async def _people(db: Any, rt: Any, sim: Any, count: int) -> list[dict[str, Any]]:
    from profiles.sealing import seal_jar
    from store import connections, profiles, users

    people = []
    for i in range(count):
        account = f"soak{i}"
        user = await users.create_user(db, f"{account}@loopwho.local", name=account)
        for platform in PLATFORMS:
            jar = seal_jar(rt.keys, user.id, platform, sim.sign_in(platform, account))
            await profiles.save_profile(db, user.id, platform, cookie_jar_enc=jar.ciphertext, key_id=jar.key_id,
                                        cookie_count=jar.cookie_count)
            await connections.upsert_connection(db, user.id, platform)
        people.append({"user_id": user.id, "account": account})
    return people


def _generous_plans(folder: str) -> str:
    """The bundled plans with the default plan widened: a soak's users scan far more than a month's
    credits and connect all three platforms, and the plan limits are not what is measured here."""
    import msgspec

    from billing.plans import DEFAULT_PLANS_FILE

    book = msgspec.yaml.decode(Path(DEFAULT_PLANS_FILE).read_bytes(), type=dict)
    for plan in book["plans"]:
        if plan["name"] == book["default_plan"]:
            plan.update(credits_per_month=10_000_000, platforms=3, scan_now_per_day=10_000)
    path = Path(folder) / "plans.yaml"
    path.write_bytes(msgspec.yaml.encode(book))
    return str(path)


def _spawn(log: Path, env: dict[str, str], *argv: str) -> subprocess.Popen[bytes]:
    with open(log, "wb") as out:  # the child keeps its own copy of the descriptor
        return subprocess.Popen([sys.executable, "-m", "cli.main", "--log-level", "WARNING", *argv], env=env, cwd=ROOT,
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)


async def soak(args: argparse.Namespace, sim: Any, env: dict[str, str], log_dir: Path) -> dict[str, Any]:
    from core.settings import get_settings
    from jobs.runtime import Runtime

    rt = Runtime(get_settings())
    db = await rt.db()
    people = await _people(db, rt, sim, args.users)
    await db.execute("UPDATE user_platform_connections SET next_scan_at = now() + interval '30 days'")
    procs = [_spawn(log_dir / "worker.log", env, "worker", "--concurrency", str(args.concurrency)),
             _spawn(log_dir / "scheduler.log", env, "scheduler", "--interval", "1")]
    started = time.monotonic()
    failures = rounds = 0
    try:
        with Sampler([p.pid for p in procs]) as sampler:
            while sampler.done < args.scans:
                rounds += 1
                for p in people[: max(1, len(people) // 4)]:
                    now_value = sim.get_settings(FLIP[0], p["account"])[FLIP[1]]
                    sim.set_setting(FLIP[0], p["account"], FLIP[1], "off" if now_value == "on" else "on")
                await db.execute("UPDATE user_platform_connections SET next_scan_at = now()")
                expected = sampler.done + len(people) * len(PLATFORMS)
                deadline = time.monotonic() + args.round_timeout
                while True:
                    final, failed = await db.fetchrow(
                        "SELECT count(*) FILTER (WHERE status IN ('done', 'failed', 'reauth_required')),"
                        " count(*) FILTER (WHERE status <> 'done' AND status NOT IN ('queued', 'running'))"
                        " FROM scan_jobs")
                    sampler.done, failures = final, failed
                    if final >= expected:
                        break
                    gone = [p.args[5] for p in procs if p.poll() is not None]
                    if time.monotonic() > deadline or gone:
                        why = f"{', '.join(gone)} exited" if gone else "timed out"
                        raise RuntimeError(f"round {rounds} stalled at {final}/{expected} scans: {why} "
                                           f"(logs kept in {log_dir})")
                    await asyncio.sleep(0.5)
                print(f"  round {rounds}: {sampler.done} scans, {failures} failed, "
                      f"{time.monotonic() - started:.0f} s", file=sys.stderr)
            first = sampler.window(0, 100)
            last = sampler.window(sampler.done - 100, sampler.done)
    finally:
        stop_process_groups(procs)
        await rt.close()
    seconds = time.monotonic() - started
    change = {k: round(100 * (last[k] - first[k]) / first[k], 1) if first.get(k) else None for k in first}
    return {"scans": sampler.done, "failures": failures, "rounds": rounds, "seconds": round(seconds, 1),
            "scans_per_min": round(60 * sampler.done / seconds, 1), "first_100_mib": first, "last_100_mib": last,
            "change_pct": change, "flat": change.get("total") is not None and abs(change["total"]) <= 10}


def _print(result: dict[str, Any]) -> None:
    print(f"soak: {result['scans']} scans in {result['seconds']:.0f} s ({result['scans_per_min']} scans/min), "
          f"{result['failures']} failed, {result['rounds']} rounds")
    print(f"{'PSS MiB (median)':<18}" + "".join(f"{k:>10}" for k in (*KINDS, "total")))
    for label, key in (("first 100 scans", "first_100_mib"), ("last 100 scans", "last_100_mib")):
        print(f"{label:<18}" + "".join(f"{result[key].get(k, 0):>10.1f}" for k in (*KINDS, "total")))
    print(f"{'change %':<18}" + "".join(f"{result['change_pct'].get(k) or 0:>10.1f}" for k in (*KINDS, "total")))
    print("memory flat (whole tree within 10%):", "yes" if result["flat"] else "NO")


async def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scans", type=int, default=1000, help="scans to run (default 1000)")
    parser.add_argument("--users", type=int, default=20, help="users, each on 3 platforms (default 20)")
    parser.add_argument("--concurrency", type=int, default=4, help="the worker's scans at once (default 4)")
    parser.add_argument("--round-timeout", type=float, default=900.0)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    if args.scans < 200:
        parser.error("--scans must be at least 200 (the first and the last 100 are compared)")

    from core.crypto import generate_key
    from core.settings import get_settings
    from standins.platforms import Simulator
    from standins.resend import ResendStandin

    server_db = os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/loopwho")
    with private_redis() as redis_url, Simulator() as sim, ResendStandin(api_key="re_soak_local") as mail, \
            tempfile.TemporaryDirectory() as blobs:
        logs = tempfile.mkdtemp(prefix="loopwho-soak-")  # kept: a stalled run's logs are wanted
        async with fresh_database(server_db) as db_url:
            env = {**os.environ, "DATABASE_URL": db_url, "REDIS_URL": redis_url, "PYTHONPATH": str(ROOT),
                   "LOOPWHO_ENCRYPTION_KEYS": f"s1:{generate_key()}", "LOOPWHO_BLOB_DIR": blobs,
                   "LOOPWHO_BROWSER_RESOLVE_RULES": sim.resolve_rule(), "LOOPWHO_BROWSER_IGNORE_HTTPS_ERRORS": "true",
                   "LOOPWHO_POOL_BROWSERS": "1", "RESEND_API_KEY": mail.api_key, "LOOPWHO_RESEND_API_URL": mail.url,
                   "LOOPWHO_SCAN_JITTER_S": "0", "LOOPWHO_PLANS_FILE": _generous_plans(blobs)}
            os.environ.update(env)
            get_settings.cache_clear()
            result = await soak(args, sim, env, Path(logs))
            result["emails"] = len(mail.sent)
    if args.json:
        print(json.dumps(result))
    else:
        _print(result)
        print(f"e-mails accepted by the Resend stand-in: {result['emails']}; process logs in {logs}")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
