"""scanner.ocr_fallback.read_page on static settings pages written here, in many markups and styles
(set with page.set_content, no simulator): labels after their controls, cards in a grid, switches in
other colours, radio buttons, checkboxes, a highlighted choice, status words, greyed "managed" copies,
a tall page, a virtualized scroll container and a consent overlay. Every reading must be right, or
uncertain; never confidently wrong. Targets come from the real packs (vocabulary included)."""

from __future__ import annotations

import html
from collections.abc import AsyncIterator

import pytest
from playwright.async_api import Browser, Page

from core.settings import get_settings
from core.types import SettingReading
from packs.loading import load_default_pack
from scanner.ocr_fallback import TILE_CSS_HEIGHT, read_missing, tiles

pytestmark = pytest.mark.browser

GOOGLE_TOGGLES = ["web_app_activity", "timeline", "youtube_history"]
STYLE = """<style>
body { font: 16px/1.4 "Liberation Sans", Arial, sans-serif; margin: 32px; width: 1000px; color: #202124; }
.row { display: flex; align-items: center; gap: 16px; padding: 14px 0; border-bottom: 1px solid #e0e0e0; }
.between { justify-content: space-between; }
.desc { color: #5f6368; font-size: 13px; }
.sw { position: relative; width: 44px; height: 24px; border-radius: 12px; flex: none; }
.sw::after { content: ""; position: absolute; top: 3px; width: 18px; height: 18px; border-radius: 50%; }
.managed { opacity: .45; filter: grayscale(1); border: 1px dashed #bdc1c6; border-radius: 8px; padding: 4px 16px; }
</style>"""


def switch(on: bool, on_colour: str = "#1a73e8", off_colour: str = "#9aa0a6", knob: str = "#fff",
           outlined_off: bool = False) -> str:
    """A CSS-drawn switch: a track and a knob, knob right when on."""
    if outlined_off and not on:
        track = "background:#fff;border:2px solid #79747e;box-sizing:border-box"
        knob_css = "left:4px;top:4px;width:12px;height:12px;background:#79747e"
    else:
        track = f"background:{on_colour if on else off_colour}"
        knob_css = f"{'right' if on else 'left'}:3px;background:{knob}"
    return (f'<div class="sw" style="{track}"><div style="position:absolute;top:3px;width:18px;height:18px;'
            f'border-radius:50%;{knob_css}"></div></div>')


def page_html(body: str) -> str:
    return f"<!doctype html><html><head><meta charset=utf-8>{STYLE}</head><body>{body}</body></html>"


@pytest.fixture
async def page(ocr_browser: Browser) -> AsyncIterator[Page]:
    context = await ocr_browser.new_context(viewport={"width": 1280, "height": 900})  # device scale 1
    try:
        yield await context.new_page()
    finally:
        await context.close()


async def read(page: Page, platform: str, page_key: str, body: str) -> dict[str, SettingReading]:
    await page.set_content(page_html(body))
    pack = load_default_pack(platform)
    keys = [s.key for s in pack.settings_on(page_key)]
    return {r.key: r for r in await read_missing(page, pack, page_key, keys)}


def confident(r: SettingReading) -> bool:
    return r.value is not None and not r.uncertain and r.confidence >= get_settings().reading_min_confidence


def assert_right(readings: dict[str, SettingReading], expected: dict[str, str]) -> None:
    for key, value in expected.items():
        assert confident(readings[key]) and readings[key].value == value, readings[key]


def assert_never_wrong(readings: dict[str, SettingReading], truth: dict[str, str]) -> None:
    for key, value in truth.items():
        r = readings[key]
        assert not confident(r) or r.value == value, f"confidently wrong: {r}"


def toggle_rows(values: dict[str, str], row=None) -> str:
    labels = {"web_app_activity": "Web &amp; App Activity", "timeline": "Timeline",
              "youtube_history": "YouTube History"}
    row = row or (lambda label, on: f'<div class="row between"><div>{label}</div>{switch(on)}</div>')
    return "".join(row(labels[k], v == "on") for k, v in values.items())


# --- greyed copies ---------------------------------------------------------------------------------
@pytest.mark.parametrize("managed_first", [True, False])
async def test_a_greyed_managed_copy_never_outvotes_the_live_settings(page: Page, managed_first: bool) -> None:
    live = {"web_app_activity": "on", "timeline": "off", "youtube_history": "on"}
    opposite = {k: "off" if v == "on" else "on" for k, v in live.items()}
    managed = (f'<section class="managed"><h2>Work profile, managed by your organization</h2>'
               f'{toggle_rows(opposite)}</section>')
    body = (managed if managed_first else "") + "<h2>Your activity</h2>" + toggle_rows(live) \
        + ("" if managed_first else managed)
    readings = await read(page, "google", "activity_controls", body)
    assert_right(readings, live)


async def test_a_value_shown_only_in_a_greyed_copy_is_uncertain(page: Page) -> None:
    live = {"web_app_activity": "on", "timeline": "off", "youtube_history": "on"}
    opposite = {k: "off" if v == "on" else "on" for k, v in live.items()}
    body = (f'<h1>Activity controls</h1><p>Choose what is saved to your account.</p>'
            f'<section class="managed"><h2>Work profile, managed by your organization</h2>'
            f'{toggle_rows(opposite)}</section>')
    readings = await read(page, "google", "activity_controls", body)
    for r in readings.values():
        assert not confident(r), r


async def test_two_live_copies_that_disagree_are_uncertain(page: Page) -> None:
    body = toggle_rows({"web_app_activity": "on"}) + "<p style='height:200px'></p>" \
        + toggle_rows({"web_app_activity": "off"})
    readings = await read(page, "google", "activity_controls", body)
    assert not confident(readings["web_app_activity"]), readings["web_app_activity"]


# --- layouts ---------------------------------------------------------------------------------------
async def test_labels_after_their_controls_and_rows_drawn_right_to_left(page: Page) -> None:
    body = (
        f'<div class="row">{switch(True)}<div>Web &amp; App Activity</div></div>'
        f'<div class="row"><input type="checkbox" style="width:18px;height:18px"><label>Timeline</label></div>'
        f'<div class="row between" style="flex-direction:row-reverse"><div>YouTube History</div>'
        f'<div style="font-weight:600">Paused</div></div>')
    readings = await read(page, "google", "activity_controls", body)
    assert_right(readings, {"web_app_activity": "on", "timeline": "off", "youtube_history": "off"})


async def test_cards_in_a_grid_with_stacked_labels_and_controls(page: Page) -> None:
    def card(label: str, on: bool, top_right: bool) -> str:
        control = switch(on, on_colour="#0b57d0", off_colour="#c4c7c5")
        head = f'<div style="display:flex;justify-content:space-between;align-items:center">' \
               f'<strong>{label}</strong>{control if top_right else ""}</div>'
        return (f'<div style="background:#f1f3f4;border-radius:12px;padding:16px">{head}'
                f'<div class="desc" style="margin:8px 0 12px">Saves your activity to your account so '
                f'you get better results.</div>{"" if top_right else control}</div>')
    body = ('<div style="display:grid;grid-template-columns:repeat(3,1fr);gap:20px">'
            + card("Web &amp; App Activity", False, False) + card("Timeline", True, True)
            + card("YouTube History", True, False) + "</div>")
    readings = await read(page, "google", "activity_controls", body)
    assert_right(readings, {"web_app_activity": "off", "timeline": "on", "youtube_history": "on"})


@pytest.mark.parametrize("style", [
    {"on_colour": "#34c759", "off_colour": "#e5e5ea"},  # iOS green / light grey
    {"on_colour": "#6750a4", "outlined_off": True},  # Material 3 purple / outlined
    {"on_colour": "#111111", "off_colour": "#d0d0d0"},  # black / light grey
    {"on_colour": "#00897b", "off_colour": "#bdbdbd", "knob": "#fafafa"},  # teal
])
async def test_switches_in_other_colours(page: Page, style: dict) -> None:
    values = {"web_app_activity": "on", "timeline": "off", "youtube_history": "on"}
    body = toggle_rows(values, lambda label, on: f'<div class="row between"><div>{label}</div>'
                                                 f'{switch(on, **style)}</div>')
    readings = await read(page, "google", "activity_controls", body)
    assert_right(readings, values)
    flipped = {k: "off" if v == "on" else "on" for k, v in values.items()}
    body = toggle_rows(flipped, lambda label, on: f'<div class="row between"><div>{label}</div>'
                                                  f'{switch(on, **style)}</div>')
    assert_right(await read(page, "google", "activity_controls", body), flipped)


async def test_a_red_switch_is_never_read_confidently_against_its_knob(page: Page) -> None:
    body = toggle_rows({"web_app_activity": "off"}, lambda label, on: f'<div class="row between"><div>{label}'
                       f'</div>{switch(on, off_colour="#d93025")}</div>')
    readings = await read(page, "google", "activity_controls", body)
    assert_never_wrong(readings, {"web_app_activity": "off"})


# --- radio buttons, checkboxes, a highlighted choice ------------------------------------------------
async def test_native_and_drawn_radio_groups_and_checkboxes(page: Page) -> None:
    def native(name: str, options: list[str], chosen: str, inline: bool) -> str:
        items = "".join(f'<label style="display:{"inline-flex" if inline else "flex"};gap:8px;margin:6px 16px 6px 0">'
                        f'<input type="radio" name="{name}"{" checked" if o == chosen else ""}>{o}</label>'
                        for o in options)
        return f"<div>{items}</div>"

    def drawn(options: list[str], chosen: str) -> str:
        dot = "radial-gradient(circle,#1a73e8 0 4px,#fff 5px)"
        return "".join(f'<div style="display:flex;align-items:center;gap:10px;margin:8px 0"><span style="width:18px;'
                       f'height:18px;border-radius:50%;box-sizing:border-box;border:2px solid '
                       f'{"#1a73e8" if o == chosen else "#5f6368"};background:{dot if o == chosen else "#fff"}">'
                       f'</span>{o}</div>' for o in options)
    body = (
        '<fieldset style="border:0;padding:12px 0"><legend>Who can see your future posts?</legend>'
        + native("a", ["Public", "Friends", "Only me", "Custom"], "Only me", inline=True) + "</fieldset>"
        + '<div class="row between"><div>Who can send you friend requests?</div>'
        + drawn(["Everyone", "Friends of friends"], "Friends of friends") + "</div>"
        + '<div style="padding:12px 0">Who can look you up using the email address you provided?</div>'
        + native("b", ["Everyone", "Friends of friends", "Friends", "Only me"], "Friends", inline=False)
        + '<div class="row"><input type="checkbox" checked style="width:18px;height:18px">'
        + '<span>Do you want search engines outside of Facebook to link to your profile?</span></div>')
    readings = await read(page, "facebook", "privacy", body)
    assert_right(readings, {"future_posts_audience": "only_me", "friend_requests": "friends_of_friends",
                            "lookup_email": "friends", "search_engine_link": "yes"})


async def test_a_list_of_options_reads_the_highlighted_one_or_nothing(page: Page) -> None:
    chosen_style = "background:#e8f0fe;color:#174ea6;font-weight:600"

    def listbox(options: list[str], chosen: str | None) -> str:
        return ('<div style="display:flex;flex-direction:column;border:1px solid #dadce0;border-radius:6px;'
                'padding:4px;width:220px">' + "".join(
                    f'<div style="padding:6px 10px;{chosen_style if o == chosen else ""}">{o}</div>'
                    for o in options) + "</div>")
    body = ('<div class="row between"><div>Who can send you friend requests?</div>'
            + listbox(["Everyone", "Friends of friends"], "Everyone") + "</div>"
            + '<div class="row between"><div>Who can look you up using the email address you provided?</div>'
            + listbox(["Everyone", "Friends of friends", "Friends", "Only me"], None) + "</div>")
    readings = await read(page, "facebook", "privacy", body)
    assert_right(readings, {"friend_requests": "everyone"})
    assert not confident(readings["lookup_email"]), readings["lookup_email"]  # nothing chosen shows


# --- status words ----------------------------------------------------------------------------------
async def test_status_words_through_the_vocabulary(page: Page) -> None:
    body = (
        '<div class="row between"><div>Web &amp; App Activity<div class="desc">Turn this off to stop saving '
        'your searches</div></div><div style="font-weight:600">Allowed</div></div>'
        '<div class="row between"><div style="order:2">Timeline</div><div style="order:1">Not allowed</div></div>'
        '<dl style="display:grid;grid-template-columns:300px 1fr"><dt>YouTube History</dt>'
        '<dd style="margin:0">Turned off</dd></dl>')
    readings = await read(page, "google", "activity_controls", body)
    assert_right(readings, {"web_app_activity": "on", "timeline": "off", "youtube_history": "off"})
    body = ('<h2>Web &amp; App Activity</h2><div class="row between"><div>Auto-delete</div>'
            '<select style="font:inherit;padding:6px"><option>18 months</option></select></div>')
    assert_right(await read(page, "google", "web_app_activity", body), {"auto_delete": "18"})


async def test_a_value_word_inside_a_sentence_is_not_a_status(page: Page) -> None:
    body = ('<div class="row"><div>Web &amp; App Activity</div></div>'
            '<p class="desc">If it is off, some features may work differently.</p>')
    readings = await read(page, "google", "activity_controls", body)
    assert not confident(readings["web_app_activity"]), readings["web_app_activity"]


# --- a tall page, a virtualized scroll container, an overlay ---------------------------------------
VIRTUAL_LIST = """<div id="box" style="height:240px;overflow-y:auto;border:1px solid #dadce0;margin-top:24px">
<div id="inner" style="position:relative"></div></div>
<script>
const rows = [];
for (let i = 0; i < 40; i++) rows.push(["Linked service " + i, null]);
rows[31] = ["YouTube History", "%s"];
const box = document.getElementById("box"), inner = document.getElementById("inner"), H = 60;
inner.style.height = rows.length * H + "px";
function paint() {  // only the rows in view exist
  const first = Math.floor(box.scrollTop / H), last = Math.ceil((box.scrollTop + 240) / H);
  inner.replaceChildren(...rows.slice(first, last + 1).map(([label, value], k) => {
    const row = document.createElement("div");
    row.style.cssText = `position:absolute;top:${(first + k) * H}px;left:0;right:0;height:${H}px;display:flex;` +
      "align-items:center;justify-content:space-between;padding:0 16px;border-bottom:1px solid #eee";
    row.innerHTML = `<span>${label}</span>` + (value ? `<b>${value}</b>` : "<span>&rsaquo;</span>");
    return row;
  }));
}
box.addEventListener("scroll", paint); paint();
</script>"""


async def test_a_tall_page_and_a_virtualized_scroll_container_are_read_in_bounded_tiles(page: Page) -> None:
    filler = "<p class='desc'>" + "Your data helps make our services work better for you. " * 40 + "</p>"
    body = (toggle_rows({"web_app_activity": "off"}) + (filler + "<div style='height:1500px'></div>") * 3
            + toggle_rows({"timeline": "on"}) + VIRTUAL_LIST % "Paused")
    readings = await read(page, "google", "activity_controls", body)
    assert_right(readings, {"web_app_activity": "off", "timeline": "on", "youtube_history": "off"})
    tallest = 0
    async for shot in tiles(page):
        tallest = max(tallest, int.from_bytes(shot.png[20:24], "big"))
    assert tallest <= 2 * TILE_CSS_HEIGHT  # never the whole page in one capture


async def test_a_consent_overlay_is_dismissed_through_reject_only(page: Page) -> None:
    body = (toggle_rows({"web_app_activity": "on", "timeline": "off", "youtube_history": "on"})
            + '<div id="cover" style="position:fixed;inset:0;background:rgba(32,33,36,.5);display:flex;'
              'align-items:center;justify-content:center"><div style="background:#fff;padding:24px;width:420px">'
              '<h2>Before you continue</h2><p>We use cookies and data to deliver our services.</p>'
              '<button onclick="window.accepted=true;cover.remove()">Accept all</button> '
              '<button onclick="window.rejected=true;cover.remove()">Reject all</button></div></div>')
    readings = await read(page, "google", "activity_controls", body)
    assert_right(readings, {"web_app_activity": "on", "timeline": "off", "youtube_history": "on"})
    assert await page.evaluate("[!!window.accepted, !!window.rejected]") == [False, True]


async def test_an_html_label_is_found_whatever_its_markup(page: Page) -> None:
    # the label split over inline elements and wrapped onto two lines, the value under it
    label = "Who can look you up using the <em>email address</em> you provided?"
    body = (f'<div style="width:260px;padding:12px 0">{label}</div>'
            f'<div class="desc" style="font-size:15px;color:#202124">{html.escape("Only me")}</div>')
    readings = await read(page, "facebook", "privacy", body)
    assert_right(readings, {"lookup_email": "only_me"})
