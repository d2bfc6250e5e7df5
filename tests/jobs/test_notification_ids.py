"""Issue 18: a notification's rq job id is a hash of its arguments, so a free-text failure reason
(spaces, colons, quotes, any length) is queued instead of refused by rq."""

from __future__ import annotations

import redis
from rq.job import Job

from core.settings import Settings
from jobs.queues import enqueue_notification, notification_job_id

REASON = "the scan failed: page 'Activity controls' didn't load (timeout 60 s) — see /dashboard?x=1&y=2" * 5


def test_free_text_reasons_make_valid_stable_ids(redis_url: str) -> None:
    conn = redis.Redis.from_url(redis_url)
    try:
        job = enqueue_notification(conn, Settings(redis_url=redis_url), "scan_failure", "user-1", "conn-1", REASON)
        assert Job.exists(job.id, connection=conn)
        assert job.id == notification_job_id("scan_failure", "user-1", "conn-1", REASON)
        assert job.id.replace("-", "").replace("_", "").isalnum() and len(job.id) <= 64
        # the same notification twice is the same job; another reason is another job
        again = enqueue_notification(conn, Settings(redis_url=redis_url), "scan_failure", "user-1", "conn-1", REASON)
        assert again.id == job.id
        assert notification_job_id("scan_failure", "user-1", "conn-1", "other") != job.id
        # arguments are separated, not concatenated: ("a-b", "c") is not ("a", "b-c")
        assert notification_job_id("k", "a-b", "c") != notification_job_id("k", "a", "b-c")
    finally:
        conn.close()
