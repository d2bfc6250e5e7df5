"""Billing: start a Stripe Checkout (plan or credits pack), Stripe's webhook, and the caller's
subscription status and credit balance. The work is in ``billing/``."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import msgspec
from litestar import Request, get, post
from litestar.exceptions import HTTPException
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import JSONBody

from api.auth.caller import caller_of, resources_of
from api.errors import responses
from api.schemas import ErrorBody
from billing.checkout import create_checkout_session
from billing.errors import BillingNotConfigured, InvalidWebhook, PaymentProviderError
from billing.lifecycle import cancel_at_period_end, create_portal_session
from billing.usage import PlanStatus, plan_status
from billing.webhooks import handle_webhook
from jobs.metrics import record_webhook, webhook_outcome
from store import billing as billing_store
from store import credits

SESSION = responses(400, 401, 403, 429, 503)
CHECKOUT = {**SESSION, **responses(409, 415),
            502: ResponseSpec(data_container=ErrorBody, description="Stripe refused or is unreachable")}


class CheckoutIn(msgspec.Struct, forbid_unknown_fields=True):
    product_type: Literal["subscription", "credits"]


class CheckoutOut(msgspec.Struct):
    url: str


class SubscriptionOut(msgspec.Struct):
    plan: str | None
    status: str
    current_period_start: datetime | None
    current_period_end: datetime | None
    cancel_at_period_end: bool = False  # ends when the period ends
    grace_until: datetime | None = None  # a renewal failed: the plan stays until then


class BillingOut(msgspec.Struct):
    credits: int
    subscription: SubscriptionOut | None
    plan: PlanStatus  # the plan in force, its limits, usage this period, the next scan time


class WebhookAck(msgspec.Struct):
    received: bool
    event_id: str
    outcome: str


@post("/api/billing/checkout", operation_id="createCheckoutSession", tags=["billing"],
      responses=CHECKOUT, scope="account", status_code=200)
async def checkout(request: Request, data: JSONBody[CheckoutIn]) -> CheckoutOut:
    """A Stripe Checkout Session for the plan (``subscription``) or a credits pack (``credits``); send
    the browser to ``url``. Needs the signed-in browser session and its X-CSRF-Token."""
    caller, res = caller_of(request), resources_of(request)
    if request.content_type[0] != "application/json":
        raise HTTPException(status_code=415, detail="send the body as application/json")
    try:
        url = await create_checkout_session(await res.pool(), res.settings, caller.user_id, data.product_type)
    except BillingNotConfigured as exc:  # a state of this server, not an outage: 409, not a 5xx
        raise HTTPException(status_code=409, detail=f"payments are not enabled here; {exc}") from None
    except PaymentProviderError as exc:
        raise HTTPException(status_code=502, detail=str(exc)) from None
    return CheckoutOut(url=url)


@post("/api/webhooks/stripe", operation_id="stripeWebhook", exclude_from_auth=True, tags=["billing"],
      responses=responses(400, 413, 429, 503), status_code=200)
async def stripe_webhook(request: Request) -> WebhookAck:
    """Stripe's event deliveries: signature-checked (``Stripe-Signature``), applied once per event id;
    duplicates and event types loopwho does not use are acknowledged with 200."""
    res = resources_of(request)
    payload = await request.body()  # bounded by the app's request_max_body_size
    try:
        result = await handle_webhook(await res.pool(), res.settings, payload,
                                      request.headers.get("stripe-signature"))
    except InvalidWebhook:  # unsigned: its body's type is not to be trusted (nor given a label)
        record_webhook("stripe", "unknown", "rejected")
        raise
    except BillingNotConfigured as exc:  # Stripe retries a non-2xx delivery until this is fixed
        record_webhook("stripe", "unknown", "unconfigured")
        raise HTTPException(status_code=503, detail=str(exc)) from None
    except Exception:
        record_webhook("stripe", "unknown", "failed")
        raise
    record_webhook("stripe", result.type, webhook_outcome(result.outcome))
    return WebhookAck(received=True, event_id=result.event_id, outcome=result.outcome)


@get("/api/billing", operation_id="getBilling", tags=["billing"], responses=SESSION)
async def billing_status(request: Request) -> BillingOut:
    """The caller's subscription (null before the first checkout), credit balance, and plan: its
    limits, usage this period, whether scheduled scans are paused for lack of credits, the next scan."""
    caller, res = caller_of(request), resources_of(request)
    pool = await res.pool()
    row = await billing_store.subscription_of(pool, caller.user_id)
    subscription = None
    if row is not None and row.status != billing_store.NO_SUBSCRIPTION:
        subscription = SubscriptionOut(plan=row.plan, status=row.status,
                                       current_period_start=row.current_period_start,
                                       current_period_end=row.current_period_end,
                                       cancel_at_period_end=row.cancel_at_period_end,
                                       grace_until=row.grace_until)
    return BillingOut(credits=await credits.balance(pool, caller.user_id), subscription=subscription,
                      plan=await plan_status(pool, caller.user_id))


class PortalOut(msgspec.Struct):
    url: str


class CancelIn(msgspec.Struct, forbid_unknown_fields=True):
    cancel: bool = True  # false takes a cancellation back before the period ends


class CancelOut(msgspec.Struct):
    cancel_at_period_end: bool
    current_period_end: datetime | None


async def _stripe_call(call):  # type: ignore[no-untyped-def]
    """Run a Stripe call for a route: not configured -> 409, Stripe's refusal -> 502 (safe words)."""
    try:
        return await call
    except BillingNotConfigured as exc:
        raise HTTPException(status_code=409, detail=f"payments are not enabled here; {exc}") from None
    except PaymentProviderError as exc:
        raise HTTPException(status_code=502, detail=str(exc)) from None


@post("/api/billing/portal", operation_id="createPortalSession", tags=["billing"], responses=CHECKOUT,
      scope="account", status_code=200)
async def portal(request: Request) -> PortalOut:
    """A Stripe customer portal session (payment method, invoices, plan); send the browser to ``url``."""
    caller, res = caller_of(request), resources_of(request)
    url = await _stripe_call(create_portal_session(await res.pool(), res.settings, caller.user_id))
    return PortalOut(url=url)


@post("/api/billing/cancel", operation_id="cancelSubscription", tags=["billing"], responses=CHECKOUT,
      scope="account", status_code=200)
async def cancel(request: Request, data: JSONBody[CancelIn]) -> CancelOut:
    """End the subscription when the paid period ends (the plan stays until then); ``cancel: false``
    takes that back. 400 without a live subscription."""
    caller, res = caller_of(request), resources_of(request)
    pool = await res.pool()
    async with pool.acquire() as conn, conn.transaction():
        end = await _stripe_call(cancel_at_period_end(conn, res.settings, caller.user_id, cancel=data.cancel))
    return CancelOut(cancel_at_period_end=data.cancel, current_period_end=end)


ROUTES = [checkout, stripe_webhook, billing_status, portal, cancel]
