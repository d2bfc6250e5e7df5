"""Whether and when an e-mail goes out, from the user's notification preferences (the seed's columns).

- Nothing goes out with ``email_enabled`` off.
- ``change``: needs ``change_notifications``; follows ``frequency`` (immediate, or a daily/weekly digest).
- ``recommendation``: needs ``recommendation_notifications``; recommendations ride along in change
  e-mails and digests, never alone.
- ``scan_failure`` and ``reconnect`` (session expired): need ``scan_failure_notifications``; always
  immediate, because the watching has stopped until the user acts.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Literal

import msgspec

Kind = Literal["change", "recommendation", "scan_failure", "reconnect"]
Frequency = Literal["immediate", "daily", "weekly"]
Delivery = Literal["immediate", "digest", "none"]
DIGEST_PERIOD: dict[str, timedelta] = {"daily": timedelta(days=1), "weekly": timedelta(days=7)}


class NotificationPreferences(msgspec.Struct, kw_only=True, frozen=True):
    email_enabled: bool = True
    change_notifications: bool = True
    recommendation_notifications: bool = True
    scan_failure_notifications: bool = True
    frequency: Frequency = "immediate"


def should_send(prefs: NotificationPreferences, kind: Kind) -> bool:
    if not prefs.email_enabled:
        return False
    if kind == "change":
        return prefs.change_notifications
    if kind == "recommendation":
        return prefs.recommendation_notifications
    return prefs.scan_failure_notifications


def delivery(prefs: NotificationPreferences, kind: Kind) -> Delivery:
    """``immediate``, ``digest`` (held for the next digest) or ``none``."""
    if not should_send(prefs, kind):
        return "none"
    if kind == "change" and prefs.frequency != "immediate":
        return "digest"
    return "immediate"


def digest_due(prefs: NotificationPreferences, last_digest_at: datetime | None, now: datetime) -> bool:
    """True when a digest user's period has passed since the last digest (or none was ever sent)."""
    period = DIGEST_PERIOD.get(prefs.frequency)
    if period is None or not should_send(prefs, "change"):
        return False
    return last_digest_at is None or now - last_digest_at >= period
