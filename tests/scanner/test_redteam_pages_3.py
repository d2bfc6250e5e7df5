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
"""

from __future__ import annotations

import pytest

from tests.scanner.redteam_harness import CONFIDENT, Suite, recorder

pytestmark = pytest.mark.browser

BASE_CSS = """<style>
body{font-family:Segoe UI,Roboto,Arial,sans-serif;margin:0;padding:16px;color:#202124;background:#fff}
.sr-only{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
.row{display:flex;align-items:center;justify-content:space-between;gap:16px;padding:10px 0;border-bottom:1px solid #ddd;max-width:760px}
[role=switch]{display:inline-block;min-width:36px;height:20px;border-radius:10px;background:#bbb;border:0;position:relative}
[role=switch][aria-checked=true]{background:#1a73e8}
.chip{display:inline-block;border-radius:12px;padding:2px 8px;font-size:12px;background:#e8f0fe}
</style>"""

# Disclosures that open no popup, summaries and tabs: a menu button ("Turn off" with a menu of
# "Turn off and delete activity"), a listbox or a dialog opener is a first step to a change.
ALLOWED_CLICKS = ("[role=tab], summary, button[aria-expanded]:not([aria-haspopup]):not([role=combobox]), "
                  "[role=button][aria-expanded]:not([aria-haspopup]):not([role=combobox])")

SUITE = Suite(css=BASE_CSS, recorder=recorder(allowed=ALLOWED_CLICKS), confident=CONFIDENT, concurrency=8)
case = SUITE.case
doc = SUITE.doc
XFAIL = SUITE.xfail
site, outcomes = SUITE.fixtures()


def sw(on: bool) -> str:
    return "true" if on else "false"


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

# Toggle buttons: <button aria-pressed> whose content is the label followed by the state word.
case(
    "ms_pressed_buttons_with_state_words", "microsoft", "ad_settings",
    """<style>.tb{display:flex;justify-content:space-between;width:640px;padding:12px;border:1px solid #c8c6c4;background:#fff;margin:6px 0;font:inherit}.tb[aria-pressed=true]{border-color:#0078d4}.tb b{font-weight:600}</style>
<main><h1>Personalized ad settings</h1>
<button type=button class=tb aria-pressed=true><span>Personalized ads wherever I use my Microsoft account</span><b>On</b></button>
<button type=button class=tb aria-pressed=false><span>Personalized ads in this browser</span><b>Off</b></button></main>""",
    {"personalized_ads_account": "on", "personalized_ads_browser": "off"},
)


# --------------------------------------------------------------------------------------------
# known reader failures (what the reader got), filled from runs
# --------------------------------------------------------------------------------------------

XFAIL.update({
    "g_closed_shadow_cards": "all three None: heading and switch live only in a closed shadow root",
    "g_labels_soft_hyphen_wbr_zero_width": "timeline: None (label 'Time&shy;line' with a soft hyphen)",
    "g_css_generated_label_and_status": "web_app_activity: None (its label exists only as ::before content of the span the switch is labelled by)",
    "g_recommended_badges_and_change_log": "web_app_activity, youtube_history: conflict 'true | Recommended: Off' (a 'Recommended: Off' badge in the row read as a status contradicting the switch)",
    "g_hidden_by_content_visibility_zero_height_scale": "timeline, youtube_history: conflict 'false | true' (copies inside a height:0 overflow:hidden wrapper and a transform:scaleY(0) wrapper counted as live)",
    "fb_radix_primitives": "friend_requests: conflict 'Friends of friends | Friends of friends' (Radix radio button plus its aria-hidden bubble input, agreeing, reported as a conflict)",
    "fb_ad_partners_yes_no_sentences": "partner_ads: None (the answer is the checked radio 'No, make my ads less personalized' under a question legend; the setting's label is the h1)",
    "ms_aria_table_saved_yes_no": "both None (ARIA table, 'Saved to your account' column reading Yes / No)",
})


test_cases_are_distinct_and_cover_the_packs, test_redteam_page_3 = SUITE.tests(at_least=20, every_key=True)
