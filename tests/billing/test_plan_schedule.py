"""The scheduler under plans: each connection on its owner's plan interval (a webhook upgrade brings
the next scan forward), a scheduled scan charged once in the transaction that creates its job,
scans paused at zero credits with one e-mail and resumed when credits are bought, the refund rule,
and the billing e-mails of a failed payment going out once per step."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
import redis

from billing.plans import load_plans
from billing.usage import charge_scan, refund_scan
from jobs.scheduler import tick
from store import connections, credits, users
from store import jobs as scan_jobs
from store import plans as plans_store
from tests.billing.conftest import completed_session, deliver, subscribe

BOOK = load_plans()
FREE, PRO = BOOK.get("free"), BOOK.get("pro")


@pytest.fixture
def queue(redis_url: str):
    conn = redis.Redis.from_url(redis_url)
    yield conn
    conn.close()


async def _connected(pool, new_user, now: datetime) -> tuple[str, str]:
    user_id = await new_user()
    row = await connections.upsert_connection(pool, user_id, "google", next_scan_at=now - timedelta(minutes=1))
    return user_id, row.id


async def _jobs(pool, user_id: str) -> list[scan_jobs.ScanJob]:
    return await scan_jobs.list_jobs(pool, user_id)


async def _finish_all(pool, user_id: str, status: str = "done") -> None:
    for job in await _jobs(pool, user_id):
        await scan_jobs.finish(pool, job.id, status, None if status == "done" else "test")


async def test_each_plan_scans_on_its_interval_and_an_upgrade_brings_the_next_scan_forward(
        pool, billing_runtime, billing_settings, stripe_standin, new_user, queue) -> None:
    now = datetime.now(UTC)
    free_user, free_conn = await _connected(pool, new_user, now)
    pro_user, pro_conn = await _connected(pool, new_user, now)

    await tick(billing_runtime, queue, now, random.Random(1))
    for user_id, conn_id in ((free_user, free_conn), (pro_user, pro_conn)):
        assert [j.trigger for j in await _jobs(pool, user_id)] == ["schedule"]
        assert await credits.balance(pool, user_id) == FREE.credits_per_month - 1  # charged once
        row = await connections.get_connection(pool, user_id, conn_id)
        assert row.scan_interval_s == FREE.scan_interval_s
        assert row.next_scan_at == now + timedelta(seconds=FREE.scan_interval_s)
        await _finish_all(pool, user_id)

    await subscribe(pool, billing_settings, stripe_standin, pro_user)  # webhooks: checkout, subscription, invoice
    row = await connections.get_connection(pool, pro_user, pro_conn)
    assert row.scan_interval_s == PRO.scan_interval_s
    assert abs(row.next_scan_at - (now + timedelta(seconds=PRO.scan_interval_s))) < timedelta(minutes=1)

    day_later = now + timedelta(seconds=PRO.scan_interval_s, minutes=2)
    await tick(billing_runtime, queue, day_later, random.Random(2))
    assert len(await _jobs(pool, pro_user)) == 2 and len(await _jobs(pool, free_user)) == 1
    await _finish_all(pool, pro_user)
    week_later = now + timedelta(seconds=FREE.scan_interval_s, minutes=2)
    await tick(billing_runtime, queue, week_later, random.Random(3))
    assert len(await _jobs(pool, free_user)) == 2
    assert len(await _jobs(pool, pro_user)) == 3  # daily: due again long before the week was over


async def test_a_scan_is_charged_once_and_refunded_only_for_loopwhos_failures(
        pool, billing_runtime, new_user, queue) -> None:
    now = datetime.now(UTC)
    user_id, _ = await _connected(pool, new_user, now)
    await tick(billing_runtime, queue, now, random.Random(1))
    (job,) = await _jobs(pool, user_id)
    # a retried job (rq retry, the reaper's requeue, a second tick) is the same scan job: no new charge
    await tick(billing_runtime, queue, now + timedelta(seconds=1), random.Random(1))
    assert not await charge_scan(pool, user_id, job.id)
    assert await credits.balance(pool, user_id) == FREE.credits_per_month - 1
    # the worker gave up (browser crash, retries spent): refunded once, in the failing transaction
    await scan_jobs.finish(pool, job.id, "failed", "browser crashed")
    await scan_jobs.finish(pool, job.id, "failed", "again")
    assert not await refund_scan(pool, job.id)  # a held-back scan's refund is the same entry
    assert await credits.balance(pool, user_id) == FREE.credits_per_month

    # (a week later may be next month, with its grant: compare with the balance right after the tick)
    later = now + timedelta(seconds=FREE.scan_interval_s, minutes=1)
    await tick(billing_runtime, queue, later, random.Random(1))
    second = (await _jobs(pool, user_id))[0]
    charged = await credits.balance(pool, user_id)
    assert await refund_scan(pool, second.id)  # held back: the platform's pack is degraded
    assert not await refund_scan(pool, second.id)
    assert await credits.balance(pool, user_id) == charged + 1
    await scan_jobs.finish(pool, second.id, "done")

    await tick(billing_runtime, queue, later + timedelta(seconds=FREE.scan_interval_s, minutes=1), random.Random(1))
    third = (await _jobs(pool, user_id))[0]
    charged = await credits.balance(pool, user_id)
    await scan_jobs.finish(pool, third.id, "reauth_required", "session expired")  # the user's: kept
    assert await credits.balance(pool, user_id) == charged


async def test_scans_pause_at_zero_credits_with_one_email_and_resume_when_credits_are_bought(
        pool, billing_runtime, billing_settings, stripe_standin, resend_standin, new_user, queue) -> None:
    now = datetime.now(UTC)
    user_id, conn_id = await _connected(pool, new_user, now)
    email = (await users.get_user(pool, user_id)).email
    await credits.add_entry(pool, user_id, -FREE.credits_per_month, "test", f"spent:{user_id}")

    await tick(billing_runtime, queue, now, random.Random(1))  # the month's grant arrives: 0 left
    assert await _jobs(pool, user_id) == []
    row = await connections.get_connection(pool, user_id, conn_id)
    assert row.last_scan_status == plans_store.PAUSED_STATUS
    assert row.next_scan_at == now + timedelta(seconds=BOOK.paused_recheck_s)
    assert (await plans_store.get_user_plan(pool, user_id)).scans_paused_at == now
    mails = [m for m in resend_standin.sent if m.to == [email]]
    assert [m.subject for m in mails] == ["Your loopwho scans are paused: no credits left"]
    assert "buy credits on the billing page" in mails[0].text and "/billing" in mails[0].text

    recheck = now + timedelta(seconds=BOOK.paused_recheck_s, minutes=1)
    await tick(billing_runtime, queue, recheck, random.Random(1))
    assert await _jobs(pool, user_id) == []
    assert len([m for m in resend_standin.sent if m.to == [email]]) == 1  # one e-mail per pause

    paid = stripe_standin.event("checkout.session.completed", completed_session(user_id, "payment"))
    assert await deliver(pool, billing_settings, paid) == "credits_added"
    assert (await plans_store.get_user_plan(pool, user_id)).scans_paused_at is None
    row = await connections.get_connection(pool, user_id, conn_id)
    assert row.next_scan_at <= datetime.now(UTC)  # due at once
    await tick(billing_runtime, queue, datetime.now(UTC) + timedelta(seconds=1), random.Random(1))
    assert len(await _jobs(pool, user_id)) == 1
    assert await credits.balance(pool, user_id) == billing_settings.credits_per_pack - 1


async def test_failed_payment_emails_go_out_once_per_step(
        pool, billing_runtime, billing_settings, stripe_standin, resend_standin, new_user, queue) -> None:
    user_id = await new_user()
    email = (await users.get_user(pool, user_id)).email
    sub_id = await subscribe(pool, billing_settings, stripe_standin, user_id)
    for e in stripe_standin.renew(sub_id, paid=False):
        await deliver(pool, billing_settings, e)
    now = datetime.now(UTC)
    await tick(billing_runtime, queue, now, random.Random(1))
    await tick(billing_runtime, queue, now + timedelta(minutes=1), random.Random(1))
    after_grace = now + timedelta(days=BOOK.grace_days, hours=1)
    report = await tick(billing_runtime, queue, after_grace, random.Random(1))
    assert report.downgraded >= 1
    await tick(billing_runtime, queue, after_grace + timedelta(minutes=1), random.Random(1))
    subjects = [m.subject for m in resend_standin.sent if m.to == [email]]
    assert subjects == ["Your loopwho Pro payment did not go through", "Your loopwho plan is now Free"]
    failed, downgraded = [m.text for m in resend_standin.sent if m.to == [email]]
    assert "You keep Pro until" in failed and "update your payment method" in failed
    assert "moved from Pro to Free" in downgraded and "longer history is kept until" in downgraded
