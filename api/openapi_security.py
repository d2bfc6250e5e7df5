"""How a client authenticates, as OpenAPI says it: the security schemes (components) and, per route,
the requirements derived from what the auth middleware and the guards enforce (``exclude_from_auth``,
``opt["scope"]``, ``opt["role"]``), so the schema cannot drift from the checks.

- ``bearerToken``: the extension's access token (``Authorization: Bearer <JWT>`` from
  ``/api/extension/auth``), scopes ``privacy:read`` and ``scans:write``;
- ``apiKey``: an API key sent as ``Authorization: Bearer lw_<prefix>_<secret>``, with the scopes it
  was created with;
- ``sessionCookie`` (+ ``csrfToken`` on writes): the web session from sign-in; writes also send the
  ``csrf_token`` from sign-in as ``X-CSRF-Token``. The only credential for ``account`` routes.

OpenAPI 3.1 lets a non-OAuth requirement list roles or scopes: each requirement lists the route's
scope and, when a route needs one, the least role as ``role:<name>`` (held by the account, whichever
credential it uses)."""

from __future__ import annotations

from collections.abc import Iterable

from litestar.handlers.http_handlers import HTTPRouteHandler
from litestar.openapi.spec import Components, SecurityRequirement, SecurityScheme

from api.auth.caller import EXTENSION_SCOPES
from api.auth.sessions import COOKIE_NAME, CSRF_HEADER

BEARER, API_KEY, SESSION, CSRF = "bearerToken", "apiKey", "sessionCookie", "csrfToken"
API_KEY_SCOPES = frozenset({"privacy:read", "scans:write", "account:export"})
_SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

SECURITY_SCHEMES: dict[str, SecurityScheme] = {
    BEARER: SecurityScheme(
        type="http", scheme="bearer", bearer_format="JWT",
        description="The extension's 15-minute access token (HS256) from POST /api/extension/auth "
                    "(a pairing code or a refresh token). Scopes: privacy:read, scans:write."),
    API_KEY: SecurityScheme(
        type="http", scheme="bearer", bearer_format="lw_<prefix>_<secret>",
        description="An API key from POST /api/account/api-keys, sent as 'Authorization: Bearer "
                    "lw_<prefix>_<secret>'. Scopes: those it was created with (privacy:read, "
                    "scans:write, account:export)."),
    SESSION: SecurityScheme(
        type="apiKey", security_scheme_in="cookie", name=COOKIE_NAME,
        description="The HttpOnly web session cookie set by sign-up and sign-in. Holds every scope, "
                    "and is the only credential for account routes (keys, pairing, erasure)."),
    CSRF: SecurityScheme(
        type="apiKey", security_scheme_in="header", name="X-CSRF-Token",
        description="With the session cookie, every write (POST, PATCH, DELETE) also sends the "
                    "csrf_token from sign-up or sign-in in this header."),
}
assert CSRF_HEADER == "x-csrf-token"


def components() -> Components:
    return Components(security_schemes=dict(SECURITY_SCHEMES))  # type: ignore[arg-type]


def requirements_for(scope: str | None, role: str | None, methods: Iterable[str]) -> list[SecurityRequirement]:
    """The credentials (any one of the list) that pass the middleware and guards of a route."""
    names = ([scope] if scope else []) + ([f"role:{role}"] if role else [])
    writes = any(m.upper() not in _SAFE_METHODS for m in methods)
    session: SecurityRequirement = {SESSION: list(names), **({CSRF: []} if writes else {})}
    out: list[SecurityRequirement] = []
    if scope is None or scope in EXTENSION_SCOPES:
        out.append({BEARER: list(names)})
    if scope is None or scope in API_KEY_SCOPES:
        out.append({API_KEY: list(names)})
    out.append(session)
    return out


def declare_security(handlers: Iterable[object]) -> None:
    """Give each route handler that has no ``security`` of its own the requirements its checks imply
    (none for routes excluded from auth)."""
    for handler in handlers:
        if not isinstance(handler, HTTPRouteHandler) or handler.security or handler.opt.get("exclude_from_auth"):
            continue
        handler.security = requirements_for(handler.opt.get("scope"), handler.opt.get("role"),
                                            handler.http_methods)
