"""Repositories the API needs beyond the base ones: API keys, the extension's submitted scan
results, the per-user export and erasure. Every query on user data takes the user id
(API-key lookup by hash is authentication itself, and is the one exception)."""

from __future__ import annotations

import base64
import uuid
from datetime import datetime
from typing import Any

import asyncpg
import msgspec

from core.types import ScanResult
from store.db import Conn, as_uuid, maybe_struct, record_struct, record_structs

Conn = Conn

# ---- API keys ---------------------------------------------------------------------------------

_KEY = "id, user_id, name, prefix, scopes, created_at, last_used_at, expires_at, revoked_at"


class ApiKey(msgspec.Struct, kw_only=True, frozen=True):
    """An API key's row without its hash (the key itself is never stored)."""

    id: str
    user_id: str
    name: str
    prefix: str
    scopes: list[str]
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None


class AuthenticatedKey(ApiKey, kw_only=True, frozen=True):
    """A live key found by its hash, with its owner's role."""

    role: str


async def create_api_key(
    conn: Conn, user_id: str, *, name: str, prefix: str, key_hash: str, scopes: list[str],
    expires_at: datetime | None = None,
) -> ApiKey:
    row = await conn.fetchrow(
        f"INSERT INTO api_keys (user_id, name, prefix, key_hash, scopes, expires_at) "
        f"VALUES ($1, $2, $3, $4, $5, $6) RETURNING {_KEY}",
        as_uuid(user_id, "user id"), name, prefix, key_hash, scopes, expires_at)
    return record_struct(row, ApiKey)


async def authenticate_api_key(conn: Conn, key_hash: str) -> AuthenticatedKey | None:
    """The live key with that hash, with its owner's role; notes the use. None when unknown,
    revoked, expired or the owner is gone."""
    row = await conn.fetchrow(
        f"""
        UPDATE api_keys k SET last_used_at = now() FROM users u
        WHERE k.key_hash = $1 AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now())
          AND u.id = k.user_id AND u.deleted_at IS NULL
        RETURNING {", ".join("k." + c.strip() for c in _KEY.split(","))}, u.role
        """, key_hash)
    return maybe_struct(row, AuthenticatedKey)


async def list_api_keys(conn: Conn, user_id: str) -> list[ApiKey]:
    rows = await conn.fetch(f"SELECT {_KEY} FROM api_keys WHERE user_id = $1 ORDER BY created_at DESC",
                            as_uuid(user_id, "user id"))
    return record_structs(rows, ApiKey)


async def revoke_api_key(conn: Conn, user_id: str, key_id: str) -> bool:
    done = await conn.execute(
        "UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL",
        as_uuid(key_id, "key id"), as_uuid(user_id, "user id"))
    return not done.endswith(" 0")


# ---- scan jobs: what the base repository (store.jobs) does not cover ----------------------------

async def attach_submitted_result(conn: Conn, user_id: str, job_id: str, result: ScanResult) -> None:
    """Keep the ScanResult the extension submitted (as JSON), for the pipeline to process."""
    await conn.execute(
        "UPDATE scan_jobs SET submitted_result = $3::text::jsonb WHERE id = $1 AND user_id = $2",
        as_uuid(job_id, "scan job id"), as_uuid(user_id, "user id"), msgspec.json.encode(result).decode())


async def submitted_result(conn: Conn, user_id: str, job_id: str) -> ScanResult | None:
    """The ScanResult the extension submitted for this job; None for server scans. Read as text, so
    it decodes the same on a connection without the pool's JSON codec."""
    raw = await conn.fetchval(
        "SELECT submitted_result::text FROM scan_jobs WHERE id = $1 AND user_id = $2",
        as_uuid(job_id, "scan job id"), as_uuid(user_id, "user id"))
    return None if raw is None else msgspec.json.decode(raw, type=ScanResult)


# ---- export -----------------------------------------------------------------------------------

# every table that holds the user's data, with the columns safe to hand back (no password hash,
# no key hash, no cookie jar): one Struct per table, whose fields are the columns the query selects


class ExportedUser(msgspec.Struct, kw_only=True, frozen=True):
    id: str
    email: str
    name: str | None
    role: str
    created_at: datetime
    updated_at: datetime


class ExportedConnection(msgspec.Struct, kw_only=True, frozen=True):
    id: str
    platform: str
    connection_status: str
    last_scan_at: datetime | None
    last_scan_status: str | None
    scan_interval_s: int
    next_scan_at: datetime | None
    created_at: datetime


class ExportedProfile(msgspec.Struct, kw_only=True, frozen=True):
    """A session profile described (platform, count, expiry), never its jar."""

    id: str
    platform: str
    key_id: str | None
    cookie_count: int
    user_agent: str | None
    locale: str
    timezone: str
    viewport: dict[str, Any] | None
    expires_at: datetime | None
    revoked_at: datetime | None
    created_at: datetime
    updated_at: datetime


class ExportedScanJob(msgspec.Struct, kw_only=True, frozen=True):
    id: str
    connection_id: str
    status: str
    trigger: str
    progress: int
    error: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


class ExportedSnapshot(msgspec.Struct, kw_only=True, frozen=True):
    id: str
    connection_id: str
    platform: str
    r2_file_path: str
    content_hash: str
    scan_status: str
    pack_version: str
    readings: list[dict[str, Any]]
    scan_duration_ms: int | None
    created_at: datetime


class ExportedEvent(msgspec.Struct, kw_only=True, frozen=True):
    id: str
    platform: str
    change_type: str
    change_data: dict[str, Any]
    impact_level: str
    r2_file_path: str
    user_notified: bool
    created_at: datetime


class ExportedAnalysis(msgspec.Struct, kw_only=True, frozen=True):
    """An analysis as stored (its JSON columns as written, older shapes included)."""

    id: str
    connection_id: str
    analysis_summary: Any
    privacy_score: int | None
    recommendations: Any
    analyser: str
    file_path: str
    created_at: datetime


class ExportedPreferences(msgspec.Struct, kw_only=True, frozen=True):
    email_enabled: bool
    change_notifications: bool
    recommendation_notifications: bool
    scan_failure_notifications: bool
    frequency: str
    updated_at: datetime


class ExportedSubscription(msgspec.Struct, kw_only=True, frozen=True):
    plan: str | None
    status: str
    current_period_start: datetime | None
    current_period_end: datetime | None
    created_at: datetime


class ExportedPairing(msgspec.Struct, kw_only=True, frozen=True):
    id: str
    device_name: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
    revoked_reason: str | None


class ExportedAuditEntry(msgspec.Struct, kw_only=True, frozen=True):
    actor: str
    action: str
    subject: str
    details: Any
    created_at: datetime


class UserExport(msgspec.Struct, kw_only=True, frozen=True):
    """Everything the database holds about one user, table by table (the GDPR export's data)."""

    user: list[ExportedUser]
    connections: list[ExportedConnection]
    session_profiles: list[ExportedProfile]
    scan_jobs: list[ExportedScanJob]
    snapshots: list[ExportedSnapshot]
    change_events: list[ExportedEvent]
    analyses: list[ExportedAnalysis]
    notification_preferences: list[ExportedPreferences]
    subscriptions: list[ExportedSubscription]
    api_keys: list[ApiKey]
    extension_pairings: list[ExportedPairing]
    audit_log: list[ExportedAuditEntry]


def _columns(kind: type[msgspec.Struct], prefix: str = "") -> str:
    return ", ".join(prefix + name for name in kind.__struct_fields__)


# the query of each UserExport field; the selected columns are the row Struct's fields
_EXPORT_QUERIES: dict[str, str] = {
    "user": f"SELECT {_columns(ExportedUser)} FROM users WHERE id = $1",
    "connections": f"SELECT {_columns(ExportedConnection, 'c.').replace('c.platform', 'p.slug AS platform')} "
                   "FROM user_platform_connections c JOIN privacy_platforms p ON p.id = c.platform_id "
                   "WHERE c.user_id = $1 ORDER BY c.created_at",
    "session_profiles": f"SELECT {_columns(ExportedProfile)} FROM session_profiles WHERE user_id = $1 "
                        "ORDER BY platform",
    "scan_jobs": f"SELECT {_columns(ExportedScanJob)} FROM scan_jobs WHERE user_id = $1 ORDER BY created_at",
    "snapshots": f"SELECT {_columns(ExportedSnapshot)} FROM privacy_snapshots WHERE user_id = $1 "
                 "ORDER BY created_at",
    "change_events": f"SELECT {_columns(ExportedEvent)} FROM privacy_change_events WHERE user_id = $1 "
                     "ORDER BY created_at",
    "analyses": f"SELECT {_columns(ExportedAnalysis, 'a.')} FROM privacy_analyses a "
                "JOIN user_platform_connections c ON c.id = a.connection_id WHERE c.user_id = $1 "
                "ORDER BY a.created_at",
    "notification_preferences": f"SELECT {_columns(ExportedPreferences)} FROM notification_preferences "
                                "WHERE user_id = $1",
    "subscriptions": f"SELECT {_columns(ExportedSubscription)} FROM subscriptions WHERE user_id = $1",
    "api_keys": f"SELECT {_KEY} FROM api_keys WHERE user_id = $1 ORDER BY created_at",
    "extension_pairings": f"SELECT {_columns(ExportedPairing)} FROM extension_pairings WHERE user_id = $1 "
                          "ORDER BY created_at",
    "audit_log": f"SELECT {_columns(ExportedAuditEntry)} FROM audit_log WHERE user_id = $1 ORDER BY created_at, id",
}


async def export_user_rows(conn: Conn, user_id: str) -> UserExport:
    """Everything the database holds about the user, table by table (secrets left out)."""
    uid = as_uuid(user_id, "user id")
    kinds = {f.name: f.type.__args__[0] for f in msgspec.structs.fields(UserExport)}
    return UserExport(**{name: record_structs(await conn.fetch(sql, uid), kinds[name])
                         for name, sql in _EXPORT_QUERIES.items()})


async def erase_user_rows(conn: asyncpg.Connection, user_id: str) -> dict[str, int]:
    """Delete the user and every row about them (cascades, plus the audit entries that are keyed by
    user id without a foreign key). Returns row counts per table for the erasure audit entry."""
    uid = as_uuid(user_id, "user id")
    counts: dict[str, int] = {}
    async with conn.transaction():
        for table in ("privacy_change_events", "privacy_snapshots", "session_profiles", "scan_jobs"):
            done = await conn.execute(f"DELETE FROM {table} WHERE user_id = $1", uid)
            counts[table] = int(done.rsplit(" ", 1)[1])
        done = await conn.execute("DELETE FROM audit_log WHERE user_id = $1", uid)
        counts["audit_log"] = int(done.rsplit(" ", 1)[1])
        done = await conn.execute("DELETE FROM users WHERE id = $1", uid)
        counts["users"] = int(done.rsplit(" ", 1)[1])
    return counts


# ---- change-event pages -----------------------------------------------------------------------

def event_cursor(created_at: datetime, event_id: str) -> str:
    """The opaque cursor that resumes ``event_page`` after this event (the API's and the pages')."""
    raw = f"{created_at.isoformat()}|{event_id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def parse_event_cursor(cursor: str) -> tuple[datetime, str] | None:
    """The (created_at, id) behind a cursor ``event_cursor`` gave out; None for anything else."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        at, _, event_id = raw.partition("|")
        return datetime.fromisoformat(at), str(uuid.UUID(event_id))
    except (ValueError, UnicodeDecodeError):
        return None


class EventEntry(msgspec.Struct, kw_only=True, frozen=True):
    """A change event as the history page and API list it."""

    id: str
    platform: str
    change_type: str
    change_data: dict[str, Any]
    impact_level: str
    created_at: datetime


async def event_page(
    conn: Conn, user_id: str, *, platform: str | None = None, impact_level: str | None = None,
    after: tuple[datetime, str] | None = None, limit: int = 50,
) -> list[EventEntry]:
    """The user's change events, newest first, keyset-paged on (created_at, id): events written in
    one statement share a timestamp, so the id breaks ties and no event falls between pages."""
    at, last_id = after if after else (None, None)
    rows = await conn.fetch(
        "SELECT id, platform, change_type, change_data, impact_level, created_at "
        "FROM privacy_change_events WHERE user_id = $1 "
        "AND ($2::text IS NULL OR platform = $2) AND ($3::text IS NULL OR impact_level = $3) "
        "AND ($4::timestamptz IS NULL OR (created_at, id) < ($4, $5::uuid)) "
        "ORDER BY created_at DESC, id DESC LIMIT $6",
        as_uuid(user_id, "user id"), platform, impact_level, at,
        as_uuid(last_id, "cursor id") if last_id else None, limit)
    return record_structs(rows, EventEntry)


class LatestReadings(msgspec.Struct, kw_only=True, frozen=True):
    """The readings of a connection's newest usable snapshot (``readings``: the scan's JSON list)."""

    id: str
    scan_status: str
    pack_version: str
    readings: list[dict[str, Any]]
    created_at: datetime


async def latest_readings(conn: Conn, user_id: str, connection_id: str) -> LatestReadings | None:
    """The newest snapshot of the connection that holds readings (ok or partial), for the dashboard:
    a partial scan still shows what it read (its uncertain readings flagged)."""
    row = await conn.fetchrow(
        "SELECT id, scan_status, pack_version, readings, created_at FROM privacy_snapshots "
        "WHERE user_id = $1 AND connection_id = $2 AND scan_status IN ('ok', 'partial') "
        "ORDER BY created_at DESC LIMIT 1", as_uuid(user_id, "user id"), as_uuid(connection_id, "connection id"))
    return maybe_struct(row, LatestReadings)
