"""`loopwho simulate`: run the Google/Facebook/Microsoft simulators until stopped, print how to point
a browser (or `loopwho scan --resolve`) at them, and optionally write signed-in cookie files."""

from __future__ import annotations

import argparse
import json
import signal
import threading
from pathlib import Path
from typing import Any

import msgspec

from core.errors import InvalidInput
from core.types import PLATFORMS


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("simulate", help="run the local platform simulators (HTTPS, real host names)")
    p.add_argument(
        "--port", type=int, default=8443, help="port to listen on (0: any free port; default 8443)"
    )
    p.add_argument("--bind", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--cookies-dir", help="write a signed-in cookie file DIR/<platform>.json per platform")
    p.add_argument("--account", default="alice", help="account the cookie files sign in as (default alice)")
    p.add_argument(
        "--variant", help="page variant for every platform: classic, redesigned, v2, ocr or generated"
    )
    p.add_argument(
        "--seed", type=int, default=0, help="the generated variant's seed: its structures per setting (default 0)"
    )
    p.add_argument(
        "--time-scale",
        type=float,
        default=1.0,
        help="the generated variant's delays x this (0: render at once; default 1: as drawn, up to 3 s)",
    )
    p.add_argument("--json", action="store_true", help="print the connection details as one JSON object")
    p.set_defaults(func=run)


def _write_cookie_files(sim: Any, folder: Path, account: str) -> dict[str, str]:
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for platform in PLATFORMS:
        path = folder / f"{platform}.json"
        path.write_bytes(msgspec.json.encode(sim.sign_in(platform, account)))
        path.chmod(0o600)
        written[platform] = str(path)
    return written


def run(args: argparse.Namespace) -> int:
    from standins.platforms import ALL_VARIANTS, Simulator

    if not 0 <= args.port <= 65535:
        raise InvalidInput(f"--port {args.port}: use 0-65535")
    if args.variant and args.variant not in ALL_VARIANTS:
        raise InvalidInput(f"--variant {args.variant}: use one of {', '.join(ALL_VARIANTS)}")
    if args.seed < 0:
        raise InvalidInput(f"--seed {args.seed}: use a non-negative integer")
    if not 0 <= args.time_scale <= 10:
        raise InvalidInput(f"--time-scale {args.time_scale}: use a number from 0 to 10")
    sim = Simulator(port=args.port, host=args.bind)
    try:
        sim.start()
    except OSError as exc:
        raise InvalidInput(f"cannot listen on {args.bind}:{args.port}: {exc.strerror or exc}") from None
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    try:
        if args.variant:
            for platform in PLATFORMS:
                sim.set_variant(platform, args.variant, seed=args.seed, time_scale=args.time_scale)
        cookie_files = (
            _write_cookie_files(sim, Path(args.cookies_dir), args.account) if args.cookies_dir else {}
        )
        resolve = [f"--resolve {pair}" for pair in sim.resolve_args()]
        if args.json:
            print(
                json.dumps(
                    {
                        "port": sim.port,
                        "hosts": sim.hosts,
                        "resolve": sim.resolve_args(),
                        "host_resolver_rules": sim.resolve_rule(),
                        "cookie_files": cookie_files,
                        "variant": args.variant or "classic",
                        "seed": args.seed,
                    }
                ),
                flush=True,
            )
        else:
            print(f"loopwho simulators listening on https://{sim.address} (self-signed certificate)")
            print("scan arguments:  " + " ".join(resolve))
            print(f'chromium:        --host-resolver-rules="{sim.resolve_rule()}" (and ignore HTTPS errors)')
            print(f"control API:     https://<any simulated host>/__sim/state (port {sim.port})")
            if args.variant == "generated":
                print(f"variant:         generated, seed {args.seed} (recipes: /__sim/recipes?platform=&page=)")
            for platform, path in cookie_files.items():
                print(f"cookies:         {platform} -> {path} (account {args.account})")
            print("Ctrl-C to stop.", flush=True)
        stop.wait()
    finally:
        sim.stop()
    return 0
