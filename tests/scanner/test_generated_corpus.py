"""The scanner on a corpus it cannot overfit: the simulators' `generated` variant draws, for each seed,
every setting of every page with another structure (control kind, ARIA or native, how the name is
bound, wrappers, visual order, shadow roots, iframes, disclosures, virtualized lists, lazy and late
parts, decoys). Each run draws new seeds (``LOOPWHO_CORPUS_SEED`` replays one run) and scans at least
150 generated pages per platform in real Chromium through ``run_scan``; every reading must equal the
account's state, with status ``ok`` and nothing uncertain, and no page may receive a setting change."""

from __future__ import annotations

import asyncio
import math
import os
import random
from collections.abc import AsyncIterator, Iterator

import pytest

from core.types import ScanRequest, SessionProfile
from packs.loading import load_default_pack
from scanner.pool import BrowserPool
from scanner.runner import run_scan
from standins.platforms import Simulator
from standins.platforms.generated import page_kinds

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PAGES_PER_PLATFORM = 150
IN_FLIGHT = 8
BASE_SEED = int(os.environ.get("LOOPWHO_CORPUS_SEED") or random.SystemRandom().randrange(10**9))


@pytest.fixture(scope="module")
def corpus_sim() -> Iterator[Simulator]:
    with Simulator() as sim:
        yield sim


@pytest.fixture(scope="module")
async def corpus_pool(corpus_sim: Simulator) -> AsyncIterator[BrowserPool]:
    pool = BrowserPool(browsers=2, concurrency=IN_FLIGHT, resolve_rules=corpus_sim.resolve_rule(),
                       ignore_https_errors=True, wait_timeout_s=600)
    yield pool
    await pool.close()


async def scan_seed(pool: BrowserPool, sim: Simulator, platform: str, seed: int) -> list[str]:
    """Scan one generated account; the problems found, one line each."""
    pack = load_default_pack(platform)
    cookies, truth = sim.generated_account(platform, seed)
    result = await run_scan(pool, ScanRequest(platform=platform, profile=SessionProfile(
        platform=platform, cookies=cookies)), pack)
    problems = []
    got = {r.key: r for r in result.readings}
    for setting in pack.settings:
        reading = got.get(setting.key)
        if reading is None or reading.value != truth[setting.key] or reading.uncertain:
            kinds = page_kinds(platform, setting.page, seed).get(setting.key, {})
            shown = "missing" if reading is None else f"{reading.value} ({reading.method}, {reading.confidence:.2f})"
            problems.append(f"{platform} seed {seed} {setting.key}: want {truth[setting.key]}, read {shown}; "
                            f"{ {k: v for k, v in kinds.items() if v not in ('no', 'none', '0')} }")
    if result.status != "ok" and not problems:
        problems.append(f"{platform} seed {seed}: status {result.status} {result.errors}")
    return problems


@pytest.mark.parametrize("platform", ["google", "facebook", "microsoft"])
async def test_every_generated_page_is_read_right(
        corpus_pool: BrowserPool, corpus_sim: Simulator, platform: str) -> None:
    pack = load_default_pack(platform)
    pages = len({s.page for s in pack.settings})
    seeds = [BASE_SEED * 1000 + i for i in range(math.ceil(PAGES_PER_PLATFORM / pages))]
    corpus_sim.set_variant(platform, "generated", seed=seeds[0])
    before = len(corpus_sim.page_changes)
    gate = asyncio.Semaphore(IN_FLIGHT)

    async def one(seed: int) -> list[str]:
        async with gate:
            return await scan_seed(corpus_pool, corpus_sim, platform, seed)

    problems = [p for found in await asyncio.gather(*(one(s) for s in seeds)) for p in found]
    assert corpus_sim.page_changes[before:] == [], "a scan changed a setting"
    assert problems == [], (f"{len(problems)} wrong readings over {len(seeds)} scans ({len(seeds) * pages} pages); "
                            f"replay with LOOPWHO_CORPUS_SEED={BASE_SEED}:\n" + "\n".join(problems))
