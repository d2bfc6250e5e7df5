"""Reading right on markup nobody wrote for the scanner: the simulators' `generated` variant, per
structure kind.

    .venv/bin/python bench/variants.py [--scans 60] [--seed 1] [--concurrency 8] [--platforms google,...] [--json]

For each platform, `--scans` accounts get random settings and a `generated` seed each (every setting
of every page drawn with another structure), and each is scanned through `run_scan` in real Chromium
(one pool, `--concurrency` scans at once). Every setting's reading is compared with the account's
state. The table groups the settings by each structure axis of `standins.platforms.generated.KINDS`
(control kind, how the name is bound, shadow roots, iframes, decoys, delays, ...) and prints, per
kind: settings seen, the share read right (right value, confident), confident wrong readings (which
would raise a false alert: must be 0), and the median duration of the scans holding that kind.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.logging import configure_logging
from core.types import ScanRequest, SessionProfile
from packs.loading import load_default_pack
from scanner.pool import BrowserPool
from scanner.runner import run_scan
from standins.platforms import Simulator
from standins.platforms.generated import KINDS, page_kinds


async def scan_account(pool: BrowserPool, sim: Simulator, platform: str, seed: int) -> list[dict[str, object]]:
    pack = load_default_pack(platform)
    cookies, truth = sim.generated_account(platform, seed)
    started = time.monotonic()
    result = await run_scan(pool, ScanRequest(platform=platform, profile=SessionProfile(
        platform=platform, cookies=cookies)), pack)
    seconds = time.monotonic() - started
    got = {r.key: r for r in result.readings}
    rows = []
    for setting in pack.settings:
        reading = got.get(setting.key)
        confident = reading is not None and not reading.uncertain
        rows.append({
            "platform": platform, "seed": seed, "key": setting.key, "seconds": seconds,
            "right": confident and reading.value == truth[setting.key],
            "confident_wrong": confident and reading.value != truth[setting.key],
            "method": reading.method if reading else None,
            "kinds": page_kinds(platform, setting.page, seed)[setting.key],
        })
    return rows


async def bench(platforms: list[str], scans: int, base_seed: int, concurrency: int) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    with Simulator() as sim:
        pool = BrowserPool(browsers=2, concurrency=concurrency, resolve_rules=sim.resolve_rule(),
                           ignore_https_errors=True, wait_timeout_s=3600)
        gate = asyncio.Semaphore(concurrency)
        try:
            for platform in platforms:
                sim.set_variant(platform, "generated", seed=base_seed)

                async def one(seed: int, platform: str = platform) -> list[dict[str, object]]:
                    async with gate:
                        return await scan_account(pool, sim, platform, seed)

                started = time.monotonic()
                for found in await asyncio.gather(*(one(base_seed * 10_000 + i) for i in range(scans))):
                    rows.extend(found)
                print(f"{platform}: {scans} scans in {time.monotonic() - started:.0f}s", file=sys.stderr)
            if sim.page_changes:
                print(f"WARNING: {len(sim.page_changes)} setting changes reached the pages", file=sys.stderr)
        finally:
            await pool.close()
    return rows


def summarise(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    groups: dict[tuple[str, str], list[dict[str, object]]] = defaultdict(list)
    for row in rows:
        for axis, kind in row["kinds"].items():  # type: ignore[union-attr]
            groups[(axis, kind)].append(row)
    table = []
    for axis, kinds in KINDS.items():
        for kind in kinds:
            found = groups.get((axis, kind), [])
            if not found:
                continue
            scan_times = {(r["platform"], r["seed"]): r["seconds"] for r in found}
            table.append({
                "axis": axis, "kind": kind, "settings": len(found),
                "right_share": sum(bool(r["right"]) for r in found) / len(found),
                "confident_wrong": sum(bool(r["confident_wrong"]) for r in found),
                "median_scan_s": statistics.median(scan_times.values()),
            })
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scans", type=int, default=60, help="scans per platform")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--platforms", default="google,facebook,microsoft")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    configure_logging("WARNING")
    rows = asyncio.run(bench(args.platforms.split(","), args.scans, args.seed, args.concurrency))
    table = summarise(rows)
    overall = {
        "settings": len(rows),
        "right_share": sum(bool(r["right"]) for r in rows) / len(rows),
        "confident_wrong": sum(bool(r["confident_wrong"]) for r in rows),
        "read_by_ocr": sum(r["method"] == "ocr" for r in rows),
        "median_scan_s": statistics.median({(r["platform"], r["seed"]): r["seconds"] for r in rows}.values()),
    }
    if args.json:
        print(json.dumps({"overall": overall, "kinds": table}, indent=2))
        return
    print(f"{'axis':<15} {'kind':<18} {'settings':>8} {'right':>7} {'conf.wrong':>10} {'median scan':>11}")
    for row in table:
        print(f"{row['axis']:<15} {row['kind']:<18} {row['settings']:>8} {row['right_share']:>7.1%} "
              f"{row['confident_wrong']:>10} {row['median_scan_s']:>10.1f}s")
    print(f"overall: {overall['settings']} settings, {overall['right_share']:.1%} right, "
          f"{overall['confident_wrong']} confident wrong, {overall['read_by_ocr']} read by OCR, "
          f"median scan {overall['median_scan_s']:.1f}s")


if __name__ == "__main__":
    main()
