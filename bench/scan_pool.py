"""Benchmark: scans per minute and peak memory of the browser pool against launching a browser per scan.

    .venv/bin/python bench/scan_pool.py                 # ~45 s per row, rows: baseline, pool at 1 2 4 8
    .venv/bin/python bench/scan_pool.py --seconds 15 --concurrency 1,4

Every scan is a full run_scan of the platform's pack on the local simulators (the Google pack reads
three pages). The pool is configured once (8 slots, 2 browsers; a browser takes its share of the
slots before the next one opens) and the rows vary how many scans run at once. Memory is the sum
over the pool's own Chromium processes (browsers, their children, their crash handlers), sampled
once a second: PSS counts shared pages once, RSS many times. "Extra per context" is
(peak PSS at c - peak PSS at 1) / (c - 1). After the last row the bench counts the Chromium
processes it ever saw that are still alive: the leak count.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import sys
import tempfile
import threading
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.logging import configure_logging
from core.types import Cookie, ScanRequest, SessionProfile
from packs.loading import load_default_pack
from scanner.cookies import load_cookie_file
from scanner.pool import BrowserPool
from scanner.runner import run_scan

ROOT = Path(__file__).resolve().parents[1]
MB = 2**20


@dataclass
class Site:
    rules: str  # --host-resolver-rules
    cookies: dict[str, list[Cookie]]


@contextlib.asynccontextmanager
async def simulators(variant: str = "classic", seed: int = 1) -> AsyncIterator[Site]:
    """`loopwho simulate` in its own process (its TLS work must not share our GIL with the pool)."""
    with tempfile.TemporaryDirectory() as folder:
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "cli.main", "simulate", "--port", "0", "--cookies-dir", folder, "--json",
            "--variant", variant, "--seed", str(seed),
            stdout=asyncio.subprocess.PIPE, cwd=ROOT, start_new_session=True)
        try:
            assert proc.stdout is not None
            info = json.loads(await asyncio.wait_for(proc.stdout.readline(), 60))
            rules = ", ".join(f"MAP {host} 127.0.0.1:{info['port']}" for host in info["hosts"])
            cookies = await asyncio.to_thread(_cookie_files, Path(folder))
            yield Site(rules=rules, cookies=cookies)
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            await proc.wait()


@dataclass
class Row:
    name: str
    concurrency: int
    scans: int = 0
    failures: int = 0
    seconds: float = 0.0
    peak_pss: int = 0
    peak_rss: int = 0
    launched: int = 0

    @property
    def per_minute(self) -> float:
        return self.scans / self.seconds * 60 if self.seconds else 0.0


@dataclass
class Sampler:
    """Samples the pool's processes in a thread; remembers every process it saw (for the leak count)."""

    pool: BrowserPool
    interval_s: float = 1.0
    peak_pss: int = 0
    peak_rss: int = 0
    seen: dict[tuple[int, float], psutil.Process] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        while not self._stop.wait(self.interval_s):
            self.sample()

    def sample(self) -> None:
        pss = rss = 0
        for proc in self.pool.processes():
            with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
                self.seen[(proc.pid, proc.create_time())] = proc
                info = proc.memory_full_info()
                pss += info.pss
                rss += info.rss
        self.peak_pss, self.peak_rss = max(self.peak_pss, pss), max(self.peak_rss, rss)

    def stop(self) -> None:
        self._stop.set()


async def bench_row(site: Site, platform: str, name: str, concurrency: int, seconds: float,
                    browsers: int, per_scan_browser: bool, seen: dict[tuple[int, float], psutil.Process],
                    pool_concurrency: int = 1, chromium_path: str | None = None) -> Row:
    pack = load_default_pack(platform)
    profiles = [SessionProfile(platform=platform, cookies=site.cookies[platform]) for _ in range(concurrency)]
    pool = BrowserPool(
        browsers=1 if per_scan_browser else browsers, concurrency=max(concurrency, pool_concurrency),
        contexts_per_browser=1 if per_scan_browser else None,
        resolve_rules=site.rules, ignore_https_errors=True, chromium_path=chromium_path,
    )
    row = Row(name=name, concurrency=concurrency)
    sampler = Sampler(pool)
    thread = threading.Thread(target=sampler.run, daemon=True)
    thread.start()
    end = time.monotonic() + seconds

    async def worker(profile: SessionProfile) -> None:
        while time.monotonic() < end:
            result = await run_scan(pool, ScanRequest(platform=platform, profile=profile), pack)
            if result.status == "ok":
                row.scans += 1
            else:
                row.failures += 1
                print(f"  scan {result.status}: {result.errors[:2]}", file=sys.stderr)

    t0 = time.monotonic()
    try:
        await asyncio.gather(*(worker(p) for p in profiles))
        row.seconds = time.monotonic() - t0
    finally:
        sampler.sample()
        sampler.stop()
        thread.join()
        row.launched = pool.stats["launched"]
        await pool.close()
    row.peak_pss, row.peak_rss = sampler.peak_pss, sampler.peak_rss
    seen.update(sampler.seen)
    return row


async def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=45.0, help="time per row (default 45)")
    parser.add_argument("--concurrency", default="1,2,4,8", help="pool rows (default 1,2,4,8)")
    parser.add_argument("--browsers", type=int, default=2, help="pool browsers (default 2)")
    parser.add_argument("--pool-concurrency", type=int, default=8,
                        help="the pool's configured slots; rows vary the scans running at once (default 8)")
    parser.add_argument("--baseline-concurrency", type=int, default=1,
                        help="concurrent scans of the browser-per-scan baseline (default 1)")
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument("--platform", default="google")
    parser.add_argument("--variant", default="classic",
                        help="simulator markup: classic, redesigned, generated (with --seed), ... (default classic)")
    parser.add_argument("--seed", type=int, default=1, help="the generated variant's structure seed (default 1)")
    parser.add_argument("--chromium-path", help="browser binary (default: the chromium_path setting); "
                        "/usr/lib/chromium/chromium-headless-shell needs about a third of the memory per context")
    args = parser.parse_args(argv)
    configure_logging("WARNING", json=False)  # the per-scan info lines would bury the table
    levels = [int(c) for c in args.concurrency.split(",") if c.strip()]

    seen: dict[tuple[int, float], psutil.Process] = {}
    rows: list[Row] = []
    async with simulators(args.variant, args.seed) as site:
        if not args.skip_baseline:
            rows.append(await bench_row(site, args.platform, "browser per scan", args.baseline_concurrency,
                                        args.seconds, 1, True, seen, chromium_path=args.chromium_path))
            print(_fmt(rows[-1]), file=sys.stderr)
        for c in levels:
            rows.append(await bench_row(site, args.platform, "pool", c, args.seconds, args.browsers, False, seen,
                                        pool_concurrency=args.pool_concurrency, chromium_path=args.chromium_path))
            print(_fmt(rows[-1]), file=sys.stderr)
    await asyncio.sleep(1.0)
    leaked = [p for p in seen.values() if _alive(p)]

    base = rows[0] if not args.skip_baseline else None
    pool_rows = [r for r in rows if r.name == "pool"]
    one = next((r for r in pool_rows if r.concurrency == 1), None)
    print(f"{'mode':<17} {'conc':>4} {'scans':>6} {'fail':>4} {'scans/min':>10} {'x base':>7} "
          f"{'peak PSS MB':>11} {'peak RSS MB':>11} {'extra PSS/ctx MB':>16} {'browsers':>8}")
    for r in rows:
        speedup = f"{r.per_minute / base.per_minute:.1f}" if base and base.per_minute else "-"
        extra = "-"
        if one and r.name == "pool" and r.concurrency > 1:
            extra = f"{(r.peak_pss - one.peak_pss) / MB / (r.concurrency - 1):.1f}"
        print(f"{r.name:<17} {r.concurrency:>4} {r.scans:>6} {r.failures:>4} {r.per_minute:>10.1f} {speedup:>7} "
              f"{r.peak_pss / MB:>11.0f} {r.peak_rss / MB:>11.0f} {extra:>16} {r.launched:>8}")
    total = sum(r.scans + r.failures for r in rows)
    print(f"markup: {args.variant}" + (f" seed {args.seed}" if args.variant == "generated" else ""))
    print(f"total scans: {total}; chromium processes seen: {len(seen)}; still alive after close: {len(leaked)}")
    return 1 if leaked else 0


def _cookie_files(folder: Path) -> dict[str, list[Cookie]]:
    return {p.stem: load_cookie_file(p) for p in folder.glob("*.json")}


def _alive(proc: psutil.Process) -> bool:
    try:
        return proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _fmt(r: Row) -> str:
    return (f"  {r.name} c={r.concurrency}: {r.scans} ok, {r.failures} failed in {r.seconds:.1f}s "
            f"({r.per_minute:.1f}/min), peak PSS {r.peak_pss / MB:.0f} MB")


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
