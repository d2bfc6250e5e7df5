"""`loopwho scheduler`: queue scans when connections are due (and keep partitions ahead)."""

from __future__ import annotations

import argparse

from core.settings import get_settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("scheduler", help="queue scheduled scans at each connection's interval")
    p.add_argument("--interval", type=float, default=30.0, help="seconds between ticks (default 30)")
    p.add_argument("--once", action="store_true", help="run one tick and exit")
    p.set_defaults(func=run)


async def run(args: argparse.Namespace) -> int:
    import redis

    from jobs.runtime import Runtime, check_worker_settings
    from jobs.scheduler import run_forever

    settings = get_settings()
    check_worker_settings(settings)
    conn = redis.Redis.from_url(settings.redis_url)
    conn.ping()
    rt = Runtime(settings)
    try:
        await run_forever(rt, conn, args.interval, once=args.once)
    finally:
        await rt.close()
    return 0
