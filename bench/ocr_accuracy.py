"""OCR accuracy on the simulators' `ocr` variant: every setting of all three platforms, random values
over N rounds, read by scanner.ocr_fallback.read_missing in real Chromium.

    .venv/bin/python bench/ocr_accuracy.py [--rounds 10] [--seed 1] [--json]

Prints the share read right, the wrong readings above the uncertainty threshold (the ones that would
raise a false change), the uncertain ones, and the time per page (screenshot + OCR).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.async_api import async_playwright

from scanner.cookies import to_playwright_cookie
from scanner.ocr_fallback import read_missing
from scanner.packs import load_active_pack
from scanner.pool import CHROMIUM_ARGS
from standins.platforms.catalog import PLATFORMS
from standins.platforms.simulator import Simulator


async def bench(rounds: int, seed: int) -> dict[str, object]:
    rng = random.Random(seed)
    stats = {p: {"total": 0, "right": 0, "confident_wrong": 0, "uncertain": 0, "page_s": []}
             for p in PLATFORMS}
    wrong: list[str] = []
    with Simulator() as sim:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(
                executable_path="/usr/lib/chromium/chromium",
                args=[*CHROMIUM_ARGS, f"--host-resolver-rules={sim.resolve_rule()}"])
            try:
                for n in range(rounds):
                    for platform, sim_platform in PLATFORMS.items():
                        sim.set_variant(platform, "ocr")
                        account = f"bench{n}"
                        cookies = sim.sign_in(platform, account)
                        for setting in sim_platform.settings:
                            sim.set_setting(platform, account, setting.key, rng.choice(setting.values))
                        truth = sim.get_settings(platform, account)
                        pack = load_active_pack(platform)
                        context = await browser.new_context(ignore_https_errors=True)
                        await context.add_cookies([to_playwright_cookie(c) for c in cookies])
                        page = await context.new_page()
                        s = stats[platform]
                        for pack_page in pack.pages:
                            keys = [x.key for x in pack.settings_on(pack_page.key)]
                            if not keys:
                                continue
                            await page.goto(pack_page.url)
                            await page.wait_for_selector(pack_page.ready, state="attached")
                            t0 = time.perf_counter()
                            readings = await read_missing(page, pack, pack_page.key, keys)
                            s["page_s"].append(time.perf_counter() - t0)
                            for r in readings:
                                s["total"] += 1
                                if r.value == truth[r.key] and not r.uncertain:
                                    s["right"] += 1
                                elif r.uncertain:
                                    s["uncertain"] += 1
                                else:
                                    s["confident_wrong"] += 1
                                    wrong.append(f"{platform}/{r.key}: read {r.value!r} ({r.confidence:.2f}), "
                                                 f"was {truth[r.key]!r}")
                        await context.close()
            finally:
                await browser.close()
    return {"rounds": rounds, "seed": seed, "platforms": stats, "confident_wrong": wrong}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = asyncio.run(bench(args.rounds, args.seed))
    stats = result["platforms"]
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"OCR accuracy on the simulators' ocr variant: {args.rounds} rounds, seed {args.seed}")
    print(f"{'platform':<10} {'settings':>8} {'right':>7} {'uncertain':>9} {'conf. wrong':>11} "
          f"{'s/page (median)':>15} {'s/page (max)':>12}")
    totals = {"total": 0, "right": 0, "uncertain": 0, "confident_wrong": 0}
    pages: list[float] = []
    for platform, s in stats.items():  # type: ignore[union-attr]
        for k in totals:
            totals[k] += s[k]
        pages += s["page_s"]
        print(f"{platform:<10} {s['total']:>8} {s['right'] / max(1, s['total']):>7.1%} {s['uncertain']:>9} "
              f"{s['confident_wrong']:>11} {statistics.median(s['page_s']):>15.2f} {max(s['page_s']):>12.2f}")
    print(f"{'all':<10} {totals['total']:>8} {totals['right'] / max(1, totals['total']):>7.1%} "
          f"{totals['uncertain']:>9} {totals['confident_wrong']:>11} {statistics.median(pages):>15.2f} "
          f"{max(pages):>12.2f}")
    for line in result["confident_wrong"]:  # type: ignore[union-attr]
        print("  confident wrong:", line)


if __name__ == "__main__":
    main()
