"""Packs against the recorded fixture pages (selectors/<platform>/fixtures/), in real Chromium:
pack 1 reads every recorded page of the variants it claims, and nothing on `v2` or `ocr`; a
candidate pack written for `v2` (renamed labels, state in data attributes) reads `v2`."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import yaml
from playwright.async_api import Page, async_playwright

from core.settings import get_settings
from packs.fixtures import check_fixtures, fixture_cases
from packs.loading import load_default_pack, parse_pack_text

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
async def page() -> AsyncIterator[Page]:
    async with async_playwright() as p:
        browser = await p.chromium.launch(
            executable_path=get_settings().chromium_path, args=["--no-sandbox", "--disable-gpu", "--no-first-run"]
        )
        yield await browser.new_page()
        await browser.close()


@pytest.mark.parametrize("platform", ["google", "facebook", "microsoft"])
async def test_pack_1_reads_its_fixtures_and_nothing_on_v2_or_ocr(page: Page, platform: str) -> None:
    pack = load_default_pack(platform)
    assert pack.fixture_variants == ["classic", "redesigned"]
    rows = await check_fixtures(page, pack)
    assert len(rows) == 2 * len(pack.settings)
    assert [r for r in rows if r["outcome"] != "found"] == []
    # v2 renamed every label; the ocr variant draws every value (canvas, CSS-drawn words): pack 1
    # finds nothing there
    blind = await check_fixtures(page, pack, ["v2", "ocr"])
    assert {r["outcome"] for r in blind} == {"not_found"}


async def test_a_candidate_pack_for_v2_reads_v2(page: Page) -> None:
    data = load_default_pack("google").to_builtins()
    data["version"] = "2-candidate"
    data["fixture_variants"] = ["v2"]
    renamed = {
        "web_app_activity": ("Saved activity from apps and sites", "webandapp"),
        "timeline": ("Places you go", "timeline"),
        "youtube_history": ("Watch and search log on YouTube", "youtube"),
        "personalized_ads": ("Ads tailored to you", "personalization"),
    }
    for setting in data["settings"]:
        if setting["key"] in renamed:
            label, dom_id = renamed[setting["key"]]
            setting.update(
                labels=[label, *setting["labels"]],
                read="attribute",
                attribute="data-state",
                values={"on": "on", "off": "off"},
                locate={"css": f"[data-setting-id={dom_id}] [data-state]"},
            )
        else:  # auto_delete: only by CSS, to cover that path
            setting.update(
                labels=["Remove activity automatically"],
                read="attribute",
                attribute="data-selected-option",
                values={v: v for v in ("off", "3", "18", "36")},
                locate={"css": "[data-setting-id=autodelete] [data-selected-option]", "proximity": False},
            )
    candidate = parse_pack_text(yaml.safe_dump(data), "google/2-candidate.yaml")
    assert [c.variant for c in fixture_cases(candidate)] == ["v2", "v2", "v2"]
    rows = await check_fixtures(page, candidate)
    assert {r["key"]: r["outcome"] for r in rows} == dict.fromkeys(
        ["web_app_activity", "timeline", "youtube_history", "auto_delete", "personalized_ads"], "found"
    )
    # v2 has no roles: each value comes from the CSS hint, trusted because it sits in the label's row
    assert {r["found_by"] for r in rows} == {"css"}
    # on the classic page the candidate reads, by label and role, the settings that kept their old
    # label, and nothing of the one whose label it dropped
    old = {r["key"]: r["outcome"] for r in await check_fixtures(page, candidate, ["classic"])}
    assert old == {**dict.fromkeys(renamed, "found"), "auto_delete": "not_found"}
