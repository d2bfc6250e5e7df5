"""The simulators over plain HTTPS (httpx): cookie gate, sign-in redirects in the real URL shapes,
sign-in forms that set the real cookies, per-account state, policy pages and the control API."""

from __future__ import annotations

import urllib.parse

import pytest

from core.errors import InvalidInput
from standins.platforms import Simulator
from tests.simulators.conftest import SimClient

PAGES = {
    "google": "https://myactivity.google.com/activitycontrols",
    "facebook": "https://www.facebook.com/settings/?tab=privacy",
    "microsoft": "https://account.microsoft.com/privacy",
}


def jar(cookies, host: str) -> dict[str, str]:
    """The cookies a browser would send to ``host``."""
    out = {}
    for c in cookies:
        if (c.domain.startswith(".") and (host.endswith(c.domain) or host == c.domain[1:])) or c.domain == host:
            out[c.name] = c.value
    return out


@pytest.mark.parametrize(
    ("platform", "login_prefix", "back_param"),
    [
        ("google", "https://accounts.google.com/v3/signin/identifier?", "continue"),
        ("facebook", "https://www.facebook.com/login/?", "next"),
        ("microsoft", "https://login.live.com/login.srf?", "wreply"),
    ],
)
def test_signed_out_browser_is_sent_to_the_real_sign_in_url(
    client: SimClient, platform, login_prefix, back_param
) -> None:
    response = client.get(PAGES[platform])
    assert response.status_code == 302
    location = response.headers["location"]
    assert location.startswith(login_prefix)
    back = urllib.parse.parse_qs(urllib.parse.urlsplit(location).query)[back_param][0]
    target = urllib.parse.parse_qs(urllib.parse.urlsplit(back).query)["ru"][0] if platform == "microsoft" else back
    assert target == PAGES[platform]


@pytest.mark.parametrize("platform", sorted(PAGES))
def test_session_cookies_open_the_page_and_expiry_closes_it(sim: Simulator, client: SimClient, platform) -> None:
    cookies = sim.sign_in(platform, f"gate-{platform}")
    host = httpx_host(PAGES[platform])
    sent = jar(cookies, host)
    page = client.get(PAGES[platform], sent)
    assert page.status_code == 200
    assert "<main" not in page.text and "/_/static/app.js" in page.text  # an empty shell, built by JS
    sim.expire_session(platform, f"gate-{platform}")
    assert client.get(PAGES[platform], sent).status_code == 302


def httpx_host(url: str) -> str:
    return urllib.parse.urlsplit(url).hostname or ""


def test_an_incomplete_or_forged_cookie_set_is_refused(sim: Simulator, client: SimClient) -> None:
    sent = jar(sim.sign_in("google", "carol"), "myactivity.google.com")
    assert set(sent) >= {"SID", "HSID", "SSID", "APISID", "SAPISID", "__Secure-1PSID"}
    without_hsid = {k: v for k, v in sent.items() if k != "HSID"}
    assert client.get(PAGES["google"], without_hsid).status_code == 302
    forged = dict(sent, SID=sent["SID"][:-3] + "abc")
    assert client.get(PAGES["google"], forged).status_code == 302
    fb = jar(sim.sign_in("facebook", "carol"), "www.facebook.com")
    assert client.get(PAGES["facebook"], dict(fb, c_user="4")).status_code == 302


def test_each_account_sees_its_own_settings(sim: Simulator, client: SimClient) -> None:
    alice = jar(sim.sign_in("facebook", "alice2"), "www.facebook.com")
    bob = jar(sim.sign_in("facebook", "bob2"), "www.facebook.com")
    sim.set_setting("facebook", "bob2", "future_posts_audience", "only_me")
    url = "https://www.facebook.com/_/data?page=privacy"
    values_a = {s["key"]: s["value"] for s in client.get(url, alice).json()["settings"]}
    values_b = {s["key"]: s["value"] for s in client.get(url, bob).json()["settings"]}
    assert values_a["future_posts_audience"] == "friends"
    assert values_b["future_posts_audience"] == "only_me"
    assert client.get(url).status_code == 401


def test_google_sign_in_form_sets_real_cookies_and_returns(client: SimClient) -> None:
    back = "https://myactivity.google.com/activitycontrols"
    form = client.get(f"https://accounts.google.com/v3/signin/identifier?continue={urllib.parse.quote(back)}")
    assert form.status_code == 200 and 'name="identifier"' in form.text
    done = client.post(
        "https://accounts.google.com/v3/signin/identifier",
        data={"identifier": "dave@gmail.com", "Passwd": "x", "continue": back},
    )
    assert done.status_code == 302 and done.headers["location"] == back
    set_cookies = done.headers.get_list("set-cookie")
    names = {c.split("=", 1)[0] for c in set_cookies}
    assert {"SID", "HSID", "SSID", "APISID", "SAPISID", "__Secure-1PSID"} <= names
    assert all(
        "Domain=.google.com" in c and "Secure" in c and "HttpOnly" in c and "SameSite=None" in c for c in set_cookies
    )
    sent = {c.split("=", 1)[0]: c.split("=", 1)[1].split(";")[0] for c in set_cookies}
    assert client.get(back, sent).status_code == 200
    # an open redirect is refused: continue to a foreign host goes to the account page instead
    away = client.post(
        "https://accounts.google.com/v3/signin/identifier",
        data={"identifier": "dave", "continue": "https://evil.example.com/"},
    )
    assert away.headers["location"].startswith("https://myaccount.google.com/")


def test_microsoft_signs_in_on_live_com_then_sets_its_own_cookie(sim: Simulator, client: SimClient) -> None:
    cookies = sim.sign_in("microsoft", "erin")
    live = jar(cookies, "login.live.com")
    assert set(live) == {"MSPAuth", "MSPProf"}
    first = client.get(PAGES["microsoft"])  # no AMCSecAuth: off to login.live.com
    silent = client.get(first.headers["location"], live)  # still signed in there: straight back
    assert silent.status_code == 302 and silent.headers["location"].startswith(
        "https://account.microsoft.com/auth/complete-signin?"
    )
    complete = client.get(silent.headers["location"])
    assert complete.status_code == 302 and complete.headers["location"] == PAGES["microsoft"]
    amc = complete.headers["set-cookie"]
    assert amc.startswith("AMCSecAuth=") and "Domain=" not in amc  # host-only on account.microsoft.com
    sent = {"AMCSecAuth": amc.split("=", 1)[1].split(";")[0]}
    assert client.get(PAGES["microsoft"], sent).status_code == 200
    # without a live.com session the sign-in page is a form
    assert "Sign in to your Microsoft account" in client.get(first.headers["location"]).text


def test_google_extra_verification_redirects_to_the_password_challenge(sim: Simulator, client: SimClient) -> None:
    sent = jar(sim.sign_in("google", "frank"), "myactivity.google.com")
    sim.set_verification_required("frank", True)
    challenged = client.get(PAGES["google"], sent)
    assert challenged.headers["location"].startswith("https://accounts.google.com/v3/signin/challenge/pwd?")
    # My Ad Center does not ask
    assert (
        client.get(
            "https://myadcenter.google.com/home", jar(sim.sign_in("google", "frank"), "x.google.com")
        ).status_code
        == 200
    )
    passed = client.post(
        "https://accounts.google.com/v3/signin/challenge/pwd", sent, data={"Passwd": "x", "continue": PAGES["google"]}
    )
    assert passed.headers["location"] == PAGES["google"]
    assert client.get(PAGES["google"], sent).status_code == 200
    sim.set_verification_required("frank", False)


def test_policy_pages_are_public_noisy_publishable_and_blockable(sim: Simulator, client: SimClient) -> None:
    url = "https://policies.google.com/privacy"
    one, two = client.get(url), client.get(url)
    assert one.status_code == 200 and "<h2>Information Google collects</h2>" in one.text
    assert one.text != two.text  # per-request noise: timestamps, request ids, tracking parameters
    assert "utm_source=" in one.text
    version = sim.publish_policy("google", "We now also collect information about smart fridges.")
    three = client.get(url)
    assert "smart fridges" in three.text and version == 2
    sim.set_policy_blocked("google", True)
    blocked = client.get(url)
    assert blocked.status_code == 403 and "Access Denied" in blocked.text
    sim.set_policy_blocked("google", False)
    assert client.get("https://www.facebook.com/privacy/policy/").status_code == 200
    assert client.get("https://privacy.microsoft.com/en-us/privacystatement").status_code == 200


def test_control_api_over_http(sim: Simulator, client: SimClient) -> None:
    host = "https://myadcenter.google.com"
    cookies = client.post(f"{host}/__sim/sign_in", json={"platform": "google", "account": "gina"}).json()
    assert {c["name"] for c in cookies} >= {"SID", "__Secure-1PSID"} and cookies[0]["domain"] == ".google.com"
    changed = client.post(
        f"{host}/__sim/setting", json={"platform": "google", "account": "gina", "key": "auto_delete", "value": "3"}
    )
    assert changed.json()["auto_delete"] == "3"
    assert client.get(f"{host}/__sim/settings?platform=google&account=gina").json()["auto_delete"] == "3"
    bad = client.post(
        f"{host}/__sim/setting", json={"platform": "google", "account": "gina", "key": "auto_delete", "value": "7"}
    )
    assert bad.status_code == 400 and "auto_delete cannot be '7'" in bad.json()["error"]
    assert client.post(f"{host}/__sim/variant", json={"platform": "google", "variant": "nope"}).status_code == 400
    assert client.post(f"{host}/__sim/variant", json={"platform": "google", "variant": "v2"}).status_code == 200
    assert client.get(f"{host}/__sim/state").json()["variants"]["google"] == "v2"
    sim.set_variant("google", "classic")
    assert client.post(f"{host}/__sim/expire", json={"platform": "google", "account": "gina"}).json()["expired"] == 1


def test_python_controls_refuse_bad_values(sim: Simulator) -> None:
    with pytest.raises(InvalidInput, match="has no setting 'colour'"):
        sim.set_setting("google", "alice", "colour", "on")
    with pytest.raises(InvalidInput, match="unknown platform 'myspace'"):
        sim.sign_in("myspace")
    with pytest.raises(InvalidInput, match="unknown variant"):
        sim.set_variant("facebook", "retro")
    assert sim.resolve_rule().endswith("EXCLUDE localhost")
    assert f"MAP myactivity.google.com 127.0.0.1:{sim.port}" in sim.resolve_rule()
