"""Hand work to the rq workers by the task's dotted name (the jobs room's conventions: queue names,
rq job ids derived from the scan job id, its retry policy). rq speaks blocking Redis; the call runs
in a thread."""

from __future__ import annotations

import asyncio

from redis.exceptions import RedisError
from rq import Queue

from api.resources import Resources, ServiceUnavailable
from jobs.queues import SCANS, enqueue_scan, retry_policy

SCAN_CONNECTION_TASK = "jobs.tasks.scan_connection"
PROCESS_SUBMITTED_TASK = "jobs.tasks.process_submitted_scan"


async def enqueue(res: Resources, task: str, job_id: str) -> str:
    """Enqueue ``task(job_id)`` on the scans queue; returns the rq job id. ServiceUnavailable when
    Redis is away."""

    def _put() -> str:
        connection = res.sync_redis()
        try:
            if task == SCAN_CONNECTION_TASK:
                return enqueue_scan(connection, res.settings, job_id).id
            job = Queue(SCANS, connection=connection).enqueue(
                task, job_id, job_id=f"{task.rsplit('.', 1)[-1]}-{job_id}", retry=retry_policy(res.settings),
                job_timeout=300, result_ttl=86_400, failure_ttl=7 * 86_400)
            return job.id
        finally:
            connection.close()

    try:
        return await asyncio.to_thread(_put)
    except (RedisError, OSError) as exc:
        raise ServiceUnavailable(f"the job queue is unavailable ({type(exc).__name__}); try again") from None
