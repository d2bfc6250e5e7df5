"""api.enqueue on a real Redis: a scan goes onto the scans queue under the rq id derived from its
scan job, a queued one is found live; and a Redis that does not answer is ServiceUnavailable (a 503)
from both enqueue and requeue_if_lost, never a RedisError escaping to the route."""

from __future__ import annotations

import uuid

import msgspec
import pytest
import redis
from rq import Queue

from api.enqueue import SCAN_CONNECTION_TASK, enqueue, requeue_if_lost
from api.resources import ServiceUnavailable, open_resources
from core.settings import load_settings
from tests.conftest import free_port


async def test_a_scan_is_queued_under_its_rq_id_and_then_found_live(
    settings_env: dict[str, str], redis_url: str,
) -> None:
    res = open_resources(load_settings())
    job_id = str(uuid.uuid4())
    try:
        rq_id = await enqueue(res, SCAN_CONNECTION_TASK, job_id)
        assert await requeue_if_lost(res, job_id, submitted=False) == "live"
    finally:
        await res.close()
    conn = redis.Redis.from_url(redis_url)
    try:
        queued = Queue("scans", connection=conn).jobs
    finally:
        conn.close()
    assert [(j.id, j.func_name, j.args) for j in queued] == [(rq_id, SCAN_CONNECTION_TASK, (job_id,))]


async def test_a_redis_that_does_not_answer_is_service_unavailable(settings_env: dict[str, str]) -> None:
    # a free port: nothing listens there, so every connection is refused
    settings = msgspec.structs.replace(load_settings(), redis_url=f"redis://127.0.0.1:{free_port()}/0")
    res = open_resources(settings)
    try:
        with pytest.raises(ServiceUnavailable, match="job queue is unavailable"):
            await enqueue(res, SCAN_CONNECTION_TASK, str(uuid.uuid4()))
        with pytest.raises(ServiceUnavailable, match="job queue is unavailable"):
            await requeue_if_lost(res, str(uuid.uuid4()), submitted=True)
    finally:
        await res.close()
