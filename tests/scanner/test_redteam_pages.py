# ruff: noqa: E501
"""Red-team settings pages: markup nobody on the team wrote, the way real platforms (and their
redesigns) write it, read through the one public entry point ``read_page_settled``.

Each case is a page served by a local HTTP server (so same-origin iframes and delayed ``fetch`` work)
and loaded into real Chromium (one browser per module). Expectations follow what a person (or a
screen reader user) can tell on screen:

* a plain value: the setting must be read with exactly that value, and not reported as a conflict;
* ``None``: nobody could tell (no value shown, or two live visible copies disagree): the reader must
  return no value for it (value ``None``, no reading, or the key in ``.conflicts``), never a value;
* ``Either(v)``: the value is only reachable by doing something that is not a settings change
  (an inactive tab, scrolling a virtualized list): the reader may return ``v`` or nothing, never
  another value.

Every page records clicks, change/input/keydown/submit events (in the document, in open and closed
shadow roots and in same-origin iframes); only clicks on disclosure widgets (``aria-expanded``
buttons, ``summary``) and tabs are allowed. The page URL must not change either.
"""

from __future__ import annotations

import pytest

from tests.scanner.redteam_harness import DISCLOSURES, HTML, JSON, Either, Suite, recorder

pytestmark = pytest.mark.browser

BASE_CSS = """<style>
body{font-family:Roboto,Arial,sans-serif;margin:0;padding:16px;color:#202124}
.sr-only{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
.row{display:flex;align-items:center;justify-content:space-between;gap:16px;padding:12px 0;border-bottom:1px solid #ddd;max-width:760px}
[role=switch]{display:inline-block;min-width:36px;height:20px;border-radius:10px;background:#bbb;border:0;position:relative}
[role=switch][aria-checked=true]{background:#1a73e8}
.chip,.pill,.badge{display:inline-block;border-radius:12px;padding:2px 8px;font-size:12px;background:#e8f0fe}
</style>"""

# This file's own judging (confident=0.0: any reading counts, whatever its confidence; the stricter
# CONFIDENT judging of round 2 fails managed_greyed_copies, whose location_activity 'off' is read at
# 0.5), its own recorder (any event on a disclosure widget is allowed, [role=button][aria-expanded]
# included; no 'reset'), and its pages read one at a time.
SUITE = Suite(
    css=BASE_CSS,
    recorder=recorder(allowed=DISCLOSURES + ", [role=button][aria-expanded]:not([aria-haspopup=listbox])",
                      types=("click", "dblclick", "auxclick", "change", "input", "keydown", "submit"), clicks_only=False),
    confident=0.0,
    concurrency=1,
)
CASES = SUITE.cases
case = SUITE.case
doc = SUITE.doc
site, outcomes = SUITE.fixtures()

# --------------------------------------------------------------------------------------------
# the pages
# --------------------------------------------------------------------------------------------


# 1. MUI FormControlLabel + Switch: a plain checkbox input, transparent, over a styled track.
case(
    "mui_switch_formcontrollabel", "google", "activity_controls",
    """<style>
.MuiFormControlLabel-root{display:flex;align-items:center;cursor:pointer}
.MuiSwitch-root{position:relative;display:inline-flex;width:58px;height:38px;overflow:hidden;padding:12px;box-sizing:border-box}
.MuiSwitch-switchBase{position:absolute;top:0;left:0;padding:9px}
.MuiSwitch-switchBase.Mui-checked{transform:translateX(20px)}
.MuiSwitch-input{position:absolute;opacity:0;margin:0;left:-100%;top:0;width:300%;height:100%;cursor:inherit}
.MuiSwitch-thumb{display:block;width:20px;height:20px;border-radius:50%;background:#fafafa;box-shadow:0 1px 3px #0006}
.MuiSwitch-track{display:block;width:100%;height:100%;border-radius:7px;background:#000;opacity:.38}
.Mui-checked + .MuiSwitch-track{background:#1976d2;opacity:.5}
</style>
<main><h1>Activity controls</h1>
<div class="MuiFormGroup-root">
 <label class="MuiFormControlLabel-root"><span class="MuiSwitch-root"><span class="MuiButtonBase-root MuiSwitch-switchBase Mui-checked"><input class="PrivateSwitchBase-input MuiSwitch-input" type="checkbox" checked><span class="MuiSwitch-thumb"></span></span><span class="MuiSwitch-track"></span></span><span class="MuiTypography-root MuiFormControlLabel-label">Web &amp; App Activity</span></label>
 <label class="MuiFormControlLabel-root"><span class="MuiSwitch-root"><span class="MuiButtonBase-root MuiSwitch-switchBase"><input class="PrivateSwitchBase-input MuiSwitch-input" type="checkbox"><span class="MuiSwitch-thumb"></span></span><span class="MuiSwitch-track"></span></span><span class="MuiTypography-root MuiFormControlLabel-label">Timeline</span></label>
 <label class="MuiFormControlLabel-root"><span class="MuiSwitch-root"><span class="MuiButtonBase-root MuiSwitch-switchBase Mui-checked"><input class="PrivateSwitchBase-input MuiSwitch-input" type="checkbox" checked><span class="MuiSwitch-thumb"></span></span><span class="MuiSwitch-track"></span></span><span class="MuiTypography-root MuiFormControlLabel-label">YouTube History</span></label>
</div></main>""",
    {"web_app_activity": "on", "timeline": "off", "youtube_history": "on"},
)

# 2. Radix-style switch: <button role=switch value="on"> always carries value="on"; hidden bubble input mirrors state.
case(
    "radix_switch_value_on_decoy", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<div class=row><label for=s1>Web &amp; App Activity</label><button type=button role=switch aria-checked=false data-state=unchecked value=on id=s1><span data-state=unchecked></span></button><input type=checkbox aria-hidden=true tabindex=-1 value=on style="transform:translateX(-100%);position:absolute;pointer-events:none;opacity:0;margin:0;width:36px;height:20px"></div>
<div class=row><label for=s2>Timeline</label><button type=button role=switch aria-checked=true data-state=checked value=on id=s2><span data-state=checked></span></button><input type=checkbox aria-hidden=true tabindex=-1 value=on checked style="transform:translateX(-100%);position:absolute;pointer-events:none;opacity:0;margin:0;width:36px;height:20px"></div>
<div class=row><label for=s3>YouTube History</label><button type=button role=switch aria-checked=false data-state=unchecked value=on id=s3><span data-state=unchecked></span></button><input type=checkbox aria-hidden=true tabindex=-1 value=on style="transform:translateX(-100%);position:absolute;pointer-events:none;opacity:0;margin:0;width:36px;height:20px"></div>
</main>""",
    {"web_app_activity": "off", "timeline": "on", "youtube_history": "off"},
)

# 3. Labels split across elements (and a &nbsp;), switches named by aria-labelledby or by adjacency only.
case(
    "split_label_spans", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<div class=row><div id=l1 class=title><span>Web &amp;</span> <span>App Activity</span></div><div role=switch tabindex=0 aria-checked=false aria-labelledby=l1></div></div>
<div class=row><div id=l2 class=title><span>Time</span><span>line</span></div><div role=switch tabindex=0 aria-checked=true aria-labelledby=l2></div></div>
<div class=row><div class=title><span>YouTube</span>&nbsp;<b>History</b></div><div role=switch tabindex=0 aria-checked=true></div></div>
</main>""",
    {"web_app_activity": "off", "timeline": "on", "youtube_history": "on"},
)

# 4. Label with a "New" badge inside the accessible name, plus ad-topic rows full of "Allowed" chips.
case(
    "badge_in_label_adcenter", "google", "ad_center",
    """<main><h1>My Ad Center</h1>
<section class=card><h2 id=pa>Personalized ads <span class=badge>New</span></h2>
 <p>Ads are based on your activity and info you've given Google.</p>
 <button role=switch aria-checked=true aria-labelledby=pa></button></section>
<section class=card><h2>Sensitive ad topics</h2>
 <div class=row><span>Alcohol</span><span class=chip>Allowed</span></div>
 <div class=row><span>Gambling</span><span class=chip>Not allowed</span></div>
 <div class=row><span>Dating</span><span class=chip>Allowed</span></div>
</section></main>""",
    {"personalized_ads": "on"},
)

# 5. A section named by its heading; the switch inside has no name of its own. Old label "Location History".
case(
    "heading_names_section", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<section aria-labelledby=h1s><h2 id=h1s>Web &amp; App Activity</h2><p>Saves your activity on Google sites and apps.</p><button role=switch aria-checked=true></button></section>
<section aria-labelledby=h2s><h2 id=h2s>Location History</h2><p>Saves where you go with your devices.</p><button role=switch aria-checked=false></button></section>
<section aria-labelledby=h3s><h2 id=h3s>YouTube History</h2><p>Saves the videos you watch.</p><button role=switch aria-checked=false></button></section>
</main>""",
    {"web_app_activity": "on", "timeline": "off", "youtube_history": "off"},
)

# 6. My Activity cards: a status chip and an action button whose text names the opposite state.
case(
    "status_chip_and_turn_buttons", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<div class=card data-id=webandapp><h2>Web &amp; App Activity</h2><span class=chip>On</span><button type=button onclick="this.previousElementSibling.textContent='Off'">Turn off</button></div>
<div class=card data-id=timeline><h2>Timeline</h2><span class=chip>Off</span><button type=button onclick="this.previousElementSibling.textContent='On'">Turn on</button></div>
<div class=card data-id=yt><h2>YouTube History</h2><span class=chip>Paused</span><button type=button onclick="this.previousElementSibling.textContent='On'">Turn on</button></div>
</main>""",
    {"web_app_activity": "on", "timeline": "off", "youtube_history": "off"},
)

# 7. Status given only by icons with an accessible name (svg role=img aria-label, span role=img, svg <title>).
case(
    "icon_role_img_status", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<div class=row><span>Web &amp; App Activity</span><span role=img aria-label="Turned on" style="display:inline-block;width:16px;height:16px;background:#188038;border-radius:50%"></span></div>
<div class=row><span>Timeline</span><svg role=img width=16 height=16 viewBox="0 0 16 16"><title>Off</title><circle cx=8 cy=8 r=7 fill=#999 /></svg></div>
<div class=row><span>YouTube History</span><svg role=img aria-label="Paused" width=16 height=16 viewBox="0 0 16 16"><rect x=3 y=2 width=3 height=12 /><rect x=10 y=2 width=3 height=12 /></svg></div>
</main>""",
    {"web_app_activity": "on", "timeline": "off", "youtube_history": "off"},
)

# 8. A table of settings with a history column that mentions the former state.
case(
    "settings_table_with_history_column", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<table><thead><tr><th>Setting</th><th>Status</th><th>Last change</th><th></th></tr></thead><tbody>
<tr><td>Web &amp; App Activity</td><td>On</td><td>Was off until 12 Mar 2024</td><td><a href="/elsewhere">Manage</a></td></tr>
<tr><td>Timeline</td><td>Paused</td><td>Was on until 2 Jan 2024</td><td><a href="/elsewhere">Manage</a></td></tr>
<tr><td>YouTube History</td><td>On</td><td>Never changed</td><td><a href="/elsewhere">Manage</a></td></tr>
</tbody></table></main>""",
    {"web_app_activity": "on", "timeline": "off", "youtube_history": "on"},
)

# 9. A definition list; "Inactive" must not be read as "Active".
case(
    "definition_list_inactive", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<dl>
 <div class=row><dt>Web &amp; App Activity</dt><dd>Turned on</dd></div>
 <div class=row><dt>Timeline</dt><dd>Active</dd></div>
 <div class=row><dt>YouTube History</dt><dd>Inactive</dd></div>
</dl></main>""",
    {"web_app_activity": "on", "timeline": "on", "youtube_history": "off"},
)

# 10. Cards with "Manage" links; one whole card is a link.
case(
    "cards_with_manage_links", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<div class=card><h3>Web &amp; App Activity</h3><p>Paused</p><a href="/elsewhere/webandapp">Manage</a></div>
<div class=card><h3>Timeline</h3><p>On</p><a href="/elsewhere/timeline" aria-label="Manage Timeline">Manage</a></div>
<a class=card href="/elsewhere/youtube" style="display:block;color:inherit;text-decoration:none"><h3>YouTube History</h3><p>Off</p><span>Manage all YouTube History</span></a>
</main>""",
    {"web_app_activity": "off", "timeline": "on", "youtube_history": "off"},
)

_ACCORDION_JS = """<script>
document.querySelectorAll('button[aria-expanded]').forEach(function (b) {
  b.addEventListener('click', function () {
    var open = b.getAttribute('aria-expanded') === 'true';
    b.setAttribute('aria-expanded', String(!open));
    document.getElementById(b.getAttribute('aria-controls')).hidden = open;
  });
});
</script>"""

# 11. Expansion panels whose header shows the status.
case(
    "accordion_status_in_header", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<h3><button aria-expanded=false aria-controls=p1 id=b1><span>Web &amp; App Activity</span> <span class=pill>On</span></button></h3>
<div id=p1 role=region aria-labelledby=b1 hidden><p>Saves your activity.</p><button role=switch aria-checked=true aria-label="Web &amp; App Activity"></button></div>
<h3><button aria-expanded=false aria-controls=p2 id=b2><span>Timeline</span> <span class=pill>Off</span></button></h3>
<div id=p2 role=region aria-labelledby=b2 hidden><button role=switch aria-checked=false aria-label="Timeline"></button></div>
<h3><button aria-expanded=false aria-controls=p3 id=b3><span>YouTube History</span> <span class=pill>On</span></button></h3>
<div id=p3 role=region aria-labelledby=b3 hidden><button role=switch aria-checked=true aria-label="YouTube History"></button></div>
</main>""" + _ACCORDION_JS,
    {"web_app_activity": "on", "timeline": "off", "youtube_history": "on"},
)

# 12. Collapsed accordion panels are the only place the value is shown (opening a disclosure is fair).
case(
    "accordion_value_only_inside", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<h3><button aria-expanded=false aria-controls=q1 id=c1>Web &amp; App Activity</button></h3>
<div id=q1 role=region aria-labelledby=c1 hidden><div class=row><span>Web &amp; App Activity</span><button role=switch aria-checked=false aria-label="Web &amp; App Activity"></button></div></div>
<h3><button aria-expanded=false aria-controls=q2 id=c2>Timeline</button></h3>
<div id=q2 role=region aria-labelledby=c2 hidden><div class=row><span>Timeline</span><button role=switch aria-checked=true aria-label="Timeline"></button></div></div>
<h3><button aria-expanded=true aria-controls=q3 id=c3>YouTube History</button></h3>
<div id=q3 role=region aria-labelledby=c3><div class=row><span>YouTube History</span><button role=switch aria-checked=true aria-label="YouTube History"></button></div></div>
</main>""" + _ACCORDION_JS,
    {"web_app_activity": "off", "timeline": "on", "youtube_history": "on"},
)

# 13. Tabs: one inactive hidden panel holds a setting, another holds a stale change log.
case(
    "tabs_hidden_panel_and_stale_log", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<div role=tablist><button role=tab id=t1 aria-selected=true aria-controls=tp1>Overview</button><button role=tab id=t2 aria-selected=false aria-controls=tp2 tabindex=-1>YouTube</button><button role=tab id=t3 aria-selected=false aria-controls=tp3 tabindex=-1>Change history</button></div>
<div role=tabpanel id=tp1 aria-labelledby=t1>
 <div class=row><span id=a1>Web &amp; App Activity</span><button role=switch aria-checked=true aria-labelledby=a1></button></div>
 <div class=row><span id=a2>Timeline</span><button role=switch aria-checked=false aria-labelledby=a2></button></div>
</div>
<div role=tabpanel id=tp2 aria-labelledby=t2 hidden>
 <div class=row><span id=a3>YouTube History</span><button role=switch aria-checked=true aria-labelledby=a3></button></div>
</div>
<div role=tabpanel id=tp3 aria-labelledby=t3 hidden>
 <ul><li>Web &amp; App Activity: Off (2 Jan 2023)</li><li>Timeline: On (5 Jan 2023)</li><li>YouTube History: Off (9 Jan 2023)</li></ul>
</div></main>""",
    {"web_app_activity": "on", "timeline": "off", "youtube_history": Either("on")},
)

# 14. Virtualized list: rows absolutely positioned, DOM order reversed, far rows not rendered until scrolled.
case(
    "virtualized_list", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<div id=vp role=list style="height:180px;overflow:auto;position:relative;max-width:600px;border:1px solid #ccc"><div id=inner style="position:relative"></div></div>
<script>
var ROWS = [["Web & App Activity", true], ["Voice & Audio Activity", false], ["Search personalization", true], ["Device Information", false], ["Google Assistant", true], ["Timeline", false], ["Ad personalization in Search", true], ["Chrome sync", false], ["Android backups", true], ["Photos face groups", false], ["YouTube History", true], ["Play activity", false]];
var H = 60, vp = document.getElementById('vp'), inner = document.getElementById('inner');
inner.style.height = (ROWS.length * H) + 'px';
function render() {
  var first = Math.max(0, Math.floor(vp.scrollTop / H) - 1), last = Math.min(ROWS.length - 1, Math.ceil((vp.scrollTop + vp.clientHeight) / H));
  inner.textContent = '';
  for (var i = last; i >= first; i--) {
    var r = document.createElement('div'); r.setAttribute('role', 'listitem'); r.className = 'row';
    r.style.cssText = 'position:absolute;left:0;right:0;height:' + H + 'px;transform:translateY(' + (i * H) + 'px);padding:0 8px;box-sizing:border-box';
    var id = 'vl' + i;
    r.innerHTML = '<span id=' + id + '></span><div role=switch tabindex=0 aria-labelledby=' + id + ' aria-checked=' + ROWS[i][1] + '></div>';
    r.firstChild.textContent = ROWS[i][0];
    inner.appendChild(r);
  }
}
vp.addEventListener('scroll', render); render();
</script></main>""",
    {"web_app_activity": "on", "timeline": Either("off"), "youtube_history": Either("on")},
)

# 15. Lit-style web components: nested open shadow roots, label by attribute or slotted light DOM.
case(
    "lit_nested_shadow_rows", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<ga-setting-row label="Web &amp; App Activity" checked></ga-setting-row>
<ga-setting-row label="Timeline"></ga-setting-row>
<ga-setting-row checked><span slot=label>YouTube History</span></ga-setting-row>
</main>
<script>
class GaSwitch extends HTMLElement {
  static get observedAttributes() { return ['checked', 'label']; }
  constructor() { super(); this.attachShadow({mode: 'open'}).innerHTML = '<style>button{width:36px;height:20px;border-radius:10px;border:0;background:#bbb}button[aria-checked=true]{background:#1a73e8}</style><button role=switch aria-checked=false></button>'; }
  attributeChangedCallback() { var b = this.shadowRoot.querySelector('button'); b.setAttribute('aria-checked', String(this.hasAttribute('checked'))); if (this.getAttribute('label')) b.setAttribute('aria-label', this.getAttribute('label')); }
}
customElements.define('ga-switch', GaSwitch);
class GaSettingRow extends HTMLElement {
  constructor() { super(); this.attachShadow({mode: 'open'}); }
  connectedCallback() {
    var label = this.getAttribute('label');
    this.shadowRoot.innerHTML = '<style>:host{display:flex;justify-content:space-between;max-width:600px;padding:12px 0;border-bottom:1px solid #ddd}</style><div class=label part=label><slot name=label></slot></div><ga-switch></ga-switch>';
    if (label) this.shadowRoot.querySelector('.label').append(label);
    var sw = this.shadowRoot.querySelector('ga-switch');
    if (label) sw.setAttribute('label', label);
    if (this.hasAttribute('checked')) sw.setAttribute('checked', '');
  }
}
customElements.define('ga-setting-row', GaSettingRow);
</script>""",
    {"web_app_activity": "on", "timeline": "off", "youtube_history": "on"},
)

# 16. Form-associated custom switches: md-switch-like (shadow input, state set by property only) and
#     a fluent-switch-like host whose role/state live only in ElementInternals (what a screen reader reads).
case(
    "form_associated_custom_switches", "microsoft", "ad_settings",
    """<main><h1>Personalized ad settings</h1>
<div class=row><label><span>Personalized ads wherever I use my Microsoft account</span> <md-switch selected></md-switch></label></div>
<div class=row><span id=fbl>Personalized ads in this browser</span> <x-fluent-switch aria-labelledby=fbl></x-fluent-switch></div>
</main>
<script>
class MdSwitch extends HTMLElement {
  static formAssociated = true;
  constructor() { super(); this.attachShadow({mode: 'open', delegatesFocus: true}).innerHTML = '<style>input{appearance:none;width:36px;height:20px;border-radius:10px;background:#bbb;margin:0}input:checked{background:#0067b8}</style><input type=checkbox role=switch>'; }
  connectedCallback() { var i = this.shadowRoot.querySelector('input'); i.checked = this.hasAttribute('selected'); }
}
customElements.define('md-switch', MdSwitch);
class XFluentSwitch extends HTMLElement {
  static formAssociated = true;
  constructor() { super(); this._i = this.attachInternals(); this._i.role = 'switch'; this._i.ariaChecked = 'false'; this.tabIndex = 0;
    this.attachShadow({mode: 'closed'}).innerHTML = '<style>:host{display:inline-block;width:40px;height:20px;border-radius:10px;border:1px solid #616161}:host(:state(checked)){background:#0f6cbd}</style><span part=thumb></span>'; }
  connectedCallback() { this._i.ariaChecked = 'false'; }
}
customElements.define('x-fluent-switch', XFluentSwitch);
</script>""",
    {"personalized_ads_account": "on", "personalized_ads_browser": "off"},
)

# 17. Same-origin iframe holding Fluent UI toggles.
_FLUENT_FRAME = doc("""<style>.ms-Toggle{margin:12px 0}.ms-Toggle-innerContainer{display:flex;gap:8px;align-items:center}.ms-Toggle-background{width:40px;height:20px;border-radius:10px;border:1px solid #605e5c;background:#fff}.is-checked .ms-Toggle-background{background:#0078d4}</style>
<div class="ms-Toggle is-checked"><label class=ms-Label for=tg1>Location activity</label><div class=ms-Toggle-innerContainer><button type=button id=tg1 role=switch aria-checked=true class=ms-Toggle-background><span class=ms-Toggle-thumb></span></button><label class="ms-Label ms-Toggle-stateText" for=tg1>On</label></div></div>
<div class="ms-Toggle"><label class=ms-Label for=tg2>Search history</label><div class=ms-Toggle-innerContainer><button type=button id=tg2 role=switch aria-checked=false class=ms-Toggle-background><span class=ms-Toggle-thumb></span></button><label class="ms-Label ms-Toggle-stateText" for=tg2>Off</label></div></div>""")
case(
    "same_origin_iframe_fluent", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1><iframe src="frame.html" title="Activity settings" style="width:100%;height:300px;border:0"></iframe></main>""",
    {"location_activity": "on", "search_history": "off"},
    files={"frame.html": (_FLUENT_FRAME, HTML, 0.3)},
)

# 18. Lazy rendering: a progressbar first, rows inserted 700 ms later without any network request.
case(
    "lazy_render_after_timer", "google", "activity_controls",
    """<main><h1>Activity controls</h1><div id=list><div role=progressbar aria-label="Loading" aria-busy=true>Loading…</div></div></main>
<script>
setTimeout(function () {
  document.getElementById('list').innerHTML = '<div class=row><span id=z1>Web &amp; App Activity</span><button role=switch aria-checked=false aria-labelledby=z1></button></div>' +
    '<div class=row><span id=z2>Timeline</span><button role=switch aria-checked=true aria-labelledby=z2></button></div>' +
    '<div class=row><span id=z3>YouTube History</span><button role=switch aria-checked=false aria-labelledby=z3></button></div>';
}, 700);
</script>""",
    {"web_app_activity": "off", "timeline": "on", "youtube_history": "off"},
)

# 19. Skeleton placeholders replaced after a fetch that takes 1.2 s.
case(
    "skeleton_then_fetch", "facebook", "privacy",
    """<style>.sk{height:14px;background:linear-gradient(90deg,#eee,#ddd,#eee);border-radius:4px;width:60%;margin:14px 0}</style>
<main><h1>Privacy settings</h1><div id=rows aria-busy=true><div class=sk></div><div class=sk></div><div class=sk></div><div class=sk></div></div></main>
<script>
fetch('api.json').then(function (r) { return r.json(); }).then(function (d) {
  var rows = document.getElementById('rows'); rows.textContent = ''; rows.removeAttribute('aria-busy');
  d.rows.forEach(function (x) {
    var r = document.createElement('div'); r.className = 'row';
    var q = document.createElement('span'); q.textContent = x.q;
    var v = document.createElement('div'); v.setAttribute('role', 'combobox'); v.setAttribute('aria-expanded', 'false'); v.setAttribute('aria-haspopup', 'listbox'); v.tabIndex = 0; v.textContent = x.v;
    r.append(q, v); rows.append(r);
  });
});
</script>""",
    {"future_posts_audience": "only_me", "friend_requests": "everyone", "lookup_email": "friends", "search_engine_link": None},
    files={"api.json": ('{"rows":[{"q":"Who can see your future posts?","v":"Only me"},{"q":"Who can send you friend requests?","v":"Everyone"},{"q":"Who can look you up using the email address you provided?","v":"Friends"}]}', JSON, 1.2)},
)

# 20. Switches render a default (off) state, then the real state arrives from a fetch (1.2 s).
case(
    "default_state_then_fetch_update", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<div class=row><span id=d1>Web &amp; App Activity</span><button role=switch aria-checked=false aria-labelledby=d1 data-k=waa></button></div>
<div class=row><span id=d2>Timeline</span><button role=switch aria-checked=false aria-labelledby=d2 data-k=tl></button></div>
<div class=row><span id=d3>YouTube History</span><button role=switch aria-checked=false aria-labelledby=d3 data-k=yt></button></div>
</main>
<script>
fetch('state.json').then(function (r) { return r.json(); }).then(function (d) {
  document.querySelectorAll('[data-k]').forEach(function (b) { b.setAttribute('aria-checked', String(d[b.dataset.k])); });
});
</script>""",
    {"web_app_activity": "on", "timeline": "off", "youtube_history": "on"},
    files={"state.json": ('{"waa": true, "tl": false, "yt": true}', JSON, 1.2)},
)

# 21. Optimistic default (on) then the account's state (off) from a slower fetch (2 s); no busy marker.
case(
    "optimistic_default_then_slow_fetch", "microsoft", "ad_settings",
    """<main><h1>Personalized ad settings</h1>
<div class=row><label for=m1>Personalized ads wherever I use my Microsoft account</label><input type=checkbox role=switch id=m1 checked></div>
<div class=row><label for=m2>Personalized ads in this browser</label><input type=checkbox role=switch id=m2 checked></div>
</main>
<script>
fetch('prefs.json').then(function (r) { return r.json(); }).then(function (d) {
  document.getElementById('m1').checked = d.account; document.getElementById('m2').checked = d.browser;
});
</script>""",
    {"personalized_ads_account": "off", "personalized_ads_browser": "off"},
    files={"prefs.json": ('{"account": false, "browser": false}', JSON, 2.0)},
)

# 22. The label text exists only as screen-reader text next to icons.
case(
    "sr_only_label_text", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<div class=row><label for=r1><svg aria-hidden=true width=20 height=20><circle cx=10 cy=10 r=9 /></svg><span class=sr-only>Web &amp; App Activity</span></label><input type=checkbox role=switch id=r1 checked></div>
<div class=row><label for=r2><svg aria-hidden=true width=20 height=20><rect width=18 height=18 /></svg><span class=sr-only>Timeline</span></label><input type=checkbox role=switch id=r2></div>
<div class=row><span aria-hidden=true>YT history</span><span class=sr-only>YouTube History</span><input type=checkbox role=switch id=r3 checked aria-label="YouTube History"></div>
</main>""",
    {"web_app_activity": "on", "timeline": "off", "youtube_history": "on"},
)

# 23. A greyed, disabled managed setting (still readable) and a greyed summary copy that agrees.
case(
    "managed_greyed_copies", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1>
<div class=summary style="opacity:.5"><span>Search history</span>: <span>On</span></div>
<div class=row style="color:#a19f9d"><label for=g1>Location activity</label><input type=checkbox role=switch id=g1 disabled aria-describedby=g1n><span id=g1n>Managed by your organization</span></div>
<div class=row><label for=g2>Search history</label><input type=checkbox role=switch id=g2 checked></div>
</main>""",
    {"location_activity": "off", "search_history": "on"},
)

# 24. Print-only, hidden, template, visibility:hidden and closed-dialog copies that contradict the screen.
case(
    "print_only_and_hidden_copies", "google", "activity_controls",
    """<style>.print-only{display:none}@media print{.print-only{display:block}.screen{display:none}}</style>
<main><h1>Activity controls</h1>
<div class=screen>
 <div class=row><span id=p1>Web &amp; App Activity</span><button role=switch aria-checked=true aria-labelledby=p1></button></div>
 <div class=row><span id=p2>Timeline</span><button role=switch aria-checked=false aria-labelledby=p2></button></div>
 <div class=row><span id=p3>YouTube History</span><button role=switch aria-checked=true aria-labelledby=p3></button></div>
</div>
<div class=print-only><p>Web &amp; App Activity: Off</p><p>Timeline: On</p><p>YouTube History: Off</p></div>
<template><div class=row><span>Web &amp; App Activity</span><button role=switch aria-checked=false></button></div></template>
<div hidden><span>Timeline</span><button role=switch aria-checked=true aria-label=Timeline></button></div>
<div style="visibility:hidden"><span>YouTube History</span><span>Off</span></div>
<dialog><p>Turn off Web &amp; App Activity?</p><button>Turn off</button></dialog>
</main>""",
    {"web_app_activity": "on", "timeline": "off", "youtube_history": "on"},
)

# 25. Non-modal cookie banner with its own checkboxes, over the ad center.
case(
    "cookie_banner_nonmodal", "google", "ad_center",
    """<main><h1>My Ad Center</h1>
<div class=row><span id=pa1>Personalized ads</span><button role=switch aria-checked=true aria-labelledby=pa1></button></div>
</main>
<div role=region aria-label="Cookie consent" style="position:fixed;bottom:0;left:0;right:0;background:#fff;border-top:2px solid #333;padding:16px">
 <p>We use cookies to deliver and maintain services and to show personalized ads.</p>
 <label><input type=checkbox checked disabled> Necessary</label>
 <label><input type=checkbox> Advertising (personalized ads)</label>
 <button type=button>Reject all</button><button type=button>Accept all</button>
</div>""",
    {"personalized_ads": "on"},
)

# 26. react-modal: the app root gets aria-hidden=true while a welcome dialog is open; the page stays visible behind a dim overlay.
case(
    "react_modal_aria_hidden_root", "google", "activity_controls",
    """<div id=root aria-hidden=true><main><h1>Activity controls</h1>
 <div class=row><span id=o1>Web &amp; App Activity</span><button role=switch aria-checked=false aria-labelledby=o1></button></div>
 <div class=row><span id=o2>Timeline</span><button role=switch aria-checked=true aria-labelledby=o2></button></div>
 <div class=row><span id=o3>YouTube History</span><button role=switch aria-checked=true aria-labelledby=o3></button></div>
</main></div>
<div class=ReactModalPortal><div class=ReactModal__Overlay style="position:fixed;inset:0;background:rgba(0,0,0,.35)">
 <div class=ReactModal__Content role=dialog aria-modal=true aria-label="Welcome" style="position:absolute;top:40%;left:30%;right:30%;background:#fff;padding:16px">
  <h2>Welcome to the new Activity controls</h2><p>Your settings are now on one page.</p><button type=button>Got it</button></div></div></div>""",
    {"web_app_activity": "off", "timeline": "on", "youtube_history": "on"},
)

# 27. A native <dialog> opened with showModal() (everything behind it is inert but visible).
case(
    "native_dialog_showmodal_inert", "microsoft", "ad_settings",
    """<main><h1>Personalized ad settings</h1>
<div class=row><label for=n1>Personalized ads wherever I use my Microsoft account</label><button role=switch aria-checked=true id=n1></button></div>
<div class=row><label for=n2>Personalized ads in this browser</label><button role=switch aria-checked=false id=n2></button></div>
</main>
<dialog id=cookie><h2>Your privacy choices</h2><p>We use optional cookies for analytics and personalized ads.</p><button>Accept</button><button>Reject</button><button>Manage cookies</button></dialog>
<script>document.getElementById('cookie').showModal();</script>""",
    {"personalized_ads_account": "on", "personalized_ads_browser": "off"},
)

# 28. Native selects with optgroups; the shown choice set by property differs from the selected attribute.
case(
    "select_optgroups_property", "facebook", "privacy",
    """<main><h1>Privacy settings</h1>
<div class=row><label for=f1>Who can see your future posts?</label><select id=f1><optgroup label="Audience"><option selected>Public</option><option>Friends</option></optgroup><optgroup label="More options"><option>Only me</option><option>Custom</option></optgroup></select></div>
<div class=row><label for=f2>Who can send you friend requests?</label><select id=f2><option>Everyone</option><option selected>Friends of friends</option></select></div>
<div class=row><label for=f3>Who can look you up using the email address you provided?</label><select id=f3><optgroup label="People"><option>Everyone</option><option>Friends of friends</option><option selected>Friends</option></optgroup><optgroup label="Private"><option>Only me</option></optgroup></select></div>
<fieldset><legend>Do you want search engines outside of Facebook to link to your profile?</legend><label><input type=radio name=se value=yes> Yes</label><label><input type=radio name=se value=no checked> No</label></fieldset>
</main>
<script>document.getElementById('f1').value = 'Friends';</script>""",
    {"future_posts_audience": "friends", "friend_requests": "friends_of_friends", "lookup_email": "friends", "search_engine_link": "no"},
)

# 29. Editable-combobox pattern: input role=combobox with aria-activedescendant into a collapsed listbox.
case(
    "combobox_input_activedescendant", "facebook", "privacy",
    """<main><h1>Privacy settings</h1>
<div class=row><label id=cl1 for=ci1>Who can see your future posts?</label>
 <div><input id=ci1 role=combobox aria-autocomplete=list aria-expanded=false aria-controls=lb1 aria-activedescendant=o13 readonly value="Only me">
 <ul role=listbox id=lb1 aria-labelledby=cl1 hidden><li role=option id=o11 aria-selected=false>Public</li><li role=option id=o12 aria-selected=false>Friends</li><li role=option id=o13 aria-selected=true>Only me</li><li role=option id=o14 aria-selected=false>Custom</li></ul></div></div>
<div class=row><label id=cl2 for=ci2>Who can send you friend requests?</label>
 <div><input id=ci2 role=combobox aria-expanded=false aria-controls=lb2 aria-activedescendant=o21 readonly value="Everyone">
 <ul role=listbox id=lb2 hidden><li role=option id=o21 aria-selected=true>Everyone</li><li role=option id=o22 aria-selected=false>Friends of friends</li></ul></div></div>
</main>""",
    {"future_posts_audience": "only_me", "friend_requests": "everyone", "lookup_email": None, "search_engine_link": None},
)

# 30. Facebook's button-based audience selectors: "Edit privacy. Sharing with Public." and a div combobox.
case(
    "button_combobox_audience", "facebook", "privacy",
    """<main><h1>Privacy settings</h1>
<div class=row><span id=bq1>Who can see your future posts?</span><div role=button tabindex=0 aria-label="Edit privacy. Sharing with Public." aria-haspopup=menu><i class=globe aria-hidden=true></i><span>Public</span></div></div>
<div class=row><span id=bq3>Who can look you up using the email address you provided?</span><div role=combobox tabindex=0 aria-haspopup=listbox aria-expanded=false aria-labelledby="bq3 bv3"><span id=bv3>Friends of friends</span><i aria-hidden=true>▾</i></div></div>
</main>""",
    {"future_posts_audience": "public", "friend_requests": None, "lookup_email": "friends_of_friends", "search_engine_link": None},
)

# 31. Custom-styled radios: visually hidden native radios under a legend; an ARIA radiogroup of divs.
case(
    "custom_styled_radios", "facebook", "privacy",
    """<style>.vh{position:absolute;opacity:0;width:1px;height:1px}.dot{display:inline-block;width:14px;height:14px;border:2px solid #1877f2;border-radius:50%;margin-right:6px}input:checked+.dot{background:#1877f2}[role=radio]{padding:4px 0}[role=radio][aria-checked=true]::before{content:'● '}[role=radio][aria-checked=false]::before{content:'○ '}</style>
<main><h1>Privacy settings</h1>
<fieldset><legend>Do you want search engines outside of Facebook to link to your profile?</legend>
 <label><input class=vh type=radio name=se2 value=yes checked><span class=dot></span>Yes</label>
 <label><input class=vh type=radio name=se2 value=no><span class=dot></span>No</label></fieldset>
<div role=radiogroup aria-labelledby=rq2><p id=rq2>Who can send you friend requests?</p>
 <div role=radio tabindex=-1 aria-checked=false>Everyone</div><div role=radio tabindex=0 aria-checked=true>Friends of friends</div></div>
</main>""",
    {"future_posts_audience": None, "friend_requests": "friends_of_friends", "lookup_email": None, "search_engine_link": "yes"},
)

# 32. A checkbox described by help text full of vocabulary words ("off", "Not allowed").
case(
    "checkbox_describedby_decoy", "facebook", "ad_settings",
    """<main><h1>Activity information from ad partners</h1>
<div class=row><div><span id=pt>Activity information from ad partners</span><p id=pd>If this is turned off, you will still see ads, but they may be less relevant. Partners not allowed: none.</p></div>
<input type=checkbox id=pc aria-labelledby=pt aria-describedby=pd checked></div>
</main>""",
    {"partner_ads": "on"},
)

# 33. CSS grid puts the label first visually, while in the DOM each row's status comes before its label.
case(
    "css_grid_visual_order", "microsoft", "privacy_dashboard",
    """<style>.g{display:grid;grid-template-columns:1fr auto;grid-template-areas:"label status";max-width:600px;padding:10px 0;border-bottom:1px solid #ddd}.g .s{grid-area:status}.g .l{grid-area:label}</style>
<main><h1>Privacy dashboard</h1>
<div class=g><span class=s>Off</span><span class=l>Location activity</span></div>
<div class=g><span class=s>On</span><span class=l>Search history</span></div>
</main>""",
    {"location_activity": "off", "search_history": "on"},
)

# 34. Right-to-left page with row-reverse flex: the switch comes first in the DOM of each row.
case(
    "rtl_row_reverse", "microsoft", "ad_settings",
    """<main dir=rtl><h1>Personalized ad settings</h1>
<div class=row style="flex-direction:row-reverse"><button role=switch aria-checked=false aria-describedby=rv1></button><span id=rv1>Personalized ads wherever I use my Microsoft account</span></div>
<div class=row style="flex-direction:row-reverse"><button role=switch aria-checked=true aria-describedby=rv2></button><span id=rv2>Personalized ads in this browser</span></div>
</main>""",
    {"personalized_ads_account": "off", "personalized_ads_browser": "on"},
)

# 35. Fluent UI (v8) Toggle with state text, two labels sharing the "Personalized ads" prefix.
case(
    "fluent_toggle_state_text", "microsoft", "ad_settings",
    """<style>.ms-Toggle{margin:12px 0}.ms-Toggle-innerContainer{display:flex;gap:8px;align-items:center}.ms-Toggle-background{width:40px;height:20px;border-radius:10px;border:1px solid #605e5c;background:#fff}.is-checked .ms-Toggle-background{background:#0078d4}</style>
<main><h1>Personalized ad settings</h1>
<div class="ms-Toggle"><label class=ms-Label for=ft1>Personalized ads in this browser</label><div class=ms-Toggle-innerContainer><button type=button id=ft1 role=switch aria-checked=false class=ms-Toggle-background><span class=ms-Toggle-thumb></span></button><label class="ms-Label ms-Toggle-stateText" for=ft1>Off</label></div></div>
<div class="ms-Toggle is-checked"><label class=ms-Label for=ft2>Personalized ads wherever I use my Microsoft account</label><div class=ms-Toggle-innerContainer><button type=button id=ft2 role=switch aria-checked=true class=ms-Toggle-background><span class=ms-Toggle-thumb></span></button><label class="ms-Label ms-Toggle-stateText" for=ft2>On</label></div></div>
</main>""",
    {"personalized_ads_account": "on", "personalized_ads_browser": "off"},
)

# 36. Segmented On/Off buttons (aria-pressed) and an On/Off ARIA radiogroup.
case(
    "segmented_pressed_and_radiogroup", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1>
<div class=row><span id=sg1>Search history</span><div role=group aria-labelledby=sg1><button aria-pressed=true>On</button><button aria-pressed=false>Off</button></div></div>
<div class=row><span id=sg2>Location activity</span><div role=radiogroup aria-labelledby=sg2><span role=radio aria-checked=false tabindex=-1>On</span> <span role=radio aria-checked=true tabindex=0>Off</span></div></div>
</main>""",
    {"location_activity": "off", "search_history": "on"},
)

# 37. The real dashboard: cards with descriptions full of "turned off"/"on" but no value shown.
case(
    "dashboard_cards_no_value", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1>
<section class=card><h2>Location activity</h2><p>When location is turned off on a device, no new location activity is saved. Location activity from devices where it is on appears here.</p><button type=button>Clear all location activity</button> <a href="/elsewhere">View details</a></section>
<section class=card><h2>Search history</h2><p>Search history helps personalize results. If you have turned off search history in Bing, nothing new is saved.</p><button type=button>Clear all search history</button></section>
</main>""",
    {"location_activity": None, "search_history": None},
)

# 38. Two live visible copies disagree: a summary says On while the switch shows off.
case(
    "visible_copies_disagree", "google", "ad_center",
    """<main><h1>My Ad Center</h1>
<div class=summary><span>Personalized ads</span> <span class=chip>On</span></div>
<section><h2 id=pq>Personalized ads</h2><button role=switch aria-checked=false aria-labelledby=pq></button></section>
</main>""",
    {"personalized_ads": None},
)

# 39. Old-style rows where the value appears only on an "Edit" page, except one row.
case(
    "rows_edit_links_no_value", "facebook", "privacy",
    """<main><h1>Privacy settings</h1>
<table><tbody>
<tr><td>Your activity</td><td>Who can see your future posts?</td><td></td><td><a href="/elsewhere?s=composer">Edit</a></td></tr>
<tr><td>How people find you</td><td>Who can send you friend requests?</td><td>Everyone</td><td><a href="/elsewhere?s=requests">Edit</a></td></tr>
<tr><td></td><td>Who can look you up using the email address you provided?</td><td></td><td><a href="/elsewhere?s=email">Edit</a></td></tr>
<tr><td></td><td>Do you want search engines outside of Facebook to link to your profile?</td><td></td><td><a href="/elsewhere?s=search">Edit</a></td></tr>
</tbody></table></main>""",
    {"future_posts_audience": None, "friend_requests": "everyone", "lookup_email": None, "search_engine_link": None},
)

# 40. Auto-delete chooser: ARIA radios whose text is the long option phrasing.
case(
    "auto_delete_radio_long_text", "google", "web_app_activity",
    """<main><h1>Web &amp; App Activity</h1>
<div role=radiogroup aria-labelledby=ad0><h2 id=ad0>Choose an auto-delete option</h2>
 <div role=radio tabindex=-1 aria-checked=false>Auto-delete activity older than 3 months</div>
 <div role=radio tabindex=0 aria-checked=true>Auto-delete activity older than 18 months</div>
 <div role=radio tabindex=-1 aria-checked=false>Auto-delete activity older than 36 months</div>
 <div role=radio tabindex=-1 aria-checked=false>Don't auto-delete activity</div>
</div></main>""",
    {"auto_delete": "18"},
)

# 41. Auto-delete summary: label "Auto-delete (on)", status sentence, and a help sentence listing every option.
case(
    "auto_delete_summary_sentence", "google", "web_app_activity",
    """<main><h1>Web &amp; App Activity</h1>
<section class=card><h2>Auto-delete (on)</h2><p class=status>Deleting activity older than 36 months</p><a href="/elsewhere">Change</a></section>
<p class=help>Learn more: you can keep activity until you delete it manually, or auto-delete it after 3 months, 18 months or 36 months.</p>
</main>""",
    {"auto_delete": "36"},
)

# 42. Auto-delete as a native select named by aria-label, "Keep until you delete manually" selected.
case(
    "auto_delete_native_select", "google", "web_app_activity",
    """<main><h1>Web &amp; App Activity</h1>
<div class=row><span aria-hidden=true>Auto-delete</span><select aria-label="Auto-delete"><option>3 months</option><option>18 months</option><option>36 months</option><option selected>Keep until you delete manually</option></select></div>
</main>""",
    {"auto_delete": "off"},
)

# 43. Real activity controls: sub-setting checkboxes (with different states) nested under each switch.
case(
    "sub_setting_checkboxes", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<section data-activity-id=webandapp><div class=row><h2 id=w1>Web &amp; App Activity</h2><button role=switch aria-checked=true aria-labelledby=w1></button></div>
 <label><input type=checkbox> Include Chrome history and activity from sites, apps, and devices that use Google services</label><br>
 <label><input type=checkbox> Include voice and audio activity</label></section>
<section data-activity-id=timeline><div class=row><h2 id=w2>Timeline</h2><button role=switch aria-checked=true aria-labelledby=w2></button></div></section>
<section data-activity-id=youtube><div class=row><h2 id=w3>YouTube History</h2><button role=switch aria-checked=false aria-labelledby=w3></button></div>
 <label><input type=checkbox checked disabled> Include the YouTube videos you watch</label><br>
 <label><input type=checkbox checked disabled> Include your searches on YouTube</label></section>
</main>""",
    {"web_app_activity": "on", "timeline": "on", "youtube_history": "off"},
)

# 44. React-controlled inputs: the checked attribute and the live property disagree; the screen shows the property.
case(
    "react_property_vs_attribute", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<div class=row><label for=x1>Web &amp; App Activity</label><input type=checkbox role=switch id=x1 checked></div>
<div class=row><label for=x2>Timeline</label><input type=checkbox role=switch id=x2></div>
<div class=row><label for=x3>YouTube History</label><input type=checkbox role=switch id=x3 checked></div>
</main>
<script>document.getElementById('x1').checked = false; document.getElementById('x2').checked = true;</script>""",
    {"web_app_activity": "off", "timeline": "on", "youtube_history": "on"},
)

# 45. Settings far below the fold in a content-visibility:auto section (reachable by scrolling).
case(
    "content_visibility_below_fold", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1><div style="height:3000px">Overview of your data</div>
<section style="content-visibility:auto;contain-intrinsic-size:auto 300px">
 <div class=row><label for=cv1>Location activity</label><input type=checkbox role=switch id=cv1 checked></div>
 <div class=row><label for=cv2>Search history</label><input type=checkbox role=switch id=cv2></div>
</section></main>""",
    {"location_activity": "on", "search_history": "off"},
)

# 46. Closed <details> whose <summary> shows the status pill.
case(
    "details_summary_pill", "google", "activity_controls",
    """<main><h1>Activity controls</h1>
<details><summary>Web &amp; App Activity <span class=pill>Off</span></summary><button role=switch aria-checked=false aria-label="Web &amp; App Activity"></button></details>
<details><summary>Timeline <span class=pill>On</span></summary><button role=switch aria-checked=true aria-label="Timeline"></button></details>
<details><summary>YouTube History <span class=pill>Paused</span></summary><button role=switch aria-checked=false aria-label="YouTube History"></button></details>
</main>""",
    {"web_app_activity": "off", "timeline": "on", "youtube_history": "off"},
)

# ---------------------------------------------------------------- mixed pages

# M1. Google redesign: react-modal welcome (aria-hidden root) + Lit cards filled after a fetch behind skeletons,
#     badge in a label, status pills, Turn on/off buttons, a print-only stale copy.
case(
    "mix_google_redesign", "google", "activity_controls",
    """<style>.print-only{display:none}@media print{.print-only{display:block}}.sk{height:40px;background:#eee;margin:8px 0;border-radius:8px}</style>
<div id=app aria-hidden=true><main><h1>Activity controls</h1><div id=cards><div class=sk></div><div class=sk></div><div class=sk></div></div>
<div class=print-only>Web &amp; App Activity: Off. Timeline: On. YouTube History: Off.</div></main></div>
<div class=overlay style="position:fixed;inset:0;background:rgba(0,0,0,.3)"><div role=dialog aria-modal=true aria-labelledby=wd style="margin:20% auto;width:300px;background:#fff;padding:12px"><h2 id=wd>Your controls got a new look</h2><button>Got it</button></div></div>
<script>
class ActCard extends HTMLElement {
  constructor() { super(); this.attachShadow({mode: 'open'}); }
  set data(d) {
    this.shadowRoot.innerHTML = '<style>:host{display:block;border:1px solid #ddd;border-radius:8px;padding:12px;margin:8px 0}</style><h2><slot></slot></h2><span class=pill></span> <button type=button></button>';
    this.shadowRoot.querySelector('.pill').textContent = d.on ? 'On' : 'Paused';
    this.shadowRoot.querySelector('button').textContent = d.on ? 'Turn off' : 'Turn on';
  }
}
customElements.define('act-card', ActCard);
fetch('controls.json').then(function (r) { return r.json(); }).then(function (list) {
  var c = document.getElementById('cards'); c.textContent = '';
  list.forEach(function (d) { var e = document.createElement('act-card'); e.innerHTML = d.label; c.append(e); e.data = d; });
});
</script>""",
    {"web_app_activity": "on", "timeline": "off", "youtube_history": "on"},
    files={"controls.json": ('[{"label":"Web &amp; App Activity","on":true},{"label":"Timeline <span class=badge>New</span>","on":false},{"label":"YouTube History","on":true}]', JSON, 0.9)},
)

# M2. Facebook privacy: a table with split labels and div comboboxes, a select with optgroups,
#     search-engine radios in a collapsed accordion whose header shows the answer, a hidden stale copy.
case(
    "mix_facebook_privacy", "facebook", "privacy",
    """<main><h1>Privacy settings</h1>
<table role=presentation><tbody>
<tr><th scope=row id=mq1><span>Who can see your</span> <span>future posts?</span></th><td><div role=combobox tabindex=0 aria-haspopup=listbox aria-expanded=false aria-labelledby="mq1 mv1"><span id=mv1>Custom</span></div></td></tr>
<tr><th scope=row><label for=ms2>Who can send you friend requests?</label></th><td><select id=ms2><optgroup label="Choose"><option>Everyone</option><option selected>Friends of friends</option></optgroup></select></td></tr>
<tr><th scope=row id=mq3>Who can look you up using the email address you provided?</th><td><div role=button tabindex=0 aria-labelledby="mq3 mv3"><span id=mv3>Only me</span></div></td></tr>
</tbody></table>
<h3><button aria-expanded=false aria-controls=mp4 id=mb4>Do you want search engines outside of Facebook to link to your profile? <span class=pill>Yes</span></button></h3>
<div id=mp4 hidden><label><input type=radio name=m4 checked> Yes</label><label><input type=radio name=m4> No</label></div>
<div hidden>Who can see your future posts? Public. Who can send you friend requests? Everyone.</div>
</main>""" + _ACCORDION_JS,
    {"future_posts_audience": "custom", "friend_requests": "friends_of_friends", "lookup_email": "only_me", "search_engine_link": "yes"},
)

# M3. Microsoft dashboard: a same-origin iframe whose rows (CSS-grid reordered) arrive by fetch; a cookie banner on top.
_GRID_FRAME = doc("""<style>.g{display:grid;grid-template-columns:1fr auto;grid-template-areas:"label status";padding:10px 0;border-bottom:1px solid #ddd}.g .s{grid-area:status}.g .l{grid-area:label}</style>
<div id=rows><div role=progressbar aria-label=Loading></div></div>
<script>
fetch('rows.json').then(function (r) { return r.json(); }).then(function (d) {
  var c = document.getElementById('rows'); c.textContent = '';
  d.forEach(function (x) { var g = document.createElement('div'); g.className = 'g'; g.innerHTML = '<span class=s></span><span class=l></span>'; g.firstChild.textContent = x.s; g.lastChild.textContent = x.l; c.append(g); });
});
</script>""")
case(
    "mix_microsoft_iframe_fetch_grid", "microsoft", "privacy_dashboard",
    """<main><h1>Privacy dashboard</h1><iframe src="frame.html" title="Your activity" style="width:100%;height:260px;border:0"></iframe></main>
<div role=region aria-label="Cookie banner" style="position:fixed;bottom:0;left:0;right:0;background:#f3f2f1;padding:12px">We use optional cookies. Personalized ads: <button>Accept</button> <button>Reject</button> <a href="/elsewhere">Manage cookies</a></div>""",
    {"location_activity": "on", "search_history": "off"},
    files={"frame.html": (_GRID_FRAME, HTML, 0.2), "rows.json": ('[{"s":"Turned on","l":"Location activity"},{"s":"Turned off","l":"Search history"}]', JSON, 0.8)},
)

# M4. Google ad center: a showModal cookie dialog, split label, status given by an icon, tabs with a stale hidden copy,
#     sensitive-topic rows with "Allowed" chips.
case(
    "mix_google_adcenter_dialog_tabs", "google", "ad_center",
    """<main><h1>My Ad Center</h1>
<div role=tablist><button role=tab aria-selected=true aria-controls=at1 id=atb1>Customize ads</button><button role=tab aria-selected=false aria-controls=at2 id=atb2 tabindex=-1>Activity log</button></div>
<div role=tabpanel id=at1 aria-labelledby=atb1>
 <div class=row><span><span>Personalized</span> <span>ads</span></span><svg role=img aria-label="Off" width=16 height=16><circle cx=8 cy=8 r=7 fill=#999 /></svg><a href="/elsewhere">Manage</a></div>
 <div class=row><span>Alcohol</span><span class=chip>Allowed</span></div>
 <div class=row><span>Gambling</span><span class=chip>Allowed</span></div>
</div>
<div role=tabpanel id=at2 aria-labelledby=atb2 hidden><p>Personalized ads: On (changed 1 Feb)</p></div>
</main>
<dialog id=cd><p>Before you continue to Google</p><button>Reject all</button><button>Accept all</button></dialog>
<script>document.getElementById('cd').showModal();</script>""",
    {"personalized_ads": "off"},
)

# M5. Facebook Accounts Center: a card in a shadow root with a hidden native checkbox + styled span, default
#     state first then the real one after a fetch, help text with vocabulary words, a "Manage" link.
case(
    "mix_facebook_adsettings_shadow_update", "facebook", "ad_settings",
    """<main><h1>Activity information from ad partners</h1><ac-toggle-card></ac-toggle-card><a href="/elsewhere">Manage partners</a></main>
<script>
class AcToggleCard extends HTMLElement {
  constructor() { super(); var s = this.attachShadow({mode: 'open'});
    s.innerHTML = '<style>.sw{display:inline-block;width:40px;height:22px;border-radius:11px;background:#ccc}input{position:absolute;opacity:0}input:checked+.sw{background:#0064e0}</style>' +
      '<label><span class=t>Ads based on data from partners</span><input type=checkbox checked aria-describedby=h><span class=sw aria-hidden=true></span></label><p id=h>When this is off, ads may be less relevant. Not allowed for some partners.</p>';
    fetch('ads.json').then(function (r) { return r.json(); }).then(function (d) { s.querySelector('input').checked = d.partners; });
  }
}
customElements.define('ac-toggle-card', AcToggleCard);
</script>""",
    {"partner_ads": "off"},
    files={"ads.json": ('{"partners": false}', JSON, 1.0)},
)

# M6. Microsoft ad settings: Fluent toggle for the account, a summary and a switch that disagree for the browser,
#     tabs with a stale hidden copy.
case(
    "mix_microsoft_conflict_tabs", "microsoft", "ad_settings",
    """<style>.ms-Toggle-innerContainer{display:flex;gap:8px;align-items:center}</style>
<main><h1>Personalized ad settings</h1>
<div role=tablist><button role=tab aria-selected=true aria-controls=mt1 id=mtb1>Settings</button><button role=tab aria-selected=false aria-controls=mt2 id=mtb2 tabindex=-1>Help</button></div>
<div role=tabpanel id=mt1 aria-labelledby=mtb1>
 <p class=summary>Personalized ads in this browser: <strong>On</strong></p>
 <div class="ms-Toggle is-checked"><label class=ms-Label for=mf1>Personalized ads wherever I use my Microsoft account</label><div class=ms-Toggle-innerContainer><button type=button id=mf1 role=switch aria-checked=true></button><label class="ms-Label ms-Toggle-stateText" for=mf1>On</label></div></div>
 <div class="ms-Toggle"><label class=ms-Label for=mf2>Personalized ads in this browser</label><div class=ms-Toggle-innerContainer><button type=button id=mf2 role=switch aria-checked=false></button><label class="ms-Label ms-Toggle-stateText" for=mf2>Off</label></div></div>
</div>
<div role=tabpanel id=mt2 aria-labelledby=mtb2 hidden><p>Personalized ads wherever I use my Microsoft account: Off by default.</p></div>
</main>""",
    {"personalized_ads_account": "on", "personalized_ads_browser": None},
)

# M7. Google activity controls: a virtualized list inside a same-origin iframe, with labels split and
#     a non-modal cookie banner in the frame; rows show pills and Manage links.
_VLIST_FRAME = doc("""<div id=vp style="height:400px;overflow:auto;position:relative"><div id=in style="position:relative"></div></div>
<div role=region aria-label=Cookies style="position:fixed;bottom:0;left:0;right:0;background:#fff;border-top:1px solid #000">Cookies help us. <button>Reject all</button><button>Accept all</button></div>
<script>
var R = [["Web &amp;", "App Activity", "Paused"], ["Timeline", "", "On"], ["YouTube", "History", "Off"]];
var inner = document.getElementById('in'); inner.style.height = (R.length * 80) + 'px';
R.forEach(function (r, i) {
  var d = document.createElement('div'); d.className = 'row'; d.style.cssText = 'position:absolute;left:0;right:0;top:' + (i * 80) + 'px';
  d.innerHTML = '<span><span>' + r[0] + '</span> <span>' + r[1] + '</span></span><span class=pill>' + r[2] + '</span><a href="/elsewhere">Manage</a>';
  inner.insertBefore(d, inner.firstChild);
});
</script>""")
case(
    "mix_google_iframe_vlist_pills", "google", "activity_controls",
    """<main><h1>Activity controls</h1><iframe src="frame.html" title="Controls" style="width:100%;height:420px;border:0"></iframe></main>""",
    {"web_app_activity": "off", "timeline": "on", "youtube_history": "off"},
    files={"frame.html": (_VLIST_FRAME, HTML, 0.4)},
)


# --------------------------------------------------------------------------------------------
# known failures of the reader (found by this file; expectations are not weakened)
# --------------------------------------------------------------------------------------------

SUITE.xfail.update({
})


test_cases_are_distinct_and_cover_the_packs, test_redteam_page = SUITE.tests(at_least=30, every_key=False)
