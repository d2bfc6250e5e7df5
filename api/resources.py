"""What the app holds for its lifetime: settings, the PostgreSQL pool, Redis, the blob store, the key
ring, the JWT secret. The pool is opened lazily and retried, so a database that is down at start
makes /api/health answer 503 instead of keeping the server from starting."""

from __future__ import annotations

import asyncio
import secrets
from dataclasses import dataclass, field

import asyncpg
import redis
import redis.asyncio as aioredis

from core.crypto import KeyRing, key_ring_from_settings
from core.errors import ConfigError
from core.settings import Settings
from store.blobs import BlobStore, blob_store_from_settings
from store.db import connect_pool

REDIS_TIMEOUT_S = 2.0


class ServiceUnavailable(ConfigError):
    """A required part (database, Redis) cannot be reached right now (HTTP 503)."""


@dataclass
class Resources:
    settings: Settings
    redis: aioredis.Redis
    blobs: BlobStore
    keys: KeyRing
    jwt_secret: str
    _pool: asyncpg.Pool | None = None
    _pool_lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def pool(self) -> asyncpg.Pool:
        if self._pool is not None:
            return self._pool
        async with self._pool_lock:
            if self._pool is None:
                try:
                    self._pool = await asyncio.wait_for(
                        connect_pool(self.settings.database_url), self.settings.health_timeout_s * 2)
                except (ConfigError, TimeoutError) as exc:
                    raise ServiceUnavailable(f"the database is unavailable: {exc}") from None
        return self._pool

    def sync_redis(self) -> redis.Redis:
        """A blocking client for rq (which does not speak asyncio)."""
        return redis.Redis.from_url(
            self.settings.redis_url, socket_connect_timeout=REDIS_TIMEOUT_S, socket_timeout=REDIS_TIMEOUT_S)

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.close()
        await self.redis.aclose()


def check_secrets(settings: Settings) -> tuple[KeyRing, str]:
    """The key ring and JWT secret; ConfigError (one line) when production lacks either."""
    keys = key_ring_from_settings(settings.encryption_keys, settings.is_production)
    if settings.jwt_secret:
        return keys, settings.jwt_secret
    if settings.is_production:
        raise ConfigError("LOOPWHO_JWT_SECRET is required in production (a long random string)")
    return keys, secrets.token_urlsafe(32)  # development: tokens die with the process


def open_resources(settings: Settings) -> Resources:
    keys, jwt_secret = check_secrets(settings)
    client = aioredis.Redis.from_url(
        settings.redis_url, socket_connect_timeout=REDIS_TIMEOUT_S, socket_timeout=REDIS_TIMEOUT_S)
    return Resources(settings=settings, redis=client, blobs=blob_store_from_settings(settings),
                     keys=keys, jwt_secret=jwt_secret)
