"""Audit log: who did what to which subject. Never put secrets in ``details``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec

from store.db import Conn, as_uuid

_ENTRY = "id, actor, action, subject, user_id::text AS user_id, details, created_at"


class AuditEntry(msgspec.Struct, kw_only=True, frozen=True):
    id: int
    actor: str
    action: str
    subject: str
    user_id: str | None
    details: dict[str, Any]
    created_at: datetime


async def record(
    conn: Conn, *, actor: str, action: str, subject: str = "",
    user_id: str | None = None, details: dict[str, Any] | None = None,
) -> int:
    """Append an entry; returns its id. ``actor`` like 'user:<id>', 'operator:<id>', 'worker'."""
    return await conn.fetchval(
        "INSERT INTO audit_log (actor, action, subject, user_id, details) VALUES ($1, $2, $3, $4, $5) "
        "RETURNING id", actor, action, subject, as_uuid(user_id, "user id") if user_id else None,
        details or {})


async def entries_for_user(conn: Conn, user_id: str, limit: int = 100) -> list[AuditEntry]:
    """Entries about the user, newest first (what the user may see of their own audit trail)."""
    rows = await conn.fetch(
        f"SELECT {_ENTRY} FROM audit_log "
        "WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2", as_uuid(user_id, "user id"), limit)
    return [AuditEntry(**dict(r)) for r in rows]


async def entries_for_subject(conn: Conn, subject: str, limit: int = 100) -> list[AuditEntry]:
    """Entries about a subject (e.g. 'pack:google/2'), newest first; operator views only."""
    rows = await conn.fetch(
        f"SELECT {_ENTRY} FROM audit_log "
        "WHERE subject = $1 ORDER BY created_at DESC, id DESC LIMIT $2", subject, limit)
    return [AuditEntry(**dict(r)) for r in rows]
