"""Hand work to the rq workers by the task's dotted name (the jobs room's conventions: queue names,
rq job ids derived from the scan job id, its retry policy). rq speaks blocking Redis; the call runs
in a thread."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

import redis
from redis.exceptions import RedisError

from api.resources import Resources, ServiceUnavailable
from jobs.queues import enqueue_scan, enqueue_submitted, requeue_lost_scan

SCAN_CONNECTION_TASK = "jobs.tasks.scan_connection"
PROCESS_SUBMITTED_TASK = "jobs.tasks.process_submitted_scan"
T = TypeVar("T")


async def _on_queue(res: Resources, call: Callable[[redis.Redis], T]) -> T:
    """``call`` with a blocking Redis client, in a thread (rq does not speak asyncio), the client closed
    after; ServiceUnavailable when Redis is away."""

    def _run() -> T:
        connection = res.sync_redis()
        try:
            return call(connection)
        finally:
            connection.close()

    try:
        return await asyncio.to_thread(_run)
    except (RedisError, OSError) as exc:
        raise ServiceUnavailable(f"the job queue is unavailable ({type(exc).__name__}); try again") from None


async def enqueue(res: Resources, task: str, job_id: str) -> str:
    """Enqueue ``task(job_id)`` (a server scan, or the processing of submitted readings); returns the
    rq job id. ServiceUnavailable when Redis is away."""
    put = enqueue_scan if task == SCAN_CONNECTION_TASK else enqueue_submitted
    return await _on_queue(res, lambda connection: put(connection, res.settings, job_id).id)


async def requeue_if_lost(res: Resources, job_id: str, *, submitted: bool) -> str:
    """A live scan job's rq work, checked: queued again under the same rq id when rq lost it or its
    worker is gone (``requeued``); ``live`` when rq still runs it, ``exhausted`` when it was requeued
    too often already (the scheduler's reaper then fails it). ServiceUnavailable when Redis is away."""
    return await _on_queue(res, lambda connection: requeue_lost_scan(
        connection, res.settings, job_id, submitted=submitted, max_requeues=res.settings.scan_requeue_max))
