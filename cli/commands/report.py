"""`loopwho report`: the seed's three analytics queries over change events, and a user's plan."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from typing import Any

import msgspec

from billing.usage import plan_status
from core.errors import InvalidInput, NotFound
from core.settings import get_settings
from store import analytics, users
from store.db import as_uuid, connect


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1 or value > 3650:
        raise argparse.ArgumentTypeError("must be between 1 and 3650")
    return value


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="change reports: a user's changes, daily trends, heavy users; a user's plan")
    p.add_argument("--database-url", help="PostgreSQL URL (default: DATABASE_URL / settings)")
    kinds = p.add_subparsers(dest="report", metavar="REPORT", required=True)
    changes = kinds.add_parser("changes", help="a user's changes in the last 30 days")
    changes.add_argument("--user", required=True, help="the user's id (UUID)")
    trends = kinds.add_parser("trends", help="changes per platform and day, with the high-impact share")
    trends.add_argument("--days", type=_positive, default=90)
    heavy = kinds.add_parser("heavy-users", help="users with more than THRESHOLD changes in DAYS")
    heavy.add_argument("--days", type=_positive, default=7)
    heavy.add_argument("--threshold", type=int, default=5)
    plan = kinds.add_parser("plan", help="a user's plan: credits, usage this period, limits, next scan")
    plan.add_argument("--user", required=True, help="the user's id (UUID)")
    for kind in (changes, trends, heavy, plan):
        kind.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run)


async def run(args: argparse.Namespace) -> int:
    if args.report in ("changes", "plan"):
        as_uuid(args.user, "user id")
    if args.report == "heavy-users" and args.threshold < 0:
        raise InvalidInput("--threshold must be 0 or more")
    conn = await connect(args.database_url or get_settings().database_url)
    rows: Sequence[msgspec.Struct]
    try:
        if args.report == "plan":
            return await _plan(conn, args.user, args.json)
        if args.report == "changes":
            rows = await analytics.changes_last_30_days(conn, args.user)
            columns = ("created_at", "platform", "change_type", "impact_level", "user_notified")
        elif args.report == "trends":
            rows = await analytics.daily_trends(conn, args.days)
            columns = ("day", "platform", "change_count", "high_impact_ratio")
        else:
            rows = await analytics.users_with_many_changes(conn, args.days, args.threshold)
            columns = ("user_id", "platform", "change_count")
    finally:
        await conn.close()
    if args.json:
        # the rows' own fields, in column order; default=str writes dates as before
        print(json.dumps([msgspec.structs.asdict(r) for r in rows], default=str, indent=2))
    else:
        _print_table(rows, columns)
    return 0


async def _plan(conn: Any, user_id: str, as_json: bool) -> int:
    try:
        await users.get_user(conn, user_id)
    except NotFound:
        raise InvalidInput(f"no user {user_id}") from None
    status = msgspec.to_builtins(await plan_status(conn, user_id))
    if as_json:
        print(json.dumps(status, indent=2))
        return 0
    width = max(len(k) for k in status)
    for key, value in status.items():
        print(f"{key.ljust(width)}  {'-' if value is None else value}")
    return 0


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def _print_table(rows: Sequence[msgspec.Struct], columns: Sequence[str]) -> None:
    if not rows:
        print("no changes")
        return
    cells = [[_cell(getattr(r, c)) for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)))
    for row in cells:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)))
