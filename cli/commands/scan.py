"""`loopwho scan PLATFORM --cookies FILE`: one scan in a private browser pool, no database needed."""

from __future__ import annotations

import argparse
import re
import sys

import msgspec

from core.errors import ConfigError, InvalidInput
from core.selector_pack import SelectorPack
from core.settings import get_settings
from core.types import PLATFORMS, ScanRequest, ScanResult, SessionProfile
from packs.activation import pack_for_scan
from packs.loading import load_default_pack, load_pack
from scanner.cookies import load_cookie_file
from scanner.pool import BrowserPool
from scanner.runner import run_scan

_RESOLVE = re.compile(r"^(?P<host>[A-Za-z0-9*._-]+)=(?P<addr>[A-Za-z0-9.:\[\]_-]+?):(?P<port>\d{1,5})$")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("scan", help="scan one platform's privacy settings with a cookie file")
    p.add_argument("platform", help=f"one of {', '.join(PLATFORMS)}")
    p.add_argument("--cookies", required=True, metavar="FILE",
                   help="JSON list of cookies in the chrome.cookies.getAll shape")
    p.add_argument("--resolve", action="append", default=[], metavar="HOST=ADDR:PORT",
                   help="send HOST (a name or a pattern such as *.google.com) to ADDR:PORT; repeatable")
    p.add_argument("--ignore-https-errors", action="store_true",
                   help="accept self-signed certificates (the simulators)")
    p.add_argument("--pack", metavar="PATH", help="selector pack file (default: the platform's active pack)")
    p.add_argument("--policies", action="store_true",
                   help="also fetch the platform's public policy pages (browser, then Firecrawl if configured)")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    p.set_defaults(func=run)


def resolver_rules(entries: list[str]) -> str | None:
    """HOST=ADDR:PORT entries -> Chromium's --host-resolver-rules value."""
    rules = []
    for entry in entries:
        match = _RESOLVE.match(entry.strip())
        if not match:
            raise InvalidInput(
                f"--resolve {entry!r}: expected HOST=ADDR:PORT, e.g. *.google.com=127.0.0.1:8443")
        port = int(match["port"])
        if not 0 < port < 65536:
            raise InvalidInput(f"--resolve {entry!r}: port {port} is out of range")
        rules.append(f"MAP {match['host']} {match['addr']}:{port}")
    return ", ".join(rules) if rules else None


async def _active_pack(platform: str) -> SelectorPack:
    """The pack the workers would use (``packs.activation.pack_for_scan``); with no database to ask,
    the default pack, said on stderr since an operator's activation cannot be seen."""
    from store.db import connect

    try:
        conn = await connect(get_settings().database_url)
        try:
            return await pack_for_scan(conn, platform)
        finally:
            await conn.close()
    except ConfigError as exc:
        print(f"note: using {platform}'s default pack; activations are unknown without the database ({exc})",
              file=sys.stderr)
        return load_default_pack(platform)


async def _pack_for(args: argparse.Namespace) -> SelectorPack:
    pack = load_pack(args.pack) if args.pack else await _active_pack(args.platform)
    if pack.platform != args.platform:
        raise InvalidInput(f"pack {args.pack} is for {pack.platform}, not {args.platform}")
    return pack


async def run(args: argparse.Namespace) -> int:
    if args.platform not in PLATFORMS:
        raise InvalidInput(f"unknown platform {args.platform!r}; choose one of {', '.join(PLATFORMS)}")
    cookies = load_cookie_file(args.cookies)
    rules = resolver_rules(args.resolve)
    pack = await _pack_for(args)  # last: bad input is reported before the database is asked
    profile = SessionProfile(platform=args.platform, cookies=cookies)
    async with BrowserPool(browsers=1, concurrency=1, resolve_rules=rules,
                           ignore_https_errors=args.ignore_https_errors) as pool:
        request = ScanRequest(platform=args.platform, profile=profile, include_policies=args.policies)
        result = await run_scan(pool, request, pack)
    print(_as_json(result) if args.json else _as_table(result, pack))
    return 1 if result.status == "failed" else 0


def _as_json(result: ScanResult) -> str:
    data = msgspec.to_builtins(result)
    fields = ("key", "label", "value", "method", "confidence", "uncertain", "page_url")
    data["readings"] = [{k: r[k] for k in fields if k in r} for r in data.get("readings", [])]
    return msgspec.json.encode(data).decode()


def _as_table(result: ScanResult, pack: SelectorPack) -> str:
    lines = [f"{result.platform}: {result.status} (pack {result.pack_version}, {result.duration_ms} ms, "
             f"{result.blocked_requests} requests blocked)"]
    rows = [("key", "label", "value", "method", "confidence")]
    read = {r.key: r for r in result.readings}
    for setting in pack.settings:
        r = read.get(setting.key)
        if r is not None:
            conf = f"{r.confidence:.2f}" + (" uncertain" if r.uncertain else "")
            rows.append((r.key, r.label or setting.label, r.value or "-", r.method, conf))
        elif result.status in ("ok", "partial", "failed"):
            rows.append((setting.key, setting.label, "(not read)", "-", "-"))
    if len(rows) > 1:
        widths = [max(len(row[i]) for row in rows) for i in range(5)]
        for row in rows:
            lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    for doc in result.policies:
        lines.append(f"policy {doc.key}: {doc.status} via {doc.method}, {len(doc.sections)} sections"
                     + (f" ({doc.error})" if doc.error else ""))
    lines += [f"error: {e}" for e in result.errors]
    return "\n".join(lines)
