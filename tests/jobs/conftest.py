"""Fixtures for the chain: simulators, the Resend stand-in, a Runtime pointed at them, and a helper
that connects a user to a simulated platform the way the extension's cookie hand-off does."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import msgspec
import pytest

from core.settings import get_settings
from jobs.runtime import Runtime
from profiles.sealing import seal_jar
from standins.platforms import Simulator
from standins.resend import ResendStandin
from store import connections, profiles, users
from store import jobs as scan_jobs


def worker_runtime(monkeypatch: pytest.MonkeyPatch, simulator: Simulator, resend: ResendStandin,
                   **extra: str) -> Runtime:
    """A worker's Runtime pointed at the simulators and the Resend stand-in (``extra``: more env)."""
    env = {
        "RESEND_API_KEY": resend.api_key, "LOOPWHO_RESEND_API_URL": resend.url,
        "LOOPWHO_BROWSER_RESOLVE_RULES": simulator.resolve_rule(), "LOOPWHO_BROWSER_IGNORE_HTTPS_ERRORS": "true",
        "LOOPWHO_POOL_BROWSERS": "1", **extra,
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    return Runtime(get_settings())


@pytest.fixture
async def runtime(settings_env, simulator: Simulator, resend_standin: ResendStandin,
                  monkeypatch) -> AsyncIterator[Runtime]:
    rt = worker_runtime(monkeypatch, simulator, resend_standin)
    yield rt
    await rt.close()


class Connected(msgspec.Struct):
    user_id: str
    connection_id: str
    platform: str
    account: str


async def connect(rt: Runtime, sim: Simulator, platform: str, account: str, **prefs: Any) -> Connected:
    """A user whose cookies for ``platform`` were handed over (sealed like the API does)."""
    db = await rt.db()
    user = await users.create_user(db, f"{account}@example.org", name=account.title())
    jar = seal_jar(rt.keys, user.id, platform, sim.sign_in(platform, account))
    await profiles.save_profile(db, user.id, platform, cookie_jar_enc=jar.ciphertext, key_id=jar.key_id,
                                cookie_count=jar.cookie_count)
    conn = await connections.upsert_connection(db, user.id, platform)
    if prefs:
        from store import notifications

        await notifications.set_preferences(db, user.id, **prefs)
    return Connected(user_id=user.id, connection_id=conn.id, platform=platform, account=account)


async def new_job(rt: Runtime, who: Connected) -> str:
    job, created = await scan_jobs.create_job(await rt.db(), who.user_id, who.connection_id, trigger="api")
    assert created
    return job.id
