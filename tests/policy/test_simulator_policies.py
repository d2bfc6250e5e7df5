"""The policy chain on the platform simulators, through the browser pool and the real packs: every
platform's policy read the same way twice despite its per-request noise, a published version changing
only its own section, and a blocked page handed to Firecrawl (stand-in) with its own statuses."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from core.selector_pack import SelectorPack
from core.settings import Settings
from core.types import PolicyDocument
from packs.loading import load_default_pack
from scanner.firecrawl_client import FirecrawlClient
from scanner.policy import fetch_policies, pool_contexts
from scanner.pool import BrowserPool
from standins.firecrawl import FirecrawlStandIn
from standins.platforms import Simulator
from tests.policy.conftest import API_KEY

pytestmark = pytest.mark.browser
PLATFORMS = ("google", "facebook", "microsoft")
SETTINGS = Settings(policy_page_timeout_s=10.0)




@pytest.fixture(scope="module")
async def pool(sim: Simulator) -> AsyncIterator[BrowserPool]:
    pool = BrowserPool(browsers=1, concurrency=3, resolve_rules=sim.resolve_rule(), ignore_https_errors=True)
    yield pool
    await pool.close()


@pytest.fixture(scope="module")
def sim_firecrawl(sim: Simulator) -> Iterator[FirecrawlStandIn]:
    with FirecrawlStandIn(api_key=API_KEY, resolve={host: sim.port for host in sim.hosts}) as standin:
        yield standin


@pytest.fixture
def firecrawl(sim_firecrawl: FirecrawlStandIn) -> FirecrawlClient:
    sim_firecrawl.set_mode("ok")
    sim_firecrawl.clear()
    return FirecrawlClient(API_KEY, sim_firecrawl.url, timeout_s=10, max_retries=1)


async def fetch(pool: BrowserPool, pack: SelectorPack, firecrawl: FirecrawlClient | None) -> PolicyDocument:
    [doc] = await fetch_policies(pool_contexts(pool, pack), pack, firecrawl, SETTINGS)
    return doc


@pytest.mark.parametrize("platform", PLATFORMS)
async def test_each_platform_policy_reads_identically_twice(
        pool: BrowserPool, firecrawl: FirecrawlClient, sim_firecrawl: FirecrawlStandIn, platform: str) -> None:
    pack = load_default_pack(platform)
    first, second = await fetch(pool, pack, firecrawl), await fetch(pool, pack, firecrawl)
    assert (first.method, first.status) == ("browser", "ok"), first.error
    assert first.markdown == second.markdown
    assert len(first.sections) >= 5
    for noise in ("utm_", "fbclid", "sessionid", "Page generated", "· request", "Session "):
        assert noise not in first.markdown, noise
    assert sim_firecrawl.requests == []


async def test_a_published_policy_changes_only_its_section(
        pool: BrowserPool, sim: Simulator, firecrawl: FirecrawlClient) -> None:
    pack = load_default_pack("google")
    before = await fetch(pool, pack, firecrawl)
    sim.publish_policy("google", "We now also collect voice recordings when you use the Assistant.")
    after = await fetch(pool, pack, firecrawl)
    changed = {b.heading for b, a in zip(before.sections, after.sections, strict=True) if b.sha256 != a.sha256}
    # the title section carries the effective date, which publishing may move
    assert changed - {"Google Privacy Policy"} == {"Information Google collects"}
    assert "voice recordings" in after.sections[2].text


async def test_a_blocked_policy_goes_to_firecrawl(
        pool: BrowserPool, sim: Simulator, firecrawl: FirecrawlClient, sim_firecrawl: FirecrawlStandIn) -> None:
    pack = load_default_pack("microsoft")
    url = pack.policies[0].url
    browser_doc = await fetch(pool, pack, firecrawl)
    assert (await firecrawl.scrape(url)).ok  # Firecrawl has seen the page before (its cache holds it)
    sim.set_policy_blocked("microsoft", True)
    try:
        doc = await fetch(pool, pack, firecrawl)
        assert (doc.method, doc.status) == ("firecrawl", "ok"), doc.error
        assert [s.sha256 for s in doc.sections] == [s.sha256 for s in browser_doc.sections]

        sim_firecrawl.clear()  # a cold cache: Firecrawl meets the wall too, and says so
        doc = await fetch(pool, pack, firecrawl)
        assert (doc.method, doc.status) == ("firecrawl", "firecrawl_page_error")
        assert "browser: HTTP 403" in (doc.error or "") and "HTTP 403 to Firecrawl" in (doc.error or "")

        sim_firecrawl.set_mode("rate_limited")
        doc = await fetch(pool, pack, firecrawl)
        assert doc.status == "firecrawl_rate_limited" and doc.markdown == ""
    finally:
        sim.set_policy_blocked("microsoft", False)
    for request in sim_firecrawl.requests:
        assert "cookie" not in {k.lower() for k in request.headers}
        assert request.body is not None and set(request.body) >= {"url", "formats", "excludeTags", "waitFor"}
        assert "headers" not in request.body and "includeTags" not in request.body
