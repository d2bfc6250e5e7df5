"""Stripe webhooks: verify the signature, then apply each event once.

An event is claimed (``stripe_webhook_events``) in the same transaction that applies it: a
redelivery finds it claimed and changes nothing, and a failure rolls the claim back so Stripe's
retry can apply it. Unknown event types are acknowledged and ignored.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import asyncpg
import msgspec
import stripe

from billing.errors import BillingNotConfigured, InvalidWebhook
from core.errors import InvalidInput, NotFound
from core.logging import get_logger
from core.settings import Settings
from store import billing as billing_store
from store import credits, users

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


def _when(epoch: Any) -> datetime | None:
    return datetime.fromtimestamp(epoch, UTC) if isinstance(epoch, int | float) else None


def _period(sub: dict[str, Any]) -> tuple[datetime | None, datetime | None]:
    """The current period: on the subscription (older API versions) or on its first item (newer)."""
    start, end = sub.get("current_period_start"), sub.get("current_period_end")
    items = ((sub.get("items") or {}).get("data") or [])
    if start is None and items and isinstance(items[0], dict):
        start, end = items[0].get("current_period_start"), items[0].get("current_period_end")
    return _when(start), _when(end)


async def _user_of_session(conn: asyncpg.Connection, session: dict[str, Any]) -> str | None:
    """The user a Checkout Session belongs to: its customer's user first, else its metadata."""
    if isinstance(session.get("customer"), str):
        known = await billing_store.user_of_customer(conn, session["customer"])
        if known:
            return known
    claimed = (session.get("metadata") or {}).get("user_id") or session.get("client_reference_id")
    if not claimed:
        return None
    try:
        return (await users.get_user(conn, claimed))["id"]
    except (NotFound, InvalidInput):
        return None


async def _checkout_completed(conn: asyncpg.Connection, settings: Settings, session: dict[str, Any]) -> str:
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
        return "credits_added" if added else "credits_already_added"
    if session.get("mode") == "subscription":
        if not isinstance(session.get("subscription"), str):
            return "ignored: no subscription"
        await billing_store.start_subscription(
            conn, user_id, customer_id=session.get("customer"), subscription_id=session["subscription"],
            plan=settings.stripe_plan_name, status="active" if paid else "incomplete")
        return "subscription_started"
    return "ignored: mode"


async def _subscription_changed(conn: asyncpg.Connection, settings: Settings, sub: dict[str, Any]) -> str:
    start, end = _period(sub)
    user_id = await billing_store.update_subscription(
        conn, subscription_id=sub.get("id"), customer_id=sub.get("customer"),
        status=str(sub.get("status") or "canceled"), period_start=start, period_end=end)
    return f"subscription_{sub.get('status')}" if user_id else "ignored: unknown subscription"


async def _payment_failed(conn: asyncpg.Connection, settings: Settings, invoice: dict[str, Any]) -> str:
    sub_id = invoice.get("subscription")
    if not isinstance(sub_id, str):  # newer API versions name it under parent.subscription_details
        sub_id = (((invoice.get("parent") or {}).get("subscription_details") or {}).get("subscription"))
    if not isinstance(sub_id, str):
        return "ignored: not a subscription invoice"
    user_id = await billing_store.update_subscription(
        conn, subscription_id=sub_id, customer_id=invoice.get("customer"), status="past_due")
    return "subscription_past_due" if user_id else "ignored: unknown subscription"


Handler = Callable[[asyncpg.Connection, Settings, dict[str, Any]], Awaitable[str]]
HANDLERS: dict[str, Handler] = {
    "checkout.session.completed": _checkout_completed,
    "checkout.session.async_payment_succeeded": _checkout_completed,
    "customer.subscription.updated": _subscription_changed,
    "customer.subscription.deleted": _subscription_changed,
    "invoice.payment_failed": _payment_failed,
}


async def handle_webhook(pool: asyncpg.Pool, settings: Settings, payload: bytes,
                         signature: str | None) -> WebhookOutcome:
    """Verify and apply one delivery; InvalidWebhook (HTTP 400) when the signature is bad or stale."""
    event = verify(payload, signature, settings)
    event_id, event_type = event["id"], event["type"]
    async with pool.acquire() as conn, conn.transaction():
        if not await billing_store.claim_event(conn, event_id, event_type):
            outcome = "duplicate"
        else:
            handler = HANDLERS.get(event_type)
            outcome = await handler(conn, settings, event["data"]["object"]) if handler else "ignored"
            await billing_store.set_event_outcome(conn, event_id, outcome)
    log.info("stripe webhook", event_id=event_id, type=event_type, outcome=outcome)
    return WebhookOutcome(event_id=event_id, type=event_type, outcome=outcome)
