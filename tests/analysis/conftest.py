"""Google-like specs and scans for the analysis tests (values as issue 4's table has them)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from analysis.specs import SettingSpec
from core.types import PolicyDocument, PolicySection, ScanResult, SettingReading

GOOGLE_SPECS = [
    SettingSpec(key="web_app_activity", label="Web & App Activity", value_space=("on", "off"),
                preferred="off", weight=4,
                description="Saves your searches and activity across Google services.",
                where_url="https://myactivity.google.com/activitycontrols"),
    SettingSpec(key="timeline", label="Timeline", value_space=("on", "off"), preferred="off", weight=5,
                description="Keeps a map of where you have been.",
                where_url="https://myactivity.google.com/activitycontrols"),
    SettingSpec(key="youtube_history", label="YouTube History", value_space=("on", "off"), preferred="off",
                weight=2, description="Keeps the videos you watch and search for.",
                where_url="https://myactivity.google.com/activitycontrols/youtube"),
    SettingSpec(key="personalized_ads", label="Personalized ads", value_space=("on", "off"), preferred="off",
                weight=3, description="Uses your activity to choose the ads you see.",
                where_url="https://myadcenter.google.com/"),
    SettingSpec(key="auto_delete", label="Auto-delete", value_space=("off", "3", "18", "36"), preferred="3",
                weight=1, description="Deletes activity older than the chosen number of months.",
                where_url="https://myactivity.google.com/activitycontrols/webandapp"),
]

DEFAULT_VALUES = {"web_app_activity": "off", "timeline": "off", "youtube_history": "on",
                  "personalized_ads": "on", "auto_delete": "18"}

POLICY_SECTIONS = [
    ("Information Google collects", "We collect information to provide better services.\nThis includes "
     "things like your language."),
    ("Sharing your information", "We do not share your personal information with companies outside Google\n"
     "except in the cases below."),
    ("Your privacy controls", "You have choices regarding the information we collect."),
]


def make_scan(
    values: dict[str, str | None] | None = None,
    *,
    uncertain: set[str] = frozenset(),
    status: str = "ok",
    pack_version: str = "2026.11.1",
    sections: list[tuple[str, str]] | None = None,
    confidence: float = 0.97,
    method: str = "dom",
) -> ScanResult:
    values = {**DEFAULT_VALUES, **(values or {})}
    labels = {s.key: s.label for s in GOOGLE_SPECS}
    readings = [
        SettingReading(key=k, label=labels.get(k, k), value=v, method=method,
                       confidence=0.5 if k in uncertain else confidence,
                       pack_version=pack_version, uncertain=k in uncertain)
        for k, v in values.items()
    ]
    policy = PolicyDocument(
        key="privacy_policy", url="https://policies.google.com/privacy", title="Google Privacy Policy",
        sections=[PolicySection(heading=h, text=t, sha256="") for h, t in (sections or POLICY_SECTIONS)],
    )
    return ScanResult(platform="google", status=status, pack_version=pack_version, readings=readings,
                      policies=[policy], uncertain_keys=sorted(uncertain))


@pytest.fixture
def specs() -> list[SettingSpec]:
    return list(GOOGLE_SPECS)


@pytest.fixture
def scan() -> Callable[..., ScanResult]:
    return make_scan
