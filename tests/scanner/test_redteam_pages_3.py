# ruff: noqa: E501
"""Red-team settings pages, round 3: markup written blind to the reader, the way web-component and
headless libraries (Material Web, FAST/Fluent web components, Shoelace, Radix, Headless UI, React
Aria, Stencil-style components with open and closed shadow roots) and the platforms' own redesigns
write it, read through the one public entry point ``read_page_settled``.

Expectations follow what a person can tell on screen (see ``redteam_harness``): a plain value must be
read confidently (>= 0.8) and not as a conflict; ``None`` means nobody could tell (the page does not
say, or says two things); ``Either(v)`` means ``v`` or nothing, never another confident value.

Besides the markup, the pages carry decoys a person is not fooled by: copies hidden in ways earlier
rounds did not use (``content-visibility``, ``clip-path``, ``transform: scale(0)``, off-screen
positioning, zero-height wrappers, responsive layouts hidden by media queries), previews of a
supervised or child account in a group marked ``aria-disabled``, "Recommended" badges, field hints
and change logs that name the other value, and history sections behind ``<details>``.

Several pages hold controls the reader must not touch: menu buttons (``aria-haspopup``), closed
listboxes and comboboxes, rows that are links, "Try again" buttons. This file's recorder therefore
allows clicks only on tabs, ``summary`` and disclosure buttons (``aria-expanded``) that open no popup.
Where pressing such an allowed widget would itself change a setting (a "Turn on" button that is also
a disclosure, tabs misused as an On/Off toggle), the page saves by firing a ``change`` event, which
the recorder counts against the reader.
"""

from __future__ import annotations

import html
import json

import pytest

from tests.scanner.redteam_harness import ALLOWED_CLICKS, CONFIDENT, HTML, JSON, Either, Suite, recorder, sw

pytestmark = pytest.mark.browser

BASE_CSS = """<style>
body{font-family:Segoe UI,Roboto,Arial,sans-serif;margin:0;padding:16px;color:#202124;background:#fff}
.sr-only{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
.row{display:flex;align-items:center;justify-content:space-between;gap:16px;padding:10px 0;border-bottom:1px solid #ddd;max-width:760px}
[role=switch]{display:inline-block;min-width:36px;height:20px;border-radius:10px;background:#bbb;border:0;position:relative}
[role=switch][aria-checked=true]{background:#1a73e8}
.chip{display:inline-block;border-radius:12px;padding:2px 8px;font-size:12px;background:#e8f0fe}
</style>"""

SUITE = Suite(css=BASE_CSS, recorder=recorder(allowed=ALLOWED_CLICKS), confident=CONFIDENT, concurrency=8)
case = SUITE.case
doc = SUITE.doc
XFAIL = SUITE.xfail
site, outcomes = SUITE.fixtures()


# ============================================================================================
# Google
# ============================================================================================

# Material Web's list and switch, written the way the library renders them: an <md-list-item>
# whose open shadow root lays out named slots (headline, supporting text, end), and an <md-switch>
# whose open shadow root holds the real <input type=checkbox role=switch> (checked by property,
# no attribute, no name: nothing labels it). The supporting text says what happens "when it's off".
_MD_LIST = """<script>
customElements.define('md-list-item', class extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    this.attachShadow({mode: 'open'}).innerHTML = '<style>:host{display:block;border-bottom:1px solid #e7e0ec}.item{display:flex;align-items:center;gap:16px;padding:12px 16px;max-width:720px}.body{flex:1;display:flex;flex-direction:column}::slotted([slot=supporting-text]){color:#49454f;font-size:14px}</style><div class=item><slot name=start></slot><div class=body><slot name=headline></slot><slot name=supporting-text></slot></div><slot name=end></slot></div>';
  }
});
customElements.define('md-switch', class extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    var on = this.hasAttribute('selected');
    var root = this.attachShadow({mode: 'open'});
    root.innerHTML = '<style>:host{display:inline-flex;position:relative}.track{display:block;width:52px;height:32px;border-radius:16px;background:#e7e0ec;border:2px solid #79747e;box-sizing:border-box}.selected .track{background:#6750a4;border-color:#6750a4}input{appearance:none;position:absolute;inset:0;margin:0;opacity:0}</style><div class="switch ' + (on ? 'selected' : 'unselected') + '"><input class=touch type=checkbox role=switch><span class=track></span></div>';
    root.querySelector('input').checked = on;
  }
});
</script>"""
case(
    "g_md_list_item_slots_md_switch", "google", "activity_controls",
    """<main><h1>Activity controls</h1><md-list role=list>
<md-list-item role=listitem><div slot=headline>Web &amp; App Activity</div><div slot=supporting-text>Saves your activity on Google sites and apps. When it's off, new activity isn't saved.</div><md-switch slot=end selected></md-switch></md-list-item>
<md-list-item role=listitem><div slot=headline>Timeline</div><div slot=supporting-text>Saves where you go with your devices. Turned on, it creates a private map.</div><md-switch slot=end></md-switch></md-list-item>
<md-list-item role=listitem><div slot=headline>YouTube History</div><div slot=supporting-text>Saves the videos you watch. Paused history is not used for recommendations.</div><md-switch slot=end selected></md-switch></md-list-item>
</md-list></main>""",
    {"web_app_activity": "on", "timeline": "off", "youtube_history": "on"},
    head=_MD_LIST,
)

# A FAST-style component with a CLOSED shadow root that does what accessible components do: it
# reflects role=switch, aria-checked and tabindex onto its host, and its visible label is the host's
# own light-DOM text, shown through a <slot> after a track drawn inside the closed root.
_CLOSED_HOST = """<script>
customElements.define('gm-toggle', class extends HTMLElement {
  connectedCallback() {
    if (this._done) return; this._done = true;
    var on = this.hasAttribute('checked');
    this.setAttribute('role', 'switch'); this.setAttribute('aria-checked', on ? 'true' : 'false'); this.tabIndex = 0;
    var root = this.attachShadow({mode: 'closed'});
    root.innerHTML = '<style>:host{display:flex!important;align-items:center;gap:14px;padding:12px 0;border-bottom:1px solid #ddd;max-width:720px;height:auto!important;border-radius:0!important;background:none!important}.t{width:40px;height:22px;border-radius:11px;background:' + (on ? '#1a73e8' : '#9aa0a6') + ';position:relative}.k{position:absolute;top:3px;left:' + (on ? '21px' : '3px') + ';width:16px;height:16px;border-radius:8px;background:#fff}</style><span class=t><span class=k></span></span><slot></slot>';
  }
});
</script>"""
case(
    "g_closed_shadow_host_reflects_switch", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<gm-toggle checked>Web &amp; App Activity</gm-toggle>
<gm-toggle checked>Timeline</gm-toggle>
<gm-toggle>YouTube History</gm-toggle>
</main>""",
    {"web_app_activity": "on", "timeline": "on", "youtube_history": "off"},
    head=_CLOSED_HOST,
)

# A card component whose whole rendering (heading, description, switch) lives in a CLOSED shadow
# root; the host carries nothing. A person sees three ordinary cards.
_CLOSED_CARD = """<script>
customElements.define('activity-card', class extends HTMLElement {
  connectedCallback() {
    if (this._done) return; this._done = true;
    var on = this.getAttribute('state') === '1';
    var root = this.attachShadow({mode: 'closed'});
    root.innerHTML = '<style>.c{display:flex;justify-content:space-between;align-items:center;border:1px solid #dadce0;border-radius:8px;padding:16px;margin:8px 0;max-width:700px}h2{font-size:18px;margin:0}p{margin:4px 0 0;color:#5f6368}</style><div class=c><div><h2 id=h>' + this.getAttribute('heading') + '</h2><p>' + this.getAttribute('blurb') + '</p></div><button type=button role=switch aria-labelledby=h aria-checked=' + (on ? 'true' : 'false') + ' style="width:40px;height:22px;border-radius:11px;border:0;background:' + (on ? '#1a73e8' : '#9aa0a6') + '"></button></div>';
  }
});
</script>"""
case(
    "g_closed_shadow_cards", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<activity-card heading="Web &amp; App Activity" blurb="Saves your activity on Google sites and apps" state=0></activity-card>
<activity-card heading="Timeline" blurb="Saves where you go with your devices" state=1></activity-card>
<activity-card heading="YouTube History" blurb="Saves the videos you watch" state=0></activity-card>
</main>""",
    {"web_app_activity": "off", "timeline": "on", "youtube_history": "off"},
    head=_CLOSED_CARD,
)

# The labels as a localisation pipeline writes them: a soft hyphen inside "Time&shy;line" (German
# hyphenation rules applied to every locale), a <wbr> and a zero-width space in "You&#8203;Tube",
# non-breaking spaces around the ampersand and the last word wrapped in <b>.
case(
    "g_labels_soft_hyphen_wbr_zero_width", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<div class=row><span id=sh1>Web&nbsp;&amp;&nbsp;App <b>Activity</b></span><button type=button role=switch aria-checked=false aria-labelledby=sh1></button></div>
<div class=row><span id=sh2 lang=en style="hyphens:manual">Time&shy;line</span><button type=button role=switch aria-checked=true aria-labelledby=sh2></button></div>
<div class=row><span id=sh3>You&#8203;<wbr>Tube His<wbr>tory</span><button type=button role=switch aria-checked=true aria-labelledby=sh3></button></div>
</main>""",
    {"web_app_activity": "off", "timeline": "on", "youtube_history": "on"},
)

# Words drawn by CSS only: Web & App Activity's label is the ::before content of the span its
# switch is labelled by; Timeline's state is an ::after word on a status span with no control (the
# row is a summary card); YouTube History is an ordinary switch.
case(
    "g_css_generated_label_and_status", "google", "activity_controls",
    """<style>.gl::before{content:attr(data-label)}.st::after{content:"Off";font-weight:500}.st.is-on::after{content:"On"}</style>
<main><h1>Activity controls</h1>
<div class=row><span id=cg1 class=gl data-label="Web &amp; App Activity"></span><button type=button role=switch aria-checked=true aria-labelledby=cg1></button></div>
<div class=row><span>Timeline</span><span class="st is-on"></span></div>
<div class=row><span id=cg3>YouTube History</span><button type=button role=switch aria-checked=false aria-labelledby=cg3></button></div>
</main>""",
    {"web_app_activity": "on", "timeline": "on", "youtube_history": "off"},
)

# The 2024-style Activity controls cards: a heading, a status word ("On", "Off", "Paused") and a
# "Turn off"/"Turn on" menu button (aria-haspopup=menu) whose closed menu offers "Turn off and delete
# activity". The reader must not open those menus.
_G_MENU = """<div class=card><h2 id=mc{i}>{label}</h2><p>{blurb}</p><p class=state>{state}</p><button type=button aria-haspopup=menu aria-expanded=false aria-controls=mm{i}>{action}</button><ul role=menu id=mm{i} hidden><li role=menuitem>{action}</li><li role=menuitem>{action} and delete activity</li></ul></div>"""
case(
    "g_cards_status_words_menu_buttons", "google", "activity_controls",
    "<style>.card{border:1px solid #dadce0;border-radius:8px;padding:16px;margin:8px 0;max-width:700px}.state{font-weight:500}</style><main><h1>Activity controls</h1>"
    + _G_MENU.format(i=1, label="Web &amp; App Activity", blurb="Saves your activity on Google sites and apps, including associated info like location.", state="On", action="Turn off")
    + _G_MENU.format(i=2, label="Timeline", blurb="Creates a private map of where you go with your signed-in devices.", state="Off", action="Turn on")
    + _G_MENU.format(i=3, label="YouTube History", blurb="Saves the YouTube videos you watch and the things you search for.", state="Paused", action="Turn on")
    + "</main>",
    {"web_app_activity": "on", "timeline": "off", "youtube_history": "off"},
)

# Decoys a person reads past: each row has a "Recommended: Off" badge (the switch is on), and a
# "Recent changes" list names each setting with the value it had before.
case(
    "g_recommended_badges_and_change_log", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<div class=row><span id=rb1>Web &amp; App Activity</span><span class=chip>Recommended: Off</span><button type=button role=switch aria-checked=true aria-labelledby=rb1></button></div>
<div class=row><span id=rb2>Timeline</span><span class=chip>Recommended: Off</span><button type=button role=switch aria-checked=false aria-labelledby=rb2></button></div>
<div class=row><span id=rb3>YouTube History</span><span class=chip>Recommended: Off</span><button type=button role=switch aria-checked=true aria-labelledby=rb3></button></div>
<section><h2>Recent changes</h2><ul>
<li>Web &amp; App Activity: Off → On (Oct 2)</li><li>Timeline was On until Nov 3</li><li>YouTube History: Paused on Sep 14, turned back on Oct 30</li>
</ul></section></main>""",
    {"web_app_activity": "on", "timeline": "off", "youtube_history": "on"},
)

# A preview of a supervised child's controls: a role=group marked aria-disabled (not each switch)
# with the opposite values and only slightly faded (opacity .8), under the account's own switches.
case(
    "g_supervised_preview_group_aria_disabled", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<div class=row><span id=sp1>Web &amp; App Activity</span><button type=button role=switch aria-checked=false aria-labelledby=sp1></button></div>
<div class=row><span id=sp2>Timeline</span><button type=button role=switch aria-checked=false aria-labelledby=sp2></button></div>
<div class=row><span id=sp3>YouTube History</span><button type=button role=switch aria-checked=true aria-labelledby=sp3></button></div>
<section role=group aria-disabled=true aria-labelledby=sph style="opacity:.8;margin-top:24px"><h2 id=sph>Preview: what Alex (supervised account) sees</h2><p>These are managed in Family Link and can't be changed here.</p>
<div class=row><span id=sq1>Web &amp; App Activity</span><button type=button role=switch tabindex=-1 aria-checked=true aria-labelledby=sq1></button></div>
<div class=row><span id=sq2>Timeline</span><button type=button role=switch tabindex=-1 aria-checked=true aria-labelledby=sq2></button></div>
<div class=row><span id=sq3>YouTube History</span><button type=button role=switch tabindex=-1 aria-checked=false aria-labelledby=sq3></button></div>
</section></main>""",
    {"web_app_activity": "off", "timeline": "off", "youtube_history": "on"},
)

# Timeline has moved to the device: its card says so and shows no value (a line about the past says
# it "was on" for this account). The other two are ordinary switches.
case(
    "g_timeline_moved_to_device", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<div class=row><span id=td1>Web &amp; App Activity</span><button type=button role=switch aria-checked=true aria-labelledby=td1></button></div>
<section class=card style="border:1px solid #dadce0;border-radius:8px;padding:16px;max-width:700px"><h2>Timeline</h2><p>Timeline is now saved on your devices, not in your Google Account. To see or change it, open Google Maps on each device.</p><p style="color:#5f6368">Location History was on for this account before the move.</p><a href="https://support.google.com/maps">Learn more</a></section>
<div class=row><span id=td3>YouTube History</span><button type=button role=switch aria-checked=false aria-labelledby=td3></button></div>
</main>""",
    {"web_app_activity": "on", "timeline": None, "youtube_history": "off"},
)

# Copies a person never sees, each holding one setting with the opposite value: Web & App Activity
# in a content-visibility:hidden section (a pre-rendered "next page"), Timeline in a zero-height
# overflow-hidden wrapper (an accordion collapsed by CSS only, no aria-expanded), YouTube History in
# a wrapper squashed by transform: scaleY(0) (the collapse animation's end state).
case(
    "g_hidden_by_content_visibility_zero_height_scale", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<section style="content-visibility:hidden"><h2>Your activity</h2>
<div class=row><span id=hv1>Web &amp; App Activity</span><button type=button role=switch aria-checked=true aria-labelledby=hv1></button></div></section>
<div class=row><span id=lv1>Web &amp; App Activity</span><button type=button role=switch aria-checked=false aria-labelledby=lv1></button></div>
<div class=row><span id=lv2>Timeline</span><button type=button role=switch aria-checked=false aria-labelledby=lv2></button></div>
<div class=row><span id=lv3>YouTube History</span><button type=button role=switch aria-checked=false aria-labelledby=lv3></button></div>
<div style="height:0;overflow:hidden"><div class=row><span id=hz2>Timeline</span><button type=button role=switch aria-checked=true aria-labelledby=hz2></button></div></div>
<div style="transform:scaleY(0);transform-origin:top"><div class=row><span id=hs3>YouTube History</span><button type=button role=switch aria-checked=true aria-labelledby=hs3></button></div></div>
</main>""",
    {"web_app_activity": "off", "timeline": "off", "youtube_history": "off"},
)

# Headless UI Listbox, closed: the button is labelled by the field label and by itself (its name is
# "Auto-delete 18 months"), the options are not rendered until it opens. Opening it is not reading.
case(
    "g_headlessui_listbox_closed", "google", "web_app_activity",
    """<main><h1>Web &amp; App Activity</h1><div style="max-width:420px">
<label id="headlessui-label-:r0:" class="block text-sm font-medium">Auto-delete</label>
<div class="relative mt-2"><button id="headlessui-listbox-button-:r1:" type=button aria-haspopup=listbox aria-expanded=false data-headlessui-state="" aria-labelledby="headlessui-label-:r0: headlessui-listbox-button-:r1:" style="width:100%;text-align:left;border:1px solid #dadce0;border-radius:6px;padding:8px 12px;background:#fff"><span class="block truncate">18 months</span><span class="pointer-events-none" aria-hidden=true>⌄</span></button></div>
<p style="color:#5f6368;font-size:13px">Activity older than the period you choose is deleted automatically. Options: 3, 18 or 36 months, or Off.</p></div></main>""",
    {"auto_delete": "18"},
)

# Auto-delete as a slider: a native range input named by <label for>, aria-valuetext "3 months",
# tick labels under it naming every option and an <output> repeating the chosen one.
case(
    "g_auto_delete_range_slider", "google", "web_app_activity",
    """<style>.ticks{display:flex;justify-content:space-between;width:360px;font-size:12px;color:#5f6368}</style>
<main><h1>Web &amp; App Activity</h1><div style="max-width:420px">
<label for=ad-range>Auto-delete</label> <output for=ad-range id=ad-out>3 months</output><br>
<input type=range id=ad-range min=0 max=3 step=1 value=1 aria-valuetext="3 months" style="width:360px">
<div class=ticks aria-hidden=true><span>Off</span><span>3 months</span><span>18 months</span><span>36 months</span></div></div></main>""",
    {"auto_delete": "3"},
)

# Radix Select: a closed trigger (button role=combobox) showing "36 months", labelled by <label for>,
# and the native <select aria-hidden> Radix renders for forms, agreeing. A second Radix Select for
# YouTube's auto-delete ("3 months") sits under it.
_RADIX_NATIVE = 'position:absolute;border:0;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap'
case(
    "g_radix_select_closed_trigger", "google", "web_app_activity",
    f"""<main><h1>Web &amp; App Activity</h1>
<div class=row><label for=radix-:r2:>Auto-delete</label><button type=button role=combobox id=radix-:r2: aria-controls=radix-:r3: aria-expanded=false aria-autocomplete=none dir=ltr data-state=closed style="min-width:180px;text-align:left"><span style="pointer-events:none">36 months</span><span aria-hidden=true>▾</span></button><select aria-hidden=true tabindex=-1 style="{_RADIX_NATIVE}"><option value=""></option><option value=off>Off</option><option value=3>3 months</option><option value=18>18 months</option><option value=36 selected>36 months</option></select></div>
<div class=row><label for=radix-:r5:>Auto-delete YouTube History</label><button type=button role=combobox id=radix-:r5: aria-controls=radix-:r6: aria-expanded=false aria-autocomplete=none dir=ltr data-state=closed style="min-width:180px;text-align:left"><span style="pointer-events:none">3 months</span><span aria-hidden=true>▾</span></button><select aria-hidden=true tabindex=-1 style="{_RADIX_NATIVE}"><option value=""></option><option value=off>Off</option><option value=3 selected>3 months</option><option value=18>18 months</option><option value=36>36 months</option></select></div>
</main>""",
    {"auto_delete": "36"},
)

# Label and value in one text node: "Auto-delete: 18 months", with a Change link.
case(
    "g_auto_delete_label_colon_value", "google", "web_app_activity",
    """<main><h1>Web &amp; App Activity</h1><section style="border:1px solid #dadce0;border-radius:8px;padding:16px;max-width:600px">
<p>Auto-delete: 18 months</p><a href="/activitycontrols/webandapp/autodelete">Change</a></section></main>""",
    {"auto_delete": "18"},
)

# React Aria Components Switch: a <label> holding a visually hidden checkbox input role=switch and an
# indicator; the page title is "Personalized ads" too (My Ad Center's header toggle).
case(
    "g_react_aria_switch_title_twin", "google", "ad_center",
    f"""<style>.react-aria-Switch{{display:flex;align-items:center;gap:10px}}.indicator{{width:40px;height:22px;border-radius:11px;background:#9aa0a6}}.react-aria-Switch[data-selected] .indicator{{background:#1a73e8}}</style>
<main><header style="display:flex;justify-content:space-between;align-items:center;max-width:760px"><h1>Personalized ads</h1>
<label class=react-aria-Switch data-selected=true data-rac=""><span style="{_RADIX_NATIVE}"><input type=checkbox role=switch data-react-aria-pressable=true tabindex=0 checked></span><div class=indicator></div>Personalized ads</label></header>
<p>When personalized ads is on, the ads you see are based on your activity. Turned off, ads may be less relevant.</p></main>""",
    {"personalized_ads": "on"},
)

# Shoelace <sl-switch>: open shadow root, <label part=base> wrapping the checkbox input role=switch
# and a <slot> that shows the host's light-DOM text as the label.
_SL_SWITCH = """<script>
customElements.define('sl-switch', class extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    var on = this.hasAttribute('checked');
    var root = this.attachShadow({mode: 'open'});
    root.innerHTML = '<style>:host{display:inline-block}.switch{display:inline-flex;align-items:center;gap:10px;padding:10px 0}.switch__input{position:absolute;opacity:0;padding:0;margin:0;pointer-events:none}.switch__control{width:36px;height:20px;border-radius:10px;background:' + (on ? '#0284c7' : '#d4d4d8') + '}</style><label part=base class="switch ' + (on ? 'switch--checked' : '') + '"><input class=switch__input type=checkbox role=switch aria-checked=' + (on ? 'true' : 'false') + '><span part=control class=switch__control><span part=thumb class=switch__thumb></span></span><div part=label class=switch__label><slot></slot></div></label>';
    root.querySelector('input').checked = on;
  }
});
</script>"""
case(
    "g_shoelace_sl_switch", "google", "ad_center",
    """<main><h1>My Ad Center</h1>
<sl-switch>Personalized ads</sl-switch><br>
<sl-switch checked>Show ads about sensitive topics less often</sl-switch></main>""",
    {"personalized_ads": "off"},
    head=_SL_SWITCH,
)

# A page still loading: the panel is aria-busy with a progress bar and "Loading your settings…"; the
# switches are drawn in their default (off) state, not disabled, and the account's state replaces it
# 4.5 s after load (by timers, no request). A person waits for the loading to end.
case(
    "g_aria_busy_defaults_then_state", "google", "activity_controls",
    """<main><h1>Activity controls</h1><div id=panel aria-busy=true>
<div id=pb role=progressbar aria-label="Loading your activity controls" style="height:4px;width:40%;background:#1a73e8"></div><p id=ld>Loading your settings…</p>
<div class=row><span id=ab1>Web &amp; App Activity</span><button type=button role=switch aria-checked=false aria-labelledby=ab1 id=abs1></button></div>
<div class=row><span id=ab2>Timeline</span><button type=button role=switch aria-checked=false aria-labelledby=ab2 id=abs2></button></div>
<div class=row><span id=ab3>YouTube History</span><button type=button role=switch aria-checked=false aria-labelledby=ab3 id=abs3></button></div>
</div></main>
<script>setTimeout(function () {
  document.getElementById('abs1').setAttribute('aria-checked', 'true');
  document.getElementById('abs2').setAttribute('aria-checked', 'true');
  document.getElementById('pb').remove(); document.getElementById('ld').remove();
  document.getElementById('panel').removeAttribute('aria-busy');
}, 4500);</script>""",
    {"web_app_activity": "on", "timeline": "on", "youtube_history": "off"},
    solo=True,
)

# Whole list items are the switches (role=switch on the <li>, named by their content): the label,
# then a description that says what happens when it is "turned off" or "paused".
case(
    "g_list_items_are_switches", "google", "activity_controls",
    """<style>.li{display:flex!important;flex-direction:column;height:auto!important;border-radius:0!important;background:none!important;padding:12px 56px 12px 0;border-bottom:1px solid #ddd!important;max-width:700px;position:relative}.li::after{content:"";position:absolute;right:0;top:18px;width:40px;height:22px;border-radius:11px;background:#9aa0a6}.li[aria-checked=true]::after{background:#1a73e8}.d{color:#5f6368;font-size:13px}</style>
<main><h1>Activity controls</h1><ul style="list-style:none;padding:0">
<li role=switch aria-checked=false tabindex=0 class=li><span>Web &amp; App Activity</span><span class=d>Turned on, your searches and activity are saved.</span></li>
<li role=switch aria-checked=true tabindex=0 class=li><span>Timeline</span><span class=d>When it's off, the places you go are no longer saved.</span></li>
<li role=switch aria-checked=false tabindex=0 class=li><span>YouTube History</span><span class=d>Active history improves your recommendations.</span></li>
</ul></main>""",
    {"web_app_activity": "off", "timeline": "on", "youtube_history": "off"},
)

# Names made of several ids, the Fluent way: aria-labelledby "section label", "label state" (the
# state word agreeing) and "section label state".
case(
    "g_labelledby_section_label_state", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<h2 id=ls-sec1>Your activity</h2><div class=row><span id=ls1>Web &amp; App Activity</span><button type=button role=switch aria-checked=false aria-labelledby="ls-sec1 ls1"></button></div>
<div class=row><span id=ls2>Timeline</span><span id=ls2s class=chip>On</span><button type=button role=switch aria-checked=true aria-labelledby="ls2 ls2s"></button></div>
<h2 id=ls-sec3>YouTube</h2><div class=row><span id=ls3>YouTube History</span><span id=ls3s class=chip>Off</span><button type=button role=switch aria-checked=false aria-labelledby="ls-sec3 ls3 ls3s"></button></div>
</main>""",
    {"web_app_activity": "off", "timeline": "on", "youtube_history": "off"},
)

# A row component whose label slot falls back to "YouTube History" (a copy-paste default): the
# fallback text is rendered only in the row that slots no label; in the others it is replaced by the
# slotted label and never shown (the Timeline row's switch is off, the real YouTube row's is on).
_SETTING_ROW = """<script>
customElements.define('setting-row', class extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    var on = this.hasAttribute('on');
    this.attachShadow({mode: 'open'}).innerHTML = '<style>.r{display:flex;justify-content:space-between;align-items:center;padding:10px 0;border-bottom:1px solid #ddd;max-width:700px}button{width:40px;height:22px;border-radius:11px;border:0;background:' + (on ? '#1a73e8' : '#9aa0a6') + '}</style><div class=r><span id=n><slot name=label>YouTube History</slot></span><button type=button role=switch aria-labelledby=n aria-checked=' + (on ? 'true' : 'false') + '></button></div>';
  }
});
</script>"""
case(
    "g_slot_fallback_label", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<setting-row on><span slot=label>Web &amp; App Activity</span></setting-row>
<setting-row><span slot=label>Timeline</span></setting-row>
<setting-row on></setting-row>
</main>""",
    {"web_app_activity": "on", "timeline": "off", "youtube_history": "on"},
    head=_SETTING_ROW,
)

# Server-rendered web components (Lit SSR): declarative shadow DOM (<template shadowrootmode=open>)
# holding each row's switch, the label slotted from light DOM; a plain <template> of a row with the
# other values follows (the client-side template).
def _dsd_row(label: str, on: bool) -> str:
    return (f'<activity-row><template shadowrootmode=open><style>.r{{display:flex;justify-content:space-between;align-items:center;padding:10px 0;border-bottom:1px solid #ddd;max-width:700px}}[role=switch]{{width:40px;height:22px;border-radius:11px;border:0;background:{"#1a73e8" if on else "#9aa0a6"}}}</style>'
            f'<div class=r><span id=l><slot></slot></span><button type=button role=switch aria-labelledby=l aria-checked={sw(on)}></button></div></template>{label}</activity-row>')


case(
    "g_declarative_shadow_dom_ssr", "google", "activity_controls",
    "<main><h1>Activity controls</h1>" + _dsd_row("Web &amp; App Activity", True) + _dsd_row("Timeline", False) + _dsd_row("YouTube History", False)
    + '<template id=activity-row-tpl><div class=row><span id=tp1>Web &amp; App Activity</span><button type=button role=switch aria-checked=false aria-labelledby=tp1></button></div><div class=row><span id=tp2>Timeline</span><button type=button role=switch aria-checked=true aria-labelledby=tp2></button></div><div class=row><span id=tp3>YouTube History</span><button type=button role=switch aria-checked=true aria-labelledby=tp3></button></div></template></main>',
    {"web_app_activity": "on", "timeline": "off", "youtube_history": "off"},
)

# The controls in an <iframe srcdoc> (same origin, about:srcdoc): native checkboxes role=switch with
# <label for>, in a frame whose own document has a recorder too.
_SRCDOC = doc("""<main><div class=row><label for=sd1>Web &amp; App Activity</label><input type=checkbox role=switch id=sd1></div>
<div class=row><label for=sd2>Timeline</label><input type=checkbox role=switch id=sd2 checked></div>
<div class=row><label for=sd3>YouTube History</label><input type=checkbox role=switch id=sd3 checked></div></main>""")
case(
    "g_srcdoc_iframe", "google", "activity_controls",
    f'<main><h1>Activity controls</h1><iframe title="Your activity controls" srcdoc="{html.escape(_SRCDOC, quote=True)}" style="width:780px;height:260px;border:0"></iframe></main>',
    {"web_app_activity": "off", "timeline": "on", "youtube_history": "on"},
)

# Material Web radios: each <md-radio> keeps its real <input type=radio> in an open shadow root, so
# the <label> wrapping the host and the option text names nothing; the group is a role=radiogroup
# named by a heading. "Keep until you delete manually" is chosen.
_MD_RADIO = """<script>
customElements.define('md-radio', class extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    var c = this.hasAttribute('checked');
    var root = this.attachShadow({mode: 'open'});
    root.innerHTML = '<style>:host{display:inline-flex;position:relative}.c{width:20px;height:20px;border-radius:10px;box-sizing:border-box;border:2px solid ' + (c ? '#6750a4' : '#49454f') + ';background:' + (c ? 'radial-gradient(#6750a4 40%,#fff 45%)' : '#fff') + '}input{appearance:none;position:absolute;inset:0;margin:0;opacity:0}</style><span class=c></span><input type=radio>';
    root.querySelector('input').checked = c;
  }
});
</script>"""
case(
    "g_md_radio_shadow_inputs", "google", "web_app_activity",
    """<style>.opt{display:flex;align-items:center;gap:12px;padding:8px 0}</style>
<main><h1>Web &amp; App Activity</h1><h2 id=mr-h>Choose an auto-delete option</h2><div role=radiogroup aria-labelledby=mr-h>
<label class=opt><md-radio name=ad value=3></md-radio>Auto-delete activity older than 3 months</label>
<label class=opt><md-radio name=ad value=18></md-radio>Auto-delete activity older than 18 months</label>
<label class=opt><md-radio name=ad value=36></md-radio>Auto-delete activity older than 36 months</label>
<label class=opt><md-radio name=ad value=off checked></md-radio>Keep until you delete manually</label>
</div></main>""",
    {"auto_delete": "off"},
    head=_MD_RADIO,
)

# A segmented control of role=radio buttons with abbreviated words on screen ("18 mo") and the full
# option in aria-label ("18 months").
case(
    "g_segmented_abbreviated_options", "google", "web_app_activity",
    """<style>.seg{display:inline-flex;border:1px solid #747775;border-radius:18px;overflow:hidden}.seg button{border:0;border-left:1px solid #747775;padding:6px 14px;background:#fff}.seg button:first-child{border-left:0}.seg [aria-checked=true]{background:#c2e7ff}</style>
<main><h1>Web &amp; App Activity</h1><div class=row><span id=sg>Auto-delete</span><div role=radiogroup aria-labelledby=sg class=seg>
<button type=button role=radio aria-checked=false aria-label=Off tabindex=-1>Off</button><button type=button role=radio aria-checked=false aria-label="3 months" tabindex=-1>3 mo</button><button type=button role=radio aria-checked=true aria-label="18 months" tabindex=0>✓ 18 mo</button><button type=button role=radio aria-checked=false aria-label="36 months" tabindex=-1>36 mo</button>
</div></div></main>""",
    {"auto_delete": "18"},
)

# My Ad Center's header control: the value is the text of a pill button that opens a dialog
# (aria-haspopup=dialog), "On ▾"; a second row shows "Fewer ads" on its own pill.
case(
    "g_ad_center_pill_button_value", "google", "ad_center",
    """<style>.pill{border:1px solid #747775;border-radius:16px;padding:4px 14px;background:#fff}</style>
<main><h1>My Ad Center</h1>
<div class=row><span>Personalized ads</span><button type=button class=pill aria-haspopup=dialog>On <span aria-hidden=true>▾</span></button></div>
<div class=row><span>Sensitive ad categories: alcohol</span><button type=button class=pill aria-haspopup=dialog>Fewer ads <span aria-hidden=true>▾</span></button></div></main>""",
    {"personalized_ads": "on"},
)

# A non-modal "What's new" dialog over the page whose illustration (role=img) draws the setting
# with the word "Off"; the live switch is on. Dismissing the dialog is not reading. The picture does
# show "Off", so a cautious reader may decline: on or nothing.
case(
    "g_whats_new_dialog_illustration", "google", "ad_center",
    """<style>.illo{display:flex;gap:12px;align-items:center;border:1px dashed #c4c7c5;padding:12px;border-radius:8px}.fake{display:inline-block;padding:2px 10px;border-radius:10px;background:#9aa0a6;color:#fff}</style>
<main><h1>My Ad Center</h1><div class=row><label for=wn1>Personalized ads</label><input type=checkbox role=switch id=wn1 checked></div>
<p>Your ads are based on your activity and the info in your Google Account.</p></main>
<dialog open aria-labelledby=wn-h style="position:fixed;top:90px;left:560px;width:360px;margin:0;border:1px solid #c4c7c5;border-radius:12px"><h2 id=wn-h>What's new</h2>
<div role=img aria-label="Illustration of the Personalized ads setting" class=illo><span>Personalized ads</span><span class=fake>Off</span></div>
<p>You can turn Personalized ads on or off in one place now.</p><button type=button>Got it</button></dialog>""",
    {"personalized_ads": Either("on")},
)

# Flutter web with its semantics tree enabled: the page is a <canvas> (labels and switches painted),
# and the only DOM is the transparent overlay of <flt-semantics role=switch aria-checked
# aria-label> nodes placed over what they describe (filter: opacity(0%)), as Flutter renders it.
case(
    "g_flutter_semantics_over_canvas", "google", "activity_controls",
    """<style>flt-glass-pane{display:block;position:relative;width:760px;height:200px}canvas{position:absolute;left:0;top:0}flt-semantics-host{position:absolute;inset:0;filter:opacity(0%);color:rgba(0,0,0,0);pointer-events:none}flt-semantics{position:absolute;display:block;left:0;width:760px;height:56px;pointer-events:all}</style>
<main><h1>Activity controls</h1><flutter-view><flt-glass-pane><canvas id=cv width=760 height=200></canvas><flt-semantics-host>
<flt-semantics role=switch aria-checked=true aria-label="Web &amp; App Activity" tabindex=0 style="top:0"></flt-semantics>
<flt-semantics role=switch aria-checked=false aria-label="Timeline" tabindex=0 style="top:64px"></flt-semantics>
<flt-semantics role=switch aria-checked=true aria-label="YouTube History" tabindex=0 style="top:128px"></flt-semantics>
</flt-semantics-host></flt-glass-pane></flutter-view></main>
<script>(function () {
  var c = document.getElementById('cv').getContext('2d');
  [['Web & App Activity', true], ['Timeline', false], ['YouTube History', true]].forEach(function (r, i) {
    var y = i * 64;
    c.fillStyle = '#202124'; c.font = '16px Roboto, Arial, sans-serif'; c.fillText(r[0], 8, y + 34);
    c.fillStyle = r[1] ? '#1a73e8' : '#9aa0a6'; c.beginPath(); c.roundRect(700, y + 17, 44, 24, 12); c.fill();
    c.fillStyle = '#fff'; c.beginPath(); c.arc(r[1] ? 732 : 712, y + 29, 9, 0, 7); c.fill();
    c.fillStyle = '#dadce0'; c.fillRect(0, y + 57, 760, 1);
  });
})();</script>""",
    {"web_app_activity": "on", "timeline": "off", "youtube_history": "on"},
)

# Two rows in plain view; Timeline and YouTube History in a section hidden=until-found (found by
# find-in-page, opened by its "More activity controls" disclosure button, aria-expanded=false).
case(
    "g_hidden_until_found_section", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<div class=row><span id=uf1>Web &amp; App Activity</span><button type=button role=switch aria-checked=true aria-labelledby=uf1></button></div>
<h2><button type=button id=uf-btn aria-expanded=false aria-controls=uf-more>More activity controls</button></h2>
<div id=uf-more hidden=until-found>
<div class=row><span id=uf2>Timeline</span><button type=button role=switch aria-checked=true aria-labelledby=uf2></button></div>
<div class=row><span id=uf3>YouTube History</span><button type=button role=switch aria-checked=false aria-labelledby=uf3></button></div></div></main>
<script>(function () {
  var b = document.getElementById('uf-btn'), m = document.getElementById('uf-more');
  function open() { m.removeAttribute('hidden'); b.setAttribute('aria-expanded', 'true'); }
  b.addEventListener('click', function () { if (m.hasAttribute('hidden')) open(); else { m.setAttribute('hidden', 'until-found'); b.setAttribute('aria-expanded', 'false'); } });
  m.addEventListener('beforematch', open);
})();</script>""",
    {"web_app_activity": "on", "timeline": "on", "youtube_history": "off"},
)

# A "Turn on" button that is also a disclosure (aria-expanded=false): pressing it turns Timeline on
# and shows its options (the app saves at once). YouTube History sits behind an ordinary collapsed
# disclosure. Reading must not press "Turn on".
case(
    "g_turn_on_button_is_a_disclosure", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<div class=row><span id=to1>Web &amp; App Activity</span><button type=button role=switch aria-checked=true aria-labelledby=to1></button></div>
<section id=to2c class=card style="border:1px solid #dadce0;border-radius:8px;padding:12px 16px;max-width:700px"><h2 id=to2>Timeline</h2><p>Status: <span id=to2s>Off</span></p>
<button type=button id=to2b aria-expanded=false aria-controls=to2p>Turn on</button><div id=to2p hidden><p>Timeline is on. Keep your Timeline for: 3 months</p></div></section>
<h2><button type=button id=to3b aria-expanded=false aria-controls=to3p>YouTube</button></h2>
<div id=to3p hidden><div class=row><span id=to3>YouTube History</span><button type=button role=switch aria-checked=false aria-labelledby=to3></button></div></div></main>
<script>
document.getElementById('to2b').addEventListener('click', function () {
  document.getElementById('to2s').textContent = 'On';
  document.getElementById('to2p').hidden = false; this.setAttribute('aria-expanded', 'true');
  document.getElementById('to2c').dispatchEvent(new Event('change', {bubbles: true}));  // saved
});
document.getElementById('to3b').addEventListener('click', function () {
  var p = document.getElementById('to3p'); p.hidden = !p.hidden; this.setAttribute('aria-expanded', String(!p.hidden));
});
</script>""",
    {"web_app_activity": "on", "timeline": "off", "youtube_history": "off"},
)

# Typographic apostrophes, as the live site writes its options: "Don’t auto-delete activity"
# (U+2019) is the checked native radio under a legend.
case(
    "g_typographic_apostrophe_option", "google", "web_app_activity",
    """<main><h1>Web &amp; App Activity</h1><fieldset style="border:0;padding:0"><legend>Choose an auto-delete option</legend>
<label style="display:block;padding:6px 0"><input type=radio name=ta value=3> Auto-delete activity older than 3 months</label>
<label style="display:block;padding:6px 0"><input type=radio name=ta value=18> Auto-delete activity older than 18 months</label>
<label style="display:block;padding:6px 0"><input type=radio name=ta value=36> Auto-delete activity older than 36 months</label>
<label style="display:block;padding:6px 0"><input type=radio name=ta value=off checked> Don’t auto-delete activity</label></fieldset>
<p>You can always delete activity manually. We’ll keep it until you do.</p></main>""",
    {"auto_delete": "off"},
)

# A micro-frontend: a web component whose open shadow root holds a same-origin <iframe>, whose
# document holds another component with the switch in its own open shadow root.
_NESTED_PANEL = doc("""<ads-toggle label="Personalized ads"></ads-toggle>
<script>customElements.define('ads-toggle', class extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    var r = this.attachShadow({mode: 'open'});
    r.innerHTML = '<div class=row style="display:flex;justify-content:space-between;align-items:center;max-width:640px;padding:10px 0"><span id=l></span><button type=button role=switch aria-checked=false aria-labelledby=l style="width:40px;height:22px;border-radius:11px;border:0;background:#9aa0a6"></button></div>';
    r.getElementById('l').textContent = this.getAttribute('label');
  }
});</script>""")
case(
    "g_iframe_inside_shadow_root", "google", "ad_center",
    """<main><h1>My Ad Center</h1><ads-frame></ads-frame></main>
<script>customElements.define('ads-frame', class extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    this.attachShadow({mode: 'open'}).innerHTML = '<iframe src="panel.html" title="Ad settings" style="width:700px;height:120px;border:0"></iframe>';
  }
});</script>""",
    {"personalized_ads": "off"},
    files={"panel.html": (_NESTED_PANEL, HTML, 0.0)},
)

# A renamed setting during the transition: the label reads "Timeline (formerly Location History)",
# holding both the current and the former name.
case(
    "g_label_with_former_name_in_parentheses", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<div class=row><span id=fn1>Web &amp; App Activity</span><button type=button role=switch aria-checked=false aria-labelledby=fn1></button></div>
<div class=row><span id=fn2>Timeline (formerly Location History)</span><button type=button role=switch aria-checked=true aria-labelledby=fn2></button></div>
<div class=row><span id=fn3>YouTube History</span><button type=button role=switch aria-checked=true aria-labelledby=fn3></button></div></main>""",
    {"web_app_activity": "off", "timeline": "on", "youtube_history": "on"},
)

# ============================================================================================
# Facebook
# ============================================================================================

# Radix primitives: Select (closed trigger + hidden native mirror), RadioGroup (button role=radio
# items named by <label for>, with the BubbleInput radios Radix renders for forms), Switch (button
# role=switch value=on, always "on", and its bubble checkbox).
_BUBBLE = "transform:translateX(-100%);position:absolute;pointer-events:none;opacity:0;margin:0;width:16px;height:16px"
case(
    "fb_radix_primitives", "facebook", "privacy",
    f"""<style>[role=radio]{{width:16px;height:16px;border-radius:8px;border:1px solid #65676b;background:#fff}}[role=radio][data-state=checked]{{background:radial-gradient(#1877f2 40%,#fff 45%)}}.opt{{display:inline-flex;gap:6px;align-items:center;margin-right:16px}}</style>
<main><h1>Privacy settings</h1>
<div class=row><label for=radix-:a1:>Who can see your future posts?</label><button type=button role=combobox id=radix-:a1: aria-controls=radix-:a2: aria-expanded=false aria-autocomplete=none data-state=closed><span style="pointer-events:none">Friends</span></button><select aria-hidden=true tabindex=-1 style="{_RADIX_NATIVE}"><option value=""></option><option value=public>Public</option><option value=friends selected>Friends</option><option value=only_me>Only me</option><option value=custom>Custom</option></select></div>
<div class=row><span id=rq2>Who can send you friend requests?</span><div role=radiogroup aria-required=false dir=ltr aria-labelledby=rq2 tabindex=0 style="outline:none">
<span class=opt><button type=button role=radio aria-checked=false data-state=unchecked value=everyone id=r2a tabindex=-1></button><input type=radio aria-hidden=true tabindex=-1 value=everyone style="{_BUBBLE}"><label for=r2a>Everyone</label></span>
<span class=opt><button type=button role=radio aria-checked=true data-state=checked value=fof id=r2b tabindex=-1><span data-state=checked></span></button><input type=radio aria-hidden=true tabindex=-1 value=fof checked style="{_BUBBLE}"><label for=r2b>Friends of friends</label></span></div></div>
<div class=row><label for=radix-:a5:>Who can look you up using the email address you provided?</label><button type=button role=combobox id=radix-:a5: aria-controls=radix-:a6: aria-expanded=false aria-autocomplete=none data-state=closed><span style="pointer-events:none">Only me</span></button><select aria-hidden=true tabindex=-1 style="{_RADIX_NATIVE}"><option value=""></option><option value=everyone>Everyone</option><option value=fof>Friends of friends</option><option value=friends>Friends</option><option value=only_me selected>Only me</option></select></div>
<div class=row><label for=rs4>Do you want search engines outside of Facebook to link to your profile?</label><button type=button role=switch id=rs4 aria-checked=false data-state=unchecked value=on><span data-state=unchecked></span></button><input type=checkbox aria-hidden=true tabindex=-1 value=on style="{_BUBBLE}"></div>
</main>""",
    {"future_posts_audience": "friends", "friend_requests": "friends_of_friends", "lookup_email": "only_me", "search_engine_link": "no"},
)

# Headless UI RadioGroups: role=radio divs holding a label span and a description span (aria-
# labelledby / aria-describedby); the descriptions mention other audiences ("not even friends").
def _hui_group(gid: str, question: str, options: list[tuple[str, str]], chosen: int) -> str:
    items = []
    for i, (label, desc) in enumerate(options):
        on = i == chosen
        items.append(f'<div role=radio id="headlessui-radio-:{gid}{i}:" aria-checked={sw(on)} tabindex={0 if on else -1} data-headlessui-state="{"checked" if on else ""}" aria-labelledby="headlessui-label-:{gid}l{i}:" aria-describedby="headlessui-description-:{gid}d{i}:" class="opt{" sel" if on else ""}"><span id="headlessui-label-:{gid}l{i}:" class=ol>{label}</span><span id="headlessui-description-:{gid}d{i}:" class=od>{desc}</span></div>')
    return f'<div role=radiogroup aria-labelledby="headlessui-label-:{gid}:" class=grp><label id="headlessui-label-:{gid}:" class=q>{question}</label>' + "".join(items) + "</div>"


case(
    "fb_headlessui_radio_descriptions", "facebook", "privacy",
    "<style>.grp{max-width:720px;padding:10px 0;border-bottom:1px solid #ddd}.q{display:block;font-weight:600;margin-bottom:6px}.opt{display:flex;flex-direction:column;border:1px solid #ced0d4;border-radius:8px;padding:8px 12px;margin:4px 0}.opt.sel{border-color:#1877f2;background:#e7f3ff}.od{font-size:13px;color:#65676b}</style><main><h1>Privacy settings</h1>"
    + _hui_group("f", "Who can see your future posts?", [("Public", "Anyone on or off Facebook"), ("Friends", "Your friends on Facebook"), ("Only me", "Only you, not even friends"), ("Custom", "Include and exclude friends and lists")], 2)
    + _hui_group("r", "Who can send you friend requests?", [("Everyone", "Anyone on Facebook"), ("Friends of friends", "Friends of your friends")], 1)
    + _hui_group("l", "Who can look you up using the email address you provided?", [("Everyone", "Anyone, including people who aren't friends"), ("Friends of friends", "Friends of your friends"), ("Friends", "Your friends on Facebook"), ("Only me", "Only you")], 2)
    + _hui_group("s", "Do you want search engines outside of Facebook to link to your profile?", [("Yes", "Search engines can link to your profile"), ("No", "Search engines will stop linking to your profile; Yes can be chosen again later")], 1)
    + "</main>",
    {"future_posts_audience": "only_me", "friend_requests": "friends_of_friends", "lookup_email": "friends", "search_engine_link": "no"},
)

# Accounts Center rows as links to each setting's own page: the question and the current value are
# two lines of text inside an <a>, with a chevron. Following the link is not reading.
def _ac_link(question: str, value: str, slug: str) -> str:
    return f'<a href="/settings/privacy/{slug}/" role=link tabindex=0 class=acrow><div class=x1><span dir=auto class=t>{question}</span><span dir=auto class=v>{value}</span></div><i aria-hidden=true>›</i></a>'


case(
    "fb_accounts_center_link_rows", "facebook", "privacy",
    "<style>.acrow{display:flex;justify-content:space-between;align-items:center;max-width:680px;padding:12px 16px;border-bottom:1px solid #ddd;color:inherit;text-decoration:none}.x1{display:flex;flex-direction:column}.v{color:#65676b;font-size:14px}</style><main><h1>Privacy settings</h1><div role=list>"
    + _ac_link("Who can see your future posts?", "Public", "future-posts")
    + _ac_link("Who can send you friend requests?", "Everyone", "friend-requests")
    + _ac_link("Who can look you up using the email address you provided?", "Friends", "lookup-email")
    + _ac_link("Do you want search engines outside of Facebook to link to your profile?", "No", "search-engines")
    + "</div></main>",
    {"future_posts_audience": "public", "friend_requests": "everyone", "lookup_email": "friends", "search_engine_link": "no"},
)

# Ad partners as Meta's review page asks it: a question with two radio answers, "Yes, make my ads
# more personalized" / "No, make my ads less personalized"; No is chosen.
case(
    "fb_ad_partners_yes_no_sentences", "facebook", "ad_settings",
    """<main><h1>Activity information from ad partners</h1>
<p>Partners give us information about your activity on their websites and apps, like visiting their website or installing their app.</p>
<fieldset style="border:0;padding:0"><legend style="font-weight:600">Can we show you more personalized ads using activity information from our partners?</legend>
<label style="display:block;padding:8px 0"><input type=radio name=pa value=yes> Yes, make my ads more personalized</label>
<label style="display:block;padding:8px 0"><input type=radio name=pa value=no checked> No, make my ads less personalized</label></fieldset></main>""",
    {"partner_ads": "off"},
)

# Comet-style switch soup: a native checkbox input role=switch with aria-checked (and the property set
# by script), no name of its own, described by help text that says what happens "when this is off";
# the label is a span five wrappers up. A second switch in the card is off.
case(
    "fb_comet_switch_soup_ad_partners", "facebook", "ad_settings",
    """<style>.x9f619{display:flex;align-items:center;justify-content:space-between;max-width:700px;padding:12px 0}.x1n2onr6{position:relative}.x1i10hfl{appearance:none;width:44px;height:24px;border-radius:12px;background:#bcc0c4;margin:0}.x1i10hfl:checked{background:#1877f2}</style>
<main><h1>Ad settings</h1><div class=x78zum5><div class=x9f619><div class=xdj266r><div class=x1lliihq><div class=x6s0dn4><span class="x193iq5w xeuugli" dir=auto>Activity information from ad partners</span></div><div class=xzsf02u><span id=":r4:" dir=auto class=x1sibtaa>When this is off, we won't use information from partners to show you ads.</span></div></div></div>
<div class=x1n2onr6><input id=cm1 aria-checked=true aria-describedby=":r4:" class=x1i10hfl role=switch type=checkbox value=""></div></div>
<div class=x9f619><div class=xdj266r><span class="x193iq5w" dir=auto>Show ads on apps and websites off Meta technologies</span></div><div class=x1n2onr6><input id=cm2 aria-checked=false class=x1i10hfl role=switch type=checkbox value=""></div></div></div></main>
<script>document.getElementById('cm1').checked = true;</script>""",
    {"partner_ads": "on"},
)

# Audience buttons whose aria-label ("Edit audience") replaces their visible content for assistive
# tech: on screen each shows the audience word and a chevron.
def _edit_btn(value: str) -> str:
    return f'<div role=button tabindex=0 aria-haspopup=menu aria-label="Edit audience" class=aud><span class=ico aria-hidden=true>◉</span><span>{value}</span><span aria-hidden=true>▾</span></div>'


case(
    "fb_value_buttons_named_edit", "facebook", "privacy",
    "<style>.aud{display:inline-flex;gap:6px;align-items:center;border-radius:6px;background:#e4e6eb;padding:6px 10px}</style><main><h1>Privacy settings</h1>"
    + '<div class=row><span>Who can see your future posts?</span>' + _edit_btn("Friends") + "</div>"
    + '<div class=row><span>Who can send you friend requests?</span>' + _edit_btn("Everyone") + "</div>"
    + '<div class=row><span>Who can look you up using the email address you provided?</span>' + _edit_btn("Only me") + "</div>"
    + '<div class=row><span>Do you want search engines outside of Facebook to link to your profile?</span>' + _edit_btn("No") + "</div></main>",
    {"future_posts_audience": "friends", "friend_requests": "everyone", "lookup_email": "only_me", "search_engine_link": "no"},
)

# An activity log under the settings names each question with earlier values ("from Public to Only
# me", "Only me → Everyone", "was No until Aug 12").
case(
    "fb_activity_log_earlier_values", "facebook", "privacy",
    """<main><h1>Privacy settings</h1>
<div class=row><label for=al1>Who can see your future posts?</label><select id=al1><option>Public</option><option selected>Friends</option><option>Only me</option><option>Custom</option></select></div>
<div class=row><label for=al2>Who can send you friend requests?</label><select id=al2><option>Everyone</option><option selected>Friends of friends</option></select></div>
<div class=row><label for=al3>Who can look you up using the email address you provided?</label><select id=al3><option selected>Everyone</option><option>Friends of friends</option><option>Friends</option><option>Only me</option></select></div>
<div class=row><label for=al4>Do you want search engines outside of Facebook to link to your profile?</label><select id=al4><option selected>Yes</option><option>No</option></select></div>
<section><h2>Activity log</h2><ul>
<li><time>Oct 3</time> You changed "Who can see your future posts?" from Public to Only me.</li>
<li><time>Nov 28</time> You changed "Who can see your future posts?" from Only me to Friends.</li>
<li><time>Sep 9</time> Who can send you friend requests? Everyone → Friends of friends</li>
<li><time>Aug 30</time> Who can look you up using the email address you provided? Only me → Everyone</li>
<li><time>Aug 12</time> Do you want search engines outside of Facebook to link to your profile? was No until Aug 12</li>
</ul></section></main>""",
    {"future_posts_audience": "friends", "friend_requests": "friends_of_friends", "lookup_email": "everyone", "search_engine_link": "yes"},
)

# Copies a person never sees, each holding one question with another value: clip-path: inset(50%)
# (future posts), a "print version" placed off screen at left:-10000px (friend requests), an
# opacity:0 wrapper at the end of a fade (email lookup), and a closed [popover] (search engines).
case(
    "fb_hidden_by_clip_offscreen_opacity_popover", "facebook", "privacy",
    """<main><h1>Privacy settings</h1>
<div style="clip-path:inset(50%)"><div class=row><label for=hc1>Who can see your future posts?</label><select id=hc1><option selected>Public</option><option>Friends</option><option>Only me</option></select></div></div>
<div class=row><label for=lc1>Who can see your future posts?</label><select id=lc1><option>Public</option><option>Friends</option><option selected>Only me</option><option>Custom</option></select></div>
<div class=row><label for=lc2>Who can send you friend requests?</label><select id=lc2><option>Everyone</option><option selected>Friends of friends</option></select></div>
<div class=row><label for=lc3>Who can look you up using the email address you provided?</label><select id=lc3><option>Everyone</option><option>Friends of friends</option><option>Friends</option><option selected>Only me</option></select></div>
<div class=row><label for=lc4>Do you want search engines outside of Facebook to link to your profile?</label><select id=lc4><option>Yes</option><option selected>No</option></select></div>
<div class=print-version style="position:absolute;left:-10000px;top:auto;width:700px"><div class=row><label for=hc2>Who can send you friend requests?</label><select id=hc2><option selected>Everyone</option><option>Friends of friends</option></select></div></div>
<div style="opacity:0"><div class=row><label for=hc3>Who can look you up using the email address you provided?</label><select id=hc3><option selected>Everyone</option><option>Friends of friends</option><option>Friends</option><option>Only me</option></select></div></div>
<div popover id=pv><div class=row><label for=hc4>Do you want search engines outside of Facebook to link to your profile?</label><select id=hc4><option selected>Yes</option><option>No</option></select></div></div>
</main>""",
    {"future_posts_audience": "only_me", "friend_requests": "friends_of_friends", "lookup_email": "only_me", "search_engine_link": "no"},
)

# Each question followed by an always-open menu of role=menuitemradio items (aria-checked), the way
# the audience picker renders inline on wide screens. Choosing an item changes the setting.
def _mir_menu(qid: str, question: str, options: list[str], chosen: str) -> str:
    items = "".join(f'<div role=menuitemradio aria-checked={sw(o == chosen)} tabindex={0 if o == chosen else -1} class="mi{" on" if o == chosen else ""}">{o}</div>' for o in options)
    return f'<div class=blk><div id={qid} class=q>{question}</div><div role=menu aria-labelledby={qid} class=menu>{items}</div></div>'


case(
    "fb_inline_menuitemradio", "facebook", "privacy",
    "<style>.blk{padding:10px 0;border-bottom:1px solid #ddd;max-width:700px}.q{font-weight:600}.menu{display:flex;gap:8px;margin-top:6px}.mi{padding:4px 10px;border-radius:6px;border:1px solid #ced0d4}.mi.on{background:#e7f3ff;border-color:#1877f2}.mi.on::before{content:'✓ '}</style><main><h1>Privacy settings</h1>"
    + _mir_menu("mq1", "Who can see your future posts?", ["Public", "Friends", "Only me", "Custom"], "Public")
    + _mir_menu("mq2", "Who can send you friend requests?", ["Everyone", "Friends of friends"], "Friends of friends")
    + _mir_menu("mq3", "Who can look you up using the email address you provided?", ["Everyone", "Friends of friends", "Friends", "Only me"], "Friends")
    + _mir_menu("mq4", "Do you want search engines outside of Facebook to link to your profile?", ["Yes", "No"], "No")
    + "</main>",
    {"future_posts_audience": "public", "friend_requests": "friends_of_friends", "lookup_email": "friends", "search_engine_link": "no"},
)

# The classic settings table: question, current value, Edit link; two rows show no value at all
# (only the Edit link), so nobody can tell those.
case(
    "fb_table_edit_links_two_blank", "facebook", "privacy",
    """<style>td,th{padding:10px 12px;border-bottom:1px solid #ddd;text-align:left}th{font-weight:600}</style>
<main><h1>Privacy settings</h1><table><tbody>
<tr><th>Who can see your future posts?</th><td>Friends</td><td><a href="/settings/privacy/future/">Edit</a></td></tr>
<tr><th>Who can send you friend requests?</th><td>Everyone</td><td><a href="/settings/privacy/requests/">Edit</a></td></tr>
<tr><th>Who can look you up using the email address you provided?</th><td></td><td><a href="/settings/privacy/email/">Edit</a></td></tr>
<tr><th>Do you want search engines outside of Facebook to link to your profile?</th><td></td><td><a href="/settings/privacy/search/">Edit</a></td></tr>
</tbody></table></main>""",
    {"future_posts_audience": "friends", "friend_requests": "everyone", "lookup_email": None, "search_engine_link": None},
)

# Questions broken up by markup: <b>, <em> after a CSS emoji icon (::before), a link inside the
# question ("email address" links to contact info) and a footnote marker after the question mark.
case(
    "fb_questions_with_links_and_footnotes", "facebook", "privacy",
    """<style>.ic::before{content:"👥 "}</style>
<main><h1>Privacy settings</h1>
<div class=row><span id=sl1>Who can see your <b>future posts</b>?</span><select aria-labelledby=sl1><option>Public</option><option>Friends</option><option>Only me</option><option selected>Custom</option></select></div>
<div class=row><span id=sl2><span class=ic></span>Who can send you <em>friend requests</em>?</span><select aria-labelledby=sl2><option>Everyone</option><option selected>Friends of friends</option></select></div>
<div class=row><span id=sl3>Who can look you up using the <a href="/settings/contact/">email address</a> you provided?</span><select aria-labelledby=sl3><option>Everyone</option><option>Friends of friends</option><option>Friends</option><option selected>Only me</option></select></div>
<div class=row><span id=sl4>Do you want search engines outside of <span translate=no>Facebook</span> to link to your profile?<sup><a href="#fn1">1</a></sup></span><select aria-labelledby=sl4><option>Yes</option><option selected>No</option></select></div>
<p id=fn1><sup>1</sup> Search engines may take a while to stop showing a link.</p></main>""",
    {"future_posts_audience": "custom", "friend_requests": "friends_of_friends", "lookup_email": "only_me", "search_engine_link": "no"},
)

# The setting failed to load (its request answers 404): the card shows its label, "Something went
# wrong" and a Try again button (not to be pressed). Nobody can tell the value.
case(
    "fb_ad_setting_failed_to_load", "facebook", "ad_settings",
    """<main><h1>Ad settings</h1><div class=card id=card><h2>Activity information from ad partners</h2><p id=msg>Loading…</p></div></main>
<script>fetch('state.json').then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); }).then(function (d) {
  document.getElementById('msg').textContent = d.partners ? 'On' : 'Off';
}).catch(function () {
  document.getElementById('msg').textContent = 'Something went wrong while loading this setting.';
  var b = document.createElement('div'); b.setAttribute('role', 'button'); b.tabIndex = 0; b.textContent = 'Try again';
  document.getElementById('card').appendChild(b);
});</script>""",
    {"partner_ads": None},
)

# Optimistic first paint from a cache (on, "Updating…"), then the account's state (off) from a
# request that takes 2 s.
case(
    "fb_cached_state_then_fetch", "facebook", "ad_settings",
    """<main><h1>Activity information from ad partners</h1>
<div class=row><span id=oc>Activity information from ad partners</span><button type=button role=switch aria-checked=true aria-labelledby=oc id=ocs></button></div><p id=upd role=status>Updating…</p></main>
<script>fetch('state.json').then(function (r) { return r.json(); }).then(function (d) {
  document.getElementById('ocs').setAttribute('aria-checked', d.partners ? 'true' : 'false');
  document.getElementById('upd').textContent = '';
});</script>""",
    {"partner_ads": "off"},
    files={"state.json": (json.dumps({"partners": False}), JSON, 2.0)},
)

# A legacy form: each value shown in a read-only text input (value attribute, no text content),
# named by <label for>.
case(
    "fb_readonly_text_inputs", "facebook", "privacy",
    """<style>.ro{border:1px solid #ccd0d5;border-radius:4px;padding:4px 8px;background:#f5f6f7;width:160px}</style>
<main><h1>Privacy settings</h1>
<div class=row><label for=ro1>Who can see your future posts?</label><input id=ro1 class=ro type=text readonly value="Only me"></div>
<div class=row><label for=ro2>Who can send you friend requests?</label><input id=ro2 class=ro type=text readonly value="Everyone"></div>
<div class=row><label for=ro3>Who can look you up using the email address you provided?</label><input id=ro3 class=ro type=text readonly value="Friends of friends"></div>
<div class=row><label for=ro4>Do you want search engines outside of Facebook to link to your profile?</label><input id=ro4 class=ro type=text readonly value="Yes"></div>
<p><a href="/settings/privacy/edit/">Edit these settings</a></p></main>""",
    {"future_posts_audience": "only_me", "friend_requests": "everyone", "lookup_email": "friends_of_friends", "search_engine_link": "yes"},
)

# Server-rendered disclosures before hydration: the first section's button still says
# aria-expanded=false while its panel is open on screen (pressing it would close it); the second
# section is really collapsed.
case(
    "fb_stale_aria_expanded_open_panel", "facebook", "privacy",
    """<main><h1>Privacy settings</h1>
<h2><button type=button class=disc id=se1b aria-expanded=false aria-controls=se1p>Your activity</button></h2>
<div id=se1p><div class=row><label for=se1>Who can see your future posts?</label><select id=se1><option>Public</option><option selected>Friends</option><option>Only me</option><option>Custom</option></select></div>
<div class=row><label for=se2>Who can send you friend requests?</label><select id=se2><option selected>Everyone</option><option>Friends of friends</option></select></div></div>
<h2><button type=button class=disc id=se2b aria-expanded=false aria-controls=se2p>How people find and contact you</button></h2>
<div id=se2p hidden><div class=row><label for=se3>Who can look you up using the email address you provided?</label><select id=se3><option>Everyone</option><option>Friends of friends</option><option>Friends</option><option selected>Only me</option></select></div>
<div class=row><label for=se4>Do you want search engines outside of Facebook to link to your profile?</label><select id=se4><option>Yes</option><option selected>No</option></select></div></div></main>
<script>document.querySelectorAll('.disc').forEach(function (b) {
  b.addEventListener('click', function () { var p = document.getElementById(b.getAttribute('aria-controls')); p.hidden = !p.hidden; b.setAttribute('aria-expanded', String(!p.hidden)); });
});</script>""",
    {"future_posts_audience": "friends", "friend_requests": "everyone", "lookup_email": "only_me", "search_engine_link": "no"},
)

# The customizable select of 2025+ HTML (appearance: base-select): a <button> holding
# <selectedcontent> (a live copy of the chosen option), rich options with an icon and a description
# line (hidden inside the button by CSS).
def _base_select(sid: str, options: list[tuple[str, str, str]], chosen: str) -> str:
    opts = "".join(f'<option value="{v}"{" selected" if v == chosen else ""}><span class=ic aria-hidden=true>{icon}</span><span class=ot>{text}</span><span class=od>{desc}</span></option>' for v, icon, text, desc in options)
    return f'<select id={sid}><button><selectedcontent></selectedcontent></button>{opts}</select>'


_AUD = [("public", "🌎", "Public", "Anyone on or off Facebook"), ("friends", "👥", "Friends", "Your friends on Facebook"), ("only_me", "🔒", "Only me", "Only you"), ("custom", "⚙️", "Custom", "Include and exclude people")]
case(
    "fb_customizable_base_select", "facebook", "privacy",
    "<style>select,::picker(select){appearance:base-select}select{min-width:200px}selectedcontent .od{display:none}option{display:flex;gap:8px}.od{color:#65676b;font-size:12px}</style><main><h1>Privacy settings</h1>"
    + '<div class=row><label for=bs1>Who can see your future posts?</label>' + _base_select("bs1", [(v, i, t, d) for v, i, t, d in _AUD], "friends") + "</div>"
    + '<div class=row><label for=bs2>Who can send you friend requests?</label>' + _base_select("bs2", [("everyone", "🌐", "Everyone", "Anyone on Facebook"), ("fof", "👫", "Friends of friends", "Friends of your friends")], "fof") + "</div>"
    + '<div class=row><label for=bs3>Who can look you up using the email address you provided?</label>' + _base_select("bs3", [("everyone", "🌐", "Everyone", "Anyone"), ("fof", "👫", "Friends of friends", "Friends of your friends"), ("friends", "👥", "Friends", "Your friends"), ("only_me", "🔒", "Only me", "Only you")], "only_me") + "</div>"
    + '<div class=row><label for=bs4>Do you want search engines outside of Facebook to link to your profile?</label>' + _base_select("bs4", [("yes", "✅", "Yes", "Search engines can link to your profile"), ("no", "🚫", "No", "Search engines won't link to it")], "no") + "</div></main>",
    {"future_posts_audience": "friends", "friend_requests": "friends_of_friends", "lookup_email": "only_me", "search_engine_link": "no"},
)

# Options carrying a suffix: the chosen audience is "Only me (Recommended)", the chosen answer
# "No (Recommended)", and "Friends of friends (default)".
case(
    "fb_option_suffixes_recommended_default", "facebook", "privacy",
    """<main><h1>Privacy settings</h1>
<div class=row><label for=os1>Who can see your future posts?</label><select id=os1><option>Public</option><option>Friends</option><option selected>Only me (Recommended)</option><option>Custom</option></select></div>
<div class=row><label for=os2>Who can send you friend requests?</label><select id=os2><option>Everyone</option><option selected>Friends of friends (default)</option></select></div>
<div class=row><label for=os3>Who can look you up using the email address you provided?</label><select id=os3><option selected>Everyone (default)</option><option>Friends of friends</option><option>Friends</option><option>Only me (Recommended)</option></select></div>
<div class=row><label for=os4>Do you want search engines outside of Facebook to link to your profile?</label><select id=os4><option>Yes</option><option selected>No (Recommended)</option></select></div></main>""",
    {"future_posts_audience": "only_me", "friend_requests": "friends_of_friends", "lookup_email": "everyone", "search_engine_link": "no"},
)

# A template bug: two options carry the selected attribute (the browser selects the last), and two
# radios of one group carry checked (the browser checks the last). The screen shows the last ones.
case(
    "fb_two_selected_attributes_last_wins", "facebook", "privacy",
    """<main><h1>Privacy settings</h1>
<div class=row><label for=ds1>Who can see your future posts?</label><select id=ds1><option selected>Public</option><option selected>Friends</option><option>Only me</option><option>Custom</option></select></div>
<div class=row><label for=ds2>Who can send you friend requests?</label><select id=ds2><option selected>Everyone</option><option selected>Friends of friends</option></select></div>
<fieldset style="border:0;padding:10px 0"><legend>Who can look you up using the email address you provided?</legend><label><input type=radio name=ds3 checked> Everyone</label> <label><input type=radio name=ds3> Friends of friends</label> <label><input type=radio name=ds3> Friends</label> <label><input type=radio name=ds3 checked> Only me</label></fieldset>
<fieldset style="border:0;padding:10px 0"><legend>Do you want search engines outside of Facebook to link to your profile?</legend><label><input type=radio name=ds4 checked> Yes</label> <label><input type=radio name=ds4 checked> No</label></fieldset></main>""",
    {"future_posts_audience": "friends", "friend_requests": "friends_of_friends", "lookup_email": "only_me", "search_engine_link": "no"},
)

# ============================================================================================
# Microsoft
# ============================================================================================

# Fluent UI v9 Field + Switch: the native input role=switch, <label for> from the Field, and a field
# hint (aria-describedby) that names the setting with the other value.
def _fluent_field(i: int, label: str, on: bool, hint: str) -> str:
    return (f'<div class="fui-Field r1tl60rs"><div class="fui-Switch r1fdvs3q"><input class="fui-Switch__input" type=checkbox role=switch id="field-r{i}" aria-describedby="field-r{i}__hint"{" checked" if on else ""}>'
            f'<div aria-hidden=true class="fui-Switch__indicator"><svg width=1em height=1em viewBox="0 0 20 20"><circle cx=10 cy=10 r=6 /></svg></div>'
            f'<label class="fui-Label fui-Switch__label" for="field-r{i}">{label}</label></div><div id="field-r{i}__hint" class="fui-Field__hint">{hint}</div></div>')


case(
    "ms_fluent_field_hint_decoys", "microsoft", "privacy_dashboard",
    """<style>.fui-Field{padding:10px 0;border-bottom:1px solid #edebe9;max-width:720px}.fui-Switch{display:flex;align-items:center;gap:8px;position:relative}.fui-Switch__input{position:absolute;opacity:0;width:40px;height:20px;margin:0}.fui-Switch__indicator{width:40px;height:20px;border-radius:10px;border:1px solid #616161}.fui-Switch__input:checked~.fui-Switch__indicator{background:#0f6cbd}.fui-Field__hint{font-size:12px;color:#616161}</style>
<main><h1>Privacy dashboard</h1>"""
    + _fluent_field(1, "Location activity", True, "Location activity is turned off on 2 of your devices.")
    + _fluent_field(2, "Search history", False, "Search history was on until you changed it on Nov 2 in the Bing app.")
    + "</main>",
    {"location_activity": "on", "search_history": "off"},
)

# FAST <fluent-switch>: the host reflects role=switch and aria-checked; its label is the default slot
# (light-DOM text) and both messages are light-DOM spans in named slots, the wrong one hidden by the
# shadow root's own CSS (display:none on the part that holds its slot).
_FLUENT_SWITCH = """<script>
customElements.define('fluent-switch', class extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    var on = this.hasAttribute('checked');
    this.setAttribute('role', 'switch'); this.setAttribute('aria-checked', on ? 'true' : 'false'); this.tabIndex = 0;
    if (on) this.classList.add('checked');
    this.attachShadow({mode: 'open'}).innerHTML = '<style>:host{display:flex!important;align-items:center;gap:10px;padding:10px 0;min-width:0;height:auto!important;border-radius:0!important;background:none!important;max-width:700px}.label{flex:1}.switch{width:40px;height:20px;border-radius:10px;background:#8a8886}:host(.checked) .switch{background:#0078d4}:host(.checked) .unchecked-message,:host(:not(.checked)) .checked-message{display:none}</style><label part=label class=label><slot></slot></label><div part=switch class=switch><span class=checked-indicator part=checked-indicator></span></div><span class=status-message part=status-message><span class=checked-message part=checked-message><slot name=checked-message></slot></span><span class=unchecked-message part=unchecked-message><slot name=unchecked-message></slot></span></span>';
  }
});
</script>"""
case(
    "ms_fast_fluent_switch_message_slots", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1>
<fluent-switch>Location activity<span slot=checked-message>On</span><span slot=unchecked-message>Off</span></fluent-switch>
<fluent-switch checked>Search history<span slot=checked-message>On</span><span slot=unchecked-message>Off</span></fluent-switch>
</main>""",
    {"location_activity": "off", "search_history": "on"},
    head=_FLUENT_SWITCH,
)

# Microsoft's activity table in ARIA roles (no <table>): "Activity type | Saved to your account |
# Actions", the saved column reading Yes / No, and Clear buttons.
case(
    "ms_aria_table_saved_yes_no", "microsoft", "privacy_dashboard",
    """<style>[role=row]{display:grid;grid-template-columns:260px 200px 160px;padding:8px 0;border-bottom:1px solid #edebe9}[role=columnheader]{font-weight:600}</style>
<main><h1>Privacy dashboard</h1><div role=table aria-label="Your activity data">
<div role=rowgroup><div role=row><span role=columnheader>Activity type</span><span role=columnheader>Saved to your account</span><span role=columnheader>Actions</span></div></div>
<div role=rowgroup><div role=row><span role=rowheader>Location activity</span><span role=cell>Yes</span><span role=cell><button type=button>Clear activity</button></span></div>
<div role=row><span role=rowheader>Search history</span><span role=cell>No</span><span role=cell><button type=button>Clear activity</button></span></div>
<div role=row><span role=rowheader>Browsing history</span><span role=cell>Yes</span><span role=cell><button type=button>Clear activity</button></span></div></div>
</div></main>""",
    {"location_activity": "on", "search_history": "off"},
)

# A loading error: Location activity failed to load ("Try again" would refetch, which is not
# reading); Search history is an ordinary switch.
case(
    "ms_load_error_try_again", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1>
<div class=row><span>Location activity</span><span role=alert>We couldn't load this setting.</span><button type=button onclick="this.textContent='Loading…'">Try again</button></div>
<div class=row><span id=le2>Search history</span><button type=button role=switch aria-checked=false aria-labelledby=le2></button></div></main>""",
    {"location_activity": None, "search_history": "off"},
)

# A Stencil-style component: open shadow root, the label text coming from the host's `label`
# attribute and rendered inside the shadow <label> that wraps the checkbox, a state word beside it.
_MS_TOGGLE = """<script>
customElements.define('mwf-toggle', class extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    var on = this.hasAttribute('checked');
    var root = this.attachShadow({mode: 'open'});
    root.innerHTML = '<style>label{display:flex;align-items:center;justify-content:space-between;gap:16px;padding:12px 0;border-bottom:1px solid #edebe9;max-width:720px}input{width:40px;height:20px;accent-color:#0078d4}</style><label><span class=text></span><span class=ctl><span class=state>' + (on ? 'On' : 'Off') + '</span> <input type=checkbox></span></label>';
    root.querySelector('.text').textContent = this.getAttribute('label');
    root.querySelector('input').checked = on;
  }
});
</script>"""
case(
    "ms_stencil_toggle_label_attribute", "microsoft", "ad_settings",
    """<main><h1>Personalized ad settings</h1>
<mwf-toggle label="Personalized ads in this browser" checked></mwf-toggle>
<mwf-toggle label="Personalized ads wherever I use my Microsoft account"></mwf-toggle>
</main>""",
    {"personalized_ads_account": "off", "personalized_ads_browser": "on"},
    head=_MS_TOGGLE,
)


# <output> elements named by <label for> (an output is labelable), holding the state word.
case(
    "ms_output_elements", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1>
<div class=row><label for=ou1>Location activity</label><output id=ou1 name=location>On</output></div>
<div class=row><label for=ou2>Search history</label><output id=ou2 name=search>Off</output></div></main>""",
    {"location_activity": "on", "search_history": "off"},
)

# Switches that are inline <svg role=switch> elements with aria-checked, named by aria-labelledby.
case(
    "ms_svg_role_switch", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1>
<div class=row><span id=sv1>Location activity</span><svg role=switch aria-checked=true aria-labelledby=sv1 tabindex=0 width=44 height=24 viewBox="0 0 44 24"><rect width=44 height=24 rx=12 fill="#0078d4"/><circle cx=32 cy=12 r=8 fill="#fff"/></svg></div>
<div class=row><span id=sv2>Search history</span><svg role=switch aria-checked=false aria-labelledby=sv2 tabindex=0 width=44 height=24 viewBox="0 0 44 24"><rect x=1 y=1 width=42 height=22 rx=11 fill="#fff" stroke="#605e5c"/><circle cx=12 cy=12 r=7 fill="#605e5c"/></svg></div></main>""",
    {"location_activity": "on", "search_history": "off"},
)

# A copy-paste bug: each switch's aria-label names the OTHER setting; on screen each switch sits in
# its own labelled row. Screen and accessibility tree disagree: the screen's value or nothing.
case(
    "ms_swapped_aria_labels", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1>
<div class=row><span>Location activity</span><button type=button role=switch aria-checked=true aria-label="Search history"></button></div>
<div class=row><span>Search history</span><button type=button role=switch aria-checked=false aria-label="Location activity"></button></div></main>""",
    {"location_activity": Either("on"), "search_history": Either("off")},
)

# Fluent RadioGroups under fieldset legends that also hold an info button ("More about Location
# activity"), options On / Off with <label for>.
def _fluent_radios(name: str, label: str, on: bool) -> str:
    opts = "".join(f'<span class=fui-Radio><input class=fui-Radio__input type=radio id={name}{v} name={name} value={v}{" checked" if (v == "on") == on else ""}><div aria-hidden=true class=fui-Radio__indicator></div><label class=fui-Radio__label for={name}{v}>{t}</label></span>' for v, t in (("on", "On"), ("off", "Off")))
    return f'<fieldset class=fs><legend>{label} <button type=button class=info aria-label="More about {label}">ⓘ</button></legend><div role=radiogroup class="fui-RadioGroup">{opts}</div></fieldset>'


case(
    "ms_legend_info_button_radios", "microsoft", "privacy_dashboard",
    "<style>.fs{border:0;border-bottom:1px solid #edebe9;padding:10px 0;max-width:700px}.info{border:0;background:none;color:#0078d4}.fui-RadioGroup{display:flex;gap:16px}.fui-Radio{display:inline-flex;align-items:center;gap:4px}</style><main><h1>Privacy dashboard</h1>"
    + _fluent_radios("loc", "Location activity", True) + _fluent_radios("srch", "Search history", False) + "</main>",
    {"location_activity": "on", "search_history": "off"},
)

# The live switches, then a closed <details> "Previous settings (before Nov 12)" holding a table of
# the old values (opening it is fair; a person reads it as history).
case(
    "ms_details_previous_settings", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1>
<div class=row><span id=dp1>Location activity</span><button type=button role=switch aria-checked=false aria-labelledby=dp1></button></div>
<div class=row><span id=dp2>Search history</span><button type=button role=switch aria-checked=true aria-labelledby=dp2></button></div>
<details><summary>Previous settings (before Nov 12)</summary><table><tr><th>Location activity</th><td>On</td></tr><tr><th>Search history</th><td>Off</td></tr></table></details></main>""",
    {"location_activity": "off", "search_history": "on"},
)

# A summary list: label and state in one text node joined by an em dash ("Location activity — On").
case(
    "ms_summary_em_dash_text", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1><h2>At a glance</h2><ul>
<li>Location activity — On</li><li>Search history — Off</li><li>Browsing history — On</li></ul>
<a href="/privacy/activity">Manage your activity data</a></main>""",
    {"location_activity": "on", "search_history": "off"},
)

# Settings from the last visit first (stale: on/off, "Updating…"), then the live state pushed by a
# server-sent event stream (EventSource, not fetch/XHR) 4.5 s after load: off/on.
case(
    "ms_stale_then_server_sent_event", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1><p role=status id=banner>Showing your settings from your last visit. Updating…</p>
<div class=row><span id=ev1>Location activity</span><button type=button role=switch aria-checked=true aria-labelledby=ev1 id=evs1></button></div>
<div class=row><span id=ev2>Search history</span><button type=button role=switch aria-checked=false aria-labelledby=ev2 id=evs2></button></div></main>
<script>var es = new EventSource('events'); es.onmessage = function (m) {
  var d = JSON.parse(m.data);
  document.getElementById('evs1').setAttribute('aria-checked', d.location ? 'true' : 'false');
  document.getElementById('evs2').setAttribute('aria-checked', d.search ? 'true' : 'false');
  var b = document.getElementById('banner'); if (b) b.remove();
};</script>""",
    {"location_activity": "off", "search_history": "on"},
    files={"events": ("data: " + json.dumps({"location": False, "search": True}) + "\n\n", "text/event-stream", 4.5)},
    solo=True,
)

# Desktop and mobile layouts both in the DOM, the mobile one hidden by a media query (stale, other
# values), and a closed [popover] summary with other values.
case(
    "ms_responsive_copy_and_popover", "microsoft", "ad_settings",
    """<style>@media (max-width:700px){.desk{display:none}}@media (min-width:701px){.mob{display:none}}</style>
<main><h1>Personalized ad settings</h1>
<div class=mob><div class=row><label for=mb1>Personalized ads wherever I use my Microsoft account</label><input type=checkbox role=switch id=mb1></div><div class=row><label for=mb2>Personalized ads in this browser</label><input type=checkbox role=switch id=mb2 checked></div></div>
<div class=desk><div class=row><label for=dk1>Personalized ads wherever I use my Microsoft account</label><input type=checkbox role=switch id=dk1 checked></div><div class=row><label for=dk2>Personalized ads in this browser</label><input type=checkbox role=switch id=dk2></div></div>
<div popover id=sumpop><p>Personalized ads wherever I use my Microsoft account: Off</p><p>Personalized ads in this browser: On</p></div></main>""",
    {"personalized_ads_account": "on", "personalized_ads_browser": "off"},
)

# A modal library's leftover: <main> keeps aria-hidden=true after its dialog closed (no dialog, no
# backdrop on screen); the settings are in plain view.
case(
    "ms_leftover_aria_hidden_main", "microsoft", "ad_settings",
    """<main aria-hidden=true><h1>Personalized ad settings</h1>
<div class=row><label for=ah1>Personalized ads wherever I use my Microsoft account</label><input type=checkbox role=switch id=ah1 checked></div>
<div class=row><label for=ah2>Personalized ads in this browser</label><input type=checkbox role=switch id=ah2 checked></div></main>""",
    {"personalized_ads_account": "on", "personalized_ads_browser": "on"},
)

# Every switch carries the same generic aria-label ("Toggle"); the visible label is the row's text.
case(
    "ms_generic_toggle_aria_labels", "microsoft", "ad_settings",
    """<main><h1>Personalized ad settings</h1>
<div class=row><span>Personalized ads wherever I use my Microsoft account</span><button type=button role=switch aria-checked=false aria-label=Toggle></button></div>
<div class=row><span>Personalized ads in this browser</span><button type=button role=switch aria-checked=true aria-label=Toggle></button></div></main>""",
    {"personalized_ads_account": "off", "personalized_ads_browser": "on"},
)


# A two-column CSS grid filled column by column (grid-auto-flow: column): in the DOM all labels come
# first, then all switches, none associated; on screen each switch sits on its label's line.
case(
    "ms_grid_columns_labels_then_switches", "microsoft", "privacy_dashboard",
    """<style>.g{display:grid;grid-template-rows:repeat(3,44px);grid-auto-flow:column;grid-template-columns:320px 60px;align-items:center;max-width:400px}</style>
<main><h1>Privacy dashboard</h1><div class=g>
<span>Browsing history</span><span>Location activity</span><span>Search history</span>
<button type=button role=switch aria-checked=true></button><button type=button role=switch aria-checked=false></button><button type=button role=switch aria-checked=true></button>
</div></main>""",
    {"location_activity": "off", "search_history": "on"},
)


# A view component with manual slot assignment (attachShadow slotAssignment: 'manual'): both a stale
# and a current row are its light-DOM children, and only the current one is assigned to its slot
# (the other is never rendered).
case(
    "ms_manual_slot_assignment", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1>
<state-view><div class=row data-stale><span id=ms1s>Location activity</span><button type=button role=switch aria-checked=true aria-labelledby=ms1s></button></div><div class=row data-current><span id=ms1c>Location activity</span><button type=button role=switch aria-checked=false aria-labelledby=ms1c></button></div></state-view>
<state-view><div class=row data-current><span id=ms2c>Search history</span><button type=button role=switch aria-checked=true aria-labelledby=ms2c></button></div><div class=row data-stale><span id=ms2s>Search history</span><button type=button role=switch aria-checked=false aria-labelledby=ms2s></button></div></state-view>
</main>
<script>customElements.define('state-view', class extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    var root = this.attachShadow({mode: 'open', slotAssignment: 'manual'});
    root.innerHTML = '<slot></slot>';
    root.querySelector('slot').assign(this.querySelector('[data-current]'));
  }
});</script>""",
    {"location_activity": "off", "search_history": "on"},
)

# The settings in a CROSS-origin iframe (the same server reached as localhost instead of 127.0.0.1):
# a person sees the rows; page script cannot reach into the frame. (The frame's own recorder cannot
# report to the top page, so clicks inside it are not checked here.)
_XO_PANEL = doc("""<div class=row><label for=xo1>Personalized ads wherever I use my Microsoft account</label><input type=checkbox role=switch id=xo1 checked></div>
<div class=row><label for=xo2>Personalized ads in this browser</label><input type=checkbox role=switch id=xo2></div>""")
case(
    "ms_cross_origin_iframe", "microsoft", "ad_settings",
    """<main><h1>Personalized ad settings</h1><iframe id=xo title="Ad settings" style="width:780px;height:160px;border:0"></iframe></main>
<script>document.getElementById('xo').src = location.protocol + '//localhost:' + location.port + location.pathname + 'panel.html';</script>""",
    {"personalized_ads_account": "on", "personalized_ads_browser": "off"},
    files={"panel.html": (_XO_PANEL, HTML, 0.0)},
)


# ARIA tabs misused as an On/Off toggle: each setting is a role=tablist of two role=tab buttons
# with aria-selected; choosing the other tab saves the setting. Reading must not press a tab here.
case(
    "ms_tabs_misused_as_toggle", "microsoft", "privacy_dashboard",
    """<style>.seg{display:inline-flex;border:1px solid #8a8886;border-radius:4px}.seg [role=tab]{border:0;padding:4px 14px;background:#fff}.seg [aria-selected=true]{background:#0078d4;color:#fff}</style>
<main><h1>Privacy dashboard</h1>
<div class=row><span id=tm1>Location activity</span><div role=tablist aria-labelledby=tm1 class=seg><button type=button role=tab aria-selected=true tabindex=0>On</button><button type=button role=tab aria-selected=false tabindex=-1>Off</button></div></div>
<div class=row><span id=tm2>Search history</span><div role=tablist aria-labelledby=tm2 class=seg><button type=button role=tab aria-selected=false tabindex=-1>On</button><button type=button role=tab aria-selected=true tabindex=0>Off</button></div></div></main>
<script>document.querySelectorAll('[role=tablist]').forEach(function (tl) {
  tl.addEventListener('click', function (e) {
    var t = e.target.closest('[role=tab]'); if (!t || t.getAttribute('aria-selected') === 'true') return;
    tl.querySelectorAll('[role=tab]').forEach(function (x) { x.setAttribute('aria-selected', x === t ? 'true' : 'false'); });
    tl.dispatchEvent(new Event('change', {bubbles: true}));  // the app saves the new value
  });
});</script>""",
    {"location_activity": "on", "search_history": "off"},
)

# The label text is rendered by a translation component into its own open shadow root, inside the
# <label> that wraps each switch (the light DOM holds only <i18n-text key=...>).
case(
    "ms_label_text_in_child_shadow_root", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1>
<label class=row><i18n-text key=privacy.location></i18n-text><input type=checkbox role=switch checked></label>
<label class=row><i18n-text key=privacy.search></i18n-text><input type=checkbox role=switch></label></main>""",
    {"location_activity": "on", "search_history": "off"},
    head="""<script>var STRINGS = {'privacy.location': 'Location activity', 'privacy.search': 'Search history'};
customElements.define('i18n-text', class extends HTMLElement {
  connectedCallback() { if (!this.shadowRoot) this.attachShadow({mode: 'open'}).textContent = STRINGS[this.getAttribute('key')]; }
});</script>""",
)

# A page that never goes quiet: an animated SVG illustration whose path is rewritten every frame
# (a Lottie-style player) and a "Last synced N s ago" line ticking every 250 ms.
case(
    "ms_never_quiet_animation", "microsoft", "ad_settings",
    """<main><h1>Personalized ad settings</h1><svg width=120 height=60 aria-hidden=true><path id=wave fill=none stroke="#0078d4" stroke-width=3 d="M0 30"/></svg><p id=sync>Last synced 0 s ago</p>
<div class=row><label for=nq1>Personalized ads wherever I use my Microsoft account</label><input type=checkbox role=switch id=nq1></div>
<div class=row><label for=nq2>Personalized ads in this browser</label><input type=checkbox role=switch id=nq2 checked></div></main>
<script>(function () {
  var path = document.getElementById('wave'), t0 = performance.now();
  (function frame(now) {
    var d = 'M0 30', ph = (now - t0) / 300;
    for (var x = 0; x <= 120; x += 6) d += ' L' + x + ' ' + (30 + 20 * Math.sin(x / 15 + ph)).toFixed(1);
    path.setAttribute('d', d); requestAnimationFrame(frame);
  })(t0);
  var n = 0; setInterval(function () { n += 0.25; document.getElementById('sync').textContent = 'Last synced ' + Math.floor(n) + ' s ago'; }, 250);
})();</script>""",
    {"personalized_ads_account": "off", "personalized_ads_browser": "on"},
)


# Labels followed by a count in parentheses: "Location activity (3 devices)", "Search history
# (1,204 items)".
case(
    "ms_labels_with_counts_in_parentheses", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1>
<div class=row><label for=lc1>Location activity (3 devices)</label><input type=checkbox role=switch id=lc1></div>
<div class=row><label for=lc2>Search history (1,204 items)</label><input type=checkbox role=switch id=lc2 checked></div></main>""",
    {"location_activity": "off", "search_history": "on"},
)


# The same copy-paste bug through <label for>: each row's visible label points at the other row's
# checkbox; on screen each checkbox sits in its own labelled row. The screen's value or nothing.
case(
    "ms_swapped_label_for", "microsoft", "ad_settings",
    """<main><h1>Personalized ad settings</h1>
<div class=row><label for=sf2>Personalized ads wherever I use my Microsoft account</label><input type=checkbox role=switch id=sf1 checked></div>
<div class=row><label for=sf1>Personalized ads in this browser</label><input type=checkbox role=switch id=sf2></div></main>""",
    {"personalized_ads_account": Either("on"), "personalized_ads_browser": Either("off")},
)


# --------------------------------------------------------------------------------------------
# known reader failures (what the reader got), filled from runs
# --------------------------------------------------------------------------------------------

XFAIL.update({
})


test_cases_are_distinct_and_cover_the_packs, test_redteam_page_3 = SUITE.tests(at_least=70, every_key=True)
