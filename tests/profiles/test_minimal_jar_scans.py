"""Least data still scans: on the simulators, the jar the server keeps (only the cookies the pack
names) reads every setting as the simulator holds it; a jar without the session cookies meets the
login wall and comes back reauth_required with no reading, never a misread."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator

import msgspec
import pytest

from core.types import Cookie, ScanRequest, SessionProfile
from packs.loading import load_default_pack
from profiles.jar import check_jar
from scanner.pool import BrowserPool
from scanner.runner import run_scan
from standins.platforms import Simulator

pytestmark = pytest.mark.browser
LIMITS = {"max_count": 200, "max_bytes": 64 * 1024, "session_ttl_s": 3600}
# cookies a signed-in browser also holds (preferences, analytics, device ids): never stored
NOISE = {"google": [("NID", ".google.com"), ("1P_JAR", ".google.com"), ("OTZ", "myaccount.google.com")],
         "facebook": [("wd", ".facebook.com"), ("fr", ".facebook.com"), ("presence", ".facebook.com")],
         "microsoft": [("MUID", ".microsoft.com"), ("MC1", ".microsoft.com"), ("wlidperf", ".live.com")]}


@pytest.fixture(scope="module")
async def pool(sim: Simulator) -> AsyncIterator[BrowserPool]:
    pool = BrowserPool(browsers=1, concurrency=2, resolve_rules=sim.resolve_rule(), ignore_https_errors=True)
    yield pool
    await pool.close()


def browser_jar(sim: Simulator, platform: str, account: str) -> list[Cookie]:
    """What chrome.cookies holds after a sign-in: the session, a consent cookie and noise."""
    session = sim.sign_in(platform, account)
    extra = [msgspec.structs.replace(session[0], name=name, value=f"{name}-noise", domain=domain,
                                     hostOnly=not domain.startswith("."))
             for name, domain in NOISE[platform]]
    pack = load_default_pack(platform)
    assert pack.cookies is not None
    consent = [msgspec.structs.replace(session[0], name=rule.name, value="consent-choice",
                                       domain=rule.domain if rule.host_only else f".{rule.domain}",
                                       hostOnly=rule.host_only) for rule in pack.cookies.consent]
    return [*session, *extra, *consent]


@pytest.mark.parametrize("platform", ["google", "facebook", "microsoft"])
async def test_the_minimal_jar_scans_and_a_jar_without_the_session_is_reauth_required(
    pool: BrowserPool, sim: Simulator, platform: str,
) -> None:
    pack = load_default_pack(platform)
    account = f"minimal-{platform}-{time.time_ns()}"
    sent = browser_jar(sim, platform, account)
    kept = check_jar(platform, sent, named=pack.cookies, **LIMITS)
    assert pack.cookies is not None
    assert {c.name for c in kept.cookies} == {r.name for r in pack.cookies.named()}
    assert kept.dropped_unnamed == len(sent) - len(kept.cookies) >= len(NOISE[platform])

    # flip one setting so a reader stuck on defaults cannot pass
    first = pack.settings[0]
    truth = sim.get_settings(platform, account)
    sim.set_setting(platform, account, first.key, next(v for v in first.value_space if v != truth[first.key]))
    truth = sim.get_settings(platform, account)

    result = await run_scan(pool, ScanRequest(platform=platform, profile=SessionProfile(
        platform=platform, cookies=kept.cookies)), pack)
    assert result.status == "ok", result.errors
    assert {r.key: r.value for r in result.readings} == {s.key: truth[s.key] for s in pack.settings}

    session_names = {r.name for r in pack.cookies.session}
    without_session = [c for c in sent if c.name not in session_names]
    result = await run_scan(pool, ScanRequest(platform=platform, profile=SessionProfile(
        platform=platform, cookies=without_session)), pack)
    assert result.status == "reauth_required"
    assert all(r.value is None for r in result.readings)
