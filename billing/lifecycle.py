"""The plan over a subscription's life: upgrade when it is paid for, a grace period when a renewal
fails, then the default plan; a customer portal and cancel at period end through Stripe.

Plan changes take effect at once for the scan schedule (a shorter interval brings the next scan
forward) and, on a downgrade, only after ``retention_notice_days`` for retention: the old plan's
longer history stays until then. Each step the user should hear of writes one billing notice (an
e-mail the scheduler sends) in the same transaction.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import stripe

from billing.client import provider_error, stripe_client
from billing.plans import Plan, PlanBook, load_plans
from billing.usage import resume_if_funded
from core.errors import InvalidInput
from core.logging import get_logger
from core.settings import Settings
from store import billing as billing_store
from store import billing_notices, credits
from store import plans as plans_store
from store.db import Conn, Pool

log = get_logger(__name__)

NOTICE_PAYMENT_FAILED = "payment_failed"
NOTICE_DOWNGRADED = "plan_downgraded"
NOTICE_CANCELLING = "subscription_cancelling"
# Stripe statuses that keep the paid plan (past_due: only until the grace period ends)
ENTITLED = ("active", "trialing", "past_due")
ENDED = ("canceled", "unpaid", "incomplete_expired")


async def change_plan(conn: Conn, user_id: str, plan_name: str, now: datetime,
                      book: PlanBook | None = None) -> Plan | None:
    """Put the user on ``plan_name``; the old plan when it changed, None when it was already so."""
    book = book or load_plans()
    locked = await plans_store.lock_user_plan(conn, user_id, book.default_plan)
    old, new = book.get(locked.plan), book.get(plan_name)
    if old.name == new.name:
        return None
    # retention never shrinks without notice: the longest window promised stays until the notice ends
    floor_days = floor_until = None
    if locked.retention_floor_until and locked.retention_floor_until > now:
        floor_days, floor_until = locked.retention_floor_days, locked.retention_floor_until
    if new.retention_days < old.retention_days and (floor_days or 0) < old.retention_days:
        floor_days, floor_until = old.retention_days, now + timedelta(days=book.retention_notice_days)
    if floor_days is not None and floor_days <= new.retention_days:
        floor_days = floor_until = None
    await plans_store.set_plan(conn, user_id, new.name, retention_floor_days=floor_days,
                               retention_floor_until=floor_until)
    await plans_store.apply_scan_interval(conn, user_id, new.scan_interval_s, now)
    log.info("plan changed", user_id=user_id, old=old.name, new=new.name)
    return old


async def downgrade(conn: Conn, user_id: str, now: datetime, reason: str, book: PlanBook | None = None) -> bool:
    """Move the user to the default plan with one notice; False when they were on it already."""
    book = book or load_plans()
    old = await change_plan(conn, user_id, book.default_plan, now, book)
    if old is None:
        return False
    locked = await plans_store.get_user_plan(conn, user_id)
    await billing_notices.add_notice(conn, user_id, NOTICE_DOWNGRADED, f"{old.name}:{now.isoformat()}", {
        "reason": reason, "old_plan": old.title, "new_plan": book.get(book.default_plan).title,
        "history_kept_until": locked.retention_floor_until.isoformat()
        if locked and locked.retention_floor_until else None})
    return True


async def grant_period_credits(conn: Conn, user_id: str, plan: Plan, key: str, now: datetime,
                               book: PlanBook | None = None) -> bool:
    """A paid period's credits, once per ``key`` (the invoice); paused scans resume."""
    added = plan.credits_per_month > 0 and await credits.add_entry(
        conn, user_id, plan.credits_per_month, "subscription_grant", f"grant:invoice:{key}")
    await resume_if_funded(conn, user_id, min(now, datetime.now(UTC)), book)  # due now, not on Stripe's clock
    return bool(added)


async def start_grace(conn: Conn, state: billing_store.SubscriptionState, now: datetime,
                      book: PlanBook | None = None) -> datetime:
    """A renewal failed: the paid plan stays until the grace period ends (one notice per period)."""
    book = book or load_plans()
    if state.grace_until is not None:
        return state.grace_until
    until = now + timedelta(days=book.grace_days)
    await billing_store.set_grace(conn, state.user_id, until)
    await billing_notices.add_notice(conn, state.user_id, NOTICE_PAYMENT_FAILED,
                                     f"{state.stripe_subscription_id}:{until.isoformat()}",
                                     {"grace_until": until.isoformat(),
                                      "plan": book.get(state.plan).title})
    return until


async def settle_plan(conn: Conn, user_id: str, now: datetime, book: PlanBook | None = None) -> str:
    """Make the user's plan follow their subscription row as it now stands; what happened."""
    book = book or load_plans()
    state = await billing_store.state_of_user(conn, user_id)
    if state is None:
        return "no subscription"
    if state.status in ("active", "trialing"):
        if state.grace_until is not None:
            await billing_store.set_grace(conn, user_id, None)
        changed = await change_plan(conn, user_id, state.plan or book.subscription_plan, now, book)
        return "upgraded" if changed else "unchanged"
    if state.status == "past_due":
        until = await start_grace(conn, state, now, book)
        if until > now:
            await change_plan(conn, user_id, state.plan or book.subscription_plan, now, book)
            return "grace"
        return "downgraded" if await downgrade(conn, user_id, now, "payment_failed", book) else "unchanged"
    if state.status in ENDED:
        if state.grace_until is not None:
            await billing_store.set_grace(conn, user_id, None)
        return "downgraded" if await downgrade(conn, user_id, now, state.status, book) else "unchanged"
    return "unchanged"  # incomplete: the first payment is still on its way


async def end_expired_grace(pool: Pool, now: datetime | None = None,
                            book: PlanBook | None = None) -> list[str]:
    """The scheduler's sweep: users whose renewal is still unpaid after the grace period go to the
    default plan (one notice each). Returns their ids."""
    now, book = now or datetime.now(UTC), book or load_plans()
    moved = []
    for state in await billing_store.expired_grace(pool, now, book.default_plan):
        async with pool.acquire() as conn, conn.transaction():
            if await downgrade(conn, state.user_id, now, "payment_failed", book):
                moved.append(state.user_id)
    return moved


# ---- Stripe calls the user starts -------------------------------------------------------------

async def _subscription_of(conn: Conn, user_id: str) -> billing_store.SubscriptionState:
    state = await billing_store.state_of_user(conn, user_id)
    if state is None or not state.stripe_subscription_id or state.status in ENDED:
        raise InvalidInput("there is no subscription to change: start one from the billing page")
    return state


async def create_portal_session(conn: Conn, settings: Settings, user_id: str) -> str:
    """A Stripe customer portal session for the user (payment method, invoices, plan); its URL."""
    customer = await billing_store.customer_id_of(conn, user_id)
    if not customer:
        raise InvalidInput("there is no billing account yet: start a subscription or buy credits first")
    client = stripe_client(settings)
    try:
        session = await client.v1.billing_portal.sessions.create_async(params={
            "customer": customer, "return_url": f"{settings.public_url.rstrip('/')}/billing"})
    except stripe.StripeError as exc:
        raise provider_error(exc, "opening the customer portal") from None
    return session.url


async def cancel_at_period_end(conn: Conn, settings: Settings, user_id: str, *, cancel: bool = True) -> datetime | None:
    """Ask Stripe to end the subscription when the paid period ends (``cancel=False`` takes that
    back); the plan stays until then. Returns the period end."""
    state = await _subscription_of(conn, user_id)
    client = stripe_client(settings)
    try:
        sub = await client.v1.subscriptions.update_async(
            state.stripe_subscription_id, params={"cancel_at_period_end": cancel},  # type: ignore[arg-type]
            options={"idempotency_key": f"loopwho-cancel-{state.stripe_subscription_id}-{int(cancel)}"})
    except stripe.StripeError as exc:
        raise provider_error(exc, "cancelling the subscription") from None
    await billing_store.apply_state(conn, user_id, event_at=state.state_event_at or datetime.now(UTC),
                                    cancel_at_period_end=bool(sub.cancel_at_period_end))
    if cancel:
        await billing_notices.add_notice(conn, user_id, NOTICE_CANCELLING, state.stripe_subscription_id or "",
                                         {"period_end": state.current_period_end.isoformat()
                                          if state.current_period_end else None})
    return state.current_period_end


def period_of(obj: dict[str, Any]) -> tuple[datetime | None, datetime | None]:
    """The current period of a subscription (on it in older API versions, on its first item in newer)."""
    start, end = obj.get("current_period_start"), obj.get("current_period_end")
    items = ((obj.get("items") or {}).get("data") or [])
    if start is None and items and isinstance(items[0], dict):
        start, end = items[0].get("current_period_start"), items[0].get("current_period_end")
    return _when(start), _when(end)


def _when(epoch: Any) -> datetime | None:
    return datetime.fromtimestamp(epoch, UTC) if isinstance(epoch, int | float) else None
