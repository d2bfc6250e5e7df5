"""Audit log: who did what to which subject. Never put secrets in ``details``."""

from __future__ import annotations

from typing import Any

from store.db import Conn, as_uuid, row_dicts


async def record(
    conn: Conn, *, actor: str, action: str, subject: str = "",
    user_id: str | None = None, details: dict[str, Any] | None = None,
) -> int:
    """Append an entry; returns its id. ``actor`` like 'user:<id>', 'operator:<id>', 'worker'."""
    return await conn.fetchval(
        "INSERT INTO audit_log (actor, action, subject, user_id, details) VALUES ($1, $2, $3, $4, $5) "
        "RETURNING id", actor, action, subject, as_uuid(user_id, "user id") if user_id else None,
        details or {})


async def entries_for_user(conn: Conn, user_id: str, limit: int = 100) -> list[dict[str, Any]]:
    """Entries about the user, newest first (what the user may see of their own audit trail)."""
    rows = await conn.fetch(
        "SELECT id, actor, action, subject, user_id, details, created_at FROM audit_log "
        "WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2", as_uuid(user_id, "user id"), limit)
    return row_dicts(rows)


async def entries_for_subject(conn: Conn, subject: str, limit: int = 100) -> list[dict[str, Any]]:
    """Entries about a subject (e.g. 'pack:google/2'), newest first; operator views only."""
    rows = await conn.fetch(
        "SELECT id, actor, action, subject, user_id, details, created_at FROM audit_log "
        "WHERE subject = $1 ORDER BY created_at DESC, id DESC LIMIT $2", subject, limit)
    return row_dicts(rows)
