"""A local Stripe: the part of the REST API loopwho's billing calls, in Stripe's wire format, plus a
signer for webhook events.

Requests are form-encoded (``metadata[user_id]=...``, ``line_items[0][price]=...``) with
``Authorization: Bearer <secret key>``; answers are JSON objects shaped like Stripe's:

- ``POST /v1/customers`` -> ``{"id": "cus_...", "object": "customer", "email", "metadata", ...}``
- ``POST /v1/checkout/sessions`` -> ``{"id": "cs_test_...", "object": "checkout.session", "url",
  "mode", "customer", "metadata", "status": "open", "payment_status": "unpaid", ...}``
- ``POST /v1/billing_portal/sessions`` -> ``{"id": "bps_...", "object": "billing_portal.session", "url", ...}``
- ``GET /v1/subscriptions/{id}``, ``POST /v1/subscriptions/{id}`` (``cancel_at_period_end``),
  ``DELETE /v1/subscriptions/{id}`` -> the ``subscription`` object

Stripe's side of a subscription's life (paying a checkout, renewals paid or failed, the end of a
period) is driven by the tests, and returns the events Stripe would send: ``standins/stripe_lifecycle.py``.

Errors use Stripe's ``{"error": {"type", "code", "message", "param"}}``: 401 ``invalid_request_error``
"Invalid API Key provided" for a wrong key (no ``code``, as Stripe answers), 400
``invalid_request_error`` with ``parameter_missing`` / ``parameter_invalid_empty`` / ``resource_missing``,
404 for unknown paths; on request 429 ``rate_limit_error`` and 500 ``api_error``.
``Idempotency-Key``: a repeated key returns the first answer and creates nothing.

    with StripeStandin(api_key="sk_test_x", prices={"price_pro": "recurring"}) as standin:
        StripeClient("sk_test_x", base_addresses={"api": standin.url}); standin.requests
        header = sign_webhook(payload, secret)     # the Stripe-Signature header of an event

Run alone: ``python -m standins.stripe --port 12111 --key sk_test_x``.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import secrets
import time
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from typing import Any

from standins.base import LocalServer, Scripted, send_json
from standins.stripe_lifecycle import SubscriptionLifecycle

BEHAVIOURS = ("ok", "rate_limited", "server_error")
CHECKOUT_HOST = "https://checkout.stripe.com/c/pay"


@dataclass
class StripeRequest:
    method: str
    path: str
    params: dict[str, Any]
    idempotency_key: str | None
    stripe_version: str | None


def decode_form(raw: str) -> dict[str, Any]:
    """Stripe's form encoding to nested values: ``a[b][0][c]=v`` -> ``{"a": {"b": [{"c": "v"}]}}``."""
    root: dict[str, Any] = {}
    for name, value in urllib.parse.parse_qsl(raw, keep_blank_values=True):
        head, _, rest = name.partition("[")
        keys = [head] + (rest.rstrip("]").split("][") if rest else [])
        node: Any = root
        for depth, key in enumerate(keys):
            last = depth == len(keys) - 1
            fresh: Any = value if last else ([] if keys[depth + 1].isdigit() else {})
            if isinstance(node, list):
                index = int(key)
                node.extend([None] * (index + 1 - len(node)))
                if last or node[index] is None:
                    node[index] = fresh
                node = node[index]
            else:
                if last or key not in node:
                    node[key] = fresh
                node = node[key]
    return root


def sign_webhook(payload: bytes | str, secret: str, timestamp: int | None = None) -> str:
    """The ``Stripe-Signature`` header Stripe sends with an event: ``t=<ts>,v1=<HMAC-SHA256>``."""
    text = payload.decode() if isinstance(payload, bytes) else payload
    ts = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{ts}.{text}".encode(), hashlib.sha256).hexdigest()
    return f"t={ts},v1={digest}"


def _err(status: int, type_: str, message: str, code: str | None = None,
         param: str | None = None) -> tuple[int, dict[str, Any]]:
    error: dict[str, Any] = {"type": type_, "message": message}
    if code:
        error["code"] = code
        error["doc_url"] = f"https://stripe.com/docs/error-codes/{code.replace('_', '-')}"
    if param:
        error["param"] = param
    return status, {"error": error}


def _missing(param: str) -> tuple[int, dict[str, Any]]:
    return _err(400, "invalid_request_error", f"Missing required param: {param}.", "parameter_missing", param)


class StripeStandin(LocalServer, Scripted, SubscriptionLifecycle):
    name = "stripe-standin"
    behaviours = BEHAVIOURS

    def __init__(self, api_key: str = "sk_test_standin", prices: dict[str, str] | None = None,
                 host: str = "127.0.0.1", port: int = 0) -> None:
        Scripted.__init__(self, "ok")
        LocalServer.__init__(self, self._handler(), host, port)
        self.api_key = api_key
        # price id -> "recurring" (subscription mode) or "one_time" (payment mode)
        self.prices = dict(prices or {})
        self.requests: list[StripeRequest] = []
        self.customers: dict[str, dict[str, Any]] = {}
        self.sessions: dict[str, dict[str, Any]] = {}
        self._idempotent: dict[str, tuple[int, dict[str, Any]]] = {}
        self._init_lifecycle()

    # ---- resources ----------------------------------------------------------------------------

    def _create_customer(self, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        customer = {
            "id": f"cus_{secrets.token_hex(7)}", "object": "customer", "created": int(time.time()),
            "email": params.get("email") or None, "name": params.get("name") or None,
            "description": params.get("description") or None, "livemode": False,
            "metadata": params.get("metadata") or {}, "balance": 0, "currency": None, "delinquent": False,
        }
        self.customers[customer["id"]] = customer
        return 200, customer

    def _create_session(self, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        mode = params.get("mode")
        if not mode:
            return _missing("mode")
        if mode not in ("payment", "subscription", "setup"):
            return _err(400, "invalid_request_error",
                        "Invalid mode: must be one of payment, setup, or subscription", "parameter_invalid_empty",
                        "mode")
        if not params.get("success_url"):
            return _missing("success_url")
        customer = params.get("customer")
        if customer and customer not in self.customers:
            return _err(400, "invalid_request_error", f"No such customer: '{customer}'", "resource_missing",
                        "customer")
        items = params.get("line_items") or []
        if mode != "setup" and not items:
            return _err(400, "invalid_request_error",
                        f"`line_items` is required in `{mode}` mode.", "parameter_missing", "line_items")
        for i, item in enumerate(items):
            price = (item or {}).get("price")
            if price not in self.prices:
                return _err(400, "invalid_request_error", f"No such price: '{price}'", "resource_missing",
                            f"line_items[{i}][price]")
            recurring = self.prices[price] == "recurring"
            if recurring != (mode == "subscription"):
                want = "a recurring" if mode == "subscription" else "a one-time"
                return _err(400, "invalid_request_error",
                            f"You must provide at least one recurring price in `subscription` mode when using "
                            f"prices; {price} is not {want} price." if mode == "subscription" else
                            f"You specified `payment` mode but passed a recurring price: {price}.",
                            "parameter_invalid_empty" if mode == "subscription" else None,
                            f"line_items[{i}][price]")
        session_id = f"cs_test_{secrets.token_hex(16)}"
        session = {
            "id": session_id, "object": "checkout.session", "mode": mode, "customer": customer or None,
            "url": f"{CHECKOUT_HOST}/{session_id}", "status": "open", "payment_status": "unpaid",
            "success_url": params["success_url"], "cancel_url": params.get("cancel_url") or None,
            "metadata": params.get("metadata") or {}, "client_reference_id": params.get("client_reference_id"),
            "payment_method_types": params.get("payment_method_types") or ["card"],
            "livemode": False, "created": int(time.time()), "expires_at": int(time.time()) + 86_400,
            "subscription": None, "payment_intent": None, "currency": "usd",
        }
        self.sessions[session_id] = session
        return 200, session

    def _create_portal_session(self, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        customer = params.get("customer")
        if not customer:
            return _missing("customer")
        if customer not in self.customers:
            return _err(400, "invalid_request_error", f"No such customer: '{customer}'", "resource_missing",
                        "customer")
        return 200, self._portal_session(params)

    def _subscription(self, method: str, sub_id: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        sub = self.subscriptions.get(sub_id)
        if sub is None:
            return _err(404, "invalid_request_error", f"No such subscription: '{sub_id}'", "resource_missing", "id")
        if method == "DELETE":
            self._delete(sub)
        elif method == "POST" and "cancel_at_period_end" in params:
            flag = params["cancel_at_period_end"]
            if flag not in ("true", "false"):
                return _err(400, "invalid_request_error", "Invalid boolean: " + str(flag), "parameter_invalid_boolean",
                            "cancel_at_period_end")
            if sub["status"] == "canceled":
                return _err(400, "invalid_request_error", "A canceled subscription can only update its "
                            "cancellation_details and metadata.", "resource_missing", "cancel_at_period_end")
            self.set_cancel_at_period_end(sub_id, flag == "true")
        return 200, sub

    # ---- dispatch -----------------------------------------------------------------------------

    def _answer(self, method: str, path: str, headers: dict[str, str], raw: bytes) -> tuple[int, dict[str, Any]]:
        auth = headers.get("authorization", "")
        if auth != f"Bearer {self.api_key}":
            shown = auth.removeprefix("Bearer ")
            masked = f"{shown[:8]}{'*' * 12}{shown[-4:]}" if len(shown) > 12 else "****"
            return _err(401, "invalid_request_error", f"Invalid API Key provided: {masked}")
        params = decode_form(raw.decode("utf-8", "replace"))
        key = headers.get("idempotency-key")
        with self._lock:
            self.requests.append(StripeRequest(method, path, params, key, headers.get("stripe-version")))
            if key and (method, path, key) in self._idempotent:
                return self._idempotent[(method, path, key)]  # type: ignore[index]
        behaviour = self._next_behaviour()
        if behaviour == "rate_limited":
            return _err(429, "rate_limit_error", "Too many requests hit the API too quickly.", "rate_limit")
        if behaviour == "server_error":
            return _err(500, "api_error", "An unknown error occurred while processing your request.")
        routes = {("POST", "/v1/customers"): self._create_customer,
                  ("POST", "/v1/checkout/sessions"): self._create_session,
                  ("POST", "/v1/billing_portal/sessions"): self._create_portal_session}
        handler = routes.get((method, path))
        if handler is None and path.startswith("/v1/subscriptions/") and path.count("/") == 3:
            sub_id = path.rsplit("/", 1)[1]
            handler = lambda p: self._subscription(method, sub_id, p)  # noqa: E731
        if handler is None:
            return _err(404, "invalid_request_error", f"Unrecognized request URL ({method}: {path}).")
        with self._lock:
            answer = handler(params)
            if key:
                self._idempotent[(method, path, key)] = answer  # type: ignore[index]
        return answer

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self, method: str) -> None:
                raw = self.rfile.read(int(self.headers.get("content-length") or 0))
                parts = urllib.parse.urlsplit(self.path)
                if method == "GET" and parts.query:
                    raw = parts.query.encode()
                headers = {k.lower(): v for k, v in self.headers.items()}
                status, payload = standin._answer(method, parts.path, headers, raw)
                send_json(self, status, payload, {"request-id": f"req_{secrets.token_hex(7)}"})

            def do_POST(self) -> None:
                self._serve("POST")

            def do_GET(self) -> None:
                self._serve("GET")

            def do_DELETE(self) -> None:
                self._serve("DELETE")

            def log_message(self, *_args: object) -> None:
                pass

        return Handler


def main() -> None:
    parser = argparse.ArgumentParser(description="A local Stripe (customers, checkout sessions) stand-in.")
    parser.add_argument("--port", type=int, default=12111)
    parser.add_argument("--key", default="sk_test_standin")
    parser.add_argument("--price", action="append", default=[],
                        help="price id and kind, e.g. price_pro=recurring or price_credits=one_time")
    args = parser.parse_args()
    prices = dict(p.split("=", 1) for p in args.price)
    standin = StripeStandin(api_key=args.key, prices=prices, port=args.port)
    print(f"Stripe stand-in on {standin.url}", flush=True)
    standin._server.serve_forever()


if __name__ == "__main__":
    main()
