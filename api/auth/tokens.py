"""Extension access tokens (HS256 JWT, short-lived), pairing codes (Redis, one use) and pairing
liveness (PostgreSQL, cached in Redis), which kills a revoked pairing's outstanding access tokens
before they expire."""

from __future__ import annotations

import time
import uuid
from typing import Any, Literal

import jwt
import msgspec
import redis.asyncio as aioredis

from api.auth.secrets_ import new_pairing_code, normalise_pairing_code, sha256_hex
from store import tokens
from store.db import Conn

_ALGORITHM = "HS256"
_AUDIENCE = "loopwho-extension"


class TokenRejected(Exception):
    """The bearer token is not a valid, live extension token (the message says why)."""


def issue_access_token(secret: str, *, user_id: str, pairing_id: str, ttl_s: int) -> str:
    now = int(time.time())
    claims = {"sub": user_id, "pid": pairing_id, "aud": _AUDIENCE, "iat": now, "exp": now + ttl_s,
              "jti": uuid.uuid4().hex}
    return jwt.encode(claims, secret, algorithm=_ALGORITHM)


def decode_access_token(secret: str, token: str) -> dict[str, Any]:
    try:
        claims = jwt.decode(token, secret, algorithms=[_ALGORITHM], audience=_AUDIENCE,
                            options={"require": ["sub", "pid", "exp", "iat"]})
    except jwt.ExpiredSignatureError:
        raise TokenRejected("the access token has expired; refresh it at /api/extension/auth") from None
    except jwt.PyJWTError:
        raise TokenRejected("the access token is not valid") from None
    return claims


def looks_like_jwt(token: str) -> bool:
    return token.count(".") == 2 and token.startswith("eyJ")


# ---- pairing codes ----------------------------------------------------------------------------

def _code_key(code: str) -> str:
    return f"lw:pair:{sha256_hex(normalise_pairing_code(code))}"


async def create_pairing_code(redis: aioredis.Redis, user_id: str, ttl_s: int) -> str:
    for _ in range(5):  # a clash with a live code is astronomically rare; retry anyway
        code = new_pairing_code()
        if await redis.set(_code_key(code), user_id, ex=ttl_s, nx=True):
            return code
    raise RuntimeError("could not allocate a pairing code")


async def redeem_pairing_code(redis: aioredis.Redis, code: str) -> str | None:
    """The user id the code was made for; the code is spent by this call (GETDEL: one use)."""
    raw = await redis.getdel(_code_key(code))
    if raw is None:
        return None
    return raw.decode() if isinstance(raw, bytes) else str(raw)


# ---- pairing liveness ------------------------------------------------------------------------
# PostgreSQL (extension_pairings.revoked_at) is the source of truth; Redis caches its answer per
# pairing for a short while. Revoking writes PostgreSQL first, then overwrites the cached answer, so
# a flushed or restarted Redis can only cost a database lookup, never bring a revoked pairing back.
# The cached answer of a live pairing also carries its user's role ("live:<user id>:<role>"), so a
# request with a cached pairing needs no database round trip; a role change reaches extension tokens
# within ``pairing_cache_ttl_s``, and routes that need a role re-read it (api.auth.caller.role_guard).

_REVOKED = "revoked"


class PairingAccess(msgspec.Struct, frozen=True):
    """A live pairing's user and that user's role."""

    user_id: str
    role: str


def pairing_key(pairing_id: str) -> str:
    return f"lw:pairing:{pairing_id}"


async def mark_pairing_revoked(redis: aioredis.Redis, pairing_id: str, ttl_s: int) -> None:
    """Cache the revocation (already written to PostgreSQL) so the pairing's outstanding access
    tokens are refused without a database lookup."""
    await redis.set(pairing_key(pairing_id), _REVOKED, ex=ttl_s)


def parse_cached_pairing(raw: bytes | str | None) -> PairingAccess | Literal["miss"] | None:
    """The cached answer: PairingAccess (live), None (revoked or unknown), or "miss" (not cached,
    or cached by an older release without the role)."""
    if raw is None:
        return "miss"
    state = raw.decode() if isinstance(raw, bytes) else raw
    if state == _REVOKED:
        return None
    kind, _, rest = state.partition(":")
    user_id, _, role = rest.partition(":")
    if kind != "live" or not user_id or not role:
        return "miss"
    return PairingAccess(user_id=user_id, role=role)


async def load_pairing_access(
    redis: aioredis.Redis, pool: Conn, pairing_id: str, *, cache_ttl_s: int
) -> PairingAccess | None:
    """Ask PostgreSQL (a cache miss) and cache the answer."""
    found = await tokens.live_pairing_access(pool, pairing_id)
    access = PairingAccess(user_id=found[0], role=found[1]) if found else None
    state = f"live:{access.user_id}:{access.role}" if access else _REVOKED
    # NX: a revocation cached meanwhile is never overwritten by this (older) answer (an entry of an
    # older release, without the role, just expires)
    await redis.set(pairing_key(pairing_id), state, ex=cache_ttl_s, nx=True)
    return access

