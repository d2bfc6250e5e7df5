# ruff: noqa: E501
"""Red-team settings pages, round 5: markup written blind to the reader, read through the one public
entry point ``read_page_settled`` (see ``redteam_harness`` for the judging).

Expectations follow what a person can tell on screen: a plain value must be read confidently
(>= 0.8) and not as a conflict; ``None`` means nobody could tell (the page does not say, or says two
things); ``Either(v)`` means ``v`` or nothing, never another confident value.

New in this round (none of rounds 1-4 did these): pages partly translated (English labels, values in
the page's language: read only where the pack's vocabulary has the word, else ``Either``); dark mode
with ``forced-colors`` styles; very long pages (200+ unrelated rows, some with near-names);
``<table role=presentation>`` layouts; ``<dl>`` with several ``<dd>`` per ``<dt>``; ``role=term`` /
``role=definition`` grids; SVG-drawn switches whose state is only in a ``<title>``; ARIA sliders with
``aria-valuetext``; ``<meter>``/``<progress>`` decoys; state only in a data attribute plus an
``aria-describedby`` "Currently: On"; button text that flips on hover/focus; ``contenteditable``
drafts quoting labels; ``::first-letter`` drop caps split into spans; labels split by ``<wbr>``,
``<br>`` and inline SVG icons; trademark marks; master switches (on, off, ``aria-checked=mixed``)
over child switches; ``<object>``/``<embed>`` documents; ``display:contents`` wrappers;
``content-visibility:hidden`` stale panels; sticky duplicates of a row; print-only copies; closed
``<dialog>`` elements holding other values; open ``<details>`` whose summary shows the value (agreeing
or not); icon-font values with ``aria-label`` (✓ / ✕); radios labelled by images' ``alt`` text;
slot-projected labels in custom elements; ``select`` whose ``selected`` attribute differs from the
value a script set.

As in rounds 3-4, the recorder allows clicks only on tabs, ``summary`` and disclosure buttons that
open no popup; anything else the reader presses (or focuses into a change) counts against it.
"""

from __future__ import annotations

import pytest

from tests.scanner.redteam_harness import ALLOWED_CLICKS, CONFIDENT, HTML, Either, Suite, ck, recorder, sw

pytestmark = pytest.mark.browser

BASE_CSS = """<style>
body{font-family:Segoe UI,Roboto,Arial,sans-serif;margin:0;padding:16px;color:#202124;background:#fff}
.sr-only,.visually-hidden{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
.row{display:flex;align-items:center;justify-content:space-between;gap:16px;padding:10px 0;border-bottom:1px solid #ddd;max-width:760px}
[role=switch]{display:inline-block;min-width:36px;height:20px;border-radius:10px;background:#bbb;border:0;position:relative}
[role=switch][aria-checked=true]{background:#1a73e8}
.print-only{display:none}
@media print{.print-only{display:block}.screen-only{display:none}}
</style>"""


SUITE = Suite(css=BASE_CSS, recorder=recorder(allowed=ALLOWED_CLICKS), confident=CONFIDENT, concurrency=8)
case = SUITE.case
XFAIL = SUITE.xfail
site, outcomes = SUITE.fixtures()



def svg_knob(on: bool) -> str:
    """A drawn switch: a track and a knob, blue with the knob right when on (what a person sees)."""
    return (f'<svg width=40 height=22 viewBox="0 0 40 22" aria-hidden=true><rect x=1 y=1 width=38 height=20 rx=10 fill="{"#1a73e8" if on else "#bbb"}"/>'
            f'<circle cx="{29 if on else 11}" cy=11 r=8 fill="#fff"/></svg>')


def filler_rows(n: int, prefix: str, kind: str = "switch") -> str:
    """``n`` unrelated settings rows (a notifications page, a help index), half on, half off."""
    topics = ["Comments", "Mentions", "Reminders", "Birthdays", "Groups", "Events", "Pages", "Marketplace",
              "Photos", "Memories", "Tips", "Security alerts", "Newsletters", "Offers", "Surveys", "Updates"]
    out = []
    for i in range(n):
        name = f"{prefix} {topics[i % len(topics)]} #{i + 1}"
        if kind == "switch":
            out.append(f'<div class=row><span>{name}</span><input type=checkbox role=switch aria-label="{name}"{ck(i % 2 == 0)}></div>')
        else:
            out.append(f'<div class=row><label for=f{i}>{name}</label><select id=f{i}><option>Everyone</option><option{" selected" if i % 3 == 0 else ""}>Friends</option><option>Only me</option></select></div>')
    return "".join(out)


# ============================================================================================
# Google
# ============================================================================================

# An old table layout (role=presentation): the label in one cell, an unnamed native checkbox
# (role=switch) in the next cell of the same row, a description row under each.
case(
    "g5_table_presentation_layout_unnamed_switches", "google", "activity_controls",
    """<main><h1>Activity controls</h1><table role=presentation width=700 cellpadding=6>
<tr><td><b>Web &amp; App Activity</b></td><td align=right><input type=checkbox role=switch checked></td></tr>
<tr><td colspan=2><small>Saves your activity on Google sites and apps</small></td></tr>
<tr><td><b>Timeline</b></td><td align=right><input type=checkbox role=switch></td></tr>
<tr><td colspan=2><small>Saves where you go with your devices</small></td></tr>
<tr><td><b>YouTube History</b></td><td align=right><input type=checkbox role=switch checked></td></tr>
<tr><td colspan=2><small>Saves the videos you watch</small></td></tr></table></main>""",
    {"web_app_activity": "on", "timeline": "off", "youtube_history": "on"},
)

# A master "All activity" switch in the mixed state over three child switches (some on, some off):
# the master's mixed state says nothing for any one child.
case(
    "g5_mixed_master_over_children", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<div class=row><span id=m>Save all activity</span><button role=switch aria-checked=mixed aria-labelledby=m aria-controls="c1 c2 c3" style="background:#8ab4f8"></button></div>
<div role=group aria-labelledby=m style="margin-left:32px">
<div class=row><span id=l1>Web &amp; App Activity</span><button id=c1 role=switch aria-checked=true aria-labelledby=l1></button></div>
<div class=row><span id=l2>Timeline</span><button id=c2 role=switch aria-checked=false aria-labelledby=l2></button></div>
<div class=row><span id=l3>YouTube History</span><button id=c3 role=switch aria-checked=true aria-labelledby=l3></button></div></div></main>""",
    {"web_app_activity": "on", "timeline": "off", "youtube_history": "on"},
)

# A master switch turned off, the children left checked but disabled (greyed out): whether each
# setting is on is not something a person can tell (the master overrides, or the children keep
# their own state for when the master comes back). Timeline is outside the group: plainly off.
case(
    "g5_master_off_children_disabled_checked", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<div class=row><label for=m>Save my activity</label><input id=m type=checkbox role=switch></div>
<fieldset disabled style="opacity:.45;border:0;margin-left:28px">
<div class=row><label for=c1>Web &amp; App Activity</label><input id=c1 type=checkbox role=switch checked></div>
<div class=row><label for=c3>YouTube History</label><input id=c3 type=checkbox role=switch checked></div></fieldset>
<div class=row><label for=c2>Timeline</label><input id=c2 type=checkbox role=switch></div></main>""",
    {"web_app_activity": None, "timeline": "off", "youtube_history": None},
)

# Drawn switches: an <svg role=img> whose <title> says the state ("On"/"Paused") beside each label;
# the row itself is a link to the setting's page (not a control).
def _svg_row(label: str, on: bool, word: str) -> str:
    return (f'<a class=row href="#detail" style="color:inherit;text-decoration:none"><span>{label}</span>'
            f'<svg role=img width=40 height=22 viewBox="0 0 40 22"><title>{word}</title><rect x=1 y=1 width=38 height=20 rx=10 fill="{"#1a73e8" if on else "#bbb"}"/><circle cx="{29 if on else 11}" cy=11 r=8 fill="#fff"/></svg></a>')


case(
    "g5_svg_img_switch_state_in_title", "google", "activity_controls",
    "<main><h1>Activity controls</h1>" + _svg_row("Web &amp; App Activity", False, "Paused") + _svg_row("Timeline", True, "On") + _svg_row("YouTube History", False, "Paused") + "</main>",
    {"web_app_activity": "off", "timeline": "on", "youtube_history": "off"},
)

# A very long page: 220 unrelated switch rows, with the three settings among them, and their real
# sub-settings ("Include Chrome history…", "Include voice and audio activity") set differently.
case(
    "g5_long_page_220_rows_with_sub_settings", "google", "activity_controls",
    "<main><h1>Activity controls</h1>" + filler_rows(90, "Notify me about")
    + """<section><h2>History settings</h2>
<div class=row><span id=w>Web &amp; App Activity</span><input type=checkbox role=switch aria-labelledby=w checked></div>
<div class=row style="margin-left:24px"><label><input type=checkbox> Include Chrome history and activity from sites, apps, and devices that use Google services</label></div>
<div class=row style="margin-left:24px"><label><input type=checkbox> Include voice and audio activity</label></div>"""
    + filler_rows(60, "Email me about")
    + """<div class=row><span id=t>Timeline</span><input type=checkbox role=switch aria-labelledby=t></div>"""
    + filler_rows(40, "Show")
    + """<div class=row><span id=y>YouTube History</span><input type=checkbox role=switch aria-labelledby=y></div>
<div class=row style="margin-left:24px"><label><input type=checkbox checked> Include the YouTube videos you watch</label></div></section>"""
    + filler_rows(30, "Digest of") + "</main>",
    {"web_app_activity": "on", "timeline": "off", "youtube_history": "off"},
)

# Dark mode with forced-colors (high-contrast) styles: appearance:none checkboxes whose drawn state
# becomes a system-colour border; the state is the native checked property.
case(
    "g5_dark_forced_colors_native_switches", "google", "activity_controls",
    """<style>
:root{color-scheme:dark} body{background:#202124;color:#e8eaed}
input.t{appearance:none;width:40px;height:22px;border-radius:11px;background:#5f6368}
input.t:checked{background:#8ab4f8}
@media (forced-colors: active){input.t{border:2px solid CanvasText;background:Canvas}input.t:checked{background:Highlight}}
@media (prefers-contrast: more){.row{border-color:#fff}}
</style><main><h1>Activity controls</h1>
<div class=row><label for=a>Web &amp; App Activity</label><input class=t id=a type=checkbox role=switch></div>
<div class=row><label for=b>Timeline</label><input class=t id=b type=checkbox role=switch checked></div>
<div class=row><label for=c>YouTube History</label><input class=t id=c type=checkbox role=switch checked></div></main>""",
    {"web_app_activity": "off", "timeline": "on", "youtube_history": "on"},
    color_scheme="dark",
)

# A read-only overview as a definition list with several <dd> per <dt>: description, status word,
# a "Manage" link. Status words are the pack's ("On", "Paused").
case(
    "g5_dl_several_dd_per_dt_status_words", "google", "activity_controls",
    """<main><h1>Activity controls</h1><dl>
<dt>Web &amp; App Activity</dt><dd>Saves your activity on Google sites and apps</dd><dd><strong>On</strong></dd><dd><a href="#w">Manage</a></dd>
<dt>Timeline</dt><dd>Saves where you go with your devices, even when you aren't using a Google service</dd><dd><strong>Paused</strong></dd><dd><a href="#t">Manage</a></dd>
<dt>YouTube History</dt><dd>Saves the videos you watch; turning it on again keeps what you watch later</dd><dd><strong>On</strong></dd><dd><a href="#y">Manage</a></dd></dl></main>""",
    {"web_app_activity": "on", "timeline": "off", "youtube_history": "on"},
)

# State only in a data attribute (drawn by CSS) on a plain button, the words in an
# aria-describedby line "Currently: On". Pressing the button would toggle the setting.
case(
    "g5_data_state_and_describedby_currently", "google", "activity_controls",
    """<style>.tg{width:40px;height:22px;border-radius:11px;border:0;background:#bbb}.tg[data-state=on]{background:#1a73e8}</style>
<main><h1>Activity controls</h1>
<div class=row><span id=n1>Web &amp; App Activity</span><button class=tg data-state=off aria-labelledby=n1 aria-describedby=s1 onclick="this.dataset.state=this.dataset.state=='on'?'off':'on'"></button><small id=s1>Currently: Off</small></div>
<div class=row><span id=n2>Timeline</span><button class=tg data-state=off aria-labelledby=n2 aria-describedby=s2 onclick="this.dataset.state='on'"></button><small id=s2>Currently: Off</small></div>
<div class=row><span id=n3>YouTube History</span><button class=tg data-state=on aria-labelledby=n3 aria-describedby=s3 onclick="this.dataset.state='off'"></button><small id=s3>Currently: On</small></div></main>""",
    {"web_app_activity": "off", "timeline": "off", "youtube_history": "on"},
)

# Buttons whose text says the state at rest ("On"/"Paused") and flips to the action ("Turn off"/
# "Turn on") on hover or focus; a reader that focuses them sees the action words.
_FLIP = """<script>
document.querySelectorAll('button.flip').forEach(function (b) {
  var rest = b.textContent, act = b.dataset.action;
  ['mouseenter', 'focus'].forEach(function (t) { b.addEventListener(t, function () { b.textContent = act; }); });
  ['mouseleave', 'blur'].forEach(function (t) { b.addEventListener(t, function () { b.textContent = rest; }); });
});
</script>"""
case(
    "g5_button_text_flips_on_hover_focus", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<div class=row><span>Web &amp; App Activity</span><button class=flip data-action="Turn off">On</button></div>
<div class=row><span>Timeline</span><button class=flip data-action="Turn on">Paused</button></div>
<div class=row><span>YouTube History</span><button class=flip data-action="Turn on">Paused</button></div></main>""" + _FLIP,
    {"web_app_activity": "on", "timeline": "off", "youtube_history": "off"},
)

# Labels broken by <wbr>, <br> and inline SVG icons; one label carries a trademark sign.
case(
    "g5_labels_split_by_wbr_br_svg_and_tm", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<div class=row><label for=a>Web &amp;<wbr> App<br>Activity</label><input id=a type=checkbox role=switch checked></div>
<div class=row><label for=b><svg width=14 height=14 aria-hidden=true><circle cx=7 cy=7 r=6 fill="#34a853"/></svg>Time<wbr>line</label><input id=b type=checkbox role=switch checked></div>
<div class=row><label for=c>YouTube<sup>™</sup> <svg width=14 height=14 aria-hidden=true><rect width=14 height=14 fill="#f00"/></svg>History</label><input id=c type=checkbox role=switch></div></main>""",
    {"web_app_activity": "on", "timeline": "on", "youtube_history": "off"},
)

# A custom element projecting its label through a named <slot>; the switch lives in the shadow root
# and is named by a shadow <label> wrapping the slot.
_SLOT = """<script>
customElements.define('gm-setting', class extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    var r = this.attachShadow({mode: 'open'});
    r.innerHTML = '<style>:host{display:flex;justify-content:space-between;max-width:700px;padding:10px 0;border-bottom:1px solid #ddd}</style>'
      + '<label id=l><slot name=label></slot></label><input type=checkbox role=switch aria-labelledby=l>';
    r.querySelector('input').checked = this.hasAttribute('on');
  }
});
</script>"""
case(
    "g5_slot_projected_label_custom_element", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<gm-setting on><span slot=label>Web &amp; App Activity</span><span slot=desc>Saves your activity</span></gm-setting>
<gm-setting><span slot=label>Timeline</span></gm-setting>
<gm-setting on><span slot=label>YouTube History</span></gm-setting></main>""" + _SLOT,
    {"web_app_activity": "on", "timeline": "off", "youtube_history": "on"},
)

# The page partly translated (German shell, English setting names): two rows show only German
# status words ("Aktiviert", "Deaktiviert") that are not in the pack's vocabulary (a careful reader
# who knows no German cannot be sure: right value or nothing); YouTube has a real switch.
case(
    "g5_partly_translated_german_status_words", "google", "activity_controls",
    """<main lang=de><h1>Aktivitätseinstellungen</h1>
<div class=row><span lang=en>Web &amp; App Activity</span><span>Aktiviert</span></div>
<div class=row><span lang=en>Timeline</span><span>Deaktiviert</span></div>
<div class=row><label for=y lang=en>YouTube History</label><input id=y type=checkbox role=switch checked> <span>Ein</span></div></main>""",
    {"web_app_activity": Either("on"), "timeline": Either("off"), "youtube_history": "on"},
    lang="de",
)

# The whole controls panel is an HTML document embedded with <object> (same origin).
_OBJ_DOC = SUITE.doc("""<main><div class=row><label for=a>Web &amp; App Activity</label><input id=a type=checkbox role=switch></div>
<div class=row><label for=b>Timeline</label><input id=b type=checkbox role=switch></div>
<div class=row><label for=c>YouTube History</label><input id=c type=checkbox role=switch checked></div></main>""")
case(
    "g5_object_embedded_document", "google", "activity_controls",
    """<main><h1>Activity controls</h1><object data="panel.html" type="text/html" width=760 height=260 style="border:0"></object></main>""",
    {"web_app_activity": "off", "timeline": "off", "youtube_history": "on"},
    files={"panel.html": (_OBJ_DOC, HTML, 0.0)},
)

# --- web_app_activity: auto-delete ---------------------------------------------------------

# An ARIA slider (div role=slider) over the four options; aria-valuenow is an index, the words are
# in aria-valuetext. Arrow keys would change it.
case(
    "g5_auto_delete_aria_slider_valuetext", "google", "web_app_activity",
    """<main><h1>Web &amp; App Activity</h1><div class=row><span id=ad>Auto-delete</span>
<div role=slider tabindex=0 aria-labelledby=ad aria-valuemin=0 aria-valuemax=3 aria-valuenow=2 aria-valuetext="18 months" style="width:240px;height:6px;background:#d2e3fc;position:relative" onkeydown="this.setAttribute('aria-valuenow','3');this.setAttribute('aria-valuetext','36 months')"><span style="position:absolute;left:66%;top:-6px;width:18px;height:18px;border-radius:9px;background:#1a73e8"></span></div>
<span aria-hidden=true>Off · 3 · 18 · 36 months</span></div></main>""",
    {"auto_delete": "18"},
)

# The real choice is a native select; around it a <meter> ("36 months of activity stored") and a
# <progress> ("Deleting activity older than 3 months… 40%", a deletion running) as decoys.
case(
    "g5_auto_delete_meter_and_progress_decoys", "google", "web_app_activity",
    """<main><h1>Web &amp; App Activity</h1>
<p><label for=m>Activity stored</label> <meter id=m min=0 max=36 value=36>36 months</meter> 36 months of activity</p>
<p><label for=p>Deleting activity older than 3 months…</label> <progress id=p max=100 value=40>40%</progress></p>
<div class=row><label for=s>Auto-delete</label><select id=s><option>Off</option><option>3 months</option><option selected>18 months</option><option>36 months</option></select></div></main>""",
    {"auto_delete": "18"},
)

# Radios whose labels are images (a broken src: the alt text shows), the checked one plain.
case(
    "g5_auto_delete_image_radio_labels_alt", "google", "web_app_activity",
    """<main><h1>Web &amp; App Activity</h1><fieldset><legend>Choose an auto-delete option</legend>
<label><input type=radio name=ad> <img src="img/off.png" alt="Don't auto-delete activity"></label><br>
<label><input type=radio name=ad checked> <img src="img/3.png" alt="Auto-delete activity older than 3 months"></label><br>
<label><input type=radio name=ad> <img src="img/18.png" alt="Auto-delete activity older than 18 months"></label><br>
<label><input type=radio name=ad> <img src="img/36.png" alt="Auto-delete activity older than 36 months"></label></fieldset></main>""",
    {"auto_delete": "3"},
)

# A closed <dialog> left in the DOM holds an old choice (36 months checked); the page shows 3 months.
case(
    "g5_auto_delete_closed_dialog_other_value", "google", "web_app_activity",
    """<main><h1>Web &amp; App Activity</h1>
<div class=row><span>Auto-delete (on)</span><span>Deleting activity older than <b>3 months</b></span><button type=button aria-haspopup=dialog>Change</button></div>
<dialog id=dlg><h2>Choose an auto-delete option</h2>
<label><input type=radio name=a> Don't auto-delete activity</label><label><input type=radio name=a> Auto-delete activity older than 3 months</label>
<label><input type=radio name=a> Auto-delete activity older than 18 months</label><label><input type=radio name=a checked> Auto-delete activity older than 36 months</label></dialog></main>""",
    {"auto_delete": "3"},
)

# An open <details> whose summary shows the value ("Auto-delete: 18 months"); inside, the radios
# agree.
case(
    "g5_auto_delete_open_details_summary_agrees", "google", "web_app_activity",
    """<main><h1>Web &amp; App Activity</h1><details open><summary>Auto-delete: 18 months</summary>
<fieldset><legend>Choose an auto-delete option</legend>
<label><input type=radio name=a> Off</label> <label><input type=radio name=a> 3 months</label>
<label><input type=radio name=a checked> 18 months</label> <label><input type=radio name=a> 36 months</label></fieldset></details></main>""",
    {"auto_delete": "18"},
)

# --- ad_center ---------------------------------------------------------------------------------

# An icon-font status (a ligature "check"/"close", drawn ✓/✕) with aria-label "On": a read-only row.
case(
    "g5_adcenter_icon_font_check_aria_label", "google", "ad_center",
    """<style>.msym{font-family:'Material Symbols Outlined',monospace;font-size:20px;color:#188038}</style>
<main><h1>My Ad Center</h1>
<div class=row><span>Personalized ads</span><span><span class=msym role=img aria-label="On">check_circle</span> <a href="#manage">Manage</a></span></div>
<div class=row><span>Sensitive ad categories</span><span><span class=msym role=img aria-label="Off" style="color:#d93025">cancel</span></span></div></main>""",
    {"personalized_ads": "on"},
)

# A print-only copy of the page (shown only by @media print) says Personalized ads Off; the screen
# has the switch on.
case(
    "g5_adcenter_print_only_copy_disagrees", "google", "ad_center",
    """<main><h1>My Ad Center</h1>
<div class="row screen-only"><label for=p>Personalized ads</label><input id=p type=checkbox role=switch checked></div>
<section class=print-only><h2>Summary for printing</h2><p>Personalized ads: Off</p><input type=checkbox role=switch aria-label="Personalized ads"></section></main>""",
    {"personalized_ads": "on"},
)

# Rows as a CSS grid whose row wrappers are display:contents; the state is on a switch in the next
# grid cell, named by aria-labelledby.
case(
    "g5_adcenter_display_contents_grid_cells", "google", "ad_center",
    """<main><h1>My Ad Center</h1><div style="display:grid;grid-template-columns:1fr auto;gap:12px;max-width:700px">
<div style="display:contents"><span id=a>Ad topics you follow</span><button role=switch aria-checked=true aria-labelledby=a></button></div>
<div style="display:contents"><span id=b>Personalized ads</span><button role=switch aria-checked=false aria-labelledby=b></button></div>
<div style="display:contents"><span id=c>Brands</span><button role=switch aria-checked=true aria-labelledby=c></button></div></div></main>""",
    {"personalized_ads": "off"},
)

# A content-visibility:hidden panel keeps a stale rendered copy (switch on); the visible switch is off.
case(
    "g5_adcenter_content_visibility_hidden_stale_panel", "google", "ad_center",
    """<main><h1>My Ad Center</h1>
<section style="content-visibility:hidden"><div class=row><label for=o>Personalized ads</label><input id=o type=checkbox role=switch checked></div></section>
<section><div class=row><label for=n>Personalized ads</label><input id=n type=checkbox role=switch></div></section></main>""",
    {"personalized_ads": "off"},
)

# A sticky header repeats the row while scrolling (the same row twice, both on).
case(
    "g5_adcenter_sticky_duplicate_agrees", "google", "ad_center",
    """<main><h1>My Ad Center</h1>
<header style="position:sticky;top:0;background:#fff;z-index:2"><div class=row><span id=h>Personalized ads</span><button role=switch aria-checked=true aria-labelledby=h></button></div></header>
<div style="height:900px"><p>Your ad topics, brands and sensitive categories appear below.</p></div>
<div class=row><span id=r>Personalized ads</span><button role=switch aria-checked=true aria-labelledby=r></button></div></main>""",
    {"personalized_ads": "on"},
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
AUD = ["Public", "Friends", "Only me", "Custom"]
REQ = ["Everyone", "Friends of friends"]
LOOK = ["Everyone", "Friends of friends", "Friends", "Only me"]
YN = ["Yes", "No"]


def _opts(opts: list[str], sel: str) -> str:
    return "".join(f"<option{' selected' if o == sel else ''}>{o}</option>" for o in opts)


# A table layout (role=presentation): the question in one cell, a native select with no label
# association in the next.
case(
    "fb5_table_presentation_unlabelled_selects", "facebook", "privacy",
    f"""<main><h1>Privacy settings</h1><table role=presentation cellpadding=8>
<tr><td>{FB_Q['future']}</td><td><select>{_opts(AUD, 'Only me')}</select></td></tr>
<tr><td>{FB_Q['requests']}</td><td><select>{_opts(REQ, 'Friends of friends')}</select></td></tr>
<tr><td>{FB_Q['lookup']}</td><td><select>{_opts(LOOK, 'Friends')}</select></td></tr>
<tr><td>{FB_Q['search']}</td><td><select>{_opts(YN, 'No')}</select></td></tr></table></main>""",
    {"future_posts_audience": "only_me", "friend_requests": "friends_of_friends", "lookup_email": "friends", "search_engine_link": "no"},
)

# A key/value definition list with several <dd> per <dt>: a help line that names other values, the
# current value, an Edit link.
case(
    "fb5_dl_several_dd_help_names_other_values", "facebook", "privacy",
    f"""<main><h1>Privacy settings</h1><dl>
<dt>{FB_Q['future']}</dt><dd><small>Public means anyone on or off Facebook</small></dd><dd><b>Friends</b></dd><dd><a href="#e1">Edit</a></dd>
<dt>{FB_Q['requests']}</dt><dd><small>Choose Everyone to get requests from anyone</small></dd><dd><b>Friends of friends</b></dd><dd><a href="#e2">Edit</a></dd>
<dt>{FB_Q['lookup']}</dt><dd><small>Only me hides you from email search</small></dd><dd><b>Everyone</b></dd><dd><a href="#e3">Edit</a></dd>
<dt>{FB_Q['search']}</dt><dd><small>If you choose No, search engines stop linking over time</small></dd><dd><b>Yes</b></dd><dd><a href="#e4">Edit</a></dd></dl></main>""",
    {"future_posts_audience": "friends", "friend_requests": "friends_of_friends", "lookup_email": "everyone", "search_engine_link": "yes"},
)

# A key/value grid of role=term / role=definition divs (no <dl>), values with icons before them.
case(
    "fb5_role_term_definition_grid", "facebook", "privacy",
    f"""<main><h1>Privacy settings</h1><div role=list style="display:grid;grid-template-columns:2fr 1fr;gap:8px;max-width:800px">
<div role=term>{FB_Q['future']}</div><div role=definition>🌎 Public</div>
<div role=term>{FB_Q['requests']}</div><div role=definition>👥 Everyone</div>
<div role=term>{FB_Q['lookup']}</div><div role=definition>🔒 Only me</div>
<div role=term>{FB_Q['search']}</div><div role=definition>No</div></div></main>""",
    {"future_posts_audience": "public", "friend_requests": "everyone", "lookup_email": "only_me", "search_engine_link": "no"},
)


# Radio groups whose option labels are images (alt text only: broken src).
def _img_radios(n: int, q: str, opts: list[str], sel: str) -> str:
    items = "".join(f'<label style="margin-right:12px"><input type=radio name=r{n}{ck(o == sel)}><img src="img/{n}-{i}.png" alt="{o}"></label>' for i, o in enumerate(opts))
    return f'<fieldset><legend>{q}</legend>{items}</fieldset>'


case(
    "fb5_radios_labelled_by_image_alt", "facebook", "privacy",
    "<main><h1>Privacy settings</h1>" + _img_radios(1, FB_Q["future"], AUD, "Friends") + _img_radios(2, FB_Q["requests"], REQ, "Everyone")
    + _img_radios(3, FB_Q["lookup"], LOOK, "Friends of friends") + _img_radios(4, FB_Q["search"], YN, "No") + "</main>",
    {"future_posts_audience": "friends", "friend_requests": "everyone", "lookup_email": "friends_of_friends", "search_engine_link": "no"},
)

# Partly translated (Spanish values, English questions). "No" is Spanish and English alike and the
# pack has it; "Amigos", "Todos", "Solo yo" are not in the vocabulary: right value or nothing.
case(
    "fb5_partly_translated_spanish_values", "facebook", "privacy",
    f"""<main lang=es><h1>Configuración de privacidad</h1>
<div class=row><span lang=en>{FB_Q['future']}</span><button type=button aria-haspopup=listbox>Amigos ▾</button></div>
<div class=row><span lang=en>{FB_Q['requests']}</span><button type=button aria-haspopup=listbox>Todos ▾</button></div>
<div class=row><span lang=en>{FB_Q['lookup']}</span><button type=button aria-haspopup=listbox>Solo yo ▾</button></div>
<div class=row><span lang=en>{FB_Q['search']}</span><button type=button aria-haspopup=listbox>No ▾</button></div></main>""",
    {"future_posts_audience": Either("friends"), "friend_requests": Either("everyone"), "lookup_email": Either("only_me"), "search_engine_link": "no"},
    lang="es",
)

# Native selects whose `selected` attribute says one thing and whose value (set by a script from
# the saved state right after parsing) says another: the screen shows the script's value.
case(
    "fb5_select_value_set_by_script_differs_from_attribute", "facebook", "privacy",
    f"""<main><h1>Privacy settings</h1>
<div class=row><label for=s1>{FB_Q['future']}</label><select id=s1><optgroup label="Recommended">{_opts(['Public', 'Friends'], 'Public')}</optgroup><optgroup label="More options">{_opts(['Only me', 'Custom'], '')}</optgroup></select></div>
<div class=row><label for=s2>{FB_Q['requests']}</label><select id=s2>{_opts(REQ, 'Everyone')}</select></div>
<div class=row><label for=s3>{FB_Q['lookup']}</label><select id=s3>{_opts(LOOK, 'Everyone')}</select></div>
<div class=row><label for=s4>{FB_Q['search']}</label><select id=s4>{_opts(YN, 'Yes')}</select></div></main>
<script>
var saved = {{s1: 'Only me', s2: 'Friends of friends', s3: 'Only me', s4: 'No'}};
Object.keys(saved).forEach(function (id) {{ document.getElementById(id).value = saved[id]; }});
</script>""",
    {"future_posts_audience": "only_me", "friend_requests": "friends_of_friends", "lookup_email": "only_me", "search_engine_link": "no"},
)

# A closed <dialog> (the audience picker) left in the DOM with "Public" checked; the page's row
# says Friends. The other rows are plain selects.
case(
    "fb5_closed_dialog_audience_picker_other_value", "facebook", "privacy",
    f"""<main><h1>Privacy settings</h1>
<div class=row><span id=q1>{FB_Q['future']}</span><button type=button aria-haspopup=dialog aria-describedby=q1>👥 Friends</button></div>
<dialog aria-label="Select audience"><h2>{FB_Q['future']}</h2><div role=radiogroup aria-label="{FB_Q['future']}">
<div role=radio aria-checked=true tabindex=0>Public</div><div role=radio aria-checked=false>Friends</div><div role=radio aria-checked=false>Only me</div></div><button>Done</button></dialog>
<div class=row><label for=b>{FB_Q['requests']}</label><select id=b>{_opts(REQ, 'Everyone')}</select></div>
<div class=row><label for=c>{FB_Q['lookup']}</label><select id=c>{_opts(LOOK, 'Only me')}</select></div>
<div class=row><label for=d>{FB_Q['search']}</label><select id=d>{_opts(YN, 'No')}</select></div></main>""",
    {"future_posts_audience": "friends", "friend_requests": "everyone", "lookup_email": "only_me", "search_engine_link": "no"},
)


# Open <details> whose summary shows the saved value; inside, radios. Three agree; for the email
# look-up the summary says "Everyone" while the open radios have "Only me" checked (an unsaved pick
# or a stale summary: nobody can tell which holds).
def _det_open(n: int, q: str, opts: list[str], shown: str, sel: str) -> str:
    radios = "".join(f"<label><input type=radio name=d{n}{ck(o == sel)}> {o}</label> " for o in opts)
    return f'<details open><summary>{q} <b>{shown}</b></summary><fieldset><legend class=visually-hidden>{q}</legend>{radios}</fieldset></details>'


case(
    "fb5_open_details_summary_value_one_disagrees", "facebook", "privacy",
    "<main><h1>Privacy settings</h1>" + _det_open(1, FB_Q["future"], AUD, "Friends", "Friends") + _det_open(2, FB_Q["requests"], REQ, "Everyone", "Everyone")
    + _det_open(3, FB_Q["lookup"], LOOK, "Everyone", "Only me") + _det_open(4, FB_Q["search"], YN, "No", "No") + "</main>",
    {"future_posts_audience": "friends", "friend_requests": "everyone", "lookup_email": None, "search_engine_link": "no"},
)

# Values drawn as icon fonts with aria-labels: ✓ / ✕ for the yes/no question, audience glyphs for
# the others (role=img, aria-label = the value word).
case(
    "fb5_icon_font_values_with_aria_labels", "facebook", "privacy",
    f"""<style>.ic{{font-family:'FB Icons',monospace;font-size:18px}}</style><main><h1>Privacy settings</h1>
<div class=row><span>{FB_Q['future']}</span><i class=ic role=img aria-label="Only me">&#xe7f2;</i></div>
<div class=row><span>{FB_Q['requests']}</span><i class=ic role=img aria-label="Friends of friends">&#xe7f5;</i></div>
<div class=row><span>{FB_Q['lookup']}</span><i class=ic role=img aria-label="Friends">&#xe7f4;</i></div>
<div class=row><span>{FB_Q['search']}</span><span class=ic role=img aria-label="Yes">✓</span></div></main>""",
    {"future_posts_audience": "only_me", "friend_requests": "friends_of_friends", "lookup_email": "friends", "search_engine_link": "yes"},
)

# A contenteditable post composer holds a draft that quotes a question with another answer; the
# settings below are radio groups.
def _radios(n: int, q: str, opts: list[str], sel: str) -> str:
    items = "".join(f"<label><input type=radio name=g{n}{ck(o == sel)}> {o}</label> " for o in opts)
    return f"<fieldset><legend>{q}</legend>{items}</fieldset>"


case(
    "fb5_contenteditable_draft_quotes_questions", "facebook", "privacy",
    f"""<main><h1>Privacy settings</h1>
<div contenteditable=true role=textbox aria-label="Write something" style="border:1px solid #ccc;padding:8px;min-height:60px">PSA: go to settings → "{FB_Q['future']}" Public is a bad idea! and "{FB_Q['search']}" Yes → change it</div>"""
    + _radios(1, FB_Q["future"], AUD, "Custom") + _radios(2, FB_Q["requests"], REQ, "Friends of friends")
    + _radios(3, FB_Q["lookup"], LOOK, "Only me") + _radios(4, FB_Q["search"], YN, "No") + "</main>",
    {"future_posts_audience": "custom", "friend_requests": "friends_of_friends", "lookup_email": "only_me", "search_engine_link": "no"},
)

# A very long page: 210 unrelated rows of audience selects (same option words) around the four
# questions, which are labelled selects.
case(
    "fb5_long_page_210_audience_rows", "facebook", "privacy",
    "<main><h1>Privacy settings</h1>" + filler_rows(100, "Who can see your", "select")
    + f"""<section><h2>Your activity</h2>
<div class=row><label for=q1>{FB_Q['future']}</label><select id=q1>{_opts(AUD, 'Friends')}</select></div></section>"""
    + filler_rows(60, "Who can comment on", "select")
    + f"""<section><h2>How people find and contact you</h2>
<div class=row><label for=q2>{FB_Q['requests']}</label><select id=q2>{_opts(REQ, 'Everyone')}</select></div>
<div class=row><label for=q3>{FB_Q['lookup']}</label><select id=q3>{_opts(LOOK, 'Friends of friends')}</select></div>
<div class=row><label for=q4>{FB_Q['search']}</label><select id=q4>{_opts(YN, 'Yes')}</select></div></section>"""
    + filler_rows(50, "Who can tag you in", "select") + "</main>",
    {"future_posts_audience": "friends", "friend_requests": "everyone", "lookup_email": "friends_of_friends", "search_engine_link": "yes"},
)

# A sticky section header repeats the first question's row (same value, twice); a print-only copy
# has other values.
case(
    "fb5_sticky_duplicate_and_print_only_copy", "facebook", "privacy",
    f"""<main><h1>Privacy settings</h1>
<div style="position:sticky;top:0;background:#fff"><div class=row><span>{FB_Q['future']}</span><button type=button aria-haspopup=listbox>🔒 Only me</button></div></div>
<div class=screen-only>
<div class=row><span>{FB_Q['future']}</span><button type=button aria-haspopup=listbox>🔒 Only me</button></div>
<div class=row><span>{FB_Q['requests']}</span><button type=button aria-haspopup=listbox>Friends of friends</button></div>
<div class=row><span>{FB_Q['lookup']}</span><button type=button aria-haspopup=listbox>Only me</button></div>
<div class=row><span>{FB_Q['search']}</span><button type=button aria-haspopup=listbox>No</button></div></div>
<div class=print-only><p>{FB_Q['future']} Public</p><p>{FB_Q['requests']} Everyone</p><p>{FB_Q['lookup']} Everyone</p><p>{FB_Q['search']} Yes</p></div></main>""",
    {"future_posts_audience": "only_me", "friend_requests": "friends_of_friends", "lookup_email": "only_me", "search_engine_link": "no"},
)

# --- ad_settings -------------------------------------------------------------------------------

# An SVG-drawn switch (role=switch on the <svg> itself) with no aria-checked: the state is in its
# <title> ("On") and in the drawing; the label is beside it.
case(
    "fb5_ads_svg_switch_state_in_title_only", "facebook", "ad_settings",
    """<main><h1>Activity information from ad partners</h1>
<div class=row><span id=l>Activity information from ad partners</span>
<svg role=switch tabindex=0 aria-labelledby="l st" width=40 height=22 viewBox="0 0 40 22"><title id=st>On</title><rect x=1 y=1 width=38 height=20 rx=10 fill="#0866ff"/><circle cx=29 cy=11 r=8 fill="#fff"/></svg></div>
<p>We use this information to show you ads that are more relevant.</p></main>""",
    {"partner_ads": "on"},
)

# State only in data-state, words in aria-describedby "Currently: Off"; pressing would change it.
case(
    "fb5_ads_data_state_describedby_currently", "facebook", "ad_settings",
    """<main><h1>Activity information from ad partners</h1>
<div class=row><span id=l>Ads based on data from partners</span><div role=button tabindex=0 data-state=unchecked aria-labelledby=l aria-describedby=cur onclick="this.dataset.state='checked'" style="width:40px;height:22px;border-radius:11px;background:#bbb"></div></div>
<p id=cur>Currently: Off</p></main>""",
    {"partner_ads": "off"},
)

# A master switch "Use data from partners and activity elsewhere" in the mixed state with the
# partner-ads switch (off) and another (on) under it.
case(
    "fb5_ads_mixed_master_and_children", "facebook", "ad_settings",
    """<main><h1>Activity information from ad partners</h1>
<div class=row><span id=m>Use data from partners</span><div role=switch aria-checked=mixed aria-labelledby=m tabindex=0></div></div>
<div style="margin-left:28px">
<div class=row><span id=c1>Activity information from ad partners</span><div role=switch aria-checked=false aria-labelledby=c1 tabindex=0></div></div>
<div class=row><span id=c2>Ads about social issues, elections or politics</span><div role=switch aria-checked=true aria-labelledby=c2 tabindex=0></div></div></div></main>""",
    {"partner_ads": "off"},
)

# Label text with a drop cap made of a separate span (styled like ::first-letter), a trademark in the
# heading, a display:contents wrapper around the label and the checkbox.
case(
    "fb5_ads_drop_cap_span_display_contents", "facebook", "ad_settings",
    """<style>.dc{font-size:2em;float:left;line-height:1}</style><main><h1>Meta® ad preferences</h1>
<div class=row><div style="display:contents"><label for=p><span class=dc>A</span>ctivity information from ad partners</label><input id=p type=checkbox checked></div></div></main>""",
    {"partner_ads": "on"},
)

# The switch sits in a same-origin document embedded with <embed> (the ads panel of another app).
_EMBED_DOC = SUITE.doc("""<main><div class=row><label for=x>Activity information from ad partners</label><input id=x type=checkbox role=switch></div></main>""")
case(
    "fb5_ads_embed_document", "facebook", "ad_settings",
    """<main><h1>Activity information from ad partners</h1><embed src="ads.html" type="text/html" width=760 height=120></main>""",
    {"partner_ads": "off"},
    files={"ads.html": (_EMBED_DOC, HTML, 0.0)},
)


# ============================================================================================
# Microsoft
# ============================================================================================

# Table layout (role=presentation), unlabelled checkboxes in the next cell; one description cell
# mentions the other setting by name.
case(
    "ms5_table_presentation_checkboxes", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1><table role=presentation cellpadding=8>
<tr><td>Location activity</td><td><input type=checkbox checked></td><td><small>Also see Search history below</small></td></tr>
<tr><td>Search history</td><td><input type=checkbox></td><td><small>Bing searches</small></td></tr></table></main>""",
    {"location_activity": "on", "search_history": "off"},
)

# A definition list with several <dd>: status word, last-saved date, a Clear button.
case(
    "ms5_dl_status_dd_and_clear_button", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1><dl>
<dt>Location activity</dt><dd>Turned off</dd><dd>Last location saved 3 days ago</dd><dd><button type=button>Clear location activity</button></dd>
<dt>Search history</dt><dd>Turned on</dd><dd>128 searches</dd><dd><button type=button>Clear search history</button></dd></dl></main>""",
    {"location_activity": "off", "search_history": "on"},
)

# SVG-drawn toggles inside buttons with aria-pressed; the drawing agrees; no text.
case(
    "ms5_svg_drawn_toggles_in_pressed_buttons", "microsoft", "privacy_dashboard",
    f"""<main><h1>Privacy dashboard</h1>
<div class=row><span id=a>Location activity</span><button type=button aria-pressed=true aria-labelledby=a style="border:0;background:none">{svg_knob(True)}</button></div>
<div class=row><span id=b>Search history</span><button type=button aria-pressed=false aria-labelledby=b style="border:0;background:none">{svg_knob(False)}</button></div></main>""",
    {"location_activity": "on", "search_history": "off"},
)

# A mixed master "Save my activity" over the two switches.
case(
    "ms5_mixed_master_checkbox_over_children", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1>
<div class=row><label for=m>Save my activity</label><input id=m type=checkbox></div>
<div style="margin-left:28px"><div class=row><label for=l>Location activity</label><input id=l type=checkbox role=switch></div>
<div class=row><label for=s>Search history</label><input id=s type=checkbox role=switch checked></div></div>
<script>document.getElementById('m').indeterminate = true;</script></main>""",
    {"location_activity": "off", "search_history": "on"},
)

# Fluent-like high-contrast dark page; forced-colors styles; the switches are role=switch divs.
case(
    "ms5_dark_high_contrast_fluent_divs", "microsoft", "privacy_dashboard",
    """<style>body{background:#000;color:#fff}.fui-Switch__indicator{display:inline-block;width:40px;height:20px;border:1px solid #fff;border-radius:10px}
[aria-checked=true] .fui-Switch__indicator{background:#1aebff}
@media (forced-colors: active){.fui-Switch__indicator{forced-color-adjust:none;border-color:ButtonText}}</style>
<main><h1>Privacy dashboard</h1>
<div class="row fui-Switch" role=switch aria-checked=true tabindex=0><span class=fui-Switch__label>Location activity</span><span class=fui-Switch__indicator></span></div>
<div class="row fui-Switch" role=switch aria-checked=false tabindex=0><span class=fui-Switch__label>Search history</span><span class=fui-Switch__indicator></span></div></main>""",
    {"location_activity": "on", "search_history": "off"},
    color_scheme="dark",
)

# A feedback box (contenteditable) with the user's text naming a setting and a state; the real
# switches below say otherwise.
case(
    "ms5_contenteditable_feedback_names_states", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1>
<div contenteditable=true aria-label="Send feedback" style="border:1px solid #999;padding:6px">Location activity is On even though I turned it off?? Search history: Off</div>
<div class=row><label for=l>Location activity</label><input id=l type=checkbox role=switch></div>
<div class=row><label for=s>Search history</label><input id=s type=checkbox role=switch checked></div></main>""",
    {"location_activity": "off", "search_history": "on"},
)

# Labels projected through slots into a custom element's shadow root (named by aria-labelledby
# inside the shadow, pointing at a wrapper around the slot).
case(
    "ms5_slot_projected_label_ms_toggle", "microsoft", "privacy_dashboard",
    """<script>
customElements.define('ms-toggle', class extends HTMLElement {
  constructor() { super(); var r = this.attachShadow({mode: 'open'});
    r.innerHTML = '<div style="display:flex;gap:16px;padding:8px 0"><span id=lab><slot></slot></span><span role=switch tabindex=0 aria-labelledby=lab></span></div>'; }
  connectedCallback() { this.shadowRoot.querySelector('[role=switch]').setAttribute('aria-checked', this.getAttribute('checked') === 'true' ? 'true' : 'false'); }
});
</script><main><h1>Privacy dashboard</h1><ms-toggle checked=false>Location activity</ms-toggle><ms-toggle checked=true>Search history</ms-toggle></main>""",
    {"location_activity": "off", "search_history": "on"},
)

# A content-visibility:hidden panel (the collapsed "previous settings" view) holds other values; a
# closed <dialog> holds a third copy; the visible rows are plain.
case(
    "ms5_content_visibility_hidden_and_closed_dialog_copies", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1>
<div class=row><label for=l>Location activity</label><input id=l type=checkbox role=switch checked></div>
<div class=row><label for=s>Search history</label><input id=s type=checkbox role=switch checked></div>
<section style="content-visibility:hidden"><div class=row><label for=l2>Location activity</label><input id=l2 type=checkbox role=switch></div>
<div class=row><label for=s2>Search history</label><input id=s2 type=checkbox role=switch></div></section>
<dialog><div class=row><label for=l3>Location activity</label><input id=l3 type=checkbox role=switch></div><div class=row><label for=s3>Search history</label><input id=s3 type=checkbox role=switch></div></dialog></main>""",
    {"location_activity": "on", "search_history": "on"},
)

# A summary card (status words) and an editor below with switches, the card kept sticky; they
# disagree on search history: nobody can tell.
case(
    "ms5_sticky_card_disagrees_with_editor", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1>
<aside style="position:sticky;top:0;background:#f3f2f1"><p>Location activity: <b>Off</b></p><p>Search history: <b>On</b></p></aside>
<div class=row><label for=l>Location activity</label><input id=l type=checkbox role=switch></div>
<div class=row><label for=s>Search history</label><input id=s type=checkbox role=switch></div></main>""",
    {"location_activity": "off", "search_history": None},
)

# Partly translated (French shell): switches plus French status words; the switches decide.
case(
    "ms5_partly_translated_french_status_and_switches", "microsoft", "privacy_dashboard",
    """<main lang=fr><h1>Tableau de bord de confidentialité</h1>
<div class=row><span id=a lang=en>Location activity</span><span>Activé</span><button role=switch aria-checked=true aria-labelledby=a></button></div>
<div class=row><span id=b lang=en>Search history</span><span>Désactivé</span><button role=switch aria-checked=false aria-labelledby=b></button></div></main>""",
    {"location_activity": "on", "search_history": "off"},
    lang="fr",
)

# --- ad_settings -------------------------------------------------------------------------------

# Read-only status with icon fonts and aria-labels ✓ "On" / ✕ "Off".
case(
    "ms5_ads_icon_font_check_cross_status", "microsoft", "ad_settings",
    """<style>.fi{font-family:'FluentSystemIcons',monospace}</style><main><h1>Personalized ad settings</h1>
<div class=row><span>Personalized ads wherever I use my Microsoft account</span><span class=fi role=img aria-label="Off">✕</span></div>
<div class=row><span>Personalized ads in this browser</span><span class=fi role=img aria-label="On">✓</span></div></main>""",
    {"personalized_ads_account": "off", "personalized_ads_browser": "on"},
)

# Labels with a registered mark and a drop-cap span, Fluent checkboxes.
case(
    "ms5_ads_trademark_and_drop_cap_labels", "microsoft", "ad_settings",
    """<style>.dc{font-size:1.8em;font-weight:600}</style><main><h1>Personalized ad settings</h1>
<div class=row><label for=a><span class=dc>P</span>ersonalized ads wherever I use my Microsoft® account</label><input id=a type=checkbox checked></div>
<div class=row><label for=b><span class=dc>P</span>ersonalized ads in this browser</label><input id=b type=checkbox></div></main>""",
    {"personalized_ads_account": "on", "personalized_ads_browser": "off"},
)

# A very long page (220 unrelated switches, among them "Personalized ads in Microsoft Start" and
# other near-names) with the two settings.
case(
    "ms5_ads_long_page_near_names", "microsoft", "ad_settings",
    "<main><h1>Personalized ad settings</h1>" + filler_rows(110, "Microsoft Rewards")
    + """<div class=row><label for=x1>Personalized ads in Microsoft Start</label><input id=x1 type=checkbox role=switch checked></div>
<div class=row><label for=a>Personalized ads wherever I use my Microsoft account</label><input id=a type=checkbox role=switch></div>"""
    + filler_rows(60, "Outlook")
    + """<div class=row><label for=x2>Personalized ads in this browser's new tab page</label><input id=x2 type=checkbox role=switch></div>
<div class=row><label for=b>Personalized ads in this browser</label><input id=b type=checkbox role=switch checked></div>"""
    + filler_rows(50, "Xbox") + "</main>",
    {"personalized_ads_account": "off", "personalized_ads_browser": "on"},
)

# A print-only copy with other values and a closed dialog with a third; screen: Fluent v9 switches.
case(
    "ms5_ads_print_only_and_closed_dialog_copies", "microsoft", "ad_settings",
    """<main><h1>Personalized ad settings</h1>
<div class="row screen-only fui-Switch"><label class=fui-Switch__label for=a>Personalized ads wherever I use my Microsoft account</label><input class=fui-Switch__input id=a type=checkbox role=switch checked></div>
<div class="row screen-only fui-Switch"><label class=fui-Switch__label for=b>Personalized ads in this browser</label><input class=fui-Switch__input id=b type=checkbox role=switch checked></div>
<div class=print-only><p>Personalized ads wherever I use my Microsoft account: Off</p><p>Personalized ads in this browser: Off</p></div>
<dialog><input type=checkbox role=switch aria-label="Personalized ads wherever I use my Microsoft account"><input type=checkbox role=switch aria-label="Personalized ads in this browser"></dialog></main>""",
    {"personalized_ads_account": "on", "personalized_ads_browser": "on"},
)

# Switch text that flips on hover/focus ("On" -> "Turn off"); state also in aria-checked.
case(
    "ms5_ads_switch_label_flips_on_focus", "microsoft", "ad_settings",
    """<main><h1>Personalized ad settings</h1>
<div class=row><span id=a>Personalized ads wherever I use my Microsoft account</span><button class=flip role=switch aria-checked=false aria-labelledby=a data-action="Turn on">Off</button></div>
<div class=row><span id=b>Personalized ads in this browser</span><button class=flip role=switch aria-checked=true aria-labelledby=b data-action="Turn off">On</button></div></main>""" + _FLIP,
    {"personalized_ads_account": "off", "personalized_ads_browser": "on"},
)

# One setting's state arrives late (a fetch after 1.5 s replaces a skeleton); the other is static.
case(
    "ms5_ads_skeleton_then_fetch_into_table_presentation", "microsoft", "ad_settings",
    """<main><h1>Personalized ad settings</h1><table role=presentation><tr><td>Personalized ads wherever I use my Microsoft account</td><td id=cell><span class=skeleton aria-busy=true style="display:inline-block;width:40px;height:20px;background:#eee"></span></td></tr>
<tr><td><label for=b>Personalized ads in this browser</label></td><td><input id=b type=checkbox role=switch></td></tr></table></main>
<script>fetch('state.json').then(function (r) { return r.json(); }).then(function (s) {
  document.getElementById('cell').innerHTML = '<input type=checkbox role=switch aria-label="Personalized ads wherever I use my Microsoft account"' + (s.account ? ' checked' : '') + '>';
});</script>""",
    {"personalized_ads_account": "on", "personalized_ads_browser": "off"},
    files={"state.json": ('{"account": true}', "application/json", 1.5)},
)


# ============================================================================================
# widening: more decoys and translations
# ============================================================================================

# Japanese options (not in the pack's vocabulary) in a native select under the English label: the
# right value or nothing. The <option value> attributes are numbers.
case(
    "g5_auto_delete_japanese_select_options", "google", "web_app_activity",
    """<main lang=ja><h1>ウェブとアプリのアクティビティ</h1><div class=row><label for=s lang=en>Auto-delete</label>
<select id=s><option value=0>自動削除しない</option><option value=3>3 か月</option><option value=18 selected>18 か月</option><option value=36>36 か月</option></select></div></main>""",
    {"auto_delete": Either("18")},
    lang="ja",
)

# A definition list: "Auto-delete" with the long option wording in one <dd> and a Change button in
# another; a help <dd> names other options.
case(
    "g5_auto_delete_dl_long_wording_and_help", "google", "web_app_activity",
    """<main><h1>Web &amp; App Activity</h1><dl>
<dt>Auto-delete</dt><dd><small>You can choose 3, 18 or 36 months, or keep activity until you delete it manually.</small></dd>
<dd>Auto-delete activity older than 36 months</dd><dd><button type=button aria-haspopup=dialog>Change</button></dd></dl></main>""",
    {"auto_delete": "36"},
)

# An open <details> whose summary says "Personalized ads: On" while the switch inside is off (a
# stale summary or an unsaved change): nobody can tell.
case(
    "g5_adcenter_open_details_summary_disagrees", "google", "ad_center",
    """<main><h1>My Ad Center</h1><details open><summary>Personalized ads: On</summary>
<div class=row><label for=p>Personalized ads</label><input id=p type=checkbox role=switch></div></details></main>""",
    {"personalized_ads": None},
)

# A popover (the popover attribute, never shown) holds a copy with the switch on; the page's is off.
case(
    "g5_adcenter_closed_popover_copy", "google", "ad_center",
    """<main><h1>My Ad Center</h1>
<div class=row><span id=l>Personalized ads</span><button role=switch aria-checked=false aria-labelledby=l></button><button type=button popovertarget=pv>ⓘ</button></div>
<div popover id=pv><div class=row><span id=l2>Personalized ads</span><button role=switch aria-checked=true aria-labelledby=l2></button></div><p>Preview: how it looks when on</p></div></main>""",
    {"personalized_ads": "off"},
)

# A master switch "Personalized ads" is not in this page's pack wording; a master named "Ad
# personalization" (a pack label) is on, and a child "Personalized ads on YouTube" is off.
case(
    "g5_adcenter_master_pack_label_child_near_name", "google", "ad_center",
    """<main><h1>My Ad Center</h1>
<div class=row><label for=m>Ad personalization</label><input id=m type=checkbox role=switch checked></div>
<div style="margin-left:28px"><div class=row><label for=c>Personalized ads on YouTube Kids</label><input id=c type=checkbox role=switch></div></div></main>""",
    {"personalized_ads": "on"},
)

# The label spelled with a trademark mark and a counter in the describedby (aria-describedby noise
# says "3 apps use Timeline"): the values are on switches.
case(
    "g5_describedby_noise_names_other_settings", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<p id=n1>Turning this off doesn't pause YouTube History or Timeline.</p><p id=n2>Web &amp; App Activity: On is recommended for Maps.</p>
<div class=row><span id=a>Web &amp; App Activity</span><button role=switch aria-checked=false aria-labelledby=a aria-describedby="n1 n2"></button></div>
<div class=row><span id=b>Timeline</span><button role=switch aria-checked=true aria-labelledby=b aria-describedby=n2></button></div>
<div class=row><span id=c>YouTube® History</span><button role=switch aria-checked=false aria-labelledby=c aria-describedby=n1></button></div></main>""",
    {"web_app_activity": "off", "timeline": "on", "youtube_history": "off"},
)

# Japanese values in Comet-like audience buttons (not in the vocabulary): right value or nothing;
# the yes/no question is a checkbox-like switch with aria-checked (readable in any language).
case(
    "fb5_partly_translated_japanese_audience_buttons", "facebook", "privacy",
    f"""<main lang=ja><h1>プライバシー設定</h1>
<div class=row><span lang=en>{FB_Q['future']}</span><div role=button tabindex=0 aria-haspopup=menu>友達 ▾</div></div>
<div class=row><span lang=en>{FB_Q['requests']}</span><div role=button tabindex=0 aria-haspopup=menu>友達の友達 ▾</div></div>
<div class=row><span lang=en>{FB_Q['lookup']}</span><div role=button tabindex=0 aria-haspopup=menu>自分のみ ▾</div></div>
<div class=row><span lang=en id=q4>{FB_Q['search']}</span><div role=switch tabindex=0 aria-checked=false aria-labelledby=q4></div></div></main>""",
    {"future_posts_audience": Either("friends"), "friend_requests": Either("friends_of_friends"), "lookup_email": Either("only_me"), "search_engine_link": "no"},
    lang="ja",
)

# A question projected into a custom element through a slot, the select inside the shadow root
# labelled by a shadow <label> around the slot.
_FB_SLOT = """<script>
customElements.define('fb-privacy-row', class extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    var opts = this.getAttribute('options').split('|'), sel = this.getAttribute('value');
    var r = this.attachShadow({mode: 'open'});
    r.innerHTML = '<div style="display:flex;justify-content:space-between;padding:8px 0"><label for=s><slot></slot></label><select id=s>'
      + opts.map(function (o) { return '<option' + (o === sel ? ' selected' : '') + '>' + o + '</option>'; }).join('') + '</select></div>';
  }
});
</script>"""
case(
    "fb5_slot_projected_questions_shadow_selects", "facebook", "privacy",
    f"""<main><h1>Privacy settings</h1>
<fb-privacy-row options="Public|Friends|Only me|Custom" value="Public">{FB_Q['future']}</fb-privacy-row>
<fb-privacy-row options="Everyone|Friends of friends" value="Friends of friends">{FB_Q['requests']}</fb-privacy-row>
<fb-privacy-row options="Everyone|Friends of friends|Friends|Only me" value="Only me">{FB_Q['lookup']}</fb-privacy-row>
<fb-privacy-row options="Yes|No" value="Yes">{FB_Q['search']}</fb-privacy-row></main>""" + _FB_SLOT,
    {"future_posts_audience": "public", "friend_requests": "friends_of_friends", "lookup_email": "only_me", "search_engine_link": "yes"},
)

# Button text that flips on focus: "Not allowed" at rest, "Allow" on hover/focus.
case(
    "fb5_ads_button_text_flips_allowed", "facebook", "ad_settings",
    """<main><h1>Activity information from ad partners</h1>
<div class=row><span>Activity information from ad partners</span><button class=flip data-action="Allow">Not allowed</button></div></main>""" + _FLIP,
    {"partner_ads": "off"},
)

# A closed popover and a print-only block hold "On" copies; the page's switch is off.
case(
    "fb5_ads_closed_popover_and_print_copies", "facebook", "ad_settings",
    """<main><h1>Activity information from ad partners</h1>
<div class=row><label for=p>Activity information from ad partners</label><input id=p type=checkbox role=switch></div>
<div popover id=tip><label>Activity information from ad partners <input type=checkbox role=switch checked></label></div>
<p class=print-only>Activity information from ad partners: On</p></main>""",
    {"partner_ads": "off"},
)

# The label of a <meter> is "Search history" (storage used), and a <progress> is labelled
# "Location activity" (export running); the real switches are further down.
case(
    "ms5_meter_and_progress_labelled_like_settings", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1>
<section><h2>Storage</h2><label for=m>Search history</label> <meter id=m min=0 max=1 value=0.8>80%</meter>
<label for=p>Location activity</label> <progress id=p max=100 value=100>Done</progress></section>
<section><h2>Settings</h2><div class=row><label for=l>Location activity</label><input id=l type=checkbox role=switch></div>
<div class=row><label for=s>Search history</label><input id=s type=checkbox role=switch></div></section></main>""",
    {"location_activity": "off", "search_history": "off"},
)

# A key/value grid of role=term / role=definition with the pack's status words.
case(
    "ms5_role_term_definition_status_words", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1><div style="display:grid;grid-template-columns:1fr 1fr;max-width:600px">
<div role=term>Location activity</div><div role=definition>Not allowed</div>
<div role=term>Search history</div><div role=definition>Enabled</div></div></main>""",
    {"location_activity": "off", "search_history": "on"},
)

# German status words only (no controls): "Ein" / "Aus" are not in the vocabulary.
case(
    "ms5_ads_partly_translated_german_status_only", "microsoft", "ad_settings",
    """<main lang=de><h1>Einstellungen für personalisierte Werbung</h1><dl>
<dt lang=en>Personalized ads wherever I use my Microsoft account</dt><dd>Aus</dd>
<dt lang=en>Personalized ads in this browser</dt><dd>Ein</dd></dl></main>""",
    {"personalized_ads_account": Either("off"), "personalized_ads_browser": Either("on")},
    lang="de",
)

# A master "Personalized ads" switch on, with the two settings as children (account off, browser on).
case(
    "ms5_ads_master_on_children_differ", "microsoft", "ad_settings",
    """<main><h1>Personalized ad settings</h1>
<div class=row><span id=m>Personalized ads</span><button role=switch aria-checked=true aria-labelledby=m></button></div>
<div role=group aria-labelledby=m style="margin-left:28px">
<div class=row><span id=a>Personalized ads wherever I use my Microsoft account</span><button role=switch aria-checked=false aria-labelledby=a></button></div>
<div class=row><span id=b>Personalized ads in this browser</span><button role=switch aria-checked=true aria-labelledby=b></button></div></div></main>""",
    {"personalized_ads_account": "off", "personalized_ads_browser": "on"},
)

# An open <details> per setting, summary showing the value, a switch inside agreeing.
case(
    "ms5_ads_open_details_summaries_agree", "microsoft", "ad_settings",
    """<main><h1>Personalized ad settings</h1>
<details open><summary>Personalized ads wherever I use my Microsoft account · On</summary><label>Personalized ads wherever I use my Microsoft account <input type=checkbox role=switch checked></label></details>
<details open><summary>Personalized ads in this browser · Off</summary><label>Personalized ads in this browser <input type=checkbox role=switch></label></details></main>""",
    {"personalized_ads_account": "on", "personalized_ads_browser": "off"},
)

# A same-origin iframe holds a shadow root (a web component inside the framed document) with the
# switches.
_FRAME_SHADOW = SUITE.doc("""<div id=host></div><script>
var r = document.getElementById('host').attachShadow({mode: 'open'});
r.innerHTML = '<div><label for=l>Location activity</label><input id=l type=checkbox role=switch checked></div><div><label for=s>Search history</label><input id=s type=checkbox role=switch></div>';
</script>""")
case(
    "ms5_shadow_root_inside_same_origin_iframe", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1><iframe src="panel.html" title="Activity settings" width=760 height=160 style="border:0"></iframe></main>""",
    {"location_activity": "on", "search_history": "off"},
    files={"panel.html": (_FRAME_SHADOW, HTML, 0.0)},
)


# ============================================================================================
# widening 2: copies that disagree, properties set by scripts, tables
# ============================================================================================

# The same card as ms5_sticky_card_disagrees_with_editor, not sticky: a status card says "Search
# history: On", the switch below is off; location agrees. Tells a sticky-only miss from a general one.
case(
    "ms5_card_disagrees_with_editor_not_sticky", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1>
<section aria-label="Summary"><p>Location activity: <b>Off</b></p><p>Search history: <b>On</b></p></section>
<div class=row><label for=l>Location activity</label><input id=l type=checkbox role=switch></div>
<div class=row><label for=s>Search history</label><input id=s type=checkbox role=switch></div></main>""",
    {"location_activity": "off", "search_history": None},
)

# A sticky copy of a row that lags behind (says On) while the row itself is off: the same row
# twice, disagreeing.
case(
    "g5_adcenter_sticky_duplicate_disagrees", "google", "ad_center",
    """<main><h1>My Ad Center</h1>
<header style="position:sticky;top:0;background:#fff;z-index:2"><div class=row><span id=h>Personalized ads</span><button role=switch aria-checked=true aria-labelledby=h></button></div></header>
<div style="height:600px"><p>Your ad topics and brands.</p></div>
<div class=row><span id=r>Personalized ads</span><button role=switch aria-checked=false aria-labelledby=r></button></div></main>""",
    {"personalized_ads": None},
)

# A read-only definition list says "Auto-delete: 3 months"; the select under it says 18 months.
case(
    "g5_auto_delete_dl_summary_disagrees_with_select", "google", "web_app_activity",
    """<main><h1>Web &amp; App Activity</h1><dl><dt>Auto-delete</dt><dd>3 months</dd></dl>
<div class=row><label for=s>Choose an auto-delete option</label><select id=s><option>Off</option><option>3 months</option><option selected>18 months</option><option>36 months</option></select></div></main>""",
    {"auto_delete": None},
)

# Checkboxes whose `checked` attribute (server default) differs from the property a script set
# from the saved state right after parsing: the screen shows the property.
case(
    "g5_checked_property_set_by_script_differs_from_attribute", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<div class=row><label for=a>Web &amp; App Activity</label><input id=a type=checkbox role=switch checked></div>
<div class=row><label for=b>Timeline</label><input id=b type=checkbox role=switch></div>
<div class=row><label for=c>YouTube History</label><input id=c type=checkbox role=switch checked></div></main>
<script>var s = {a: false, b: true, c: true}; Object.keys(s).forEach(function (k) { document.getElementById(k).checked = s[k]; });</script>""",
    {"web_app_activity": "off", "timeline": "on", "youtube_history": "on"},
)

# Radios whose `checked` attribute differs from the property a script set.
case(
    "fb5_radio_checked_property_set_by_script", "facebook", "privacy",
    "<main><h1>Privacy settings</h1>" + _radios(1, FB_Q["future"], AUD, "Public") + _radios(2, FB_Q["requests"], REQ, "Everyone")
    + _radios(3, FB_Q["lookup"], LOOK, "Everyone") + _radios(4, FB_Q["search"], YN, "Yes") + """</main>
<script>[['g1', 2], ['g2', 1], ['g3', 3], ['g4', 1]].forEach(function (p) { document.getElementsByName(p[0])[p[1]].checked = true; });</script>""",
    {"future_posts_audience": "only_me", "friend_requests": "friends_of_friends", "lookup_email": "only_me", "search_engine_link": "no"},
)

# Always-open listboxes where aria-activedescendant (the focus ring) points at one option and
# aria-selected marks another: the selection is the value.
ACTIVE_STYLE = ' style="outline:2px dashed #888"'


def _lb_active(n: int, q: str, opts: list[str], sel: str, active: str) -> str:
    items = "".join(f'<div role=option id=o{n}_{i} aria-selected={sw(o == sel)}{ACTIVE_STYLE if o == active else ""}>{o}</div>' for i, o in enumerate(opts))
    act = opts.index(active)
    return f'<div class=row><span id=q{n}>{q}</span><div role=listbox tabindex=0 aria-labelledby=q{n} aria-activedescendant=o{n}_{act}>{items}</div></div>'


case(
    "fb5_listbox_activedescendant_differs_from_selected", "facebook", "privacy",
    "<style>[role=option][aria-selected=true]{background:#d3e3fd;font-weight:600}</style><main><h1>Privacy settings</h1>"
    + _lb_active(1, FB_Q["future"], AUD, "Friends", "Public") + _lb_active(2, FB_Q["requests"], REQ, "Friends of friends", "Everyone")
    + _lb_active(3, FB_Q["lookup"], LOOK, "Only me", "Everyone") + _lb_active(4, FB_Q["search"], YN, "No", "Yes") + "</main>",
    {"future_posts_audience": "friends", "friend_requests": "friends_of_friends", "lookup_email": "only_me", "search_engine_link": "no"},
)

# A real data table: settings as row headers (<th scope=row>), a "Status" column of ✓ / ✕ glyphs
# (no words, no aria), a "Manage" column of links. A person reads ✓ under Status as on.
case(
    "ms5_table_row_headers_check_cross_glyphs", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1><table><thead><tr><th scope=col>Activity</th><th scope=col>Status</th><th scope=col>Manage</th></tr></thead><tbody>
<tr><th scope=row>Location activity</th><td>✓</td><td><a href="#l">Manage</a></td></tr>
<tr><th scope=row>Search history</th><td>✕</td><td><a href="#s">Manage</a></td></tr></tbody></table></main>""",
    {"location_activity": "on", "search_history": "off"},
)

# role=term / role=definition with the pack's words "Allowed"/"Not allowed", and a help term that
# names the setting.
case(
    "fb5_ads_role_term_definition_allowed", "facebook", "ad_settings",
    """<main><h1>Activity information from ad partners</h1><div style="display:grid;grid-template-columns:1fr 1fr;max-width:700px">
<div role=term>Activity information from ad partners</div><div role=definition>Allowed</div>
<div role=term>Learn more</div><div role=definition>If Activity information from ad partners is Not allowed, you still see ads.</div></div></main>""",
    {"partner_ads": "on"},
)

# A summary <dl> says one thing, the checkbox another, for one setting; the other agrees.
case(
    "ms5_ads_dl_summary_disagrees_with_checkbox", "microsoft", "ad_settings",
    """<main><h1>Personalized ad settings</h1><dl>
<dt>Personalized ads wherever I use my Microsoft account</dt><dd>On</dd>
<dt>Personalized ads in this browser</dt><dd>Off</dd></dl>
<div class=row><label for=a>Personalized ads wherever I use my Microsoft account</label><input id=a type=checkbox role=switch></div>
<div class=row><label for=b>Personalized ads in this browser</label><input id=b type=checkbox role=switch></div></main>""",
    {"personalized_ads_account": None, "personalized_ads_browser": "off"},
)


# ============================================================================================
# widening 3: sticky status bars, ruby and del/ins labels, image statuses
# ============================================================================================

# A sticky status bar (not a copy of a row: a line of text) says "Timeline: On" while the Timeline
# switch is off; the other two agree with their switches. Like ms5_sticky_card_disagrees_with_editor.
case(
    "g5_sticky_status_bar_disagrees_on_timeline", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<div style="position:sticky;top:0;background:#e8f0fe;padding:6px">Web &amp; App Activity: On · Timeline: On · YouTube History: Off</div>
<div class=row><label for=a>Web &amp; App Activity</label><input id=a type=checkbox role=switch checked></div>
<div class=row><label for=b>Timeline</label><input id=b type=checkbox role=switch></div>
<div class=row><label for=c>YouTube History</label><input id=c type=checkbox role=switch></div></main>""",
    {"web_app_activity": "on", "timeline": None, "youtube_history": "off"},
)

# Labels with <ruby> annotations (a Japanese page glossing the English names): the text content
# runs the gloss into the name ("Timelineタイムライン"); a person reads the base text.
case(
    "g5_ruby_glossed_labels", "google", "activity_controls",
    """<main lang=ja><h1>アクティビティ管理</h1>
<div class=row><label for=a><ruby lang=en>Web &amp; App Activity<rt lang=ja>ウェブとアプリのアクティビティ</rt></ruby></label><input id=a type=checkbox role=switch></div>
<div class=row><label for=b><ruby lang=en>Timeline<rt lang=ja>タイムライン</rt></ruby></label><input id=b type=checkbox role=switch checked></div>
<div class=row><label for=c><ruby lang=en>YouTube History<rt lang=ja>YouTube の履歴</rt></ruby></label><input id=c type=checkbox role=switch></div></main>""",
    {"web_app_activity": "off", "timeline": "on", "youtube_history": "off"},
    lang="ja",
)

# A renamed setting shown with <del>old name</del> <ins>new name</ins> in its label.
case(
    "ms5_del_ins_renamed_labels", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1>
<div class=row><label for=l><del>Location data</del> <ins>Location activity</ins></label><input id=l type=checkbox role=switch checked></div>
<div class=row><label for=s><del>Bing history</del> <ins>Search history</ins></label><input id=s type=checkbox role=switch checked></div></main>""",
    {"location_activity": "on", "search_history": "on"},
)

# The status is an image (broken src: the alt text shows) beside each label: alt "On" / "Off".
case(
    "ms5_status_images_alt_text", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1>
<div class=row><span>Location activity</span><img src="img/status-off.svg" alt="Off" width=40 height=20></div>
<div class=row><span>Search history</span><img src="img/status-on.svg" alt="On" width=40 height=20></div></main>""",
    {"location_activity": "off", "search_history": "on"},
)

# The same for partner ads: an image with alt "Not allowed".
case(
    "fb5_ads_status_image_alt_not_allowed", "facebook", "ad_settings",
    """<main><h1>Activity information from ad partners</h1>
<div class=row><span>Activity information from ad partners</span><img src="img/not-allowed.png" alt="Not allowed" width=90 height=20></div></main>""",
    {"partner_ads": "off"},
)

# A read-only "Review" step of an open wizard dialog lists the audience choices; the page behind
# (inert) shows the same values in selects: they agree.
case(
    "fb5_open_wizard_review_step_agrees_with_inert_page", "facebook", "privacy",
    f"""<main inert><h1>Privacy settings</h1>
<div class=row><label for=a>{FB_Q['future']}</label><select id=a>{_opts(AUD, 'Friends')}</select></div>
<div class=row><label for=b>{FB_Q['requests']}</label><select id=b>{_opts(REQ, 'Everyone')}</select></div>
<div class=row><label for=c>{FB_Q['lookup']}</label><select id=c>{_opts(LOOK, 'Only me')}</select></div>
<div class=row><label for=d>{FB_Q['search']}</label><select id=d>{_opts(YN, 'No')}</select></div></main>
<dialog id=w aria-labelledby=wt><h2 id=wt>Privacy Checkup · Step 3 of 3: Review</h2><dl>
<dt>{FB_Q['future']}</dt><dd>Friends</dd><dt>{FB_Q['requests']}</dt><dd>Everyone</dd>
<dt>{FB_Q['lookup']}</dt><dd>Only me</dd><dt>{FB_Q['search']}</dt><dd>No</dd></dl><button type=button>Back</button><button type=button>Finish</button></dialog>
<script>document.getElementById('w').showModal();</script>""",
    {"future_posts_audience": "friends", "friend_requests": "everyone", "lookup_email": "only_me", "search_engine_link": "no"},
)


# --------------------------------------------------------------------------------------------
# known reader failures (what the reader got), filled from runs
# --------------------------------------------------------------------------------------------

XFAIL.update({})  # none left: every failure of the first run is fixed in the reader


test_cases_are_distinct_and_cover_the_packs, test_redteam_page_5 = SUITE.tests(at_least=45, every_key=True)
