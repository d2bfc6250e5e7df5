"""The rq queues and how work is put on them. rq job ids are derived from the scan job id, so
enqueueing the same work twice (a restarted scheduler, a double click) finds the first one."""

from __future__ import annotations

import hashlib
import re
from typing import Any

import redis
from rq import Queue, Retry
from rq.job import Job
from rq.registry import StartedJobRegistry

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
             timeout: float, force: bool = False) -> Job:
    existing = Job.fetch(job_id, connection=conn) if Job.exists(job_id, connection=conn) else None
    if not force and existing is not None and existing.get_status(refresh=True) not in (
            "finished", "failed", "canceled"):
        return existing
    return Queue(queue, connection=conn).enqueue(
        func, *args, job_id=job_id, retry=retry_policy(settings), job_timeout=int(timeout),
        result_ttl=86_400, failure_ttl=7 * 86_400,
    )


def enqueue_scan(conn: redis.Redis, settings: Settings, scan_job_id: str, *, force: bool = False) -> Job:
    return _enqueue(conn, settings, SCANS, "jobs.tasks.scan_connection", f"scan_connection-{scan_job_id}",
                    scan_job_id, timeout=settings.scan_deadline_s * 3, force=force)


def enqueue_reextraction(conn: redis.Redis, settings: Settings, platform: str, version: str, *,
                         since: str | None, dry_run: bool, by: str) -> Job:
    """Re-read a platform's kept pages with a pack version (``jobs.tasks.reextract_pages``, on the scans
    queue: it needs the workers' browsers). The same request while one runs finds it."""
    wanted = f"reextract-{platform}-{version}-{'dry' if dry_run else 'write'}-{since or 'all'}"
    job_id = re.sub(r"[^A-Za-z0-9_-]", "_", wanted)  # rq ids: letters, digits, '-' and '_'
    return _enqueue(conn, settings, SCANS, "jobs.tasks.reextract_pages", job_id, platform, version, since,
                    dry_run, by, timeout=max(600.0, settings.scan_deadline_s * 20))


# the rq jobs that carry one scan job, by queue: the scan step, or the processing of its result or
# of readings the extension submitted
_SCAN_RQ_JOBS = ((SCANS, "scan_connection"), (ANALYSIS, "process_scan_result"), (ANALYSIS, "process_submitted_scan"))
_LIVE = ("queued", "scheduled", "deferred", "started")


def reap_abandoned(conn: redis.Redis) -> int:
    """rq's abandoned-job recovery, for every queue: a started job whose worker stopped beating (its
    execution expired) is retried with its back-off while it has retries left, else failed. Workers
    run this in their maintenance; the scheduler runs it too, so it happens with no idle worker.
    Returns the number of abandoned executions found."""
    found = 0
    for name in ALL_QUEUES:
        registry = StartedJobRegistry(name, connection=conn)
        found += len(registry.get_expired_job_ids())
        registry.cleanup()
    return found


def scan_rq_state(conn: redis.Redis, scan_job_id: str) -> str:
    """Where rq has the work of this scan job: ``live`` (queued, scheduled for a retry or a deferral,
    or started by a worker that still beats), ``abandoned`` (started, but no live execution: the
    worker is gone) or ``gone`` (no rq job, or only finished/failed/canceled ones)."""
    state = "gone"
    for queue, prefix in _SCAN_RQ_JOBS:
        rq_id = f"{prefix}-{scan_job_id}"
        if not Job.exists(rq_id, connection=conn):
            continue
        status = Job.fetch(rq_id, connection=conn).get_status(refresh=True)
        if status not in _LIVE:
            continue
        if status != "started":
            return "live"
        registry = StartedJobRegistry(queue, connection=conn)
        running = {job_id for job_id in registry.get_job_ids(cleanup=False)}
        if rq_id in running and rq_id not in set(registry.get_expired_job_ids()):
            return "live"
        state = "abandoned"
    return state


def scan_is_live(conn: redis.Redis, scan_job_id: str) -> bool:
    """Does rq still hold this scan job's work (queued, scheduled, or started by a live worker)?"""
    return scan_rq_state(conn, scan_job_id) == "live"


def requeue_lost_scan(conn: redis.Redis, settings: Settings, scan_job_id: str, *, submitted: bool,
                      max_requeues: int) -> str:
    """The reaper's step for a live scan job (row queued or running): when rq no longer runs its work
    (lost from Redis, or abandoned by a dead worker), queue it again under the same rq id (the scan
    step, or the processing of submitted readings; every step is idempotent). At most
    ``max_requeues`` times per scan job (a scan that kills its worker every time is not retried for
    ever). Returns ``live`` (nothing to do), ``requeued`` or ``exhausted``."""
    # one reaper at a time per scan job (the scheduler and a "scan now" click may meet here)
    if not conn.set(f"loopwho:requeue-lock:{scan_job_id}", "1", nx=True, ex=30):
        return "live"
    try:
        return _requeue_lost_scan(conn, settings, scan_job_id, submitted=submitted, max_requeues=max_requeues)
    finally:
        conn.delete(f"loopwho:requeue-lock:{scan_job_id}")


def _requeue_lost_scan(conn: redis.Redis, settings: Settings, scan_job_id: str, *, submitted: bool,
                       max_requeues: int) -> str:
    state = scan_rq_state(conn, scan_job_id)
    if state == "abandoned":
        reap_abandoned(conn)  # rq's own recovery first: a retry left requeues it with its back-off
        state = scan_rq_state(conn, scan_job_id)
    if state == "live":
        return "live"
    key = f"loopwho:requeued:{scan_job_id}"
    count = int(conn.incr(key))
    conn.expire(key, 7 * 86_400)
    if count > max_requeues:
        return "exhausted"
    # force: an abandoned job still says "started"; a new enqueue under its id replaces it
    if submitted:
        enqueue_submitted(conn, settings, scan_job_id, force=True)
    else:
        enqueue_scan(conn, settings, scan_job_id, force=True)
    return "requeued"


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


def enqueue_submitted(conn: redis.Redis, settings: Settings, scan_job_id: str, *, force: bool = False) -> Job:
    """Readings the extension made in the browser: straight to the processing step."""
    return _enqueue(conn, settings, ANALYSIS, "jobs.tasks.process_submitted_scan",
                    f"process_submitted_scan-{scan_job_id}", scan_job_id, timeout=300, force=force)
