"""The `generated` variant: recipes are deterministic per seed and cover every structure kind; the
server sends them with the values; in Chromium, a handful of seeds (picked to cover the most kinds)
show every setting's real state to Playwright's locators; a page's own changes are recorded in
`page_changes`, the control API's are not."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections.abc import AsyncIterator
from functools import cache

import httpx
import pytest
from playwright.async_api import Browser, BrowserContext, Page, async_playwright

from core.errors import InvalidInput
from scanner.cookies import to_playwright_cookies
from scanner.pool import CHROMIUM_ARGS
from standins.platforms import Simulator
from standins.platforms.catalog import PLATFORMS
from standins.platforms.generated import (
    KINDS,
    OFF_WORDS,
    ON_WORDS,
    SWITCH_OPTION_PAIRS,
    TAGS,
    page_kinds,
    page_recipe,
    recipe_data,
    recipes,
)
from tests.simulators.conftest import SimClient
from tests.simulators.generated_oracle import read_page

SEEDS = range(200)
PAGES = [(p.name, page.key) for p in PLATFORMS.values() for page in p.pages]
SETTING_PAGES = [(p, k) for p, k in PAGES if any(s.page == k for s in PLATFORMS[p].settings)]


@cache
def kinds_of_seed(seed: int) -> frozenset[tuple[str, str]]:
    return frozenset(
        (axis, kind)
        for platform, page in PAGES
        for kinds in page_kinds(platform, page, seed).values()
        for axis, kind in kinds.items()
    )


def covering_seeds(count: int) -> list[int]:
    """A few seeds that, together, show the most structure kinds (greedy)."""
    chosen: list[int] = []
    covered: set[tuple[str, str]] = set()
    for _ in range(count):
        best = max(SEEDS, key=lambda s: len(kinds_of_seed(s) - covered))
        chosen.append(best)
        covered |= kinds_of_seed(best)
    return chosen


# --- recipes ---------------------------------------------------------------------------------------------
def test_recipes_are_deterministic_per_seed_and_across_processes() -> None:
    assert page_recipe("facebook", "privacy", 11) == page_recipe.__wrapped__("facebook", "privacy", 11)
    drawn = {json.dumps(recipe_data(page_recipe("facebook", "privacy", s)), sort_keys=True) for s in range(20)}
    assert len(drawn) == 20  # every seed draws its own page
    code = (
        "import json; from standins.platforms.generated import page_recipe, recipe_data; "
        "print(json.dumps(recipe_data(page_recipe('google', 'activity_controls', 42)), sort_keys=True))"
    )
    other = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        env={**os.environ, "PYTHONHASHSEED": "12345"},
    )
    assert json.loads(other.stdout) == json.loads(
        json.dumps(recipe_data(page_recipe("google", "activity_controls", 42)), sort_keys=True)
    )
    assert recipes("google", "activity_controls", 42) == list(page_recipe("google", "activity_controls", 42).settings)
    with pytest.raises(InvalidInput, match="no page"):
        page_recipe("google", "nowhere", 1)
    with pytest.raises(InvalidInput, match="seed"):
        page_recipe("google", "ad_center", -1)


def test_every_kind_is_drawn_over_200_seeds() -> None:
    seen: dict[str, set[str]] = {axis: set() for axis in KINDS}
    for seed in SEEDS:
        for axis, kind in kinds_of_seed(seed):
            seen[axis].add(kind)
    assert seen == {axis: set(kinds) for axis, kinds in KINDS.items()}


def test_recipes_keep_to_the_rules() -> None:
    """Controls fit the value space, names bind only where HTML allows, words come from the platforms'
    vocabulary, and every decoy shows another value than the real one."""
    for seed in range(60):
        for platform, page in SETTING_PAGES:
            recipe = page_recipe(platform, page, seed)
            catalog = {s.key: s for s in PLATFORMS[platform].settings if s.page == page}
            assert sorted(s.key for s in recipe.settings) == sorted(catalog)
            assert sorted(k for sec in recipe.sections for k in sec.keys) == sorted(catalog)
            assert 0 <= recipe.delay_ms <= 3000
            for s in recipe.settings:
                c = catalog[s.key]
                assert s.tag in TAGS[s.control] and s.label == c.label and set(s.option_order) == set(c.values)
                words = {w.value: w.text for w in s.words}
                if c.kind == "switch":
                    assert s.control not in ("combobox", "listbox")
                    if s.control in ("radiogroup", "native_radios", "select"):
                        assert (words["on"], words["off"]) in SWITCH_OPTION_PAIRS
                    else:
                        assert words["on"] in ON_WORDS and words["off"] in OFF_WORDS
                else:
                    assert s.control not in ("switch", "checkbox", "checkbox_switch", "pressed_button")
                    assert all(words[o.value] in (o.text, o.short) for o in c.options)
                if s.naming in ("label_for", "label_wrap"):
                    assert s.tag in ("input", "select", "button")
                if s.naming == "legend":
                    assert (s.control, s.tag) == ("native_radios", "fieldset")
                if s.control == "status_text":
                    assert s.naming == "row_text"
                for value in c.values:
                    assert s.decoy_value(value) != value


# --- over HTTP ---------------------------------------------------------------------------------------------
def test_generated_pages_over_http(sim: Simulator, client: SimClient) -> None:
    cookies = {c.name: c.value for c in sim.sign_in("google", "gen-http") if c.domain == ".google.com"}
    host = "https://myactivity.google.com"
    sim.set_variant("google", "generated", seed=7)
    try:
        shell = client.get(f"{host}/activitycontrols", cookies).text
        assert "/_/static/generated.js" in shell and "<h1>Activity controls</h1>" in shell and "Loading…" in shell
        data = client.get(f"{host}/_/data?page=activity_controls", cookies).json()
        assert data["variant"] == "generated" and data["seed"] == 7
        assert data["recipe"] == recipe_data(page_recipe("google", "activity_controls", 7))
        assert data["values"] == {"web_app_activity": "on", "timeline": "on", "youtube_history": "on"}
        assert client.get(f"{host}/_/static/generated.js").status_code == 200
        assert client.get(f"{host}/_/frame?page=activity_controls").status_code == 200

        sim.reset_page_changes()
        sim.set_setting("google", "gen-http", "timeline", "off")  # not the page's doing
        assert sim.page_changes == []
        posted = client.post(
            f"{host}/_/data", cookies, json={"page": "activity_controls", "key": "youtube_history", "value": "off"}
        )
        assert posted.json()["values"]["youtube_history"] == "off"
        [change] = sim.page_changes
        assert (change.platform, change.account, change.page, change.key, change.value, change.previous) == (
            "google",
            "gen-http",
            "activity_controls",
            "youtube_history",
            "off",
            "on",
        )
        assert (change.variant, change.seed) == ("generated", 7)
        listed = client.get(f"{host}/__sim/page_changes").json()["page_changes"]
        assert [c["key"] for c in listed] == ["youtube_history"]
        assert client.post(f"{host}/__sim/page_changes/reset").json() == {"page_changes": []}
        assert sim.page_changes == []

        # the control API: variant with seed and time scale, recipes with kinds
        set_to = client.post(
            f"{host}/__sim/variant", json={"platform": "google", "variant": "generated", "seed": 9, "time_scale": 0}
        )
        assert set_to.json()["seeds"]["google"] == 9 and sim.seed("google") == 9
        got = client.get(f"{host}/__sim/recipes?platform=google&page=activity_controls").json()
        assert got["recipe"] == recipe_data(page_recipe("google", "activity_controls", 9))
        assert got["kinds"] == page_kinds("google", "activity_controls", 9)
        assert sim.recipes("google", "activity_controls") == recipes("google", "activity_controls", 9)
        for bad in ({"seed": -1}, {"seed": "x"}, {"seed": 1.5}, {"time_scale": 99}):
            refused = client.post(f"{host}/__sim/variant", json={"platform": "google", "variant": "generated", **bad})
            assert refused.status_code == 400, bad
    finally:
        sim.set_variant("google", "classic")
    assert "/_/static/app.js" in client.get(f"{host}/activitycontrols", cookies).text  # classic again


def test_loopwho_simulate_takes_variant_and_seed() -> None:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "cli.main",
            "simulate",
            "--port",
            "0",
            "--variant",
            "generated",
            "--seed",
            "5",
            "--time-scale",
            "0",
            "--json",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        info = json.loads(proc.stdout.readline())
        assert (info["variant"], info["seed"]) == ("generated", 5)
        state = httpx.get(
            f"https://127.0.0.1:{info['port']}/__sim/state",
            headers={"Host": "myaccount.google.com"},
            verify=False,
            timeout=10,
        ).json()
        assert state["variants"]["microsoft"] == "generated" and state["seeds"]["facebook"] == 5
        assert state["time_scales"]["google"] == 0
    finally:
        proc.terminate()
        proc.wait(10)
    bad = subprocess.run(
        [sys.executable, "-m", "cli.main", "simulate", "--port", "0", "--variant", "generated", "--seed", "-3"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 2 and "--seed -3" in bad.stderr


# --- in Chromium -------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
async def chromium(sim: Simulator) -> AsyncIterator[Browser]:
    async with async_playwright() as p:
        b = await p.chromium.launch(
            executable_path="/usr/lib/chromium/chromium",
            args=[*CHROMIUM_ARGS, f"--host-resolver-rules={sim.resolve_rule()}"],
        )
        yield b
        await b.close()


async def signed_in(chromium: Browser, sim: Simulator, platform: str, account: str) -> BrowserContext:
    context = await chromium.new_context(ignore_https_errors=True)
    await context.add_cookies(
        to_playwright_cookies(sim.sign_in(platform, account))
    )
    return context


@pytest.mark.browser
async def test_a_handful_of_seeds_show_every_setting_state(chromium: Browser, sim: Simulator) -> None:
    seeds = covering_seeds(3)
    sim.reset_page_changes()
    errors: list[str] = []
    try:
        for platform in PLATFORMS:
            account = f"gen-{platform}"
            context = await signed_in(chromium, sim, platform, account)
            page = await context.new_page()
            page.on("pageerror", lambda e: errors.append(str(e)))
            for seed in seeds:
                rnd = random.Random(seed)  # values other than the defaults, differing per seed
                for s in PLATFORMS[platform].settings:
                    sim.set_setting(platform, account, s.key, rnd.choice(s.values))
                sim.set_variant(platform, "generated", seed=seed, time_scale=0.02)
                for p, key in SETTING_PAGES:
                    if p != platform:
                        continue
                    await page.goto(PLATFORMS[platform].page(key).url)
                    read = await read_page(page, page_recipe(platform, key, seed))
                    state = sim.get_settings(platform, account)
                    assert read == {k: state[k] for k in read}, (platform, key, seed)
            await context.close()
    finally:
        for platform in PLATFORMS:
            sim.set_variant(platform, "classic")
    assert errors == []
    assert sim.page_changes == []  # reading, opening sections, scrolling and the consent modal change nothing


def _find(recipe_pred, platform: str, pages: list[str]) -> tuple[int, str, str]:
    for seed in SEEDS:
        for page in pages:
            for s in recipes(platform, page, seed):
                sec = page_recipe(platform, page, seed).sections[s.section]
                if recipe_pred(s, sec):
                    return seed, page, s.key
    raise AssertionError("no seed draws that structure")


async def _open(chromium: Browser, sim: Simulator, platform: str, account: str, page_key: str, seed: int) -> Page:
    sim.set_variant(platform, "generated", seed=seed, time_scale=0)
    context = await signed_in(chromium, sim, platform, account)
    page = await context.new_page()
    await page.goto(PLATFORMS[platform].page(page_key).url)
    await read_page(page, page_recipe(platform, page_key, seed))  # everything opened and on screen
    return page


@pytest.mark.browser
async def test_clicking_a_live_control_is_a_recorded_page_change(chromium: Browser, sim: Simulator) -> None:
    # a role=switch named by aria-label, in an open section
    seed, page_key, key = _find(
        lambda s, sec: (
            s.control == "switch" and s.naming == "aria_label" and sec.container == "plain" and sec.iframe == "none"
        ),
        "microsoft",
        ["ad_settings", "privacy_dashboard"],
    )
    sim.reset_page_changes()
    try:
        page = await _open(chromium, sim, "microsoft", "gen-click", page_key, seed)
        s = page_recipe("microsoft", page_key, seed).setting(key)
        before = sim.get_settings("microsoft", "gen-click")[key]
        await page.get_by_role("switch", name=s.label).click()
        await page.get_by_role("switch", name=s.label, checked=before == "off").wait_for()
        after = "off" if before == "on" else "on"
        assert sim.get_settings("microsoft", "gen-click")[key] == after
        assert [(c.key, c.value, c.previous, c.seed) for c in sim.page_changes] == [(key, after, before, seed)]
        await page.context.close()

        # a native <select> inside a same-origin iframe
        seed, page_key, key = _find(
            lambda s, sec: (
                s.control == "select"
                and s.naming in ("label_for", "aria_label")
                and sec.iframe != "none"
                and sec.container == "plain"
            ),
            "facebook",
            ["privacy"],
        )
        sim.reset_page_changes()
        page = await _open(chromium, sim, "facebook", "gen-click", page_key, seed)
        s = page_recipe("facebook", page_key, seed).setting(key)
        choice = next(v for v in s.values if v != sim.get_settings("facebook", "gen-click")[key])
        [frame] = [f for f in page.frames if await f.get_by_label(s.label).count()]
        assert frame != page.main_frame
        await frame.get_by_label(s.label).select_option(label=s.word(choice))
        for _ in range(50):
            if sim.page_changes:
                break
            await page.wait_for_timeout(50)
        assert [(c.platform, c.key, c.value) for c in sim.page_changes] == [("facebook", key, choice)]
        await page.context.close()
    finally:
        sim.set_variant("microsoft", "classic")
        sim.set_variant("facebook", "classic")
