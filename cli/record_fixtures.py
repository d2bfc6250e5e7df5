"""Record the fixture pages selector packs are validated against (issue 8): every page of every
simulator variant, rendered in Chromium with a known account state, saved as static HTML under
``selectors/<platform>/fixtures/<variant>/<page>.html`` (scripts removed; canvases kept as images),
plus ``expected.yaml`` with the readings a correct pack must give. The `ocr` variant also gets a
screenshot per page (``<page>.png``) for the OCR reader.

    .venv/bin/python -m cli.record_fixtures [--out selectors]
"""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

import yaml

from core.settings import get_settings
from packs.loading import REPO_SELECTORS_DIR
from scanner.cookies import to_playwright_cookies
from scanner.pool import CHROMIUM_ARGS
from standins.platforms.catalog import PLATFORMS, VARIANTS
from standins.platforms.simulator import Simulator

ACCOUNT = "fixture"
# non-default values, so a pack that reads nothing cannot pass by luck
STATE: dict[str, dict[str, str]] = {
    "google": {
        "web_app_activity": "off",
        "timeline": "on",
        "youtube_history": "off",
        "personalized_ads": "off",
        "auto_delete": "3",
    },
    "facebook": {
        "future_posts_audience": "only_me",
        "friend_requests": "friends_of_friends",
        "lookup_email": "friends",
        "search_engine_link": "no",
        "partner_ads": "off",
    },
    "microsoft": {
        "personalized_ads_account": "off",
        "personalized_ads_browser": "on",
        "location_activity": "off",
        "search_history": "on",
    },
}
# freeze the rendered page: drop scripts, turn canvases into images so the fixture shows what was drawn
FREEZE_JS = """() => {
  for (const canvas of document.querySelectorAll("canvas")) {
    const img = document.createElement("img");
    img.src = canvas.toDataURL("image/png");
    img.setAttribute("style", canvas.getAttribute("style") || "");
    canvas.replaceWith(img);
  }
  document.querySelectorAll("script").forEach((s) => s.remove());
}"""


async def record(out_dir: Path) -> list[Path]:
    from playwright.async_api import async_playwright

    written: list[Path] = []
    with Simulator() as sim:
        async with async_playwright() as p:
            browser = await p.chromium.launch(
                executable_path=get_settings().chromium_path,
                args=[*CHROMIUM_ARGS, f"--host-resolver-rules={sim.resolve_rule()}"],
            )
            try:
                for name, platform in PLATFORMS.items():
                    for key, value in STATE[name].items():
                        sim.set_setting(name, ACCOUNT, key, value)
                    folder = out_dir / name / "fixtures"
                    variants: dict[str, dict[str, object]] = {}
                    for variant in VARIANTS:
                        sim.set_variant(name, variant)
                        context = await browser.new_context(
                            ignore_https_errors=True, viewport={"width": 1000, "height": 800}
                        )
                        await context.add_cookies(
                            to_playwright_cookies(sim.sign_in(name, ACCOUNT))
                        )
                        page = await context.new_page()
                        pages = {}
                        for sim_page in platform.pages:
                            if not any(s.page == sim_page.key for s in platform.settings):
                                continue
                            await page.goto(sim_page.url)
                            await page.wait_for_selector("main h1")
                            target = folder / variant / f"{sim_page.key}.html"
                            target.parent.mkdir(parents=True, exist_ok=True)
                            if variant == "ocr":
                                png = target.with_suffix(".png")
                                await page.screenshot(path=str(png), full_page=True)
                                written.append(png)
                            await page.evaluate(FREEZE_JS)
                            target.write_text(await page.content(), encoding="utf-8")
                            written.append(target)
                            pages[sim_page.key] = f"{variant}/{sim_page.key}.html"
                        await context.close()
                        variants[variant] = {"pages": pages, "expected": dict(STATE[name])}
                    sim.set_variant(name, "classic")
                    expected = folder / "expected.yaml"
                    header = (
                        "# Recorded by cli/record_fixtures.py from the simulators.\n"
                        "# expected: the readings a pack made for that variant must give (page key -> file).\n"
                    )
                    expected.write_text(
                        header + yaml.safe_dump({"platform": name, "variants": variants}, sort_keys=False),
                        encoding="utf-8",
                    )
                    written.append(expected)
            finally:
                await browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(REPO_SELECTORS_DIR), help="selectors folder to write into")
    args = parser.parse_args()
    written = asyncio.run(record(Path(args.out)))
    print(f"wrote {len(written)} fixture files under {args.out}")


if __name__ == "__main__":
    main()
