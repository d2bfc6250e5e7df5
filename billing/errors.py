"""What can go wrong in billing, each with a message a person can act on and never a key."""

from __future__ import annotations

from core.errors import ConfigError, InvalidInput, LoopwhoError


class BillingNotConfigured(ConfigError):
    """A Stripe setting this action needs is missing (secret key, price id, webhook secret)."""


class PaymentProviderError(LoopwhoError):
    """Stripe refused or could not be reached; the message is safe to show (no key, no payload)."""

    def __init__(self, message: str, *, retryable: bool = False) -> None:
        super().__init__(message)
        self.retryable = retryable


class InvalidWebhook(InvalidInput):
    """A webhook delivery without a valid, fresh Stripe signature, or with a body that is not an event."""
