"""Validation of a cookie jar handed over by the extension: platform domains only, expired cookies
dropped, count and size bounded. A refused jar raises; nothing is half-accepted."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import msgspec

from core.errors import InvalidInput
from core.types import Cookie
from profiles.domains import cookie_domain_allowed, domains_for


class JarTooLarge(InvalidInput):
    """The jar is over the count or size bound (an HTTP 413 at the API)."""


class CheckedJar(msgspec.Struct, kw_only=True):
    cookies: list[Cookie]
    dropped_expired: int
    size_bytes: int
    expires_at: datetime  # when the last cookie expires (session-only jars: now + the jar TTL)

    def __repr__(self) -> str:
        return f"CheckedJar(cookies=[{len(self.cookies)} redacted], dropped_expired={self.dropped_expired})"


def check_jar(
    platform: str,
    cookies: list[Cookie],
    *,
    max_count: int,
    max_bytes: int,
    session_ttl_s: int,
    now: float | None = None,
) -> CheckedJar:
    """Keep the platform's unexpired cookies; refuse foreign domains, too many or too large."""
    now = time.time() if now is None else now
    allowed = domains_for(platform)
    foreign = sorted({c.domain for c in cookies if not cookie_domain_allowed(platform, c.domain)})
    if foreign:
        shown = ", ".join(d[:80] for d in foreign[:5]) + (" ..." if len(foreign) > 5 else "")
        raise InvalidInput(
            f"cookies for domains outside {platform} ({', '.join(allowed)}) were sent: {shown}; "
            f"send only the {platform} cookies"
        )
    if len(cookies) > max_count:
        raise JarTooLarge(f"{len(cookies)} cookies sent; at most {max_count} are accepted per platform")
    kept = [c for c in cookies if c.expirationDate is None or c.expirationDate > now]
    if not kept:
        raise InvalidInput(f"no unexpired {platform} cookie was sent; sign in to {platform} and try again")
    size = len(msgspec.json.encode(kept))
    if size > max_bytes:
        raise JarTooLarge(f"the cookie jar is {size} bytes; at most {max_bytes} are accepted")
    expiries = [c.expirationDate for c in kept if c.expirationDate is not None]
    until = max(expiries) if expiries else now + session_ttl_s
    return CheckedJar(
        cookies=kept,
        dropped_expired=len(cookies) - len(kept),
        size_bytes=size,
        expires_at=datetime.fromtimestamp(until, UTC),
    )
