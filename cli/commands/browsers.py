"""`loopwho browsers`: a remote browser host (a Playwright browser server with Debian's Chromium and
the scan pool's launch flags) that workers attach to with LOOPWHO_BROWSER_WS_ENDPOINTS."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("browsers", help="run a browser host that scan workers attach to")
    p.add_argument("--port", type=int, required=True, help="TCP port to listen on (0: any free port)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--ws-path", help="fixed ws path, so the endpoint survives restarts (default: random)")
    p.add_argument("--chromium", help="Chromium binary (default: pool_chromium_path, else chromium_path)")
    p.add_argument("--resolve", help="--host-resolver-rules for the browser (default: browser_resolve_rules)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from scanner.browser_host import serve, server_config

    return serve(server_config(port=args.port, host=args.host, ws_path=args.ws_path,
                               chromium_path=args.chromium, resolve_rules=args.resolve))
