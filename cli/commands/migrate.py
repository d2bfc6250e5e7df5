"""`loopwho migrate`: apply the database migrations not applied yet (safe to run any time)."""

from __future__ import annotations

import argparse

from core.settings import get_settings
from store.migrate import apply_migrations
from store.partitions import ensure_partitions


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("migrate", help="apply pending database migrations (idempotent)")
    p.add_argument("--database-url", help="PostgreSQL URL (default: DATABASE_URL / settings)")
    p.set_defaults(func=run)


async def run(args: argparse.Namespace) -> int:
    from store.db import connect

    dsn = args.database_url or get_settings().database_url
    applied = await apply_migrations(dsn)
    if applied:
        for name in applied:
            print(f"applied {name}")
    else:
        print("database is up to date")
    conn = await connect(dsn)
    try:
        created = await ensure_partitions(conn)
    finally:
        await conn.close()
    for name in created:
        print(f"created partition {name}")
    return 0
