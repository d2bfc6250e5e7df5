"""Who is calling: the middleware resolves a bearer token (extension JWT or API key) or the web
session cookie into a ``Caller``, enforces CSRF for cookie-authenticated writes and the per-user
rate limit. Guards then check scopes and roles per route."""

from __future__ import annotations

import hmac
from typing import Literal

import msgspec
from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler
from litestar.middleware import AbstractAuthenticationMiddleware, AuthenticationResult
from redis.exceptions import RedisError

from api.auth.secrets_ import API_KEY_PREFIX, sha256_hex
from api.auth.sessions import COOKIE_NAME, CSRF_HEADER, load_session
from api.auth.tokens import (
    TokenRejected,
    decode_access_token,
    load_pairing_access,
    looks_like_jwt,
    pairing_key,
    parse_cached_pairing,
)
from api.ratelimit import count_in, enforce, hit, limiter_down
from api.resources import Resources
from store import accounts, users

AuthKind = Literal["session", "extension", "api_key"]
ROLE_RANK = {"user": 0, "operator": 1, "admin": 2}
# "account" (keys, pairing, erasure) belongs to the signed-in person only, never to a token
SESSION_SCOPES = frozenset({"privacy:read", "scans:write", "account:export", "account"})
EXTENSION_SCOPES = frozenset({"privacy:read", "scans:write"})
_SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class Caller(msgspec.Struct, frozen=True):
    user_id: str
    role: str
    kind: AuthKind
    scopes: frozenset[str]
    credential_id: str = ""  # session hash, pairing id or API key id: what to revoke


def resources_of(connection: ASGIConnection) -> Resources:
    return connection.app.state.resources


class AuthMiddleware(AbstractAuthenticationMiddleware):
    async def authenticate_request(self, connection: ASGIConnection) -> AuthenticationResult:
        res = resources_of(connection)
        header = connection.headers.get("authorization", "")
        if header:
            scheme, _, token = header.partition(" ")
            if scheme.lower() != "bearer" or not token.strip():
                raise NotAuthorizedException("use 'Authorization: Bearer <token>'")
            token = token.strip()
            if looks_like_jwt(token):  # counts the user's rate limit itself, in the same round trip
                return _result(await _from_extension_token(res, token))
            caller = await _from_bearer(res, token)
        else:
            caller = await _from_session(res, connection)
        await hit(res.redis, _user_bucket(caller.user_id), res.settings.rate_limit_per_minute)
        return _result(caller)


def _result(caller: Caller) -> AuthenticationResult:
    return AuthenticationResult(user=caller, auth=caller.kind)


def _user_bucket(user_id: str) -> str:
    return f"user:{user_id}"


async def _from_extension_token(res: Resources, token: str) -> Caller:
    """An extension's access token. The extension polls with it, so the cached pairing answer (with
    the user's role) and the user's rate-limit count share one Redis round trip; PostgreSQL is asked
    only when the pairing is not cached. The JWT's signature is checked first, so the user id it
    counts against is genuine."""
    try:
        claims = decode_access_token(res.jwt_secret, token)
    except TokenRejected as exc:
        raise NotAuthorizedException(str(exc)) from None
    user_id, pairing_id = str(claims["sub"]), str(claims["pid"])
    try:
        async with res.redis.pipeline(transaction=True) as pipe:
            pipe.get(pairing_key(pairing_id))
            count_in(pipe, _user_bucket(user_id))
            raw, count, _, ttl = await pipe.execute()
    except (RedisError, OSError):  # logged once, as a 503, by api.errors
        raise limiter_down() from None
    access = parse_cached_pairing(raw)
    if access == "miss":
        access = await load_pairing_access(res.redis, await res.pool(), pairing_id,
                                           cache_ttl_s=res.settings.pairing_cache_ttl_s)
    if access is None or access.user_id != user_id:
        raise NotAuthorizedException("this extension was disconnected; pair it again")
    enforce(count, ttl, res.settings.rate_limit_per_minute)
    return Caller(user_id=user_id, role=access.role, kind="extension", scopes=EXTENSION_SCOPES,
                  credential_id=pairing_id)


async def _from_bearer(res: Resources, token: str) -> Caller:
    if token.startswith(API_KEY_PREFIX):
        key = await accounts.authenticate_api_key(await res.pool(), sha256_hex(token))
        if key is None:
            raise NotAuthorizedException("the API key is unknown, revoked or expired")
        return Caller(user_id=key.user_id, role=key.role, kind="api_key",
                      scopes=frozenset(key.scopes), credential_id=key.id)
    raise NotAuthorizedException("the bearer token is not a loopwho token")


async def _role_of(res: Resources, user_id: str) -> str:
    from core.errors import NotFound

    try:
        return (await users.get_user(await res.pool(), user_id)).role
    except NotFound:
        raise NotAuthorizedException("the account behind this token no longer exists") from None


async def _from_session(res: Resources, connection: ASGIConnection) -> Caller:
    session_id = connection.cookies.get(COOKIE_NAME)
    if not session_id:
        raise NotAuthorizedException("sign in first, or send 'Authorization: Bearer <token>'")
    session = await load_session(res.redis, session_id)
    if session is None:
        raise NotAuthorizedException("the session has ended; sign in again")
    if connection.scope.get("method", "GET") not in _SAFE_METHODS:
        sent = connection.headers.get(CSRF_HEADER, "")
        if not sent or not hmac.compare_digest(sent, session.csrf_token):
            raise PermissionDeniedException(
                "missing or wrong CSRF token: send the csrf_token from sign-in as the X-CSRF-Token header")
    role = await _role_of(res, session.user_id)
    return Caller(user_id=session.user_id, role=role, kind="session", scopes=SESSION_SCOPES,
                  credential_id=sha256_hex(session_id))


# ---- guards -----------------------------------------------------------------------------------

def caller_of(connection: ASGIConnection) -> Caller:
    return connection.user  # type: ignore[no-any-return]


def scope_guard(connection: ASGIConnection, handler: BaseRouteHandler) -> None:
    """Routes name the scope they need in ``opt={"scope": ...}``."""
    needed = handler.opt.get("scope")
    if needed and needed not in caller_of(connection).scopes:
        what = "a signed-in browser session" if needed == "account" else f"the {needed!r} scope"
        raise PermissionDeniedException(f"this route needs {what}")


async def role_guard(connection: ASGIConnection, handler: BaseRouteHandler) -> None:
    """Routes name the least role they need in ``opt={"role": ...}``. An extension caller's role
    comes from the pairing cache, so it is read again here: a demotion holds at once."""
    needed = handler.opt.get("role")
    if not needed:
        return
    caller = caller_of(connection)
    role = caller.role
    if caller.kind == "extension" and ROLE_RANK.get(role, -1) >= ROLE_RANK[needed]:
        role = await _role_of(resources_of(connection), caller.user_id)
    if ROLE_RANK.get(role, -1) < ROLE_RANK[needed]:
        raise PermissionDeniedException(f"this route is for the {needed} role")
