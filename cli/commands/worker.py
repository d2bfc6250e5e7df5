"""`loopwho worker`: the worker for the scan, analysis and notification queues. Each worker process
runs up to pool_concurrency scans at once in one browser pool (jobs/worker.py); with
worker_processes > 1 (or --processes) this command starts and watches that many processes, which
share their Prometheus counters through PROMETHEUS_MULTIPROC_DIR (a private folder when unset)."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile

from core.settings import get_settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("worker", help="run workers (scans, analysis, notifications)")
    p.add_argument("--queues", default="scans,analysis,notifications", help="comma-separated queue names")
    p.add_argument("--burst", action="store_true", help="exit when the queues are empty")
    p.add_argument("--concurrency", type=int, help="scans at once per process (default: pool_concurrency)")
    p.add_argument("--processes", type=int, help="worker processes to start (default: worker_processes)")
    p.add_argument("--with-scheduler", type=float, metavar="SECONDS", dest="scheduler_interval",
                   help="also run the scheduler's ticks every SECONDS in this process (the first one of "
                        "--processes), instead of a separate `loopwho scheduler`")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from jobs.queues import ALL_QUEUES
    from jobs.runtime import check_worker_settings

    names = [q.strip() for q in args.queues.split(",") if q.strip()]
    unknown = sorted(set(names) - set(ALL_QUEUES))
    if unknown:
        from core.errors import InvalidInput

        raise InvalidInput(f"unknown queue(s) {', '.join(unknown)}; known: {', '.join(ALL_QUEUES)}")
    if args.concurrency is not None:  # the runtime's browser pool reads the setting too
        os.environ["LOOPWHO_POOL_CONCURRENCY"] = str(args.concurrency)
        get_settings.cache_clear()
    settings = get_settings()
    check_worker_settings(settings)
    processes = args.processes if args.processes is not None else settings.worker_processes
    if args.scheduler_interval is not None and args.scheduler_interval <= 0:
        from core.errors import InvalidInput

        raise InvalidInput("--with-scheduler takes the seconds between ticks, more than 0")
    if processes > 1:
        if settings.metrics_port and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            # one process serves metrics_port: it reads every process's counters from a shared folder
            with tempfile.TemporaryDirectory(prefix="loopwho-metrics-") as shared:
                os.environ["PROMETHEUS_MULTIPROC_DIR"] = shared
                return _supervise(args, processes)
        return _supervise(args, processes)

    from jobs.worker import run_worker

    run_worker(names, settings, burst=args.burst, scheduler_interval_s=args.scheduler_interval)
    return 0


def _supervise(args: argparse.Namespace, processes: int) -> int:
    """Start ``processes`` single-process workers; pass SIGINT/SIGTERM on; exit when all have exited."""
    argv = [sys.executable, "-m", "cli.main", "--log-level", args.log_level, "worker", "--queues", args.queues,
            "--processes", "1"] + (["--burst"] if args.burst else [])
    ticks = [] if args.scheduler_interval is None else ["--with-scheduler", str(args.scheduler_interval)]
    children = [subprocess.Popen(argv + (ticks if n == 0 else [])) for n in range(processes)]

    def forward(signum: int, _frame: object) -> None:
        for child in children:
            if child.poll() is None:
                child.send_signal(signum)

    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGINT, forward)
    codes = [child.wait() for child in children]
    return max(codes, default=0)
