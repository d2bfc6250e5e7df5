"""Hand work to the rq workers by the task's dotted name, so the API never imports the jobs room's
internals. rq speaks blocking Redis; the call runs in a thread."""

from __future__ import annotations

import asyncio

from redis.exceptions import RedisError
from rq import Queue

from api.resources import Resources, ServiceUnavailable

SCANS_QUEUE = "scans"
SCAN_CONNECTION_TASK = "jobs.tasks.scan_connection"
PROCESS_SUBMITTED_TASK = "jobs.tasks.process_submitted_scan"


async def enqueue(res: Resources, task: str, job_id: str, *, queue: str = SCANS_QUEUE) -> str:
    """Enqueue ``task(job_id)``; returns the rq job id. ServiceUnavailable when Redis is away."""

    def _put() -> str:
        connection = res.sync_redis()
        try:
            job = Queue(queue, connection=connection).enqueue(
                task, job_id, job_id=f"{task.rsplit('.', 1)[-1]}-{job_id}",
                job_timeout=int(res.settings.scan_deadline_s * 3), failure_ttl=7 * 86_400)
            return job.id
        finally:
            connection.close()

    try:
        return await asyncio.to_thread(_put)
    except (RedisError, OSError) as exc:
        raise ServiceUnavailable(f"the job queue is unavailable ({type(exc).__name__}); try again") from None
