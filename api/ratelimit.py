"""Fixed-window rate limits in Redis (per IP, per user, per sign-in attempt and per account). Over
the limit the caller gets 429 with Retry-After. The limits fail closed: when Redis cannot count a
request, the request is refused with 503 and Retry-After, never let through unchecked. Only /api/health passes
when it cannot be counted, so it can still report that Redis is down (it needs no credentials and
changes nothing)."""

from __future__ import annotations

import redis.asyncio as aioredis
from litestar.exceptions import TooManyRequestsException
from litestar.types import ASGIApp, Receive, Scope, Send
from redis.asyncio.client import Pipeline
from redis.exceptions import RedisError

from api.auth.secrets_ import sha256_hex
from api.resources import ServiceUnavailable

WINDOW_S = 60
UNCHECKED_WHEN_DOWN = frozenset({"/api/health"})


async def hit(redis: aioredis.Redis, bucket: str, limit: int, *, window_s: int = WINDOW_S) -> None:
    """Count one request in ``bucket``; TooManyRequestsException when over ``limit`` per window,
    ServiceUnavailable when Redis cannot count it. The window starts at the bucket's first request
    (not at a clock boundary), so a burst cannot straddle two windows to get twice the limit."""
    try:
        async with redis.pipeline(transaction=True) as pipe:
            count_in(pipe, bucket, window_s=window_s)
            count, _, ttl = await pipe.execute()
    except (RedisError, OSError):  # logged once, as a 503, by api.errors
        raise limiter_down() from None
    enforce(count, ttl, limit)


def limiter_down() -> ServiceUnavailable:
    return ServiceUnavailable("the rate limiter is unavailable (Redis); try again shortly")


def count_in(pipe: Pipeline, bucket: str, *, window_s: int = WINDOW_S) -> None:
    """Queue one request's count in ``bucket`` on ``pipe``: three replies (count, -, ttl) for
    ``enforce``. Lets a caller count in the same round trip as its own Redis reads."""
    key = f"lw:rl:{bucket}"
    pipe.incr(key)
    pipe.expire(key, window_s, nx=True)
    pipe.ttl(key)


def enforce(count: int, ttl: int, limit: int) -> None:
    """TooManyRequestsException (429, Retry-After) when ``count`` is over ``limit``."""
    if count > limit:
        retry_after = max(1, int(ttl))
        raise TooManyRequestsException(
            detail=f"too many requests; try again in {retry_after} s",
            headers={"Retry-After": str(retry_after)},
        )


def account_bucket(email: str) -> str:
    """The sign-in bucket of one account, by a hash of its e-mail (no address in Redis keys)."""
    return f"auth-account:{sha256_hex(email.strip().lower())}"


def client_ip(scope: Scope) -> str:
    client = scope.get("client")
    return client[0] if client else "unknown"


class IpRateLimitMiddleware:
    """Per-IP limit on every HTTP request, before any other work is done for it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            resources = scope["litestar_app"].state.resources
            try:
                await hit(resources.redis, f"ip:{client_ip(scope)}", resources.settings.rate_limit_ip_per_minute)
            except ServiceUnavailable:
                if scope.get("path") not in UNCHECKED_WHEN_DOWN:
                    raise
        await self.app(scope, receive, send)
