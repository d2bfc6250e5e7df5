from __future__ import annotations

import pytest

from analysis.impact import direction, highest, policy_section_impact, setting_impact
from analysis.specs import SettingSpec


def spec(weight: int, space=("on", "off"), preferred="off") -> SettingSpec:
    return SettingSpec(key="k", label="K", value_space=space, preferred=preferred, weight=weight)


@pytest.mark.parametrize(("weight", "old", "new", "moved", "impact"), [
    (5, "off", "on", "away", "high"),
    (4, "off", "on", "away", "high"),
    (3, "off", "on", "away", "medium"),
    (1, "off", "on", "away", "medium"),
    (5, "on", "off", "toward", "low"),
    (1, "on", "off", "toward", "low"),
])
def test_binary_settings(weight, old, new, moved, impact):
    s = spec(weight)
    assert direction(s, old, new) == moved
    assert setting_impact(s, moved) == impact


@pytest.mark.parametrize(("weight", "old", "new", "moved", "impact"), [
    (5, "only_me", "public", "away", "high"),
    (2, "only_me", "friends", "away", "medium"),
    (5, "friends", "public", "lateral", "medium"),
    (5, "public", "friends", "lateral", "medium"),
    (5, "public", "only_me", "toward", "low"),
])
def test_non_binary_settings(weight, old, new, moved, impact):
    s = spec(weight, space=("public", "friends", "only_me", "custom"), preferred="only_me")
    assert direction(s, old, new) == moved
    assert setting_impact(s, moved) == impact


@pytest.mark.parametrize(("heading", "impact"), [
    ("Sharing your information", "high"),
    ("Information we share with third parties", "high"),
    ("Your location information", "high"),
    ("How ads work", "high"),
    ("Advertising partners", "high"),
    ("Information Google collects", "medium"),
    ("Shadow copies", "medium"),  # "shad..." is not "shar..."
    ("Your privacy controls", "medium"),
])
def test_policy_sections(heading, impact):
    assert policy_section_impact(heading) == impact


def test_highest():
    assert highest(["low", "high", "medium"]) == "high"
    assert highest(["low", "medium"]) == "medium"
