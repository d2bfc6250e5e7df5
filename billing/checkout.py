"""Stripe Checkout (seed 5.2): one Stripe customer per user, then a Checkout Session in
``subscription`` mode (the plan) or ``payment`` mode (a credits pack); the caller redirects to its URL."""

from __future__ import annotations

from typing import Literal

import stripe

from billing.client import provider_error, stripe_client
from billing.errors import BillingNotConfigured
from core.errors import InvalidInput
from core.settings import Settings
from store import billing as billing_store
from store import users
from store.db import Conn

ProductType = Literal["subscription", "credits"]
PRODUCT_TYPES: tuple[str, ...] = ("subscription", "credits")


def _price_and_mode(settings: Settings, product_type: str) -> tuple[str, str]:
    if product_type == "subscription":
        price, mode, name = settings.stripe_subscription_price_id, "subscription", "STRIPE_SUBSCRIPTION_PRICE_ID"
    elif product_type == "credits":
        price, mode, name = settings.stripe_credits_price_id, "payment", "STRIPE_CREDITS_PRICE_ID"
    else:
        raise InvalidInput(f"product_type must be one of {', '.join(PRODUCT_TYPES)}, not {product_type!r}")
    if not price:
        raise BillingNotConfigured(f"billing is not configured for {product_type}: set LOOPWHO_{name}")
    return price, mode


async def ensure_customer(conn: Conn, client: stripe.StripeClient, user_id: str) -> str:
    """The user's Stripe customer id, creating the customer on first use."""
    known = await billing_store.customer_id_of(conn, user_id)
    if known:
        return known
    user = await users.get_user(conn, user_id)
    params: dict = {"email": user.email, "metadata": {"user_id": user_id}}
    if user.name:
        params["name"] = user.name
    try:
        # the idempotency key makes a retried or concurrent first checkout reuse one customer
        customer = await client.v1.customers.create_async(
            params=params, options={"idempotency_key": f"loopwho-customer-{user_id}"})
    except stripe.StripeError as exc:
        raise provider_error(exc, "creating the Stripe customer") from None
    return await billing_store.remember_customer(conn, user_id, customer.id)


async def create_checkout_session(conn: Conn, settings: Settings, user_id: str, product_type: str) -> str:
    """A Checkout Session for the user; returns the URL to send them to."""
    price, mode = _price_and_mode(settings, product_type)
    client = stripe_client(settings)
    customer_id = await ensure_customer(conn, client, user_id)
    base = settings.public_url.rstrip("/")
    params: dict = {
        "customer": customer_id,
        "payment_method_types": ["card"],
        "mode": mode,
        "line_items": [{"price": price, "quantity": 1}],
        "success_url": f"{base}/dashboard?payment=success",
        "cancel_url": f"{base}/pricing?payment=cancelled",
        "client_reference_id": user_id,
        "metadata": {"user_id": user_id, "product_type": product_type},
    }
    try:
        session = await client.v1.checkout.sessions.create_async(params=params)
    except stripe.StripeError as exc:
        raise provider_error(exc, "creating the Checkout Session") from None
    return session.url or ""
