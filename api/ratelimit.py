"""Fixed-window rate limits in Redis (per IP, per user, per sign-in attempt). Over the limit the
caller gets 429 with Retry-After. If Redis itself is away the limit is not enforced (health and
reads keep answering); the requests that need Redis fail on their own with 503."""

from __future__ import annotations

import redis.asyncio as aioredis
from litestar.exceptions import TooManyRequestsException
from litestar.types import ASGIApp, Receive, Scope, Send
from redis.exceptions import RedisError

from core.logging import get_logger

log = get_logger(__name__)
WINDOW_S = 60


async def hit(redis: aioredis.Redis, bucket: str, limit: int, *, window_s: int = WINDOW_S) -> None:
    """Count one request in ``bucket``; TooManyRequestsException when over ``limit`` per window.
    The window starts at the bucket's first request (not at a clock boundary), so a burst cannot
    straddle two windows to get twice the limit."""
    key = f"lw:rl:{bucket}"
    try:
        async with redis.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, window_s, nx=True)
            pipe.ttl(key)
            count, _, ttl = await pipe.execute()
    except (RedisError, OSError) as exc:
        log.warning("rate limit not enforced: redis unavailable", error=type(exc).__name__)
        return
    if count > limit:
        retry_after = max(1, int(ttl))
        raise TooManyRequestsException(
            detail=f"too many requests; try again in {retry_after} s",
            headers={"Retry-After": str(retry_after)},
        )


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
            await hit(resources.redis, f"ip:{client_ip(scope)}", resources.settings.rate_limit_ip_per_minute)
        await self.app(scope, receive, send)
