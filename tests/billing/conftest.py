"""Billing fixtures: the Stripe stand-in (real stripe SDK against it), settings pointing at it, a
database pool, users, and signed webhook deliveries."""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import asyncpg
import pytest

from core.settings import Settings, load_settings
from standins.stripe import StripeStandin, sign_webhook
from store import users
from store.db import connect_pool

STRIPE_KEY = "sk_test_" + "k" * 24
WEBHOOK_SECRET = "whsec_" + "w" * 24
PLAN_PRICE = "price_plan_monthly"
CREDITS_PRICE = "price_credits_100"


@pytest.fixture
def stripe_standin() -> Iterator[StripeStandin]:
    with StripeStandin(api_key=STRIPE_KEY, prices={PLAN_PRICE: "recurring", CREDITS_PRICE: "one_time"}) as s:
        yield s


@pytest.fixture
def billing_env(settings_env: dict[str, str], stripe_standin: StripeStandin,
                monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    env = {
        "STRIPE_SECRET_KEY": STRIPE_KEY,
        "LOOPWHO_STRIPE_API_BASE": stripe_standin.url,
        "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
        "LOOPWHO_STRIPE_SUBSCRIPTION_PRICE_ID": PLAN_PRICE,
        "LOOPWHO_STRIPE_CREDITS_PRICE_ID": CREDITS_PRICE,
        "LOOPWHO_STRIPE_MAX_NETWORK_RETRIES": "0",
        "LOOPWHO_PUBLIC_URL": "https://app.loopwho.test",
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return {**settings_env, **env}


@pytest.fixture
def billing_settings(billing_env: dict[str, str]) -> Settings:
    return load_settings()


@pytest.fixture
async def pool(database_url: str) -> AsyncIterator[asyncpg.Pool]:
    p = await connect_pool(database_url, max_size=4)
    yield p
    await p.close()


@pytest.fixture
def new_user(pool: asyncpg.Pool) -> Callable[[], Any]:
    async def _make() -> str:
        user = await users.create_user(pool, f"b{secrets.token_hex(4)}@example.org", name="Bill Payer")
        return user.id
    return _make


def event(event_type: str, obj: dict[str, Any], event_id: str | None = None) -> bytes:
    """A Stripe event body as Stripe delivers it."""
    return json.dumps({
        "id": event_id or f"evt_{secrets.token_hex(12)}", "object": "event", "type": event_type,
        "api_version": "2026-10-28.endive", "created": int(time.time()), "livemode": False,
        "pending_webhooks": 1, "request": {"id": None, "idempotency_key": None},
        "data": {"object": obj},
    }).encode()


def signed(payload: bytes, secret: str = WEBHOOK_SECRET, age_s: int = 0) -> str:
    return sign_webhook(payload, secret, int(time.time()) - age_s)


def completed_session(user_id: str, mode: str, customer: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"id": f"cs_test_{secrets.token_hex(8)}", "object": "checkout.session", "mode": mode,
            "customer": customer, "payment_status": "paid", "status": "complete",
            "metadata": {"user_id": user_id, "product_type": "credits" if mode == "payment" else "subscription"},
            "subscription": None, **extra}


async def deliver(pool: asyncpg.Pool, settings: Settings, stripe_event: dict[str, Any]) -> str:
    """Deliver one event (an object the stand-in made) the way Stripe does: signed; its outcome."""
    from billing.webhooks import handle_webhook

    body = json.dumps(stripe_event).encode()
    return (await handle_webhook(pool, settings, body, signed(body))).outcome


@pytest.fixture
async def billing_runtime(billing_settings: Settings, resend_standin, monkeypatch: pytest.MonkeyPatch):
    """A scheduler's Runtime (database, Redis, the mailer pointed at the Resend stand-in)."""
    from core.settings import get_settings
    from jobs.runtime import Runtime

    for key, value in {"RESEND_API_KEY": resend_standin.api_key, "LOOPWHO_RESEND_API_URL": resend_standin.url,
                       "LOOPWHO_SCAN_JITTER_S": "0"}.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    rt = Runtime(get_settings())
    yield rt
    await rt.close()


async def subscribe(pool: asyncpg.Pool, settings: Settings, standin: StripeStandin, user_id: str) -> str:
    """Checkout for the plan, paid on Stripe's side, every event delivered in order; the subscription id."""
    from billing.checkout import create_checkout_session

    url = await create_checkout_session(pool, settings, user_id, "subscription")
    events = standin.complete_checkout(url.rsplit("/", 1)[1])
    for e in events:
        await deliver(pool, settings, e)
    return events[0]["data"]["object"]["subscription"]
