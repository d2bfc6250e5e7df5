# ruff: noqa: E501
"""Red-team settings pages, round 4: markup written blind to the reader, the way current design
systems write it (Google Material 3 in Wiz ``jscontroller`` pages, Facebook Comet ``x``-classes,
Fluent UI React v9 ``fui-`` classes, Angular Material MDC, Ionic, Spectrum Web Components, Carbon
web components, Chakra, Ant Design, Mantine, Salesforce Lightning, Bootstrap, GOV.UK, Polaris), read
through the one public entry point ``read_page_settled``.

Expectations follow what a person can tell on screen (see ``redteam_harness``): a plain value must be
read confidently (>= 0.8) and not as a conflict; ``None`` means nobody could tell (the page does not
say, or says two things); ``Either(v)`` means ``v`` or nothing, never another confident value.

New in this round: values as segmented controls, toggle-button groups (``aria-pressed``), chips and
always-open listboxes (``aria-selected``), ``<datalist>`` inputs, read-only summary rows; names from
``aria-labelledby`` lists of several ids, ``aria-describedby`` noise, labels split over elements,
visually-hidden labels whose visible twin differs in case, spelling or punctuation, labels carrying
emoji and trailing counters; right-to-left and vertical writing, CSS grid ``order``, sticky bars,
dialogs already open over an ``inert`` page, open popovers; summary cards beside editors (agreeing,
or not: then nobody can tell); decoys in help text, search suggestions, "what's new" banners,
previews of another account, locked controls, ``hidden``/``aria-hidden`` copies and templates; late
state (microtask chains, timers, fetches, hydration that replaces ``<main>``, infinite lists).

As in round 3, the recorder allows clicks only on tabs, ``summary`` and disclosure buttons that open
no popup; anything else the reader presses counts against it.
"""

from __future__ import annotations

import json

import pytest

from tests.scanner.redteam_harness import ALLOWED_CLICKS, CONFIDENT, JSON, Either, Suite, ck, recorder, sw

pytestmark = pytest.mark.browser

BASE_CSS = """<style>
body{font-family:Segoe UI,Roboto,Arial,sans-serif;margin:0;padding:16px;color:#202124;background:#fff}
.sr-only,.visually-hidden,.govuk-visually-hidden{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
.row{display:flex;align-items:center;justify-content:space-between;gap:16px;padding:10px 0;border-bottom:1px solid #ddd;max-width:760px}
[role=switch]{display:inline-block;min-width:36px;height:20px;border-radius:10px;background:#bbb;border:0;position:relative}
[role=switch][aria-checked=true]{background:#1a73e8}
button[aria-pressed=true],[role=option][aria-selected=true],[role=radio][aria-checked=true]{background:#d3e3fd;font-weight:600;outline:2px solid #0b57d0}
.chip{display:inline-block;border-radius:12px;padding:2px 8px;font-size:12px;background:#e8f0fe}
</style>"""


SUITE = Suite(css=BASE_CSS, recorder=recorder(allowed=ALLOWED_CLICKS), confident=CONFIDENT, concurrency=8)
case = SUITE.case
XFAIL = SUITE.xfail
site, outcomes = SUITE.fixtures()



# ============================================================================================
# Google
# ============================================================================================

# Material 3 in a Wiz page: jscontroller/jsaction soup, VfPpkd- classes, each switch named by
# aria-labelledby with TWO ids (title and description), and an aria-describedby pointing at a
# footnote that names the other settings ("Timeline and YouTube History are saved separately").
def _wiz_row(n: int, title: str, desc: str, on: bool) -> str:
    return (f'<div jscontroller="xK9Ls" jsaction="rcuQ6b:npT2md" class="Wiz-row row" data-id="c{n}">'
            f'<div class="VfPpkd-text"><div class="mMsbvc" id="t{n}">{title}</div><div class="RzgRvd" id="d{n}">{desc}</div></div>'
            f'<button jsname="DMn7nd" class="VfPpkd-scr2fc{" VfPpkd-scr2fc-OWXEXe-gk6SMd" if on else ""}" type="button" role="switch" aria-checked="{sw(on)}" aria-labelledby="t{n} d{n}" aria-describedby="foot">'
            f'<div class="VfPpkd-l6JLsf"></div><div class="VfPpkd-uMhiad-u014N"><div class="VfPpkd-VRSVNe"></div></div></button></div>')


case(
    "g4_wiz_m3_labelledby_two_ids_describedby_footnote", "google", "activity_controls",
    "<main><h1>Activity controls</h1><c-wiz jsrenderer=\"Kd6Sjd\" jsshadow>"
    + _wiz_row(1, "Web &amp; App Activity", "Saves your activity on Google sites and apps, including associated info like location", True)
    + _wiz_row(2, "Timeline", "Creates a private map of where you go with your signed-in devices", False)
    + _wiz_row(3, "YouTube History", "Saves the YouTube videos you watch and the things you search for", True)
    + "<p id=foot class=RzgRvd>Timeline, YouTube History and Web &amp; App Activity are saved separately. Turning one off doesn't turn off the others.</p></c-wiz></main>",
    {"web_app_activity": "on", "timeline": "off", "youtube_history": "on"},
)

# Labels that carry an emoji icon in front and a "· 3 new" counter or a "NEW" badge behind, in one
# text node with the label; native checkboxes with role=switch inside the <label>.
case(
    "g4_emoji_and_trailing_counters_in_labels", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<label class=row>🕘 Web &amp; App Activity · 3 new <input type=checkbox role=switch></label>
<label class=row>📍 Timeline · 12 places this week <input type=checkbox role=switch checked></label>
<label class=row>▶️ YouTube History <span class=chip>NEW</span> <input type=checkbox role=switch checked></label></main>""",
    {"web_app_activity": "off", "timeline": "on", "youtube_history": "on"},
)

# The visible text differs from the visually-hidden label in case and punctuation ("WEB AND APP
# ACTIVITY", "Time-line", "YouTube history"); the switch is named by the hidden exact text.
case(
    "g4_visually_hidden_label_visible_text_differs", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<div class=row><span aria-hidden=true style="text-transform:uppercase;letter-spacing:.08em">Web and app activity</span><span class=visually-hidden id=vh1>Web &amp; App Activity</span><button role=switch aria-checked=false aria-labelledby=vh1></button></div>
<div class=row><span aria-hidden=true>Time-line</span><span class=visually-hidden id=vh2>Timeline</span><button role=switch aria-checked=false aria-labelledby=vh2></button></div>
<div class=row><span aria-hidden=true>YouTube history</span><span class=visually-hidden id=vh3>YouTube History</span><button role=switch aria-checked=true aria-labelledby=vh3></button></div></main>""",
    {"web_app_activity": "off", "timeline": "off", "youtube_history": "on"},
)

# A right-to-left page (an Arabic shell around English setting names in <bdi>): switches on the
# left, labels on the right, row-reverse flex; values via aria-checked.
case(
    "g4_rtl_shell_bdi_labels", "google", "activity_controls",
    """<main dir=rtl lang=ar><h1>Activity controls <span lang=ar>عناصر التحكم في النشاط</span></h1>
<div class=row><span><bdi id=r1>Web &amp; App Activity</bdi> <small lang=ar>يحفظ نشاطك</small></span><button role=switch aria-checked=true aria-labelledby=r1></button></div>
<div class=row><span><bdi id=r2>Timeline</bdi> <small lang=ar>الأماكن التي تزورها</small></span><button role=switch aria-checked=true aria-labelledby=r2></button></div>
<div class=row><span><bdi id=r3>YouTube History</bdi> <small lang=ar>الفيديوهات التي تشاهدها</small></span><button role=switch aria-checked=false aria-labelledby=r3></button></div></main>""",
    {"web_app_activity": "on", "timeline": "on", "youtube_history": "off"},
    lang="ar",
)

# Vertical writing: each setting is a column (writing-mode: vertical-rl headers above a switch),
# like a compact "tiles" strip; the label is a sibling heading, the switch has no name of its own.
case(
    "g4_vertical_writing_tiles", "google", "activity_controls",
    """<main><h1>Activity controls</h1><div style="display:flex;gap:24px;align-items:flex-end">
<section style="display:flex;flex-direction:column;align-items:center;gap:8px"><h2 style="writing-mode:vertical-rl;font-size:15px;margin:0">Web &amp; App Activity</h2><button role=switch aria-checked=false></button></section>
<section style="display:flex;flex-direction:column;align-items:center;gap:8px"><h2 style="writing-mode:vertical-rl;font-size:15px;margin:0">Timeline</h2><button role=switch aria-checked=true></button></section>
<section style="display:flex;flex-direction:column;align-items:center;gap:8px"><h2 style="writing-mode:vertical-rl;font-size:15px;margin:0">YouTube History</h2><button role=switch aria-checked=false></button></section>
</div></main>""",
    {"web_app_activity": "off", "timeline": "on", "youtube_history": "off"},
)

# A summary card ("Your activity settings at a glance", read-only "On"/"Paused" words) above the
# editor with switches; both agree.
case(
    "g4_summary_card_and_editor_agree", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<section aria-labelledby=glance style="border:1px solid #dadce0;border-radius:8px;padding:12px;max-width:740px"><h2 id=glance>At a glance</h2>
<dl style="display:grid;grid-template-columns:auto auto;gap:4px 24px"><dt>Web &amp; App Activity</dt><dd>On</dd><dt>Timeline</dt><dd>Paused</dd><dt>YouTube History</dt><dd>On</dd></dl></section>
<h2>Change your settings</h2>
<div class=row><label for=e1>Web &amp; App Activity</label><input type=checkbox role=switch id=e1 checked></div>
<div class=row><label for=e2>Timeline</label><input type=checkbox role=switch id=e2></div>
<div class=row><label for=e3>YouTube History</label><input type=checkbox role=switch id=e3 checked></div></main>""",
    {"web_app_activity": "on", "timeline": "off", "youtube_history": "on"},
)

# The same two places, but the summary card is stale for Timeline ("On") while the editor's switch
# is off (the card is cached by a service worker). Two visible answers: nobody can tell.
case(
    "g4_summary_card_and_editor_disagree", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<section aria-labelledby=gl2 style="border:1px solid #dadce0;border-radius:8px;padding:12px;max-width:740px"><h2 id=gl2>At a glance</h2>
<ul><li>Web &amp; App Activity: <strong>Off</strong></li><li>Timeline: <strong>On</strong></li><li>YouTube History: <strong>Off</strong></li></ul></section>
<h2>Change your settings</h2>
<div class=row><label for=f1>Web &amp; App Activity</label><input type=checkbox role=switch id=f1></div>
<div class=row><label for=f2>Timeline</label><input type=checkbox role=switch id=f2></div>
<div class=row><label for=f3>YouTube History</label><input type=checkbox role=switch id=f3></div></main>""",
    {"web_app_activity": "off", "timeline": None, "youtube_history": "off"},
)

# Decoys a person skips: an open search box with suggestion options naming settings with the other
# value ("Turn on Timeline"), and a "what's new" banner ("YouTube History is now on by default").
case(
    "g4_search_suggestions_and_whats_new_banner", "google", "activity_controls",
    """<header><div role=search><input role=combobox aria-expanded=true aria-controls=sugg aria-label="Search settings" value="timeline">
<ul role=listbox id=sugg style="border:1px solid #ccc;max-width:400px;list-style:none;padding:4px"><li role=option aria-selected=true>Turn on Timeline</li><li role=option>Timeline: On for all devices</li><li role=option>Web &amp; App Activity: On</li></ul></div></header>
<aside role=note style="background:#e8f0fe;padding:8px;max-width:740px"><strong>What's new:</strong> YouTube History is now on by default for new accounts. Web &amp; App Activity: On helps you get better recommendations.</aside>
<main><h1>Activity controls</h1>
<div class=row><span id=s1>Web &amp; App Activity</span><button role=switch aria-checked=false aria-labelledby=s1></button></div>
<div class=row><span id=s2>Timeline</span><button role=switch aria-checked=false aria-labelledby=s2></button></div>
<div class=row><span id=s3>YouTube History</span><button role=switch aria-checked=false aria-labelledby=s3></button></div></main>""",
    {"web_app_activity": "off", "timeline": "off", "youtube_history": "off"},
)

# Server-rendered defaults (all on, marked aria-busy) replaced by hydration: after a fetch and a
# microtask chain, <main> is REPLACED by a new element (old nodes detached) with the real values.
_HYDRATE = """<script>
fetch('state.json').then(function (r) { return r.json(); }).then(function (d) {
  return Promise.resolve(d).then(function (d) { return new Promise(function (ok) { queueMicrotask(function () { ok(d); }); }); });
}).then(function (d) {
  var m = document.createElement('main');
  m.innerHTML = '<h1>Activity controls</h1>' + d.rows.map(function (r, i) {
    return '<div class=row><span id=h' + i + '>' + r[0] + '</span><button role=switch aria-checked=' + r[1] + ' aria-labelledby=h' + i + '></button></div>';
  }).join('');
  document.querySelector('main').replaceWith(m);
});
</script>"""
case(
    "g4_hydration_replaces_main_after_fetch", "google", "activity_controls",
    """<main aria-busy=true><h1>Activity controls</h1>
<div class=row><span id=x1>Web &amp; App Activity</span><button role=switch aria-checked=true aria-labelledby=x1></button></div>
<div class=row><span id=x2>Timeline</span><button role=switch aria-checked=true aria-labelledby=x2></button></div>
<div class=row><span id=x3>YouTube History</span><button role=switch aria-checked=true aria-labelledby=x3></button></div></main>""" + _HYDRATE,
    {"web_app_activity": "off", "timeline": "on", "youtube_history": "off"},
    files={"state.json": (json.dumps({"rows": [["Web &amp; App Activity", "false"], ["Timeline", "true"], ["YouTube History", "false"]]}), JSON, 1.2)},
)

# Infinite list: only the first row is rendered; the next rows load when a sentinel at the bottom
# of a tall intro scrolls into view (IntersectionObserver), after a short fetch.
case(
    "g4_infinite_list_intersection_observer", "google", "activity_controls",
    """<main><h1>Activity controls</h1><div id=list>
<div class=row><span id=i1>Web &amp; App Activity</span><button role=switch aria-checked=true aria-labelledby=i1></button></div></div>
<div style="height:1400px;color:#5f6368">Your activity helps make Google services more useful for you.</div>
<div id=sentinel style="height:1px"></div><p id=loading>Loading more…</p></main>
<script>
new IntersectionObserver(function (es, obs) {
  if (!es.some(function (e) { return e.isIntersecting; })) return;
  obs.disconnect();
  fetch('more.json').then(function (r) { return r.json(); }).then(function (rows) {
    rows.forEach(function (r, i) {
      var d = document.createElement('div'); d.className = 'row';
      d.innerHTML = '<span id=m' + i + '>' + r[0] + '</span><button role=switch aria-checked=' + r[1] + ' aria-labelledby=m' + i + '></button>';
      document.getElementById('list').appendChild(d);
    });
    document.getElementById('loading').remove();
  });
}).observe(document.getElementById('sentinel'));
</script>""",
    {"web_app_activity": "on", "timeline": "off", "youtube_history": "on"},
    files={"more.json": (json.dumps([["Timeline", "false"], ["YouTube History", "true"]]), JSON, 0.4)},
)

# A confirmation dialog already open ("Pause Web & App Activity?") over a page made inert; the
# dialog carries a checked "Also pause YouTube History" box (an offer, not the setting). Behind
# it, the real switches are still plainly visible.
case(
    "g4_open_confirm_dialog_over_inert_page", "google", "activity_controls",
    """<main inert style="opacity:.6"><h1>Activity controls</h1>
<div class=row><span id=n1>Web &amp; App Activity</span><button role=switch aria-checked=true aria-labelledby=n1></button></div>
<div class=row><span id=n2>Timeline</span><button role=switch aria-checked=false aria-labelledby=n2></button></div>
<div class=row><span id=n3>YouTube History</span><button role=switch aria-checked=true aria-labelledby=n3></button></div></main>
<div role=dialog aria-modal=true aria-labelledby=dh style="position:fixed;top:80px;left:200px;background:#fff;border-radius:12px;box-shadow:0 4px 24px #0005;padding:20px;max-width:420px">
<h2 id=dh>Pause Web &amp; App Activity?</h2><p>Pausing Web &amp; App Activity stops saving new activity. Timeline stays off.</p>
<label><input type=checkbox checked> Also pause YouTube History</label>
<div style="margin-top:12px"><button type=button>Cancel</button> <button type=button>Pause</button></div></div>""",
    {"web_app_activity": "on", "timeline": "off", "youtube_history": "on"},
)

# A supervised child's settings preview (Family Link) with locked, disabled switches of other
# values, beside the account's own rows.
case(
    "g4_family_link_preview_locked_switches", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<div class=row><span id=o1>Web &amp; App Activity</span><button role=switch aria-checked=false aria-labelledby=o1></button></div>
<div class=row><span id=o2>Timeline</span><button role=switch aria-checked=false aria-labelledby=o2></button></div>
<div class=row><span id=o3>YouTube History</span><button role=switch aria-checked=false aria-labelledby=o3></button></div>
<section style="margin-top:24px;border:1px dashed #999;padding:12px;max-width:740px"><h2>Sam's account (managed with Family Link)</h2><p>🔒 Only a parent can change these.</p>
<div class=row><span id=k1>Web &amp; App Activity</span><button role=switch aria-checked=true aria-disabled=true disabled aria-labelledby=k1></button></div>
<div class=row><span id=k2>Timeline</span><button role=switch aria-checked=true aria-disabled=true disabled aria-labelledby=k2></button></div>
<div class=row><span id=k3>YouTube History</span><button role=switch aria-checked=true aria-disabled=true disabled aria-labelledby=k3></button></div></section></main>""",
    {"web_app_activity": "off", "timeline": "off", "youtube_history": "off"},
)

# Copies a person never sees: a <template> of rows (other values), a [hidden] editor and an
# aria-hidden drag ghost positioned off-screen; the visible rows are Lit-style spans and checkboxes.
case(
    "g4_template_hidden_and_offscreen_ghost_copies", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<template id=tpl><div class=row><label>Web &amp; App Activity<input type=checkbox role=switch checked></label></div><div class=row><label>Timeline<input type=checkbox role=switch checked></label></div></template>
<div hidden><label>Web &amp; App Activity<input type=checkbox role=switch checked></label><label>YouTube History<input type=checkbox role=switch></label></div>
<div aria-hidden=true style="position:absolute;left:-9999px;top:0"><div class=row><span>Timeline</span><span role=switch aria-checked=true></span></div></div>
<div class=row><label for=t1>Web &amp; App Activity</label><input type=checkbox role=switch id=t1></div>
<div class=row><label for=t2>Timeline</label><input type=checkbox role=switch id=t2></div>
<div class=row><label for=t3>YouTube History</label><input type=checkbox role=switch id=t3 checked></div></main>""",
    {"web_app_activity": "off", "timeline": "off", "youtube_history": "on"},
)

# Each setting is an always-open two-option listbox ("On"/"Off" chips, aria-selected), named by
# aria-labelledby on the listbox.
case(
    "g4_chip_listbox_on_off", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<div class=row><span id=l1>Web &amp; App Activity</span><div role=listbox aria-labelledby=l1 aria-orientation=horizontal style="display:flex;gap:6px"><div role=option class=chip aria-selected=false>On</div><div role=option class=chip aria-selected=true>Off</div></div></div>
<div class=row><span id=l2>Timeline</span><div role=listbox aria-labelledby=l2 aria-orientation=horizontal style="display:flex;gap:6px"><div role=option class=chip aria-selected=true>On</div><div role=option class=chip aria-selected=false>Off</div></div></div>
<div class=row><span id=l3>YouTube History</span><div role=listbox aria-labelledby=l3 aria-orientation=horizontal style="display:flex;gap:6px"><div role=option class=chip aria-selected=false>On</div><div role=option class=chip aria-selected=true>Off</div></div></div></main>""",
    {"web_app_activity": "off", "timeline": "on", "youtube_history": "off"},
)

# Grid with labels in one column and switches in another; the switch column's DOM order is the
# reverse of the visual order (placed by grid-row 3, 2, 1), and the switches have no names. On screen each
# switch sits beside its label.
case(
    "g4_grid_switch_column_dom_reversed_by_order", "google", "activity_controls",
    """<main><h1>Activity controls</h1><div style="display:grid;grid-template-columns:320px 60px;grid-auto-flow:column;grid-template-rows:repeat(3,40px);align-items:center">
<div style="grid-column:1">Web &amp; App Activity</div><div style="grid-column:1">Timeline</div><div style="grid-column:1">YouTube History</div>
<div style="display:contents"><div style="grid-column:2;grid-row:3"><button role=switch aria-checked=true></button></div><div style="grid-column:2;grid-row:2"><button role=switch aria-checked=false></button></div><div style="grid-column:2;grid-row:1"><button role=switch aria-checked=false></button></div></div>
</div></main>""",
    {"web_app_activity": "off", "timeline": "off", "youtube_history": "on"},
)

# --- Google, Web & App Activity page: auto-delete ----------------------------------------------

# Material 3 filter chips as a single-select listbox: options carry aria-selected.
case(
    "g4_auto_delete_filter_chips_listbox", "google", "web_app_activity",
    """<main><h1>Web &amp; App Activity</h1><h2 id=adl>Auto-delete</h2><p>Choose how long to keep your activity.</p>
<div role=listbox aria-labelledby=adl style="display:flex;gap:8px">
<div role=option class=chip aria-selected=false>Off</div><div role=option class=chip aria-selected=false>3 months</div><div role=option class=chip aria-selected=true>✓ 18 months</div><div role=option class=chip aria-selected=false>36 months</div></div></main>""",
    {"auto_delete": "18"},
)

# A toggle-button group (aria-pressed), named by a group label split over two elements.
case(
    "g4_auto_delete_toggle_button_group_split_label", "google", "web_app_activity",
    """<main><h1>Web &amp; App Activity</h1>
<div role=group aria-labelledby="ga gb"><p><span id=ga>Choose an</span> <b id=gb>auto-delete option</b></p>
<button type=button aria-pressed=false>Don't auto-delete activity</button>
<button type=button aria-pressed=false>Auto-delete activity older than 3 months</button>
<button type=button aria-pressed=false>Auto-delete activity older than 18 months</button>
<button type=button aria-pressed=true>Auto-delete activity older than 36 months</button></div></main>""",
    {"auto_delete": "36"},
)

# An input with a <datalist> of suggestions, read-only, holding the current choice as its value.
case(
    "g4_auto_delete_datalist_input", "google", "web_app_activity",
    """<main><h1>Web &amp; App Activity</h1>
<label for=adi>Auto-delete</label> <input id=adi list=adlist readonly value="3 months" style="width:220px">
<datalist id=adlist><option value="Off"><option value="3 months"><option value="18 months"><option value="36 months"></datalist>
<p class=hint>Activity older than this is deleted automatically.</p></main>""",
    {"auto_delete": "3"},
)

# GOV.UK "check your answers" summary list: the value in a <dd>, a Change link whose visually
# hidden text repeats the label.
case(
    "g4_auto_delete_govuk_summary_list", "google", "web_app_activity",
    """<main><h1>Web &amp; App Activity</h1>
<dl class=govuk-summary-list><div class=govuk-summary-list__row style="display:flex;gap:24px;border-bottom:1px solid #b1b4b6;padding:8px 0">
<dt class=govuk-summary-list__key style="font-weight:700;width:200px">Auto-delete</dt>
<dd class=govuk-summary-list__value style="margin:0;width:300px">Off</dd>
<dd class=govuk-summary-list__actions style="margin:0"><a class=govuk-link href="#change">Change<span class=govuk-visually-hidden> auto-delete</span></a></dd></div>
<div class=govuk-summary-list__row style="display:flex;gap:24px;border-bottom:1px solid #b1b4b6;padding:8px 0"><dt class=govuk-summary-list__key style="font-weight:700;width:200px">Saved activity</dt><dd class=govuk-summary-list__value style="margin:0">1,204 items</dd></div></dl></main>""",
    {"auto_delete": "off"},
)

# The "Choose an auto-delete option" dialog is open with an unsaved choice (3 months) while the
# page behind says the saved option is 18 months. Two answers on screen: nobody can tell.
case(
    "g4_auto_delete_open_dialog_disagrees_with_page", "google", "web_app_activity",
    """<main inert><h1>Web &amp; App Activity</h1><div class=row><span>Auto-delete (on)</span><span>Deleting activity older than 18 months</span></div></main>
<div role=dialog aria-modal=true aria-labelledby=cdl style="position:fixed;top:60px;left:180px;background:#fff;padding:20px;box-shadow:0 4px 24px #0005">
<h2 id=cdl>Choose an auto-delete option</h2><div role=radiogroup aria-labelledby=cdl>
<label><input type=radio name=ad> Don't auto-delete activity</label><br>
<label><input type=radio name=ad checked> Auto-delete activity older than 3 months</label><br>
<label><input type=radio name=ad> Auto-delete activity older than 18 months</label><br>
<label><input type=radio name=ad> Auto-delete activity older than 36 months</label></div>
<button type=button>Cancel</button> <button type=button>Next</button></div>""",
    {"auto_delete": None},
)

# A right-to-left page with a native <select> split into optgroups ("Keep" / "Delete
# automatically"), the choice set by the selected attribute.
case(
    "g4_auto_delete_rtl_select_optgroups", "google", "web_app_activity",
    """<main dir=rtl><h1>Web &amp; App Activity</h1>
<label for=ads><bdi>Auto-delete</bdi></label> <select id=ads>
<optgroup label="Keep"><option>Don't auto-delete activity</option></optgroup>
<optgroup label="Delete automatically"><option selected>Auto-delete activity older than 3 months</option><option>Auto-delete activity older than 18 months</option><option>Auto-delete activity older than 36 months</option></optgroup></select></main>""",
    {"auto_delete": "3"},
    lang="ar",
)

# --- Google, My Ad Center ------------------------------------------------------------------------

# British spelling on screen ("Personalised ads"), the pack's name in aria-label on the switch.
case(
    "g4_adcenter_british_visible_text_aria_label", "google", "ad_center",
    """<main><h1>My Ad Center</h1>
<div class=row><div><div aria-hidden=true style="font-size:18px">Personalised ads</div><div>You're seeing personalised ads</div></div>
<button jsname="DMn7nd" class="VfPpkd-scr2fc" role=switch aria-checked=true aria-label="Personalized ads"></button></div></main>""",
    {"personalized_ads": "on"},
)

# A read-only status row ("Status: Off") with a Manage link; no control on the page.
case(
    "g4_adcenter_readonly_status_row", "google", "ad_center",
    """<main><h1>My Ad Center</h1>
<div class=row><strong>Ad personalization</strong><span>Status: <b>Off</b></span><a href="#manage">Manage</a></div>
<p>When ad personalization is off, ads you see are based on general factors like the time of day.</p></main>""",
    {"personalized_ads": "off"},
)

# A preview of a supervised account's ads (locked, "On") below the account's own switch (off), and
# a help panel that says "Turn on Personalized ads to ...".
case(
    "g4_adcenter_help_and_supervised_preview_decoys", "google", "ad_center",
    """<main><h1>My Ad Center</h1>
<div class=row><span id=pa>Personalized ads</span><button role=switch aria-checked=false aria-labelledby=pa></button></div>
<aside style="background:#f1f3f4;padding:10px;max-width:740px"><h2>Help</h2><p>Turn on Personalized ads to see ads based on your interests. Personalized ads: On is the default.</p></aside>
<section aria-disabled=true style="opacity:.6;max-width:740px"><h2>Preview: Alex (supervised)</h2><div class=row><span id=pb>Personalized ads</span><button role=switch aria-checked=true aria-labelledby=pb disabled></button></div></section></main>""",
    {"personalized_ads": "off"},
)

# Skeleton shimmer rows, then after a timer and a fetch the real row is swapped in.
case(
    "g4_adcenter_skeleton_swapped_after_timer_fetch", "google", "ad_center",
    """<main><h1>My Ad Center</h1><div id=slot><div class=row aria-hidden=true><span style="display:inline-block;width:200px;height:14px;background:#eee"></span><span style="display:inline-block;width:36px;height:20px;background:#eee;border-radius:10px"></span></div></div></main>
<script>setTimeout(function () {
  fetch('ads.json').then(function (r) { return r.json(); }).then(function (d) {
    document.getElementById('slot').innerHTML = '<div class=row><label for=pz>Personalized ads</label><input type=checkbox role=switch id=pz></div>';
    document.getElementById('pz').checked = d.on;
  });
}, 700);</script>""",
    {"personalized_ads": "on"},
    files={"ads.json": (json.dumps({"on": True}), JSON, 0.9)},
)


# ============================================================================================
# Facebook
# ============================================================================================

FB_Q = {
    "future": "Who can see your future posts?",
    "requests": "Who can send you friend requests?",
    "lookup": "Who can look you up using the email address you provided?",
    "search": "Do you want search engines outside of Facebook to link to your profile?",
}

# Ant Design selects as they render: the role=combobox is an empty readonly <input> inside
# .ant-select-selection-search; the shown value is a sibling <span class=ant-select-selection-item
# title=...>. The label is a <label for> pointing at the input. Search engines: an ant-radio-group.
def _ant_select(n: int, q: str, value: str) -> str:
    return (f'<div class="ant-form-item row"><div class="ant-form-item-label"><label for="rc_select_{n}" title="{q}">{q}</label></div>'
            f'<div class="ant-select ant-select-single ant-select-show-arrow" style="min-width:180px;border:1px solid #d9d9d9;padding:4px 8px"><div class="ant-select-selector">'
            f'<span class="ant-select-selection-search"><input type="search" id="rc_select_{n}" autocomplete="off" class="ant-select-selection-search-input" role="combobox" aria-expanded="false" aria-haspopup="listbox" aria-owns="rc_select_{n}_list" aria-autocomplete="list" aria-controls="rc_select_{n}_list" readonly unselectable="on" value="" style="opacity:0;width:0"></span>'
            f'<span class="ant-select-selection-item" title="{value}">{value}</span></div><span class="ant-select-arrow" aria-hidden="true">▾</span></div></div>')


case(
    "fb4_ant_select_value_in_sibling_span", "facebook", "privacy",
    "<main><h1>Privacy settings</h1><form class=\"ant-form ant-form-horizontal\">"
    + _ant_select(1, FB_Q["future"], "Only me") + _ant_select(2, FB_Q["requests"], "Everyone") + _ant_select(3, FB_Q["lookup"], "Friends of friends")
    + f"""<div class="ant-form-item row"><div class=ant-form-item-label><label title="{FB_Q['search']}">{FB_Q['search']}</label></div>
<div class="ant-radio-group ant-radio-group-outline"><label class="ant-radio-wrapper"><span class="ant-radio"><input type=radio class=ant-radio-input name=se value=yes></span><span>Yes</span></label>
<label class="ant-radio-wrapper ant-radio-wrapper-checked"><span class="ant-radio ant-radio-checked"><input type=radio class=ant-radio-input name=se value=no checked></span><span>No</span></label></div></div></form></main>""",
    {"future_posts_audience": "only_me", "friend_requests": "everyone", "lookup_email": "friends_of_friends", "search_engine_link": "no"},
)

# Bootstrap button groups of .btn-check radios: the radios are clipped out of view, the labels are
# the buttons; each group is a role=group named by aria-labelledby on the question.
def _btn_group(n: int, q: str, opts: list[str], sel: str) -> str:
    items = "".join(f'<input type="radio" class="btn-check" name="g{n}" id="g{n}o{i}" autocomplete="off"{ck(o == sel)}><label class="btn btn-outline-primary" for="g{n}o{i}">{o}</label>' for i, o in enumerate(opts))
    return f'<div class="mb-3 row"><p id="gq{n}" class="form-label">{q}</p><div class="btn-group" role="group" aria-labelledby="gq{n}">{items}</div></div>'


BTN_CHECK_CSS = "<style>.btn-check{position:absolute;clip:rect(0,0,0,0);pointer-events:none}.btn{border:1px solid #0d6efd;padding:4px 10px;color:#0d6efd}.btn-check:checked+.btn{background:#0d6efd;color:#fff}</style>"
case(
    "fb4_bootstrap_btn_check_radio_groups", "facebook", "privacy",
    "<main><h1>Privacy settings</h1>"
    + _btn_group(1, FB_Q["future"], ["Public", "Friends", "Only me", "Custom"], "Friends")
    + _btn_group(2, FB_Q["requests"], ["Everyone", "Friends of friends"], "Friends of friends")
    + _btn_group(3, FB_Q["lookup"], ["Everyone", "Friends of friends", "Friends", "Only me"], "Only me")
    + _btn_group(4, FB_Q["search"], ["Yes", "No"], "Yes") + "</main>",
    {"future_posts_audience": "friends", "friend_requests": "friends_of_friends", "lookup_email": "only_me", "search_engine_link": "yes"},
    head=BTN_CHECK_CSS,
)

# GOV.UK radios: one fieldset per question, the legend holds the question in an <h2>, inline radios
# with label for; the search-engine question adds a hint that names the other answer.
def _govuk(n: int, q: str, opts: list[str], sel: str, hint: str = "") -> str:
    hint_html = f'<div id="h{n}" class="govuk-hint">{hint}</div>' if hint else ""
    items = "".join(f'<div class="govuk-radios__item"><input class="govuk-radios__input" id="q{n}-{i}" name="q{n}" type="radio" value="{o}"{ck(o == sel)}{f" aria-describedby=h{n}" if hint else ""}><label class="govuk-label govuk-radios__label" for="q{n}-{i}">{o}</label></div>' for i, o in enumerate(opts))
    return f'<div class="govuk-form-group"><fieldset class="govuk-fieldset"><legend class="govuk-fieldset__legend govuk-fieldset__legend--m"><h2 class="govuk-fieldset__heading">{q}</h2></legend>{hint_html}<div class="govuk-radios govuk-radios--inline" data-module="govuk-radios" style="display:flex;gap:16px">{items}</div></fieldset></div>'


case(
    "fb4_govuk_fieldset_radios_with_hint", "facebook", "privacy",
    "<main><h1>Privacy settings</h1>"
    + _govuk(1, FB_Q["future"], ["Public", "Friends", "Only me", "Custom"], "Public")
    + _govuk(2, FB_Q["requests"], ["Everyone", "Friends of friends"], "Everyone")
    + _govuk(3, FB_Q["lookup"], ["Everyone", "Friends of friends", "Friends", "Only me"], "Friends")
    + _govuk(4, FB_Q["search"], ["Yes", "No"], "No", hint="If you choose Yes, search engines may link to your profile. Most people choose Yes.")
    + "</main>",
    {"future_posts_audience": "public", "friend_requests": "everyone", "lookup_email": "friends", "search_engine_link": "no"},
)

# Mantine SegmentedControl per question: radios inside a role=radiogroup with no name of its own;
# the question is the preceding paragraph; the active segment carries data-active.
def _mantine(n: int, q: str, opts: list[str], sel: str) -> str:
    items = "".join(f'<div class="mantine-SegmentedControl-control"{" data-active" if o == sel else ""}><input type="radio" class="mantine-SegmentedControl-input" id="mantine-r{n}{i}" name="mantine-r{n}" value="{o}"{ck(o == sel)} style="opacity:0;position:absolute"><label class="mantine-SegmentedControl-label" for="mantine-r{n}{i}"{" data-active" if o == sel else ""}>{o}</label></div>' for i, o in enumerate(opts))
    return f'<div class=row><p class="mantine-Text-root">{q}</p><div class="mantine-SegmentedControl-root" role="radiogroup" style="display:flex;gap:4px;background:#f1f3f5;padding:4px">{items}</div></div>'


case(
    "fb4_mantine_segmented_unnamed_radiogroups", "facebook", "privacy",
    "<main><h1>Privacy settings</h1>"
    + _mantine(1, FB_Q["future"], ["Public", "Friends", "Only me", "Custom"], "Custom")
    + _mantine(2, FB_Q["requests"], ["Everyone", "Friends of friends"], "Friends of friends")
    + _mantine(3, FB_Q["lookup"], ["Everyone", "Friends of friends", "Friends", "Only me"], "Everyone")
    + _mantine(4, FB_Q["search"], ["Yes", "No"], "No") + "</main>",
    {"future_posts_audience": "custom", "friend_requests": "friends_of_friends", "lookup_email": "everyone", "search_engine_link": "no"},
    head="<style>[data-active]{background:#fff;font-weight:600;box-shadow:0 1px 3px #0003}</style>",
)

# Comet: x-class soup, the audience selector dialog already open for future posts (role=radio
# divs with aria-checked) and the row buttons showing the other values; the dialog and row agree.
_X = 'class="x1i10hfl xjbqb8w x6umtig x1b1mbwd xaqea5y xav7gou x9f619 x1ypdohk xe8uvvx xdj266r x11i5rnm xat24cr x1mh8g0r"'
case(
    "fb4_comet_audience_dialog_open_agrees", "facebook", "privacy",
    f"""<main><h1>Privacy settings</h1><div class="x78zum5 xdt5ytf">
<div class="row x1n2onr6"><span class="x193iq5w xeuugli">{FB_Q['future']}</span><div {_X} role=button tabindex=0 aria-haspopup=dialog><span class=x1lliihq>Friends</span></div></div>
<div class="row x1n2onr6"><span class="x193iq5w xeuugli">{FB_Q['requests']}</span><div {_X} role=button tabindex=0 aria-haspopup=dialog><span class=x1lliihq>Everyone</span></div></div>
<div class="row x1n2onr6"><span class="x193iq5w xeuugli">{FB_Q['lookup']}</span><div {_X} role=button tabindex=0 aria-haspopup=dialog><span class=x1lliihq>Only me</span></div></div>
<div class="row x1n2onr6"><span class="x193iq5w xeuugli">{FB_Q['search']}</span><div {_X} role=button tabindex=0 aria-haspopup=dialog><span class=x1lliihq>No</span></div></div></div></main>
<div class="x1n2onr6 x1vjfegm" role=dialog aria-label="Select audience" style="position:fixed;right:40px;top:60px;background:#fff;box-shadow:0 12px 28px #0003;padding:16px;width:320px">
<h2 class="x1heor9g x1qlqyl8">Select audience</h2><p>Who can see your future posts?</p><div role=radiogroup>
<div role=radio aria-checked=false tabindex=-1 class=x1ypdohk>🌎 Public<br><small>Anyone on or off Facebook</small></div>
<div role=radio aria-checked=true tabindex=0 class=x1ypdohk>👥 Friends<br><small>Your friends on Facebook</small></div>
<div role=radio aria-checked=false tabindex=-1 class=x1ypdohk>🔒 Only me</div>
<div role=radio aria-checked=false tabindex=-1 class=x1ypdohk>⚙️ Custom</div></div>
<div role=button tabindex=0>Done</div></div>""",
    {"future_posts_audience": "friends", "friend_requests": "everyone", "lookup_email": "only_me", "search_engine_link": "no"},
)

# Always-open listboxes (aria-selected options) named by aria-labelledby on the question.
def _listbox(n: int, q: str, opts: list[str], sel: str) -> str:
    items = "".join(f'<li role="option" aria-selected="{sw(o == sel)}">{o}</li>' for o in opts)
    return f'<div class=row><span id="lq{n}">{q}</span><ul role="listbox" aria-labelledby="lq{n}" style="list-style:none;margin:0;padding:0;border:1px solid #ccc;min-width:180px">{items}</ul></div>'


case(
    "fb4_open_listboxes_aria_selected", "facebook", "privacy",
    "<main><h1>Privacy settings</h1>"
    + _listbox(1, FB_Q["future"], ["Public", "Friends", "Only me", "Custom"], "Only me")
    + _listbox(2, FB_Q["requests"], ["Everyone", "Friends of friends"], "Everyone")
    + _listbox(3, FB_Q["lookup"], ["Everyone", "Friends of friends", "Friends", "Only me"], "Friends of friends")
    + _listbox(4, FB_Q["search"], ["Yes", "No"], "Yes") + "</main>",
    {"future_posts_audience": "only_me", "friend_requests": "everyone", "lookup_email": "friends_of_friends", "search_engine_link": "yes"},
)

# Questions split over several elements (an icon, <b>, a link on "email address"), comboboxes named
# by aria-labelledby="question value" (the name ends with the value), values in the button text.
case(
    "fb4_split_questions_labelledby_question_and_value", "facebook", "privacy",
    """<main><h1>Privacy settings</h1>
<div class=row><span id=q1><span aria-hidden=true>👁 </span>Who can <b>see</b> your future posts?</span><button role=combobox aria-expanded=false aria-haspopup=listbox aria-labelledby="q1 v1"><span id=v1>Public</span> ▾</button></div>
<div class=row><span id=q2>Who can send you <b>friend requests</b>?</span><button role=combobox aria-expanded=false aria-haspopup=listbox aria-labelledby="q2 v2"><span id=v2>Friends of friends</span> ▾</button></div>
<div class=row><span id=q3>Who can look you up using the <a href="#email">email address</a> you provided?</span><button role=combobox aria-expanded=false aria-haspopup=listbox aria-labelledby="q3 v3"><span id=v3>Everyone</span> ▾</button></div>
<div class=row><span id=q4>Do you want search engines <i>outside of Facebook</i> to link to your profile?</span><button role=combobox aria-expanded=false aria-haspopup=listbox aria-labelledby="q4 v4"><span id=v4>No</span> ▾</button></div></main>""",
    {"future_posts_audience": "public", "friend_requests": "friends_of_friends", "lookup_email": "everyone", "search_engine_link": "no"},
)

# A privacy-checkup summary card says future posts are "Public" while the editor below says
# "Friends" (the card is stale); the other three agree. Future posts: nobody can tell.
case(
    "fb4_checkup_card_disagrees_with_editor", "facebook", "privacy",
    f"""<main><h1>Privacy settings</h1>
<section style="border:1px solid #ccd0d5;border-radius:8px;padding:12px;max-width:740px"><h2>Privacy Checkup summary</h2>
<ul><li>{FB_Q['future']} <b>Public</b></li><li>{FB_Q['requests']} <b>Everyone</b></li><li>{FB_Q['lookup']} <b>Only me</b></li><li>{FB_Q['search']} <b>No</b></li></ul></section>
<h2>Edit</h2>
<div class=row><label for=c1>{FB_Q['future']}</label><select id=c1><option>Public</option><option selected>Friends</option><option>Only me</option><option>Custom</option></select></div>
<div class=row><label for=c2>{FB_Q['requests']}</label><select id=c2><option selected>Everyone</option><option>Friends of friends</option></select></div>
<div class=row><label for=c3>{FB_Q['lookup']}</label><select id=c3><option>Everyone</option><option>Friends of friends</option><option>Friends</option><option selected>Only me</option></select></div>
<div class=row><label for=c4>{FB_Q['search']}</label><select id=c4><option>Yes</option><option selected>No</option></select></div></main>""",
    {"future_posts_audience": None, "friend_requests": "everyone", "lookup_email": "only_me", "search_engine_link": "no"},
)

# Late state through a chain: a microtask, then a 300 ms timer, then a fetch (0.8 s); the selects
# start on a placeholder "Loading…" option and get their values by property.
case(
    "fb4_microtask_timer_fetch_chain", "facebook", "privacy",
    f"""<main><h1>Privacy settings</h1>
<div class=row><label for=m1>{FB_Q['future']}</label><select id=m1 disabled><option>Loading…</option><option>Public</option><option>Friends</option><option>Only me</option><option>Custom</option></select></div>
<div class=row><label for=m2>{FB_Q['requests']}</label><select id=m2 disabled><option>Loading…</option><option>Everyone</option><option>Friends of friends</option></select></div>
<div class=row><label for=m3>{FB_Q['lookup']}</label><select id=m3 disabled><option>Loading…</option><option>Everyone</option><option>Friends of friends</option><option>Friends</option><option>Only me</option></select></div>
<div class=row><label for=m4>{FB_Q['search']}</label><select id=m4 disabled><option>Loading…</option><option>Yes</option><option>No</option></select></div></main>
<script>
Promise.resolve().then(function () {{
  setTimeout(function () {{
    fetch('privacy.json').then(function (r) {{ return r.json(); }}).then(function (d) {{
      ['m1', 'm2', 'm3', 'm4'].forEach(function (id, i) {{ var s = document.getElementById(id); s.value = d[i]; s.disabled = false; s.options[0].remove(); }});
    }});
  }}, 300);
}});
</script>""",
    {"future_posts_audience": "friends", "friend_requests": "friends_of_friends", "lookup_email": "only_me", "search_engine_link": "yes"},
    files={"privacy.json": (json.dumps(["Friends", "Friends of friends", "Only me", "Yes"]), JSON, 0.8)},
)

# Decoys: a Help Center sidebar with "popular questions" that quote the questions with answers,
# and a search box with suggestions; the real values are native selects.
case(
    "fb4_help_sidebar_and_search_suggestions", "facebook", "privacy",
    f"""<div role=search><input aria-label="Search settings" role=combobox aria-expanded=true aria-controls=fs value="who can">
<ul role=listbox id=fs><li role=option>{FB_Q['future']} Public</li><li role=option>{FB_Q['requests']} Everyone</li></ul></div>
<main><h1>Privacy settings</h1><div style="display:flex;gap:24px"><div style="flex:1">
<div class=row><label for=h1s>{FB_Q['future']}</label><select id=h1s><option>Public</option><option>Friends</option><option selected>Only me</option><option>Custom</option></select></div>
<div class=row><label for=h2s>{FB_Q['requests']}</label><select id=h2s><option>Everyone</option><option selected>Friends of friends</option></select></div>
<div class=row><label for=h3s>{FB_Q['lookup']}</label><select id=h3s><option>Everyone</option><option>Friends of friends</option><option selected>Friends</option><option>Only me</option></select></div>
<div class=row><label for=h4s>{FB_Q['search']}</label><select id=h4s><option>Yes</option><option selected>No</option></select></div></div>
<aside style="width:260px;background:#f0f2f5;padding:10px"><h2>Popular in Help Center</h2>
<p><b>{FB_Q['search']}</b> Choose Yes so people can find you.</p><p><b>{FB_Q['lookup']}</b> Everyone (default).</p></aside></div></main>""",
    {"future_posts_audience": "only_me", "friend_requests": "friends_of_friends", "lookup_email": "friends", "search_engine_link": "no"},
)

# The linked Instagram account's settings, shown read-only in a disabled fieldset with other values,
# below the Facebook rows (role=radio divs in Comet radiogroups).
def _comet_radios(n: int, q: str, opts: list[str], sel: str, disabled: bool = False) -> str:
    items = "".join(f'<div role="radio" aria-checked="{sw(o == sel)}" tabindex="{0 if o == sel else -1}"{" aria-disabled=true" if disabled else ""} class="x1ypdohk" style="padding:2px 8px">{o}</div>' for o in opts)
    return f'<div class=row><span id="cq{n}">{q}</span><div role="radiogroup" aria-labelledby="cq{n}" style="display:flex;gap:6px">{items}</div></div>'


case(
    "fb4_linked_account_readonly_copy", "facebook", "privacy",
    "<main><h1>Privacy settings</h1>"
    + _comet_radios(1, FB_Q["future"], ["Public", "Friends", "Only me", "Custom"], "Friends")
    + _comet_radios(2, FB_Q["requests"], ["Everyone", "Friends of friends"], "Friends of friends")
    + _comet_radios(3, FB_Q["lookup"], ["Everyone", "Friends of friends", "Friends", "Only me"], "Only me")
    + _comet_radios(4, FB_Q["search"], ["Yes", "No"], "No")
    + "<fieldset disabled aria-disabled=true style=\"opacity:.55;margin-top:24px\"><legend>Instagram · @sam.travels (view only)</legend>"
    + _comet_radios(5, FB_Q["future"], ["Public", "Friends", "Only me", "Custom"], "Public", True)
    + _comet_radios(6, FB_Q["requests"], ["Everyone", "Friends of friends"], "Everyone", True)
    + _comet_radios(7, FB_Q["lookup"], ["Everyone", "Friends of friends", "Friends", "Only me"], "Everyone", True)
    + _comet_radios(8, FB_Q["search"], ["Yes", "No"], "Yes", True) + "</fieldset></main>",
    {"future_posts_audience": "friends", "friend_requests": "friends_of_friends", "lookup_email": "only_me", "search_engine_link": "no"},
)

# A right-to-left layout (Hebrew chrome) with Salesforce Lightning comboboxes: the value sits in a
# readonly <input class=slds-combobox__input value=...> inside a div role=combobox.
def _slds(n: int, q: str, value: str) -> str:
    return (f'<div class="slds-form-element row"><label class="slds-form-element__label" for="combobox-{n}"><bdi>{q}</bdi></label>'
            f'<div class="slds-combobox_container"><div class="slds-combobox slds-dropdown-trigger slds-dropdown-trigger_click" aria-expanded="false" aria-haspopup="listbox" role="combobox">'
            f'<div class="slds-combobox__form-element" role="none"><input type="text" class="slds-input slds-combobox__input" id="combobox-{n}" aria-controls="listbox-{n}" autocomplete="off" role="textbox" readonly value="{value}"></div></div></div></div>')


case(
    "fb4_rtl_salesforce_lightning_comboboxes", "facebook", "privacy",
    "<main dir=rtl><h1>Privacy settings <span lang=he>הגדרות פרטיות</span></h1>"
    + _slds(1, FB_Q["future"], "Friends") + _slds(2, FB_Q["requests"], "Everyone") + _slds(3, FB_Q["lookup"], "Only me") + _slds(4, FB_Q["search"], "Yes")
    + "</main>",
    {"future_posts_audience": "friends", "friend_requests": "everyone", "lookup_email": "only_me", "search_engine_link": "yes"},
    lang="he",
)

# GOV.UK-style "check your answers" list: values in <dd>, Change links whose visually-hidden text
# repeats the whole question.
def _summary_row(q: str, value: str) -> str:
    return (f'<div class="govuk-summary-list__row" style="display:flex;gap:16px;border-bottom:1px solid #b1b4b6;padding:8px 0"><dt class="govuk-summary-list__key" style="width:420px;font-weight:700">{q}</dt>'
            f'<dd class="govuk-summary-list__value" style="margin:0;width:180px">{value}</dd><dd class="govuk-summary-list__actions" style="margin:0"><a class="govuk-link" href="#">Change<span class="govuk-visually-hidden"> {q[:1].lower() + q[1:]}</span></a></dd></div>')


case(
    "fb4_check_answers_summary_list", "facebook", "privacy",
    "<main><h1>Privacy settings</h1><dl class=govuk-summary-list>"
    + _summary_row(FB_Q["future"], "Friends") + _summary_row(FB_Q["requests"], "Friends of friends") + _summary_row(FB_Q["lookup"], "Everyone") + _summary_row(FB_Q["search"], "No")
    + "</dl></main>",
    {"future_posts_audience": "friends", "friend_requests": "friends_of_friends", "lookup_email": "everyone", "search_engine_link": "no"},
)

# --- Facebook, ad settings ------------------------------------------------------------------------

# One toggle button (aria-pressed) named by the section heading through aria-labelledby, its text
# a fixed verb ("Use"); the state is only in aria-pressed.
case(
    "fb4_ads_single_pressed_toggle_button", "facebook", "ad_settings",
    """<main><h1>Activity information from ad partners</h1>
<section aria-labelledby=ah><h2 id=ah>Activity information from ad partners</h2><p id=ad>Partners give us information about your activity on their websites and apps.</p>
<button type=button aria-pressed=true aria-labelledby=ah aria-describedby=ad style="padding:6px 14px">Use</button></section></main>""",
    {"partner_ads": "on"},
)

# Ionic ion-toggle: the label is the host's light-DOM text shown through a slot; the shadow root
# holds <input type=checkbox role=switch> with its checked state set by property.
_ION = """<script>
customElements.define('ion-toggle', class extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    var on = this.hasAttribute('checked');
    var root = this.attachShadow({mode: 'open'});
    root.innerHTML = '<style>:host{display:block}label{display:flex;justify-content:space-between;align-items:center;padding:12px 16px;max-width:720px}.track{width:51px;height:31px;border-radius:16px;background:' + (on ? '#2dd36f' : '#e0e0e0') + '}input{position:absolute;opacity:0}</style><label class=toggle-wrapper><input type=checkbox role=switch aria-checked=' + (on ? 'true' : 'false') + '><div class=label-text-wrapper><slot></slot></div><div class=native-wrapper><div class=track></div></div></label>';
    root.querySelector('input').checked = on;
  }
});
</script>"""
case(
    "fb4_ads_ionic_ion_toggle", "facebook", "ad_settings",
    """<main><h1>Activity information from ad partners</h1><ion-list><ion-item>
<ion-toggle justify=space-between>Activity information from ad partners</ion-toggle></ion-item>
<ion-item><ion-note>Turn this on to let partners share your activity with us.</ion-note></ion-item></ion-list></main>""",
    {"partner_ads": "off"},
    head=_ION,
)

# Server-rendered "On", then hydration replaces <main> with the fetched state ("Off") after 1.1 s.
case(
    "fb4_ads_hydration_replaces_main", "facebook", "ad_settings",
    """<main><h1>Activity information from ad partners</h1><div class=row><span id=pp>Ads based on data from partners</span><button role=switch aria-checked=true aria-labelledby=pp></button></div></main>
<script>fetch('s.json').then(function (r) { return r.json(); }).then(function (d) {
  var m = document.createElement('main');
  m.innerHTML = '<h1>Activity information from ad partners</h1><div class=row><span id=pq>Ads based on data from partners</span><button role=switch aria-checked=' + d.on + ' aria-labelledby=pq></button></div>';
  document.querySelector('main').replaceWith(m);
});</script>""",
    {"partner_ads": "off"},
    files={"s.json": (json.dumps({"on": "false"}), JSON, 1.1)},
)

# A "Review your ad settings" dialog already open over an inert page; the dialog holds the Chakra
# switch (visually-hidden input, data-checked on the track), the page behind a status line that
# agrees ("Status: On").
case(
    "fb4_ads_chakra_switch_in_open_dialog", "facebook", "ad_settings",
    """<main inert><h1>Activity information from ad partners</h1><p>Activity information from ad partners · Status: On</p></main>
<section role=dialog aria-modal=true aria-labelledby=rv style="position:fixed;top:60px;left:160px;background:#fff;padding:20px;box-shadow:0 8px 30px #0004"><h2 id=rv>Review your ad settings</h2>
<label class=chakra-switch data-checked style="display:flex;gap:12px;align-items:center"><input class=chakra-switch__input type=checkbox checked style="border:0;clip:rect(0,0,0,0);height:1px;width:1px;margin:-1px;overflow:hidden;padding:0;position:absolute">
<span class=chakra-switch__track data-checked aria-hidden=true style="width:34px;height:18px;background:#3182ce;border-radius:9px"><span class=chakra-switch__thumb data-checked></span></span>
<span class=chakra-switch__label>Activity information from ad partners</span></label>
<button type=button>Close</button></section>""",
    {"partner_ads": "on"},
)

# Salesforce Lightning checkbox toggle: both words ("Enabled"/"Disabled") are in the DOM and in the
# input's aria-describedby; CSS hides the one that does not apply.
case(
    "fb4_ads_slds_toggle_both_words_describedby", "facebook", "ad_settings",
    """<main><h1>Activity information from ad partners</h1><div class=slds-form-element>
<label class="slds-checkbox_toggle slds-grid" style="display:flex;gap:12px"><span class="slds-form-element__label">Ads based on data from partners</span>
<input type=checkbox name=tg aria-describedby=tg-desc>
<span id=tg-desc class=slds-checkbox_faux_container aria-live=assertive><span class=slds-checkbox_faux></span><span class=slds-checkbox_on>Enabled</span><span class=slds-checkbox_off>Disabled</span></span></label></div></main>""",
    {"partner_ads": "off"},
    head="<style>.slds-checkbox_toggle input{position:absolute;opacity:0}.slds-checkbox_toggle input:checked+.slds-checkbox_faux_container .slds-checkbox_off,.slds-checkbox_toggle input:not(:checked)+.slds-checkbox_faux_container .slds-checkbox_on{display:none}</style>",
)


# ============================================================================================
# Microsoft
# ============================================================================================

# Fluent UI React v9 Cards: each card a role=group named by aria-labelledby on its header; the
# switch (fui-Switch__input) is named by aria-labelledby="header description" and has no label of
# its own; a fui-Badge in the header repeats the state.
def _fui_card(n: int, title: str, desc: str, on: bool) -> str:
    return (f'<div class="fui-Card" role="group" aria-labelledby="ch{n}" style="border:1px solid #e0e0e0;border-radius:8px;padding:12px;margin:8px 0;max-width:740px">'
            f'<div class="fui-CardHeader"><div class="fui-CardHeader__header"><b id="ch{n}">{title}</b> <span class="fui-Badge" style="font-size:11px">{"On" if on else "Off"}</span></div>'
            f'<div class="fui-CardHeader__description" id="cd{n}">{desc}</div></div>'
            f'<div class="fui-Switch"><input class="fui-Switch__input" type="checkbox" role="switch" id="switch-r{n}" aria-labelledby="ch{n} cd{n}"{ck(on)}><div aria-hidden="true" class="fui-Switch__indicator"><svg width="20" height="20"></svg></div></div></div>')


case(
    "ms4_fluent9_cards_labelledby_header_description_badge", "microsoft", "privacy_dashboard",
    "<main><h1>Privacy dashboard</h1>"
    + _fui_card(1, "Location activity", "Locations your devices report, including Search history places", False)
    + _fui_card(2, "Search history", "Your Bing searches. Location activity is listed separately.", True) + "</main>",
    {"location_activity": "off", "search_history": "on"},
)

# Spectrum Web Components <sp-switch>: label via the default slot, the input role=switch inside an
# open shadow root, emphasized/checked attributes on the host.
_SP = """<script>
customElements.define('sp-switch', class extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    var root = this.attachShadow({mode: 'open'});
    root.innerHTML = '<style>:host{display:inline-flex;align-items:center;gap:10px;padding:8px 0}#switch{width:26px;height:14px;border-radius:7px;background:#b3b3b3}:host([checked]) #switch{background:#2680eb}input{position:absolute;opacity:0}</style><input id=input type=checkbox role=switch><span id=switch></span><label id=label for=input><slot></slot></label>';
    root.querySelector('input').checked = this.hasAttribute('checked');
  }
});
</script>"""
case(
    "ms4_spectrum_sp_switch", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1><sp-field-group vertical>
<sp-switch emphasized checked>Location activity</sp-switch><br>
<sp-switch emphasized>Search history</sp-switch></sp-field-group>
<sp-help-text>Search history and Location activity are cleared after 18 months.</sp-help-text></main>""",
    {"location_activity": "on", "search_history": "off"},
    head=_SP,
)

# Carbon <cds-toggle> web component: the label text is an attribute rendered into the shadow root
# (label-text), the button role=switch inside names itself by aria-labelledby on that label, and
# the On/Off text (label-a / label-b) is aria-hidden.
_CDS = """<script>
customElements.define('cds-toggle', class extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    var on = this.hasAttribute('toggled');
    var root = this.attachShadow({mode: 'open'});
    root.innerHTML = '<style>:host{display:block;padding:8px 0}.cds--toggle__switch{display:inline-block;width:48px;height:24px;border-radius:12px;background:' + (on ? '#24a148' : '#8d8d8d') + '}</style><button class=cds--toggle__button role=switch type=button aria-checked=' + (on ? 'true' : 'false') + ' aria-labelledby=label></button><label id=label class=cds--toggle><span class=cds--toggle__label-text>' + this.getAttribute('label-text') + '</span><div class=cds--toggle__appearance><div class=cds--toggle__switch></div><span class=cds--toggle__text aria-hidden=true>' + (on ? this.getAttribute('label-a') : this.getAttribute('label-b')) + '</span></div></label>';
  }
});
</script>"""
case(
    "ms4_carbon_cds_toggle_web_component", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1>
<cds-toggle label-text="Location activity" label-a="On" label-b="Off"></cds-toggle>
<cds-toggle label-text="Search history" label-a="On" label-b="Off" toggled></cds-toggle></main>""",
    {"location_activity": "off", "search_history": "on"},
    head=_CDS,
)

# On/Off toggle-button pairs per row (aria-pressed), in a role=group named by the row's label.
case(
    "ms4_on_off_pressed_pairs", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1>
<div class=row role=group aria-labelledby=pl><span id=pl>Location activity</span><span><button type=button aria-pressed=true>On</button><button type=button aria-pressed=false>Off</button></span></div>
<div class=row role=group aria-labelledby=ps><span id=ps>Search history</span><span><button type=button aria-pressed=true>On</button><button type=button aria-pressed=false>Off</button></span></div></main>""",
    {"location_activity": "on", "search_history": "on"},
)

# A read-only dashboard: each row "Status: Off" / "Status: On" with a "Manage" link, no control.
case(
    "ms4_readonly_status_rows", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1>
<div class=row><div><h2 style="font-size:16px;margin:0">Location activity</h2><p style="margin:2px 0">Status: Off</p></div><a href="#loc">Manage location activity</a></div>
<div class=row><div><h2 style="font-size:16px;margin:0">Search history</h2><p style="margin:2px 0">Status: On</p></div><a href="#search">Manage search history</a></div></main>""",
    {"location_activity": "off", "search_history": "on"},
)

# Nested <details>: an open outer "Activity data" section, inner closed sections per setting, the
# switch inside each inner one (a person opens them: the summaries are disclosures).
case(
    "ms4_nested_details_inner_closed", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1><details open><summary>Activity data</summary>
<details><summary>Location activity</summary><div class=row><label for=nd1>Save location activity</label><input type=checkbox role=switch id=nd1 aria-label="Location activity" checked></div></details>
<details><summary>Search history</summary><div class=row><label for=nd2>Save search history</label><input type=checkbox role=switch id=nd2 aria-label="Search history"></div></details>
</details></main>""",
    {"location_activity": "on", "search_history": "off"},
)

# A sticky summary bar at the top with state pills that agree with the switches below a tall intro.
case(
    "ms4_sticky_summary_bar_agrees", "microsoft", "privacy_dashboard",
    """<div style="position:sticky;top:0;background:#fff;border-bottom:1px solid #ccc;padding:6px;z-index:2">Location activity <span class=chip>Off</span> · Search history <span class=chip>Off</span></div>
<main><h1>Privacy dashboard</h1><div style="height:900px">Manage the data Microsoft saves about you.</div>
<div class=row><label for=sb1>Location activity</label><input type=checkbox role=switch id=sb1></div>
<div class=row><label for=sb2>Search history</label><input type=checkbox role=switch id=sb2></div></main>""",
    {"location_activity": "off", "search_history": "off"},
)

# A work account's policy panel (locked by the organization, other values) above the personal
# switches; the locked ones carry aria-readonly and "Managed by Contoso".
case(
    "ms4_work_account_locked_panel", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1>
<section style="background:#f3f2f1;padding:10px;max-width:740px"><h2>sam@contoso.com (work account)</h2><p>🔒 Managed by Contoso. You can't change these.</p>
<div class=row><span id=w1>Location activity</span><button role=switch aria-checked=true aria-readonly=true aria-disabled=true aria-labelledby=w1></button></div>
<div class=row><span id=w2>Search history</span><button role=switch aria-checked=false aria-readonly=true aria-disabled=true aria-labelledby=w2></button></div></section>
<h2>sam@outlook.com</h2>
<div class=row><span id=w3>Location activity</span><button role=switch aria-checked=false aria-labelledby=w3></button></div>
<div class=row><span id=w4>Search history</span><button role=switch aria-checked=true aria-labelledby=w4></button></div></main>""",
    {"location_activity": "off", "search_history": "on"},
)

# Lit-style rows with aria-describedby noise: each switch's description names the OTHER setting
# and the other value ("Search history stays on"); names come from label for.
case(
    "ms4_describedby_names_other_setting", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1>
<div class=row><label for=dn1>Location activity</label><input type=checkbox role=switch id=dn1 aria-describedby=dd1><small id=dd1>Turning this off doesn't change Search history, which stays on.</small></div>
<div class=row><label for=dn2>Search history</label><input type=checkbox role=switch id=dn2 checked aria-describedby=dd2><small id=dd2>Location activity is off on this device.</small></div></main>""",
    {"location_activity": "off", "search_history": "on"},
)

# Values set in a microtask queued from a 900 ms timer, by property only (checked), in an
# aria-busy region that starts with "Loading…".
case(
    "ms4_late_property_in_microtask", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1><div id=reg aria-busy=true><p id=ld>Loading…</p>
<div class=row><label for=lp1>Location activity</label><input type=checkbox role=switch id=lp1></div>
<div class=row><label for=lp2>Search history</label><input type=checkbox role=switch id=lp2></div></div></main>
<script>setTimeout(function () { queueMicrotask(function () {
  document.getElementById('lp1').checked = true; document.getElementById('lp2').checked = true;
  document.getElementById('reg').setAttribute('aria-busy', 'false'); document.getElementById('ld').remove();
}); }, 900);</script>""",
    {"location_activity": "on", "search_history": "on"},
)

# --- Microsoft, ad settings -----------------------------------------------------------------------

# Angular Material (MDC) slide toggles: button.mdc-switch role=switch with aria-checked, named by a
# <label class=mdc-label for=...-button>; the visible label ends with an info icon ligature.
def _mdc(n: int, label: str, on: bool) -> str:
    return (f'<mat-slide-toggle class="mat-mdc-slide-toggle{" mat-mdc-slide-toggle-checked" if on else ""}" id="mat-mdc-slide-toggle-{n}"><div class="mdc-form-field row">'
            f'<button class="mdc-switch{" mdc-switch--selected" if on else " mdc-switch--unselected"}" role="switch" type="button" id="mat-mdc-slide-toggle-{n}-button" aria-checked="{sw(on)}" tabindex="0">'
            f'<span class="mdc-switch__track"></span><span class="mdc-switch__handle-track"><span class="mdc-switch__handle"><span class="mdc-switch__icons"><svg class="mdc-switch__icon mdc-switch__icon--on" viewBox="0 0 24 24" aria-hidden="true"></svg></span></span></span></button>'
            f'<label class="mdc-label" for="mat-mdc-slide-toggle-{n}-button">{label} <mat-icon class="material-icons" aria-hidden="true">info</mat-icon></label></div></mat-slide-toggle>')


case(
    "ms4_ads_angular_mdc_slide_toggles", "microsoft", "ad_settings",
    "<main><h1>Personalized ad settings</h1>"
    + _mdc(1, "Personalized ads wherever I use my Microsoft account", True)
    + _mdc(2, "Personalized ads in this browser", False) + "</main>",
    {"personalized_ads_account": "on", "personalized_ads_browser": "off"},
)

# Polaris ChoiceList radio cards per setting ("On"/"Off"), in a fieldset whose legend is the label.
def _polaris(n: int, label: str, on: bool) -> str:
    return (f'<fieldset class="Polaris-ChoiceList" id="PolarisChoiceList{n}" style="border:0;padding:6px 0"><legend class="Polaris-ChoiceList__Title">{label}</legend>'
            f'<ul class="Polaris-ChoiceList__Choices" style="display:flex;gap:12px;list-style:none;padding:0">'
            f'<li><label class="Polaris-Choice" for="pc{n}a"><span class="Polaris-RadioButton"><input id="pc{n}a" name="pc{n}" type="radio" class="Polaris-RadioButton__Input" value="on"{ck(on)}></span><span class="Polaris-Choice__Label">On</span></label></li>'
            f'<li><label class="Polaris-Choice" for="pc{n}b"><span class="Polaris-RadioButton"><input id="pc{n}b" name="pc{n}" type="radio" class="Polaris-RadioButton__Input" value="off"{ck(not on)}></span><span class="Polaris-Choice__Label">Off</span></label></li></ul></fieldset>')


case(
    "ms4_ads_polaris_choice_lists", "microsoft", "ad_settings",
    "<main><h1>Personalized ad settings</h1>" + _polaris(1, "Personalized ads wherever I use my Microsoft account", False) + _polaris(2, "Personalized ads in this browser", True) + "</main>",
    {"personalized_ads_account": "off", "personalized_ads_browser": "on"},
)

# A summary card at the top says the account-wide setting is "On" while its switch below is off;
# the browser setting agrees in both places.
case(
    "ms4_ads_summary_card_disagrees", "microsoft", "ad_settings",
    """<main><h1>Personalized ad settings</h1>
<div style="border:1px solid #e1dfdd;padding:10px;max-width:740px"><h2>Your choices</h2><p>Personalized ads wherever I use my Microsoft account: <b>On</b></p><p>Personalized ads in this browser: <b>Off</b></p></div>
<div class=row><label for=sd1>Personalized ads wherever I use my Microsoft account</label><input type=checkbox role=switch id=sd1></div>
<div class=row><label for=sd2>Personalized ads in this browser</label><input type=checkbox role=switch id=sd2></div></main>""",
    {"personalized_ads_account": None, "personalized_ads_browser": "off"},
)

# An open popover (popover attribute, shown on load) announcing a change in help-text words, above
# Fluent v9 switches with the label before the switch.
case(
    "ms4_ads_open_popover_whats_new_fluent9", "microsoft", "ad_settings",
    """<div popover id=pop style="top:10px;left:auto;right:10px;margin:0;max-width:300px"><b>What's new</b><p>Personalized ads in this browser is now On for everyone. Personalized ads wherever I use my Microsoft account: Off by default.</p></div>
<main><h1>Personalized ad settings</h1>
<div class="fui-Switch row"><label class="fui-Label fui-Switch__label" for="fs1">Personalized ads wherever I use my Microsoft account</label><input class="fui-Switch__input" type=checkbox role=switch id=fs1 checked><div aria-hidden=true class=fui-Switch__indicator></div></div>
<div class="fui-Switch row"><label class="fui-Label fui-Switch__label" for="fs2">Personalized ads in this browser</label><input class="fui-Switch__input" type=checkbox role=switch id=fs2><div aria-hidden=true class=fui-Switch__indicator></div></div></main>
<script>document.getElementById('pop').showPopover();</script>""",
    {"personalized_ads_account": "on", "personalized_ads_browser": "off"},
)

# Rows scaled by transform (0.85) inside a zoomed (1.25) container, Vuetify v-switch markup: the
# input role=switch with aria-checked, label for, v-selection-control--dirty on the checked one.
def _vsw(n: int, label: str, on: bool) -> str:
    return (f'<div class="v-input v-input--horizontal v-switch row"><div class="v-input__control"><div class="v-selection-control{" v-selection-control--dirty" if on else ""}">'
            f'<div class="v-selection-control__wrapper"><div class="v-switch__track"></div><div class="v-selection-control__input"><input id="input-{n}" aria-disabled="false" type="checkbox" role="switch" aria-checked="{sw(on)}" value="true"{ck(on)}><div class="v-switch__thumb"></div></div></div>'
            f'<label class="v-label" for="input-{n}">{label}</label></div></div></div>')


case(
    "ms4_ads_vuetify_switch_zoom_and_transform", "microsoft", "ad_settings",
    "<main><h1>Personalized ad settings</h1><div style=\"zoom:1.25\"><div style=\"transform:scale(.85);transform-origin:0 0\">"
    + _vsw(1, "Personalized ads wherever I use my Microsoft account", False) + _vsw(2, "Personalized ads in this browser", True) + "</div></div></main>",
    {"personalized_ads_account": "off", "personalized_ads_browser": "on"},
)

# Rows rendered lazily with content-visibility:auto far below the fold, each a Chakra-style switch
# with data-checked and a visually-hidden checkbox; a sticky header repeats the page title.
case(
    "ms4_ads_content_visibility_rows_below_sticky_header", "microsoft", "ad_settings",
    """<header style="position:sticky;top:0;background:#fff;z-index:2;border-bottom:1px solid #ddd"><b>Personalized ad settings</b></header>
<main><h1>Personalized ad settings</h1><div style="height:1600px">Microsoft shows ads in Bing, MSN, Outlook.com and partner sites.</div>
<div style="content-visibility:auto;contain-intrinsic-size:auto 60px">
<label class="chakra-switch row" data-checked><span class=chakra-switch__label>Personalized ads wherever I use my Microsoft account</span><input class=chakra-switch__input type=checkbox checked style="position:absolute;clip:rect(0,0,0,0);width:1px;height:1px"><span class=chakra-switch__track data-checked aria-hidden=true style="width:34px;height:18px;background:#3182ce;border-radius:9px"></span></label>
<label class="chakra-switch row"><span class=chakra-switch__label>Personalized ads in this browser</span><input class=chakra-switch__input type=checkbox style="position:absolute;clip:rect(0,0,0,0);width:1px;height:1px"><span class=chakra-switch__track aria-hidden=true style="width:34px;height:18px;background:#cbd5e0;border-radius:9px"></span></label></div></main>""",
    {"personalized_ads_account": "on", "personalized_ads_browser": "off"},
)

# RTL page whose rows are CSS grids with the switch cell first in the DOM and order:2 moving it
# after the label; ant-design buttons role=switch (state in aria-checked and the ant-switch-checked
# class), named by aria-labelledby pointing at the label and a "(this device)" note.
case(
    "ms4_ads_rtl_grid_order_ant_switches", "microsoft", "ad_settings",
    """<main dir=rtl><h1>Personalized ad settings</h1>
<div style="display:grid;grid-template-columns:1fr auto;max-width:760px;padding:8px 0"><button type=button role=switch aria-checked=false class="ant-switch" aria-labelledby="al1" style="order:2"><span class=ant-switch-handle></span></button><span id=al1 style="order:1"><bdi>Personalized ads wherever I use my Microsoft account</bdi></span></div>
<div style="display:grid;grid-template-columns:1fr auto;max-width:760px;padding:8px 0"><button type=button role=switch aria-checked=false class="ant-switch" aria-labelledby="al2 al2n" style="order:2"><span class=ant-switch-handle></span></button><span style="order:1"><bdi id=al2>Personalized ads in this browser</bdi> <small id=al2n>(this device)</small></span></div></main>""",
    {"personalized_ads_account": "off", "personalized_ads_browser": "off"},
    lang="ar",
)

# The state is a pressed/unpressed toggle button whose visible text flips between "Turn on" and
# "Turn off" (the action), aria-pressed carries the state; pressing it would change the setting.
case(
    "ms4_ads_action_text_buttons_with_pressed_state", "microsoft", "ad_settings",
    """<main><h1>Personalized ad settings</h1>
<div class=row><span id=ta>Personalized ads wherever I use my Microsoft account</span><button type=button aria-pressed=true aria-labelledby=ta>Turn off</button></div>
<div class=row><span id=tb>Personalized ads in this browser</span><button type=button aria-pressed=false aria-labelledby=tb>Turn on</button></div></main>""",
    {"personalized_ads_account": "on", "personalized_ads_browser": "off"},
)


# ============================================================================================
# More pages (second batch): ElementInternals ARIA, value-in-aria-label buttons, misused ARIA
# ============================================================================================

# A Lit/FAST-style element that sets role, name and state through ElementInternals only (no ARIA
# attributes anywhere in the DOM): internals.role='switch', internals.ariaChecked,
# internals.ariaLabel. The visible text is in its shadow root.
_INTERNALS = """<script>
customElements.define('ia-switch', class extends HTMLElement {
  constructor() { super(); this._i = this.attachInternals(); }
  connectedCallback() {
    if (this.shadowRoot) return;
    var on = this.hasAttribute('on');
    this._i.role = 'switch'; this._i.ariaChecked = on ? 'true' : 'false'; this._i.ariaLabel = this.getAttribute('text');
    this.tabIndex = 0;
    this.attachShadow({mode: 'open'}).innerHTML = '<style>:host{display:flex;justify-content:space-between;align-items:center;max-width:740px;padding:10px 0;border-bottom:1px solid #ddd}.t{width:40px;height:22px;border-radius:11px;background:' + (on ? '#1a73e8' : '#9aa0a6') + '}</style><span>' + this.getAttribute('text') + '</span><span class=t></span>';
  }
});
</script>"""
case(
    "g4_element_internals_aria_only", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<ia-switch text="Web &amp; App Activity" on></ia-switch>
<ia-switch text="Timeline"></ia-switch>
<ia-switch text="YouTube History" on></ia-switch></main>""",
    {"web_app_activity": "on", "timeline": "off", "youtube_history": "on"},
    head=_INTERNALS,
)

case(
    "ms4_element_internals_aria_only", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1>
<ia-switch text="Location activity"></ia-switch>
<ia-switch text="Search history" on></ia-switch></main>""",
    {"location_activity": "off", "search_history": "on"},
    head=_INTERNALS,
)

# Facebook's own audience buttons: an icon plus the audience word, and an aria-label sentence that
# carries the value ("Edit privacy. Sharing with Friends."); no combobox, no question in the name.
def _fb_audience(n: int, q: str, value: str, icon: str) -> str:
    return (f'<div class=row><span class="x193iq5w">{q}</span><div role="button" tabindex="0" aria-label="Edit privacy. Sharing with {value}." class="x1i10hfl x1ypdohk">'
            f'<i aria-hidden="true">{icon}</i> <span class="x1lliihq">{value}</span> <i aria-hidden="true">▾</i></div></div>')


case(
    "fb4_comet_audience_buttons_aria_label_sentence", "facebook", "privacy",
    "<main><h1>Privacy settings</h1>"
    + _fb_audience(1, FB_Q["future"], "Public", "🌎") + _fb_audience(2, FB_Q["requests"], "Everyone", "🌎")
    + _fb_audience(3, FB_Q["lookup"], "Friends", "👥") + _fb_audience(4, FB_Q["search"], "No", "🚫") + "</main>",
    {"future_posts_audience": "public", "friend_requests": "everyone", "lookup_email": "friends", "search_engine_link": "no"},
)

# A redesign that turns the yes/no search-engine question into a switch (role=switch aria-checked),
# the audiences into native <select>s whose option values are opaque ids.
case(
    "fb4_search_engine_as_switch_selects_with_id_values", "facebook", "privacy",
    f"""<main><h1>Privacy settings</h1>
<div class=row><label for=iv1>{FB_Q['future']}</label><select id=iv1><option value="300645083384735">Public</option><option value="291667064279714" selected>Friends</option><option value="286958161406148">Only me</option><option value="0">Custom</option></select></div>
<div class=row><label for=iv2>{FB_Q['requests']}</label><select id=iv2><option value="1">Everyone</option><option value="2" selected>Friends of friends</option></select></div>
<div class=row><label for=iv3>{FB_Q['lookup']}</label><select id=iv3><option value="80">Everyone</option><option value="50">Friends of friends</option><option value="40">Friends</option><option value="10" selected>Only me</option></select></div>
<div class=row><span id=iv4>{FB_Q['search']}</span><button type=button role=switch aria-checked=true aria-labelledby=iv4></button></div></main>""",
    {"future_posts_audience": "friends", "friend_requests": "friends_of_friends", "lookup_email": "only_me", "search_engine_link": "yes"},
)

# Closed <details> per question whose <summary> shows the question and the current value; the
# radios inside repeat it (a person can read it from the summary, or open it).
def _det(n: int, q: str, opts: list[str], sel: str) -> str:
    items = "".join(f'<label style="display:block"><input type="radio" name="dq{n}"{ck(o == sel)}> {o}</label>' for o in opts)
    return f'<details style="border-bottom:1px solid #ddd;padding:8px 0;max-width:760px"><summary><span>{q}</span> <b style="float:right">{sel}</b></summary><fieldset><legend>{q}</legend>{items}</fieldset></details>'


case(
    "fb4_closed_details_value_in_summary", "facebook", "privacy",
    "<main><h1>Privacy settings</h1>"
    + _det(1, FB_Q["future"], ["Public", "Friends", "Only me", "Custom"], "Only me")
    + _det(2, FB_Q["requests"], ["Everyone", "Friends of friends"], "Everyone")
    + _det(3, FB_Q["lookup"], ["Everyone", "Friends of friends", "Friends", "Only me"], "Friends of friends")
    + _det(4, FB_Q["search"], ["Yes", "No"], "Yes") + "</main>",
    {"future_posts_audience": "only_me", "friend_requests": "everyone", "lookup_email": "friends_of_friends", "search_engine_link": "yes"},
)

# role=switch misused with aria-pressed (no aria-checked): drawn on by CSS. A sighted person sees
# "on", a screen reader says "off": the reader may say "on" or nothing, never "off".
case(
    "ms4_switch_role_with_aria_pressed", "microsoft", "ad_settings",
    """<main><h1>Personalized ad settings</h1>
<div class=row><span id=mp1>Personalized ads wherever I use my Microsoft account</span><button type=button role=switch aria-pressed=true aria-labelledby=mp1 style="background:#0f6cbd"></button></div>
<div class=row><span id=mp2>Personalized ads in this browser</span><button type=button role=switch aria-pressed=true aria-labelledby=mp2 style="background:#0f6cbd"></button></div></main>""",
    {"personalized_ads_account": Either("on"), "personalized_ads_browser": Either("on")},
)

# A "recently changed" activity feed inside <main> (role=feed articles: "You turned on Search
# history · 2 days ago", "Location activity was turned off · last week"), above the switches that
# show the current, different values.
case(
    "ms4_activity_feed_of_past_changes", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1>
<section aria-label="Recent changes" role=feed style="background:#faf9f8;padding:8px;max-width:740px">
<article aria-posinset=1 aria-setsize=2><p>You turned on <b>Search history</b> · 2 days ago</p></article>
<article aria-posinset=2 aria-setsize=2><p><b>Location activity</b>: Off · changed last week</p></article></section>
<div class=row><label for=af1>Location activity</label><input type=checkbox role=switch id=af1 checked></div>
<div class=row><label for=af2>Search history</label><input type=checkbox role=switch id=af2></div></main>""",
    {"location_activity": "on", "search_history": "off"},
)

# The row's state is only in a requestAnimationFrame + requestIdleCallback chain after load (a
# "progressive" renderer); before that the switches are absent and the rows show dashes.
case(
    "ms4_ads_raf_idle_callback_render", "microsoft", "ad_settings",
    """<main><h1>Personalized ad settings</h1>
<div class=row><span id=ri1>Personalized ads wherever I use my Microsoft account</span><span id=rs1>—</span></div>
<div class=row><span id=ri2>Personalized ads in this browser</span><span id=rs2>—</span></div></main>
<script>requestAnimationFrame(function () { requestIdleCallback(function () { setTimeout(function () {
  [['rs1', 'ri1', false], ['rs2', 'ri2', true]].forEach(function (r) {
    var b = document.createElement('button'); b.type = 'button'; b.setAttribute('role', 'switch');
    b.setAttribute('aria-checked', r[2] ? 'true' : 'false'); b.setAttribute('aria-labelledby', r[1]);
    document.getElementById(r[0]).replaceWith(b);
  });
}, 600); }, {timeout: 1500}); });</script>""",
    {"personalized_ads_account": "off", "personalized_ads_browser": "on"},
)

# Labels whose visible text wraps the setting's name in quotes and adds a colon and a question
# ("Turn “Web & App Activity” on or off:"), Material checkbox-style controls (role=checkbox).
case(
    "g4_quoted_names_in_sentences_checkbox_role", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<div class=row><span id=q1>Save “Web &amp; App Activity”:</span><div role=checkbox aria-checked=true tabindex=0 aria-labelledby=q1 style="width:18px;height:18px;border:2px solid #1a73e8;background:#1a73e8"></div></div>
<div class=row><span id=q2>Save “Timeline”:</span><div role=checkbox aria-checked=false tabindex=0 aria-labelledby=q2 style="width:18px;height:18px;border:2px solid #5f6368"></div></div>
<div class=row><span id=q3>Save “YouTube History”:</span><div role=checkbox aria-checked=false tabindex=0 aria-labelledby=q3 style="width:18px;height:18px;border:2px solid #5f6368"></div></div></main>""",
    {"web_app_activity": "on", "timeline": "off", "youtube_history": "off"},
)

# A non-modal <dialog open> editor beside a summary; the dialog's radios (Material 3 md-radio look,
# native inputs) and the summary agree on 36 months.
case(
    "g4_auto_delete_dialog_open_agrees_with_summary", "google", "web_app_activity",
    """<main><h1>Web &amp; App Activity</h1><div class=row><span>Auto-delete (on)</span><span>Deleting activity older than 36 months</span></div>
<dialog open aria-labelledby=dq style="position:static;margin-top:16px;border:1px solid #ccc"><h2 id=dq>Choose an auto-delete option</h2>
<label><input type=radio name=aq> Don't auto-delete activity</label><br><label><input type=radio name=aq> Auto-delete activity older than 3 months</label><br>
<label><input type=radio name=aq> Auto-delete activity older than 18 months</label><br><label><input type=radio name=aq checked> Auto-delete activity older than 36 months</label></dialog></main>""",
    {"auto_delete": "36"},
)

# A Google ad-center page where the switch sits in a Wiz "VfPpkd" row and a "what's new" popover
# (popover=manual, shown) says "Personalized ads are now On by default"; the switch is off.
case(
    "g4_adcenter_manual_popover_whats_new", "google", "ad_center",
    """<main><h1>My Ad Center</h1>
<div class=row><span id=wn1>Personalized ads</span><button class=VfPpkd-scr2fc role=switch aria-checked=false aria-labelledby=wn1></button></div>
<div popover=manual id=wn style="inset:auto 16px 16px auto;margin:0;max-width:320px"><b>What's new</b><p>Personalized ads: On by default for new accounts.</p><button type=button popovertarget=wn popovertargetaction=hide>Got it</button></div></main>
<script>document.getElementById('wn').showPopover();</script>""",
    {"personalized_ads": "off"},
)

# Partner ads as an always-open two-option listbox ("Allowed" / "Not allowed"), with emoji and a
# counter in the label ("🤝 Activity information from ad partners (12 partners)").
case(
    "fb4_ads_listbox_allowed_not_allowed_counter_label", "facebook", "ad_settings",
    """<main><h1>Activity information from ad partners</h1>
<div class=row><span id=lbp>🤝 Activity information from ad partners (12 partners)</span><div role=listbox aria-labelledby=lbp style="display:flex;gap:6px"><div role=option aria-selected=false class=chip>Allowed</div><div role=option aria-selected=true class=chip>Not allowed</div></div></div></main>""",
    {"partner_ads": "off"},
)


# ============================================================================================
# Third batch: class-only state, inner scroll containers, two-step refresh, portals, columns
# ============================================================================================

# Vuetify 2 <v-btn-toggle>: the chosen button only carries the class v-btn--active (the library
# sets no aria-pressed); on screen it is filled and the others are outlined.
case(
    "g4_auto_delete_vuetify2_btn_toggle_class_only", "google", "web_app_activity",
    """<main><h1>Web &amp; App Activity</h1><p id=vbl>Auto-delete</p>
<div class="v-item-group theme--light v-btn-toggle" aria-labelledby=vbl>
<button type=button class="v-btn v-btn--outlined theme--light v-size--default"><span class=v-btn__content>Off</span></button>
<button type=button class="v-btn v-btn--outlined theme--light v-size--default"><span class=v-btn__content>3 months</span></button>
<button type=button class="v-btn v-btn--active v-btn--outlined theme--light v-size--default"><span class=v-btn__content>18 months</span></button>
<button type=button class="v-btn v-btn--outlined theme--light v-size--default"><span class=v-btn__content>36 months</span></button></div></main>""",
    {"auto_delete": "18"},
    head="<style>.v-btn{border:1px solid #1976d2;background:#fff;color:#1976d2;padding:6px 12px}.v-btn--active{background:#1976d2;color:#fff}</style>",
)

# The rows sit in an inner scroll container (overflow:auto, 140 px tall); the last two rows are
# fetched when that container is scrolled to its end (a person scrolls the panel).
case(
    "fb4_inner_scroll_panel_loads_more_rows", "facebook", "privacy",
    f"""<main><h1>Privacy settings</h1><div id=panel style="height:140px;overflow:auto;border:1px solid #ccc;max-width:780px"><div id=rows>
<div class=row style="height:60px"><label for=sp1>{FB_Q['future']}</label><select id=sp1><option>Public</option><option>Friends</option><option selected>Only me</option><option>Custom</option></select></div>
<div class=row style="height:60px"><label for=sp2>{FB_Q['requests']}</label><select id=sp2><option selected>Everyone</option><option>Friends of friends</option></select></div></div>
<div style="height:40px" id=more>Scroll for more</div></div></main>
<script>var done = false; document.getElementById('panel').addEventListener('scroll', function () {{
  var p = this; if (done || p.scrollTop + p.clientHeight < p.scrollHeight - 5) return; done = true;
  fetch('more.html').then(function (r) {{ return r.text(); }}).then(function (t) {{ document.getElementById('rows').insertAdjacentHTML('beforeend', t); document.getElementById('more').remove(); }});
}});</script>""",
    {"future_posts_audience": "only_me", "friend_requests": "everyone", "lookup_email": "friends", "search_engine_link": "yes"},
    files={"more.html": (f"""<div class=row style="height:60px"><label for=sp3>{FB_Q['lookup']}</label><select id=sp3><option>Everyone</option><option>Friends of friends</option><option selected>Friends</option><option>Only me</option></select></div>
<div class=row style="height:60px"><label for=sp4>{FB_Q['search']}</label><select id=sp4><option selected>Yes</option><option>No</option></select></div>""", "text/html", 0.3)},
)

# Two-step refresh: a cached copy is rendered after a quick fetch with a "Refreshing…" status,
# then 2.2 s later (no network in between) the fresh values replace it and the status goes away.
case(
    "g4_cached_render_then_fresh_after_timer", "google", "activity_controls",
    """<main><h1>Activity controls</h1><p role=status id=st>Loading…</p><div id=rows></div></main>
<script>
function draw(v) { document.getElementById('rows').innerHTML = [['Web &amp; App Activity', v[0]], ['Timeline', v[1]], ['YouTube History', v[2]]].map(function (r, i) {
  return '<div class=row><span id=cf' + i + '>' + r[0] + '</span><button role=switch aria-checked=' + r[1] + ' aria-labelledby=cf' + i + '></button></div>'; }).join(''); }
fetch('cached.json').then(function (r) { return r.json(); }).then(function (c) {
  draw(c); document.getElementById('st').textContent = 'Refreshing…';
  setTimeout(function () { draw(['false', 'false', 'true']); document.getElementById('st').remove(); }, 2200);
});
</script>""",
    {"web_app_activity": "off", "timeline": "off", "youtube_history": "on"},
    files={"cached.json": (json.dumps(["true", "true", "false"]), JSON, 0.2)},
    solo=True,
)

# "Friends except Acquaintances" is an audience the pack does not know (neither Friends nor
# Custom): reading "friends" from it would be wrong; nothing is right. The other rows are plain.
case(
    "fb4_friends_except_audience_outside_value_space", "facebook", "privacy",
    "<main><h1>Privacy settings</h1>"
    + _fb_audience(11, FB_Q["future"], "Friends except Acquaintances", "👥")
    + _fb_audience(12, FB_Q["requests"], "Friends of friends", "👥")
    + _fb_audience(13, FB_Q["lookup"], "Only me", "🔒") + _fb_audience(14, FB_Q["search"], "Yes", "🌎") + "</main>",
    {"future_posts_audience": None, "friend_requests": "friends_of_friends", "lookup_email": "only_me", "search_engine_link": "yes"},
)

# Labels written in capitals in the DOM itself (not CSS): "WEB & APP ACTIVITY", "TIMELINE".
case(
    "g4_literal_uppercase_labels", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<div class=row><label for=uc1>WEB &amp; APP ACTIVITY</label><input type=checkbox role=switch id=uc1 checked></div>
<div class=row><label for=uc2>TIMELINE</label><input type=checkbox role=switch id=uc2 checked></div>
<div class=row><label for=uc3>YOUTUBE HISTORY</label><input type=checkbox role=switch id=uc3></div></main>""",
    {"web_app_activity": "on", "timeline": "on", "youtube_history": "off"},
)

# A "Review your changes" step: a table with the current (saved) value and the value after saving.
# Location activity: current On, after saving Off (pending) -> "on" or nothing; search history is
# Off in both columns.
case(
    "ms4_review_changes_current_and_pending_columns", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1><h2>Review your changes</h2>
<table><thead><tr><th>Setting</th><th>Current</th><th>After you save</th></tr></thead><tbody>
<tr><th scope=row>Location activity</th><td>On</td><td>Off</td></tr>
<tr><th scope=row>Search history</th><td>Off</td><td>Off</td></tr></tbody></table>
<button type=button>Save</button> <button type=button>Back</button></main>""",
    {"location_activity": Either("on"), "search_history": "off"},
)

# React portal: the switches are rendered into a container at the end of <body> and positioned
# (by script) beside their rows; they carry no name. On screen each sits in its row.
case(
    "ms4_portal_switches_positioned_beside_rows", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1>
<div class=row id=pr1 style="height:40px"><span>Location activity</span></div>
<div class=row id=pr2 style="height:40px"><span>Search history</span></div></main>
<div id=portal><button role=switch aria-checked=true data-for=pr1 style="position:absolute"></button><button role=switch aria-checked=false data-for=pr2 style="position:absolute"></button></div>
<script>document.querySelectorAll('#portal [data-for]').forEach(function (b) {
  var r = document.getElementById(b.dataset.for).getBoundingClientRect();
  b.style.top = (r.top + window.scrollY + 10) + 'px'; b.style.left = (r.right - 50) + 'px';
});</script>""",
    {"location_activity": "on", "search_history": "off"},
)

# A neighbour switch (political ads) whose description names the partner setting; the real
# partner switch comes second and is on.
case(
    "fb4_ads_neighbour_switch_description_names_label", "facebook", "ad_settings",
    """<main><h1>Activity information from ad partners</h1>
<div class=row><div><span id=nb1>Ads about social issues, elections or politics</span><p id=nbd style="margin:2px 0;color:#65676b">This is separate from Activity information from ad partners.</p></div><button role=switch aria-checked=false aria-labelledby=nb1 aria-describedby=nbd></button></div>
<div class=row><span id=nb2>Activity information from ad partners</span><button role=switch aria-checked=true aria-labelledby=nb2></button></div></main>""",
    {"partner_ads": "on"},
)

# Column-wise table: the two labels are column headers, the switches sit in the row below (no
# names of their own; the table's headers associate them).
case(
    "ms4_ads_labels_as_column_headers", "microsoft", "ad_settings",
    """<main><h1>Personalized ad settings</h1><table style="border-collapse:collapse"><thead><tr>
<th style="padding:8px;max-width:260px">Personalized ads wherever I use my Microsoft account</th><th style="padding:8px;max-width:260px">Personalized ads in this browser</th></tr></thead>
<tbody><tr><td style="text-align:center"><input type=checkbox role=switch></td><td style="text-align:center"><input type=checkbox role=switch checked></td></tr></tbody></table></main>""",
    {"personalized_ads_account": "off", "personalized_ads_browser": "on"},
)


# ============================================================================================
# Fourth batch: locked real settings, previews first, aria-current segments, two selections,
# state later than the reader's wait
# ============================================================================================

# The same Salesforce Lightning comboboxes as the RTL page above, left to right (tells the RTL
# layout apart from the markup).
case(
    "fb4_ltr_salesforce_lightning_comboboxes", "facebook", "privacy",
    "<main><h1>Privacy settings</h1>"
    + _slds(5, FB_Q["future"], "Public") + _slds(6, FB_Q["requests"], "Friends of friends") + _slds(7, FB_Q["lookup"], "Everyone") + _slds(8, FB_Q["search"], "No")
    + "</main>",
    {"future_posts_audience": "public", "friend_requests": "friends_of_friends", "lookup_email": "everyone", "search_engine_link": "no"},
)

# A supervised account's preview comes FIRST ("What Sam sees · view only"), its switches marked only
# aria-readonly (not disabled); the account's own rows follow under "Your settings".
case(
    "g4_supervised_preview_first_readonly_only", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<section style="background:#f8f9fa;padding:10px;max-width:740px"><h2>What Sam sees · view only</h2>
<div class=row><span id=vp1>Web &amp; App Activity</span><button role=switch aria-checked=true aria-readonly=true aria-labelledby=vp1></button></div>
<div class=row><span id=vp2>Timeline</span><button role=switch aria-checked=true aria-readonly=true aria-labelledby=vp2></button></div>
<div class=row><span id=vp3>YouTube History</span><button role=switch aria-checked=false aria-readonly=true aria-labelledby=vp3></button></div></section>
<h2>Your settings</h2>
<div class=row><span id=vo1>Web &amp; App Activity</span><button role=switch aria-checked=false aria-labelledby=vo1></button></div>
<div class=row><span id=vo2>Timeline</span><button role=switch aria-checked=false aria-labelledby=vo2></button></div>
<div class=row><span id=vo3>YouTube History</span><button role=switch aria-checked=true aria-labelledby=vo3></button></div></main>""",
    {"web_app_activity": "off", "timeline": "off", "youtube_history": "on"},
)

# The real settings themselves are locked by the organization (disabled switches, a lock note);
# they are the only copies and still show the account's values. The reader's rule (rounds 1-3): a
# disabled copy alone gives its value below confident (0.5, note "disabled"): on real pages a lone
# greyed copy is as often a preview, a default or another account's, so the value is kept but not
# trusted. Hence "that value or nothing", never the other one.
case(
    "ms4_locked_real_settings_only_copies", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1><p>🔒 Some settings are managed by your organization.</p>
<div class=row><label for=lk1>Location activity</label><input type=checkbox role=switch id=lk1 disabled><small>Managed by Contoso</small></div>
<div class=row><label for=lk2>Search history</label><input type=checkbox role=switch id=lk2 checked disabled><small>Managed by Contoso</small></div></main>""",
    {"location_activity": Either("off"), "search_history": Either("on")},
)

# Primer's SegmentedControl: a list of buttons, the chosen one marked aria-current="true" (and the
# SegmentedControl-item--selected class); the list is named by aria-label with the question.
def _primer(q: str, opts: list[str], sel: str) -> str:
    items = "".join(f'<li class="SegmentedControl-item{" SegmentedControl-item--selected" if o == sel else ""}" role="listitem"><button type="button" class="Button"{" aria-current=true" if o == sel else ""}><span class="Button-label" data-content="{o}">{o}</span></button></li>' for o in opts)
    return f'<div class=row><span aria-hidden="true">{q}</span><segmented-control><ul aria-label="{q}" role="list" class="SegmentedControl" style="display:flex;list-style:none;gap:2px;padding:0">{items}</ul></segmented-control></div>'


case(
    "fb4_primer_segmented_aria_current", "facebook", "privacy",
    "<main><h1>Privacy settings</h1>"
    + _primer(FB_Q["future"], ["Public", "Friends", "Only me", "Custom"], "Public")
    + _primer(FB_Q["requests"], ["Everyone", "Friends of friends"], "Friends of friends")
    + _primer(FB_Q["lookup"], ["Everyone", "Friends of friends", "Friends", "Only me"], "Only me")
    + _primer(FB_Q["search"], ["Yes", "No"], "No") + "</main>",
    {"future_posts_audience": "public", "friend_requests": "friends_of_friends", "lookup_email": "only_me", "search_engine_link": "no"},
    head="<style>.SegmentedControl-item--selected .Button{background:#fff;font-weight:600;border:1px solid #d0d7de}</style>",
)

# A buggy single-choice listbox with TWO options marked selected (3 and 36 months), both drawn
# selected: nobody can tell.
case(
    "g4_auto_delete_listbox_two_selected", "google", "web_app_activity",
    """<main><h1>Web &amp; App Activity</h1><span id=tsl>Auto-delete</span>
<div role=listbox aria-labelledby=tsl style="display:flex;gap:8px"><div role=option class=chip aria-selected=false>Off</div><div role=option class=chip aria-selected=true>3 months</div><div role=option class=chip aria-selected=false>18 months</div><div role=option class=chip aria-selected=true>36 months</div></div></main>""",
    {"auto_delete": None},
)

# The page shows placeholder switches (off, aria-busy, "Loading your settings…") and the real state
# (on) only 7.5 s after load, longer than the reader waits: "on" or nothing, never "off".
case(
    "g4_adcenter_state_later_than_reader_waits", "google", "ad_center",
    """<main><h1>My Ad Center</h1><div id=ar aria-busy=true><p id=al>Loading your settings…</p>
<div class=row><span id=lw>Personalized ads</span><button role=switch aria-checked=false aria-labelledby=lw id=lws></button></div></div></main>
<script>setTimeout(function () { document.getElementById('lws').setAttribute('aria-checked', 'true'); document.getElementById('ar').setAttribute('aria-busy', 'false'); document.getElementById('al').remove(); }, 7500);</script>""",
    {"personalized_ads": Either("on")},
    solo=True,
)

# Same, without any busy marker: the placeholder switch is unnamed-looking grey ("—" state text
# hidden from nobody) and the label says "Loading…" until the real row replaces it at 7.5 s.
case(
    "ms4_ads_rows_replaced_after_reader_wait", "microsoft", "ad_settings",
    """<main><h1>Personalized ad settings</h1><div id=lr>
<div class=row><span id=la1>Personalized ads wherever I use my Microsoft account</span><span>Loading…</span></div>
<div class=row><span id=la2>Personalized ads in this browser</span><span>Loading…</span></div></div></main>
<script>setTimeout(function () { document.getElementById('lr').innerHTML = '<div class=row><label for=lz1>Personalized ads wherever I use my Microsoft account</label><input type=checkbox role=switch id=lz1 checked></div><div class=row><label for=lz2>Personalized ads in this browser</label><input type=checkbox role=switch id=lz2></div>'; }, 7500);</script>""",
    {"personalized_ads_account": Either("on"), "personalized_ads_browser": Either("off")},
    solo=True,
)


# ============================================================================================
# Fifth batch: select2, sub-setting status words, stale names, values behind a dialog opener
# ============================================================================================

# select2 as it renders: the native <select> is hidden from view and from the accessibility tree
# (select2-hidden-accessible, aria-hidden), the visible role=combobox span is named by the
# rendered value's span (aria-labelledby), and the question is a <label for> of the hidden select.
def _select2(n: int, q: str, opts: list[str], sel: str) -> str:
    options = "".join(f"<option{' selected' if o == sel else ''}>{o}</option>" for o in opts)
    return (f'<div class=row><label for="s2-{n}">{q}</label><span style="display:inline-block"><select id="s2-{n}" class="select2-hidden-accessible" tabindex="-1" aria-hidden="true" '
            f'style="border:0;clip:rect(0 0 0 0);height:1px;margin:-1px;overflow:hidden;padding:0;position:absolute;width:1px">{options}</select>'
            f'<span class="select2 select2-container select2-container--default" dir="ltr" style="width:200px"><span class="selection"><span class="select2-selection select2-selection--single" role="combobox" aria-haspopup="true" aria-expanded="false" tabindex="0" aria-disabled="false" aria-labelledby="select2-s2-{n}-container" style="display:block;border:1px solid #aaa;padding:4px">'
            f'<span class="select2-selection__rendered" id="select2-s2-{n}-container" role="textbox" aria-readonly="true" title="{sel}">{sel}</span><span class="select2-selection__arrow" role="presentation"><b role="presentation"></b></span></span></span></span></span></div>')


case(
    "fb4_select2_hidden_native_select", "facebook", "privacy",
    "<main><h1>Privacy settings</h1>"
    + _select2(1, FB_Q["future"], ["Public", "Friends", "Only me", "Custom"], "Custom")
    + _select2(2, FB_Q["requests"], ["Everyone", "Friends of friends"], "Everyone")
    + _select2(3, FB_Q["lookup"], ["Everyone", "Friends of friends", "Friends", "Only me"], "Friends")
    + _select2(4, FB_Q["search"], ["Yes", "No"], "Yes") + "</main>",
    {"future_posts_audience": "custom", "friend_requests": "everyone", "lookup_email": "friends", "search_engine_link": "yes"},
)

# Status words that belong to sub-settings: under the (off) Web & App Activity switch, a line
# "Include Chrome history and activity from sites: On"; under YouTube History (on), "Include the
# YouTube videos you watch: Off". The main switches are what the settings are.
case(
    "g4_sub_setting_status_words_under_rows", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<div style="border-bottom:1px solid #ddd;max-width:760px"><div class=row style="border:0"><span id=sw1>Web &amp; App Activity</span><button role=switch aria-checked=false aria-labelledby=sw1></button></div>
<p style="margin:0 0 8px 16px;color:#5f6368">Include Chrome history and activity from sites: On</p></div>
<div style="border-bottom:1px solid #ddd;max-width:760px"><div class=row style="border:0"><span id=sw2>Timeline</span><button role=switch aria-checked=false aria-labelledby=sw2></button></div></div>
<div style="border-bottom:1px solid #ddd;max-width:760px"><div class=row style="border:0"><span id=sw3>YouTube History</span><button role=switch aria-checked=true aria-labelledby=sw3></button></div>
<p style="margin:0 0 8px 16px;color:#5f6368">Include your searches on YouTube: Off</p></div></main>""",
    {"web_app_activity": "off", "timeline": "off", "youtube_history": "on"},
)

# A stale aria-label: the audience button's visible text was updated to "Friends", its aria-label
# still says "... Public" (set when the page rendered). Screen and screen reader disagree: nobody
# can tell for that row; the others have matching names.
case(
    "fb4_stale_aria_label_disagrees_with_text", "facebook", "privacy",
    f"""<main><h1>Privacy settings</h1>
<div class=row><span>{FB_Q['future']}</span><button type=button aria-haspopup=listbox aria-label="{FB_Q['future']} Public">👥 Friends ▾</button></div>
<div class=row><span>{FB_Q['requests']}</span><button type=button aria-haspopup=listbox aria-label="{FB_Q['requests']} Everyone">🌎 Everyone ▾</button></div>
<div class=row><span>{FB_Q['lookup']}</span><button type=button aria-haspopup=listbox aria-label="{FB_Q['lookup']} Only me">🔒 Only me ▾</button></div>
<div class=row><span>{FB_Q['search']}</span><button type=button aria-haspopup=listbox aria-label="{FB_Q['search']} No">No ▾</button></div></main>""",
    {"future_posts_audience": None, "friend_requests": "everyone", "lookup_email": "only_me", "search_engine_link": "no"},
)

# Switches whose aria-label carries a state word ("Location activity: On") that was not updated when
# aria-checked changed to false: the two disagree for location; search history's agree.
case(
    "ms4_stale_state_word_in_aria_label", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1>
<div class=row><span aria-hidden=true>Location activity</span><button role=switch aria-checked=false aria-label="Location activity: On"></button></div>
<div class=row><span aria-hidden=true>Search history</span><button role=switch aria-checked=false aria-label="Search history: Off"></button></div></main>""",
    {"location_activity": None, "search_history": "off"},
)

# The values are not on the page: each row has a "View setting" button that opens a dialog
# (aria-haspopup=dialog), which a reader must not press. Nothing to read.
case(
    "ms4_values_behind_dialog_openers", "microsoft", "ad_settings",
    """<main><h1>Personalized ad settings</h1>
<div class=row><span>Personalized ads wherever I use my Microsoft account</span><button type=button aria-haspopup=dialog onclick="this.insertAdjacentHTML('afterend','<input type=checkbox role=switch aria-label=&quot;Personalized ads wherever I use my Microsoft account&quot; checked>')">View setting</button></div>
<div class=row><span>Personalized ads in this browser</span><button type=button aria-haspopup=dialog onclick="this.insertAdjacentHTML('afterend','<input type=checkbox role=switch aria-label=&quot;Personalized ads in this browser&quot; checked>')">View setting</button></div></main>""",
    {"personalized_ads_account": None, "personalized_ads_browser": None},
)


# --------------------------------------------------------------------------------------------
# known reader failures (what the reader got), filled from runs
# --------------------------------------------------------------------------------------------

XFAIL.update({})  # none left: every failure of the first run is fixed in the reader


test_cases_are_distinct_and_cover_the_packs, test_redteam_page_4 = SUITE.tests(at_least=45, every_key=True)
