"""run_scan against the platform simulators in real Chromium (one pool and one simulator per module)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import msgspec
import psutil
import pytest

from core.selector_pack import Locate, SelectorPack
from core.settings import load_settings
from core.types import ScanRequest, ScanResult, SessionProfile
from packs.loading import load_default_pack
from scanner.pool import BrowserPool
from scanner.runner import run_scan
from standins.platforms import Simulator

pytestmark = pytest.mark.browser
PLATFORMS = ("google", "facebook", "microsoft")




@pytest.fixture(scope="module")
async def pool(sim: Simulator) -> AsyncIterator[BrowserPool]:
    pool = BrowserPool(browsers=2, concurrency=4, resolve_rules=sim.resolve_rule(), ignore_https_errors=True)
    yield pool
    await pool.close()


async def scan(pool: BrowserPool, sim: Simulator, platform: str, account: str,
               pack: SelectorPack | None = None, **kwargs: object) -> ScanResult:
    profile = SessionProfile(platform=platform, cookies=sim.sign_in(platform, account))
    pack = pack or load_default_pack(platform)
    return await run_scan(pool, ScanRequest(platform=platform, profile=profile), pack, **kwargs)  # type: ignore[arg-type]


def values(result: ScanResult) -> dict[str, str | None]:
    return {r.key: r.value for r in result.readings}


@pytest.mark.parametrize("variant", ["classic", "redesigned"])
@pytest.mark.parametrize("platform", PLATFORMS)
async def test_every_setting_is_read_right_on_both_variants(
        pool: BrowserPool, sim: Simulator, platform: str, variant: str) -> None:
    pack = load_default_pack(platform)
    account = f"every-{variant}"
    sim.sign_in(platform, account)
    # move every setting off its default so a reader stuck on defaults cannot pass
    for setting in pack.settings:
        current = sim.get_settings(platform, account)[setting.key]
        other = next(v for v in setting.value_space if v != current and v != "custom")
        sim.set_setting(platform, account, setting.key, other)
    sim.set_variant(platform, variant)
    try:
        result = await scan(pool, sim, platform, account, pack)
    finally:
        sim.set_variant(platform, "classic")
    assert result.status == "ok", result.errors
    assert values(result) == sim.get_settings(platform, account)
    assert {r.key for r in result.readings} == {s.key for s in pack.settings}
    for reading in result.readings:
        assert reading.method == "dom" and reading.confidence >= 0.8 and not reading.uncertain
        assert reading.pack_version == pack.version and reading.label
    assert result.blocked_requests >= 1 and sim.tracker_hits == 0  # the pages' trackers never got out
    assert result.errors == [] and result.duration_ms > 0


async def test_a_flipped_setting_is_read_as_flipped(pool: BrowserPool, sim: Simulator) -> None:
    sim.sign_in("google", "flipper")
    sim.set_setting("google", "flipper", "web_app_activity", "on")
    before = await scan(pool, sim, "google", "flipper")
    sim.set_setting("google", "flipper", "web_app_activity", "off")
    after = await scan(pool, sim, "google", "flipper")
    assert values(before)["web_app_activity"] == "on" and values(after)["web_app_activity"] == "off"
    unchanged = {k: v for k, v in values(after).items() if k != "web_app_activity"}
    assert unchanged == {k: v for k, v in values(before).items() if k != "web_app_activity"}


@pytest.mark.parametrize("platform", PLATFORMS)
async def test_an_expired_session_gives_reauth_required_and_no_readings(
        pool: BrowserPool, sim: Simulator, platform: str) -> None:
    cookies = sim.sign_in(platform, "expired")
    sim.expire_session(platform, "expired")
    request = ScanRequest(platform=platform, profile=SessionProfile(platform=platform, cookies=cookies))
    result = await run_scan(pool, request, load_default_pack(platform))
    assert result.status == "reauth_required"
    assert result.readings == [] and result.uncertain_keys == []
    assert "sign in" in result.errors[-1] and "reconnect" in result.errors[-1]
    text = " ".join(result.errors) + (result.final_url or "")
    assert not any(c.value in text for c in cookies if len(c.value) > 3)


async def test_a_verification_prompt_is_reported_never_read(pool: BrowserPool, sim: Simulator) -> None:
    sim.sign_in("google", "verify-me")
    sim.set_verification_required("verify-me", True)
    try:
        result = await scan(pool, sim, "google", "verify-me")
    finally:
        sim.set_verification_required("verify-me", False)
    assert result.status == "verification_required" and result.readings == []
    assert "verify" in result.errors[-1]


async def test_two_users_scanned_at_once_each_get_their_own_settings(
        pool: BrowserPool, sim: Simulator) -> None:
    sim.sign_in("facebook", "ann")
    sim.sign_in("facebook", "ben")
    sim.set_setting("facebook", "ann", "future_posts_audience", "only_me")
    sim.set_setting("facebook", "ben", "future_posts_audience", "public")
    sim.set_setting("facebook", "ann", "partner_ads", "off")
    sim.set_setting("facebook", "ben", "partner_ads", "on")
    sim.set_render_delay(300)  # keep both scans open at the same time
    try:
        ann, ben = await asyncio.gather(scan(pool, sim, "facebook", "ann"),
                                        scan(pool, sim, "facebook", "ben"))
    finally:
        sim.set_render_delay(0)
    assert values(ann) == sim.get_settings("facebook", "ann")
    assert values(ben) == sim.get_settings("facebook", "ben")
    assert values(ann) != values(ben)


async def test_a_browser_killed_mid_scan_is_survived(pool: BrowserPool, sim: Simulator) -> None:
    sim.sign_in("microsoft", "crashy")
    sim.set_setting("microsoft", "crashy", "search_history", "off")
    retried = pool.stats["retried"]
    sim.set_render_delay(1500)
    try:
        task = asyncio.ensure_future(scan(pool, sim, "microsoft", "crashy"))
        await asyncio.sleep(0.8)
        victims = pool.browser_pids()
        assert victims
        for pid in victims:
            psutil.Process(pid).kill()
        sim.set_render_delay(0)
        result = await task
    finally:
        sim.set_render_delay(0)
    assert result.status == "ok", result.errors
    assert values(result) == sim.get_settings("microsoft", "crashy")
    assert pool.stats["retried"] == retried + 1
    assert not set(victims) & set(pool.browser_pids())


def _with_missing_setting(pack: SelectorPack) -> SelectorPack:
    ghost = msgspec.structs.replace(pack.settings[0], key="ghost_setting", labels=["A setting nobody shows"],
                                    locate=Locate(role="switch", css="#no-such-thing"))
    return msgspec.structs.replace(pack, settings=[*pack.settings, ghost])


async def test_a_setting_the_page_lacks_makes_the_scan_partial(pool: BrowserPool, sim: Simulator) -> None:
    result = await scan(pool, sim, "google", "partial", _with_missing_setting(load_default_pack("google")))
    assert result.status == "partial"
    assert result.uncertain_keys == ["ghost_setting"]
    assert values(result) == sim.get_settings("google", "partial")  # the rest is read all the same


async def test_a_setting_whose_label_never_appears_is_missing_not_guessed(pool: BrowserPool, sim: Simulator) -> None:
    """The page's heading is there at once; the pack waits for the setting's own label, which never
    comes: after the page deadline the setting is missing (partial), and the rest is read."""
    pack = load_default_pack("google")
    ad_page = next(p for p in pack.pages if p.key == "ad_center")
    broken = msgspec.structs.replace(pack, settings=[
        s if s.page != ad_page.key else msgspec.structs.replace(s, labels=["A label no page shows"])
        for s in pack.settings])
    fast = load_settings(environ={"LOOPWHO_SCAN_PAGE_READY_TIMEOUT_S": "1.5"})
    result = await scan(pool, sim, "google", "unready", broken, settings=fast)
    assert result.status == "partial"
    ad_keys = [s.key for s in pack.settings_on(ad_page.key)]
    assert result.uncertain_keys == ad_keys
    assert {r.key for r in result.readings} == {s.key for s in pack.settings} - set(ad_keys)
    assert any("ad_center" in e and "not shown after 1.5s" in e for e in result.errors)


async def test_the_deadline_stops_a_slow_scan(pool: BrowserPool, sim: Simulator) -> None:
    sim.set_render_delay(3000)
    try:
        result = await scan(pool, sim, "google", "slow", deadline_s=1.0)
    finally:
        sim.set_render_delay(0)
    assert result.status == "failed" and result.readings == []
    assert any("deadline" in e for e in result.errors)
    assert result.duration_ms < 3000

