"""What a worker process holds for its whole life: the database pool, blob store, key ring, the
browser pool, the analyser and the mailer. rq tasks are synchronous; they hand their coroutines to
one event loop running in a background thread, so the browser pool survives from job to job."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

import redis
from rq.timeouts import JobTimeoutException

from analysis.base import Analyser
from analysis.gemini import analyser_from_settings
from core.crypto import KeyRing, key_ring_from_settings
from core.settings import Settings, get_settings
from jobs.cache import DatabaseAnalysisCache
from jobs.policies import PolicyCache
from notify.mailer import Mailer
from scanner.pool import BrowserPool
from store.blobs import BlobStore, blob_store_from_settings
from store.db import Pool, connect_pool

T = TypeVar("T")


class Runtime:
    """Long-lived resources, created lazily inside the loop that uses them."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        self.keys: KeyRing = key_ring_from_settings(self.settings.encryption_keys, self.settings.is_production)
        self.blobs: BlobStore = blob_store_from_settings(self.settings)
        self._db: Pool | None = None
        self._browsers: BrowserPool | None = None
        self._analyser: Analyser | None = None
        self.policy_cache = PolicyCache()
        self._queue_redis: redis.Redis | None = None
        self.mailer: Mailer | None = Mailer.from_settings(self.settings) if self.settings.resend_api_key else None

    def queue_redis(self) -> redis.Redis:
        """The blocking client rq and the scan locks use (one connection pool per process)."""
        if self._queue_redis is None:
            self._queue_redis = redis.Redis.from_url(self.settings.redis_url)
        return self._queue_redis

    async def db(self) -> Pool:
        if self._db is None:
            self._db = await connect_pool(self.settings.database_url, min_size=self.settings.db_pool_min_size,
                                          max_size=self.settings.db_pool_max_size)
        return self._db

    async def browsers(self) -> BrowserPool:
        if self._browsers is None:
            # made and kept before the first await: the first scans of a worker start together, and
            # each used to start its own pool (driver and browser) of which only the last was kept
            self._browsers = BrowserPool(
                settings=self.settings,
                resolve_rules=self.settings.browser_resolve_rules,
                ignore_https_errors=self.settings.browser_ignore_https_errors,
            )
        await self._browsers.start()  # once; later calls return at once (the pool's own lock)
        return self._browsers

    @property
    def browser_pool(self) -> BrowserPool | None:
        """The browser pool if a scan has started it (the worker's admission control reads it)."""
        return self._browsers

    async def analyser(self) -> Analyser:
        if self._analyser is None:
            self._analyser = analyser_from_settings(self.settings, DatabaseAnalysisCache(await self.db()))
        return self._analyser

    async def close(self) -> None:
        if self._browsers is not None:
            await self._browsers.close()
            self._browsers = None
        if self._db is not None:
            await self._db.close()
            self._db = None


class LoopThread:
    """One asyncio loop in a daemon thread; ``run`` blocks the calling (rq) thread until done."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name="loopwho-jobs-loop", daemon=True)
        self._thread.start()

    def run(self, coro: Coroutine[Any, Any, T], timeout: float | None = None) -> T:
        """Run ``coro`` on the loop and wait for it; past ``timeout`` seconds it is cancelled (so its
        browser context and database connection are given back) and JobTimeoutException is raised."""
        future = asyncio.run_coroutine_threadsafe(coro, self.loop)
        try:
            return future.result(timeout)
        except concurrent.futures.TimeoutError:
            if future.done():  # the coroutine's own TimeoutError, not ours
                raise
            future.cancel()
            raise JobTimeoutException(f"task exceeded its timeout ({timeout:g} s)") from None

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(5)


_lock = threading.Lock()
_state: tuple[LoopThread, Runtime] | None = None


def check_worker_settings(settings: Settings) -> None:
    """Fail at start-up, as one line, on what would fail every job: no key to open cookie jars in
    production, no database."""
    key_ring_from_settings(settings.encryption_keys, settings.is_production)


def process_runtime() -> tuple[LoopThread, Runtime]:
    """The worker process's loop and runtime (made on first use)."""
    global _state
    with _lock:
        if _state is None:
            _state = (LoopThread(), Runtime())
        return _state


def shutdown_process_runtime() -> None:
    global _state
    with _lock:
        if _state is None:
            return
        loop, runtime = _state
        with contextlib.suppress(Exception):
            loop.run(runtime.close(), timeout=30)
        loop.stop()
        _state = None
