"""A pack's recorded fixture pages (``selectors/<platform>/fixtures/``) and the check that the pack
reads each of them right (`loopwho packs validate`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec

from core.errors import NotFound
from core.selector_pack import SelectorPack
from packs.loading import load_yaml, selectors_dir
from scanner.extract import read_page_details


class FixtureCase(msgspec.Struct, kw_only=True, frozen=True):
    """One recorded page a pack must read: which variant, which page, the saved HTML, what to expect."""

    variant: str
    page_key: str
    html_path: Path
    expected: dict[str, str]  # setting key -> value, for the settings on this page


def fixture_cases(pack: SelectorPack, variants: list[str] | None = None, root: Path | None = None) -> list[FixtureCase]:
    """The recorded fixture pages (``<root>/<platform>/fixtures/``) for the variants the pack claims
    (``fixture_variants``), or for ``variants`` when given."""
    folder = (root or selectors_dir()) / pack.platform / "fixtures"
    expected_file = folder / "expected.yaml"
    if not expected_file.exists():
        raise NotFound(f"no recorded fixtures for {pack.platform}: {expected_file} is missing")
    recorded = load_yaml(expected_file.read_text(encoding="utf-8")).get("variants", {})
    cases = []
    for variant in variants if variants is not None else pack.fixture_variants:
        if variant not in recorded:
            raise NotFound(
                f"no recorded fixtures for {pack.platform} variant {variant!r} (have: {', '.join(recorded)})"
            )
        expected = recorded[variant]["expected"]
        for page in pack.pages:
            keys = [s.key for s in pack.settings_on(page.key)]
            relative = recorded[variant]["pages"].get(page.key)
            if not keys or relative is None:
                continue
            cases.append(
                FixtureCase(
                    variant=variant,
                    page_key=page.key,
                    html_path=folder / relative,
                    expected={k: str(expected[k]) for k in keys if k in expected},
                )
            )
    return cases


async def check_fixtures(page: Any, pack: SelectorPack, variants: list[str] | None = None) -> list[dict[str, Any]]:
    """Run the pack over its recorded fixture pages in ``page`` (a Playwright page): one row per
    setting and fixture, ``outcome`` found / not_found / wrong_value."""
    rows: list[dict[str, Any]] = []
    for case in fixture_cases(pack, variants):
        await page.set_content(case.html_path.read_text(encoding="utf-8"))
        for item in await read_page_details(page, pack, case.page_key):
            want = case.expected.get(item["key"])
            got = item.get("value")
            outcome = "not_found" if got is None else ("found" if got == want else "wrong_value")
            rows.append(
                {
                    "variant": case.variant,
                    "page": case.page_key,
                    "key": item["key"],
                    "expected": want,
                    "value": got,
                    "outcome": outcome,
                    "found_by": item.get("found_by"),
                    "confidence": item.get("confidence", 0),
                }
            )
    return rows
