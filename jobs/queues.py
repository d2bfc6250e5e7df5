"""The rq queues and how work is put on them. rq job ids are derived from the scan job id, so
enqueueing the same work twice (a restarted scheduler, a double click) finds the first one."""

from __future__ import annotations

import hashlib
from typing import Any

import redis
from rq import Queue, Retry
from rq.job import Job

from core.settings import Settings

SCANS, ANALYSIS, NOTIFICATIONS = "scans", "analysis", "notifications"
ALL_QUEUES = (SCANS, ANALYSIS, NOTIFICATIONS)


def retry_policy(settings: Settings) -> Retry | None:
    """Back-off between attempts: 5 s, 30 s, 2 min, 10 min (as many as job_retries; 0: no retry)."""
    if settings.job_retries <= 0:
        return None
    steps = [5, 30, 120, 600]
    return Retry(max=settings.job_retries, interval=steps[: settings.job_retries])


def _enqueue(conn: redis.Redis, settings: Settings, queue: str, func: str, job_id: str, *args: Any,
             timeout: float) -> Job:
    existing = Job.fetch(job_id, connection=conn) if Job.exists(job_id, connection=conn) else None
    if existing is not None and existing.get_status(refresh=True) not in ("finished", "failed", "canceled"):
        return existing
    return Queue(queue, connection=conn).enqueue(
        func, *args, job_id=job_id, retry=retry_policy(settings), job_timeout=int(timeout),
        result_ttl=86_400, failure_ttl=7 * 86_400,
    )


def enqueue_scan(conn: redis.Redis, settings: Settings, scan_job_id: str) -> Job:
    return _enqueue(conn, settings, SCANS, "jobs.tasks.scan_connection", f"scan_connection-{scan_job_id}",
                    scan_job_id, timeout=settings.scan_deadline_s * 3)


def scan_is_live(conn: redis.Redis, scan_job_id: str) -> bool:
    """Does rq still hold this scan job (queued, scheduled for a retry or a deferral, or started)?"""
    job_id = f"scan_connection-{scan_job_id}"
    if not Job.exists(job_id, connection=conn):
        return False
    return Job.fetch(job_id, connection=conn).get_status(refresh=True) not in ("finished", "failed", "canceled",
                                                                             "stopped")


def enqueue_processing(conn: redis.Redis, settings: Settings, scan_job_id: str, result_json: str) -> Job:
    return _enqueue(conn, settings, ANALYSIS, "jobs.tasks.process_scan_result",
                    f"process_scan_result-{scan_job_id}", scan_job_id, result_json, timeout=300)


def notification_job_id(kind: str, user_id: str, *args: str) -> str:
    """A stable rq id for one notification: a hash of its arguments (a failure reason is free text,
    and rq takes only letters, digits, '-' and '_' in an id)."""
    digest = hashlib.sha256("\x1f".join([kind, user_id, *args]).encode()).hexdigest()[:40]
    return f"notify-{digest}"


def enqueue_notification(conn: redis.Redis, settings: Settings, kind: str, user_id: str, *args: str) -> Job:
    return _enqueue(conn, settings, NOTIFICATIONS, "jobs.tasks.notify", notification_job_id(kind, user_id, *args),
                    kind, user_id, *args, timeout=120)


def enqueue_submitted(conn: redis.Redis, settings: Settings, scan_job_id: str) -> Job:
    """Readings the extension made in the browser: straight to the processing step."""
    return _enqueue(conn, settings, ANALYSIS, "jobs.tasks.process_submitted_scan",
                    f"process_submitted_scan-{scan_job_id}", scan_job_id, timeout=300)
