"""The billing routes over the real app (PostgreSQL, Redis, the Stripe stand-in)."""

from __future__ import annotations

import json
import secrets
from collections.abc import AsyncIterator
from contextlib import aclosing

import pytest
from litestar import Litestar

from api.app import create_app, lifespan
from core.settings import load_settings
from tests.api.conftest import PASSWORD, client_for
from tests.billing.conftest import STRIPE_KEY, completed_session, event, signed


@pytest.fixture
async def app(billing_env, monkeypatch) -> AsyncIterator[Litestar]:
    # an https public URL makes the session cookie Secure, which the http test client would not send
    monkeypatch.setenv("LOOPWHO_PUBLIC_URL", "http://app.loopwho.test")
    application = create_app(load_settings())
    async with lifespan(application):
        yield application


async def signed_in(app: Litestar):
    client = client_for(app)
    r = await client.post("/api/auth/signup", json={"email": f"p{secrets.token_hex(4)}@example.org",
                                                     "password": PASSWORD})
    assert r.status_code == 201, r.text
    body = r.json()
    return client, body["user"]["id"], {"X-CSRF-Token": body["csrf_token"]}


async def test_routes_need_a_signed_in_user(app) -> None:
    async with client_for(app) as anonymous:
        assert (await anonymous.get("/api/billing")).status_code == 401
        r = await anonymous.post("/api/billing/checkout", json={"product_type": "credits"})
        assert r.status_code == 401 and r.json()["error"]


async def test_checkout_then_paid_webhook_shows_in_billing(app, stripe_standin) -> None:
    client, user_id, csrf = await signed_in(app)
    async with aclosing(client):
        r = await client.get("/api/billing")
        assert r.status_code == 200
        assert (r.json()["credits"], r.json()["subscription"], r.json()["plan"]["plan"]) == (0, None, "free")

        r = await client.post("/api/billing/checkout", json={"product_type": "credits"})
        assert r.status_code == 403 and "CSRF" in r.json()["error"]  # cookie session without the token
        r = await client.post("/api/billing/checkout", json={"product_type": "gold"}, headers=csrf)
        assert r.status_code == 400
        assert stripe_standin.requests == []

        r = await client.post("/api/billing/checkout", json={"product_type": "credits"}, headers=csrf)
        assert r.status_code == 200, r.text
        session_id = r.json()["url"].rsplit("/", 1)[1]
        created = stripe_standin.sessions[session_id]
        assert created["metadata"] == {"user_id": user_id, "product_type": "credits"}

        paid = {**completed_session(user_id, "payment", customer=created["customer"]), "id": session_id}
        body = event("checkout.session.completed", paid)
        async with client_for(app) as stripe_side:
            r = await stripe_side.post("/api/webhooks/stripe", content=body,
                                       headers={"Stripe-Signature": signed(body)})
            assert r.status_code == 200 and r.json()["outcome"] == "credits_added"
            r = await stripe_side.post("/api/webhooks/stripe", content=body,
                                       headers={"Stripe-Signature": signed(body)})
            assert r.status_code == 200 and r.json()["outcome"] == "duplicate"
            r = await stripe_side.post("/api/webhooks/stripe", content=body,
                                       headers={"Stripe-Signature": signed(body, age_s=900)})
            assert r.status_code == 400 and "Stripe-Signature" in r.json()["error"]
            r = await stripe_side.post("/api/webhooks/stripe", content=body)
            assert r.status_code == 400 and r.json()["error"] == "missing Stripe-Signature header"
            huge = b"{" + b" " * (300 * 1024) + b"}"
            r = await stripe_side.post("/api/webhooks/stripe", content=huge, headers={"Stripe-Signature": signed(huge)})
            assert r.status_code == 413

        r = await client.get("/api/billing")
        assert (r.json()["credits"], r.json()["subscription"], r.json()["plan"]["credits"]) == (100, None, 100)


async def test_subscription_status_and_stripe_errors(app, stripe_standin, monkeypatch) -> None:
    client, user_id, csrf = await signed_in(app)
    async with aclosing(client):
        r = await client.post("/api/billing/checkout", json={"product_type": "subscription"}, headers=csrf)
        assert r.status_code == 200
        customer = stripe_standin.requests[-1].params["customer"]
        body = event("checkout.session.completed",
                     completed_session(user_id, "subscription", customer=customer, subscription="sub_api1"))
        async with client_for(app) as stripe_side:
            r = await stripe_side.post("/api/webhooks/stripe", content=body, headers={"Stripe-Signature": signed(body)})
            assert r.status_code == 200
        r = await client.get("/api/billing")
        assert r.json()["subscription"]["status"] == "active" and r.json()["subscription"]["plan"] == "pro"
        assert r.json()["plan"]["plan"] == "pro" and r.json()["plan"]["platforms_allowed"] == 3

        stripe_standin.api_key = "sk_test_rotated_elsewhere"  # our key no longer works at Stripe
        r = await client.post("/api/billing/checkout", json={"product_type": "credits"}, headers=csrf)
        assert r.status_code == 502
        assert "STRIPE_SECRET_KEY" in r.json()["error"] and STRIPE_KEY not in r.text


async def test_unconfigured_billing_is_a_clear_refusal(settings_env) -> None:
    application = create_app(load_settings())  # no Stripe settings at all
    async with lifespan(application):
        client, _, csrf = await signed_in(application)
        async with aclosing(client):
            r = await client.post("/api/billing/checkout", json={"product_type": "credits"}, headers=csrf)
            assert r.status_code == 409
            assert "payments are not enabled" in r.json()["error"] and "STRIPE_CREDITS_PRICE_ID" in r.json()["error"]
            body = event("checkout.session.completed", {"id": "cs_1"})
            r = await client.post("/api/webhooks/stripe", content=body, headers={"Stripe-Signature": signed(body)})
            assert r.status_code == 503 and "STRIPE_WEBHOOK_SECRET" in r.json()["error"]


async def test_plan_portal_and_cancel_over_http(app, stripe_standin) -> None:
    client, _, csrf = await signed_in(app)
    async with aclosing(client), client_for(app) as stripe_side:
        r = await client.post("/api/billing/cancel", json={}, headers=csrf)
        assert r.status_code == 400 and "no subscription" in r.json()["error"]
        r = await client.post("/api/billing/checkout", json={"product_type": "subscription"}, headers=csrf)
        for e in stripe_standin.complete_checkout(r.json()["url"].rsplit("/", 1)[1]):
            body = json.dumps(e).encode()
            r = await stripe_side.post("/api/webhooks/stripe", content=body, headers={"Stripe-Signature": signed(body)})
            assert r.status_code == 200, r.text
        billing = (await client.get("/api/billing")).json()
        assert billing["plan"]["plan"] == "pro" and billing["credits"] == billing["plan"]["credits"] > 0
        assert billing["subscription"]["cancel_at_period_end"] is False

        r = await client.post("/api/billing/portal", headers=csrf)
        assert r.status_code == 200 and r.json()["url"].startswith("https://billing.stripe.com/p/session/")
        r = await client.post("/api/billing/cancel", json={"cancel": True}, headers=csrf)
        assert r.status_code == 200 and r.json()["cancel_at_period_end"] is True
        billing = (await client.get("/api/billing")).json()
        assert billing["subscription"]["cancel_at_period_end"] is True and billing["plan"]["plan"] == "pro"
        r = await client.post("/api/billing/cancel", json={"cancel": "soon"}, headers=csrf)
        assert r.status_code == 400
