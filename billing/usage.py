"""Enforcing the plan: platforms connected, "scan now" a day, and credits.

A server scan costs ``scan_credit_cost`` credits, taken in the transaction that creates its scan job
(keyed by the job id: a retried job is never charged again). A job that ends ``failed`` is refunded by
the database in the transaction that records the failure (migration 0301); a scan held back because
loopwho's pack for the platform is degraded is refunded by the pipeline (``refund_scan``). An expired
session (``reauth_required``) is the user's, and is not refunded.

Credits arrive each month: on the calendar month for users without a paid subscription, with each
paid invoice for subscribers (billing.lifecycle). At zero, scheduled scans pause (one e-mail) and
resume as soon as credits are back.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import msgspec

from billing.errors import PlanLimitReached, ScanAllowanceUsed
from billing.plans import Plan, PlanBook, load_plans
from store import billing as billing_store
from store import billing_notices, credits, usage
from store import plans as plans_store
from store.db import Conn

ENTITLED_STATUSES = ("active", "trialing", "past_due")  # a subscription that still carries its plan
NOTICE_PAUSED = "scans_paused"


class PlanStatus(msgspec.Struct, kw_only=True):
    """What the API and ``loopwho report plan`` show for one user."""
    plan: str
    title: str
    credits: int
    scans_this_period: int
    period_start: datetime
    scan_now_used_today: int
    scan_now_per_day: int
    platforms_connected: int
    platforms_allowed: int
    scan_interval_s: int
    retention_days: int
    scans_paused: bool
    paused_since: datetime | None
    next_scan_at: datetime | None


def month_start(now: datetime) -> datetime:
    return now.astimezone(UTC).replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def day_start(now: datetime) -> datetime:
    return now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)


async def plan_of(conn: Conn, user_id: str, book: PlanBook | None = None) -> Plan:
    book = book or load_plans()
    row = await plans_store.get_user_plan(conn, user_id)
    return book.get(row.plan if row else None)


async def _subscribed(conn: Conn, user_id: str) -> bool:
    row = await billing_store.subscription_of(conn, user_id)
    return row is not None and row.status in ENTITLED_STATUSES


async def ensure_monthly_grant(conn: Conn, user_id: str, plan: Plan, now: datetime) -> bool:
    """This calendar month's credits for a user without a paid subscription (once per month)."""
    if plan.credits_per_month <= 0 or await _subscribed(conn, user_id):
        return False
    return await credits.add_entry(conn, user_id, plan.credits_per_month, "monthly_grant",
                                   f"grant:{user_id}:{month_start(now):%Y-%m}")


async def check_can_connect(conn: Conn, user_id: str, platform: str, book: PlanBook | None = None) -> None:
    """PlanLimitReached (HTTP 402) when connecting ``platform`` would exceed the plan's platforms;
    reconnecting a platform that is connected already is always allowed."""
    book = book or load_plans()
    plan = await plan_of(conn, user_id, book)
    connected = await plans_store.active_connection_platforms(conn, user_id)
    if platform in connected or len(connected) < plan.platforms:
        return
    names = ", ".join(p.title() for p in connected)
    raise PlanLimitReached(
        f"Your {plan.title} plan covers {plan.platforms} connected platform"
        f"{'s' if plan.platforms != 1 else ''} ({names} already). Disconnect one, or upgrade your plan "
        f"to connect {platform.title()}.")


async def lock_account(conn: Conn, user_id: str, book: PlanBook | None = None) -> Plan:
    """Lock the user's plan row until the transaction ends (charges of one user go one at a time,
    and before the scan job is created, the order the scheduler keeps too); the user's plan."""
    book = book or load_plans()
    return book.get((await plans_store.lock_user_plan(conn, user_id, book.default_plan)).plan)


async def admit_manual_scan(conn: Conn, user_id: str, now: datetime, book: PlanBook | None = None) -> None:
    """Right after a "scan now" created its job, in the same transaction (after ``lock_account``):
    ScanAllowanceUsed (HTTP 429) when that job goes over the day's allowance, PlanLimitReached
    (HTTP 402) without credits for it; either rolls the job back."""
    book = book or load_plans()
    plan = await lock_account(conn, user_id, book)
    used = await usage.manual_scans_since(conn, user_id, day_start(now))  # the new job included
    if used > plan.scan_now_per_day:
        retry = day_start(now) + timedelta(days=1) - now
        raise ScanAllowanceUsed(
            f"You have used today's {plan.scan_now_per_day} \"scan now\" of your {plan.title} plan; "
            "scheduled scans go on as usual. Try again after midnight UTC, or upgrade your plan.",
            retry_after_s=max(1, int(retry.total_seconds()) + 1))
    await ensure_monthly_grant(conn, user_id, plan, now)
    if await credits.balance(conn, user_id) < book.scan_credit_cost:
        raise PlanLimitReached(
            "You have no credits left for a scan. Credits come back with your monthly allowance, or "
            "buy a credits pack on the billing page.")


async def admit_scheduled_scan(conn: Conn, user_id: str, now: datetime,
                               book: PlanBook | None = None) -> Plan | None:
    """Before the scheduler creates a scan job (same transaction): the user's plan when they have the
    credits for it (resuming a pause); None pauses the user's scheduled scans (one notice per pause)."""
    book = book or load_plans()
    locked = await plans_store.lock_user_plan(conn, user_id, book.default_plan)
    plan = book.get(locked.plan)
    await ensure_monthly_grant(conn, user_id, plan, now)
    if await credits.balance(conn, user_id) >= book.scan_credit_cost:
        if locked.scans_paused_at is not None:
            await plans_store.resume_scans(conn, user_id, now)
        return plan
    if await plans_store.pause_scans(conn, user_id, now, now + timedelta(seconds=book.paused_recheck_s)):
        await billing_notices.add_notice(conn, user_id, NOTICE_PAUSED, now.isoformat(),
                                         {"plan": plan.name, "title": plan.title})
    return None


async def charge_scan(conn: Conn, user_id: str, job_id: str, book: PlanBook | None = None) -> bool:
    """Take the scan's credits (in the transaction that created its job); False when charged before."""
    return await usage.charge_scan(conn, user_id, job_id, (book or load_plans()).scan_credit_cost)


async def refund_scan(conn: Conn, job_id: str) -> bool:
    """Give a charged scan's credits back (loopwho's failure), once."""
    return await usage.refund_scan(conn, job_id)


async def resume_if_funded(conn: Conn, user_id: str, now: datetime, book: PlanBook | None = None) -> bool:
    """After credits arrive (a purchase, a paid invoice): paused scheduled scans start again."""
    book = book or load_plans()
    if await credits.balance(conn, user_id) < book.scan_credit_cost:
        return False
    return await plans_store.resume_scans(conn, user_id, now)


async def plan_status(conn: Conn, user_id: str, now: datetime | None = None,
                      book: PlanBook | None = None) -> PlanStatus:
    """Plan, credits, usage this period and the next scan time of one user."""
    now, book = now or datetime.now(UTC), book or load_plans()
    row = await plans_store.get_user_plan(conn, user_id)
    plan = book.get(row.plan if row else None)
    sub = await billing_store.subscription_of(conn, user_id)
    period_start = month_start(now)
    if sub and sub.status in ENTITLED_STATUSES and sub.current_period_start:
        period_start = sub.current_period_start
    return PlanStatus(
        plan=plan.name, title=plan.title, credits=await credits.balance(conn, user_id),
        scans_this_period=await usage.scans_charged_since(conn, user_id, period_start), period_start=period_start,
        scan_now_used_today=await usage.manual_scans_since(conn, user_id, day_start(now)),
        scan_now_per_day=plan.scan_now_per_day,
        platforms_connected=len(await plans_store.active_connection_platforms(conn, user_id)),
        platforms_allowed=plan.platforms, scan_interval_s=plan.scan_interval_s,
        retention_days=plan.retention_days, scans_paused=bool(row and row.scans_paused_at),
        paused_since=row.scans_paused_at if row else None,
        next_scan_at=await plans_store.next_scan_at(conn, user_id))
