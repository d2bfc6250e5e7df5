"""`loopwho serve`: run the API (Litestar) under uvicorn. Several workers (``--workers N``) need a
configured JWT secret: without one each process would make up its own, and a token signed by one
would be refused by the others. They also share their Prometheus counters (``/metrics``) through
prometheus-client's multiprocess mode: without ``PROMETHEUS_MULTIPROC_DIR`` a private folder is made
for this run."""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="run the HTTP API (extension, dashboard data, health)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    p.add_argument("--workers", type=int, default=1, help="uvicorn worker processes (default 1)")
    p.add_argument("--proxy-headers", action="store_true",
                   help="trust X-Forwarded-For from the proxy in front (for per-IP rate limits)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from api.resources import check_secrets
    from core.errors import ConfigError
    from core.settings import get_settings

    settings = get_settings()
    if args.workers < 1:
        raise ConfigError(f"--workers must be 1 or more (got {args.workers})")
    if args.workers > 1 and not settings.jwt_secret:
        raise ConfigError(f"--workers {args.workers} needs LOOPWHO_JWT_SECRET (one long random string shared by "
                          "every worker; without it each process signs tokens the others refuse)")
    check_secrets(settings)  # a bad configuration fails here, as one line, before binding the port
    private_dir = None
    if args.workers > 1 and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        # set before uvicorn spawns its workers: prometheus-client reads it when first imported there
        private_dir = tempfile.mkdtemp(prefix="loopwho-metrics-")
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = private_dir
    try:
        uvicorn.run("api.app:create_app", factory=True, host=args.host, port=args.port, workers=args.workers,
                    proxy_headers=args.proxy_headers, log_level="info", access_log=False)
    finally:
        if private_dir:
            shutil.rmtree(private_dir, ignore_errors=True)
    return 0
