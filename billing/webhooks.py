"""Stripe webhooks: verify the signature, then apply each event once, in Stripe's order.

An event is claimed (``stripe_webhook_events``) in the same transaction that applies it: a
redelivery finds it claimed and changes nothing, and a failure rolls the claim back so Stripe's
retry can apply it. Stripe does not deliver in order: a subscription's state is applied only when
the event was created no earlier than the last one applied (``subscriptions.state_event_at``); an
older one is acknowledged as ``stale``. Credits (a paid pack, a paid invoice) are keyed by what was
paid for, so they are added once whatever the order. Unknown event types are acknowledged and ignored.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import msgspec
import stripe

from billing.errors import BillingNotConfigured, InvalidWebhook
from billing.lifecycle import grant_period_credits, period_of, settle_plan
from billing.plans import load_plans
from billing.usage import resume_if_funded
from core.errors import InvalidInput, NotFound
from core.logging import get_logger
from core.settings import Settings
from store import billing as billing_store
from store import credits, users
from store.db import Connection, Pool

log = get_logger(__name__)


class WebhookOutcome(msgspec.Struct, kw_only=True):
    event_id: str
    type: str
    outcome: str  # what happened: credits_added, subscription_started, duplicate, ignored, ...


def verify(payload: bytes, signature: str | None, settings: Settings) -> dict[str, Any]:
    """The event as a dict when ``signature`` is Stripe's valid, fresh signature of ``payload``."""
    if not signature:
        raise InvalidWebhook("missing Stripe-Signature header")
    if not settings.stripe_webhook_secret:
        raise BillingNotConfigured("Stripe webhooks are not configured: set STRIPE_WEBHOOK_SECRET")
    try:
        text = payload.decode("utf-8")
        stripe.Webhook.construct_event(text, signature, settings.stripe_webhook_secret,
                                       tolerance=settings.stripe_webhook_tolerance_s)
        event = json.loads(text)
    except stripe.SignatureVerificationError:
        raise InvalidWebhook(
            "the Stripe-Signature does not match this body and the webhook secret, or its timestamp is "
            f"older than {settings.stripe_webhook_tolerance_s} s") from None
    except ValueError:  # also UnicodeDecodeError and json.JSONDecodeError
        raise InvalidWebhook("the body is not a JSON Stripe event") from None
    obj = (event.get("data") or {}).get("object") if isinstance(event, dict) else None
    if not (isinstance(event.get("id"), str) and isinstance(event.get("type"), str) and isinstance(obj, dict)):
        raise InvalidWebhook("the body is not a Stripe event (id, type and data.object are required)")
    return event


async def _user_of_session(conn: Connection, session: dict[str, Any]) -> str | None:
    """The user a Checkout Session belongs to: its customer's user first, else its metadata."""
    if isinstance(session.get("customer"), str):
        known = await billing_store.user_of_customer(conn, session["customer"])
        if known:
            return known
    claimed = (session.get("metadata") or {}).get("user_id") or session.get("client_reference_id")
    if not claimed:
        return None
    try:
        return (await users.get_user(conn, claimed)).id
    except (NotFound, InvalidInput):
        return None


def _subscription_id(invoice: dict[str, Any]) -> str | None:
    """An invoice's subscription: top level in older API versions, under parent in newer ones."""
    sub_id = invoice.get("subscription")
    if not isinstance(sub_id, str):
        sub_id = (((invoice.get("parent") or {}).get("subscription_details") or {}).get("subscription"))
    return sub_id if isinstance(sub_id, str) else None


async def _checkout_completed(conn: Connection, settings: Settings, session: dict[str, Any],
                              at: datetime) -> str:
    user_id = await _user_of_session(conn, session)
    if user_id is None:
        return "ignored: unknown user"
    paid = session.get("payment_status") in ("paid", "no_payment_required")
    if session.get("mode") == "payment":
        if not paid:
            return "awaiting_payment"  # an async payment method: async_payment_succeeded follows
        # keyed by the session, so completed + async_payment_succeeded cannot both add credits
        added = await credits.add_entry(conn, user_id, settings.credits_per_pack, "stripe_checkout",
                                        f"stripe:checkout:{session['id']}")
        # scans paused for lack of credits are due again from now (``at`` is Stripe's clock)
        await resume_if_funded(conn, user_id, datetime.now(UTC))
        return "credits_added" if added else "credits_already_added"
    if session.get("mode") == "subscription":
        if not isinstance(session.get("subscription"), str):
            return "ignored: no subscription"
        state = await billing_store.state_of_user(conn, user_id)
        if state is not None and state.state_event_at and state.state_event_at > at and \
                state.stripe_subscription_id == session["subscription"]:
            return "stale"  # a later event about this subscription was applied already
        await billing_store.start_subscription(
            conn, user_id, customer_id=session.get("customer"), subscription_id=session["subscription"],
            plan=settings.stripe_plan_name, status="active" if paid else "incomplete")
        await billing_store.apply_state(conn, user_id, event_at=at)
        outcome = await settle_plan(conn, user_id, at)
        return f"subscription_started ({outcome})"
    return "ignored: mode"


async def _subscription_changed(conn: Connection, settings: Settings, sub: dict[str, Any],
                                at: datetime) -> str:
    state = await billing_store.find_state(conn, sub.get("id"), sub.get("customer"))
    if state is None:
        return "ignored: unknown subscription"
    start, end = period_of(sub)
    if not await billing_store.apply_state(
            conn, state.user_id, event_at=at, subscription_id=sub.get("id"),
            plan=state.plan or settings.stripe_plan_name, status=str(sub.get("status") or "canceled"),
            period_start=start, period_end=end,
            cancel_at_period_end=bool(sub.get("cancel_at_period_end"))):
        return "stale"
    outcome = await settle_plan(conn, state.user_id, at)
    return f"subscription_{sub.get('status')} ({outcome})"


async def _invoice_subscription(conn: Connection, invoice: dict[str, Any]
                                ) -> tuple[str, billing_store.SubscriptionState] | None:
    """The subscription an invoice bills and its row, when loopwho knows it."""
    sub_id = _subscription_id(invoice)
    state = await billing_store.find_state(conn, sub_id, invoice.get("customer")) if sub_id else None
    return (sub_id, state) if sub_id and state else None


async def _invoice_paid(conn: Connection, settings: Settings, invoice: dict[str, Any],
                        at: datetime) -> str:
    if (found := await _invoice_subscription(conn, invoice)) is None:
        return "ignored: not a subscription invoice we know"
    sub_id, state = found
    # each paid period brings the plan's credits, whatever order the events came in
    plan_name = state.plan or settings.stripe_plan_name  # the invoice may come before the checkout's event
    granted = await grant_period_credits(conn, state.user_id, load_plans().get(plan_name), str(invoice.get("id")), at)
    outcome = "stale"
    if await billing_store.apply_state(conn, state.user_id, event_at=at, subscription_id=sub_id, status="active",
                                       plan=plan_name):
        outcome = await settle_plan(conn, state.user_id, at)  # ends a grace period, restores the plan
    return f"invoice_paid ({'credits granted, ' if granted else ''}{outcome})"


async def _payment_failed(conn: Connection, settings: Settings, invoice: dict[str, Any],
                          at: datetime) -> str:
    if (found := await _invoice_subscription(conn, invoice)) is None:
        return "ignored: not a subscription invoice we know"
    sub_id, state = found
    if not await billing_store.apply_state(conn, state.user_id, event_at=at, subscription_id=sub_id,
                                           status="past_due", plan=state.plan or settings.stripe_plan_name):
        return "stale"
    # the grace period runs from when loopwho learns of the failure (the event's arrival)
    return f"subscription_past_due ({await settle_plan(conn, state.user_id, datetime.now(UTC))})"


Handler = Callable[[Connection, Settings, dict[str, Any], datetime], Awaitable[str]]
HANDLERS: dict[str, Handler] = {
    "checkout.session.completed": _checkout_completed,
    "checkout.session.async_payment_succeeded": _checkout_completed,
    "customer.subscription.created": _subscription_changed,
    "customer.subscription.updated": _subscription_changed,
    "customer.subscription.deleted": _subscription_changed,
    "invoice.paid": _invoice_paid,
    "invoice.payment_failed": _payment_failed,
}


async def handle_webhook(pool: Pool, settings: Settings, payload: bytes,
                         signature: str | None) -> WebhookOutcome:
    """Verify and apply one delivery; InvalidWebhook (HTTP 400) when the signature is bad or stale."""
    event = verify(payload, signature, settings)
    event_id, event_type = event["id"], event["type"]
    async with pool.acquire() as conn, conn.transaction():
        if not await billing_store.claim_event(conn, event_id, event_type):
            outcome = "duplicate"
        else:
            handler = HANDLERS.get(event_type)
            at = datetime.fromtimestamp(event["created"], UTC) if isinstance(event.get("created"), int) \
                else datetime.now(UTC)
            outcome = await handler(conn, settings, event["data"]["object"], at) if handler else "ignored"
            await billing_store.set_event_outcome(conn, event_id, outcome)
    log.info("stripe webhook", event_id=event_id, type=event_type, outcome=outcome)
    return WebhookOutcome(event_id=event_id, type=event_type, outcome=outcome)
