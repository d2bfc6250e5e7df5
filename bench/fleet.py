"""Benchmark: the real chain end to end, scheduler -> queue -> worker -> scan -> snapshot -> diff ->
events -> e-mail, for a few fleet shapes.

    .venv/bin/python bench/fleet.py                  # M=8 users x 3 platforms, warm-up + 2 rounds per config
    .venv/bin/python bench/fleet.py --users 12 --json
    .venv/bin/python bench/fleet.py --configs a,b --pool-seconds 20

For each configuration the bench creates M users connected to the three simulated platforms (their
sign-in cookies sealed as the extension hand-off does), starts `loopwho scheduler --interval 1` and
`loopwho worker` processes, and runs rounds: every connection is made due at once; the round ends
when every scan job of the round is final and every expected e-mail was accepted by the Resend
stand-in. The first round warms up (worker start, browser launch, policy pages, first snapshots) and is
not scored; before each scored round a share of the users get a Google setting flipped on the
simulator, so there are changes to find, explain and mail.

It prints, per configuration: end-to-end scans and settings pages per minute (scans finished / round
time; a Google scan reads 3 pages, Facebook and Microsoft 2 each), p50 and
p95 from "due" to the scan's chain outcome stored (snapshot, or "unchanged"), p95 from a flipped
user's scan start to the e-mail accepted, failures, double scans (a connection scanned twice in one
round, or one job snapshotted twice), duplicate events (same dedupe key twice) and duplicate e-mails,
and the peak PSS of the whole process tree (scheduler, workers, Playwright drivers, browsers) with
each role's share at the peak (stderr; `peak_pss_by_role_mib` in --json). It also
runs bench/scan_pool.py at concurrency 4 on the same machine and prints the ratio of config (b) to it.

Configurations: (a) 1 process x 1 scan, (b) 1 process x 4 scans, (c) 2 processes x 2 scans,
(d) 1 process x 4 scans against a remote browser host (`loopwho browsers` on this machine, its
    processes counted in the tree's PSS).
Each uses a fresh private Redis server and a fresh PostgreSQL database, dropped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MB = 2**20
PLATFORMS = ("google", "facebook", "microsoft")
FLIP = ("google", "web_app_activity")
CONFIGS = {
    "a": {"processes": 1, "concurrency": 1, "remote": False},
    "b": {"processes": 1, "concurrency": 4, "remote": False},
    "c": {"processes": 2, "concurrency": 2, "remote": False},
    "d": {"processes": 1, "concurrency": 4, "remote": True},
}


@dataclass
class ConfigRow:
    name: str
    processes: int
    concurrency: int
    skipped: str | None = None
    scans: int = 0
    pages: int = 0  # settings pages those scans read (a Google scan reads 3, the others 2)
    seconds: float = 0.0
    due_to_stored_s: list[float] = field(default_factory=list)
    flip_to_email_s: list[float] = field(default_factory=list)
    failures: int = 0
    double_scans: int = 0
    duplicate_events: int = 0
    duplicate_emails: int = 0
    missing_emails: int = 0
    peak_pss: int = 0
    peak_breakdown: dict[str, int] = field(default_factory=dict)  # role -> PSS at the peak
    cpu_by_role: dict[str, float] = field(default_factory=dict)  # CPU seconds during the scored rounds

    @property
    def per_minute(self) -> float:
        return self.scans / self.seconds * 60 if self.seconds else 0.0

    @property
    def pages_per_minute(self) -> float:
        return self.pages / self.seconds * 60 if self.seconds else 0.0

    @property
    def cpu_per_page(self) -> float:
        """CPU seconds the whole tree spent per page read: 60 * cores / this is the pages per minute
        the machine could give the fleet if it had nothing else to do."""
        return sum(self.cpu_by_role.values()) / self.pages if self.pages else 0.0

    def summary(self) -> dict[str, Any]:
        out = {k: v for k, v in asdict(self).items()
               if k not in ("due_to_stored_s", "flip_to_email_s", "peak_breakdown", "cpu_by_role")}
        out.update(peak_pss_by_role_mib={k: round(v / MB) for k, v in self.peak_breakdown.items()})
        out.update(scans_per_min=round(self.per_minute, 1), pages_per_min=round(self.pages_per_minute),
                   cpu_s_per_page=round(self.cpu_per_page, 3),
                   cpu_s_per_page_by_role={k: round(v / self.pages, 3) for k, v in self.cpu_by_role.items()}
                   if self.pages else {},
                   p50_due_to_stored_s=_pct(self.due_to_stored_s, 50),
                   p95_due_to_stored_s=_pct(self.due_to_stored_s, 95),
                   p95_flip_to_email_s=_pct(self.flip_to_email_s, 95), peak_pss_mib=round(self.peak_pss / MB))
        out.pop("peak_pss")
        return out


def _pct(values: list[float], p: int) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))], 2)


class TimedList(list):
    """The Resend stand-in's `sent` list, remembering when each message was accepted."""

    def __init__(self) -> None:
        super().__init__()
        self.times: list[datetime] = []

    def append(self, item: Any) -> None:
        self.times.append(datetime.now(UTC))
        super().append(item)


class TreeSampler:
    """Peak PSS of the process trees under some root pids, sampled every half second, with the share
    of each role at the peak: a root's own Python processes by its label (worker, scheduler,
    browsers), Playwright's node drivers, Chromium's processes."""

    def __init__(self) -> None:
        self.roots: dict[int, str] = {}  # pid -> label
        self.peak = 0
        self.breakdown: dict[str, int] = {}  # role -> PSS at the peak
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.5):
            self.sample()

    def sample(self) -> None:
        total, parts = 0, {}
        for pid, label in list(self.roots.items()):
            with contextlib.suppress(psutil.NoSuchProcess):
                root = psutil.Process(pid)
                for proc in [root, *root.children(recursive=True)]:
                    with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
                        pss = proc.memory_full_info().pss
                        role = _role(proc.name(), label)
                        total += pss
                        parts[role] = parts.get(role, 0) + pss
        if total > self.peak:
            self.peak, self.breakdown = total, parts

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)

    def cpu_seconds(self) -> dict[str, float]:
        """CPU time used so far by the trees, by role, their finished processes included (a closed
        context's renderer is counted in its parent's children times once reaped)."""
        by_role: dict[str, float] = {}
        for pid, label in list(self.roots.items()):
            with contextlib.suppress(psutil.NoSuchProcess):
                root = psutil.Process(pid)
                for proc in [root, *root.children(recursive=True)]:
                    with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
                        t = proc.cpu_times()
                        role = _role(proc.name(), label)
                        by_role[role] = (by_role.get(role, 0.0) + t.user + t.system + t.children_user
                                         + t.children_system)
        return by_role


def _role(name: str, label: str) -> str:
    if name.startswith("node"):
        return "node driver"
    if "chrom" in name:
        return "chromium"
    return f"{label} python"


@contextlib.contextmanager
def private_redis() -> Any:
    import redis

    with tempfile.TemporaryDirectory() as folder:
        port = _free_port()
        proc = subprocess.Popen(["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", "",
                                 "--appendonly", "no", "--dir", folder],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"redis://127.0.0.1:{port}/0"
        client = redis.Redis.from_url(url)
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        try:
            yield url
        finally:
            client.close()
            proc.terminate()
            proc.wait(10)


def stop_process_groups(procs: list[subprocess.Popen[bytes]]) -> None:
    """SIGTERM each process's group (worker, its driver and browsers), then SIGKILL what is left after 60 s."""
    for proc in procs:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
    for proc in procs:
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(10)


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.asynccontextmanager
async def fresh_database(server_url: str) -> Any:
    import asyncpg

    from store.migrate import apply_migrations

    name = f"loopwho_fleet_{secrets.token_hex(4)}"
    admin_url = urllib.parse.urlunsplit(urllib.parse.urlsplit(server_url)._replace(path="/postgres"))
    admin = await asyncpg.connect(admin_url)
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    url = urllib.parse.urlunsplit(urllib.parse.urlsplit(server_url)._replace(path=f"/{name}"))
    try:
        await apply_migrations(url)
        yield url
    finally:
        admin = await asyncpg.connect(admin_url)
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


def pool_rate(seconds: float) -> float | None:
    """bench/scan_pool.py's concurrency-4 rate (Google pack), on this machine, now."""
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "scan_pool.py"), "--skip-baseline",
                           "--concurrency", "4", "--seconds", str(seconds)],
                          capture_output=True, text=True, cwd=ROOT, timeout=seconds * 4 + 120)
    for line in done.stdout.splitlines():
        m = re.match(r"pool\s+4\s+\d+\s+\d+\s+([\d.]+)", line)
        if m:
            return float(m.group(1))
    print(f"scan_pool.py gave no concurrency-4 row:\n{done.stdout}\n{done.stderr[-1500:]}", file=sys.stderr)
    return None


async def run_config(name: str, shape: dict[str, Any], args: argparse.Namespace, sim: Any, mail: Any,
                     env: dict[str, str]) -> ConfigRow:
    from core.settings import get_settings
    from jobs.runtime import Runtime
    from packs.loading import load_default_pack
    from profiles.sealing import seal_jar
    from store import connections, profiles, users

    row = ConfigRow(name=name, processes=shape["processes"], concurrency=shape["concurrency"])
    pages_of = {platform: len(load_default_pack(platform).pages) for platform in PLATFORMS}
    rt = Runtime(get_settings())
    db = await rt.db()
    tag = f"{name}{secrets.token_hex(2)}"
    people: list[dict[str, Any]] = []
    for i in range(args.users):
        account = f"fleet{tag}u{i}"
        user = await users.create_user(db, f"{account}@loopwho.local", name=account)
        conns = {}
        for platform in PLATFORMS:
            jar = seal_jar(rt.keys, user.id, platform, sim.sign_in(platform, account))
            await profiles.save_profile(db, user.id, platform, cookie_jar_enc=jar.ciphertext,
                                        key_id=jar.key_id, cookie_count=jar.cookie_count)
            conn = await connections.upsert_connection(db, user.id, platform)
            conns[platform] = conn.id
            await db.execute("UPDATE user_platform_connections SET next_scan_at = now() + interval '30 days' "
                             "WHERE id = $1::uuid", conn.id)
        people.append({"user_id": user.id, "email": user.email, "account": account, "conns": conns})
    user_ids = [p["user_id"] for p in people]

    sampler = TreeSampler()
    procs: list[subprocess.Popen[bytes]] = []
    log_dir = Path(tempfile.mkdtemp(prefix=f"loopwho-fleet-{name}-"))

    def spawn(label: str, *argv: str, extra_env: dict[str, str] | None = None) -> None:
        out = open(log_dir / f"{label}.log", "wb")  # noqa: SIM115 (closed with the process)
        proc = subprocess.Popen([sys.executable, "-m", "cli.main", "--log-level", "WARNING", *argv],
                                env={**env, **(extra_env or {})}, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
        procs.append(proc)
        sampler.roots[proc.pid] = label

    worker_env: dict[str, str] = {}
    if shape["remote"]:  # a browser host on this machine; the worker attaches to it
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        spawn("browsers", "browsers", "--port", str(port), "--ws-path", "fleet", "--resolve", sim.resolve_rule())
        endpoint = f"ws://127.0.0.1:{port}/fleet"
        ready = time.monotonic() + 60
        for _ in range(300):  # the host prints its endpoint once it listens
            if endpoint in (log_dir / "browsers.log").read_text() or time.monotonic() > ready:
                break
            await asyncio.sleep(0.2)
        worker_env["LOOPWHO_BROWSER_WS_ENDPOINTS"] = endpoint
    ticks = ["--with-scheduler", "1"] if args.scheduler_in_worker else []
    spawn("worker", "worker", "--concurrency", str(shape["concurrency"]), "--processes", str(shape["processes"]),
          *ticks, extra_env=worker_env)
    if not args.scheduler_in_worker:
        spawn("scheduler", "scheduler", "--interval", "1")
    sampler.start()
    try:
        for rnd in range(args.rounds + 1):  # round 0 warms up (process start, first snapshots): not scored
            flipped: list[dict[str, Any]] = []
            if rnd > 0:
                for p in people[: max(1, round(len(people) * args.flip_share))]:
                    now_value = sim.get_settings(FLIP[0], p["account"])[FLIP[1]]
                    sim.set_setting(FLIP[0], p["account"], FLIP[1], "off" if now_value == "on" else "on")
                    flipped.append(p)
            mails_before = len(mail.sent)
            cpu_before = sampler.cpu_seconds()
            started = datetime.now(UTC)
            await db.execute("UPDATE user_platform_connections SET next_scan_at = now() "
                             "WHERE user_id = ANY($1::uuid[])", user_ids)
            expected = len(people) * len(PLATFORMS)
            deadline = time.monotonic() + args.round_timeout
            while True:
                final = await db.fetchval(
                    "SELECT count(*) FROM scan_jobs WHERE user_id = ANY($1::uuid[]) AND created_at >= $2 "
                    "AND status IN ('done', 'failed', 'reauth_required')", user_ids, started)
                mails = len(mail.sent) - mails_before
                if final >= expected and mails >= len(flipped):
                    break
                if time.monotonic() > deadline or any(p.poll() is not None for p in procs):
                    print(f"  config {name} round {rnd}: gave up with {final}/{expected} scans final, "
                          f"{mails}/{len(flipped)} e-mails (logs in {log_dir})", file=sys.stderr)
                    break
                await asyncio.sleep(0.2)
            ended = await db.fetchval(
                "SELECT max(finished_at) FROM scan_jobs WHERE user_id = ANY($1::uuid[]) AND created_at >= $2",
                user_ids, started) or datetime.now(UTC)
            if rnd == 0:
                print(f"  config {name} warm-up round: {final}/{expected} scans final in "
                      f"{(ended - started).total_seconds():.1f}s", file=sys.stderr)
                continue
            for role, spent in sampler.cpu_seconds().items():
                row.cpu_by_role[role] = row.cpu_by_role.get(role, 0.0) + spent - cpu_before.get(role, 0.0)
            await _score_round(db, row, people, flipped, started, ended, mail, mails_before, pages_of)
            print(f"  config {name} round {rnd}: {row.scans} scans so far in {row.seconds:.1f}s, "
                  f"{len(mail.sent) - mails_before} e-mails", file=sys.stderr)
    finally:
        stop_process_groups(procs)
        sampler.sample()
        sampler.stop()
        row.peak_pss, row.peak_breakdown = sampler.peak, dict(sampler.breakdown)
        print(f"  config {name} peak PSS by role (MiB): "
              + ", ".join(f"{k} {v / MB:.0f}" for k, v in sorted(sampler.breakdown.items(), key=lambda kv: -kv[1])),
              file=sys.stderr)
        if row.pages:
            print(f"  config {name} CPU s per page by role: "
                  + ", ".join(f"{k} {v / row.pages:.3f}" for k, v in sorted(row.cpu_by_role.items(),
                                                                            key=lambda kv: -kv[1])),
                  file=sys.stderr)
        await rt.close()
    return row


async def _score_round(db: Any, row: ConfigRow, people: list[dict[str, Any]], flipped: list[dict[str, Any]],
                       started: datetime, ended: datetime, mail: Any, mails_before: int,
                       pages_of: dict[str, int]) -> None:
    user_ids = [p["user_id"] for p in people]
    platform_of = {_uuid(conn): platform for p in people for platform, conn in p["conns"].items()}
    jobs = await db.fetch(
        "SELECT id, connection_id, status, started_at, finished_at FROM scan_jobs "
        "WHERE user_id = ANY($1::uuid[]) AND created_at >= $2", user_ids, started)
    row.seconds += (ended - started).total_seconds()
    per_connection: dict[Any, int] = {}
    for j in jobs:
        per_connection[j["connection_id"]] = per_connection.get(j["connection_id"], 0) + 1
        if j["status"] in ("done",):
            row.scans += 1
            row.pages += pages_of[platform_of[j["connection_id"]]]
            row.due_to_stored_s.append((j["finished_at"] - started).total_seconds())
        else:
            row.failures += 1
    row.double_scans += sum(n - 1 for n in per_connection.values() if n > 1)
    row.double_scans += await db.fetchval(
        "SELECT count(*) FROM (SELECT scan_job_id FROM privacy_snapshots WHERE user_id = ANY($1::uuid[]) "
        "AND scan_job_id IS NOT NULL GROUP BY scan_job_id HAVING count(*) > 1) d", user_ids)
    row.duplicate_events = int(await db.fetchval(
        "SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM privacy_change_events "
        "WHERE user_id = ANY($1::uuid[]) GROUP BY user_id, change_data->>'fingerprint') d", user_ids))
    scan_start = {j["connection_id"]: j["started_at"] for j in jobs}
    sent = list(zip(mail.sent[mails_before:], mail.sent.times[mails_before:], strict=False))
    by_email: dict[str, list[datetime]] = {}
    for message, at in sent:
        for to in message.to:
            by_email.setdefault(to, []).append(at)
    for p in flipped:
        times = by_email.get(p["email"], [])
        row.duplicate_emails += max(0, len(times) - 1)
        start = scan_start.get(_uuid(p["conns"][FLIP[0]]))
        if not times or start is None:
            row.missing_emails += 1
            continue
        row.flip_to_email_s.append((times[0] - start).total_seconds())


def _uuid(value: Any) -> Any:
    import uuid

    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _print_table(rows: list[ConfigRow], pool: float | None) -> None:
    print(f"{'config':<26} {'scans':>5} {'fail':>4} {'scans/min':>9} {'pages/min':>9} {'p50 due->stored':>15} "
          f"{'p95 due->stored':>15} {'p95 flip->mail':>14} {'double':>6} {'dup ev/mail':>11} {'peak PSS MiB':>12} "
          f"{'CPU s/page':>10}")
    for r in rows:
        label = f"({r.name}) {r.processes} proc x {r.concurrency}" + (" remote" if r.name == "d" else "")
        if r.skipped:
            print(f"{label:<26} skipped: {r.skipped}")
            continue
        s = r.summary()
        print(f"{label:<26} {r.scans:>5} {r.failures:>4} {r.per_minute:>9.1f} {r.pages_per_minute:>9.0f} "
              f"{_s(s['p50_due_to_stored_s']):>15} "
              f"{_s(s['p95_due_to_stored_s']):>15} {_s(s['p95_flip_to_email_s']):>14} {r.double_scans:>6} "
              f"{f'{r.duplicate_events}/{r.duplicate_emails}':>11} {s['peak_pss_mib']:>12} {r.cpu_per_page:>10.3f}")
    b = next((r for r in rows if r.name == "b" and not r.skipped), None)
    if pool:
        ratio = f"{b.per_minute / pool:.2f}" if b else "-"
        pages_ratio = f"{b.pages_per_minute / (pool * 3):.2f}" if b else "-"
        print(f"bench/scan_pool.py pool c=4: {pool:.1f} scans/min (Google pack: {pool * 3:.0f} pages/min); "
              f"config (b) / pool = {ratio} in scans, {pages_ratio} in pages")


def _s(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}s"


async def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=8, help="users per config, each on 3 platforms (default 8)")
    parser.add_argument("--rounds", type=int, default=2,
                        help="scored rounds per config, after an unscored warm-up round (default 2)")
    parser.add_argument("--flip-share", type=float, default=0.5, help="users flipped before rounds 2+ (0.5)")
    parser.add_argument("--configs", default="a,b,c,d", help="which configurations (default a,b,c,d)")
    parser.add_argument("--pool-seconds", type=float, default=30.0, help="scan_pool.py row length (0: skip)")
    parser.add_argument("--round-timeout", type=float, default=600.0)
    parser.add_argument("--scheduler-in-worker", action="store_true",
                        help="run the scheduler's ticks inside the (first) worker process "
                             "(`loopwho worker --with-scheduler 1`) instead of a `loopwho scheduler` process")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)

    from core.crypto import generate_key
    from core.logging import configure_logging
    from core.settings import get_settings
    from standins.platforms import Simulator
    from standins.resend import ResendStandin

    configure_logging("WARNING", json=False)
    server_db = os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/loopwho")
    rows: list[ConfigRow] = []
    with private_redis() as redis_url, Simulator() as sim, ResendStandin(api_key="re_fleet_local") as mail, \
            tempfile.TemporaryDirectory() as blobs:
        mail.sent = TimedList()
        async with fresh_database(server_db) as db_url:
            env = {**os.environ, "DATABASE_URL": db_url, "REDIS_URL": redis_url, "PYTHONPATH": str(ROOT),
                   "LOOPWHO_ENCRYPTION_KEYS": f"f1:{generate_key()}", "LOOPWHO_BLOB_DIR": blobs,
                   "LOOPWHO_BROWSER_RESOLVE_RULES": sim.resolve_rule(),
                   "LOOPWHO_BROWSER_IGNORE_HTTPS_ERRORS": "true", "LOOPWHO_POOL_BROWSERS": "1",
                   "RESEND_API_KEY": mail.api_key, "LOOPWHO_RESEND_API_URL": mail.url,
                   "LOOPWHO_SCAN_JITTER_S": "0"}
            os.environ.update(env)
            get_settings.cache_clear()
            import redis

            for name in [c.strip() for c in args.configs.split(",") if c.strip()]:
                redis.Redis.from_url(redis_url).flushall()
                print(f"config {name}: {CONFIGS[name]}", file=sys.stderr)
                rows.append(await run_config(name, CONFIGS[name], args, sim, mail, env))
    pool = await asyncio.to_thread(pool_rate, args.pool_seconds) if args.pool_seconds > 0 else None
    b = next((r for r in rows if r.name == "b" and not r.skipped), None)
    if args.json:
        done = [r for r in rows if not r.skipped]
        print(json.dumps({
            "pool_scans_per_min": pool, "e2e_scans_per_min": round(b.per_minute, 1) if b else None,
            "e2e_pages_per_min": round(b.pages_per_minute) if b else None,
            "ratio": round(b.per_minute / pool, 2) if b and pool else None,
            "pages_ratio": round(b.pages_per_minute / (pool * 3), 2) if b and pool else None,
            "peak_pss_mib": round(b.peak_pss / MB) if b else None,
            "double_scans": sum(r.double_scans for r in done),
            "duplicate_events": sum(r.duplicate_events + r.duplicate_emails for r in done),
            "failures": sum(r.failures for r in done),
            "users": args.users, "rounds": args.rounds,
            "configs": [r.summary() for r in rows],
        }))
    else:
        _print_table(rows, pool)
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
