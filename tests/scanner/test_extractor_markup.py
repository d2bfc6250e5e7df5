# ruff: noqa: E501  (the pages are HTML written inline, one element a line)
"""The one extractor on markup it was not written for: each case is a settings page written the way
another front-end team might write it (same labels, other markup), loaded into real Chromium, read
with the Google pack through ``read_page_settled``. Every page records any change a reader makes to
a setting (clicks on controls, input events) in ``window.__changes``; no case may have one."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from playwright.async_api import Page, async_playwright

from core.selector_pack import SelectorPack
from packs.loading import load_default_pack
from scanner.extract import read_page_settled
from scanner.pool import CHROMIUM_ARGS

pytestmark = pytest.mark.browser

# records every attempt to change a setting: clicks on controls, change/input events
GUARD = """<script>
window.__changes = [];
for (const type of ["click", "change", "input", "keydown"]) {
  document.addEventListener(type, (e) => {
    const t = e.composedPath()[0];
    if (t && t.closest && t.closest("[role=switch],[role=checkbox],[role=radio],[role=option],input,select,[data-setting]"))
      window.__changes.push(type);
  }, true);
}
</script>"""


@pytest.fixture(scope="module")
async def page() -> AsyncIterator[Page]:
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path="/usr/lib/chromium/chromium", args=list(CHROMIUM_ARGS))
        context = await browser.new_context(viewport={"width": 1000, "height": 700})
        yield await context.new_page()
        await browser.close()


@pytest.fixture(scope="module")
def pack() -> SelectorPack:
    return load_default_pack("google")


async def read(page: Page, pack: SelectorPack, html: str, page_key: str = "activity_controls",
               timeout_ms: int = 6000) -> tuple[dict[str, str | None], dict[str, str]]:
    await page.set_content(f"<!doctype html><html lang=en><body>{GUARD}{html}</body></html>")
    result = await read_page_settled(page, pack, page_key, timeout_ms=timeout_ms, quiet_ms=120)
    assert await page.evaluate("window.__changes") == [], "the reader changed a setting"
    return {r.key: r.value for r in result.readings}, result.conflicts


ACTIVITY = {"web_app_activity": "on", "timeline": "off", "youtube_history": "on"}


async def test_aria_switches_named_by_labelledby_rendered_after_load(page: Page, pack: SelectorPack) -> None:
    html = """<main><h1>Activity controls</h1><div id=app>Loading…</div></main><script>
    setTimeout(() => { document.getElementById('app').innerHTML = `
      <div class=q1><span id=a9>Web &amp; App Activity</span><div class=x role=switch aria-checked=true tabindex=0 aria-labelledby=a9></div></div>
      <div class=q1><span id=b9>Timeline</span><div class=x role=switch aria-checked=false tabindex=0 aria-labelledby=b9></div></div>
      <div class=q1><span id=c9>YouTube History</span><div class=x role=switch aria-checked=true tabindex=0 aria-labelledby=c9></div></div>`;
    }, 700);</script>"""
    values, _ = await read(page, pack, html)
    assert values == ACTIVITY


async def test_native_checkboxes_label_after_control_hashed_ids(page: Page, pack: SelectorPack) -> None:
    html = """<main><h1>Activity controls</h1>
    <div class=k3f><input type=checkbox id=f_91a checked><label for=f_91a class=zz>Web &amp; App Activity</label></div>
    <div class=k3f><label class=w><input type=checkbox class=zq> Timeline <small>Places you go</small></label></div>
    <div class=k3f><span><span>YouTube History</span></span><span><input type=checkbox checked aria-label="YouTube History"></span></div>
    </main>"""
    values, _ = await read(page, pack, html)
    assert values == ACTIVITY


async def test_status_words_without_controls_visually_reordered(page: Page, pack: SelectorPack) -> None:
    html = """<main><h1>Activity controls</h1><ul style="display:flex;flex-direction:column">
    <li style="display:flex;order:3"><b style="order:2">Web &amp; App Activity</b><em style="order:1">Allowed</em></li>
    <li style="display:flex;order:1"><span style="order:2">Status: Paused</span><span style="order:1">Timeline</span></li>
    <li style="display:flex;order:2"><div>YouTube History</div><div class=st>On</div></li>
    </ul><p>Turn off YouTube History to stop saving; paused settings stay off.</p></main>"""
    values, _ = await read(page, pack, html)
    assert values == ACTIVITY


async def test_nested_shadow_roots_arriving_late(page: Page, pack: SelectorPack) -> None:
    html = """<main><h1>Activity controls</h1><x-shell></x-shell></main><script>
    customElements.define('x-row', class extends HTMLElement { connectedCallback() {
      const r = this.attachShadow({mode: 'open'});
      r.innerHTML = `<div part=row><span id=l>${this.dataset.label}</span>
        <button role=switch aria-labelledby=l aria-checked=${this.dataset.on}></button></div>`; } });
    customElements.define('x-shell', class extends HTMLElement { connectedCallback() {
      const r = this.attachShadow({mode: 'open'});
      r.innerHTML = '<section><slot></slot><div id=more></div></section>';
      setTimeout(() => { r.getElementById('more').innerHTML =
        '<x-row data-label="Web &amp; App Activity" data-on=true></x-row><x-row data-label="Timeline" data-on=false></x-row>'; }, 400);
      setTimeout(() => { const inner = document.createElement('div'); inner.attachShadow({mode: 'open'}).innerHTML =
        '<x-row data-label="YouTube History" data-on=true></x-row>'; r.getElementById('more').append(inner); }, 1600);
    } });</script>"""
    values, _ = await read(page, pack, html)
    assert values == ACTIVITY


async def test_same_origin_iframes_nested(page: Page, pack: SelectorPack) -> None:
    inner = ("<div><span id=t>Timeline</span><input type=checkbox role=switch aria-labelledby=t></div>"
             "<iframe srcdoc=\"<label>YouTube History <input type=checkbox checked></label>\"></iframe>")
    html = f"""<main><h1>Activity controls</h1>
    <div><label for=w>Web &amp; App Activity</label><input id=w type=checkbox checked></div>
    <iframe style="height:300px" srcdoc='{inner}'></iframe></main>"""
    values, _ = await read(page, pack, html)
    assert values == ACTIVITY


async def test_decoy_copies_never_win(page: Page, pack: SelectorPack) -> None:
    def rows(web: str, time: str, yt: str, extra: str = "") -> str:
        return "".join(
            f'<div class=r><span id="{k}{extra}">{label}</span>'
            f'<div role=switch aria-checked={v} aria-labelledby="{k}{extra}" {attrs}></div></div>'
            for k, label, v, attrs in (("w", "Web &amp; App Activity", web, ""), ("t", "Timeline", time, ""),
                                       ("y", "YouTube History", yt, "")))
    managed = rows("false", "true", "false", "m").replace('<div role=switch', '<div role=switch aria-disabled=true')
    html = f"""<main><h1>Activity controls</h1>
    <section style="opacity:.5"><h2>Work profile, managed by your organization</h2>{managed}</section>
    <section style="display:none">{rows("false", "true", "false", "h1")}</section>
    <section style="visibility:hidden">{rows("false", "true", "false", "h2")}</section>
    <section hidden>{rows("false", "true", "false", "h3")}</section>
    <section aria-hidden=true style="position:absolute;left:-9999px">{rows("false", "true", "false", "h4")}</section>
    <section inert style="position:absolute;left:-9999px">{rows("false", "true", "false", "h5")}</section>
    <template>{rows("false", "true", "false", "h6")}</template>
    <nav><a href="#w">Web &amp; App Activity</a> <a href="#t">Timeline</a></nav>
    <aside><h3>Recently viewed</h3><ul><li><a href=#>YouTube History</a> <span>Off</span></li></ul></aside>
    <section><h2>Your account</h2>{rows("true", "false", "true")}</section>
    <p>Learn more about <a href=#>Web &amp; App Activity</a>, which is off for children.</p></main>"""
    values, conflicts = await read(page, pack, html)
    assert values == ACTIVITY and conflicts == {}


async def test_two_live_copies_that_disagree_are_a_conflict_not_a_pick(page: Page, pack: SelectorPack) -> None:
    html = """<main><h1>Activity controls</h1>
    <div><span id=a>Web &amp; App Activity</span><div role=switch aria-checked=true aria-labelledby=a></div></div>
    <div><span id=b>Timeline</span><div role=switch aria-checked=false aria-labelledby=b></div></div>
    <div><span id=c>YouTube History</span><div role=switch aria-checked=true aria-labelledby=c></div></div>
    <div><span id=d>Web &amp; App Activity</span><div role=switch aria-checked=false aria-labelledby=d></div></div>
    </main>"""
    values, conflicts = await read(page, pack, html, timeout_ms=1500)
    assert values["web_app_activity"] is None and "web_app_activity" in conflicts
    assert values["timeline"] == "off" and values["youtube_history"] == "on"


async def test_collapsed_sections_and_virtualized_rows(page: Page, pack: SelectorPack) -> None:
    html = """<main><h1>Activity controls</h1>
    <button aria-expanded=false aria-controls=sec onclick="this.setAttribute('aria-expanded','true');
      document.getElementById('sec').innerHTML='<label>Web &amp; App Activity <input type=checkbox checked></label>'">More settings</button>
    <div id=sec></div>
    <div id=vlist style="height:120px;overflow:auto;position:relative"><div id=spacer style="height:1200px"></div></div>
    <div role=dialog aria-modal=true style="position:fixed;bottom:0;background:#eee">We use cookies
      <button onclick="window.__accepted=1">Accept all</button><button onclick="window.__accepted=1">Reject all</button></div>
    </main><script>
    const rows = [...Array(20).keys()].map(i => ['Setting ' + i, i % 2 ? 'On' : 'Off']);
    rows[15] = ['Timeline', 'Off']; rows[18] = ['YouTube History', 'On'];
    const list = document.getElementById('vlist');
    function draw() { const first = Math.floor(list.scrollTop / 60);
      list.querySelectorAll('.row').forEach(n => n.remove());
      for (let i = first; i < Math.min(rows.length, first + 3); i++) { const d = document.createElement('div');
        d.className = 'row'; d.style.cssText = `position:absolute;top:${i * 60}px;height:60px`;
        d.innerHTML = `<span>${rows[i][0]}</span> <strong>${rows[i][1]}</strong>`; list.append(d); } }
    list.addEventListener('scroll', draw); draw();</script>"""
    values, _ = await read(page, pack, html)
    assert values == ACTIVITY
    assert await page.evaluate("window.__accepted") is None


AUTO_DELETE_MARKUP = {
    "fieldset": """<fieldset><legend>Auto-delete</legend>
        <label><input type=radio name=ad> Don't auto-delete activity</label>
        <label><input type=radio name=ad checked> Auto-delete activity older than 18 months</label></fieldset>""",
    "select": """<label for=s1>Auto-delete</label><select id=s1><option>Off</option><option>3 months</option>
        <option selected>18 months</option></select>""",
    "radiogroup": """<div id=g>Auto-delete</div><div role=radiogroup aria-labelledby=g>
        <div role=radio aria-checked=false>3 months</div><div role=radio aria-checked=true>18 months</div></div>""",
    "combobox": """<span id=c>Auto-delete</span><div role=combobox aria-labelledby=c aria-expanded=false>18 months</div>""",
    "status": """<div class=row><div>Auto-delete</div><div>Activity older than 18 months</div></div>""",
    "listbox": """<span id=lb>Auto-delete</span><ul role=listbox aria-labelledby=lb>
        <li role=option aria-selected=false>Off</li><li role=option aria-selected=true>18 months</li></ul>""",
}


@pytest.mark.parametrize("kind", sorted(AUTO_DELETE_MARKUP))
async def test_a_choice_in_any_markup(page: Page, pack: SelectorPack, kind: str) -> None:
    values, _ = await read(page, pack, f"<main><h1>Web &amp; App Activity</h1>{AUTO_DELETE_MARKUP[kind]}</main>",
                           page_key="web_app_activity")
    assert values == {"auto_delete": "18"}


async def test_lazy_rows_rendered_on_scroll(page: Page, pack: SelectorPack) -> None:
    html = """<main><h1>Activity controls</h1>
    <div><span id=a>Web &amp; App Activity</span><div role=switch aria-checked=true aria-labelledby=a></div></div>
    <div style="height:2000px"></div><div id=sentinel></div></main><script>
    new IntersectionObserver((entries, obs) => { if (!entries[0].isIntersecting) return; obs.disconnect();
      document.getElementById('sentinel').innerHTML = '<p>Timeline: <b>Not allowed</b></p>' +
        '<p><span id=y>YouTube History</span> <input type=checkbox checked aria-labelledby=y></p>'; })
      .observe(document.getElementById('sentinel'));</script>"""
    values, _ = await read(page, pack, html)
    assert values == ACTIVITY


async def test_inputs_drawn_by_their_labels_icons_and_tabs(page: Page, pack: SelectorPack) -> None:
    """A display:none checkbox drawn by its label (input:checked + label), a status told by an icon's
    name, and a setting in a second tab panel (a tab only shows its panel: the reader may open it)."""
    html = """<style>.t input{display:none} .t label::before{content:"";display:inline-block;width:30px;height:16px;background:#999}
      .t input:checked + label::before{background:#1a73e8}</style>
    <main><h1>Activity controls</h1>
    <div class=t><input type=checkbox id=k1 checked><label for=k1>Web &amp; App Activity</label></div>
    <div role=tablist><button role=tab aria-selected=true aria-controls=p1>Main</button>
      <button role=tab aria-selected=false aria-controls=p2
        onclick="p1.hidden=true;p2.hidden=false;this.setAttribute('aria-selected','true')">More</button></div>
    <div role=tabpanel id=p1><div><span>Timeline</span> <svg role=img aria-label="Paused" width=12 height=12></svg></div></div>
    <div role=tabpanel id=p2 hidden><div><span id=y>YouTube History</span><div role=switch aria-checked=true aria-labelledby=y></div></div></div>
    </main>"""
    values, _ = await read(page, pack, html)
    assert values == ACTIVITY


async def test_description_list_and_row_header_table_with_other_columns(page: Page, pack: SelectorPack) -> None:
    html = """<main><h1>Activity controls</h1>
    <dl><dt>Web &amp; App Activity</dt><dd>On</dd></dl>
    <table><thead><tr><th>Setting</th><th>Recommended</th><th>Default</th><th>Your choice</th></tr></thead><tbody>
    <tr><th scope=row>Timeline</th><td>On</td><td>On</td><td>Paused</td></tr>
    <tr><th scope=row>YouTube History</th><td>Off</td><td>Off</td><td>On</td></tr></tbody></table></main>"""
    values, conflicts = await read(page, pack, html)
    assert values == ACTIVITY and conflicts == {}


async def test_table_columns_with_no_meaning_disagreeing_are_a_conflict(page: Page, pack: SelectorPack) -> None:
    """Two unnamed value columns a person cannot tell apart: nobody can say which is in effect."""
    html = """<main><h1>Activity controls</h1><div style="width:500px;overflow-x:auto"><table style="width:1800px">
    <tr><th>Setting</th><th>2024</th><th style="width:1200px">Notes</th><th>2025</th></tr>
    <tr><th scope=row>Web &amp; App Activity</th><td>On</td><td>Saves searches</td><td>Off</td></tr>
    <tr><th scope=row>Timeline</th><td>Off</td><td>Places</td><td>Off</td></tr>
    <tr><th scope=row>YouTube History</th><td>On</td><td>Videos</td><td>On</td></tr></table></div></main>"""
    values, conflicts = await read(page, pack, html, timeout_ms=1500)
    assert values["web_app_activity"] is None and "web_app_activity" in conflicts
    assert values["timeline"] == "off" and values["youtube_history"] == "on"


async def test_labels_and_controls_in_separate_grid_columns(page: Page, pack: SelectorPack) -> None:
    """A CSS grid filled column by column: the three labels first in the DOM, then the three switches;
    a person pairs them by line."""
    html = """<main><h1>Activity controls</h1>
    <div style="display:grid;grid-auto-flow:column;grid-template-rows:repeat(3,40px);width:500px">
    <span>Web &amp; App Activity</span><span>Timeline</span><span>YouTube History</span>
    <div role=switch aria-checked=true style="width:36px;height:20px"></div><div role=switch aria-checked=false style="width:36px;height:20px"></div><div role=switch aria-checked=true style="width:36px;height:20px"></div>
    </div></main>"""
    values, _ = await read(page, pack, html)
    assert values == ACTIVITY


async def test_right_to_left_rows_described_states_output_and_css_words(page: Page, pack: SelectorPack) -> None:
    """A right-to-left row (switch drawn left of its label), a state only in the text a button is
    described by, and a status word drawn by CSS content."""
    html = """<style>.st::after{content:"On"}</style><main><h1>Activity controls</h1>
    <div dir=rtl style="display:flex;justify-content:space-between;width:500px"><span id=a>Web &amp; App Activity</span><div role=switch aria-checked=true aria-labelledby=a style="width:36px;height:20px"></div></div>
    <div><span id=t>Timeline</span> <button aria-labelledby=t aria-describedby=td>Change</button><span id=td>Paused</span></div>
    <div><span>YouTube History</span> <span class=st></span></div></main>"""
    values, _ = await read(page, pack, html)
    assert values == ACTIVITY


AUTO_DELETE_MORE = {
    "output": """<label for=o>Auto-delete</label> <output id=o>18 months</output>""",
    "sentence": """<p>Auto-delete: <strong>after 18 months</strong>. You can change this any time.</p>""",
    "activedescendant": """<span id=lb>Auto-delete</span><div role=listbox tabindex=0 aria-labelledby=lb aria-activedescendant=o18>
        <div role=option id=o3>3 months</div><div role=option id=o18>18 months</div><div role=option id=o36>36 months</div></div>""",
    "table": """<table><tr><th>Setting</th><th>Previous</th><th>Current</th></tr><tr><th scope=row>Auto-delete</th><td>3 months</td><td>18 months</td></tr></table>""",
}


@pytest.mark.parametrize("kind", sorted(AUTO_DELETE_MORE))
async def test_a_choice_in_more_markup(page: Page, pack: SelectorPack, kind: str) -> None:
    values, _ = await read(page, pack, f"<main><h1>Web &amp; App Activity</h1>{AUTO_DELETE_MORE[kind]}</main>",
                           page_key="web_app_activity")
    assert values == {"auto_delete": "18"}
