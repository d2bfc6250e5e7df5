"""Validation of a cookie jar handed over by the extension: platform domains only, each cookie well
formed (RFC 6265 names and values, a path, a sameSite the browser knows, a real expiry), expired
cookies dropped, count and size bounded. A refused jar raises; nothing is half-accepted.

Messages name a cookie by its (shortened) name and domain, never by its value: a value is a secret."""

from __future__ import annotations

import math
import re
import time
from datetime import UTC, datetime

import msgspec

from core.errors import InvalidInput
from core.session_cookies import PackCookies
from core.types import Cookie
from profiles.domains import cookie_domain_allowed, domains_for


class JarTooLarge(InvalidInput):
    """The jar is over the count or size bound (an HTTP 413 at the API)."""


class SessionCookiesMissing(InvalidInput):
    """The jar lacks cookies the platform's pack names as its session: it could not be replayed."""


# RFC 6265 section 4.1.1: cookie-name is an RFC 2616 token; cookie-value is cookie-octets, maybe in
# double quotes (no controls, whitespace, DQUOTE, comma, semicolon or backslash)
_TOKEN = re.compile(r"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$")
_COOKIE_OCTETS = r"[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*"
_VALUE = re.compile(rf'^(?:{_COOKIE_OCTETS}|"{_COOKIE_OCTETS}")$')
# a path as a browser keeps it: characters URL canonicalization leaves alone (RFC 3986 pchar without
# "%" and ";"), no "." or ".." segment (a browser would rewrite either, and the cookie would not match)
_PATH = re.compile(r"^/[A-Za-z0-9\-._~!$&'()*+,=:@/]*$")
_DOT_SEGMENT = re.compile(r"(^|/)\.\.?(/|$)")
SAME_SITE_VALUES = ("no_restriction", "lax", "strict", "unspecified")  # chrome.cookies.SameSiteStatus
MAX_NAME_VALUE_BYTES = 4096  # what browsers keep of one cookie (name + value)
MAX_PATH_LENGTH = 1024
MAX_EXPIRATION = 253_402_300_799.0  # 9999-12-31T23:59:59Z


class CheckedJar(msgspec.Struct, kw_only=True):
    cookies: list[Cookie]
    dropped_expired: int
    size_bytes: int
    dropped_unnamed: int = 0  # unexpired cookies the pack does not name (not stored)
    expires_at: datetime  # when the last cookie expires (session-only jars: now + the jar TTL)

    def __repr__(self) -> str:
        return f"CheckedJar(cookies=[{len(self.cookies)} redacted], dropped_expired={self.dropped_expired})"


def _shown(text: str) -> str:
    return repr(text[:60] + ("..." if len(text) > 60 else ""))


def cookie_problem(cookie: Cookie) -> str | None:
    """Why a cookie (already of the platform's domains) cannot be stored and replayed, or None."""
    name = cookie.name
    if not _TOKEN.fullmatch(name):
        return "the name must be 1+ RFC 6265 token characters (letters, digits, !#$%&'*+-.^_`|~)"
    if not _VALUE.fullmatch(cookie.value):
        return "the value holds characters RFC 6265 does not allow (controls, spaces, '\"', ',', ';' or '\\')"
    if len(name) + len(cookie.value) > MAX_NAME_VALUE_BYTES:
        return f"name and value are longer than {MAX_NAME_VALUE_BYTES} characters"
    if len(cookie.path) > MAX_PATH_LENGTH or not _PATH.fullmatch(cookie.path) or _DOT_SEGMENT.search(cookie.path):
        return (f"the path must be a URL path: '/' then letters, digits and -._~!$&'()*+,=:@/ without '.' or "
                f"'..' segments (at most {MAX_PATH_LENGTH})")
    if cookie.sameSite not in SAME_SITE_VALUES:
        return f"sameSite must be one of {', '.join(SAME_SITE_VALUES)}"
    expires = cookie.expirationDate
    if expires is not None and not (math.isfinite(expires) and 0 <= expires <= MAX_EXPIRATION):
        return "expirationDate must be seconds since 1970 before the year 10000"
    prefix = name[:9].lower()
    if prefix.startswith(("__secure-", "__host-")) and not cookie.secure:
        return f"a {name[:8]}- cookie must be secure"
    if prefix.startswith("__host-") and (cookie.path != "/" or cookie.domain.startswith(".")
                                         or cookie.hostOnly is False):
        return "a __Host- cookie must be host-only with path '/'"
    return None


def _with_canonical_domain(cookie: Cookie) -> Cookie:
    """The domain as the browser will keep it: lower case, no trailing dot (a leading dot stays)."""
    domain = cookie.domain.lower().removesuffix(".")
    return cookie if domain == cookie.domain else msgspec.structs.replace(cookie, domain=domain)


def check_cookies(platform: str, cookies: list[Cookie]) -> None:
    """InvalidInput naming every cookie of a foreign domain, or the first malformed cookie."""
    allowed = domains_for(platform)
    foreign = sorted({c.domain for c in cookies if not cookie_domain_allowed(platform, c.domain)})
    if foreign:
        shown = ", ".join(_shown(d) for d in foreign[:5]) + (" ..." if len(foreign) > 5 else "")
        raise InvalidInput(
            f"cookies for domains outside {platform} ({', '.join(allowed)}) were sent: {shown}; "
            f"send only the {platform} cookies (a domain is a host name under one of these)"
        )
    for i, cookie in enumerate(cookies):
        problem = cookie_problem(cookie)
        if problem:
            raise InvalidInput(f"cookies[{i}] ({_shown(cookie.name)} of {cookie.domain}): {problem}")


def check_jar(
    platform: str,
    cookies: list[Cookie],
    *,
    max_count: int,
    max_bytes: int,
    session_ttl_s: int,
    named: PackCookies | None = None,
    now: float | None = None,
) -> CheckedJar:
    """Keep the platform's unexpired cookies; refuse foreign domains, malformed cookies, too many or
    too large. With ``named`` (the active pack's cookie list) keep only the cookies it names, and
    refuse a jar without every session cookie it names, saying which are missing."""
    now = time.time() if now is None else now
    if len(cookies) > max_count:
        raise JarTooLarge(f"{len(cookies)} cookies sent; at most {max_count} are accepted per platform")
    check_cookies(platform, cookies)
    kept = [_with_canonical_domain(c) for c in cookies if c.expirationDate is None or c.expirationDate > now]
    unexpired = len(kept)
    if not kept:
        raise InvalidInput(f"no unexpired {platform} cookie was sent; sign in to {platform} and try again")
    size = len(msgspec.json.encode(kept))
    if size > max_bytes:
        raise JarTooLarge(f"the cookie jar is {size} bytes; at most {max_bytes} are accepted")
    if named is not None:
        missing = named.missing_session(kept)
        if missing:
            raise SessionCookiesMissing(
                f"the {platform} session cookies {', '.join(r.shown() for r in missing)} are missing or "
                f"expired; sign in to {platform} in this browser and send the session again")
        kept = [c for c in kept if named.keeps(c)]  # least data: nothing the pack does not name
        size = len(msgspec.json.encode(kept))
    expiries = [c.expirationDate for c in kept if c.expirationDate is not None]
    until = max(expiries) if expiries else now + session_ttl_s
    return CheckedJar(
        cookies=kept,
        dropped_expired=len(cookies) - unexpired,
        dropped_unnamed=unexpired - len(kept),
        size_bytes=size,
        expires_at=datetime.fromtimestamp(until, UTC),
    )
