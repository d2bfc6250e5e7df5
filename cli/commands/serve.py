"""`loopwho serve`: run the API (Litestar) under uvicorn."""

from __future__ import annotations

import argparse


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
    from core.settings import get_settings

    check_secrets(get_settings())  # a bad configuration fails here, as one line, before binding the port
    uvicorn.run("api.app:create_app", factory=True, host=args.host, port=args.port, workers=args.workers,
                proxy_headers=args.proxy_headers, log_level="info", access_log=False)
    return 0
