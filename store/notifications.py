"""Notification preferences (seed) and the sent-mail record that makes every e-mail once-only."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec

from core.errors import InvalidInput
from store.db import Conn, as_uuid, record_struct

FREQUENCIES = ("immediate", "daily", "weekly")


class StoredPreferences(msgspec.Struct, kw_only=True, frozen=True):
    """A user's e-mail preferences; the defaults are the seed's, for a user who never set any."""

    email_enabled: bool = True
    change_notifications: bool = True
    recommendation_notifications: bool = True
    scan_failure_notifications: bool = True
    frequency: str = "immediate"


_PREF_FIELDS = StoredPreferences.__struct_fields__


async def get_preferences(conn: Conn, user_id: str) -> StoredPreferences:
    """The user's preferences; the seed's defaults when they never set any."""
    row = await conn.fetchrow(
        f"SELECT {', '.join(_PREF_FIELDS)} FROM notification_preferences WHERE user_id = $1",
        as_uuid(user_id, "user id"))
    return record_struct(row, StoredPreferences) if row else StoredPreferences()


async def set_preferences(conn: Conn, user_id: str, **changes: Any) -> StoredPreferences:
    unknown = sorted(set(changes) - set(_PREF_FIELDS))
    if unknown:
        raise InvalidInput(f"unknown notification preference(s): {', '.join(unknown)}")
    if "frequency" in changes and changes["frequency"] not in FREQUENCIES:
        raise InvalidInput(f"frequency must be one of {', '.join(FREQUENCIES)}")
    merged = {**msgspec.structs.asdict(await get_preferences(conn, user_id)), **changes}
    row = await conn.fetchrow(
        """
        INSERT INTO notification_preferences (user_id, email_enabled, change_notifications,
            recommendation_notifications, scan_failure_notifications, frequency)
        VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT (user_id) DO UPDATE SET email_enabled = EXCLUDED.email_enabled,
            change_notifications = EXCLUDED.change_notifications,
            recommendation_notifications = EXCLUDED.recommendation_notifications,
            scan_failure_notifications = EXCLUDED.scan_failure_notifications,
            frequency = EXCLUDED.frequency, updated_at = now()
        RETURNING email_enabled, change_notifications, recommendation_notifications,
            scan_failure_notifications, frequency
        """, as_uuid(user_id, "user id"), *(merged[f] for f in _PREF_FIELDS))
    return record_struct(row, StoredPreferences)


async def claim_send(conn: Conn, user_id: str, kind: str, dedupe_key: str) -> bool:
    """Reserve the right to send one e-mail; False when it was claimed before (do not send)."""
    got = await conn.fetchval(
        "INSERT INTO notifications_sent (user_id, kind, dedupe_key) VALUES ($1, $2, $3) "
        "ON CONFLICT (user_id, kind, dedupe_key) DO NOTHING RETURNING id",
        as_uuid(user_id, "user id"), kind, dedupe_key)
    return got is not None


async def release_claim(conn: Conn, user_id: str, kind: str, dedupe_key: str) -> None:
    """Undo a claim whose send failed, so a retry may send it."""
    await conn.execute(
        "DELETE FROM notifications_sent WHERE user_id = $1 AND kind = $2 AND dedupe_key = $3 "
        "AND provider_id IS NULL", as_uuid(user_id, "user id"), kind, dedupe_key)


async def confirm_send(
    conn: Conn, user_id: str, kind: str, dedupe_key: str, provider_id: str
) -> None:
    """Record the provider's message id once the e-mail went out."""
    await conn.execute(
        "UPDATE notifications_sent SET provider_id = $4 WHERE user_id = $1 AND kind = $2 AND dedupe_key = $3",
        as_uuid(user_id, "user id"), kind, dedupe_key, provider_id)


async def send_state(conn: Conn, user_id: str, kind: str, dedupe_key: str) -> str:
    """'free' (never claimed), 'claimed' (claimed, send not confirmed: in doubt) or 'sent'."""
    row = await conn.fetchrow(
        "SELECT provider_id FROM notifications_sent WHERE user_id = $1 AND kind = $2 AND dedupe_key = $3",
        as_uuid(user_id, "user id"), kind, dedupe_key)
    if row is None:
        return "free"
    return "claimed" if row["provider_id"] is None else "sent"


async def last_sent_at(conn: Conn, user_id: str, kind: str) -> datetime | None:
    return await conn.fetchval(
        "SELECT max(created_at) FROM notifications_sent WHERE user_id = $1 AND kind = $2 "
        "AND provider_id IS NOT NULL", as_uuid(user_id, "user id"), kind)
