"""google-genai (the real SDK) against the local Gemini stand-in."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from analysis.base import MemoryCache
from analysis.diff import diff_snapshots
from analysis.gemini import GeminiAnalyser, analyser_from_settings
from analysis.inputs import build_analysis_input
from analysis.offline import OfflineAnalyser, offline_analysis
from analysis.snapshot import content_hash, parse_snapshot, render_snapshot
from core.settings import load_settings
from standins.gemini import GeminiStandin
from tests.analysis.conftest import make_scan

KEY = "test-gemini-key"


@pytest.fixture(scope="module")
def gemini() -> Iterator[GeminiStandin]:
    with GeminiStandin(api_key=KEY) as standin:
        yield standin


@pytest.fixture
def standin(gemini: GeminiStandin) -> GeminiStandin:
    gemini.behaviour = "good"
    gemini.script([])
    gemini.requests.clear()
    return gemini


@pytest.fixture
def data(specs):
    before = parse_snapshot(render_snapshot("google", make_scan(), specs))
    md = render_snapshot("google", make_scan({"web_app_activity": "on"}), specs)
    after = parse_snapshot(md)
    return build_analysis_input(after, content_hash(md), diff_snapshots(before, after, specs))


def analyser(standin: GeminiStandin, cache=None, **kwargs) -> GeminiAnalyser:
    options = {"timeout_s": 5.0, "attempts": 1, "retry_delay_s": 0.05, **kwargs}
    return GeminiAnalyser(api_key=options.pop("api_key", KEY), model="gemini-2.5-flash",
                          cache=cache or MemoryCache(), base_url=standin.url, **options)


async def test_a_good_answer_is_used(standin, data, specs):
    outcome = await analyser(standin).analyse(data, specs)
    result = outcome.result
    assert result.analyser == "gemini" and outcome.fallback_reason is None
    assert result.privacy_score == 20  # the stand-in scores unweighted: 1 of 5 (offline would say 33)
    assert [e.setting_key for e in result.explanations] == ["web_app_activity"]
    assert "went from off to on" in result.explanations[0].explanation
    rec = next(r for r in result.recommendations if r.setting_key == "web_app_activity")
    assert rec.where == "https://myactivity.google.com/activitycontrols"  # from the pack, not the model
    [request] = standin.requests
    config = request["body"]["generationConfig"]
    assert config["responseMimeType"] == "application/json"
    required = ["privacy_score", "summary", "explanations", "recommendations"]
    assert config["responseSchema"]["required"] == required
    assert request["path"] == "/v1/models/gemini-2.5-flash:generateContent"


async def test_the_prompt_carries_settings_and_changes_only(standin, data, specs):
    await analyser(standin).analyse(data, specs)
    prompt = standin.requests[0]["body"]["contents"][0]["parts"][0]["text"]
    payload = json.loads(prompt.split("BEGIN DATA\n", 1)[1].split("\nEND DATA", 1)[0])
    assert set(payload) == {"platform", "settings", "changes", "policy_changes"}
    assert {s["key"] for s in payload["settings"]} == {s.key for s in specs}
    assert payload["changes"][0]["key"] == "web_app_activity"


@pytest.mark.parametrize(("behaviour", "reason"), [
    ("http_429", "HTTP 429 RESOURCE_EXHAUSTED"),
    ("http_500", "HTTP 500 INTERNAL"),
    ("http_403", "HTTP 403 PERMISSION_DENIED"),
    ("malformed", "outside the schema"),
    ("out_of_schema", "outside the schema"),
    ("unknown_key", "unknown settings: share_everything"),
])
async def test_a_failing_gemini_falls_back_to_the_offline_analysis(standin, data, specs, behaviour, reason):
    standin.behaviour = behaviour
    cache = MemoryCache()
    outcome = await analyser(standin, cache).analyse(data, specs)
    assert outcome.result == offline_analysis(data, specs)
    assert outcome.result.analyser == "offline"
    assert reason in (outcome.fallback_reason or "")
    assert cache.entries == {}  # a failure is not remembered: the next run asks Gemini again


async def test_a_slow_gemini_times_out_into_the_offline_analysis(standin, data, specs):
    standin.behaviour, standin.slow_s = "slow", 2.0
    outcome = await analyser(standin, timeout_s=0.5).analyse(data, specs)
    assert outcome.result.analyser == "offline"
    assert outcome.fallback_reason == "Gemini did not answer within 0.5s"


async def test_a_wrong_key_falls_back(standin, data, specs):
    outcome = await analyser(standin, api_key="not-the-key").analyse(data, specs)
    assert outcome.result.analyser == "offline" and "HTTP 400" in (outcome.fallback_reason or "")


async def test_a_transient_error_is_retried(standin, data, specs):
    standin.script(["http_500"])
    outcome = await analyser(standin, attempts=2).analyse(data, specs)
    assert outcome.result.analyser == "gemini"
    assert standin.call_count == 2


async def test_the_same_content_is_never_sent_twice(standin, data, specs):
    cache = MemoryCache()
    first = await analyser(standin, cache).analyse(data, specs)
    second = await analyser(standin, cache).analyse(data, specs)  # e.g. the retried job, a new worker
    assert standin.call_count == 1
    assert second.cached and second.result == first.result
    md = render_snapshot("google", make_scan({"timeline": "on"}), specs)
    other = build_analysis_input(parse_snapshot(md), content_hash(md))
    await analyser(standin, cache).analyse(other, specs)
    assert standin.call_count == 2


async def test_without_a_key_the_offline_analyser_is_chosen(standin, data, specs):
    assert isinstance(analyser_from_settings(load_settings({}), MemoryCache()), OfflineAnalyser)
    settings = load_settings({"GEMINI_API_KEY": KEY, "LOOPWHO_GEMINI_BASE_URL": standin.url,
                              "LOOPWHO_GEMINI_ATTEMPTS": "1"})
    chosen = analyser_from_settings(settings, MemoryCache())
    assert KEY not in repr(chosen)
    outcome = await chosen.analyse(data, specs)
    assert outcome.result.analyser == "gemini" and standin.call_count == 1


def test_the_standin_answers_the_v1beta_route_and_free_text_without_a_schema(standin):
    from google import genai
    from google.genai import types

    client = genai.Client(api_key=KEY, http_options=types.HttpOptions(base_url=standin.url, api_version="v1beta"))
    response = client.models.generate_content(model="gemini-2.5-pro", contents="Say something.")
    assert response.text == "Here is what I think about your settings."
    assert standin.requests[0]["path"] == "/v1beta/models/gemini-2.5-pro:generateContent"
