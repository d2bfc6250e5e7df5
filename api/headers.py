"""Security headers on every response, errors and rate-limit answers included (a ``before_send``
hook sees every response the app sends):

- ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: no-referrer``;
- ``Content-Security-Policy: frame-ancestors 'none'`` (and ``X-Frame-Options: DENY`` for older
  browsers): no page of ours is framed;
- ``Strict-Transport-Security`` when the request came over TLS (or the public URL is https, i.e.
  behind a TLS-terminating proxy);
- ``Cache-Control: no-store`` on every /api/ response (they carry account data, keys, exports or
  errors about them) unless the route set its own; ``Pragma: no-cache`` for HTTP/1.0 caches."""

from __future__ import annotations

from litestar.datastructures import MutableScopeHeaders
from litestar.types import Message, Scope

from core.settings import Settings

_ALWAYS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "content-security-policy": "frame-ancestors 'none'",
    "x-frame-options": "DENY",
}


def _behind_tls(scope: Scope, settings: Settings) -> bool:
    return scope.get("scheme") == "https" or settings.public_url.startswith("https://")


async def add_security_headers(message: Message, scope: Scope) -> None:
    if message["type"] != "http.response.start":
        return
    settings: Settings = scope["litestar_app"].state.settings
    headers = MutableScopeHeaders.from_message(message)
    for name, value in _ALWAYS.items():
        if name not in headers:
            headers[name] = value
    if _behind_tls(scope, settings):
        headers["strict-transport-security"] = f"max-age={settings.hsts_max_age_s}; includeSubDomains"
    if scope.get("path", "").startswith("/api/") and "cache-control" not in headers:
        headers["cache-control"] = "no-store"
        headers["pragma"] = "no-cache"
