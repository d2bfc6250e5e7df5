"""Sending through Resend (the official SDK), with an idempotency key on every send.

The SDK keeps its key and base URL in module globals; the mailer sets them under a lock right before
each call, from settings, so a stand-in URL chosen at run time is honoured. A retried job passes the
same idempotency key, and Resend (or its stand-in) answers with the first send's id instead of
sending again.
"""

from __future__ import annotations

import hashlib
import threading

import resend
import resend.exceptions

from core.errors import ConfigError, LoopwhoError
from core.settings import Settings
from notify.templates import Email

DEFAULT_API_URL = "https://api.resend.com"
_SDK_LOCK = threading.Lock()
_RETRYABLE_CODES = {"429", "500", "502", "503", "504"}


class NotifyError(LoopwhoError):
    """Resend did not accept the e-mail; ``retryable`` says whether trying later can help."""

    def __init__(self, message: str, *, retryable: bool) -> None:
        super().__init__(message)
        self.retryable = retryable


def idempotency_key(kind: str, user_id: str, *parts: str) -> str:
    """A stable key per e-mail: ``<kind>/<user>/<hash of what it is about>`` (Resend allows 256 chars)."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:40]
    return f"{kind}/{user_id}/{digest}"[:256]


class Mailer:
    def __init__(self, *, api_key: str, sender: str, api_url: str | None = None) -> None:
        self._api_key = api_key
        self.sender = sender
        self.api_url = (api_url or DEFAULT_API_URL).rstrip("/")

    def __repr__(self) -> str:
        return f"Mailer(api_url={self.api_url!r}, sender={self.sender!r})"

    @classmethod
    def from_settings(cls, settings: Settings) -> Mailer:
        if not settings.resend_api_key:
            raise ConfigError("RESEND_API_KEY is not set; e-mail cannot be sent (set it, or point "
                              "LOOPWHO_RESEND_API_URL at the stand-in with any key)")
        return cls(
            api_key=settings.resend_api_key, sender=settings.email_from, api_url=settings.resend_api_url
        )

    def send(self, to: str, email: Email, idempotency_key: str, tags: dict[str, str] | None = None,
             headers: dict[str, str] | None = None) -> str:
        """Send one e-mail; returns Resend's id for it (the first send's id on a repeated key).
        ``headers`` are extra mail headers (List-Unsubscribe and List-Unsubscribe-Post)."""
        params: resend.Emails.SendParams = {
            "from": self.sender, "to": [to], "subject": email.subject, "html": email.html, "text": email.text,
        }
        if headers:
            params["headers"] = dict(headers)
        if tags:
            params["tags"] = [{"name": k, "value": v} for k, v in tags.items()]
        options: resend.Emails.SendOptions = {"idempotency_key": idempotency_key}
        with _SDK_LOCK:
            resend.api_key = self._api_key
            resend.api_url = self.api_url
            try:
                sent = resend.Emails.send(params, options)
            except resend.exceptions.ResendError as exc:
                code = str(exc.code)
                raise NotifyError(
                    f"Resend refused the e-mail ({code} {exc.error_type}): {exc.message}",
                    retryable=code in _RETRYABLE_CODES,
                ) from None
        return str(sent["id"])
