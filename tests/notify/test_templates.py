from __future__ import annotations

from notify.templates import (
    DigestItem,
    Recipient,
    render_change_email,
    render_digest,
    render_reconnect_email,
    render_scan_failed_email,
)
from tests.notify.conftest import analysis, policy_event, setting_event

DASHBOARD = "https://loopwho.example/dashboard"


def test_change_email_has_html_and_text_with_each_change(user):
    low = setting_event(impact="low", key="ads", label="Ads", new="off", old="on")
    email = render_change_email(user, "google", [low, setting_event(), policy_event()], analysis(), DASHBOARD)
    assert email.subject == "[Action needed] Privacy settings changed on Google - 3 update(s) detected"
    for body in (email.html, email.text):
        assert "Web & App Activity" in body or "Web &amp; App Activity" in body
        assert "Turn off Web & App Activity" in body or "Turn off Web &amp; App Activity" in body
        assert "60/100" in body
        assert "Your privacy controls" in body
    explained = "- Web & App Activity: off -> on (high impact)\n  Saves your searches across Google services."
    assert explained in email.text
    assert email.text.index("Web & App Activity: off") < email.text.index("Ads: on -> off")  # high first
    assert f'<a href="{DASHBOARD}">Open your dashboard</a>' in email.html
    assert "https://loopwho.example/settings#notifications" in email.text


def test_text_from_web_pages_is_escaped_in_html(user):
    hostile = setting_event(label='<script>alert("x")</script><img src=x onerror=alert(1)>',
                            new="<b>on</b>", where="javascript:alert(1)")
    email = render_change_email(user, "google", [hostile, policy_event()], None, DASHBOARD)
    assert "<script>" not in email.html and "<img" not in email.html and "<b>on</b>" not in email.html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in email.html
    assert 'href="javascript:' not in email.html  # a non-http link is shown as text, never linked
    assert "+new &lt;words&gt;" in email.html
    assert '<script>alert("x")</script>' in email.text  # plain text stays readable as it is


def test_recommendations_can_be_left_out(user):
    email = render_change_email(user, "google", [setting_event()], analysis(), DASHBOARD,
                                with_recommendations=False)
    assert "What we recommend" not in email.html and "What we recommend" not in email.text
    assert "60/100" in email.text


def test_digest_groups_platforms(user):
    search = setting_event(key="search_history", label="Search history", impact="medium")
    items = [DigestItem(platform="microsoft", changes=[search]),
             DigestItem(platform="google", changes=[setting_event(), policy_event()], analysis=analysis())]
    email = render_digest(user, items, DASHBOARD)
    assert email.subject == "Your loopwho digest: 3 privacy change(s) on 2 platform(s)"
    assert email.text.index("Google: 2 change(s)") < email.text.index("Microsoft: 1 change(s)")
    assert "<h2>Microsoft: 1 change(s)</h2>" in email.html


def test_reconnect_and_scan_failed_emails(user):
    reconnect = render_reconnect_email(user, "facebook", "https://loopwho.example/connect/facebook")
    assert reconnect.subject.startswith("Reconnect Facebook")
    assert '<a href="https://loopwho.example/connect/facebook">Reconnect Facebook</a>' in reconnect.html
    assert "https://loopwho.example/connect/facebook" in reconnect.text
    failed = render_scan_failed_email(user, "microsoft", "the page took longer than 60 s <again>", DASHBOARD)
    assert failed.subject == "We could not check your Microsoft privacy settings"
    assert "&lt;again&gt;" in failed.html and "<again>" in failed.text


def test_every_footer_carries_the_one_click_unsubscribe_link() -> None:
    url = "https://loopwho.example/unsubscribe/abc123"
    user = Recipient(email="a@example.com", unsubscribe_url=url)
    for email in (render_reconnect_email(user, "google", "https://loopwho.example/connect"),
                  render_scan_failed_email(user, "google", "timed out", DASHBOARD)):
        assert f'<a href="{url}">Unsubscribe</a>' in email.html
        assert f"Unsubscribe: {url}" in email.text


def test_e_mails_come_in_the_users_language() -> None:
    url = "https://loopwho.example/unsubscribe/abc123"
    german = Recipient(email="a@example.com", name="Ada", unsubscribe_url=url, language="de")
    email = render_change_email(german, "google", [setting_event()], analysis(), DASHBOARD)
    assert email.subject == "[Handlung nötig] Datenschutz-Einstellungen bei Google geändert - 1 Änderung(en) erkannt"
    assert email.text.startswith("Hallo Ada,")
    assert "Auswirkung: hoch" in email.text and "Was wir empfehlen:" in email.text
    assert f"Abmelden: {url}" in email.text and "Übersicht öffnen" in email.html
    reconnect = render_reconnect_email(german, "facebook", "https://loopwho.example/connect")
    assert reconnect.subject == "Facebook neu verbinden: loopwho sieht deine Datenschutz-Einstellungen nicht mehr"
    # the language of one e-mail does not leak into the next one
    english = render_change_email(Recipient(email="b@example.com"), "google", [setting_event()], None, DASHBOARD)
    assert english.subject.startswith("[Action needed] Privacy settings changed on Google")
