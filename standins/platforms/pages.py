"""HTML the simulators send: the empty application shell a settings page starts as (its script
fetches the settings and builds the page), and the platforms' sign-in and verification forms."""

from __future__ import annotations

import html

from standins.platforms.catalog import Platform, SimPage

# the off-allowlist script one page of each platform loads, like the real sites' analytics
TRACKERS = {
    ("google", "activity_controls"): "https://tracker.example.net/collect.js",
    ("facebook", "privacy"): "https://connect.facebook.net/en_US/fbevents.js",
    ("microsoft", "ad_settings"): "https://tracker.example.net/ms/collect.js",
}

BASE_CSS = """
body{margin:0;font:15px/1.4 Arial,Helvetica,sans-serif;color:#202124;background:#fff}
main{max-width:820px;margin:0 auto;padding:16px 24px}
h1{font-size:26px;font-weight:400;margin:8px 0 20px}
h2{font-size:17px;font-weight:600;margin:0}
.sim-row{display:flex;align-items:center;justify-content:space-between;padding:14px 0;
  border-bottom:1px solid #dadce0}
.sim-desc{color:#5f6368;font-size:13px}
[role=switch],.sim-track{position:relative;width:44px;height:24px;border-radius:12px;border:0;background:#9aa0a6;
  cursor:pointer;flex:none;padding:0}
[role=switch][aria-checked=true],.sim-track.sim-on{background:#1a73e8}
[role=switch]::after,.sim-track::after{content:"";position:absolute;top:3px;left:3px;width:18px;height:18px;
  border-radius:50%;background:#fff}
[role=switch][aria-checked=true]::after,.sim-track.sim-on::after{left:23px}
input[role=switch]{appearance:none;-webkit-appearance:none;margin:0}
input[role=switch]:checked{background:#1a73e8}
input[role=switch]:checked::after{left:23px}
[role=combobox],select{border:1px solid #ccd0d5;border-radius:6px;padding:6px 10px;background:#f0f2f5;
  min-width:120px;cursor:pointer}
[role=listbox]{border:1px solid #ccd0d5;background:#fff;position:absolute;z-index:2}
[role=option]{padding:6px 10px;cursor:pointer}
[role=radio]{display:block;padding:6px 0;cursor:pointer}
[role=radio][aria-checked=true]::before{content:"\\25C9  "}
[role=radio][aria-checked=false]::before{content:"\\25CB  "}
.sim-words{font-size:17px}
"""


def shell_html(platform: Platform, page: SimPage) -> str:
    tracker = TRACKERS.get((platform.name, page.key))
    tracker_tag = f'<script src="{tracker}" async></script>' if tracker else ""
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(page.heading)}</title>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<link rel="icon" href="data:,"><style>{BASE_CSS}</style>'
        f'<script src="/_/static/app.js" defer></script>{tracker_tag}</head>'
        f'<body data-platform="{platform.name}" data-page="{page.key}"><div id="root"></div></body></html>'
    )


# the generated variant brings its own styles (generated.js puts them in the document, every shadow
# root and every frame); the shell only sets the page's type and the heading's place
GENERATED_CSS = """
html,body{margin:0;font:15px/1.4 Arial,Helvetica,sans-serif;color:#202124;background:#fff}
main{max-width:860px;margin:0 auto;padding:16px 24px 48px}
h1{font-size:26px;font-weight:400;margin:8px 0 20px}
"""

# a same-host frame of the generated variant: the parent page fills it
FRAME_HTML = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Settings</title>'
    "<style>html,body{margin:0;font:15px/1.4 Arial,Helvetica,sans-serif;color:#202124;background:#fff}"
    "body{display:flow-root}</style></head><body></body></html>"
)


def generated_shell_html(platform: Platform, page: SimPage) -> str:
    """The `generated` variant's shell: the heading and a "Loading…" placeholder show at once; the
    settings arrive later (generated.js, after a drawn delay)."""
    tracker = TRACKERS.get((platform.name, page.key))
    tracker_tag = f'<script src="{tracker}" async></script>' if tracker else ""
    heading = html.escape(page.heading)
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{heading}</title>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<link rel="icon" href="data:,"><style>{GENERATED_CSS}</style>'
        f'<script src="/_/static/generated.js" defer></script>{tracker_tag}</head>'
        f'<body data-platform="{platform.name}" data-page="{page.key}"><div id="root">'
        f'<main><h1>{heading}</h1><p role="status">Loading…</p></main></div></body></html>'
    )


def _form_page(
    title: str,
    heading: str,
    action: str,
    fields: list[tuple[str, str, str]],
    hidden: dict[str, str],
    button: str,
) -> str:
    inputs = "".join(
        f'<label>{html.escape(label)}<br><input name="{name}" type="{kind}" autocomplete="off"></label><br>'
        for name, label, kind in fields
    )
    hidden_inputs = "".join(
        f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">' for k, v in hidden.items()
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{BASE_CSS}</style></head><body>"
        f'<div role="main" class="signin"><h1>{html.escape(heading)}</h1>'
        f'<form method="post" action="{html.escape(action)}">{inputs}{hidden_inputs}'
        f'<button type="submit" id="submit">{html.escape(button)}</button></form></div></body></html>'
    )


def google_identifier_page(continue_url: str) -> str:
    return _form_page(
        "Sign in - Google Accounts",
        "Sign in",
        "/v3/signin/identifier",
        [("identifier", "Email or phone", "text"), ("Passwd", "Enter your password", "password")],
        {"continue": continue_url},
        "Next",
    )


def google_challenge_page(continue_url: str) -> str:
    return _form_page(
        "Verify it's you - Google Accounts",
        "Verify it's you",
        "/v3/signin/challenge/pwd",
        [("Passwd", "Enter your password", "password")],
        {"continue": continue_url},
        "Next",
    )


def facebook_login_page(next_url: str) -> str:
    return _form_page(
        "Log in to Facebook",
        "Log in to Facebook",
        "/login/",
        [("email", "Email address or phone number", "text"), ("pass", "Password", "password")],
        {"next": next_url},
        "Log in",
    )


def microsoft_login_page(wreply: str) -> str:
    return _form_page(
        "Sign in to your Microsoft account",
        "Sign in",
        "/ppsecure/post.srf",
        [("login", "Email, phone, or Skype", "text"), ("passwd", "Password", "password")],
        {"wreply": wreply},
        "Sign in",
    )
