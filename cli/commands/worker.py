"""`loopwho worker`: an rq worker for the scan, analysis and notification queues."""

from __future__ import annotations

import argparse

from core.settings import get_settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("worker", help="run an rq worker (scans, analysis, notifications)")
    p.add_argument("--queues", default="scans,analysis,notifications", help="comma-separated queue names")
    p.add_argument("--burst", action="store_true", help="exit when the queues are empty")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import redis
    from rq import SimpleWorker

    from jobs.queues import ALL_QUEUES
    from jobs.runtime import check_worker_settings, shutdown_process_runtime

    names = [q.strip() for q in args.queues.split(",") if q.strip()]
    unknown = sorted(set(names) - set(ALL_QUEUES))
    if unknown:
        from core.errors import InvalidInput

        raise InvalidInput(f"unknown queue(s) {', '.join(unknown)}; known: {', '.join(ALL_QUEUES)}")
    check_worker_settings(get_settings())
    conn = redis.Redis.from_url(get_settings().redis_url)
    conn.ping()
    # SimpleWorker runs jobs in this process, so the browser pool lives from one job to the next
    worker = SimpleWorker(names, connection=conn)
    try:
        worker.work(burst=args.burst, with_scheduler=True)
    finally:
        shutdown_process_runtime()
    return 0
