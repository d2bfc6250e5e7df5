"""Webhook deliveries signed the way Stripe signs them, verified by the real stripe SDK."""

from __future__ import annotations

import secrets
import time

import pytest

from billing.checkout import create_checkout_session
from billing.errors import InvalidWebhook
from billing.webhooks import handle_webhook
from store import billing as billing_store
from store import credits
from tests.billing.conftest import completed_session, event, signed


async def test_paid_credits_checkout_adds_credits_once(pool, billing_settings, new_user) -> None:
    user_id = await new_user()
    session = completed_session(user_id, "payment")
    body = event("checkout.session.completed", session)

    result = await handle_webhook(pool, billing_settings, body, signed(body))
    assert result.outcome == "credits_added"
    assert await credits.balance(pool, user_id) == billing_settings.credits_per_pack

    replay = await handle_webhook(pool, billing_settings, body, signed(body))
    assert replay.outcome == "duplicate"
    # another event about the same session (async payment confirmation) adds nothing either
    again = event("checkout.session.async_payment_succeeded", session)
    assert (await handle_webhook(pool, billing_settings, again, signed(again))).outcome == "credits_already_added"
    assert await credits.balance(pool, user_id) == billing_settings.credits_per_pack

    second = event("checkout.session.completed", completed_session(user_id, "payment"))
    await handle_webhook(pool, billing_settings, second, signed(second))
    assert await credits.balance(pool, user_id) == 2 * billing_settings.credits_per_pack


async def test_unpaid_session_adds_no_credits(pool, billing_settings, new_user) -> None:
    user_id = await new_user()
    body = event("checkout.session.completed", completed_session(user_id, "payment", payment_status="unpaid"))
    assert (await handle_webhook(pool, billing_settings, body, signed(body))).outcome == "awaiting_payment"
    assert await credits.balance(pool, user_id) == 0


async def test_subscription_lifecycle(pool, billing_settings, stripe_standin, new_user) -> None:
    user_id = await new_user()
    await create_checkout_session(pool, billing_settings, user_id, "subscription")
    customer = await billing_store.customer_id_of(pool, user_id)
    sub_id = f"sub_{secrets.token_hex(8)}"

    async def deliver(event_type: str, obj: dict) -> str:
        body = event(event_type, obj)
        return (await handle_webhook(pool, billing_settings, body, signed(body))).outcome

    # the checkout's metadata names another user: the customer on record decides whose plan it is
    session = completed_session("00000000-0000-0000-0000-000000000000", "subscription", customer=customer,
                                subscription=sub_id)
    assert await deliver("checkout.session.completed", session) == "subscription_started (upgraded)"
    row = await billing_store.subscription_of(pool, user_id)
    assert (row.status, row.plan, row.stripe_subscription_id) == ("active", "pro", sub_id)

    start, end = int(time.time()), int(time.time()) + 30 * 86_400
    sub = {"id": sub_id, "object": "subscription", "customer": customer, "status": "active",
           "items": {"object": "list", "data": [{"current_period_start": start, "current_period_end": end}]}}
    assert await deliver("customer.subscription.updated", sub) == "subscription_active (unchanged)"
    row = await billing_store.subscription_of(pool, user_id)
    assert int(row.current_period_end.timestamp()) == end

    invoice = {"id": "in_1", "object": "invoice", "customer": customer,
               "parent": {"subscription_details": {"subscription": sub_id}}}
    assert await deliver("invoice.payment_failed", invoice) == "subscription_past_due (grace)"
    assert (await billing_store.subscription_of(pool, user_id)).status == "past_due"

    deleted = await deliver("customer.subscription.deleted", {**sub, "status": "canceled"})
    assert deleted == "subscription_canceled (downgraded)"
    row = await billing_store.subscription_of(pool, user_id)
    assert row.status == "canceled" and int(row.current_period_end.timestamp()) == end

    # a late event about a subscription we do not know changes nothing
    stray = {**sub, "id": "sub_unknown", "customer": "cus_unknown", "status": "active"}
    assert await deliver("customer.subscription.updated", stray) == "ignored: unknown subscription"
    assert (await billing_store.subscription_of(pool, user_id)).status == "canceled"


async def test_unknown_event_types_are_acknowledged(pool, billing_settings) -> None:
    body = event("charge.refunded", {"id": "ch_1", "object": "charge"})
    assert (await handle_webhook(pool, billing_settings, body, signed(body))).outcome == "ignored"


@pytest.mark.parametrize("problem", ["wrong_secret", "old", "missing", "tampered"])
async def test_bad_signatures_store_nothing(pool, billing_settings, new_user, problem) -> None:
    user_id = await new_user()
    body = event("checkout.session.completed", completed_session(user_id, "payment"))
    header = {"wrong_secret": signed(body, secret="whsec_other"), "old": signed(body, age_s=600),
              "missing": None, "tampered": signed(body)}[problem]
    if problem == "tampered":
        body = body.replace(b'"paid"', b'"paid" ')
    before = await billing_store.event_count(pool)
    with pytest.raises(InvalidWebhook):
        await handle_webhook(pool, billing_settings, body, header)
    assert await billing_store.event_count(pool) == before
    assert await credits.balance(pool, user_id) == 0
