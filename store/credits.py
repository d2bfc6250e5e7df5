"""Credits ledger: append-only entries, each with a unique idempotency key (a retried Stripe webhook
or scan charge adds nothing twice). The balance is the sum of the user's deltas."""

from __future__ import annotations

from store.db import Conn, as_uuid


async def add_entry(
    conn: Conn, user_id: str, delta: int, reason: str, idempotency_key: str
) -> bool:
    """Append an entry; False when one with this idempotency key exists already."""
    got = await conn.fetchval(
        "INSERT INTO credits_ledger (user_id, delta, reason, idempotency_key) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (idempotency_key) DO NOTHING RETURNING id",
        as_uuid(user_id, "user id"), delta, reason, idempotency_key)
    return got is not None


async def balance(conn: Conn, user_id: str) -> int:
    return await conn.fetchval(
        "SELECT coalesce(sum(delta), 0)::int FROM credits_ledger WHERE user_id = $1",
        as_uuid(user_id, "user id"))
