"""The resend SDK (real) against the local Resend stand-in."""

from __future__ import annotations

import pytest
import resend
import resend.exceptions

from core.errors import ConfigError
from core.settings import load_settings
from notify.mailer import Mailer, NotifyError, idempotency_key
from notify.templates import render_change_email
from tests.notify.conftest import RESEND_KEY, analysis, setting_event


def change_email(user):
    return render_change_email(user, "google", [setting_event()], analysis(), "https://loopwho.example/dashboard")


def test_an_email_arrives_with_html_text_and_its_key(mailer, resend_standin, user):
    email = change_email(user)
    key = idempotency_key("change", user.user_id, "fp-web_app_activity-on")
    provider_id = mailer.send(user.email, email, key, tags={"kind": "change"})
    [sent] = resend_standin.sent
    assert sent.id == provider_id
    assert sent.to == ["ada@example.com"] and sent.sender == "loopwho <alerts@loopwho.example>"
    assert sent.subject == email.subject and sent.html == email.html and sent.text == email.text
    assert sent.idempotency_key == key
    assert sent.tags == [{"name": "kind", "value": "change"}]


def test_a_retried_send_with_the_same_key_is_sent_once(mailer, resend_standin, user):
    email, key = change_email(user), idempotency_key("change", "u-1", "fp-1")
    first = mailer.send(user.email, email, key)
    again = mailer.send(user.email, email, key)  # the job was retried after the first send went out
    assert first == again
    assert len(resend_standin.sent) == 1
    mailer.send(user.email, email, idempotency_key("change", "u-1", "fp-2"))
    assert len(resend_standin.sent) == 2


def test_idempotency_keys_are_stable_and_bounded():
    assert idempotency_key("change", "u-1", "a", "b") == idempotency_key("change", "u-1", "a", "b")
    assert idempotency_key("change", "u-1", "a", "b") != idempotency_key("change", "u-1", "ab")
    assert len(idempotency_key("digest", "u" * 300, "x")) <= 256


def test_a_bad_key_is_a_clear_error_without_the_key(resend_standin, user):
    bad = Mailer(api_key="re_wrong_key_1234567890", sender="a@loopwho.example", api_url=resend_standin.url)
    with pytest.raises(NotifyError) as info:
        bad.send(user.email, change_email(user), "k-1")
    assert not info.value.retryable
    assert "re_wrong_key" not in str(info.value) and "API key is invalid" in str(info.value)
    assert resend_standin.sent == []


def test_rate_limits_and_server_errors_are_retryable(mailer, resend_standin, user):
    resend_standin.script(["rate_limited", "server_error"])
    for _ in range(2):
        with pytest.raises(NotifyError) as info:
            mailer.send(user.email, change_email(user), "k-2")
        assert info.value.retryable
    assert mailer.send(user.email, change_email(user), "k-2")
    assert len(resend_standin.sent) == 1


def test_a_bad_address_is_refused(mailer, resend_standin, user):
    with pytest.raises(NotifyError, match="422 validation_error") as info:
        mailer.send("not an address", change_email(user), "k-3")
    assert not info.value.retryable


def test_the_standin_speaks_resends_error_shape(resend_standin):
    resend.api_key, resend.api_url = RESEND_KEY, resend_standin.url
    with pytest.raises(resend.exceptions.MissingRequiredFieldsError, match="Missing `subject` field"):
        resend.Emails.send({"from": "a@loopwho.example", "to": ["b@example.com"], "html": "<p>x</p>"})
    params = {"from": "a@loopwho.example", "to": ["b@example.com"], "subject": "s", "text": "x"}
    resend.api_key = None
    with pytest.raises(resend.exceptions.MissingApiKeyError):
        resend.Emails.send(params)
    resend.api_key = RESEND_KEY
    resend.Emails.send(params, {"idempotency_key": "same"})
    with pytest.raises(resend.exceptions.ResendError, match="different request payload"):
        resend.Emails.send({**params, "text": "y"}, {"idempotency_key": "same"})


def test_mailer_from_settings(resend_standin, user):
    with pytest.raises(ConfigError, match="RESEND_API_KEY"):
        Mailer.from_settings(load_settings({}))
    mailer = Mailer.from_settings(load_settings({"RESEND_API_KEY": RESEND_KEY,
                                                 "LOOPWHO_RESEND_API_URL": resend_standin.url}))
    assert RESEND_KEY not in repr(mailer)
    mailer.send(user.email, change_email(user), "k-4")
    assert resend_standin.sent[0].sender == "loopwho <alerts@loopwho.local>"
