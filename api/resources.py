"""What the app holds for its lifetime: settings, the PostgreSQL pool, Redis, the blob store, the key
ring, the JWT secret. The pool is opened lazily and retried, so a database that is down at start
makes /api/health answer 503 instead of keeping the server from starting. Redis is reached through
a bounded, blocking connection pool with timeouts: under a flood a request waits
``redis_pool_timeout_s`` for a connection and then answers 503, never opens one more."""

from __future__ import annotations

import asyncio
import secrets
from dataclasses import dataclass, field

import redis
import redis.asyncio as aioredis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError

from core.crypto import KeyRing, key_ring_from_settings
from core.errors import ConfigError
from core.settings import Settings
from store.blobs import BlobStore, blob_store_from_settings
from store.db import Pool, connect_pool


class ServiceUnavailable(ConfigError):
    """A required part (database, Redis) cannot be reached right now (HTTP 503)."""


@dataclass
class Resources:
    settings: Settings
    redis: aioredis.Redis
    blobs: BlobStore
    keys: KeyRing
    jwt_secret: str
    _pool: Pool | None = None
    _pool_lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def pool(self) -> Pool:
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
        timeout = self.settings.redis_socket_timeout_s
        return redis.Redis.from_url(self.settings.redis_url, socket_connect_timeout=timeout, socket_timeout=timeout)

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


def redis_pool(settings: Settings) -> aioredis.BlockingConnectionPool:
    """At most ``redis_max_connections``; a caller waits ``redis_pool_timeout_s`` for a free one and
    then gets a ConnectionError (a 503), instead of the pool growing or failing with a 500. A command
    on a connection that Redis closed (a restart) is sent once more on a fresh one; a timeout is not
    retried (a stuck Redis answers 503 after one socket timeout)."""
    return aioredis.BlockingConnectionPool.from_url(
        settings.redis_url, max_connections=settings.redis_max_connections, timeout=settings.redis_pool_timeout_s,
        socket_connect_timeout=settings.redis_socket_timeout_s, socket_timeout=settings.redis_socket_timeout_s,
        retry=Retry(NoBackoff(), 1), retry_on_error=[RedisConnectionError])


def open_resources(settings: Settings) -> Resources:
    keys, jwt_secret = check_secrets(settings)
    client = aioredis.Redis.from_pool(redis_pool(settings))  # the client owns (and closes) the pool
    return Resources(settings=settings, redis=client, blobs=blob_store_from_settings(settings),
                     keys=keys, jwt_secret=jwt_secret)
