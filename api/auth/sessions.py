"""Server-side web sessions in Redis. The browser holds only a random id (HttpOnly cookie); Redis
holds the user id and the session's CSRF token, keyed by the id's hash."""

from __future__ import annotations

import secrets
from typing import Any

import msgspec
import redis.asyncio as aioredis

from api.auth.secrets_ import sha256_hex

COOKIE_NAME = "lw_session"
CSRF_HEADER = "x-csrf-token"


class WebSession(msgspec.Struct):
    user_id: str
    csrf_token: str

    def __repr__(self) -> str:
        return f"WebSession(user_id={self.user_id!r}, csrf_token=[redacted])"


def _key(session_id: str) -> str:
    return f"lw:sess:{sha256_hex(session_id)}"


def _user_key(user_id: str) -> str:
    return f"lw:user-sess:{user_id}"


async def create_session(redis: aioredis.Redis, user_id: str, ttl_s: int) -> tuple[str, WebSession]:
    session_id = secrets.token_urlsafe(32)
    session = WebSession(user_id=user_id, csrf_token=secrets.token_urlsafe(32))
    async with redis.pipeline(transaction=True) as pipe:
        pipe.set(_key(session_id), msgspec.json.encode(session), ex=ttl_s)
        pipe.sadd(_user_key(user_id), sha256_hex(session_id))
        pipe.expire(_user_key(user_id), ttl_s)
        await pipe.execute()
    return session_id, session


async def load_session(redis: aioredis.Redis, session_id: str) -> WebSession | None:
    if not session_id or len(session_id) > 128:
        return None
    raw: Any = await redis.get(_key(session_id))
    return msgspec.json.decode(raw, type=WebSession) if raw else None


async def destroy_session(redis: aioredis.Redis, session_id: str) -> None:
    await redis.delete(_key(session_id))


async def destroy_user_sessions(redis: aioredis.Redis, user_id: str) -> int:
    hashes = await redis.smembers(_user_key(user_id))
    keys = [f"lw:sess:{h.decode() if isinstance(h, bytes) else h}" for h in hashes]
    if keys:
        await redis.delete(*keys)
    await redis.delete(_user_key(user_id))
    return len(keys)
