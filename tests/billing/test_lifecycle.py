"""A subscription's life through the real stripe SDK and the Stripe stand-in's events: upgrade,
failed renewal -> grace -> downgrade (one notice per step), cancel at period end, the customer
portal, and events delivered out of order or twice."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from billing.lifecycle import cancel_at_period_end, create_portal_session, end_expired_grace
from billing.plans import load_plans
from core.errors import InvalidInput
from store import billing as billing_store
from store import billing_notices, credits
from store import plans as plans_store
from tests.billing.conftest import deliver, subscribe

BOOK = load_plans()
PRO, FREE = BOOK.get("pro"), BOOK.get("free")


async def _plan(pool, user_id: str) -> str:
    row = await plans_store.get_user_plan(pool, user_id)
    return row.plan if row else BOOK.default_plan


async def _notices(pool, user_id: str) -> list[str]:
    return [n.kind for n in await billing_notices.notices_of(pool, user_id)]


async def test_failed_renewal_grace_then_downgrade_one_notice_per_step(
        pool, billing_settings, stripe_standin, new_user) -> None:
    user_id = await new_user()
    sub_id = await subscribe(pool, billing_settings, stripe_standin, user_id)
    assert await _plan(pool, user_id) == "pro"
    assert await credits.balance(pool, user_id) == PRO.credits_per_month  # the first paid invoice

    failed, updated = stripe_standin.renew(sub_id, paid=False)
    assert (await deliver(pool, billing_settings, failed)).startswith("subscription_past_due (grace)")
    assert await deliver(pool, billing_settings, updated) == "subscription_past_due (grace)"
    # Stripe retries the payment and tells us again: still one notice, same grace period
    again = stripe_standin.event("invoice.payment_failed", failed["data"]["object"])
    await deliver(pool, billing_settings, again)
    state = await billing_store.state_of_user(pool, user_id)
    now = datetime.now(UTC)
    assert state.status == "past_due" and abs(state.grace_until - (now + timedelta(days=BOOK.grace_days))) \
        < timedelta(minutes=1)
    assert await _plan(pool, user_id) == "pro"  # kept during the grace period
    assert await _notices(pool, user_id) == ["payment_failed"]
    notice = (await billing_notices.notices_of(pool, user_id))[0]
    assert notice.details["grace_until"] == state.grace_until.isoformat()

    assert await end_expired_grace(pool, now + timedelta(days=BOOK.grace_days - 1)) == []
    assert await end_expired_grace(pool, now + timedelta(days=BOOK.grace_days, minutes=5)) == [user_id]
    assert await end_expired_grace(pool, now + timedelta(days=BOOK.grace_days, minutes=10)) == []
    assert await _plan(pool, user_id) == "free"
    assert await _notices(pool, user_id) == ["payment_failed", "plan_downgraded"]
    # retention shrinks only after the notice period
    row = await plans_store.get_user_plan(pool, user_id)
    assert row.retention_floor_days == PRO.retention_days
    assert row.retention_floor_until > now + timedelta(days=BOOK.retention_notice_days)

    # Stripe gives up and deletes the subscription: already free, no second e-mail
    (deleted,) = stripe_standin.give_up(sub_id)
    assert await deliver(pool, billing_settings, deleted) == "subscription_canceled (unchanged)"
    assert await _notices(pool, user_id) == ["payment_failed", "plan_downgraded"]


async def test_a_late_payment_restores_the_plan(pool, billing_settings, stripe_standin, new_user) -> None:
    user_id = await new_user()
    sub_id = await subscribe(pool, billing_settings, stripe_standin, user_id)
    for e in stripe_standin.renew(sub_id, paid=False):
        await deliver(pool, billing_settings, e)
    await end_expired_grace(pool, datetime.now(UTC) + timedelta(days=BOOK.grace_days + 1))
    assert await _plan(pool, user_id) == "free"
    paid, updated = stripe_standin.renew(sub_id, paid=True)
    assert (await deliver(pool, billing_settings, paid)).startswith("invoice_paid (credits granted, upgraded")
    await deliver(pool, billing_settings, updated)
    state = await billing_store.state_of_user(pool, user_id)
    assert (state.status, state.grace_until, await _plan(pool, user_id)) == ("active", None, "pro")
    assert await credits.balance(pool, user_id) == 2 * PRO.credits_per_month
    row = await plans_store.get_user_plan(pool, user_id)
    assert row.retention_floor_days is None  # back on the longer window: no floor needed


async def test_events_out_of_order_and_twice(pool, billing_settings, stripe_standin, new_user) -> None:
    user_id = await new_user()
    from billing.checkout import create_checkout_session

    url = await create_checkout_session(pool, billing_settings, user_id, "subscription")
    completed, created, paid = stripe_standin.complete_checkout(url.rsplit("/", 1)[1])
    sub_id = created["data"]["object"]["id"]
    # newest first: the invoice, then the subscription, then the checkout completion
    assert (await deliver(pool, billing_settings, paid)).startswith("invoice_paid (credits granted, upgraded")
    assert await deliver(pool, billing_settings, created) == "stale"  # older than the invoice's news
    assert await deliver(pool, billing_settings, completed) == "stale"
    assert await deliver(pool, billing_settings, paid) == "duplicate"
    assert await credits.balance(pool, user_id) == PRO.credits_per_month
    assert await _plan(pool, user_id) == "pro"

    # cancelled at period end; the deletion arrives before the last renewal's events
    stripe_standin.set_cancel_at_period_end(sub_id, True)
    renewal = stripe_standin.renew(sub_id, paid=True)
    (deleted,) = stripe_standin.end_period(sub_id)
    assert await deliver(pool, billing_settings, deleted) == "subscription_canceled (downgraded)"
    for e in renewal:
        outcome = await deliver(pool, billing_settings, e)
        assert outcome in ("stale", "invoice_paid (credits granted, stale)"), outcome
    for e in [deleted, *renewal]:
        assert await deliver(pool, billing_settings, e) == "duplicate"
    state = await billing_store.state_of_user(pool, user_id)
    assert state.status == "canceled" and await _plan(pool, user_id) == "free"
    assert await _notices(pool, user_id) == ["plan_downgraded"]


async def test_cancel_at_period_end_and_the_portal(pool, billing_settings, stripe_standin, new_user) -> None:
    user_id = await new_user()
    with pytest.raises(InvalidInput, match="no billing account"):
        await create_portal_session(pool, billing_settings, user_id)
    with pytest.raises(InvalidInput, match="no subscription"):
        await cancel_at_period_end(pool, billing_settings, user_id)
    sub_id = await subscribe(pool, billing_settings, stripe_standin, user_id)

    url = await create_portal_session(pool, billing_settings, user_id)
    portal = stripe_standin.portal_sessions[url.rsplit("/", 1)[1]]
    assert url.startswith("https://billing.stripe.com/p/session/")
    assert portal["customer"] == await billing_store.customer_id_of(pool, user_id)
    assert portal["return_url"] == "https://app.loopwho.test/billing"

    period_end = await cancel_at_period_end(pool, billing_settings, user_id)
    request = stripe_standin.requests[-1]
    assert (request.method, request.path, request.params) == (
        "POST", f"/v1/subscriptions/{sub_id}", {"cancel_at_period_end": "true"})
    assert stripe_standin.subscriptions[sub_id]["cancel_at_period_end"] is True
    state = await billing_store.state_of_user(pool, user_id)
    assert state.cancel_at_period_end and period_end == state.current_period_end
    assert await _plan(pool, user_id) == "pro"  # paid until the period ends
    assert await _notices(pool, user_id) == ["subscription_cancelling"]

    (deleted,) = stripe_standin.end_period(sub_id)
    await deliver(pool, billing_settings, deleted)
    assert await _plan(pool, user_id) == "free"
    assert await _notices(pool, user_id) == ["subscription_cancelling", "plan_downgraded"]
