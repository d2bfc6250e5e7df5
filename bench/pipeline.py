"""The pipeline benchmark: diffs per second, change events inserted per second
(store.events.insert_events: binary COPY into a staging table, then INSERT ... SELECT ... ON CONFLICT
DO NOTHING, 1,000 events per call), and scan-finished-to-e-mail latency on the simulators (snapshot,
diff, analysis, change events and the e-mail through the resend SDK to the local stand-in).

    .venv/bin/python bench/pipeline.py [--events 20000] [--latency-runs 10] [--json]

Needs DATABASE_URL's server (a scratch database is created and dropped) and Chromium.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import statistics
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import asyncpg  # noqa: E402
from pipeline_diff import make_scan, make_sections, make_specs, rate  # noqa: E402

from analysis.diff import diff_snapshots  # noqa: E402
from analysis.snapshot import parse_snapshot, render_snapshot  # noqa: E402
from core.types import ChangeEvent  # noqa: E402


def diff_rate(seconds: float) -> float:
    import random

    specs = make_specs()
    sections = make_sections(random.Random(7))
    old = parse_snapshot(render_snapshot("google", make_scan(specs, random.Random(1), sections), specs))
    new = parse_snapshot(render_snapshot("google", make_scan(specs, random.Random(2), sections), specs))
    return rate(lambda: diff_snapshots(old, new, specs), seconds)


def _db_url(base: str, name: str) -> str:
    return urllib.parse.urlunsplit(urllib.parse.urlsplit(base)._replace(path=f"/{name}"))


async def insert_rate(dsn: str, total: int, batch: int = 1000) -> float:
    from store import events, users
    from store.db import connect_pool

    pool = await connect_pool(dsn)
    try:
        user = await users.create_user(pool, f"bench{secrets.token_hex(3)}@example.org")
        made = [ChangeEvent(user_id=user.id, platform="google", change_type="setting_changed",
                            change_data={"key": f"k{i % 15}", "old": "on", "new": "off"}, impact_level="high",
                            r2_file_path="privacy-data/x.md") for i in range(total)]
        start = time.perf_counter()
        for i in range(0, total, batch):
            chunk = made[i:i + batch]
            await events.insert_events(pool, chunk, dedupe_keys=[secrets.token_hex(8) for _ in chunk])
        return total / (time.perf_counter() - start)
    finally:
        await pool.close()


async def email_latency(runs: int) -> list[float]:
    """Seconds from a finished scan (result in hand) to the e-mail accepted by the provider."""
    from core.settings import get_settings
    from jobs import notifications, pipeline
    from jobs.runtime import Runtime
    from profiles.sealing import seal_jar
    from standins.platforms import Simulator
    from standins.resend import ResendStandin
    from store import connections, profiles, users
    from store import jobs as scan_jobs

    latencies = []
    with Simulator() as sim, ResendStandin(api_key="re_bench") as mail:
        os.environ.update({"LOOPWHO_BROWSER_RESOLVE_RULES": sim.resolve_rule(),
                           "LOOPWHO_BROWSER_IGNORE_HTTPS_ERRORS": "true", "RESEND_API_KEY": mail.api_key,
                           "LOOPWHO_RESEND_API_URL": mail.url, "LOOPWHO_BLOB_DIR": "/tmp/loopwho-bench-blobs"})
        get_settings.cache_clear()
        rt = Runtime(get_settings())
        try:
            db = await rt.db()
            account = f"bench{secrets.token_hex(3)}"
            user = await users.create_user(db, f"{account}@example.org")
            jar = seal_jar(rt.keys, user.id, "google", sim.sign_in("google", account))
            await profiles.save_profile(db, user.id, "google", cookie_jar_enc=jar.ciphertext,
                                        key_id=jar.key_id, cookie_count=jar.cookie_count)
            conn_id = (await connections.upsert_connection(db, user.id, "google")).id
            value = "on"
            for i in range(runs + 1):
                value = "off" if value == "on" else "on"
                sim.set_setting("google", account, "youtube_history", value)
                job, _ = await scan_jobs.create_job(db, user.id, conn_id)
                result = await pipeline.scan_for_job(rt, job.id)
                start = time.perf_counter()
                await pipeline.process_scan(rt, job.id, result)
                sent = await notifications.notify_changes(rt, user.id)
                if i > 0:  # the first scan is the baseline: nothing to e-mail
                    assert len(sent) == 1, sent
                    latencies.append(time.perf_counter() - start)
                print(f"  latency run {i}/{runs}", file=sys.stderr, flush=True)
        finally:
            await rt.close()
    return latencies


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--latency-runs", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from store.migrate import apply_migrations

    base = os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/loopwho")
    name = f"loopwho_bench_{secrets.token_hex(4)}"
    admin = await asyncpg.connect(_db_url(base, "postgres"))
    await admin.execute(f'CREATE DATABASE "{name}"')
    dsn = _db_url(base, name)
    os.environ["DATABASE_URL"] = dsn
    try:
        await apply_migrations(dsn)
        print("measuring diffs ...", file=sys.stderr)
        diffs = diff_rate(args.seconds)
        print("measuring event inserts ...", file=sys.stderr)
        inserts = await insert_rate(dsn, args.events)
        print("measuring scan-finished-to-e-mail latency ...", file=sys.stderr)
        latencies = await email_latency(args.latency_runs)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()
    result = {
        "diffs_per_s": round(diffs), "events_inserted_per_s": round(inserts),
        "email_latency_median_ms": round(statistics.median(latencies) * 1000),
        "email_latency_max_ms": round(max(latencies) * 1000), "latency_runs": len(latencies),
    }
    if args.json:
        print(json.dumps(result))
        return
    print(f"{'diffs per second (one setting + one section changed)':<58} {result['diffs_per_s']:>10,}")
    print(f"{'change events inserted per second (COPY, batches of 1,000)':<58} {result['events_inserted_per_s']:>10,}")
    print(f"{'scan finished -> e-mail accepted, median (ms)':<58} {result['email_latency_median_ms']:>10,}")
    print(f"{'scan finished -> e-mail accepted, max (ms)':<58} {result['email_latency_max_ms']:>10,}")


if __name__ == "__main__":
    asyncio.run(main())
