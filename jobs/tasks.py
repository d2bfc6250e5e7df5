"""rq tasks (synchronous entry points). Each hands its coroutine to the worker's event loop; a task
that fails for the last time records why on the scan job before rq files it as failed."""

from __future__ import annotations

import asyncio
import contextlib
import functools
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime
from typing import Any, TypeVar

import msgspec
import redis
from rq import get_current_job

from core.logging import get_logger, scrub_text
from core.types import ScanResult
from jobs import metrics, notifications, pipeline
from jobs.queues import enqueue_notification, enqueue_processing
from jobs.runtime import LoopThread, process_runtime
from store import jobs as scan_jobs

log = get_logger(__name__)
F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


class ConnectionBusy(Exception):
    """Another worker is scanning this connection right now; rq retries later."""


def _redis() -> redis.Redis:
    return process_runtime()[1].queue_redis()


def _last_attempt() -> bool:
    job = get_current_job()
    return job is None or not job.retries_left


def records_failure(func: F) -> F:
    """On the last failed attempt, mark the scan job failed with the reason (first argument: job id)."""

    @functools.wraps(func)
    def wrapper(scan_job_id: str, *args: Any) -> Any:
        try:
            return func(scan_job_id, *args)
        except ConnectionBusy:
            raise  # the worker holding the lock finishes this job; it has not failed
        except Exception as exc:
            reason = scrub_text(f"{type(exc).__name__}: {exc}")[:500]
            log.warning("task failed", task=func.__name__, scan_job_id=scan_job_id, reason=reason,
                        final=_last_attempt())
            if _last_attempt():
                loop, rt = process_runtime()
                loop.run(_finish_failed(rt, scan_job_id, reason), 60)
            raise

    return wrapper  # type: ignore[return-value]


async def _finish_failed(rt: Any, scan_job_id: str, reason: str) -> None:
    await scan_jobs.finish(await rt.db(), scan_job_id, "failed", reason)


@records_failure
def scan_connection(scan_job_id: str) -> str:
    """Scan step: run the scan under a per-connection Redis lock, then queue the processing step. The
    lock expires scan_lock_ttl_s after its last renewal (renewed while the scan runs), so a killed
    worker's lock frees itself soon after."""
    loop, rt = process_runtime()
    job = _run(loop, pipeline.job_row(rt, scan_job_id))
    if job.status not in ("queued", "running"):
        return f"job already {job.status}"
    conn = _redis()
    # thread_local=False: the renewal runs in another thread than the one that took the lock
    lock = conn.lock(f"loopwho:scan-lock:{job.connection_id}", timeout=rt.settings.scan_lock_ttl_s,
                     blocking_timeout=0, thread_local=False)
    if not lock.acquire(blocking=False):
        raise ConnectionBusy(f"connection {job.connection_id} is being scanned by another worker")
    try:
        renewing = _renewing(lock, pipeline.scan_for_job(rt, scan_job_id), rt.settings.scan_lock_ttl_s / 3)
        result = _run(loop, renewing)
    finally:
        with contextlib.suppress(redis.exceptions.LockError):
            lock.release()
    metrics.record_scan(result)
    enqueue_processing(conn, rt.settings, scan_job_id, msgspec.json.encode(result).decode())
    return result.status


async def _renewing(lock: Any, coro: Coroutine[Any, Any, T], every_s: float) -> T:
    """Await ``coro`` while renewing ``lock`` every ``every_s`` seconds."""

    async def renew() -> None:
        while True:
            await asyncio.sleep(every_s)
            await asyncio.to_thread(lock.reacquire)

    renewer = asyncio.ensure_future(renew())
    try:
        return await coro
    finally:
        renewer.cancel()
        with contextlib.suppress(BaseException):
            await renewer


def _run(loop: LoopThread, coro: Coroutine[Any, Any, T]) -> T:
    """Run a step on the worker's loop within what is left of the rq job's timeout."""
    job = get_current_job()
    timeout = None
    if job is not None and job.timeout and job.timeout > 0:
        elapsed = (datetime.now(UTC) - job.started_at).total_seconds() if job.started_at else 0.0
        timeout = max(1.0, job.timeout - elapsed)
    return loop.run(coro, timeout)


@records_failure
def process_scan_result(scan_job_id: str, result_json: str) -> dict[str, Any]:
    """Snapshot -> diff -> analyse; then queue the e-mail the outcome calls for."""
    loop, rt = process_runtime()
    result = msgspec.json.decode(result_json, type=ScanResult)
    outcome = _run(loop, pipeline.process_scan(rt, scan_job_id, result))
    _queue_notification(rt, outcome, result)
    return msgspec.to_builtins(outcome)


@records_failure
def process_submitted_scan(scan_job_id: str) -> dict[str, Any]:
    """Readings the extension made in the user's browser go through the same chain."""
    loop, rt = process_runtime()
    result = _run(loop, pipeline.submitted_for_job(rt, scan_job_id))
    outcome = _run(loop, pipeline.process_scan(rt, scan_job_id, result))
    _queue_notification(rt, outcome, result)
    return msgspec.to_builtins(outcome)


def _queue_notification(rt: Any, outcome: pipeline.ChainOutcome, result: ScanResult) -> None:
    if outcome.notify is None:
        return
    conn = _redis()
    if outcome.notify == "change":
        enqueue_notification(conn, rt.settings, "change", outcome.user_id)
    else:
        args = [outcome.connection_id]
        if outcome.notify == "scan_failure":
            args.append(("; ".join(result.errors) or "no setting could be read")[:300])
        enqueue_notification(conn, rt.settings, outcome.notify, outcome.user_id, *args)


def notify(kind: str, user_id: str, *args: str) -> int:
    """Notification step: change alerts (or digest), reconnect, scan failure. Returns e-mails sent."""
    loop, rt = process_runtime()
    with metrics.counting_emails(kind) as sent:
        if kind == "change":
            sent.append(len(_run(loop, notifications.notify_changes(rt, user_id))))
        elif kind == "reconnect":
            sent.append(int(_run(loop, notifications.notify_reconnect(rt, user_id, args[0])) is not None))
        elif kind == "scan_failure":
            sent.append(int(_run(loop, notifications.notify_scan_failure(rt, user_id, args[0], args[1])) is not None))
    if sent:
        return sent[0]
    raise ValueError(f"unknown notification kind {kind!r}")


def reextract_pages(platform: str, version: str, since: str | None, dry_run: bool, by: str) -> dict[str, Any]:
    """An operator's re-extraction (``packs.reextract``) in a worker, with its browser pool; the
    report is the rq job's result."""
    from packs.reextract import reextract

    loop, rt = process_runtime()

    async def run() -> Any:
        return await reextract(await rt.db(), rt.blobs, rt.keys, await rt.browsers(), platform, version,
                               since=datetime.fromisoformat(since) if since else None, dry_run=dry_run, by=by)

    return msgspec.to_builtins(_run(loop, run()))
