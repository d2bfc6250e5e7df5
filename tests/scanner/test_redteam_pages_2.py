# ruff: noqa: E501
"""Red-team settings pages, round 2: markup written blind to the reader, the way component libraries
(Angular Material, Vuetify, Bootstrap, Chakra, Ant Design, Carbon, React Native Web) and real platform
redesigns write it, read through the one public entry point ``read_page_settled``.

Each case is a page served by a local HTTP server (same-origin iframes, delayed ``fetch``, script
redirects work) and loaded into real Chromium (one browser per module; the cases run concurrently in
a few browser contexts so the module stays fast). Expectations follow what a person (or a screen
reader user) can tell on screen:

* a plain value: read with exactly that value, confident (>= 0.8), and not reported as a conflict;
* ``None``: nobody could tell (no value shown, or the page contradicts itself): no confident value
  (value ``None``, no reading, a reading below 0.8, or the key in ``.conflicts``);
* ``Either(v)``: the value is only reachable by doing something, or the page states it in a way a
  careful person reads as ``v`` but a cautious reader may decline: ``v`` or nothing, never another
  confident value.

Every page records click/dblclick/change/input/keydown/submit (in the document, open and closed
shadow roots and same-origin iframes); only clicks on disclosure widgets (``aria-expanded`` buttons,
``summary``) and tabs are allowed. The URL must not change (unless the page itself redirects).
"""

from __future__ import annotations

import json

import pytest

from tests.scanner.redteam_harness import CONFIDENT, HTML, JSON, Either, Suite, recorder

pytestmark = pytest.mark.browser

BASE_CSS = """<style>
body{font-family:Segoe UI,Roboto,Arial,sans-serif;margin:0;padding:16px;color:#202124;background:#fff}
.sr-only,.cdk-visually-hidden{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
.row{display:flex;align-items:center;justify-content:space-between;gap:16px;padding:10px 0;border-bottom:1px solid #ddd;max-width:760px}
[role=switch]{display:inline-block;min-width:36px;height:20px;border-radius:10px;background:#bbb;border:0;position:relative}
[role=switch][aria-checked=true]{background:#1a73e8}
.chip,.badge{display:inline-block;border-radius:12px;padding:2px 8px;font-size:12px;background:#e8f0fe}
</style>"""

# The stricter judging (a plain value must be read at CONFIDENT, 0.8, or above; a value below it
# counts as none), the recorder allowing only clicks on disclosure widgets and tabs, eight pages read
# at a time (``solo`` cases alone, after them).
SUITE = Suite(css=BASE_CSS, recorder=recorder(), confident=CONFIDENT, concurrency=8)
CASES = SUITE.cases
XFAIL = SUITE.xfail
case = SUITE.case
doc = SUITE.doc
site, outcomes = SUITE.fixtures()


def switch_rows(rows: list[tuple[str, bool]], prefix: str) -> str:
    """Plain rows: a label and a switch labelled by it (the filler of long pages)."""
    out = []
    for i, (label, on) in enumerate(rows):
        out.append(f'<div class=row><span id={prefix}{i}>{label}</span><button type=button role=switch aria-checked={"true" if on else "false"} aria-labelledby={prefix}{i}></button></div>')
    return "\n".join(out)


# ============================================================================================
# Google
# ============================================================================================

# G1. Angular Material mid-migration: two MDC slide toggles (button role=switch labelled by a
# <label for> after it) and one legacy toggle (a visually hidden input inside the label, the label
# text after a display:none nbsp).
case(
    "g_angular_material_slide_toggles", "google", "activity_controls",
    """<style>.mdc-switch{width:36px;height:20px;border-radius:10px;border:0;background:#bbb}.mdc-switch--selected{background:#1a73e8}.mdc-form-field{display:flex;align-items:center;gap:12px;padding:12px 0}.mdc-switch__icons svg{width:12px;height:12px}.mdc-switch--unselected .mdc-switch__icon--on,.mdc-switch--selected .mdc-switch__icon--off{display:none}</style>
<main><h1>Activity controls</h1>
<mat-slide-toggle class="mat-mdc-slide-toggle mat-mdc-slide-toggle-checked mat-accent" id=mat-mdc-slide-toggle-1><div class="mdc-form-field mdc-form-field--align-end"><button id=mat-mdc-slide-toggle-1-button class="mdc-switch mdc-switch--selected mdc-switch--checked" role=switch type=button tabindex=0 aria-checked=true aria-labelledby=mat-mdc-slide-toggle-1-label><span class=mdc-switch__track></span><span class=mdc-switch__handle-track><span class=mdc-switch__handle><span class=mdc-switch__shadow><span class=mdc-elevation-overlay></span></span><span class=mdc-switch__ripple></span><span class=mdc-switch__icons><svg class="mdc-switch__icon mdc-switch__icon--on" viewBox="0 0 24 24" aria-hidden=true><path d="M19.69,5.23L8.96,15.96l-4.23-4.23L2.96,13.5l6,6L21.46,7L19.69,5.23z"></path></svg><svg class="mdc-switch__icon mdc-switch__icon--off" viewBox="0 0 24 24" aria-hidden=true><path d="M20 13H4v-2h16v2z"></path></svg></span></span></span></button><label class=mdc-label for=mat-mdc-slide-toggle-1-button id=mat-mdc-slide-toggle-1-label>Web &amp; App Activity</label></div></mat-slide-toggle>
<mat-slide-toggle class="mat-slide-toggle mat-accent" id=mat-slide-toggle-2><label class=mat-slide-toggle-label for=mat-slide-toggle-2-input style="display:flex;gap:12px;padding:12px 0"><span class=mat-slide-toggle-bar style="display:inline-block;width:36px;height:14px;border-radius:8px;background:#bbb;position:relative"><input type=checkbox role=switch class="mat-slide-toggle-input cdk-visually-hidden" id=mat-slide-toggle-2-input tabindex=0 aria-checked=false><span class=mat-slide-toggle-thumb-container><span class=mat-slide-toggle-thumb></span></span></span><span class=mat-slide-toggle-content><span style="display:none">&nbsp;</span>Timeline</span></label></mat-slide-toggle>
<mat-slide-toggle class="mat-mdc-slide-toggle mat-accent" id=mat-mdc-slide-toggle-3><div class="mdc-form-field mdc-form-field--align-end"><button id=mat-mdc-slide-toggle-3-button class="mdc-switch mdc-switch--unselected" role=switch type=button tabindex=0 aria-checked=false aria-labelledby=mat-mdc-slide-toggle-3-label><span class=mdc-switch__track></span><span class=mdc-switch__handle-track><span class=mdc-switch__handle><span class=mdc-switch__icons><svg class="mdc-switch__icon mdc-switch__icon--on" viewBox="0 0 24 24" aria-hidden=true><path d="M19.69,5.23L8.96,15.96"></path></svg><svg class="mdc-switch__icon mdc-switch__icon--off" viewBox="0 0 24 24" aria-hidden=true><path d="M20 13H4v-2h16v2z"></path></svg></span></span></span></button><label class=mdc-label for=mat-mdc-slide-toggle-3-button id=mat-mdc-slide-toggle-3-label>YouTube History</label></div></mat-slide-toggle>
</main>""",
    {"web_app_activity": "on", "timeline": "off", "youtube_history": "off"},
)

# G2. A long Activity controls page: 24 unrelated settings with their own switches, several whose
# labels contain ours ("Web & App Activity for kids", "YouTube History for supervised accounts",
# "Timeline sharing with family"), all set opposite to ours.
_G_LONG_BEFORE = [
    ("Web &amp; App Activity for kids", True), ("Include Chrome history and activity from sites, apps and devices that use Google services", True),
    ("Include voice and audio activity", True), ("Web &amp; App Activity reminders", True), ("Personal results in Search", True),
    ("Smart features in Gmail, Chat and Meet", True), ("Contacts info from your devices", True), ("Device information", True),
]
_G_LONG_MID = [
    ("Timeline sharing with family", True), ("Timeline backups on this device", True), ("Location Sharing", True),
    ("Google Fit activity", True), ("Assistant Voice Match", True), ("SafeSearch", True), ("Photos face groups", True),
]
_G_LONG_END = [
    ("Include the YouTube videos you watch", True), ("Include your searches on YouTube", True),
    ("YouTube History for supervised accounts", True), ("Pause YouTube History reminders", True),
    ("Chrome sync", True), ("Android backup", True), ("Play Store activity", True), ("Sign in with Google prompts", True),
]
case(
    "g_long_page_substring_labels", "google", "activity_controls",
    "<main><h1>Activity controls</h1><h2>Family</h2>" + switch_rows(_G_LONG_BEFORE, "ga")
    + '<h2>Your activity</h2><div class=row><span id=o1>Web &amp; App Activity</span><button type=button role=switch aria-checked=false aria-labelledby=o1></button></div>'
    + switch_rows(_G_LONG_MID, "gb")
    + '<div class=row><span id=o2>Timeline</span><button type=button role=switch aria-checked=false aria-labelledby=o2></button></div>'
    + switch_rows(_G_LONG_END[:4], "gc")
    + '<div class=row><span id=o3>YouTube History</span><button type=button role=switch aria-checked=false aria-labelledby=o3></button></div>'
    + switch_rows(_G_LONG_END[4:], "gd") + "</main>",
    {"web_app_activity": "off", "timeline": "off", "youtube_history": "off"},
)

# G3. Vuetify 3 radio group: inputs hidden under mdi icon fonts, labels by <label for>, the group
# named by a v-label; the page header says "Auto-delete (on)".
_V_OPTS = [("off", "Don't auto-delete activity", False), ("3", "Auto-delete activity older than 3 months", False), ("18", "Auto-delete activity older than 18 months", True), ("36", "Auto-delete activity older than 36 months", False)]
case(
    "g_vuetify_radio_group_auto_delete", "google", "web_app_activity",
    """<style>.v-selection-control{display:flex;align-items:center;gap:8px;padding:6px 0}.v-selection-control__input{position:relative;width:24px;height:24px}.v-selection-control__input input{position:absolute;inset:0;opacity:0;cursor:pointer}.mdi:before{content:'\\25CB'}.mdi-radiobox-marked:before{content:'\\25C9'}</style>
<main><h1>Web &amp; App Activity</h1><h2>Auto-delete (on)</h2>
<div class="v-input v-input--horizontal v-input--density-default v-radio-group"><div class=v-input__control><label class="v-label v-field-label" id=radio-group-7-label>Choose an auto-delete option</label>
<div class="v-selection-control-group" role=radiogroup aria-labelledby=radio-group-7-label>"""
    + "".join(f'<div class="v-selection-control{" v-selection-control--dirty" if sel else ""} v-radio"><div class=v-selection-control__wrapper><div class=v-selection-control__input><i class="mdi {"mdi-radiobox-marked" if sel else "mdi-radiobox-blank"} v-icon notranslate" aria-hidden=true></i><input id=input-1{i} aria-disabled=false type=radio value={v} name=radio-group-7{" checked" if sel else ""}></div></div><label class="v-label" for=input-1{i}>{t}</label></div>' for i, (v, t, sel) in enumerate(_V_OPTS))
    + "</div></div></div></main>",
    {"auto_delete": "18"},
)

# G4. IBM Carbon v11 toggle: button role=switch named by aria-labelledby, the visible state text
# ("Off") aria-hidden inside the <label>; a "Personalized ads reminders" toggle next to it is on.
case(
    "g_carbon_toggle_ad_center", "google", "ad_center",
    """<style>.cds--toggle{padding:12px 0}.cds--toggle__button{position:absolute;opacity:0;width:48px;height:24px}.cds--toggle__appearance{display:flex;gap:8px;align-items:center}.cds--toggle__switch{width:48px;height:24px;border-radius:12px;background:#8d8d8d}.cds--toggle__switch--checked{background:#24a148}</style>
<main><h1>My Ad Center</h1>
<div class=cds--form-item><div class=cds--toggle><button type=button role=switch id=toggle-1 class=cds--toggle__button aria-checked=false aria-labelledby=toggle-1_label></button><label for=toggle-1 class=cds--toggle__label><span id=toggle-1_label class=cds--toggle__label-text>Personalized ads</span><div class=cds--toggle__appearance><div class=cds--toggle__switch></div><span class=cds--toggle__text aria-hidden=true>Off</span></div></label></div></div>
<div class=cds--form-item><div class=cds--toggle><button type=button role=switch id=toggle-2 class=cds--toggle__button aria-checked=true aria-labelledby=toggle-2_label></button><label for=toggle-2 class=cds--toggle__label><span id=toggle-2_label class=cds--toggle__label-text>Personalized ads reminders</span><div class=cds--toggle__appearance><div class="cds--toggle__switch cds--toggle__switch--checked"></div><span class=cds--toggle__text aria-hidden=true>On</span></div></label></div></div>
</main>""",
    {"personalized_ads": "off"},
)

# G5. Material Symbols ligature icons (aria-hidden) in the labels and switches: with the icon font
# blocked their ligature names show as text, and one of them ends in "_on" next to an off switch.
case(
    "g_icon_ligatures_in_labels", "google", "activity_controls",
    """<style>.material-symbols-outlined{font-family:'Material Symbols Outlined';font-size:20px;color:#5f6368;margin-right:6px}</style>
<main><h1>Activity controls</h1>
<div class=row><label id=il1><span class=material-symbols-outlined aria-hidden=true>do_not_disturb_on</span>Web &amp; App Activity</label><button type=button role=switch aria-checked=false aria-labelledby=il1><span class=material-symbols-outlined aria-hidden=true>toggle_off</span></button></div>
<div class=row><label id=il2><span class=material-symbols-outlined aria-hidden=true>location_on</span>Timeline</label><button type=button role=switch aria-checked=true aria-labelledby=il2><span class=material-symbols-outlined aria-hidden=true>toggle_on</span></button></div>
<div class=row><label id=il3><span class=material-symbols-outlined aria-hidden=true>history_off</span>YouTube History</label><button type=button role=switch aria-checked=true aria-labelledby=il3><span class=material-symbols-outlined aria-hidden=true>toggle_on</span></button></div>
</main>""",
    {"web_app_activity": "off", "timeline": "on", "youtube_history": "on"},
)

# G6. Dark mode: prefers-color-scheme dark palette, native checkbox switches with accent-color and a
# grey-on-black state text.
case(
    "g_dark_mode_native_switches", "google", "activity_controls",
    """<style>@media (prefers-color-scheme: dark){body{background:#202124;color:#e8eaed}.row{border-color:#3c4043}.st{color:#9aa0a6}}input[type=checkbox]{accent-color:#8ab4f8;width:36px;height:20px}</style>
<main><h1>Activity controls</h1>
<div class=row><label for=dk1>Web &amp; App Activity</label><span class=st>On</span><input type=checkbox role=switch id=dk1 checked></div>
<div class=row><label for=dk2>Timeline</label><span class=st>Off</span><input type=checkbox role=switch id=dk2></div>
<div class=row><label for=dk3>YouTube History</label><span class=st>Paused</span><input type=checkbox role=switch id=dk3></div>
</main>""",
    {"web_app_activity": "on", "timeline": "off", "youtube_history": "off"},
    color_scheme="dark",
)

# G7. Zoomed and scaled layout: body zoom 1.4, the settings card transform: scale(.6); auto-delete as
# a native <select> of the pack's short option words.
case(
    "g_zoom_and_scaled_select", "google", "web_app_activity",
    """<style>body{zoom:1.4}.card{transform:scale(.6);transform-origin:top left;width:900px;border:1px solid #ddd;padding:16px}</style>
<main><h1>Web &amp; App Activity</h1><div class=card><div class=row><label for=zs1>Auto-delete</label><select id=zs1><option>Off</option><option>3 months</option><option>18 months</option><option selected>36 months</option></select></div>
<div class=row><label for=zs2>Auto-delete YouTube History</label><select id=zs2><option>Off</option><option selected>3 months</option><option>18 months</option><option>36 months</option></select></div></div></main>""",
    {"auto_delete": "36"},
)

# G8. Auto-delete as a sentence: the chosen period in bold, the other periods named in the same
# paragraph as alternatives. A person reads "3 months".
case(
    "g_sentence_auto_delete", "google", "web_app_activity",
    """<main><h1>Web &amp; App Activity</h1>
<section><h2>Auto-delete (on)</h2><p>Google is deleting activity older than <strong>3 months</strong>. You can change this to 18 months or 36 months, or choose Don't auto-delete activity.</p><button type=button aria-expanded=false>Change</button></section></main>""",
    {"auto_delete": "3"},
)

# G9. React Native Web Switch: the track and thumb are divs, the state lives on a full-size
# transparent <input role=switch> inside; the label is a sibling text div with no association.
case(
    "g_react_native_web_switch", "google", "ad_center",
    """<style>.css-175oi2r{display:flex;position:relative}.r-row{flex-direction:row;align-items:center;justify-content:space-between;max-width:600px;padding:12px 0}.r-sw{width:40px;height:20px}.r-track{position:absolute;inset:0;border-radius:10px}.r-input{position:absolute;inset:0;opacity:0;margin:0;width:100%;height:100%}</style>
<main><h1>My Ad Center</h1>
<div class="css-175oi2r r-row"><div dir=auto class=css-146c3p1>Personalized ads</div><div class="css-175oi2r r-sw"><div class="css-175oi2r r-track" style="background-color:rgb(189,189,189)"></div><div class="css-175oi2r" style="width:20px;height:20px;border-radius:10px;background:#fafafa;left:0"></div><input class="css-11aywtz r-input" role=switch type=checkbox></div></div>
<div class="css-175oi2r r-row"><div dir=auto class=css-146c3p1>Sensitive ad categories: show fewer</div><div class="css-175oi2r r-sw"><div class="css-175oi2r r-track" style="background-color:rgb(26,115,232)"></div><input class="css-11aywtz r-input" role=switch type=checkbox checked></div></div>
</main>""",
    {"personalized_ads": "off"},
)

# ============================================================================================
# Facebook
# ============================================================================================

# F1. Ant Design form: Select (a transparent readonly input role=combobox with the value in a
# sibling .ant-select-selection-item, aria-activedescendant pointing nowhere), Radio.Group buttons,
# a Switch whose checkedChildren/unCheckedChildren ("Yes"/"No") are both in the DOM.
case(
    "fb_ant_design_form", "facebook", "privacy",
    """<style>.ant-form-item{display:flex;gap:16px;padding:10px 0;border-bottom:1px solid #eee;max-width:900px}.ant-form-item-label{width:420px}.ant-select-selector{border:1px solid #d9d9d9;padding:4px 11px;min-width:160px;position:relative}.ant-select-selection-search{position:absolute;inset:0}.ant-select-selection-search-input{width:100%;opacity:0}.ant-select-dropdown-hidden{display:none}.ant-radio-button-wrapper{border:1px solid #d9d9d9;padding:4px 12px;display:inline-block}.ant-radio-button-wrapper-checked{border-color:#1677ff;color:#1677ff}.ant-radio-button-input{position:absolute;opacity:0;width:0;height:0}.ant-switch{min-width:56px;height:22px;border-radius:11px;background:#bfbfbf;overflow:hidden;position:relative;border:0}.ant-switch-checked{background:#1677ff}.ant-switch-inner{display:block;padding:0 8px 0 24px;color:#fff;font-size:12px}.ant-switch-inner>span{display:block}.ant-switch .ant-switch-inner-checked{margin-top:-22px}.ant-switch-checked .ant-switch-inner-checked{margin-top:0}.ant-switch-checked .ant-switch-inner-unchecked{margin-top:22px}</style>
<main><h1>Privacy settings</h1><form class="ant-form ant-form-horizontal">
<div class=ant-form-item><div class="ant-col ant-form-item-label"><label for=future title="Who can see your future posts?">Who can see your future posts?</label></div><div class="ant-col ant-form-item-control"><div class="ant-select ant-select-single ant-select-show-arrow"><div class=ant-select-selector><span class=ant-select-selection-search><input type=search id=future autocomplete=off class=ant-select-selection-search-input role=combobox aria-expanded=false aria-haspopup=listbox aria-owns=future_list aria-autocomplete=list aria-controls=future_list aria-activedescendant=future_list_0 readonly unselectable=on value=""></span><span class=ant-select-selection-item title=Friends>Friends</span></div><span class=ant-select-arrow unselectable=on aria-hidden=true>▾</span></div></div></div>
<div class=ant-form-item><div class="ant-col ant-form-item-label"><label for=friend_requests title="Who can send you friend requests?">Who can send you friend requests?</label></div><div class="ant-col ant-form-item-control"><div id=friend_requests class="ant-radio-group ant-radio-group-outline"><label class=ant-radio-button-wrapper><span class=ant-radio-button><input type=radio class=ant-radio-button-input name=fr value=everyone></span><span>Everyone</span></label><label class="ant-radio-button-wrapper ant-radio-button-wrapper-checked"><span class="ant-radio-button ant-radio-button-checked"><input type=radio class=ant-radio-button-input name=fr value=fof checked></span><span>Friends of friends</span></label></div></div></div>
<div class=ant-form-item><div class="ant-col ant-form-item-label"><label for=lookup title="Who can look you up using the email address you provided?">Who can look you up using the email address you provided?</label></div><div class="ant-col ant-form-item-control"><div class="ant-select ant-select-single"><div class=ant-select-selector><span class=ant-select-selection-search><input type=search id=lookup class=ant-select-selection-search-input role=combobox aria-expanded=false aria-haspopup=listbox aria-owns=lookup_list aria-controls=lookup_list readonly unselectable=on value=""></span><span class=ant-select-selection-item title="Only me">Only me</span></div></div></div></div>
<div class=ant-form-item><div class="ant-col ant-form-item-label"><label for=search_engine title="Do you want search engines outside of Facebook to link to your profile?">Do you want search engines outside of Facebook to link to your profile?</label></div><div class="ant-col ant-form-item-control"><button type=button id=search_engine role=switch aria-checked=false class=ant-switch><div class=ant-switch-handle></div><span class=ant-switch-inner><span class=ant-switch-inner-checked>Yes</span><span class=ant-switch-inner-unchecked>No</span></span></button></div></div>
</form></main>
<div style="position:absolute;top:0;left:0;width:100%"><div class="ant-select-dropdown ant-select-dropdown-hidden"><div role=listbox id=lookup_list style="height:0;width:0;overflow:hidden"><div role=option id=lookup_list_0 aria-selected=false>Everyone</div><div role=option id=lookup_list_3 aria-selected=true>Only me</div></div><div class=rc-virtual-list><div class="ant-select-item ant-select-item-option">Everyone</div><div class="ant-select-item ant-select-item-option">Friends of friends</div><div class="ant-select-item ant-select-item-option">Friends</div><div class="ant-select-item ant-select-item-option ant-select-item-option-selected">Only me</div></div></div></div>""",
    {"future_posts_audience": "friends", "friend_requests": "friends_of_friends", "lookup_email": "only_me", "search_engine_link": "no"},
)

# F2. Chakra UI with React 18 useId ids (":r1:"): Select labelled by <label for="field-:r1:">,
# radio groups named by aria-labelledby=":r5:", one radio group with no name at all (the question a
# plain <p> before it), and a Yes/No group where nothing is selected (nobody can tell).
case(
    "fb_chakra_useid_radios", "facebook", "privacy",
    """<style>.chakra-form-control{padding:10px 0;border-bottom:1px solid #eee;max-width:800px}.chakra-radio{display:inline-flex;align-items:center;gap:6px;margin-right:16px}.chakra-radio__input{border:0;clip:rect(0,0,0,0);height:1px;width:1px;margin:-1px;overflow:hidden;padding:0;position:absolute;white-space:nowrap}.chakra-radio__control{width:16px;height:16px;border-radius:50%;border:2px solid #cbd5e0;display:inline-block}.chakra-radio__control[data-checked]{border-color:#3182ce;background:radial-gradient(#fff 30%,#3182ce 35%)}</style>
<main><h1>Privacy settings</h1>
<div class=chakra-form-control role=group><label id="field-:r1:-label" for="field-:r1:" class=chakra-form__label>Who can see your future posts?</label><div class=chakra-select__wrapper><select id="field-:r1:" class=chakra-select><option>Public</option><option>Friends</option><option selected>Only me</option><option>Custom</option></select></div></div>
<div class=chakra-form-control><p id=":r5:" class=chakra-text>Who can send you friend requests?</p><div class="chakra-stack" role=radiogroup aria-labelledby=":r5:">
<label class=chakra-radio data-checked><input class=chakra-radio__input type=radio name=":r6:" value=everyone checked><span class=chakra-radio__control aria-hidden=true data-checked></span><span class=chakra-radio__label>Everyone</span></label>
<label class=chakra-radio><input class=chakra-radio__input type=radio name=":r6:" value=fof><span class=chakra-radio__control aria-hidden=true></span><span class=chakra-radio__label>Friends of friends</span></label></div></div>
<div class=chakra-form-control><p class=chakra-text>Who can look you up using the email address you provided?</p><div class="chakra-stack" role=radiogroup>
<label class=chakra-radio><input class=chakra-radio__input type=radio name=":r8:" value=everyone><span class=chakra-radio__control aria-hidden=true></span><span class=chakra-radio__label>Everyone</span></label>
<label class=chakra-radio data-checked><input class=chakra-radio__input type=radio name=":r8:" value=fof checked><span class=chakra-radio__control aria-hidden=true data-checked></span><span class=chakra-radio__label>Friends of friends</span></label>
<label class=chakra-radio><input class=chakra-radio__input type=radio name=":r8:" value=friends><span class=chakra-radio__control aria-hidden=true></span><span class=chakra-radio__label>Friends</span></label>
<label class=chakra-radio><input class=chakra-radio__input type=radio name=":r8:" value=only_me><span class=chakra-radio__control aria-hidden=true></span><span class=chakra-radio__label>Only me</span></label></div></div>
<div class=chakra-form-control><p id=":r9:" class=chakra-text>Do you want search engines outside of Facebook to link to your profile?</p><div class="chakra-stack" role=radiogroup aria-labelledby=":r9:">
<label class=chakra-radio><input class=chakra-radio__input type=radio name=":ra:" value=yes><span class=chakra-radio__control aria-hidden=true></span><span class=chakra-radio__label>Yes</span></label>
<label class=chakra-radio><input class=chakra-radio__input type=radio name=":ra:" value=no><span class=chakra-radio__control aria-hidden=true></span><span class=chakra-radio__label>No</span></label></div></div>
</main>""",
    {"future_posts_audience": "only_me", "friend_requests": "everyone", "lookup_email": "friends_of_friends", "search_engine_link": None},
)

# F3. Bootstrap 5 horizontal form: col-form-label labels with no `for` (a11y-broken, clear on
# screen), form-select, a dropdown-toggle button showing the value with an .active item in a hidden
# menu, and btn-check radio toggles (visually hidden inputs, the labels styled as buttons).
case(
    "fb_bootstrap_horizontal_form", "facebook", "privacy",
    """<style>.row.mb-3{display:flex;gap:16px;padding:8px 0}.col-sm-6{width:420px}.dropdown-menu{display:none}.btn-check{position:absolute;clip:rect(0,0,0,0);pointer-events:none}.btn{border:1px solid #0d6efd;padding:4px 12px;color:#0d6efd;background:#fff;display:inline-block}.btn-check:checked+.btn{background:#0d6efd;color:#fff}</style>
<main class=container><h1>Privacy settings</h1><form>
<div class="row mb-3"><label class="col-sm-6 col-form-label">Who can see your future posts?</label><div class=col-sm-6><select class=form-select><option>Public</option><option selected>Friends</option><option>Only me</option><option>Custom</option></select></div></div>
<div class="row mb-3"><label class="col-sm-6 col-form-label">Who can send you friend requests?</label><div class=col-sm-6><select class="form-select form-select-sm"><option selected>Everyone</option><option>Friends of friends</option></select></div></div>
<div class="row mb-3"><label class="col-sm-6 col-form-label">Who can look you up using the email address you provided?</label><div class="col-sm-6 dropdown"><button class="btn btn-secondary dropdown-toggle" type=button data-bs-toggle=dropdown aria-expanded=false>Friends of friends</button><ul class=dropdown-menu><li><a class=dropdown-item href=#>Everyone</a></li><li><a class="dropdown-item active" aria-current=true href=#>Friends of friends</a></li><li><a class=dropdown-item href=#>Friends</a></li><li><a class=dropdown-item href=#>Only me</a></li></ul></div></div>
<div class="row mb-3"><label class="col-sm-6 col-form-label">Do you want search engines outside of Facebook to link to your profile?</label><div class="col-sm-6 btn-group" role=group><input type=radio class=btn-check name=se id=se1 autocomplete=off checked><label class="btn btn-outline-primary" for=se1>Yes</label><input type=radio class=btn-check name=se id=se2 autocomplete=off><label class="btn btn-outline-primary" for=se2>No</label></div></div>
<button type=submit class="btn btn-primary">Save changes</button>
</form></main>""",
    {"future_posts_audience": "friends", "friend_requests": "everyone", "lookup_email": "friends_of_friends", "search_engine_link": "yes"},
)

# F4. React Native Web: role=radio divs (state on the role node), one group whose role=radio nodes
# carry no state while a nested dot div has aria-checked (accessibilityState on a child View: looks
# clear, a filled dot), a Pressable showing the audience, and a Switch with a nested input.
case(
    "fb_react_native_web_nested_state", "facebook", "privacy",
    """<style>.css-175oi2r{display:flex;position:relative}.col{flex-direction:column;padding:10px 0;border-bottom:1px solid #eee;max-width:700px}.rg{flex-direction:row;gap:16px}.rd{flex-direction:row;align-items:center;gap:6px}.dot{width:14px;height:14px;border-radius:7px;border:2px solid #65676b}.dot[aria-checked=true],.dot.on{background:#1877f2;border-color:#1877f2}.r-sw{width:40px;height:20px}.r-track{position:absolute;inset:0;border-radius:10px}.r-input{position:absolute;inset:0;opacity:0;margin:0;width:100%;height:100%}</style>
<main><h1>Privacy settings</h1>
<div class="css-175oi2r col"><div dir=auto class=css-146c3p1>Who can see your future posts?</div><div role=button tabindex=0 class="css-175oi2r rd"><div dir=auto class=css-146c3p1>Friends</div><div aria-hidden=true>▾</div></div></div>
<div class="css-175oi2r col"><div dir=auto class=css-146c3p1>Who can send you friend requests?</div><div role=radiogroup class="css-175oi2r rg"><div role=radio aria-checked=false tabindex=-1 class="css-175oi2r rd"><div class="css-175oi2r dot"></div><div dir=auto>Everyone</div></div><div role=radio aria-checked=true tabindex=0 class="css-175oi2r rd"><div class="css-175oi2r dot on"></div><div dir=auto>Friends of friends</div></div></div></div>
<div class="css-175oi2r col"><div dir=auto class=css-146c3p1>Who can look you up using the email address you provided?</div><div role=radiogroup class="css-175oi2r rg"><div role=radio tabindex=-1 class="css-175oi2r rd"><div class="css-175oi2r dot" aria-checked=false></div><div dir=auto>Everyone</div></div><div role=radio tabindex=-1 class="css-175oi2r rd"><div class="css-175oi2r dot" aria-checked=false></div><div dir=auto>Friends of friends</div></div><div role=radio tabindex=-1 class="css-175oi2r rd"><div class="css-175oi2r dot" aria-checked=false></div><div dir=auto>Friends</div></div><div role=radio tabindex=0 class="css-175oi2r rd"><div class="css-175oi2r dot" aria-checked=true></div><div dir=auto>Only me</div></div></div></div>
<div class="css-175oi2r col"><div dir=auto class=css-146c3p1>Do you want search engines outside of Facebook to link to your profile?</div><div class="css-175oi2r r-sw"><div class="css-175oi2r r-track" style="background-color:rgb(24,119,242)"></div><input class="css-11aywtz r-input" role=switch type=checkbox checked></div></div>
</main>""",
    {"future_posts_audience": "friends", "friend_requests": "friends_of_friends", "lookup_email": "only_me", "search_engine_link": "yes"},
)

# F5. Settings rendered as sentences: the answer in bold right after the question, and the rest of
# each sentence naming other value words ("Friends of friends can still see…", "set to Everyone").
case(
    "fb_settings_as_sentences", "facebook", "privacy",
    """<main><h1>Privacy settings</h1><section><h2>Your activity</h2>
<p>Who can see your future posts? <strong>Friends</strong>. Friends of friends can still see posts you're tagged in if the person who tagged you picks Public. <button type=button aria-expanded=false>Edit</button></p>
<p>Who can send you friend requests? <strong>Friends of friends</strong>. Until May this was set to Everyone.</p>
</section><section><h2>How people find and contact you</h2>
<p>Who can look you up using the email address you provided? <strong>Only me</strong>. Tip: choose Friends if you want old classmates to find you.</p>
<p>Do you want search engines outside of Facebook to link to your profile? <strong>No</strong>. When this is Yes, search engines may show your public profile.</p>
</section></main>""",
    {"future_posts_audience": "friends", "friend_requests": "friends_of_friends", "lookup_email": "only_me", "search_engine_link": "no"},
)

# F6. Values only for the screen reader or truncated on screen: an icon-only audience button with
# the audience in aria-describedby (sr-only text), a chip cut by text-overflow ("Friends of fr…"),
# help tooltips that name other values, a described-by paragraph saying "If you choose No…".
case(
    "fb_values_in_describedby_and_tooltips", "facebook", "privacy",
    """<style>.trunc{display:inline-block;width:84px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;border:1px solid #ccd0d5;border-radius:6px;padding:4px 8px}[role=tooltip][hidden]{display:none}</style>
<main><h1>Privacy settings</h1>
<div class=row><span id=dq1>Who can see your future posts?</span><button type=button aria-haspopup=menu aria-labelledby=dq1 aria-describedby=dd1><svg width=16 height=16 aria-hidden=true><circle cx=8 cy=6 r=3 /><circle cx=4 cy=12 r=3 /><circle cx=12 cy=12 r=3 /></svg></button><span id=dd1 class=sr-only>Friends</span></div>
<div class=row><span id=dq2>Who can send you friend requests?</span><span class=trunc role=status aria-labelledby=dq2 title="Friends of friends">Friends of friends</span></div>
<div class=row><label for=dq3>Who can look you up using the email address you provided?</label><span role=img aria-label=Help aria-describedby=tip3 tabindex=0>ⓘ</span><div role=tooltip id=tip3 hidden>Choose Only me to stop people finding you by email.</div><select id=dq3><option selected>Everyone</option><option>Friends of friends</option><option>Friends</option><option>Only me</option></select></div>
<fieldset aria-describedby=dd4><legend>Do you want search engines outside of Facebook to link to your profile?</legend><p id=dd4>If you choose No, search engines will stop linking to your profile over time.</p><label><input type=radio name=dq4 checked> Yes</label> <label><input type=radio name=dq4> No</label></fieldset>
</main>""",
    {"future_posts_audience": "friends", "friend_requests": "friends_of_friends", "lookup_email": "everyone", "search_engine_link": "yes"},
)

# F7. Mixed languages: German page chrome, the settings' questions and values in English with a
# German gloss, and one row entirely in Japanese (a person reading Japanese knows; the pack has no
# Japanese words, so nothing is also fine).
case(
    "fb_mixed_languages_de_ja", "facebook", "privacy",
    """<main><h1>Privatsphäre-Einstellungen</h1><p>Hier kannst du festlegen, wer deine Inhalte sieht. Öffentlich, Freunde, Nur ich.</p><h2>Deine Aktivität</h2>
<div class=row><label for=ml1>Who can see your future posts?</label><select id=ml1><option>Public</option><option selected>Friends</option><option>Only me</option><option>Custom</option></select><span lang=de>(Freunde)</span></div>
<div class=row><label for=ml2>Who can send you friend requests?</label><select id=ml2><option>Everyone</option><option selected>Friends of friends</option></select><span lang=de>(Freunde von Freunden)</span></div>
<h2>Wie man dich finden kann</h2>
<div class=row lang=ja><label for=ml3>あなたが提供したメールアドレスを使ってあなたを検索できる人</label><select id=ml3><option>全員</option><option>友達の友達</option><option>友達</option><option selected>自分のみ</option></select></div>
<div class=row><span id=ml4q>Do you want search engines outside of Facebook to link to your profile?</span><div role=radiogroup aria-labelledby=ml4q><label><input type=radio name=ml4> Yes <span lang=de>(Ja)</span></label> <label><input type=radio name=ml4 checked> No <span lang=de>(Nein)</span></label></div></div>
</main>""",
    {"future_posts_audience": "friends", "friend_requests": "friends_of_friends", "lookup_email": Either("only_me"), "search_engine_link": "no"},
    lang="de",
)

# F8. Virtual scroll with row recycling: 40 rows of privacy questions in a 300px viewport, 8 DOM
# row nodes reused (their ids stay, label and value swap) as the list scrolls. Only the first rows
# are on screen without scrolling.
_FB_VROWS = [
    ("Who can see your stories?", "Public"), ("Who can see your future posts?", "Only me"), ("Who can see the people you follow?", "Friends"),
    ("Who can see your friends list?", "Only me"), ("Review posts you're tagged in?", "On"), ("Who can comment on your public posts?", "Everyone"),
    ("Who can follow you?", "Public"), ("Who can see your birthday?", "Friends"), ("Who can see your email address on your profile?", "Only me"),
    ("Who can message you?", "Everyone"), ("Who can tag you?", "Friends"), ("Who can see posts you're tagged in?", "Friends of friends"),
    ("Who can see what others post on your timeline?", "Friends"), ("Limit past posts", "Off"), ("Who can send you friend requests?", "Everyone"),
    ("Who can see your relationship status?", "Only me"), ("Who can see your work history?", "Public"), ("Who can see your education?", "Friends"),
    ("Who can see your hometown?", "Public"), ("Who can see your current city?", "Friends of friends"), ("Who can see your family members?", "Only me"),
    ("Who can see your languages?", "Public"), ("Who can see your religious views?", "Only me"), ("Who can see your political views?", "Only me"),
    ("Who can see your website?", "Public"), ("Who can see your social links?", "Friends"), ("Who can look you up using the email address you provided?", "Friends"),
    ("Who can look you up using the phone number you provided?", "Everyone"), ("Who can see your check-ins?", "Friends"), ("Who can see your reels?", "Public"),
    ("Who can see your likes?", "Only me"), ("Who can see your events?", "Friends"), ("Who can see your groups?", "Public"),
    ("Who can see your music?", "Friends"), ("Who can see your TV shows?", "Friends"), ("Who can see your books?", "Only me"),
    ("Who can see your games?", "Friends"), ("Do you want search engines outside of Facebook to link to your profile?", "Yes"), ("Who can see your nicknames?", "Public"),
    ("Who can see your pronouns?", "Friends"),
]
_FB_VLIST_JS = "<script>var ROWS = " + json.dumps([list(r) for r in _FB_VROWS]) + """;
(function () {
  var H = 56, N = 8, vp = document.getElementById('vp'), spacer = document.getElementById('spacer'), nodes = [];
  spacer.style.height = (ROWS.length * H) + 'px';
  for (var k = 0; k < N; k++) {
    var r = document.createElement('div'); r.className = 'vrow'; r.setAttribute('role', 'listitem');
    r.innerHTML = '<span id=vl' + k + ' class=vl></span><div role=combobox tabindex=0 aria-haspopup=listbox aria-expanded=false aria-labelledby="vl' + k + ' vv' + k + '" class=vval><span id=vv' + k + '></span></div>';
    spacer.appendChild(r); nodes.push(r);
  }
  function paint() {
    var first = Math.floor(vp.scrollTop / H);
    for (var k = 0; k < N; k++) {
      var i = first + k, n = nodes[(i % N + N) % N];
      if (i >= ROWS.length) { n.style.display = 'none'; continue; }
      n.style.display = ''; n.style.transform = 'translateY(' + (i * H) + 'px)';
      n.querySelector('.vl').textContent = ROWS[i][0]; n.querySelector('.vval span').textContent = ROWS[i][1];
    }
  }
  vp.addEventListener('scroll', paint); paint();
})();
</script>"""
case(
    "fb_virtual_scroll_recycled_rows", "facebook", "privacy",
    """<style>#vp{height:300px;overflow:auto;position:relative;max-width:760px;border:1px solid #ccc}#spacer{position:relative}.vrow{position:absolute;left:0;right:0;top:0;height:56px;display:flex;align-items:center;justify-content:space-between;padding:0 12px;border-bottom:1px solid #eee;box-sizing:border-box}.vval{border:1px solid #ccd0d5;border-radius:6px;padding:4px 8px}</style>
<main><h1>Privacy settings</h1><div id=vp role=list aria-label="Privacy settings"><div id=spacer></div></div></main>""" + _FB_VLIST_JS,
    {"future_posts_audience": "only_me", "friend_requests": Either("everyone"), "lookup_email": Either("friends"), "search_engine_link": Either("yes")},
)

# F9. Infinite scroll: the first 12 rows are served with the page; an IntersectionObserver sentinel
# below them fetches the next 12 (0.4 s) when scrolled to; two of our settings are in the second batch.
_FB_INF_FIRST = [
    ("Who can see your stories?", "Friends"), ("Who can see your future posts?", "Public"), ("Who can see the people you follow?", "Only me"),
    ("Who can see your friends list?", "Friends"), ("Who can comment on your public posts?", "Friends of friends"), ("Who can follow you?", "Everyone"),
    ("Who can send you friend requests?", "Friends of friends"), ("Who can see your birthday?", "Only me"), ("Who can message you?", "Everyone"),
    ("Who can tag you?", "Friends"), ("Who can see your current city?", "Only me"), ("Who can see your hometown?", "Public"),
]
_FB_INF_SECOND = [
    ("Who can see your work history?", "Public"), ("Who can see your education?", "Friends"), ("Who can look you up using the email address you provided?", "Friends"),
    ("Who can look you up using the phone number you provided?", "Only me"), ("Who can see your check-ins?", "Friends"), ("Who can see your reels?", "Public"),
    ("Do you want search engines outside of Facebook to link to your profile?", "No"), ("Who can see your likes?", "Only me"), ("Who can see your events?", "Friends"),
    ("Who can see your groups?", "Public"), ("Who can see your music?", "Friends"), ("Who can see your books?", "Only me"),
]


def _inf_rows(rows: list[tuple[str, str]], start: int) -> str:
    return "".join(f'<div class=irow><span id=iq{start + i}>{q}</span><div role=button tabindex=0 aria-haspopup=menu aria-labelledby="iq{start + i} iv{start + i}"><span id=iv{start + i}>{v}</span></div></div>' for i, (q, v) in enumerate(rows))


case(
    "fb_infinite_scroll_second_batch", "facebook", "privacy",
    """<style>.irow{display:flex;justify-content:space-between;align-items:center;height:70px;border-bottom:1px solid #eee;max-width:760px}#sentinel{height:40px}</style>
<main><h1>Privacy settings</h1><div id=feed>""" + _inf_rows(_FB_INF_FIRST, 0) + """</div><div id=sentinel role=progressbar aria-label="Loading more settings"></div></main>
<script>
var done = false;
new IntersectionObserver(function (es) {
  if (done || !es.some(function (e) { return e.isIntersecting; })) return;
  done = true;
  fetch('more.html').then(function (r) { return r.text(); }).then(function (t) {
    document.getElementById('feed').insertAdjacentHTML('beforeend', t); document.getElementById('sentinel').remove();
  });
}).observe(document.getElementById('sentinel'));
</script>""",
    {"future_posts_audience": "public", "friend_requests": "friends_of_friends", "lookup_email": Either("friends"), "search_engine_link": Either("no")},
    files={"more.html": (_inf_rows(_FB_INF_SECOND, 12), HTML, 0.4)},
)

# F10. Sticky header overlapping rows: a 150px fixed header, and the page restores its scroll
# position on load so the first rows sit under the header (a person scrolls up a little).
case(
    "fb_fixed_header_covers_rows", "facebook", "privacy",
    """<style>header{position:fixed;top:0;left:0;right:0;height:150px;background:#fff;box-shadow:0 2px 4px #0003;z-index:5;padding:12px}main{padding-top:160px}.filler{height:1400px}</style>
<header><strong>Settings &amp; privacy</strong><input type=search aria-label="Search settings" placeholder="Search settings"><button type=button>Privacy Checkup</button></header>
<main><h1>Privacy settings</h1>
<div class=row><label for=sh1>Who can see your future posts?</label><select id=sh1><option>Public</option><option>Friends</option><option>Only me</option><option selected>Custom</option></select></div>
<div class=row><label for=sh2>Who can send you friend requests?</label><select id=sh2><option selected>Everyone</option><option>Friends of friends</option></select></div>
<div class=row><label for=sh3>Who can look you up using the email address you provided?</label><select id=sh3><option>Everyone</option><option>Friends of friends</option><option selected>Friends</option><option>Only me</option></select></div>
<div class=row><label for=sh4>Do you want search engines outside of Facebook to link to your profile?</label><select id=sh4><option>Yes</option><option selected>No</option></select></div>
<div class=filler></div></main>
<script>window.addEventListener('load', function () { window.scrollTo(0, 190); });</script>""",
    {"future_posts_audience": "custom", "friend_requests": "everyone", "lookup_email": "friends", "search_engine_link": "no"},
)

# F11. A horizontally scrolling table: the "Current" column is far right, out of the 600px viewport;
# a "Previous" column nearer the labels holds other values.
case(
    "fb_wide_table_current_column_offscreen", "facebook", "privacy",
    """<style>.wrap{width:600px;overflow-x:auto;border:1px solid #ccc}table{width:1900px;border-collapse:collapse}td,th{padding:8px;border-bottom:1px solid #eee;text-align:left;vertical-align:top}.desc{width:700px}</style>
<main><h1>Privacy settings</h1><div class=wrap><table><caption>Your privacy settings</caption>
<thead><tr><th scope=col>Setting</th><th scope=col>Previous</th><th scope=col class=desc>What it means</th><th scope=col>Changed</th><th scope=col>Current</th></tr></thead><tbody>
<tr><th scope=row>Who can see your future posts?</th><td>Public</td><td class=desc>The audience of posts you share from now on.</td><td>12 Mar 2024</td><td>Only me</td></tr>
<tr><th scope=row>Who can send you friend requests?</th><td>Everyone</td><td class=desc>Anyone, or only friends of your friends.</td><td>2 Jan 2024</td><td>Friends of friends</td></tr>
<tr><th scope=row>Who can look you up using the email address you provided?</th><td>Friends of friends</td><td class=desc>Who finds you by your email.</td><td>5 Feb 2024</td><td>Everyone</td></tr>
<tr><th scope=row>Do you want search engines outside of Facebook to link to your profile?</th><td>Yes</td><td class=desc>Google and Bing may link to your profile.</td><td>9 Apr 2024</td><td>No</td></tr>
</tbody></table></div></main>""",
    {"future_posts_audience": "only_me", "friend_requests": "friends_of_friends", "lookup_email": "everyone", "search_engine_link": "no"},
)

# F12. A dirty form: the app restores an unsaved draft into the future-posts <select> ("Public")
# and says so: "Unsaved changes" banner and a "Saved: Friends" status on the row. What a person
# believes is in effect is the saved value, Friends (the banner says Public is not saved); a cautious
# reader may also decline. A confident "public" is wrong. The rest of the form is clean.
case(
    "fb_dirty_form_unsaved_draft", "facebook", "privacy",
    """<style>.banner{background:#fff3cd;border:1px solid #ffe69c;padding:8px;max-width:760px}.saved{color:#65676b;font-size:13px}</style>
<main><h1>Privacy settings</h1><div id=banner class=banner role=status hidden>You have unsaved changes. <button type=submit form=pf>Save</button> <button type=reset form=pf>Discard</button></div>
<form id=pf action="#saved">
<div class=row><label for=df1>Who can see your future posts?</label><select id=df1 name=future><option>Public</option><option selected>Friends</option><option>Only me</option><option>Custom</option></select><span id=df1s class=saved>Saved</span></div>
<div class=row><label for=df2>Who can send you friend requests?</label><select id=df2 name=fr><option selected>Everyone</option><option>Friends of friends</option></select><span class=saved>Saved</span></div>
<div class=row><label for=df3>Who can look you up using the email address you provided?</label><select id=df3 name=lk><option>Everyone</option><option>Friends of friends</option><option>Friends</option><option selected>Only me</option></select><span class=saved>Saved</span></div>
<fieldset><legend>Do you want search engines outside of Facebook to link to your profile?</legend><label><input type=radio name=se> Yes</label> <label><input type=radio name=se checked> No</label></fieldset>
<button type=submit>Save</button></form></main>
<script>
document.addEventListener('DOMContentLoaded', function () {
  var draft = {future: 'Public'};
  var sel = document.getElementById('df1');
  sel.value = draft.future;
  document.getElementById('df1s').textContent = 'Unsaved change. Saved: Friends';
  document.getElementById('banner').hidden = false;
});
</script>""",
    {"future_posts_audience": Either("friends"), "friend_requests": "everyone", "lookup_email": "only_me", "search_engine_link": "no"},
)

# F13. A page throwing JS errors: an uncaught error, an unhandled rejection, a missing script, an
# error in a timer, and one row whose rendering failed ("Couldn't load this setting").
case(
    "fb_js_errors_and_failed_row", "facebook", "privacy",
    """<script src="missing-bundle.js"></script>
<script>throw new Error('analytics failed to initialise');</script>
<script>Promise.reject(new Error('experiments endpoint 500'));</script>
<main><h1>Privacy settings</h1><div id=rows></div><div id=toast role=alert></div></main>
<script>
window.addEventListener('error', function () { document.getElementById('toast').textContent = 'Something went wrong. Some settings may be out of date.'; });
var data = [["Who can see your future posts?", "Public"], ["Who can send you friend requests?", "Friends of friends"], ["Who can look you up using the email address you provided?", null], ["Do you want search engines outside of Facebook to link to your profile?", "Yes"]];
data.forEach(function (d, i) {
  var row = document.createElement('div'); row.className = 'row';
  row.innerHTML = '<span id=je' + i + '>' + d[0] + '</span>' + (d[1] === null ? '<span role=alert>Couldn\\'t load this setting.</span><button type=button>Try again</button>' : '<div role=button tabindex=0 aria-haspopup=menu aria-labelledby="je' + i + ' jv' + i + '"><span id=jv' + i + '>' + d[1] + '</span></div>');
  document.getElementById('rows').appendChild(row);
});
setTimeout(function () { undefinedTrackerCall(); }, 200);
document.getElementById('rows').lastChild.nonexistent.method();
</script>""",
    {"future_posts_audience": "public", "friend_requests": "friends_of_friends", "lookup_email": None, "search_engine_link": "yes"},
)

# F14. A page that redirects by script after a moment: "Redirecting to your settings…", then
# location.replace to the new settings URL where the settings are. A person waits and reads those.
case(
    "fb_script_redirect_to_new_settings", "facebook", "privacy",
    """<main><h1>Settings</h1><p role=status aria-busy=true>Redirecting to your settings…</p></main>
<script>setTimeout(function () { location.replace('privacy/settings/'); }, 700);</script>""",
    {"future_posts_audience": "friends", "friend_requests": "everyone", "lookup_email": "only_me", "search_engine_link": "no"},
    files={"privacy/settings/": (doc("""<main><h1>Privacy settings</h1>
<div class=row><label for=rd1>Who can see your future posts?</label><select id=rd1><option>Public</option><option selected>Friends</option><option>Only me</option><option>Custom</option></select></div>
<div class=row><label for=rd2>Who can send you friend requests?</label><select id=rd2><option selected>Everyone</option><option>Friends of friends</option></select></div>
<div class=row><label for=rd3>Who can look you up using the email address you provided?</label><select id=rd3><option>Everyone</option><option>Friends of friends</option><option>Friends</option><option selected>Only me</option></select></div>
<div class=row><label for=rd4>Do you want search engines outside of Facebook to link to your profile?</label><select id=rd4><option>Yes</option><option selected>No</option></select></div></main>"""), HTML, 0.0)},
    final_path="/fb_script_redirect_to_new_settings/privacy/settings/",
    solo=True,
)

# F15. Chakra UI Switch under the former label: a clipped checkbox input inside a <label>, the
# track/thumb spans aria-hidden with data-checked.
case(
    "fb_chakra_switch_former_label", "facebook", "ad_settings",
    """<style>.chakra-switch{display:inline-flex;align-items:center;gap:12px;padding:12px 0}.chakra-switch__input{border:0;clip:rect(0,0,0,0);height:1px;width:1px;margin:-1px;overflow:hidden;padding:0;position:absolute}.chakra-switch__track{width:34px;height:18px;border-radius:9px;background:#cbd5e0;display:inline-block}.chakra-switch__track[data-checked]{background:#3182ce}</style>
<main><h1>Activity information from ad partners</h1><p>Meta can use information from partners about your activity on their websites and apps.</p>
<label class=chakra-switch data-checked><input class=chakra-switch__input type=checkbox checked value=""><span class=chakra-switch__track aria-hidden=true data-checked><span class=chakra-switch__thumb data-checked></span></span><span class=chakra-switch__label>Ads based on data from partners</span></label>
<p>If this is turned off, you'll still see ads, but they may be less relevant.</p></main>""",
    {"partner_ads": "on"},
)

# F16. A long ad settings page: 22 unrelated ad settings with their own switches, several with our
# label as a substring ("…for Instagram", "Review activity information from ad partners"), all on.
_FB_ADS_FILL = [
    ("Activity information from ad partners for Instagram", True), ("Review activity information from ad partners", True), ("Ads about social issues, elections or politics", True),
    ("Ads shown off of Meta", True), ("Ads from ad partners in Messenger", True), ("Social interactions", True), ("Ad topics: alcohol", True),
    ("Ad topics: parenting", True), ("Ad topics: weight loss", True), ("Ad topics: dating", True), ("Ad topics: gambling", True),
    ("Categories used to reach you: employer", True), ("Categories used to reach you: job title", True), ("Categories used to reach you: education", True),
    ("Categories used to reach you: relationship status", True), ("Audience-based advertising", True), ("Ads in Marketplace", True), ("Ads in Reels", True),
    ("Ads in Stories", True), ("Ad preferences sync with Instagram", True), ("Activity information from ad partners (legacy setting)", True), ("Personalized offers", True),
]
case(
    "fb_ads_long_page_substring_labels", "facebook", "ad_settings",
    "<main><h1>Ad preferences</h1><h2>Ad settings</h2>" + switch_rows(_FB_ADS_FILL[:11], "fa")
    + '<div class=row><span id=fp0>Activity information from ad partners</span><button type=button role=switch aria-checked=false aria-labelledby=fp0></button></div>'
    + switch_rows(_FB_ADS_FILL[11:], "fz") + "</main>",
    {"partner_ads": "off"},
)

# F17. Angular Material: MDC mat-select (role=combobox labelled by the floating label and the value
# node), a legacy mat-select, mat-radio-group (native radios inside .mdc-radio), and a
# mat-button-toggle-group for Yes/No (aria-pressed buttons).
case(
    "fb_angular_material_select_radio_toggle", "facebook", "privacy",
    """<style>.mat-mdc-form-field{display:block;padding:12px 0;max-width:520px}.mat-mdc-select{display:block;border-bottom:1px solid #888;padding:6px 0}.mdc-radio__native-control{position:absolute;opacity:0}.mdc-radio{display:inline-block;width:16px;height:16px;border:2px solid #666;border-radius:50%}.mat-mdc-radio-checked .mdc-radio{background:radial-gradient(#3f51b5 40%,#fff 45%)}.mat-button-toggle-checked{background:#e0e0e0}</style>
<main><h1>Privacy settings</h1>
<mat-form-field class="mat-mdc-form-field mat-form-field-appearance-fill"><div class=mat-mdc-text-field-wrapper><label class="mdc-floating-label mdc-floating-label--float-above" id=mat-mdc-form-field-label-0 for=mat-select-0><mat-label>Who can see your future posts?</mat-label></label>
<mat-select role=combobox aria-haspopup=listbox aria-expanded=false aria-labelledby="mat-mdc-form-field-label-0 mat-select-value-0" id=mat-select-0 tabindex=0 class="mat-mdc-select" aria-required=false aria-disabled=false aria-invalid=false><div class=mat-mdc-select-trigger><div class=mat-mdc-select-value id=mat-select-value-0><span class="mat-mdc-select-value-text"><span class="mat-mdc-select-min-line">Custom</span></span></div><div class=mat-mdc-select-arrow-wrapper><div class=mat-mdc-select-arrow><svg viewBox="0 0 24 24" width=24 height=24 focusable=false aria-hidden=true><path d="M7 10l5 5 5-5z"></path></svg></div></div></div></mat-select></div></mat-form-field>
<mat-form-field class="mat-form-field mat-form-field-type-mat-select"><div class=mat-form-field-wrapper><div class=mat-form-field-flex><div class=mat-form-field-infix><mat-select role=combobox aria-autocomplete=none aria-haspopup=listbox class=mat-select id=mat-select-1 aria-labelledby=mat-form-field-label-3 aria-expanded=false><div class=mat-select-trigger><div class=mat-select-value id=mat-select-value-1><span class="mat-select-value-text ng-star-inserted"><span class="mat-select-min-line ng-star-inserted">Everyone</span></span></div><div class=mat-select-arrow-wrapper><div class=mat-select-arrow></div></div></div></mat-select><span class=mat-form-field-label-wrapper><label class=mat-form-field-label id=mat-form-field-label-3 for=mat-select-1><mat-label>Who can send you friend requests?</mat-label></label></span></div></div></div></mat-form-field>
<label id=lk-label>Who can look you up using the email address you provided?</label>
<mat-radio-group role=radiogroup aria-labelledby=lk-label class=mat-mdc-radio-group>"""
    + "".join(f'<mat-radio-button class="mat-mdc-radio-button{" mat-mdc-radio-checked" if v == "Friends" else ""}" id=mat-radio-{i}><div class=mdc-form-field><div class=mdc-radio><input type=radio class=mdc-radio__native-control id=mat-radio-{i}-input name=mat-radio-group-1 value="{v}"{" checked" if v == "Friends" else ""}><div class=mdc-radio__background></div></div><label class=mdc-label for=mat-radio-{i}-input>{v}</label></div></mat-radio-button>' for i, v in enumerate(["Everyone", "Friends of friends", "Friends", "Only me"]))
    + """</mat-radio-group>
<p id=se-label>Do you want search engines outside of Facebook to link to your profile?</p>
<mat-button-toggle-group role=group aria-labelledby=se-label class=mat-button-toggle-group><mat-button-toggle class="mat-button-toggle"><button type=button class=mat-button-toggle-button aria-pressed=false id=mat-button-toggle-1-button><span class=mat-button-toggle-label-content>Yes</span></button></mat-button-toggle><mat-button-toggle class="mat-button-toggle mat-button-toggle-checked"><button type=button class=mat-button-toggle-button aria-pressed=true id=mat-button-toggle-2-button><span class=mat-button-toggle-label-content>No</span></button></mat-button-toggle></mat-button-toggle-group>
</main>""",
    {"future_posts_audience": "custom", "friend_requests": "everyone", "lookup_email": "friends", "search_engine_link": "no"},
)

# F18. IBM Carbon: Carbon Select (native select), two Carbon Dropdowns (a button labelled by the
# label and itself, the value in .cds--list-box__label, an empty listbox), and a RadioButtonGroup
# named by its <legend>.
case(
    "fb_carbon_select_dropdown_radios", "facebook", "privacy",
    """<style>.cds--form-item{padding:12px 0;max-width:600px}.cds--list-box__field{display:block;width:300px;text-align:left;border:0;border-bottom:1px solid #8d8d8d;background:#f4f4f4;padding:8px}.cds--radio-button{position:absolute;opacity:0}.cds--radio-button__appearance{display:inline-block;width:14px;height:14px;border:1px solid #161616;border-radius:50%}.cds--radio-button:checked+label .cds--radio-button__appearance{background:radial-gradient(#161616 40%,#fff 45%)}</style>
<main><h1>Privacy settings</h1>
<div class=cds--form-item><div class=cds--select><label for=cs1 class=cds--label>Who can see your future posts?</label><div class=cds--select-input__wrapper><select id=cs1 class=cds--select-input><option class=cds--select-option>Public</option><option class=cds--select-option>Friends</option><option class=cds--select-option selected>Only me</option><option class=cds--select-option>Custom</option></select></div></div></div>
<div class=cds--form-item><div class=cds--dropdown__wrapper><label id=downshift-0-label for=downshift-0-toggle-button class=cds--label>Who can send you friend requests?</label><div class="cds--dropdown cds--list-box"><button type=button class=cds--list-box__field id=downshift-0-toggle-button aria-haspopup=listbox aria-expanded=false aria-labelledby="downshift-0-label downshift-0-toggle-button"><span class=cds--list-box__label>Friends of friends</span><div class=cds--list-box__menu-icon><svg width=16 height=16 aria-hidden=true><path d="M8 11L3 6h10z"></path></svg></div></button><ul id=downshift-0-menu role=listbox aria-labelledby=downshift-0-label class=cds--list-box__menu tabindex=-1></ul></div></div></div>
<div class=cds--form-item><div class=cds--dropdown__wrapper><label id=downshift-1-label for=downshift-1-toggle-button class=cds--label>Who can look you up using the email address you provided?</label><div class="cds--dropdown cds--list-box"><button type=button class=cds--list-box__field id=downshift-1-toggle-button aria-haspopup=listbox aria-expanded=false aria-labelledby="downshift-1-label downshift-1-toggle-button"><span class=cds--list-box__label>Everyone</span></button><ul id=downshift-1-menu role=listbox aria-labelledby=downshift-1-label class=cds--list-box__menu tabindex=-1></ul></div></div></div>
<fieldset class="cds--fieldset"><legend class=cds--label>Do you want search engines outside of Facebook to link to your profile?</legend><div class="cds--radio-button-group"><div class=cds--radio-button-wrapper><input type=radio class=cds--radio-button id=rb-1 name=se value=yes checked><label for=rb-1 class=cds--radio-button__label><span class=cds--radio-button__appearance></span><span>Yes</span></label></div><div class=cds--radio-button-wrapper><input type=radio class=cds--radio-button id=rb-2 name=se value=no><label for=rb-2 class=cds--radio-button__label><span class=cds--radio-button__appearance></span><span>No</span></label></div></div></fieldset>
</main>""",
    {"future_posts_audience": "only_me", "friend_requests": "friends_of_friends", "lookup_email": "everyone", "search_engine_link": "yes"},
)

# F19. Dark mode ad settings: appearance:none checkbox drawn as a toggle, grey state text on black.
case(
    "fb_dark_mode_appearance_none_toggle", "facebook", "ad_settings",
    """<style>body{background:#18191a;color:#e4e6eb}.row{border-color:#3e4042}input.tg{appearance:none;width:40px;height:22px;border-radius:11px;background:#3a3b3c;position:relative;margin:0}input.tg:checked{background:#2d88ff}input.tg:after{content:'';position:absolute;top:3px;left:3px;width:16px;height:16px;border-radius:50%;background:#e4e6eb}input.tg:checked:after{left:21px}.st{color:#8a8d91}</style>
<main><h1>Activity information from ad partners</h1>
<div class=row><label for=dt1>Activity information from ad partners</label><span><span class=st>Off</span> <input type=checkbox class=tg id=dt1></span></div>
<div class=row><label for=dt2>Ads shown off of Meta</label><span><span class=st>On</span> <input type=checkbox class=tg id=dt2 checked></span></div></main>""",
    {"partner_ads": "off"},
    color_scheme="dark",
)

# F20. Labels with <abbr> and decorative icons: "…using the <abbr title="electronic mail">email</abbr>
# address…", a globe emoji before the audience, a Font Awesome <i> inside the label.
case(
    "fb_abbr_and_icon_labels", "facebook", "privacy",
    """<main><h1>Privacy settings</h1>
<div class=row><label for=ab1><i class="fa fa-globe" aria-hidden=true></i> Who can see your future posts?</label><button id=ab1 type=button aria-haspopup=menu><span aria-hidden=true>🌐</span> Public</button></div>
<div class=row><label for=ab2>Who can send you friend requests?</label><button id=ab2 type=button aria-haspopup=menu><span aria-hidden=true>👥</span> Friends of friends</button></div>
<div class=row><label for=ab3>Who can look you up using the <abbr title="electronic mail">email</abbr> address you provided?</label><button id=ab3 type=button aria-haspopup=menu><span aria-hidden=true>🔒</span> Only me</button></div>
<div class=row><label for=ab4><abbr title="Search engines such as Google and Bing">Do you want search engines outside of Facebook to link to your profile?</abbr></label><select id=ab4><option>Yes</option><option selected>No</option></select></div></main>""",
    {"future_posts_audience": "public", "friend_requests": "friends_of_friends", "lookup_email": "only_me", "search_engine_link": "no"},
)

# ============================================================================================
# Microsoft
# ============================================================================================

# M1. Vuetify 3 v-switch: the checkbox input inside .v-selection-control__input, <label for> after
# the track, and v-messages (aria-describedby) naming "Off" for the EU default.
case(
    "ms_vuetify_switch_messages", "microsoft", "privacy_dashboard",
    """<style>.v-selection-control{display:flex;align-items:center;gap:12px}.v-selection-control__input{position:relative;width:36px;height:20px}.v-selection-control__input input{position:absolute;inset:0;opacity:0}.v-switch__track{width:36px;height:14px;border-radius:7px;background:#bbb}.v-selection-control--dirty .v-switch__track{background:#0078d4}.v-messages{font-size:12px;color:#666}</style>
<main><h1>Privacy dashboard</h1>
<div class="v-input v-input--horizontal v-switch"><div class=v-input__control><div class="v-selection-control v-selection-control--dirty"><div class=v-selection-control__wrapper><div class=v-switch__track></div><div class=v-selection-control__input><input id=input-5 aria-describedby=input-5-messages type=checkbox value=true checked><div class=v-switch__thumb></div></div></div><label class=v-label for=input-5>Location activity</label></div></div><div class=v-input__details><div class=v-messages id=input-5-messages role=alert aria-live=polite><div class=v-messages__message>Off by default in the EU. Saved to your account.</div></div></div></div>
<div class="v-input v-input--horizontal v-switch"><div class=v-input__control><div class="v-selection-control"><div class=v-selection-control__wrapper><div class=v-switch__track></div><div class=v-selection-control__input><input id=input-7 aria-describedby=input-7-messages type=checkbox value=true></div></div><label class=v-label for=input-7>Search history</label></div></div><div class=v-input__details><div class=v-messages id=input-7-messages><div class=v-messages__message>When On, Bing saves your searches.</div></div></div></div>
</main>""",
    {"location_activity": "on", "search_history": "off"},
)

# M2. Ant Design Switch with checkedChildren "On" / unCheckedChildren "Off": both words always in the
# DOM (one pushed out of view by margins), labels from the form item's <label for>.
_ANT_SW_CSS = """<style>.ant-form-item{display:flex;gap:16px;padding:10px 0;border-bottom:1px solid #eee;max-width:900px;align-items:center}.ant-form-item-label{width:460px}.ant-switch{min-width:56px;height:22px;border-radius:11px;background:#bfbfbf;overflow:hidden;position:relative;border:0}.ant-switch-checked{background:#1677ff}.ant-switch-inner{display:block;padding:0 8px 0 24px;color:#fff;font-size:12px}.ant-switch-inner>span{display:block}.ant-switch .ant-switch-inner-checked{margin-top:-22px}.ant-switch-checked .ant-switch-inner-checked{margin-top:0}.ant-switch-checked .ant-switch-inner-unchecked{margin-top:22px}</style>"""
case(
    "ms_ant_switch_both_words_in_dom", "microsoft", "ad_settings",
    _ANT_SW_CSS + """<main><h1>Personalized ad settings</h1><form class=ant-form>
<div class=ant-form-item><div class=ant-form-item-label><label for=acct title="Personalized ads wherever I use my Microsoft account">Personalized ads wherever I use my Microsoft account</label></div><div class=ant-form-item-control><button type=button id=acct role=switch aria-checked=true class="ant-switch ant-switch-checked"><div class=ant-switch-handle></div><span class=ant-switch-inner><span class=ant-switch-inner-checked>On</span><span class=ant-switch-inner-unchecked>Off</span></span></button></div></div>
<div class=ant-form-item><div class=ant-form-item-label><label for=brws title="Personalized ads in this browser">Personalized ads in this browser</label></div><div class=ant-form-item-control><button type=button id=brws role=switch aria-checked=false class=ant-switch><div class=ant-switch-handle></div><span class=ant-switch-inner><span class=ant-switch-inner-checked>On</span><span class=ant-switch-inner-unchecked>Off</span></span></button></div></div>
</form></main>""",
    {"personalized_ads_account": "on", "personalized_ads_browser": "off"},
)

# M3. A long privacy dashboard in Fluent UI v9 markup: 24 other settings (several containing our
# labels: "Location activity for family members", "Search history in Microsoft Edge"), all set
# opposite to ours.
_MS_LONG = [
    ("Location activity for family members", True), ("Clear location activity on sign-out", True), ("Browsing history", False), ("Voice activity", False),
    ("App and service activity", False), ("Media activity", False), ("Product and service performance", False), ("Cortana's Notebook", False),
    ("Search history in Microsoft Edge", False), ("Search history suggestions in Windows", False), ("Location activity reminders", True), ("Find my device", True),
    ("Tailored experiences", False), ("Inking and typing", False), ("Diagnostic data", False), ("Activity history on this device", False),
    ("Advertising ID", False), ("Speech recognition", False), ("Microsoft Start interests", False), ("Xbox activity", False),
    ("Teams presence", False), ("Outlook contacts sync", False), ("OneDrive photo recognition", False), ("Edge shopping", False),
]


def fui_switch(i: int, label: str, on: bool) -> str:
    return f'<div class="fui-Switch r1"><input class=fui-Switch__input type=checkbox role=switch id=fsw{i}{" checked" if on else ""}><div aria-hidden=true class=fui-Switch__indicator><svg fill=currentColor aria-hidden=true width=1em height=1em viewBox="0 0 20 20"><path d="M10 2a8 8 0 100 16 8 8 0 000-16z"></path></svg></div><label class="fui-Label fui-Switch__label" for=fsw{i}>{label}</label></div>'


_FUI_CSS = "<style>.fui-Switch{display:flex;align-items:center;gap:8px;padding:8px 0;border-bottom:1px solid #edebe9;max-width:700px}.fui-Switch__input{width:40px;height:20px;margin:0}</style>"
case(
    "ms_long_dashboard_fluent9_substrings", "microsoft", "privacy_dashboard",
    _FUI_CSS + "<main><h1>Privacy dashboard</h1>"
    + "".join(fui_switch(i, lbl, not on) for i, (lbl, on) in enumerate(_MS_LONG[:9]))
    + fui_switch(100, "Location activity", False)
    + "".join(fui_switch(20 + i, lbl, not on) for i, (lbl, on) in enumerate(_MS_LONG[9:17]))
    + fui_switch(101, "Search history", True)
    + "".join(fui_switch(40 + i, lbl, not on) for i, (lbl, on) in enumerate(_MS_LONG[17:]))
    + "</main>",
    {"location_activity": "off", "search_history": "on"},
)

# M4. React Native Web Switches on the ad settings page: nested input role=switch, the label a
# sibling text div, plus the RNW "accessibilityLabel" on a wrapping View of the other setting only.
case(
    "ms_react_native_web_switches", "microsoft", "ad_settings",
    """<style>.css-175oi2r{display:flex;position:relative}.r-row{flex-direction:row;align-items:center;justify-content:space-between;max-width:700px;padding:12px 0;border-bottom:1px solid #eee}.r-sw{width:40px;height:20px}.r-track{position:absolute;inset:0;border-radius:10px}.r-input{position:absolute;inset:0;opacity:0;margin:0;width:100%;height:100%}</style>
<main><h1>Personalized ad settings</h1>
<div class="css-175oi2r r-row"><div dir=auto class=css-146c3p1>Personalized ads in this browser</div><div class="css-175oi2r r-sw"><div class="css-175oi2r r-track" style="background-color:rgb(0,120,212)"></div><input class="css-11aywtz r-input" role=switch type=checkbox checked></div></div>
<div class="css-175oi2r r-row" aria-label="Personalized ads wherever I use my Microsoft account"><div dir=auto class=css-146c3p1>Personalized ads wherever I use my Microsoft account</div><div class="css-175oi2r r-sw"><div class="css-175oi2r r-track" style="background-color:rgb(138,136,134)"></div><input class="css-11aywtz r-input" role=switch type=checkbox></div></div>
</main>""",
    {"personalized_ads_account": "off", "personalized_ads_browser": "on"},
)

# M5. aria-checked on a nested node (a11y-broken): the role=switch div carries no state (ARIA
# default: false), a child "knob" has aria-checked=true, and the visible state text says On.
# On screen: clearly On (blue track, "On").
case(
    "ms_state_on_nested_child", "microsoft", "privacy_dashboard",
    """<style>.tgl{display:inline-flex;width:40px;height:20px;border-radius:10px;background:#8a8886}.tgl.on{background:#0078d4}.knob{width:16px;height:16px;margin:2px;border-radius:50%;background:#fff}.tgl.on .knob{margin-left:22px}</style>
<main><h1>Privacy dashboard</h1>
<div class=row><span id=ns1>Location activity</span><span class=st>On</span><div role=switch tabindex=0 aria-labelledby=ns1 class="tgl on"><div class=knob aria-checked=true></div></div></div>
<div class=row><span id=ns2>Search history</span><span class=st>Off</span><div role=switch tabindex=0 aria-labelledby=ns2 class=tgl><div class=knob aria-checked=false></div></div></div>
</main>""",
    {"location_activity": "on", "search_history": "off"},
)

# M6. The visible state contradicts ARIA: a switch styled and labelled "On" whose aria-checked is
# still false (a stale attribute). A sighted person reads On, a screen reader user hears off:
# nobody can tell which is true, so no confident value. The other switch is consistent.
case(
    "ms_aria_contradicts_visible_state", "microsoft", "ad_settings",
    """<style>.toggle{display:inline-flex;align-items:center;gap:6px;border:0;background:none}.toggle .trk{width:40px;height:20px;border-radius:10px;background:#8a8886}.toggle.is-on .trk{background:#0078d4}</style>
<main><h1>Personalized ad settings</h1>
<div class=row><span id=ct1>Personalized ads wherever I use my Microsoft account</span><button type=button role=switch aria-checked=false aria-labelledby=ct1 class="toggle is-on"><span class=trk></span><span>On</span></button></div>
<div class=row><span id=ct2>Personalized ads in this browser</span><button type=button role=switch aria-checked=false aria-labelledby=ct2 class=toggle><span class=trk></span><span>Off</span></button></div>
</main>""",
    {"personalized_ads_account": None, "personalized_ads_browser": "off"},
)

# M7. Dashboard cards: Location activity's state is only a status dot (role=img, aria-label/title
# "Off"); an info tooltip next to it says "When this is On…"; Search history shows a chip "On".
case(
    "ms_status_dot_and_info_tooltip", "microsoft", "privacy_dashboard",
    """<style>.card{border:1px solid #edebe9;border-radius:4px;padding:12px;margin:8px 0;max-width:600px}.dot{display:inline-block;width:10px;height:10px;border-radius:50%;background:#a19f9d}.dot.on{background:#107c10}[role=tooltip]{display:none}</style>
<main><h1>Privacy dashboard</h1>
<section class=card aria-labelledby=cd1><h2 id=cd1>Location activity <span class=dot role=img aria-label=Off title=Off></span> <button type=button aria-label="More info" aria-describedby=tt1>ⓘ</button></h2><div role=tooltip id=tt1>When this is On, Microsoft saves the locations your devices report.</div><p>See and clear location data saved to your account.</p><a href="#loc">View and clear location activity</a></section>
<section class=card aria-labelledby=cd2><h2 id=cd2>Search history <span class=chip>On</span></h2><p>Bing saves your searches to improve results.</p><a href="#search">View and clear search history</a></section>
</main>""",
    {"location_activity": "off", "search_history": "on"},
)

# M8. Zoom and transforms: body zoom .75, the panel transform: scale(1.3), one row shifted by
# translateX, native checkboxes labelled by <label for>.
case(
    "ms_zoomed_scaled_checkboxes", "microsoft", "ad_settings",
    """<style>body{zoom:.75}.panel{transform:scale(1.3);transform-origin:0 0;width:700px}.shift{transform:translateX(40px)}</style>
<main><h1>Personalized ad settings</h1><div class=panel>
<div class=row><label for=zc1>Personalized ads wherever I use my Microsoft account</label><input type=checkbox id=zc1></div>
<div class="row shift"><label for=zc2>Personalized ads in this browser</label><input type=checkbox id=zc2 checked></div></div></main>""",
    {"personalized_ads_account": "off", "personalized_ads_browser": "on"},
)

# M9. Dark mode Fluent v9 switches with state text, under prefers-color-scheme: dark.
case(
    "ms_dark_mode_fluent9", "microsoft", "privacy_dashboard",
    _FUI_CSS + """<style>@media (prefers-color-scheme: dark){body{background:#1b1a19;color:#f3f2f1}.fui-Switch{border-color:#3b3a39}.st{color:#a19f9d}}</style>
<main><h1>Privacy dashboard</h1>""" + fui_switch(1, "Location activity", False).replace("</label></div>", "</label><span class=st>Off</span></div>") + fui_switch(2, "Search history", True).replace("</label></div>", "</label><span class=st>On</span></div>") + "</main>",
    {"location_activity": "off", "search_history": "on"},
    color_scheme="dark",
)

# M10. A dirty form with Save: the app restores a draft that turns the browser switch on, while the
# row says "Saved setting: Off" and a banner says the changes are not saved. What is in effect, as a
# person reads it, is Off (the saved value); a cautious reader may decline. A confident "on" is wrong.
case(
    "ms_dirty_form_restored_draft", "microsoft", "ad_settings",
    """<style>.bar{background:#fff4ce;padding:8px;max-width:760px}.saved{color:#605e5c;font-size:12px}</style>
<main><h1>Personalized ad settings</h1><div class=bar role=status id=bar hidden>You have unsaved changes.</div>
<form id=adf>
<div class=row><label for=dr1>Personalized ads wherever I use my Microsoft account</label><span class=saved>Saved</span><input type=checkbox role=switch id=dr1 checked></div>
<div class=row><label for=dr2>Personalized ads in this browser</label><span class=saved id=dr2s>Saved</span><input type=checkbox role=switch id=dr2></div>
<button type=submit>Save</button> <button type=button>Discard</button></form></main>
<script>
document.addEventListener('DOMContentLoaded', function () {
  var draft = JSON.parse('{"browser": true}');
  document.getElementById('dr2').checked = draft.browser;
  document.getElementById('dr2s').textContent = 'Not saved. Saved setting: Off';
  document.getElementById('bar').hidden = false;
});
</script>""",
    {"personalized_ads_account": "on", "personalized_ads_browser": Either("off")},
)

# M11. Extremely slow rendering: a spinner for 5 s (timers only, no network), then the switches.
case(
    "ms_slow_render_5s_no_network", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1><div id=app><div role=progressbar aria-busy=true aria-label="Loading your privacy dashboard">Loading your privacy dashboard…</div></div></main>
<script>
var t0 = Date.now();
(function tick() {
  if (Date.now() - t0 < 5000) { document.querySelector('[role=progressbar]').setAttribute('aria-valuetext', Math.round((Date.now() - t0) / 50) + '%'); return setTimeout(tick, 500); }
  document.getElementById('app').innerHTML = '<div class=row><label for=sl1>Location activity</label><input type=checkbox role=switch id=sl1 checked></div><div class=row><label for=sl2>Search history</label><input type=checkbox role=switch id=sl2></div>';
})();
</script>""",
    {"location_activity": "on", "search_history": "off"},
    solo=True,
)

# M12. A slow fetch: the state arrives 4.5 s after load; until then the switches are drawn disabled
# and unchecked behind a skeleton.
case(
    "ms_slow_fetch_4_5s", "microsoft", "ad_settings",
    """<main><h1>Personalized ad settings</h1><div id=ads aria-busy=true>
<div class=row><label for=sf1>Personalized ads wherever I use my Microsoft account</label><input type=checkbox role=switch id=sf1 disabled></div>
<div class=row><label for=sf2>Personalized ads in this browser</label><input type=checkbox role=switch id=sf2 disabled></div></div></main>
<script>
fetch('prefs.json').then(function (r) { return r.json(); }).then(function (p) {
  var a = document.getElementById('sf1'), b = document.getElementById('sf2');
  a.checked = p.account; b.checked = p.browser; a.disabled = false; b.disabled = false;
  document.getElementById('ads').removeAttribute('aria-busy');
});
</script>""",
    {"personalized_ads_account": "off", "personalized_ads_browser": "on"},
    files={"prefs.json": ('{"account": false, "browser": true}', JSON, 4.5)},
    solo=True,
)

# M13. An <abbr> as the label ("Loc. activity" with title "Location activity") and a label with a
# logo svg (role=img "Bing") before the text and a "New" badge after it.
case(
    "ms_abbr_label_and_logo_icon", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1>
<div class=row><label for=ab1><abbr title="Location activity">Loc. activity</abbr></label><input type=checkbox role=switch id=ab1 checked></div>
<div class=row><label for=ab2><svg role=img aria-label=Bing width=16 height=16><title>Bing</title><rect width=16 height=16 fill="#008373"></rect></svg> Search history <span class=badge>New</span></label><input type=checkbox role=switch id=ab2></div>
</main>""",
    {"location_activity": "on", "search_history": "off"},
)

# M14. Mixed languages: French chrome and French state words ("Activé"/"Désactivé"), the account
# setting labelled in English, the browser setting only in French (nothing is fine for it).
case(
    "ms_mixed_languages_fr", "microsoft", "ad_settings",
    """<main><h1>Paramètres des publicités personnalisées</h1><p>Vous pouvez désactiver les publicités personnalisées à tout moment.</p>
<div class=row><label for=fr1>Personalized ads wherever I use my Microsoft account</label><span lang=fr>Activé</span><input type=checkbox role=switch id=fr1 checked></div>
<div class=row lang=fr><label for=fr2>Publicités personnalisées dans ce navigateur</label><span>Désactivé</span><input type=checkbox role=switch id=fr2></div>
</main>""",
    {"personalized_ads_account": "on", "personalized_ads_browser": Either("off")},
    lang="fr",
)

# M15. Neither on nor off: Location activity aria-checked="mixed" ("On for some devices"), Search
# history an indeterminate checkbox (a dash on screen) whose checked property is true underneath.
case(
    "ms_mixed_and_indeterminate", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1>
<div class=row><span id=mx1>Location activity</span><span>On for some devices</span><button type=button role=switch aria-checked=mixed aria-labelledby=mx1></button></div>
<div class=row><label for=mx2>Search history</label><input type=checkbox id=mx2 checked></div></main>
<script>document.getElementById('mx2').indeterminate = true;</script>""",
    {"location_activity": None, "search_history": None},
)

# M16. A horizontal card carousel (overflow-x, scroll-snap): the Search history card is off to the
# right of the visible strip.
case(
    "ms_horizontal_card_carousel", "microsoft", "privacy_dashboard",
    """<style>.strip{display:flex;gap:16px;overflow-x:auto;scroll-snap-type:x mandatory;width:620px}.card{flex:0 0 300px;scroll-snap-align:start;border:1px solid #edebe9;padding:12px;min-height:140px}</style>
<main><h1>Privacy dashboard</h1><div class=strip role=region aria-label="Your activity">
<div class=card><h3 id=hc1>Location activity</h3><button role=switch aria-checked=true aria-labelledby=hc1></button></div>
<div class=card><h3 id=hc2>Browsing history</h3><button role=switch aria-checked=false aria-labelledby=hc2></button></div>
<div class=card><h3 id=hc3>Voice activity</h3><button role=switch aria-checked=true aria-labelledby=hc3></button></div>
<div class=card><h3 id=hc4>Search history</h3><button role=switch aria-checked=false aria-labelledby=hc4></button></div>
</div></main>""",
    {"location_activity": "on", "search_history": "off"},
)

# M17. A fixed "Save changes" footer bar covering the last row, in a short viewport.
case(
    "ms_fixed_footer_covers_row", "microsoft", "ad_settings",
    """<style>footer{position:fixed;left:0;right:0;bottom:0;height:120px;background:#f3f2f1;border-top:1px solid #c8c6c4;padding:12px}</style>
<main><h1>Personalized ad settings</h1><p style="height:300px">Choose how Microsoft personalizes the ads you see.</p>
<div class=row><label for=ff1>Personalized ads wherever I use my Microsoft account</label><input type=checkbox role=switch id=ff1 checked></div>
<div class=row><label for=ff2>Personalized ads in this browser</label><input type=checkbox role=switch id=ff2 checked></div></main>
<footer><button type=button>Save changes</button> <span>All changes saved</span></footer>""",
    {"personalized_ads_account": "on", "personalized_ads_browser": "on"},
    viewport=(1000, 520),
)

# M18. Carbon v10 toggles inside a same-origin iframe: the checkbox input before a <label> that
# holds the label text and both aria-hidden state words ("Off"/"On"), one hidden by CSS.
_CARBON10 = doc("""<style>.bx--toggle-input{position:absolute;opacity:0}.bx--toggle__switch{display:inline-flex;gap:6px;align-items:center;margin-left:12px}.bx--toggle-input:checked+label .bx--toggle__text--off,.bx--toggle-input:not(:checked)+label .bx--toggle__text--on{display:none}.bx--form-item{padding:10px 0}</style>
<div class=bx--form-item><input class=bx--toggle-input type=checkbox id=bt1 checked><label class=bx--toggle-input__label for=bt1>Location activity<span class=bx--toggle__switch><span class=bx--toggle__text--off aria-hidden=true>Off</span><span class=bx--toggle__text--on aria-hidden=true>On</span></span></label></div>
<div class=bx--form-item><input class=bx--toggle-input type=checkbox id=bt2><label class=bx--toggle-input__label for=bt2>Search history<span class=bx--toggle__switch><span class=bx--toggle__text--off aria-hidden=true>Off</span><span class=bx--toggle__text--on aria-hidden=true>On</span></span></label></div>""")
case(
    "ms_carbon10_toggles_in_iframe", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1><iframe src="panel.html" title="Activity settings" style="width:700px;height:240px;border:0"></iframe></main>""",
    {"location_activity": "on", "search_history": "off"},
    files={"panel.html": (_CARBON10, HTML, 0.0)},
)

# M19. a11y-broken but clear on screen: toggles are plain divs with click handlers, no role, no
# label association; the toggle itself shows "On"/"Off".
case(
    "ms_div_toggles_no_aria", "microsoft", "privacy_dashboard",
    """<style>.tg{display:inline-block;padding:2px 10px;border-radius:10px;background:#8a8886;color:#fff;cursor:pointer}.tg.on{background:#0078d4}</style>
<main><h1>Privacy dashboard</h1>
<div class=row><div class=lbl>Location activity</div><div class=tg onclick="this.classList.toggle('on');this.textContent=this.classList.contains('on')?'On':'Off'">Off</div></div>
<div class=row><div class=lbl>Search history</div><div class="tg on" onclick="this.classList.toggle('on');this.textContent=this.classList.contains('on')?'On':'Off'">On</div></div></main>""",
    {"location_activity": "off", "search_history": "on"},
)

# M20. Sentence-style summary plus the switches further down, agreeing ("Search history: Off").
case(
    "ms_status_sentences_and_switches", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1><section aria-label=Summary><p>Location activity is turned on for your account.</p><p>Search history: Off.</p></section>
<h2>Manage</h2>
<div class=row><span id=ss1>Location activity</span><button role=switch aria-checked=true aria-labelledby=ss1></button></div>
<div class=row><span id=ss2>Search history</span><button role=switch aria-checked=false aria-labelledby=ss2></button></div></main>""",
    {"location_activity": "on", "search_history": "off"},
)


# --------------------------------------------------------------------------------------------
# known reader failures (what the reader got), filled from runs
# --------------------------------------------------------------------------------------------

XFAIL.update({
})


test_cases_are_distinct_and_cover_the_packs, test_redteam_page_2 = SUITE.tests(at_least=35, every_key=True)
