"""The Stripe SDK client from settings, and Stripe's errors turned into safe, actionable ones."""

from __future__ import annotations

import stripe

from billing.errors import BillingNotConfigured, PaymentProviderError
from core.settings import Settings


def stripe_client(settings: Settings) -> stripe.StripeClient:
    if not settings.stripe_secret_key:
        raise BillingNotConfigured("billing is not configured: set STRIPE_SECRET_KEY")
    base = {"api": settings.stripe_api_base.rstrip("/")} if settings.stripe_api_base else None
    return stripe.StripeClient(settings.stripe_secret_key, base_addresses=base,  # type: ignore[arg-type]
                               max_network_retries=settings.stripe_max_network_retries)


def provider_error(exc: stripe.StripeError, action: str) -> PaymentProviderError:
    """A Stripe SDK error as a PaymentProviderError; the key and request bodies never appear."""
    status = exc.http_status
    if isinstance(exc, stripe.AuthenticationError):
        return PaymentProviderError(
            f"Stripe rejected the API key while {action} (HTTP 401): check STRIPE_SECRET_KEY")
    if isinstance(exc, stripe.PermissionError):
        return PaymentProviderError(f"the Stripe API key may not do this ({action}, HTTP 403): use a key "
                                    "with write access to customers and Checkout")
    if isinstance(exc, stripe.RateLimitError):
        return PaymentProviderError(f"Stripe is rate limiting us ({action}, HTTP 429); try again shortly",
                                    retryable=True)
    if isinstance(exc, stripe.APIConnectionError):
        return PaymentProviderError(f"cannot reach Stripe while {action}; try again shortly", retryable=True)
    if isinstance(exc, stripe.InvalidRequestError):
        where = f" (parameter {exc.param})" if exc.param else ""
        code = f" [{exc.code}]" if exc.code else ""
        return PaymentProviderError(f"Stripe refused the request while {action}{where}{code}: "
                                    f"{exc.user_message or 'invalid request'}")
    return PaymentProviderError(f"Stripe failed while {action} (HTTP {status or '?'}); try again shortly",
                                retryable=True)
