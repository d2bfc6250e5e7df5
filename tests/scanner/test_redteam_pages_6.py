# ruff: noqa: E501
"""Red-team settings pages, round 6: markup written blind to the reader, read through the one public
entry point ``read_page_settled`` (see ``redteam_harness`` for the judging).

Expectations follow what a person can tell on screen: a plain value must be read confidently
(>= 0.8) and not as a conflict; ``None`` means nobody could tell (the page does not say, or says two
things); ``Either(v)`` means ``v`` or nothing, never another confident value.

New in this round (none of rounds 1-5 did these): a framework migration rendering old and new markup
side by side (old hidden by a class a script adds after load); single-open accordions whose panels
are rendered only while open (and ``<details name>`` exclusive groups); state only in ``title``,
``aria-description`` or ``aria-roledescription``; labels and controls placed by
``grid-template-areas`` with the controls first in the DOM; labels only in ``placeholder``; nested
fieldsets' legends; an Arabic right-to-left shell with ``<bdi>`` English labels and values; a
"compact view" summary table beside hidden editor rows; canvas-drawn settings with a parallel
accessible DOM that lags the picture by one update; ``aria-owns`` reparenting; ``aria-checked`` on
native inputs disagreeing with their checked state; ``<data value>``; ``<kbd>`` shortcuts and hidden
counters in labels; settings split over two tabs, the second loaded on selection; labels truncated
with ``text-overflow: ellipsis`` and ``-webkit-line-clamp``; shimmer placeholders that never resolve
beside rows that do; restored drafts with a "Review changes" list and "suggested changes" arrows;
custom elements defined late; Safari's ``<input type=checkbox switch>``; an open "quick settings"
popover disagreeing with the page.

As in rounds 3-5, the recorder allows clicks only on tabs, ``summary`` and disclosure buttons that
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
.shimmer{display:inline-block;width:40px;height:20px;border-radius:10px;background:linear-gradient(90deg,#eee,#ddd,#eee);background-size:200% 100%;animation:sh 1.2s linear infinite}
@keyframes sh{to{background-position:-200% 0}}
kbd{font:12px monospace;border:1px solid #ccc;border-radius:3px;padding:0 3px;margin-left:4px;color:#555}
</style>"""


SUITE = Suite(css=BASE_CSS, recorder=recorder(allowed=ALLOWED_CLICKS), confident=CONFIDENT, concurrency=8)
case = SUITE.case
XFAIL = SUITE.xfail
site, outcomes = SUITE.fixtures()


def knob(on: bool, extra: str = "") -> str:
    """A button switch with its state in aria-checked (the usual modern markup)."""
    return f'<button type=button role=switch aria-checked={sw(on)}{extra}></button>'


def tabs_js(panel_id: str, url: str) -> str:
    """Tabs: selecting one shows its panel; the second tab's panel is fetched on first selection."""
    return ("<script>(function(){var tabs=document.querySelectorAll('[role=tab]');"
            "tabs.forEach(function(t){t.addEventListener('click',function(){tabs.forEach(function(o){var sel=o===t;o.setAttribute('aria-selected',String(sel));"
            "document.getElementById(o.getAttribute('aria-controls')).hidden=!sel;});"
            f"var p=document.getElementById('{panel_id}');if(t.getAttribute('aria-controls')==='{panel_id}'&&!p.dataset.loaded){{p.dataset.loaded='1';p.innerHTML='<div class=shimmer></div>';"
            f"fetch('{url}').then(function(r){{return r.text();}}).then(function(h){{p.innerHTML=h;}});}}"
            "});});})();</script>")


# ============================================================================================
# Google
# ============================================================================================

# A framework migration: the old Closure markup (goog-checkbox divs, values from a stale cache) and
# the new Material 3 markup are both in the page; a script adds body.migrated after load, which
# hides the old one. What a person sees once the page is up is the new markup.
case(
    "g6_migration_old_markup_hidden_after_load", "google", "activity_controls",
    """<style>.m3{display:none}body.migrated .legacy{display:none}body.migrated .m3{display:block}
.goog-checkbox{display:inline-block;width:14px;height:14px;border:1px solid #555}.goog-checkbox-checked{background:#1a73e8}</style>
<main><h1>Activity controls</h1>
<div class=legacy>
<div class=row><span>Web &amp; App Activity</span><div class="goog-checkbox" role=checkbox aria-checked=false tabindex=0></div></div>
<div class=row><span>Timeline</span><div class="goog-checkbox goog-checkbox-checked" role=checkbox aria-checked=true tabindex=0></div></div>
<div class=row><span>YouTube History</span><div class="goog-checkbox" role=checkbox aria-checked=false tabindex=0></div></div></div>
<div class=m3 jscontroller="Xq9Bfe">
<div class=row><span id=n1>Web &amp; App Activity</span>""" + knob(True, " aria-labelledby=n1") + """</div>
<div class=row><span id=n2>Timeline</span>""" + knob(False, " aria-labelledby=n2") + """</div>
<div class=row><span id=n3>YouTube History</span>""" + knob(True, " aria-labelledby=n3") + """</div></div></main>
<script>addEventListener('load',function(){setTimeout(function(){document.body.classList.add('migrated');},250);});</script>""",
    {"web_app_activity": "on", "timeline": "off", "youtube_history": "on"},
    solo=True,  # timing: the swap comes 250 ms after load
)

# A single-open accordion: each setting's panel is rendered only while its header is expanded, and
# opening one header empties and closes the others. A person opens each in turn and reads it.
case(
    "g6_accordion_single_open_lazy_panels", "google", "activity_controls",
    """<main><h1>Activity controls</h1><div id=acc>
<h3><button type=button id=h1 aria-expanded=false aria-controls=p1>Web &amp; App Activity</button></h3><div id=p1 role=region aria-labelledby=h1 hidden></div>
<h3><button type=button id=h2 aria-expanded=false aria-controls=p2>Timeline</button></h3><div id=p2 role=region aria-labelledby=h2 hidden></div>
<h3><button type=button id=h3 aria-expanded=false aria-controls=p3>YouTube History</button></h3><div id=p3 role=region aria-labelledby=h3 hidden></div></div></main>
<script>(function(){
var DATA={p1:['Web &amp; App Activity',false],p2:['Timeline',true],p3:['YouTube History',false]};
function render(p){var d=DATA[p.id];p.innerHTML='<div class=row><span>'+d[0]+' is '+(d[1]?'on':'paused')+'</span><button type=button role=switch aria-checked='+d[1]+' aria-label="'+d[0]+'"></button></div>';}
function openOnly(btn){document.querySelectorAll('#acc button[aria-expanded]').forEach(function(b){var p=document.getElementById(b.getAttribute('aria-controls'));
if(b===btn&&b.getAttribute('aria-expanded')==='false'){b.setAttribute('aria-expanded','true');render(p);p.hidden=false;}else{b.setAttribute('aria-expanded','false');p.innerHTML='';p.hidden=true;}});}
document.querySelectorAll('#acc button[aria-expanded]').forEach(function(b){b.addEventListener('click',function(){openOnly(b);});});
openOnly(document.getElementById('h1'));})();</script>""",
    {"web_app_activity": "off", "timeline": "on", "youtube_history": "off"},
)

# The state is only a coloured status icon whose title (the tooltip) says "On" / "Paused"; the
# row is a link to the setting's page.
def _title_row(label: str, on: bool) -> str:
    return (f'<a class=row href="#d" style="color:inherit;text-decoration:none"><span>{label}</span>'
            f'<span title="{"On" if on else "Paused"}" style="display:inline-block;width:14px;height:14px;border-radius:7px;background:{"#188038" if on else "#9aa0a6"}"></span></a>')


case(
    "g6_status_only_in_title_attribute", "google", "activity_controls",
    "<main><h1>Activity controls</h1>" + _title_row("Web &amp; App Activity", True) + _title_row("Timeline", False) + _title_row("YouTube History", True) + "</main>",
    {"web_app_activity": "on", "timeline": "off", "youtube_history": "on"},
)

# One CSS grid for the whole card: grid-template-areas puts each label beside its switch, but the
# DOM holds the three (unnamed) switches first, in reverse order, then the labels.
case(
    "g6_grid_template_areas_controls_before_labels", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<div style="display:grid;grid-template-areas:'l1 s1' 'l2 s2' 'l3 s3';grid-template-columns:1fr auto;gap:18px;max-width:700px">
<button type=button role=switch aria-checked=true style="grid-area:s3"></button>
<button type=button role=switch aria-checked=true style="grid-area:s2"></button>
<button type=button role=switch aria-checked=false style="grid-area:s1"></button>
<span style="grid-area:l1">Web &amp; App Activity</span>
<span style="grid-area:l2">Timeline</span>
<span style="grid-area:l3">YouTube History</span></div></main>""",
    {"web_app_activity": "off", "timeline": "on", "youtube_history": "on"},
)

# Radios in nested fieldsets: the outer legend names the section, each inner legend a setting.
def _fs_radios(name: str, legend: str, on: bool) -> str:
    return (f'<fieldset style="border:0;padding:6px 0"><legend>{legend}</legend>'
            f'<label><input type=radio name={name}{ck(on)}> On</label> <label><input type=radio name={name}{ck(not on)}> Off</label></fieldset>')


case(
    "g6_nested_fieldset_legends_radios", "google", "activity_controls",
    "<main><h1>Activity controls</h1><form><fieldset><legend>History settings</legend>"
    + _fs_radios("w", "Web &amp; App Activity", True) + _fs_radios("t", "Timeline", False) + _fs_radios("y", "YouTube History", False)
    + "</fieldset></form></main>",
    {"web_app_activity": "on", "timeline": "off", "youtube_history": "off"},
)

# Skeleton rows: every label is there from the start; two values arrive after timers, the Timeline
# value stays a shimmer placeholder (its request never answers). Nobody can tell Timeline.
case(
    "g6_skeleton_timeline_never_resolves", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<div class=row><span id=a>Web &amp; App Activity</span><span id=va class=shimmer aria-busy=true></span></div>
<div class=row><span id=b>Timeline</span><span id=vb class=shimmer aria-busy=true aria-label="Loading"></span></div>
<div class=row><span id=c>YouTube History</span><span id=vc class=shimmer aria-busy=true></span></div></main>
<script>
setTimeout(function(){var v=document.getElementById('va');v.outerHTML='<button type=button role=switch aria-checked=true aria-labelledby=a></button>';},300);
setTimeout(function(){var v=document.getElementById('vc');v.outerHTML='<button type=button role=switch aria-checked=false aria-labelledby=c></button>';},700);
</script>""",
    {"web_app_activity": "on", "timeline": None, "youtube_history": "off"},
)

# A draft restored from the last visit: the Timeline switch shows the unsaved "On", and a "Review
# changes" panel says "Timeline: Off → On" (not saved). The saved setting is Off; reading the
# switch as the setting would be wrong, so Timeline is Off or nothing.
case(
    "g6_restored_draft_review_changes", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<aside role=region aria-label="Review changes" style="border:1px solid #f29900;padding:8px;max-width:740px;background:#fef7e0">
<strong>You have 1 unsaved change from your last visit</strong><ul><li>Timeline: Off → On</li></ul>
<button type=button>Discard</button> <button type=button>Save</button></aside>
<div class=row><span id=a>Web &amp; App Activity</span>""" + knob(True, " aria-labelledby=a") + """</div>
<div class=row><span id=b>Timeline <small style="color:#b06000">· unsaved</small></span>""" + knob(True, " aria-labelledby=b") + """</div>
<div class=row><span id=c>YouTube History</span>""" + knob(False, " aria-labelledby=c") + """</div></main>""",
    {"web_app_activity": "on", "timeline": Either("off"), "youtube_history": "off"},
)

# Labels carrying keyboard shortcuts (<kbd>) and counters only for screen readers.
case(
    "g6_kbd_shortcuts_and_hidden_counters", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<label class=row><span><span class=sr-only>4 new items, </span>Web &amp; App Activity <kbd>Alt</kbd>+<kbd>W</kbd></span><input type=checkbox role=switch></label>
<label class=row><span>Timeline <kbd>Alt</kbd>+<kbd>T</kbd><span class=sr-only> (12 places this week)</span></span><input type=checkbox role=switch checked></label>
<label class=row><span><span aria-hidden=true style="background:#d93025;color:#fff;border-radius:8px;padding:0 5px;margin-right:4px">2</span>YouTube History <kbd>Alt</kbd>+<kbd>Y</kbd></span><input type=checkbox role=switch checked></label></main>""",
    {"web_app_activity": "off", "timeline": "on", "youtube_history": "on"},
)

# Two tabs: "Web & location" shown, "YouTube" loaded by fetch the first time it is selected.
case(
    "g6_two_tabs_second_loaded_on_selection", "google", "activity_controls",
    """<main><h1>Activity controls</h1><div role=tablist aria-label="History">
<button type=button role=tab id=t1 aria-selected=true aria-controls=tp1>Web &amp; location</button>
<button type=button role=tab id=t2 aria-selected=false aria-controls=tp2>YouTube</button></div>
<div id=tp1 role=tabpanel aria-labelledby=t1>
<div class=row><span id=a>Web &amp; App Activity</span>""" + knob(False, " aria-labelledby=a") + """</div>
<div class=row><span id=b>Timeline</span>""" + knob(True, " aria-labelledby=b") + """</div></div>
<div id=tp2 role=tabpanel aria-labelledby=t2 hidden></div></main>""" + tabs_js("tp2", "yt.html"),
    {"web_app_activity": "off", "timeline": "on", "youtube_history": "on"},
    files={"yt.html": ('<div class=row><span id=c>YouTube History</span><button type=button role=switch aria-checked=true aria-labelledby=c></button></div>', HTML, 0.3)},
)

# Auto-delete as a read-only combobox named only by its placeholder (hidden once a value is set:
# the field shows "18 months"; a screen reader says "Auto-delete, 18 months").
case(
    "g6_auto_delete_placeholder_only_combobox", "google", "web_app_activity",
    """<main><h1>Web &amp; App Activity</h1><p>Saves your activity on Google sites and apps.</p>
<div style="max-width:320px"><input role=combobox readonly aria-expanded=false aria-haspopup=listbox placeholder="Auto-delete" value="18 months" style="width:100%;padding:10px;border:1px solid #888;border-radius:4px"></div></main>""",
    {"auto_delete": "18"},
)

# The value in a sentence, inside <output><data value=...>: the machine value is an ISO duration.
case(
    "g6_auto_delete_output_data_value", "google", "web_app_activity",
    """<main><h1>Web &amp; App Activity</h1>
<div class=row><span id=adl>Auto-delete</span><output aria-labelledby=adl><data value="P36M">Auto-delete activity older than 36 months</data></output>
<a href="#change">Change</a></div></main>""",
    {"auto_delete": "36"},
)

# An open menu (role=menu) of menuitemradio choices under an expanded "Auto-delete" menu button;
# the checked item is "3 months". The reader must not press any item.
case(
    "g6_auto_delete_open_menu_menuitemradio", "google", "web_app_activity",
    """<main><h1>Web &amp; App Activity</h1>
<button type=button id=mb aria-haspopup=menu aria-expanded=true aria-controls=mn>Auto-delete: 3 months ▾</button>
<div id=mn role=menu aria-labelledby=mb style="border:1px solid #ccc;box-shadow:0 2px 6px #0003;max-width:260px;padding:4px 0">
<div role=menuitemradio aria-checked=false tabindex=-1>Off</div>
<div role=menuitemradio aria-checked=true tabindex=0>✓ 3 months</div>
<div role=menuitemradio aria-checked=false tabindex=-1>18 months</div>
<div role=menuitemradio aria-checked=false tabindex=-1>36 months</div></div></main>""",
    {"auto_delete": "3"},
)

# My Ad Center: the state only in aria-description on the row (visible as a green check icon).
case(
    "g6_adcenter_state_in_aria_description", "google", "ad_center",
    """<main><h1>My Ad Center</h1>
<div class=row role=group aria-labelledby=pa aria-description="On"><span id=pa>Personalized ads</span>
<svg width=20 height=20 aria-hidden=true><circle cx=10 cy=10 r=9 fill="#188038"/><path d="M5 10l3 3 7-7" stroke="#fff" fill="none" stroke-width=2/></svg>
<a href="#manage">Manage</a></div></main>""",
    {"personalized_ads": "on"},
)

# A narrow card: the label is cut with text-overflow: ellipsis ("Personalized a…" visible) and its
# help clamped to one line; the full text is in the DOM, the switch is off.
case(
    "g6_adcenter_ellipsis_label_and_line_clamp_help", "google", "ad_center",
    """<main><h1>My Ad Center</h1>
<div class=row style="max-width:240px"><div style="min-width:0"><div id=pl style="white-space:nowrap;overflow:hidden;text-overflow:ellipsis;width:110px">Personalized ads</div>
<div style="display:-webkit-box;-webkit-line-clamp:1;-webkit-box-orient:vertical;overflow:hidden;font-size:12px;color:#555">See ads based on your activity and interests. When this is off, ads may be less useful to you.</div></div>"""
    + knob(False, " aria-labelledby=pl") + "</div></main>",
    {"personalized_ads": "off"},
)

# Migration on My Ad Center: old markup visible at first, the new markup fetched and swapped in,
# the old hidden; they agree.
case(
    "g6_adcenter_migration_new_markup_fetched", "google", "ad_center",
    """<main><h1>My Ad Center</h1><div id=old class=row><span>Personalized ads</span><span>On</span></div><div id=new></div></main>
<script>fetch('new.html').then(function(r){return r.text();}).then(function(h){document.getElementById('new').innerHTML=h;document.getElementById('old').style.display='none';});</script>""",
    {"personalized_ads": "on"},
    files={"new.html": ('<div class=row><span id=np>Personalized ads</span><button type=button role=switch aria-checked=true aria-labelledby=np></button></div>', HTML, 0.4)},
)


# A native checkbox with role=switch and a stale aria-checked that disagrees with its checked state
# (the browser exposes the native state; the picture shows it too).
case(
    "g6_native_switch_aria_checked_disagrees", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<div class=row><label for=n1>Web &amp; App Activity</label><input id=n1 type=checkbox role=switch checked aria-checked=false></div>
<div class=row><label for=n2>Timeline</label><input id=n2 type=checkbox role=switch aria-checked=true></div>
<div class=row><label for=n3>YouTube History</label><input id=n3 type=checkbox role=switch aria-checked=false></div></main>""",
    {"web_app_activity": "on", "timeline": "off", "youtube_history": "off"},
)

# aria-labelledby lists with idrefs that no longer exist (a refactor removed them) before and after
# the one that does; the visible label sits beside each switch.
case(
    "g6_broken_labelledby_idrefs", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<div class=row><span id=lbl-w>Web &amp; App Activity</span>""" + knob(False, ' aria-labelledby="hdr-gone lbl-w desc-gone"') + """</div>
<div class=row><span id=lbl-t>Timeline</span>""" + knob(True, ' aria-labelledby="hdr-gone lbl-t"') + """</div>
<div class=row><span id=lbl-y>YouTube History</span>""" + knob(True, ' aria-labelledby="lbl-y-old"') + """</div></main>""",
    {"web_app_activity": "off", "timeline": "on", "youtube_history": "on"},
)

# Labels with soft hyphens, zero-width spaces and non-breaking spaces (a hyphenation pass).
case(
    "g6_soft_hyphens_zero_width_nbsp_labels", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<label class=row>Web&nbsp;&amp;&nbsp;App&nbsp;Ac&shy;tiv&shy;ity<input type=checkbox role=switch checked></label>
<label class=row>Time&shy;line&#8203;<input type=checkbox role=switch checked></label>
<label class=row>You&shy;Tube&nbsp;His&#8203;tory<input type=checkbox role=switch></label></main>""",
    {"web_app_activity": "on", "timeline": "on", "youtube_history": "off"},
)

# Auto-delete inside an accordion panel hidden with hidden=until-found (closed, but searchable); the
# header is a disclosure button that opens it.
case(
    "g6_auto_delete_hidden_until_found_panel", "google", "web_app_activity",
    """<main><h1>Web &amp; App Activity</h1>
<h2><button type=button id=hb aria-expanded=false aria-controls=pn>Auto-delete options</button></h2>
<div id=pn hidden=until-found><fieldset><legend>Choose an auto-delete option</legend>
<label><input type=radio name=ad> Don't auto-delete activity</label><br>
<label><input type=radio name=ad> Auto-delete activity older than 3 months</label><br>
<label><input type=radio name=ad> Auto-delete activity older than 18 months</label><br>
<label><input type=radio name=ad checked> Auto-delete activity older than 36 months</label></fieldset></div></main>
<script>(function(){var b=document.getElementById('hb'),p=document.getElementById('pn');
function show(o){b.setAttribute('aria-expanded',String(o));if(o)p.removeAttribute('hidden');else p.setAttribute('hidden','until-found');}
b.addEventListener('click',function(){show(b.getAttribute('aria-expanded')!=='true');});p.addEventListener('beforematch',function(){show(true);});})();</script>""",
    {"auto_delete": "36"},
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
OPTS = {"future": AUD, "requests": REQ, "lookup": LOOK, "search": YN}
FB_ALL = {"future_posts_audience": "friends", "friend_requests": "everyone", "lookup_email": "only_me", "search_engine_link": "no"}
FB_PICK = {"future": "Friends", "requests": "Everyone", "lookup": "Only me", "search": "No"}


def _opts(opts: list[str], sel: str) -> str:
    return "".join(f"<option{' selected' if o == sel else ''}>{o}</option>" for o in opts)


def _sel_row(k: str, i: int, sel: str) -> str:
    return f'<div class=row><label for=s{k}{i}>{FB_Q[k]}</label><select id=s{k}{i}>{_opts(OPTS[k], sel)}</select></div>'


# An exclusive accordion of <details name=...>: opening one closes the others (the browser does
# it); only the first is open at load.
case(
    "fb6_exclusive_details_name_group", "facebook", "privacy",
    "<main><h1>Privacy settings</h1>"
    + "".join(f'<details name=privacy{" open" if i == 0 else ""}><summary>{FB_Q[k]}</summary>{_sel_row(k, i, FB_PICK[k])}</details>' for i, k in enumerate(FB_Q))
    + "</main>",
    FB_ALL,
)

# Two tabs: "Your activity" (future posts) shown, "How people find and contact you" fetched the
# first time it is selected.
case(
    "fb6_two_tabs_second_loaded_on_selection", "facebook", "privacy",
    """<main><h1>Privacy settings</h1><div role=tablist>
<div role=tab tabindex=0 id=t1 aria-selected=true aria-controls=tp1>Your activity</div>
<div role=tab tabindex=-1 id=t2 aria-selected=false aria-controls=tp2>How people find and contact you</div></div>
<div id=tp1 role=tabpanel aria-labelledby=t1>""" + _sel_row("future", 1, "Only me") + """</div>
<div id=tp2 role=tabpanel aria-labelledby=t2 hidden></div></main>""" + tabs_js("tp2", "find.html"),
    {"future_posts_audience": "only_me", "friend_requests": "friends_of_friends", "lookup_email": "friends", "search_engine_link": "yes"},
    files={"find.html": (_sel_row("requests", 2, "Friends of friends") + _sel_row("lookup", 3, "Friends") + _sel_row("search", 4, "Yes"), HTML, 0.35)},
)


# Comet rows in a narrow column: each question cut by an ellipsis or clamped to one line, the
# current audience as a button opening the audience dialog.
def _comet_clamped(k: str, i: int, val: str, clamp: bool) -> str:
    style = ("display:-webkit-box;-webkit-line-clamp:1;-webkit-box-orient:vertical;overflow:hidden" if clamp
             else "white-space:nowrap;overflow:hidden;text-overflow:ellipsis")
    return (f'<div class="x9f619 x1n2onr6 row" style="max-width:420px"><span id=q{i} class="x1lliihq" style="{style};width:230px">{FB_Q[k]}</span>'
            f'<div role=button tabindex=0 aria-haspopup=dialog aria-labelledby="q{i} v{i}" class="x1i10hfl"><span id=v{i}>{val}</span> ✎</div></div>')


case(
    "fb6_ellipsis_and_line_clamp_questions", "facebook", "privacy",
    "<main><h1>Privacy settings</h1>" + _comet_clamped("future", 1, "Public", False) + _comet_clamped("requests", 2, "Friends of friends", True)
    + _comet_clamped("lookup", 3, "Everyone", False) + _comet_clamped("search", 4, "Yes", True) + "</main>",
    {"future_posts_audience": "public", "friend_requests": "friends_of_friends", "lookup_email": "everyone", "search_engine_link": "yes"},
)


# Radios in nested fieldsets: section legends outside, each question a legend inside.
def _fb_fs(k: str, sel: str) -> str:
    return (f'<fieldset style="border:0;padding:4px 0"><legend>{FB_Q[k]}</legend>'
            + "".join(f'<label style="margin-right:12px"><input type=radio name={k}{ck(o == sel)}> {o}</label>' for o in OPTS[k]) + "</fieldset>")


case(
    "fb6_nested_fieldset_legends_radios", "facebook", "privacy",
    "<main><h1>Privacy settings</h1><form><fieldset><legend>Your activity</legend>" + _fb_fs("future", "Custom")
    + "</fieldset><fieldset><legend>How people find and contact you</legend>" + _fb_fs("requests", "Everyone") + _fb_fs("lookup", "Friends of friends") + _fb_fs("search", "No")
    + "</fieldset></form></main>",
    {"future_posts_audience": "custom", "friend_requests": "everyone", "lookup_email": "friends_of_friends", "search_engine_link": "no"},
)

# An Arabic right-to-left shell (headings, help, buttons in Arabic), the questions and the values
# still in English inside <bdi>.
case(
    "fb6_rtl_arabic_shell_bdi_english", "facebook", "privacy",
    "<main dir=rtl lang=ar><h1>إعدادات الخصوصية</h1><p>يمكنك التحكم في من يرى منشوراتك.</p>"
    + "".join(f'<div class=row><span><bdi lang=en>{FB_Q[k]}</bdi></span><span>الحالية: <bdi lang=en>{FB_PICK[k]}</bdi></span><button type=button aria-haspopup=dialog>تعديل</button></div>' for k in FB_Q)
    + "</main>",
    FB_ALL,
)

# A "Suggested changes" card with arrows ("Everyone → Friends of friends", "Apply") beside the
# selects that hold the current settings.
case(
    "fb6_suggested_changes_arrows_beside_current", "facebook", "privacy",
    "<main><h1>Privacy settings</h1>"
    + f"""<aside role=region aria-label="Suggested changes" style="border:1px solid #1877f2;padding:8px;max-width:740px"><strong>Suggested changes</strong><ul>
<li>{FB_Q['requests']} Everyone → Friends of friends <button type=button>Apply</button></li>
<li>{FB_Q['search']} No → Yes <button type=button>Apply</button></li></ul></aside>"""
    + "".join(_sel_row(k, i, FB_PICK[k]) for i, k in enumerate(FB_Q)) + "</main>",
    FB_ALL,
)

# Read-only comboboxes named only by their placeholder (the question), showing the value.
case(
    "fb6_placeholder_only_comboboxes", "facebook", "privacy",
    "<main><h1>Privacy settings</h1>"
    + "".join(f'<div style="margin:10px 0;max-width:520px"><input role=combobox readonly aria-expanded=false aria-haspopup=listbox placeholder="{FB_Q[k]}" value="{FB_PICK[k]}" style="width:100%;padding:10px"></div>' for k in FB_Q)
    + "</main>",
    FB_ALL,
)

# Questions and values placed by grid-template-areas; the DOM has the values first (reversed).
case(
    "fb6_grid_template_areas_values_before_questions", "facebook", "privacy",
    """<main><h1>Privacy settings</h1><div style="display:grid;grid-template-areas:'q1 v1' 'q2 v2' 'q3 v3' 'q4 v4';grid-template-columns:1fr auto;gap:14px;max-width:760px">
<span style="grid-area:v4">Yes</span><span style="grid-area:v3">Friends</span><span style="grid-area:v2">Friends of friends</span><span style="grid-area:v1">Only me</span>"""
    + "".join(f'<span style="grid-area:q{i + 1}">{FB_Q[k]}</span>' for i, k in enumerate(FB_Q)) + "</div></main>",
    {"future_posts_audience": "only_me", "friend_requests": "friends_of_friends", "lookup_email": "friends", "search_engine_link": "yes"},
)

# Migration: the legacy table (stale values) is hidden by a class a script adds after load; the
# new Comet selects carry the values a person sees.
case(
    "fb6_migration_legacy_table_hidden_after_load", "facebook", "privacy",
    "<style>.comet{display:none}html.comet-on .legacy{display:none}html.comet-on .comet{display:block}</style><main><h1>Privacy settings</h1>"
    + "<table class=legacy>" + "".join(f"<tr><th>{FB_Q[k]}</th><td>{v}</td></tr>" for k, v in zip(FB_Q, ["Public", "Friends of friends", "Everyone", "Yes"], strict=True)) + "</table>"
    + '<div class=comet>' + "".join(_sel_row(k, i, FB_PICK[k]) for i, k in enumerate(FB_Q)) + "</div></main>"
    + "<script>addEventListener('load',function(){setTimeout(function(){document.documentElement.classList.add('comet-on');},200);});</script>",
    FB_ALL,
    solo=True,  # timing: the swap comes 200 ms after load
)

# Native radios where a stale aria-checked=true sits on "Public" while the checked radio (what the
# page shows and what a screen reader announces) is "Friends".
case(
    "fb6_native_radio_aria_checked_disagrees", "facebook", "privacy",
    f"""<main><h1>Privacy settings</h1><fieldset><legend>{FB_Q['future']}</legend>
<label><input type=radio name=fut aria-checked=true> Public</label> <label><input type=radio name=fut checked aria-checked=false> Friends</label>
<label><input type=radio name=fut aria-checked=false> Only me</label> <label><input type=radio name=fut aria-checked=false> Custom</label></fieldset>"""
    + "".join(_sel_row(k, i, FB_PICK[k]) for i, k in enumerate(["requests", "lookup", "search"])) + "</main>",
    FB_ALL,
)

# Skeleton: three values arrive after timers, "look you up" stays a shimmer placeholder.
case(
    "fb6_skeleton_lookup_never_resolves", "facebook", "privacy",
    "<main><h1>Privacy settings</h1>"
    + "".join(f'<div class=row><span id=q{i}>{FB_Q[k]}</span><span id=v{i} class=shimmer aria-busy=true></span></div>' for i, k in enumerate(FB_Q))
    + """</main><script>
function fill(i,t,d){setTimeout(function(){var v=document.getElementById('v'+i);v.className='';v.removeAttribute('aria-busy');v.textContent=t;},d);}
fill(0,'Friends',250);fill(1,'Everyone',500);fill(3,'No',800);
</script>""",
    {"future_posts_audience": "friends", "friend_requests": "everyone", "lookup_email": None, "search_engine_link": "no"},
)

# Ad partners: a Comet toggle div whose state is only in aria-roledescription ("toggle, off"),
# drawn with the knob left and grey.
case(
    "fb6_ads_state_in_aria_roledescription", "facebook", "ad_settings",
    """<main><h1>Ad preferences</h1><div class=row><span id=pl>Activity information from ad partners</span>
<div role=button tabindex=0 aria-roledescription="toggle, off" aria-labelledby=pl style="width:40px;height:22px;border-radius:11px;background:#bbb;position:relative"><i style="position:absolute;left:2px;top:2px;width:18px;height:18px;border-radius:9px;background:#fff"></i></div></div></main>""",
    {"partner_ads": "off"},
)

# The state only in a status icon's title ("Allowed").
case(
    "fb6_ads_status_only_in_title", "facebook", "ad_settings",
    """<main><h1>Ad preferences</h1><a class=row href="#review" style="color:inherit;text-decoration:none"><span>Activity information from ad partners</span>
<span title="Allowed" style="display:inline-block;width:14px;height:14px;border-radius:7px;background:#42b72a"></span></a></main>""",
    {"partner_ads": "on"},
)

# The state in <data value=false>Not allowed</data> in the row's description.
case(
    "fb6_ads_data_value_not_allowed", "facebook", "ad_settings",
    """<main><h1>Ad preferences</h1><div class=row><div><div>Ads based on data from partners</div>
<div style="color:#65676b">Status: <data value="false">Not allowed</data></div></div><a href="#review">Review setting</a></div></main>""",
    {"partner_ads": "off"},
)


# Canvas UI with a parallel accessible DOM (Flutter-like semantics nodes over the canvas) that lags
# the picture by one update: the picture was redrawn with the switch on, the semantics still say
# off. A person looking sees on; a screen reader hears off: "on" or nothing.
def _flutter(rows: list[tuple[str, bool, bool]]) -> str:
    """rows: (label, first frame, second frame); the semantics get the first frame."""
    js_rows = ",".join(f"['{lab}',{str(a).lower()},{str(b).lower()}]" for lab, a, b in rows)
    return (f"""<flt-glass-pane style="position:relative;display:block;width:700px;height:{60 * len(rows)}px">
<canvas id=cv width=700 height={60 * len(rows)} aria-hidden=true style="position:absolute;left:0;top:0"></canvas>
<flt-semantics-host id=sh style="position:absolute;left:0;top:0;width:700px;height:100%"></flt-semantics-host></flt-glass-pane>
<script>(function(){{var R=[{js_rows}];var cx=document.getElementById('cv').getContext('2d');
function draw(f){{cx.clearRect(0,0,700,{60 * len(rows)});cx.font='16px Arial';R.forEach(function(r,i){{var on=r[f];cx.fillStyle='#202124';cx.fillText(r[0],8,32+60*i);
cx.fillStyle=on?'#1a73e8':'#bbb';cx.fillRect(620,16+60*i,44,22);cx.fillStyle='#fff';cx.fillRect(on?644:622,18+60*i,18,18);}});}}
function sem(f){{var h=document.getElementById('sh');h.innerHTML='';R.forEach(function(r,i){{var n=document.createElement('flt-semantics');
n.setAttribute('role','switch');n.setAttribute('aria-checked',String(r[f]));n.setAttribute('aria-label',r[0]);n.tabIndex=0;
n.style.cssText='position:absolute;left:0;top:'+(60*i)+'px;width:700px;height:60px;opacity:0.01';h.appendChild(n);}});}}
draw(1);setTimeout(function(){{draw(2);sem(1);}},250);}})();</script>""")


case(
    "fb6_ads_canvas_semantics_lag_one_update", "facebook", "ad_settings",
    "<main><h1>Ad preferences</h1>" + _flutter([("Activity information from ad partners", False, True)]) + "</main>",
    {"partner_ads": Either("on")},
)


# An accordion whose closed panels hold a stale server render; opening a header fetches the current
# values and replaces the panel. A person only ever sees a panel open, so reads the current values.
case(
    "fb6_accordion_closed_panels_stale_until_opened", "facebook", "privacy",
    "<main><h1>Privacy settings</h1>"
    + "".join(f'''<h3><button type=button id=ah{i} aria-expanded=false aria-controls=ap{i} data-k="{k}">{FB_Q[k]}</button></h3>
<div id=ap{i} role=region aria-labelledby=ah{i} hidden>{_sel_row(k, i, stale)}</div>''' for i, (k, stale) in enumerate(zip(FB_Q, ["Public", "Friends of friends", "Everyone", "Yes"], strict=True)))
    + """</main><script>document.querySelectorAll('button[aria-controls]').forEach(function(b){b.addEventListener('click',function(){
var p=document.getElementById(b.getAttribute('aria-controls'));var open=b.getAttribute('aria-expanded')!=='true';b.setAttribute('aria-expanded',String(open));p.hidden=!open;
if(open){fetch('fresh-'+b.dataset.k+'.html').then(function(r){return r.text();}).then(function(h){p.innerHTML=h;});}});});</script>""",
    FB_ALL,
    files={f"fresh-{k}.html": (_sel_row(k, 9 + i, FB_PICK[k]), HTML, 0.2) for i, k in enumerate(FB_Q)},
)

# Partner ads: the switch's aria-labelledby points at an id that no longer exists; the visible
# label is the row's first text and a description follows.
case(
    "fb6_ads_broken_labelledby_visible_label", "facebook", "ad_settings",
    """<main><h1>Ad preferences</h1><div class=row><div><div>Activity information from ad partners</div><div id=pd style="color:#65676b;font-size:13px">Partners share info about your activity with us.</div></div>"""
    + knob(True, ' aria-labelledby="x1n2onr6-label" aria-describedby=pd') + "</div></main>",
    {"partner_ads": "on"},
)


# ============================================================================================
# Microsoft
# ============================================================================================

# Flutter-like canvas: Location activity drawn on (semantics still off, one update behind); Search
# history off in both.
case(
    "ms6_canvas_semantics_lag_one_update", "microsoft", "privacy_dashboard",
    "<main><h1>Privacy dashboard</h1>" + _flutter([("Location activity", False, True), ("Search history", False, False)]) + "</main>",
    {"location_activity": Either("on"), "search_history": "off"},
)

# Fluent switch buttons whose state is only in aria-description ("On"/"Off"), drawn as knobs.
case(
    "ms6_state_only_in_aria_description", "microsoft", "privacy_dashboard",
    """<style>.fui-Switch{width:40px;height:20px;border-radius:10px;border:1px solid #616161;background:#fff}.fui-Switch.on{background:#0f6cbd;border-color:#0f6cbd}</style>
<main><h1>Privacy dashboard</h1>
<div class=row><span>Location activity</span><button type=button class="fui-Switch on" aria-label="Location activity" aria-description="On"></button></div>
<div class=row><span>Search history</span><button type=button class="fui-Switch" aria-label="Search history" aria-description="Off"></button></div></main>""",
    {"location_activity": "on", "search_history": "off"},
)

# Arabic right-to-left shell, English labels and state words in <bdi>.
case(
    "ms6_rtl_arabic_shell_bdi_english", "microsoft", "privacy_dashboard",
    """<main dir=rtl lang=ar><h1>لوحة معلومات الخصوصية</h1>
<div class=row><span><bdi lang=en>Location activity</bdi></span><span>الحالة: <bdi lang=en>Off</bdi></span><button type=button>مسح النشاط</button></div>
<div class=row><span><bdi lang=en>Search history</bdi></span><span>الحالة: <bdi lang=en>On</bdi></span><button type=button>مسح النشاط</button></div></main>""",
    {"location_activity": "off", "search_history": "on"},
)

# aria-owns: each row (a group named by its label) owns a switch that lives in a separate column,
# whose DOM order is reversed and put right by column-reverse.
case(
    "ms6_aria_owns_controls_in_reversed_column", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1><div style="display:flex;max-width:760px">
<div style="flex:1">
<div role=group aria-labelledby=l1 aria-owns=s1 style="height:48px"><span id=l1>Location activity</span><br><small>Last used today</small></div>
<div role=group aria-labelledby=l2 aria-owns=s2 style="height:48px"><span id=l2>Search history</span><br><small>1,204 searches</small></div></div>
<div style="display:flex;flex-direction:column-reverse;justify-content:flex-end">
<div style="height:48px"><button type=button id=s2 role=switch aria-checked=false></button></div>
<div style="height:48px"><button type=button id=s1 role=switch aria-checked=true></button></div></div></div></main>""",
    {"location_activity": "on", "search_history": "off"},
)

# Native checkboxes with a stale aria-checked that disagrees with the checked state; the browser
# and screen readers use the native state, and so does the picture.
case(
    "ms6_native_checkbox_aria_checked_disagrees", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1>
<div class=row><label for=c1>Location activity</label><input id=c1 type=checkbox checked aria-checked=false></div>
<div class=row><label for=c2>Search history</label><input id=c2 type=checkbox aria-checked=true></div></main>""",
    {"location_activity": "on", "search_history": "off"},
)

# State words in <data value=...> elements inside a status column.
case(
    "ms6_state_words_in_data_elements", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1>
<div class=row><span>Location activity</span><span>Status: <data value="1">On</data></span><a href="#clear">Clear</a></div>
<div class=row><span>Search history</span><span>Status: <data value="0">Off</data></span><a href="#clear">Clear</a></div></main>""",
    {"location_activity": "on", "search_history": "off"},
)

# Labels with a leading visible counter badge, a screen-reader-only counter and a <kbd> shortcut.
case(
    "ms6_kbd_shortcuts_and_leading_counters", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1>
<label class=row><span><span aria-hidden=true style="background:#0f6cbd;color:#fff;border-radius:8px;padding:0 5px">3</span><span class=sr-only>3 new events.</span> Location activity <kbd>Ctrl</kbd>+<kbd>L</kbd></span><input type=checkbox role=switch></label>
<label class=row><span>Search history <kbd>Ctrl</kbd>+<kbd>H</kbd> <span class=sr-only>(1,204 items)</span></span><input type=checkbox role=switch checked></label></main>""",
    {"location_activity": "off", "search_history": "on"},
)

# "Compact view" on (a display preference, which the reader must not flip): a summary table is
# shown, the editor rows are hidden; both say the same.
case(
    "ms6_compact_view_table_and_hidden_rows_agree", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1>
<div class=row><span id=cv>Compact view</span>""" + knob(True, " aria-labelledby=cv") + """</div>
<table><thead><tr><th>Setting</th><th>Status</th></tr></thead><tbody>
<tr><th scope=row>Location activity</th><td>On</td></tr><tr><th scope=row>Search history</th><td>On</td></tr></tbody></table>
<div style="display:none"><div class=row><label for=x1>Location activity</label><input id=x1 type=checkbox role=switch checked></div>
<div class=row><label for=x2>Search history</label><input id=x2 type=checkbox role=switch checked></div></div></main>""",
    {"location_activity": "on", "search_history": "on"},
)

# Custom elements defined late (the bundle arrives after 700 ms): before that the undefined
# elements are invisible; then each renders a named switch in its shadow root.
case(
    "ms6_custom_elements_defined_late", "microsoft", "privacy_dashboard",
    """<style>ms-setting:not(:defined){visibility:hidden}</style><main><h1>Privacy dashboard</h1>
<ms-setting label="Location activity"></ms-setting><ms-setting label="Search history" checked></ms-setting></main>
<script>setTimeout(function(){customElements.define('ms-setting',class extends HTMLElement{connectedCallback(){var r=this.attachShadow({mode:'open'});var on=this.hasAttribute('checked');
r.innerHTML='<div style="display:flex;justify-content:space-between;max-width:700px;padding:10px 0"><span id=l>'+this.getAttribute('label')+'</span><button type=button role=switch aria-checked="'+on+'" aria-labelledby=l style="width:36px;height:20px;border-radius:10px;border:0;background:'+(on?'#0f6cbd':'#bbb')+'"></button></div>';}});},700);</script>""",
    {"location_activity": "off", "search_history": "on"},
    solo=True,  # timing: the elements are defined 700 ms after load
)

# Ad settings in two tabs: "Microsoft account" shown, "This browser" fetched on first selection.
case(
    "ms6_ads_two_tabs_second_loaded_on_selection", "microsoft", "ad_settings",
    """<main><h1>Personalized ad settings</h1><div role=tablist>
<button type=button role=tab id=t1 aria-selected=true aria-controls=tp1>Microsoft account</button>
<button type=button role=tab id=t2 aria-selected=false aria-controls=tp2>This browser</button></div>
<div id=tp1 role=tabpanel aria-labelledby=t1><div class=row><label for=a1>Personalized ads wherever I use my Microsoft account</label><input id=a1 type=checkbox role=switch checked></div></div>
<div id=tp2 role=tabpanel aria-labelledby=t2 hidden></div></main>""" + tabs_js("tp2", "browser.html"),
    {"personalized_ads_account": "on", "personalized_ads_browser": "off"},
    files={"browser.html": ('<div class=row><label for=a2>Personalized ads in this browser</label><input id=a2 type=checkbox role=switch></div>', HTML, 0.3)},
)

# A two-step range (0/1) used as a switch, with aria-valuetext "On"/"Off".
case(
    "ms6_ads_binary_range_valuetext", "microsoft", "ad_settings",
    """<main><h1>Personalized ad settings</h1>
<div class=row><label for=r1>Personalized ads wherever I use my Microsoft account</label><input id=r1 type=range min=0 max=1 step=1 value=0 aria-valuetext="Off" style="width:44px"></div>
<div class=row><label for=r2>Personalized ads in this browser</label><input id=r2 type=range min=0 max=1 step=1 value=1 aria-valuetext="On" style="width:44px"></div></main>""",
    {"personalized_ads_account": "off", "personalized_ads_browser": "on"},
)

# An open "Quick settings" popover (shown by script) says the browser setting is on; the page's
# switch says off: two answers, no value. The account setting agrees in both.
case(
    "ms6_ads_quick_settings_popover_disagrees", "microsoft", "ad_settings",
    """<main><h1>Personalized ad settings</h1>
<div class=row><label for=p1>Personalized ads wherever I use my Microsoft account</label><input id=p1 type=checkbox role=switch></div>
<div class=row><label for=p2>Personalized ads in this browser</label><input id=p2 type=checkbox role=switch></div></main>
<div id=qs popover=manual aria-label="Quick settings" style="position:fixed;top:10px;right:10px;margin:0;border:1px solid #ccc;padding:10px">
<strong>Quick settings</strong>
<div class=row><label for=q1>Personalized ads wherever I use my Microsoft account</label><input id=q1 type=checkbox role=switch></div>
<div class=row><label for=q2>Personalized ads in this browser</label><input id=q2 type=checkbox role=switch checked></div></div>
<script>document.getElementById('qs').showPopover();</script>""",
    {"personalized_ads_account": "off", "personalized_ads_browser": None},
)

# Safari's switch checkbox (<input type=checkbox switch>; Chromium draws a checkbox).
case(
    "ms6_ads_input_switch_attribute", "microsoft", "ad_settings",
    """<main><h1>Personalized ad settings</h1>
<div class=row><label><input type=checkbox switch checked> Personalized ads wherever I use my Microsoft account</label></div>
<div class=row><label><input type=checkbox switch> Personalized ads in this browser</label></div></main>""",
    {"personalized_ads_account": "on", "personalized_ads_browser": "off"},
)

# Labels and status words placed by grid-template-areas, the status words first in the DOM.
case(
    "ms6_ads_grid_template_areas_status_first", "microsoft", "ad_settings",
    """<main><h1>Personalized ad settings</h1><div style="display:grid;grid-template-areas:'a sa' 'b sb';grid-template-columns:1fr auto;gap:14px;max-width:760px">
<span style="grid-area:sb">On</span><span style="grid-area:sa">Off</span>
<span style="grid-area:a">Personalized ads wherever I use my Microsoft account</span><span style="grid-area:b">Personalized ads in this browser</span></div></main>""",
    {"personalized_ads_account": "off", "personalized_ads_browser": "on"},
)


# The label lives in a custom element's shadow root; the light-DOM switch beside it points at the
# label's id with aria-labelledby, which cannot cross the shadow boundary (no name). A person sees
# the label beside the switch.
case(
    "ms6_cross_shadow_labelledby_unresolved", "microsoft", "privacy_dashboard",
    """<script>customElements.define('ms-label',class extends HTMLElement{constructor(){super();this.attachShadow({mode:'open'}).innerHTML='<span id="'+this.getAttribute('for-id')+'">'+this.getAttribute('text')+'</span>';}});</script>
<main><h1>Privacy dashboard</h1>
<div class=row><ms-label for-id=ll text="Location activity"></ms-label><button type=button role=switch aria-checked=true aria-labelledby=ll></button></div>
<div class=row><ms-label for-id=sl text="Search history"></ms-label><button type=button role=switch aria-checked=false aria-labelledby=sl></button></div></main>""",
    {"location_activity": "on", "search_history": "off"},
)

# Ad settings in two sections hidden with hidden=until-found behind disclosure buttons.
case(
    "ms6_ads_hidden_until_found_sections", "microsoft", "ad_settings",
    """<main><h1>Personalized ad settings</h1>
<h2><button type=button aria-expanded=false aria-controls=s1>Microsoft account</button></h2>
<div id=s1 hidden=until-found><div class=row><label for=c1>Personalized ads wherever I use my Microsoft account</label><input id=c1 type=checkbox role=switch></div></div>
<h2><button type=button aria-expanded=false aria-controls=s2>This browser</button></h2>
<div id=s2 hidden=until-found><div class=row><label for=c2>Personalized ads in this browser</label><input id=c2 type=checkbox role=switch checked></div></div></main>
<script>document.querySelectorAll('button[aria-controls]').forEach(function(b){var p=document.getElementById(b.getAttribute('aria-controls'));
function show(o){b.setAttribute('aria-expanded',String(o));if(o)p.removeAttribute('hidden');else p.setAttribute('hidden','until-found');}
b.addEventListener('click',function(){show(b.getAttribute('aria-expanded')!=='true');});p.addEventListener('beforematch',function(){show(true);});});</script>""",
    {"personalized_ads_account": "off", "personalized_ads_browser": "on"},
)


# --------------------------------------------------------------------------------------------
# known reader failures (what the reader got), filled from runs
# --------------------------------------------------------------------------------------------

XFAIL.update({
    # known limits after the fixes of this round (first run: 21 of 52 wrong, 17 fixed)
    "g6_auto_delete_hidden_until_found_panel": "the radios sit in a hidden=until-found panel behind 'Auto-delete options': a button with 'delete' in its name is never pressed (it may act on the setting), so auto_delete stays None",
    "ms6_cross_shadow_labelledby_unresolved": "switches whose aria-labelledby points into another shadow root (no name), label beside them: both None",
    # the semantics layer of a canvas app one update behind the drawing: what a screen reader hears is
    # read; only the pixels say otherwise (confidently wrong, as a screen reader is)
    "fb6_ads_canvas_semantics_lag_one_update": "read the lagging semantics overlay: partner_ads 'off' at 1.0 while the canvas shows on",
    "ms6_canvas_semantics_lag_one_update": "read the lagging semantics overlay: location_activity 'off' at 1.0 while the canvas shows on",
})


test_cases_are_distinct_and_cover_the_packs, test_redteam_page_6 = SUITE.tests(at_least=40, every_key=True)
