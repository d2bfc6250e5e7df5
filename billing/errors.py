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


class PlanLimitReached(LoopwhoError):
    """The user's plan does not allow this (more platforms, a scan without credits): HTTP 402 with a
    message the extension shows as it is."""


class ScanAllowanceUsed(LoopwhoError):
    """Today's "scan now" allowance of the plan is used up: HTTP 429 with Retry-After."""

    def __init__(self, message: str, *, retry_after_s: int) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s
