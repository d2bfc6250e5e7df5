from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from notify.preferences import NotificationPreferences, delivery, digest_due, should_send

ALL_ON = NotificationPreferences()


@pytest.mark.parametrize(("prefs", "kind", "expected"), [
    (ALL_ON, "change", "immediate"),
    (ALL_ON, "scan_failure", "immediate"),
    (ALL_ON, "reconnect", "immediate"),
    (NotificationPreferences(email_enabled=False), "change", "none"),
    (NotificationPreferences(email_enabled=False), "reconnect", "none"),
    (NotificationPreferences(change_notifications=False), "change", "none"),
    (NotificationPreferences(change_notifications=False), "scan_failure", "immediate"),
    (NotificationPreferences(scan_failure_notifications=False), "reconnect", "none"),
    (NotificationPreferences(frequency="daily"), "change", "digest"),
    (NotificationPreferences(frequency="weekly"), "change", "digest"),
    (NotificationPreferences(frequency="daily"), "scan_failure", "immediate"),
    (NotificationPreferences(frequency="daily", change_notifications=False), "change", "none"),
])
def test_delivery(prefs, kind, expected):
    assert delivery(prefs, kind) == expected
    assert should_send(prefs, kind) == (expected != "none")


def test_recommendations_follow_their_own_switch():
    assert should_send(ALL_ON, "recommendation")
    assert not should_send(NotificationPreferences(recommendation_notifications=False), "recommendation")


def test_digest_due():
    now = datetime(2026, 11, 25, 8, tzinfo=UTC)
    daily, weekly = NotificationPreferences(frequency="daily"), NotificationPreferences(frequency="weekly")
    assert digest_due(daily, None, now)
    assert not digest_due(daily, now - timedelta(hours=23), now)
    assert digest_due(daily, now - timedelta(hours=24), now)
    assert not digest_due(weekly, now - timedelta(days=6), now)
    assert digest_due(weekly, now - timedelta(days=7), now)
    assert not digest_due(ALL_ON, None, now)  # immediate users get no digest
    assert not digest_due(NotificationPreferences(frequency="daily", email_enabled=False), None, now)
