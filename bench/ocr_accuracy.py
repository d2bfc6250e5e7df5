"""OCR accuracy with DOM reading switched off: every setting of all three platforms, random values over
N rounds, read by scanner.ocr_fallback.read_missing in real Chromium.

    .venv/bin/python bench/ocr_accuracy.py [--variant ocr|tall|generated] [--rounds 10] [--seed 1] [--json]

Variants: `ocr` is the simulators' canvas variant (drawn settings, nothing the DOM can read); `tall`
puts the same rows far apart on a page about 14,000 CSS px tall, between paragraphs and inside an
inner scroll container (full-height capture and memory); `generated` is the simulators' generated
markup (a new structure per seed), read by OCR alone.

Prints the share read right, the wrong readings above the uncertainty threshold (the ones that would
raise a false change), the uncertain ones, the time per page (settle + screenshot + OCR) and the
peak PSS of this process plus its children (the Playwright driver, Chromium, tesseract).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import html
import json
import random
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psutil
from playwright.async_api import Browser, Page, async_playwright

from core.settings import get_settings
from packs.loading import load_default_pack
from scanner import extract
from scanner.cookies import to_playwright_cookie
from scanner.ocr_fallback import read_missing
from scanner.pool import CHROMIUM_ARGS
from standins.platforms import generated
from standins.platforms.catalog import PLATFORMS, SimSetting
from standins.platforms.simulator import Simulator

MB = 1024 * 1024


class PssSampler:
    """Peak PSS of this process and every descendant, sampled on a thread."""

    def __init__(self, interval_s: float = 0.05) -> None:
        self.interval_s = interval_s
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self) -> int:
        me = psutil.Process()
        total = 0
        for proc in [me, *me.children(recursive=True)]:
            with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                total += proc.memory_full_info().pss
        self.peak = max(self.peak, total)
        return total

    def _run(self) -> None:
        while not self._stop.wait(self.interval_s):
            self.sample()

    def __enter__(self) -> PssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _new_stats() -> dict[str, object]:
    return {"total": 0, "right": 0, "confident_wrong": 0, "uncertain": 0, "page_s": []}


def _tally(s: dict, readings, truth: dict[str, str], platform: str, wrong: list[str], where: str) -> None:
    min_conf = get_settings().reading_min_confidence
    for r in readings:
        s["total"] += 1
        confident = not r.uncertain and r.confidence >= min_conf and r.value is not None
        if confident and r.value == truth[r.key]:
            s["right"] += 1
        elif confident:
            s["confident_wrong"] += 1
            wrong.append(f"{platform}/{r.key} ({where}): read {r.value!r} ({r.confidence:.2f}), "
                         f"was {truth[r.key]!r}")
        else:
            s["uncertain"] += 1


# --- the tall page: the platform's rows, far apart, some in an inner scroll container -------------
_FILLER = ("Your data helps make our services work better for you. Review what is saved to your account, "
           "and delete it at any time. ")


def _row_html(setting: SimSetting, value: str) -> str:
    label = html.escape(setting.label)
    if setting.kind == "switch":
        on = value == "on"
        control = (f'<div style="position:relative;width:52px;height:28px;border-radius:14px;'
                   f'background:{"#1a73e8" if on else "#9aa0a6"}"><div style="position:absolute;top:4px;'
                   f'{"right" if on else "left"}:4px;width:20px;height:20px;border-radius:50%;'
                   f'background:#fff"></div></div>')
    else:
        option = next(o for o in setting.options if o.value == value)
        control = f'<div style="font-size:18px">{html.escape(option.short or option.text)}</div>'
    return (f'<div style="display:flex;justify-content:space-between;align-items:center;padding:18px 0;'
            f'border-bottom:1px solid #dadce0"><div style="font-size:18px">{label}</div>{control}</div>')


def tall_page(settings: list[tuple[SimSetting, str]], rng: random.Random) -> str:
    parts = ['<!doctype html><html><body style="font-family:Arial,sans-serif;margin:32px;width:900px;'
             'color:#202124">', "<h1>Settings</h1>"]
    inner = settings[-2:] if len(settings) > 2 else []
    for setting, value in settings[: len(settings) - len(inner)]:
        parts.append(f'<p style="color:#5f6368;font-size:14px">{_FILLER * rng.randint(30, 60)}</p>')
        parts.append(f'<div style="height:{rng.randint(1500, 3000)}px"></div>')
        parts.append(_row_html(setting, value))
    if inner:  # rows only an inner scroll reaches
        parts.append('<div style="height:320px;overflow-y:auto;border:1px solid #dadce0;padding:0 16px">')
        for setting, value in inner:
            parts.append(f'<div style="height:{rng.randint(400, 700)}px"></div>')
            parts.append(_row_html(setting, value))
        parts.append('<div style="height:200px"></div></div>')
    parts.append(f'<p style="color:#5f6368;font-size:14px">{_FILLER * 40}</p></body></html>')
    return "".join(parts)


async def _bench_tall(browser: Browser, rounds: int, rng: random.Random, stats: dict, wrong: list[str]) -> None:
    for n in range(rounds):
        for platform, sim_platform in PLATFORMS.items():
            pack = load_default_pack(platform)
            context = await browser.new_context(viewport={"width": 1280, "height": 900})
            page = await context.new_page()
            s = stats[platform]
            for pack_page in pack.pages:
                keys = [x.key for x in pack.settings_on(pack_page.key)]
                if not keys:
                    continue
                shown = [(st, rng.choice(st.values)) for st in sim_platform.settings if st.key in keys]
                truth = {st.key: v for st, v in shown}
                await page.set_content(tall_page(shown, rng))
                t0 = time.perf_counter()
                readings = await read_missing(page, pack, pack_page.key, keys)
                s["page_s"].append(time.perf_counter() - t0)
                _tally(s, readings, truth, platform, wrong, f"tall round {n}")
            await context.close()


async def _read_pages(page: Page, pack, truth: dict[str, str], s: dict, platform: str, wrong: list[str],
                      where: str, variant: str, seed: int, by_kind: dict) -> None:
    settings = get_settings()
    for pack_page in pack.pages:
        keys = [x.key for x in pack.settings_on(pack_page.key)]
        if not keys:
            continue
        await page.goto(pack_page.url, wait_until="domcontentloaded")
        if variant == "generated":
            # the scanner's own wait (labels there, quiet DOM, sections opened, lazy rows rendered);
            # its readings are thrown away: the values come from OCR alone
            await extract.read_page_settled(page, pack, pack_page.key,
                                            timeout_ms=int(settings.scan_page_ready_timeout_s * 1000),
                                            quiet_ms=settings.scan_settle_quiet_ms)
        elif pack_page.ready:
            await page.wait_for_selector(pack_page.ready, state="attached")
        t0 = time.perf_counter()
        readings = await read_missing(page, pack, pack_page.key, keys)
        s["page_s"].append(time.perf_counter() - t0)
        _tally(s, readings, truth, platform, wrong, f"{where} {pack_page.key}")
        if variant == "generated":
            kinds = generated.page_kinds(platform, pack_page.key, seed)
            min_conf = settings.reading_min_confidence
            for r in readings:
                outcome = ("right" if r.value == truth[r.key] else "wrong") \
                    if not r.uncertain and r.confidence >= min_conf and r.value is not None else "uncertain"
                for axis in ("control", "container", "decoy_disabled", "consent", "visual"):
                    tally = by_kind.setdefault(axis, {}).setdefault(kinds[r.key][axis], {
                        "right": 0, "wrong": 0, "uncertain": 0})
                    tally[outcome] += 1


async def bench(variant: str, rounds: int, seed: int, time_scale: float = 1.0) -> dict[str, object]:
    rng = random.Random(seed)
    stats = {p: _new_stats() for p in PLATFORMS}
    wrong: list[str] = []
    by_kind: dict[str, dict[str, dict[str, int]]] = {}
    page_changes = 0
    with PssSampler() as pss, Simulator() as sim:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(
                executable_path="/usr/lib/chromium/chromium",
                args=[*CHROMIUM_ARGS, f"--host-resolver-rules={sim.resolve_rule()}"])
            try:
                if variant == "tall":
                    await _bench_tall(browser, rounds, rng, stats, wrong)
                for n in range(rounds if variant != "tall" else 0):
                    for platform, sim_platform in PLATFORMS.items():
                        page_seed = seed * 1000 + n
                        if variant == "generated":
                            sim.set_variant(platform, "generated", seed=page_seed, time_scale=time_scale)
                        else:
                            sim.set_variant(platform, variant)
                        account = f"bench{n}"
                        cookies = sim.sign_in(platform, account)
                        for setting in sim_platform.settings:
                            sim.set_setting(platform, account, setting.key, rng.choice(setting.values))
                        truth = sim.get_settings(platform, account)
                        pack = load_default_pack(platform)
                        context = await browser.new_context(ignore_https_errors=True)
                        await context.add_cookies([to_playwright_cookie(c) for c in cookies])
                        page = await context.new_page()
                        await _read_pages(page, pack, truth, stats[platform], platform, wrong,
                                          f"{variant} seed {page_seed}", variant, page_seed, by_kind)
                        await context.close()
            finally:
                await browser.close()
        pss.sample()
        page_changes = len(sim.page_changes)
    return {"variant": variant, "rounds": rounds, "seed": seed, "platforms": stats,
            "peak_pss_mb": round(pss.peak / MB), "confident_wrong": wrong, "by_kind": by_kind,
            "page_changes": page_changes}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--variant", choices=["ocr", "tall", "generated"], default="ocr")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--time-scale", type=float, default=1.0,
                        help="generated variant: multiplies its render delays (0 = none, 1 = up to 3 s)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = asyncio.run(bench(args.variant, args.rounds, args.seed, args.time_scale))
    stats = result["platforms"]
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"OCR accuracy (DOM reading off) on the {args.variant} variant: {args.rounds} rounds, seed {args.seed}")
    print(f"{'platform':<10} {'settings':>8} {'right':>7} {'uncertain':>9} {'conf. wrong':>11} "
          f"{'s/page (median)':>15} {'s/page (max)':>12}")
    totals = {"total": 0, "right": 0, "uncertain": 0, "confident_wrong": 0}
    pages: list[float] = []
    for platform, s in stats.items():  # type: ignore[union-attr]
        for k in totals:
            totals[k] += s[k]
        pages += s["page_s"]
        if not s["page_s"]:
            continue
        print(f"{platform:<10} {s['total']:>8} {s['right'] / max(1, s['total']):>7.1%} {s['uncertain']:>9} "
              f"{s['confident_wrong']:>11} {statistics.median(s['page_s']):>15.2f} {max(s['page_s']):>12.2f}")
    print(f"{'all':<10} {totals['total']:>8} {totals['right'] / max(1, totals['total']):>7.1%} "
          f"{totals['uncertain']:>9} {totals['confident_wrong']:>11} {statistics.median(pages):>15.2f} "
          f"{max(pages):>12.2f}")
    print(f"peak PSS (this process + Playwright driver + Chromium + tesseract): {result['peak_pss_mb']} MiB")
    print(f"setting changes made by the pages while read: {result['page_changes']}")
    for axis, kinds in result["by_kind"].items():  # type: ignore[union-attr]
        print(f"by {axis}: " + ", ".join(
            f"{kind} {t['right']}/{t['right'] + t['wrong'] + t['uncertain']} right"
            + (f" ({t['wrong']} WRONG)" if t["wrong"] else "") for kind, t in sorted(kinds.items())))
    for line in result["confident_wrong"]:  # type: ignore[union-attr]
        print("  confident wrong:", line)


if __name__ == "__main__":
    main()
