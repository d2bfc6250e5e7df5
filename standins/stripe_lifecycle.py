"""Stripe's side of a subscription's life, for the Stripe stand-in: the objects (subscription,
invoice, customer portal session) in Stripe's documented shapes, and the events Stripe would send
at each step, each an ``event`` object with a ``created`` time that only moves forward (so tests can
deliver them out of order and loopwho can put them back in order).

    standin.complete_checkout(session_id)  # checkout.session.completed, customer.subscription.created,
                                           # invoice.paid
    standin.renew(sub_id, paid=False)      # invoice.payment_failed, customer.subscription.updated (past_due)
    standin.renew(sub_id)                  # invoice.paid, customer.subscription.updated (next period)
    standin.end_period(sub_id)             # customer.subscription.deleted when cancel_at_period_end
    standin.give_up(sub_id)                # customer.subscription.deleted after failed retries
"""

from __future__ import annotations

import copy
import secrets
import time
from typing import Any

API_VERSION = "2026-10-28.endive"
PERIOD_S = 30 * 86_400
PORTAL_HOST = "https://billing.stripe.com/p/session"


def _id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(12)}"


class SubscriptionLifecycle:
    """Mixed into StripeStandin: its ``subscriptions``, ``invoices`` and event clock."""

    sessions: dict[str, dict[str, Any]]
    prices: dict[str, str]

    def _init_lifecycle(self) -> None:
        self.subscriptions: dict[str, dict[str, Any]] = {}
        self.invoices: dict[str, dict[str, Any]] = {}
        self.portal_sessions: dict[str, dict[str, Any]] = {}
        self._clock = int(time.time())

    # ---- objects ------------------------------------------------------------------------------

    def _tick(self) -> int:
        self._clock += 1
        return self._clock

    def event(self, event_type: str, obj: dict[str, Any]) -> dict[str, Any]:
        """An event as Stripe delivers it (a snapshot of the object at that moment)."""
        return {"id": _id("evt"), "object": "event", "type": event_type, "api_version": API_VERSION,
                "created": self._tick(), "livemode": False, "pending_webhooks": 1,
                "request": {"id": None, "idempotency_key": None}, "data": {"object": copy.deepcopy(obj)}}

    def _new_subscription(self, customer: str, price: str, start: int) -> dict[str, Any]:
        sub_id = _id("sub")
        item = {"id": _id("si"), "object": "subscription_item", "quantity": 1, "subscription": sub_id,
                "price": {"id": price, "object": "price", "type": "recurring",
                          "recurring": {"interval": "month", "interval_count": 1}},
                "current_period_start": start, "current_period_end": start + PERIOD_S}
        sub = {"id": sub_id, "object": "subscription", "customer": customer, "status": "active",
               "cancel_at_period_end": False, "cancel_at": None, "canceled_at": None, "ended_at": None,
               "created": start, "start_date": start, "livemode": False, "metadata": {},
               "collection_method": "charge_automatically", "latest_invoice": None,
               "items": {"object": "list", "data": [item], "has_more": False}}
        self.subscriptions[sub_id] = sub
        return sub

    def _invoice(self, sub: dict[str, Any], reason: str, paid: bool) -> dict[str, Any]:
        item = sub["items"]["data"][0]
        start, end = item["current_period_start"], item["current_period_end"]
        invoice = {"id": _id("in"), "object": "invoice", "customer": sub["customer"],
                   "status": "paid" if paid else "open", "billing_reason": reason, "currency": "usd",
                   "amount_due": 900, "amount_paid": 900 if paid else 0, "attempt_count": 1,
                   "attempted": True, "livemode": False, "period_start": start, "period_end": end,
                   "parent": {"type": "subscription_details", "quote_details": None,
                              "subscription_details": {"subscription": sub["id"], "metadata": {}}},
                   "lines": {"object": "list", "has_more": False, "data": [{
                       "id": _id("il"), "object": "line_item", "amount": 900,
                       "period": {"start": start, "end": end}}]}}
        self.invoices[invoice["id"]] = invoice
        sub["latest_invoice"] = invoice["id"]
        return invoice

    def _portal_session(self, params: dict[str, Any]) -> dict[str, Any]:
        session_id = _id("bps")
        session = {"id": session_id, "object": "billing_portal.session", "customer": params["customer"],
                   "return_url": params.get("return_url") or None, "url": f"{PORTAL_HOST}/{session_id}",
                   "created": int(time.time()), "livemode": False, "configuration": "bpc_standin",
                   "flow": None, "locale": None, "on_behalf_of": None}
        self.portal_sessions[session_id] = session
        return session

    # ---- Stripe's steps (each returns the events Stripe sends) ----------------------------------

    def complete_checkout(self, session_id: str) -> list[dict[str, Any]]:
        """The customer paid on the Checkout page."""
        session = self.sessions[session_id]
        session.update(status="complete", payment_status="paid")
        if session["mode"] != "subscription":
            return [self.event("checkout.session.completed", session)]
        price = next(iter(p for p, kind in self.prices.items() if kind == "recurring"))
        sub = self._new_subscription(session["customer"], price, self._clock)
        session["subscription"] = sub["id"]
        invoice = self._invoice(sub, "subscription_create", paid=True)
        return [self.event("checkout.session.completed", session),
                self.event("customer.subscription.created", sub), self.event("invoice.paid", invoice)]

    def renew(self, sub_id: str, *, paid: bool = True) -> list[dict[str, Any]]:
        """The period ends: the next invoice is paid (a new period starts) or its payment fails."""
        sub = self.subscriptions[sub_id]
        item = sub["items"]["data"][0]
        if paid:
            item["current_period_start"] = item["current_period_end"]
            item["current_period_end"] += PERIOD_S
            sub["status"] = "active"
            invoice = self._invoice(sub, "subscription_cycle", paid=True)
            return [self.event("invoice.paid", invoice), self.event("customer.subscription.updated", sub)]
        sub["status"] = "past_due"
        invoice = self._invoice(sub, "subscription_cycle", paid=False)
        return [self.event("invoice.payment_failed", invoice), self.event("customer.subscription.updated", sub)]

    def set_cancel_at_period_end(self, sub_id: str, cancel: bool) -> dict[str, Any]:
        sub = self.subscriptions[sub_id]
        item = sub["items"]["data"][0]
        sub["cancel_at_period_end"] = cancel
        sub["cancel_at"] = item["current_period_end"] if cancel else None
        return sub

    def end_period(self, sub_id: str) -> list[dict[str, Any]]:
        """The period ends; a subscription set to cancel at period end is deleted."""
        sub = self.subscriptions[sub_id]
        if not sub["cancel_at_period_end"]:
            return self.renew(sub_id)
        return self._delete(sub)

    def give_up(self, sub_id: str) -> list[dict[str, Any]]:
        """Stripe's retries of a failed payment are exhausted: the subscription is canceled."""
        return self._delete(self.subscriptions[sub_id])

    def _delete(self, sub: dict[str, Any]) -> list[dict[str, Any]]:
        sub.update(status="canceled", canceled_at=self._clock, ended_at=self._clock)
        return [self.event("customer.subscription.deleted", sub)]
