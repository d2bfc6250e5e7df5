"""Cookies in the shape ``chrome.cookies.getAll`` returns, turned into what Playwright's
``BrowserContext.add_cookies`` takes; and reading a cookie file for ``loopwho scan``.

Errors name cookies by name and domain only: a cookie's value is a secret.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec

from core.errors import InvalidInput
from core.types import Cookie

# chrome.cookies.SameSiteStatus -> Playwright's sameSite
_SAME_SITE = {"no_restriction": "None", "lax": "Lax", "strict": "Strict", "unspecified": "Lax"}
MAX_COOKIE_FILE_BYTES = 1_000_000


def to_playwright_cookie(cookie: Cookie) -> dict[str, Any]:
    same_site = _SAME_SITE.get(cookie.sameSite.lower())
    if same_site is None:
        raise InvalidInput(
            f"cookie {cookie.name} ({cookie.domain}): sameSite {cookie.sameSite!r} is not one of "
            f"{', '.join(_SAME_SITE)}"
        )
    if same_site == "None" and not cookie.secure:
        # Chromium silently drops SameSite=None without Secure; Chrome would have treated it as Lax
        same_site = "Lax"
    domain = cookie.domain.strip()
    if not domain.lstrip("."):
        raise InvalidInput(f"cookie {cookie.name}: empty domain")
    # Chromium stores a cookie whose domain has no leading dot as host-only, one with a dot as a
    # domain cookie; chrome.cookies marks the difference with hostOnly
    if cookie.hostOnly is True:
        domain = domain.lstrip(".")
    elif cookie.hostOnly is False and not domain.startswith("."):
        domain = "." + domain
    expires = -1.0
    if cookie.expirationDate is not None and not cookie.session:
        expires = float(cookie.expirationDate)
    return {
        "name": cookie.name,
        "value": cookie.value,
        "domain": domain,
        "path": cookie.path or "/",
        "secure": cookie.secure,
        "httpOnly": cookie.httpOnly,
        "sameSite": same_site,
        "expires": expires,
    }


def to_playwright_cookies(cookies: list[Cookie]) -> list[dict[str, Any]]:
    return [to_playwright_cookie(c) for c in cookies]


def parse_cookies(data: bytes, source: str = "cookie data") -> list[Cookie]:
    """A JSON list of chrome.cookies objects -> Cookies; InvalidInput with a one-line reason."""
    if len(data) > MAX_COOKIE_FILE_BYTES:
        raise InvalidInput(f"{source} is larger than {MAX_COOKIE_FILE_BYTES} bytes")
    try:
        raw = msgspec.json.decode(data)
    except msgspec.DecodeError:
        raise InvalidInput(f"{source} is not valid JSON") from None
    try:
        cookies = msgspec.convert(raw, list[Cookie])
    except msgspec.ValidationError as exc:  # names the field and its path, never a value
        raise InvalidInput(f"{source} is not a list of cookies in the chrome.cookies shape: {exc}") from None
    if not cookies:
        raise InvalidInput(f"{source} holds no cookies")
    for cookie in cookies:
        to_playwright_cookie(cookie)  # fail early on a shape Chromium cannot take
    return cookies


def load_cookie_file(path: str | Path) -> list[Cookie]:
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InvalidInput(f"cookie file {path} does not exist") from None
    except (IsADirectoryError, PermissionError) as exc:
        raise InvalidInput(f"cookie file {path} cannot be read: {exc.strerror}") from None
    return parse_cookies(data, f"cookie file {path}")
