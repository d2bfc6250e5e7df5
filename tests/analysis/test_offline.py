from __future__ import annotations

import pytest

from analysis.diff import diff_snapshots
from analysis.errors import NothingToAnalyse
from analysis.inputs import build_analysis_input
from analysis.offline import OfflineAnalyser, offline_analysis
from analysis.snapshot import content_hash, parse_snapshot, render_snapshot
from tests.analysis.conftest import make_scan


def analysis_input(specs, values=None, previous=None, **kwargs):
    md = render_snapshot("google", make_scan(values, **kwargs), specs)
    new = parse_snapshot(md)
    changes = []
    if previous is not None:
        old = parse_snapshot(render_snapshot("google", make_scan(previous), specs))
        changes = diff_snapshots(old, new, specs)
    return build_analysis_input(new, content_hash(md), changes)


def test_score_is_the_weighted_share_at_the_preferred_value(specs):
    # preferred: web_app_activity (4) and timeline (5); not: youtube (2), ads (3), auto_delete (1)
    assert offline_analysis(analysis_input(specs), specs).privacy_score == 60  # 9 of 15
    everything_private = {"youtube_history": "off", "personalized_ads": "off", "auto_delete": "3"}
    assert offline_analysis(analysis_input(specs, everything_private), specs).privacy_score == 100
    all_open = {"web_app_activity": "on", "timeline": "on", "youtube_history": "on", "personalized_ads": "on",
                "auto_delete": "off"}
    assert offline_analysis(analysis_input(specs, all_open), specs).privacy_score == 0


def test_doubtful_readings_count_neither_way(specs):
    result = offline_analysis(analysis_input(specs, uncertain={"timeline"}), specs)
    assert result.privacy_score == 40  # 4 of 10
    assert "1 could not be read with confidence" in result.summary


def test_nothing_read_confidently_is_a_clear_error(specs):
    with pytest.raises(NothingToAnalyse, match="scan again"):
        offline_analysis(analysis_input(specs, uncertain={s.key for s in specs}), specs)


def test_recommendations_for_each_setting_away_from_preferred_by_priority(specs):
    recs = offline_analysis(analysis_input(specs, {"web_app_activity": "on"}), specs).recommendations
    assert [(r.setting_key, r.priority) for r in recs] == [
        ("web_app_activity", "high"), ("personalized_ads", "medium"), ("youtube_history", "medium"),
        ("auto_delete", "low")]
    first = recs[0]
    assert first.action == "Turn off Web & App Activity"
    assert first.where == "https://myactivity.google.com/activitycontrols"
    assert first.why == "Saves your searches and activity across Google services."
    assert recs[-1].action == "Set Auto-delete to 3"


def test_each_change_is_explained_from_the_pack(specs):
    data = analysis_input(specs, {"timeline": "on", "personalized_ads": "off"}, previous={})
    result = offline_analysis(data, specs)
    explained = {e.setting_key: e.explanation for e in result.explanations}
    assert set(explained) == {"timeline", "personalized_ads"}
    assert explained["timeline"].startswith(
        "Timeline changed from off to on. Keeps a map of where you have been.")
    assert "the private choice is off" in explained["timeline"]
    assert "more private choice" in explained["personalized_ads"]
    assert "2 setting(s) changed since the last scan, 1 of them away from privacy" in result.summary


async def test_the_offline_analyser_says_who_answered(specs):
    outcome = await OfflineAnalyser().analyse(analysis_input(specs), specs)
    assert outcome.result.analyser == "offline" and outcome.fallback_reason is None
