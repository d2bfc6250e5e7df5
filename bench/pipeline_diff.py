"""Diff-rate part of the pipeline benchmark: how many snapshot diffs one core does per second.

Realistic snapshots: 15 settings (binary and multi-valued) and a privacy policy of 40 sections
(about 10,000 words, the size of Google's). Measures rendering + hashing a scan, parsing a stored
snapshot, diffing parsed snapshots (unchanged, and with one flip + one reworded section), and the
whole "from two stored blobs" path the jobs layer runs.

    .venv/bin/python bench/pipeline_diff.py [--seconds 2] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.diff import diff_snapshots
from analysis.snapshot import content_hash, parse_snapshot, render_snapshot
from analysis.specs import SettingSpec
from core.types import PolicyDocument, PolicySection, ScanResult, SettingReading

_VOCABULARY = ("information data services google account location advertising partners share use collect "
               "device activity settings choose privacy controls your we may with third parties cookies")
WORDS = _VOCABULARY.split()


def make_specs() -> list[SettingSpec]:
    specs = []
    for i in range(15):
        space = ("on", "off") if i % 3 else ("public", "friends", "only_me", "custom")
        preferred = "off" if i % 3 else "only_me"
        specs.append(SettingSpec(key=f"setting_{i:02d}", label=f"Setting number {i}", value_space=space,
                                 preferred=preferred, weight=1 + i % 5, description="Does something.",
                                 where_url="https://example.com/settings"))
    return specs


def make_scan(specs: list[SettingSpec], rng: random.Random, sections: list[tuple[str, str]]) -> ScanResult:
    readings = [SettingReading(key=s.key, label=s.label, value=rng.choice(s.value_space), confidence=0.97,
                               pack_version="2026.11.1") for s in specs]
    policy = PolicyDocument(key="privacy_policy", url="https://policies.example.com/privacy", title="Policy",
                            sections=[PolicySection(heading=h, text=t, sha256="") for h, t in sections])
    return ScanResult(platform="google", status="ok", pack_version="2026.11.1", readings=readings,
                      policies=[policy])


def make_sections(rng: random.Random) -> list[tuple[str, str]]:
    sections = []
    for i in range(40):
        paragraphs = ["\n".join(" ".join(rng.choice(WORDS) for _ in range(12)) for _ in range(5))
                      for _ in range(4)]
        sections.append((f"Section {i}: {' '.join(rng.sample(WORDS, 3))}", "\n\n".join(paragraphs)))
    return sections


def rate(fn: Callable[[], object], seconds: float) -> float:
    fn()  # warm up
    count, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        fn()
        count += 1
    return count / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="time per measurement")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()

    rng = random.Random(7)
    specs = make_specs()
    sections = make_sections(rng)
    old_scan = make_scan(specs, random.Random(1), sections)
    new_scan = make_scan(specs, random.Random(1), sections)
    flipped = new_scan.readings[4]
    flipped.value = next(v for v in specs[4].value_space if v != flipped.value)
    new_scan.policies[0].sections[7].text += "\nWe now share more with partners."
    old_md, new_md = render_snapshot("google", old_scan, specs), render_snapshot("google", new_scan, specs)
    old_data, new_data = parse_snapshot(old_md), parse_snapshot(new_md)
    changes = diff_snapshots(old_data, new_data, specs)
    assert len(changes) == 2, changes  # one setting, one section

    results = {
        "snapshot_bytes": len(new_md.encode()),
        "render_and_hash_per_s": rate(lambda: content_hash(render_snapshot("google", new_scan, specs)),
                                      args.seconds),
        "parse_per_s": rate(lambda: parse_snapshot(new_md), args.seconds),
        "diff_unchanged_per_s": rate(lambda: diff_snapshots(old_data, old_data, specs), args.seconds),
        "diff_changed_per_s": rate(lambda: diff_snapshots(old_data, new_data, specs), args.seconds),
        "diff_from_blobs_per_s": rate(
            lambda: diff_snapshots(parse_snapshot(old_md), parse_snapshot(new_md), specs), args.seconds),
    }
    if args.json:
        print(json.dumps({k: round(v, 1) for k, v in results.items()}))
        return
    print(f"snapshot size: {results.pop('snapshot_bytes') / 1024:.1f} KiB (15 settings, 40 policy sections)")
    for name, value in results.items():
        print(f"{name:>24}: {value:10,.0f}")


if __name__ == "__main__":
    main()
