"""Billing e-mails waiting to go out (a transactional outbox): billing writes a notice in the
transaction that changes the state, the scheduler sends it and marks it sent. One row per
(user, kind, dedupe key), so one e-mail per step however often the step is reached."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec

from store.db import Conn, as_uuid


class BillingNotice(msgspec.Struct, kw_only=True, frozen=True):
    id: int
    user_id: str
    kind: str
    dedupe_key: str
    details: dict[str, Any]
    created_at: datetime


async def add_notice(conn: Conn, user_id: str, kind: str, dedupe_key: str,
                     details: dict[str, Any] | None = None) -> bool:
    """Queue a notice; False when this (user, kind, dedupe key) was queued before."""
    got = await conn.fetchval(
        "INSERT INTO billing_notices (user_id, kind, dedupe_key, details) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (user_id, kind, dedupe_key) DO NOTHING RETURNING id",
        as_uuid(user_id, "user id"), kind, dedupe_key, details or {})
    return got is not None


async def unsent(conn: Conn, limit: int = 100) -> list[BillingNotice]:
    rows = await conn.fetch(
        "SELECT id, user_id::text, kind, dedupe_key, details, created_at FROM billing_notices "
        "WHERE sent_at IS NULL ORDER BY created_at LIMIT $1", limit)
    return [BillingNotice(**dict(r)) for r in rows]


async def mark_sent(conn: Conn, notice_id: int) -> None:
    await conn.execute("UPDATE billing_notices SET sent_at = now() WHERE id = $1", notice_id)


async def notices_of(conn: Conn, user_id: str) -> list[BillingNotice]:
    rows = await conn.fetch(
        "SELECT id, user_id::text, kind, dedupe_key, details, created_at FROM billing_notices "
        "WHERE user_id = $1 ORDER BY id", as_uuid(user_id, "user id"))
    return [BillingNotice(**dict(r)) for r in rows]
