"""Scan jobs: the status a user sees (queued, running, done, failed, reauth_required) with progress.
At most one live (queued or running) job per connection, enforced by a unique index."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import msgspec

from core.errors import InvalidInput, NotFound
from store.db import Conn, as_uuid, record_struct, record_structs

STATUSES = ("queued", "running", "done", "failed", "reauth_required")
FINAL = ("done", "failed", "reauth_required")
_COLUMNS = ("id, user_id, connection_id, status, trigger, progress, error, rq_job_id, created_at, "
            "started_at, finished_at")


class ScanJob(msgspec.Struct, kw_only=True, frozen=True):
    """A ``scan_jobs`` row (without the submitted readings: ``store.accounts.submitted_result``)."""

    id: str
    user_id: str
    connection_id: str
    status: Literal["queued", "running", "done", "failed", "reauth_required"]
    trigger: str
    progress: int
    error: str | None
    rq_job_id: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


class ScanJobOnPlatform(ScanJob, kw_only=True, frozen=True):
    """A scan job with its connection's platform slug ("" when the connection is gone)."""

    platform: str


class StaleJob(msgspec.Struct, kw_only=True, frozen=True):
    id: str
    status: str


async def create_job(
    conn: Conn, user_id: str, connection_id: str, *, trigger: str = "schedule"
) -> tuple[ScanJob, bool]:
    """Queue a scan of the user's connection. Returns (job, created): when a live job exists
    already, that one comes back with created=False, so a second "scan now" never doubles up."""
    uid, cid = as_uuid(user_id, "user id"), as_uuid(connection_id, "connection id")
    row = await conn.fetchrow(
        f"""
        INSERT INTO scan_jobs (user_id, connection_id, trigger)
        SELECT $1, c.id, $3 FROM user_platform_connections c WHERE c.id = $2 AND c.user_id = $1
        ON CONFLICT (connection_id) WHERE status IN ('queued', 'running') DO NOTHING
        RETURNING {_COLUMNS}
        """, uid, cid, trigger)
    if row is not None:
        return record_struct(row, ScanJob), True
    live = await conn.fetchrow(
        f"SELECT {_COLUMNS} FROM scan_jobs WHERE connection_id = $1 AND user_id = $2 "
        "AND status IN ('queued', 'running')", cid, uid)
    if live is None:
        raise NotFound(f"no connection {connection_id}")
    return record_struct(live, ScanJob), False


async def get_job(conn: Conn, user_id: str, job_id: str) -> ScanJob:
    row = await conn.fetchrow(f"SELECT {_COLUMNS} FROM scan_jobs WHERE id = $1 AND user_id = $2",
                              as_uuid(job_id, "job id"), as_uuid(user_id, "user id"))
    if row is None:
        raise NotFound(f"no scan job {job_id}")
    return record_struct(row, ScanJob)


async def list_jobs(conn: Conn, user_id: str, limit: int = 20) -> list[ScanJob]:
    rows = await conn.fetch(f"SELECT {_COLUMNS} FROM scan_jobs WHERE user_id = $1 "
                            "ORDER BY created_at DESC LIMIT $2", as_uuid(user_id, "user id"), limit)
    return record_structs(rows, ScanJob)


async def set_rq_job_id(conn: Conn, job_id: str, rq_job_id: str) -> None:
    await conn.execute("UPDATE scan_jobs SET rq_job_id = $2 WHERE id = $1",
                       as_uuid(job_id, "job id"), rq_job_id)


async def mark_running(conn: Conn, job_id: str) -> bool:
    """queued -> running (a worker took it); False when it was not queued (already taken or over)."""
    done = await conn.execute(
        "UPDATE scan_jobs SET status = 'running', started_at = now() WHERE id = $1 AND status = 'queued'",
        as_uuid(job_id, "job id"))
    return not done.endswith(" 0")


async def set_progress(conn: Conn, job_id: str, progress: int) -> None:
    await conn.execute(
        "UPDATE scan_jobs SET progress = $2 WHERE id = $1 AND status = 'running'",
        as_uuid(job_id, "job id"), max(0, min(100, progress)))


async def finish(conn: Conn, job_id: str, status: str, error: str | None = None) -> None:
    """Put a live job in a final state with its reason (a failure is always recorded with why)."""
    if status not in FINAL:
        raise InvalidInput(f"a finished job's status must be one of {', '.join(FINAL)}, not {status!r}")
    await conn.execute(
        "UPDATE scan_jobs SET status = $2::text, error = $3, finished_at = now(), "
        "progress = CASE WHEN $2::text = 'done' THEN 100 ELSE progress END "
        "WHERE id = $1 AND status IN ('queued', 'running')", as_uuid(job_id, "job id"), status, error)


async def stale_jobs(conn: Conn, older_than_s: int) -> list[StaleJob]:
    """Live jobs (queued or running) older than the limit: candidates for the scheduler's check (is
    the queue still holding them?). Oldest first."""
    rows = await conn.fetch(
        "SELECT id, status FROM scan_jobs WHERE status IN ('queued', 'running') "
        "AND coalesce(started_at, created_at) < now() - make_interval(secs => $1) ORDER BY created_at",
        older_than_s)
    return record_structs(rows, StaleJob)


async def fail_stale(conn: Conn, job_ids: list[str]) -> list[str]:
    """Fail these live jobs (no worker holds them any more), freeing their connection for a new scan."""
    rows = await conn.fetch(
        "UPDATE scan_jobs SET status = 'failed', error = 'timed out: no worker finished it', "
        "finished_at = now() WHERE id = ANY($1::uuid[]) AND status IN ('queued', 'running') RETURNING id",
        [as_uuid(j, "job id") for j in job_ids])
    return [str(r["id"]) for r in rows]


async def count_queued(conn: Conn) -> int:
    """Scan jobs waiting for a worker (all users; the scheduler's backlog)."""
    return int(await conn.fetchval("SELECT count(*) FROM scan_jobs WHERE status = 'queued'"))


async def job_for_worker(conn: Conn, job_id: str) -> ScanJob:
    """A job as the worker sees it (system context: the job id came from our own queue, and the
    row carries the user id every later query is scoped by)."""
    row = await conn.fetchrow(f"SELECT {_COLUMNS} FROM scan_jobs WHERE id = $1", as_uuid(job_id, "job id"))
    if row is None:
        raise NotFound(f"no scan job {job_id}")
    return record_struct(row, ScanJob)


async def list_jobs_with_platform(
    conn: Conn, user_id: str, *, job_id: str | None = None, platform: str | None = None, limit: int = 20
) -> list[ScanJobOnPlatform]:
    """The user's recent jobs (or the one ``job_id``), newest first, each with its connection's
    platform slug ("" if the connection is gone), optionally of one platform: one query, because
    the extension polls this. NotFound when ``job_id`` is not one of the user's jobs."""
    jid = as_uuid(job_id, "job id") if job_id is not None else None
    rows = await conn.fetch(
        f"SELECT {', '.join('j.' + c for c in _COLUMNS.split(', '))}, coalesce(p.slug, '') AS platform "
        "FROM scan_jobs j LEFT JOIN user_platform_connections c ON c.id = j.connection_id "
        "LEFT JOIN privacy_platforms p ON p.id = c.platform_id "
        "WHERE j.user_id = $1 AND ($2::uuid IS NULL OR j.id = $2) AND ($3::text IS NULL OR p.slug = $3) "
        "ORDER BY j.created_at DESC LIMIT $4",
        as_uuid(user_id, "user id"), jid, platform if jid is None else None, limit)
    if jid is not None and not rows:
        raise NotFound(f"no scan job {job_id}")
    return [r for r in record_structs(rows, ScanJobOnPlatform)
            if jid is None or platform is None or r.platform == platform]
