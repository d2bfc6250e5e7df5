"""`loopwho packs ...`: the operator's selector-pack lifecycle.

    list [--json]                                  versions on disk / published, active + canary, hit rates
    validate PATH [--json]                         schema + the pack's recorded fixture pages in Chromium
    dry-run PATH --platform P [--sample N]         current vs candidate readings; stores nothing
            [--simulators [--variant V]]           ... against an in-process simulator instead of profiles
    publish PATH [--by WHO]                        immutable version (same content again: no-op)
    activate P VERSION [--canary PCT] [--by WHO]   from the next scan on (a stable share with --canary)
    rollback P [--by WHO]                          cancel the canary, else back to the previous version
    health [P] [--json]                            ok | degraded, reason, DOM hit rates per version
    reextract P --version V [--since DATE]         read the pages scans kept with pack V; per connection,
            [--dry-run] [--json] [--by WHO]        which readings change (corrected snapshots unless --dry-run)

Every step is recorded in audit_log.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import msgspec

from core.errors import ConfigError, InvalidInput, NotFound
from core.settings import Settings, get_settings
from core.types import PLATFORMS, ScanResult, SessionProfile

DEFAULT_SAMPLE = 5


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("packs", help="selector packs: list, validate, dry-run, publish, activate, roll back, health")
    cmds = p.add_subparsers(dest="packs_command", metavar="STEP", required=True)
    by_help = "who does this (recorded in the audit log; default: your login name)"

    c = cmds.add_parser("list", help="packs per platform: versions, active + canary, hit rates")
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=run_list)

    c = cmds.add_parser("validate", help="check a pack file: schema, then its recorded fixture pages in Chromium")
    c.add_argument("path", metavar="PATH")
    c.add_argument("--json", action="store_true")
    c.add_argument("--by", default=None, help=by_help)
    c.set_defaults(func=run_validate)

    c = cmds.add_parser("dry-run", help="read recent profiles (or a simulator) with the current and the "
                                        "candidate pack, side by side; stores nothing")
    c.add_argument("path", metavar="PATH")
    c.add_argument("--platform", required=True, help=f"one of {', '.join(PLATFORMS)}")
    c.add_argument("--sample", type=int, default=DEFAULT_SAMPLE, help="how many profiles / simulator accounts")
    c.add_argument("--simulators", action="store_true", help="scan an in-process platform simulator instead")
    c.add_argument("--variant", default=None, help="simulator design to show (classic, redesigned, v2, ocr)")
    c.add_argument("--json", action="store_true")
    c.add_argument("--by", default=None, help=by_help)
    c.set_defaults(func=run_dry_run)

    c = cmds.add_parser("publish", help="store a pack file as an immutable version")
    c.add_argument("path", metavar="PATH")
    c.add_argument("--by", default=None, help=by_help)
    c.set_defaults(func=run_publish)

    c = cmds.add_parser("activate", help="use a published version for every scan, or for a share of them")
    c.add_argument("platform")
    c.add_argument("version")
    c.add_argument("--canary", type=int, default=None, metavar="PCT", help="only PCT%% of connections (1-99)")
    c.add_argument("--by", default=None, help=by_help)
    c.set_defaults(func=run_activate)

    c = cmds.add_parser("rollback", help="undo the last activation step of a platform")
    c.add_argument("platform")
    c.add_argument("--by", default=None, help=by_help)
    c.set_defaults(func=run_rollback)

    c = cmds.add_parser("reextract", help="read the pages earlier scans kept with another pack version; "
                                          "corrected snapshots never raise change alerts")
    c.add_argument("platform")
    c.add_argument("--version", required=True, help="the pack version to read with (published or on disk)")
    c.add_argument("--since", default=None, metavar="DATE", help="only scans from this date or time on "
                                                                 "(ISO 8601, e.g. 2026-11-20)")
    c.add_argument("--dry-run", action="store_true", help="report what would change; write nothing")
    c.add_argument("--json", action="store_true")
    c.add_argument("--by", default=None, help=by_help)
    c.set_defaults(func=run_reextract)

    c = cmds.add_parser("health", help="pack health per platform: state, reason, DOM hit rates")
    c.add_argument("platform", nargs="?")
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=run_health)


# ---- helpers -------------------------------------------------------------------------------------

def _by(args: argparse.Namespace) -> str:
    return args.by or getpass.getuser()


def _platform(name: str) -> str:
    if name not in PLATFORMS:
        raise InvalidInput(f"unknown platform {name!r}; choose one of {', '.join(PLATFORMS)}")
    return name


def _read_pack_file(path: str) -> tuple[str, Any]:
    from packs.loading import parse_pack_text

    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise NotFound(f"pack file {path} does not exist") from None
    except (IsADirectoryError, UnicodeDecodeError, PermissionError) as exc:
        raise InvalidInput(f"pack file {path} cannot be read: {exc}") from None
    return text, parse_pack_text(text, str(file))


@contextlib.asynccontextmanager
async def _database(settings: Settings) -> AsyncIterator[Any]:
    """A small pool for one command, closed when the command is done with it."""
    from store.db import connect_pool

    db = await connect_pool(settings.database_url, min_size=1, max_size=3)
    try:
        yield db
    finally:
        await db.close()


def _mailer(settings: Settings) -> Any:
    from notify.mailer import Mailer

    return Mailer.from_settings(settings) if settings.resend_api_key else None


def _dump(data: Any) -> str:
    def default(obj: Any) -> Any:
        if isinstance(obj, datetime):
            return obj.isoformat()
        raise TypeError(type(obj).__name__)

    return json.dumps(data, default=default, indent=None)


def _table(rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]


async def _audit_best_effort(settings: Settings, **entry: Any) -> None:
    """validate / dry-run are audited too; without a database they still run (and say so)."""
    from store import audit
    from store.db import connect

    try:
        conn = await connect(settings.database_url)
    except ConfigError as exc:
        print(f"note: not recorded in the audit log ({exc})", file=sys.stderr)
        return
    try:
        await audit.record(conn, **entry)
    finally:
        await conn.close()


# ---- list / health -------------------------------------------------------------------------------

async def run_list(args: argparse.Namespace) -> int:
    from packs.health import packs_overview

    s = get_settings()
    async with _database(s) as db:
        data = await packs_overview(db, s, list(PLATFORMS))
    if args.json:
        print(_dump(data))
        return 0
    for p in data:
        canary = f", canary {p['canary_version']} at {p['canary_percent']}%" if p["canary_version"] else ""
        print(f"{p['platform']}: active {p['active_version']}{canary} "
              f"({'default, never activated' if p['last_step'] == 'default' else 'last step: ' + p['last_step']})")
        print(f"  on disk: {', '.join(p['on_disk']) or '-'}; drafts: {', '.join(p['drafts']) or '-'}; "
              f"published: {', '.join(x['version'] + ' (' + x['sha256'][:12] + ')' for x in p['published']) or '-'}")
        for version, r in p["hit_rates"].items():
            lowest = f" (lowest: {r['lowest']})" if r["lowest"] else ""
            rate = "no scans yet" if r["dom_rate"] is None else (
                f"DOM hit rate {r['dom_rate']:.0%} over the last {r['scans']} scans{lowest}")
            print(f"  pack {version}: {rate}")
    return 0


async def run_health(args: argparse.Namespace) -> int:
    from packs.health import platform_health

    s = get_settings()
    platforms = [_platform(args.platform)] if args.platform else list(PLATFORMS)
    async with _database(s) as db:
        data = [await platform_health(db, p, s) for p in platforms]
    if args.json:
        print(_dump(data))
        return 0
    for h in data:
        since = f" since {h['since']:%Y-%m-%d %H:%M:%S}" if h["since"] else ""
        print(f"{h['platform']}: {h['state'].upper()}{since}; in use: pack {' + '.join(h['in_use'])}")
        if h["reason"]:
            print(f"  {h['reason']}")
        for v in h["versions"]:
            if not v["scans"]:
                print(f"  pack {v['version']}: no scans yet")
                continue
            rows = [("  pack " + v["version"], "scans", "dom", "ocr", "missed", "DOM rate")]
            for key, x in v["settings"].items():
                rows.append((f"    {key}", str(x["scans"]), str(x["dom"]), str(x["ocr"]), str(x["missed"]),
                             f"{x['dom_rate']:.0%}"))
            print("\n".join(_table(rows)))
    return 0


# ---- validate ------------------------------------------------------------------------------------

async def run_validate(args: argparse.Namespace) -> int:
    from playwright.async_api import async_playwright

    from packs.fixtures import check_fixtures
    from scanner.pool import CHROMIUM_ARGS

    s = get_settings()
    _, pack = _read_pack_file(args.path)
    if not pack.fixture_variants:
        raise InvalidInput(f"{args.path}: the pack names no fixture_variants, so there is nothing to check it on")
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=s.chromium_path, args=list(CHROMIUM_ARGS))
        try:
            page = await browser.new_page()
            rows = await check_fixtures(page, pack)
        finally:
            await browser.close()
    failed = [r for r in rows if r["outcome"] != "found"]
    if args.json:
        print(_dump({"platform": pack.platform, "version": pack.version, "ok": not failed and bool(rows),
                     "rows": rows}))
    else:
        table = [("variant", "page", "setting", "expected", "read", "outcome", "found by")]
        for r in rows:
            table.append((r["variant"], r["page"], r["key"], str(r["expected"]), str(r["value"] or "-"),
                          r["outcome"].replace("_", " "), str(r.get("found_by") or "-")))
        print(f"{pack.platform}/{pack.version}: schema ok; fixtures {', '.join(pack.fixture_variants)}")
        print("\n".join(_table(table)))
        print(f"{len(rows) - len(failed)} of {len(rows)} readings right"
              + (f"; {len(failed)} failed" if failed else ": the pack is valid"))
    await _audit_best_effort(s, actor=f"operator:{_by(args)}", action="pack.validated",
                             subject=f"pack:{pack.platform}/{pack.version}",
                             details={"path": str(args.path), "checked": len(rows), "failed": len(failed)})
    return 1 if failed or not rows else 0


# ---- dry-run -------------------------------------------------------------------------------------

def _cell(result: ScanResult, key: str) -> str:
    if result.status in ("reauth_required", "verification_required", "failed") and not result.readings:
        return f"({result.status})"
    for r in result.readings:
        if r.key == key and r.value is not None:
            return f"{r.value} [{r.method} {r.confidence:.2f}{' uncertain' if r.uncertain else ''}]"
    return "(missed)"


async def run_dry_run(args: argparse.Namespace) -> int:
    from packs.dry_run import DrySubject, compare_packs, subjects_from_profiles
    from scanner.pool import BrowserPool

    s = get_settings()
    platform = _platform(args.platform)
    _, candidate = _read_pack_file(args.path)
    if candidate.platform != platform:
        raise InvalidInput(f"{args.path} is a {candidate.platform} pack, not {platform}")
    if not 1 <= args.sample <= 50:
        raise InvalidInput("--sample must be between 1 and 50")
    if args.variant and not args.simulators:
        raise InvalidInput("--variant chooses a simulator design; use it with --simulators")
    async with _database(s) as db:
        with contextlib.ExitStack() as stack:  # stops the in-process simulator, if one was started
            if args.simulators:
                from standins.platforms import Simulator

                sim = stack.enter_context(Simulator())
                if args.variant:
                    sim.set_variant(platform, args.variant)
                subjects = [DrySubject(subject=f"simulator account dryrun{i + 1}",
                                       profile=SessionProfile(platform=platform,
                                                              cookies=sim.sign_in(platform, f"dryrun{i + 1}")))
                            for i in range(args.sample)]
                pool = BrowserPool(browsers=1, concurrency=2, resolve_rules=sim.resolve_rule(),
                                   ignore_https_errors=True)
            else:
                subjects = await subjects_from_profiles(db, s, platform, args.sample)
                if not subjects:
                    raise NotFound(f"no live {platform} profile to dry-run on; connect one, or use --simulators")
                pool = BrowserPool(browsers=1, concurrency=2, resolve_rules=s.browser_resolve_rules,
                                   ignore_https_errors=s.browser_ignore_https_errors)
            async with pool:
                samples = await compare_packs(db, pool, candidate, subjects, actor=f"operator:{_by(args)}",
                                              source="simulators" if args.simulators else "profiles",
                                              path=str(args.path))
    return _print_dry_run(args, candidate, samples)


def _print_dry_run(args: argparse.Namespace, candidate: Any, samples: list[Any]) -> int:
    from packs.dry_run import confident_value, differing_keys

    keys = [st.key for st in candidate.settings]
    if args.json:
        print(_dump({"platform": candidate.platform, "candidate_version": candidate.version, "samples": [
            {"subject": x.subject,
             "current": {"pack_version": x.current.pack_version, "status": x.current.status,
                         "readings": {r.key: msgspec.to_builtins(r) for r in x.current.readings}},
             "candidate": {"pack_version": x.candidate.pack_version, "status": x.candidate.status,
                           "readings": {r.key: msgspec.to_builtins(r) for r in x.candidate.readings}},
             "differs": differing_keys(x, candidate)}
            for x in samples]}))
    else:
        for x in samples:
            print(f"{x.subject}: current pack {x.current.pack_version} {x.current.status}, "
                  f"candidate pack {x.candidate.pack_version} {x.candidate.status}")
            rows = [("  setting", f"current ({x.current.pack_version})", f"candidate ({x.candidate.pack_version})", "")]
            for k in keys:
                same = confident_value(x.current, k) == confident_value(x.candidate, k)
                rows.append((f"  {k}", _cell(x.current, k), _cell(x.candidate, k), "" if same else "differs"))
            print("\n".join(_table(rows)))
        ok = sum(x.candidate.status == "ok" for x in samples)
        print(f"candidate read every setting in {ok} of {len(samples)} samples; nothing was stored")
    return 0 if all(x.candidate.status == "ok" for x in samples) else 1


# ---- publish / activate / rollback ---------------------------------------------------------------

async def run_publish(args: argparse.Namespace) -> int:
    from packs.lifecycle import publish_pack

    text, _ = _read_pack_file(args.path)
    async with _database(get_settings()) as db:
        done = await publish_pack(db, text, by=_by(args), source=str(args.path))
    what = "published" if done.created else "already published with the same content (nothing changed)"
    print(f"{done.platform}/{done.version} {what}; sha256 {done.content_sha256}")
    return 0


async def _step(args: argparse.Namespace, step: str) -> int:
    from packs import lifecycle
    from packs.health import evaluate_platform

    s = get_settings()
    platform = _platform(args.platform)
    async with _database(s) as db:
        async with db.acquire() as conn:
            if step == "activate":
                state = await lifecycle.activate(conn, platform, args.version, by=_by(args), canary_percent=args.canary)
            else:
                state = await lifecycle.rollback(conn, platform, by=_by(args))
        health = await evaluate_platform(db, platform, s, _mailer(s))
    if state.canary_version:
        print(f"{platform}: {state.canary_percent}% of connections now use pack {state.canary_version}; "
              f"the rest stay on {state.active_version} (from their next scan)")
    else:
        verb = "rolled back to" if step == "rollback" else "now uses"
        print(f"{platform}: every scan {verb} pack {state.active_version} (from the next scan)")
    print(f"{platform} health: {health.state}" + (f" ({health.reason})" if health.state != "ok" else ""))
    return 0


async def run_activate(args: argparse.Namespace) -> int:
    return await _step(args, "activate")


async def run_rollback(args: argparse.Namespace) -> int:
    return await _step(args, "rollback")


# ---- reextract -----------------------------------------------------------------------------------

def _since(text: str | None) -> datetime | None:
    if text is None:
        return None
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"--since {text!r} is not a date or time (ISO 8601, e.g. 2026-11-20)") from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


async def run_reextract(args: argparse.Namespace) -> int:
    from core.crypto import key_ring_from_settings
    from packs.reextract import reextract
    from scanner.pool import BrowserPool
    from store.blobs import blob_store_from_settings

    s = get_settings()
    platform = _platform(args.platform)
    since = _since(args.since)
    async with _database(s) as db, BrowserPool(browsers=1, concurrency=1) as pool:
        report = await reextract(db, blob_store_from_settings(s), key_ring_from_settings(
            s.encryption_keys, s.is_production), pool, platform, args.version, since=since,
            dry_run=args.dry_run, by=f"operator:{_by(args)}")
    if args.json:
        print(_dump(msgspec.to_builtins(report)))
        return 0
    scans = sum(len(c.scans) for c in report.connections)
    for c in report.connections:
        print(f"connection {c.connection_id} (user {c.user_id}):")
        for x in c.scans:
            what = ", ".join(f"{ch.key} {ch.before or '-'} -> {ch.after or '-'}" for ch in x.changes) or "no change"
            written = f"; corrected snapshot {x.snapshot_id}" if x.snapshot_id else ""
            print(f"  scan {x.scan_job_id} at {x.scanned_at:%Y-%m-%d %H:%M:%S} (pack {x.before_version} "
                  f"{x.before_status} -> pack {report.version} {x.after_status}): {what}{written}")
    verb = "would change" if report.dry_run else "changed"
    print(f"{platform}: {scans} kept scans read with pack {report.version}; readings {verb} in {report.scans_changed}"
          + ("; nothing was written" if report.dry_run else "; no change alert was raised"))
    return 0
