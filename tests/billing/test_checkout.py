"""Checkout through the real stripe SDK against the Stripe stand-in."""

from __future__ import annotations

import pytest

from billing.checkout import create_checkout_session
from billing.errors import BillingNotConfigured, PaymentProviderError
from core.errors import InvalidInput
from core.settings import load_settings
from store import billing as billing_store
from tests.billing.conftest import CREDITS_PRICE, PLAN_PRICE, STRIPE_KEY


async def test_checkout_reuses_one_customer_per_user(pool, billing_settings, stripe_standin, new_user) -> None:
    user_id = await new_user()
    url = await create_checkout_session(pool, billing_settings, user_id, "credits")
    first = stripe_standin.requests[-1].params
    assert url.startswith("https://checkout.stripe.com/") and url.endswith(
        stripe_standin.sessions[url.rsplit("/", 1)[1]]["id"])
    assert first["mode"] == "payment"
    assert first["line_items"] == [{"price": CREDITS_PRICE, "quantity": "1"}]
    assert first["metadata"] == {"user_id": user_id, "product_type": "credits"}
    assert first["success_url"] == "https://app.loopwho.test/dashboard?payment=success"
    assert first["cancel_url"] == "https://app.loopwho.test/pricing?payment=cancelled"
    customer_id = first["customer"]
    assert stripe_standin.customers[customer_id]["metadata"] == {"user_id": user_id}
    assert await billing_store.customer_id_of(pool, user_id) == customer_id

    await create_checkout_session(pool, billing_settings, user_id, "subscription")
    second = stripe_standin.requests[-1].params
    assert (second["mode"], second["customer"]) == ("subscription", customer_id)
    assert second["line_items"][0]["price"] == PLAN_PRICE
    assert [r.path for r in stripe_standin.requests].count("/v1/customers") == 1

    other = await new_user()
    await create_checkout_session(pool, billing_settings, other, "credits")
    assert stripe_standin.requests[-1].params["customer"] != customer_id
    assert len(stripe_standin.customers) == 2


async def test_wrong_key_is_a_clear_error_without_the_key(pool, billing_env, stripe_standin, new_user,
                                                          monkeypatch) -> None:
    wrong = "sk_test_" + "z" * 24
    monkeypatch.setenv("STRIPE_SECRET_KEY", wrong)
    user_id = await new_user()
    with pytest.raises(PaymentProviderError) as caught:
        await create_checkout_session(pool, load_settings(), user_id, "credits")
    message = str(caught.value)
    assert "401" in message and "STRIPE_SECRET_KEY" in message
    assert wrong not in message and STRIPE_KEY not in message and "zzzz" not in message
    assert await billing_store.customer_id_of(pool, user_id) is None
    assert stripe_standin.customers == {}


async def test_unknown_price_names_the_parameter(pool, billing_env, stripe_standin, new_user, monkeypatch) -> None:
    monkeypatch.setenv("LOOPWHO_STRIPE_CREDITS_PRICE_ID", "price_gone")
    with pytest.raises(PaymentProviderError, match=r"line_items\[0\]\[price\].*No such price"):
        await create_checkout_session(pool, load_settings(), await new_user(), "credits")
    assert stripe_standin.sessions == {}


async def test_billing_not_configured(pool, settings_env, new_user, monkeypatch) -> None:
    user_id = await new_user()
    with pytest.raises(BillingNotConfigured, match="LOOPWHO_STRIPE_SUBSCRIPTION_PRICE_ID"):
        await create_checkout_session(pool, load_settings(), user_id, "subscription")
    monkeypatch.setenv("LOOPWHO_STRIPE_CREDITS_PRICE_ID", CREDITS_PRICE)
    with pytest.raises(BillingNotConfigured, match="STRIPE_SECRET_KEY"):
        await create_checkout_session(pool, load_settings(), user_id, "credits")
    with pytest.raises(InvalidInput, match="product_type"):
        await create_checkout_session(pool, load_settings(), user_id, "gold")
