from __future__ import annotations

from collections.abc import Iterator

import pytest

from core.types import AnalysisResult, ChangeEvent, ChangeExplanation, Recommendation
from notify.mailer import Mailer
from notify.templates import Recipient
from standins.resend import ResendStandin

RESEND_KEY = "re_test_0123456789abcdef"


@pytest.fixture(scope="module")
def resend_server() -> Iterator[ResendStandin]:
    with ResendStandin(api_key=RESEND_KEY) as standin:
        yield standin


@pytest.fixture
def resend_standin(resend_server: ResendStandin) -> ResendStandin:
    resend_server.sent.clear()
    resend_server.behaviour = "ok"
    resend_server.script([])
    return resend_server


@pytest.fixture
def mailer(resend_standin: ResendStandin) -> Mailer:
    return Mailer(api_key=RESEND_KEY, sender="loopwho <alerts@loopwho.example>", api_url=resend_standin.url)


@pytest.fixture
def user() -> Recipient:
    return Recipient(email="ada@example.com", name="Ada", user_id="u-1")


def setting_event(key="web_app_activity", label="Web & App Activity", old="off", new="on", impact="high",
                  where="https://myactivity.google.com/activitycontrols") -> ChangeEvent:
    return ChangeEvent(user_id="u-1", platform="google", change_type="setting_changed", impact_level=impact,
                       change_data={"key": key, "label": label, "old": old, "new": new, "where_url": where,
                                    "fingerprint": f"fp-{key}-{new}"})


def policy_event() -> ChangeEvent:
    return ChangeEvent(user_id="u-1", platform="google", change_type="policy_updated", impact_level="medium",
                       change_data={"policy_key": "privacy_policy", "title": "Google Privacy Policy",
                                    "url": "https://policies.google.com/privacy",
                                    "sections": [{"heading": "Your privacy controls", "kind": "changed",
                                                  "excerpt": "-old words\n+new <words>",
                                                  "impact": "medium"}]})


def analysis() -> AnalysisResult:
    return AnalysisResult(
        privacy_score=60, summary="3 of 5 google settings are at their most private value.",
        explanations=[ChangeExplanation(setting_key="web_app_activity",
                                        explanation="Saves your searches across Google services.")],
        recommendations=[Recommendation(setting_key="web_app_activity", title="Web & App Activity is on",
                                        action="Turn off Web & App Activity",
                                        where="https://myactivity.google.com/activitycontrols",
                                        why="Saves your searches and activity.", priority="high")],
        analyser="offline",
    )
