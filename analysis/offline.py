"""The deterministic analyser: score, explanations and recommendations from the packs alone.

Score: the weighted share of confidently read settings that sit at their privacy-preferred value,
0-100, rounded (settings not read, or read with doubt, count neither way). Recommendations: one per
confidently read setting away from its preferred value; priority high for weight >= 4, medium for
2-3, low for 1. Used when no Gemini key is set, and whenever Gemini cannot give a valid answer.
"""

from __future__ import annotations

from collections.abc import Sequence

from analysis.base import AnalysisOutcome
from analysis.changes import PolicyChange, SettingChange
from analysis.errors import NothingToAnalyse
from analysis.impact import HEAVY_WEIGHT
from analysis.inputs import AnalysisInput
from analysis.specs import SettingSpec
from core.types import AnalysisResult, ChangeExplanation, ImpactLevel, Recommendation

_PRIORITY_RANK = {"high": 0, "medium": 1, "low": 2}


def show_value(value: str) -> str:
    return value.replace("_", " ")


def priority_for_weight(weight: int) -> ImpactLevel:
    if weight >= HEAVY_WEIGHT:
        return "high"
    return "medium" if weight >= 2 else "low"


def action_for(spec: SettingSpec) -> str:
    if spec.preferred in ("off", "on"):
        return f"Turn {spec.preferred} {spec.label}"
    if spec.preferred in ("no", "yes"):
        return f"Answer '{spec.preferred}' to: {spec.label}"
    return f"Set {spec.label} to {show_value(spec.preferred)}"


def privacy_score(data: AnalysisInput, specs: Sequence[SettingSpec]) -> int:
    spec_map = {s.key: s for s in specs}
    total = good = 0
    for state in data.settings:
        spec = spec_map.get(state.key)
        if spec is None or not state.confident or state.value not in spec.value_space:
            continue
        total += spec.weight
        good += spec.weight if state.value == spec.preferred else 0
    if total == 0:
        raise NothingToAnalyse(
            f"no setting of {data.platform} was read with confidence; scan again before scoring"
        )
    return round(100 * good / total)


def explain_setting(change: SettingChange) -> str:
    moved = f"{change.label} changed from {show_value(change.old)} to {show_value(change.new)}."
    if change.direction == "toward":
        verdict = "This is the more private choice."
    elif change.direction == "away":
        verdict = f"This shares more than before; the private choice is {show_value(change.preferred)}."
    else:
        verdict = f"The most private choice is {show_value(change.preferred)}."
    return " ".join(part for part in (moved, change.description, verdict) if part)


def explain_policy(change: PolicyChange) -> str:
    what = {"changed": "was reworded", "added": "was added", "removed": "was removed"}[change.kind]
    text = f"The section \"{change.heading}\" of {change.title or change.policy_key} {what}."
    if change.impact == "high":
        text += " It covers data sharing, advertising or location: worth reading in full."
    return text


def recommendations(data: AnalysisInput, specs: Sequence[SettingSpec]) -> list[Recommendation]:
    spec_map = {s.key: s for s in specs}
    found: list[tuple[int, int, str, Recommendation]] = []
    for state in data.settings:
        spec = spec_map.get(state.key)
        if spec is None or not state.confident or state.value in (None, spec.preferred):
            continue
        if state.value not in spec.value_space:
            continue
        priority = priority_for_weight(spec.weight)
        rec = Recommendation(
            setting_key=spec.key,
            title=f"{spec.label} is {show_value(state.value or '')}",
            action=action_for(spec),
            where=spec.where_url,
            why=spec.description or f"{show_value(spec.preferred)} is the privacy-preferred value.",
            priority=priority,
        )
        found.append((_PRIORITY_RANK[priority], -spec.weight, spec.key, rec))
    return [rec for *_, rec in sorted(found, key=lambda item: item[:3])]


def summarise(data: AnalysisInput, specs: Sequence[SettingSpec], score: int) -> str:
    spec_keys = {s.key for s in specs}
    read = [s for s in data.settings if s.key in spec_keys and s.confident]
    doubtful = sum(1 for s in data.settings if s.key in spec_keys and not s.confident)
    preferred = {s.key: s.preferred for s in specs}
    at_best = sum(1 for s in read if s.value == preferred[s.key])
    text = (
        f"{at_best} of {len(read)} {data.platform} settings read are at their most private value "
        f"(privacy score {score}/100)."
    )
    if doubtful:
        text += f" {doubtful} could not be read with confidence and are not counted."
    if data.changes:
        worse = sum(1 for c in data.changes if c.direction != "toward")
        text += (f" {len(data.changes)} setting(s) changed since the last scan, "
                 f"{worse} of them away from privacy.")
    if data.policy_changes:
        text += f" {len(data.policy_changes)} policy section(s) changed."
    return text


def offline_analysis(data: AnalysisInput, specs: Sequence[SettingSpec]) -> AnalysisResult:
    score = privacy_score(data, specs)
    explanations = [
        ChangeExplanation(setting_key=c.key, explanation=explain_setting(c)) for c in data.changes
    ]
    explanations += [
        ChangeExplanation(setting_key=c.policy_key, explanation=explain_policy(c))
        for c in data.policy_changes
    ]
    return AnalysisResult(
        privacy_score=score,
        summary=summarise(data, specs, score),
        explanations=explanations,
        recommendations=recommendations(data, specs),
        analyser="offline",
    )


class OfflineAnalyser:
    name = "offline"

    async def analyse(self, data: AnalysisInput, specs: Sequence[SettingSpec]) -> AnalysisOutcome:
        return AnalysisOutcome(result=offline_analysis(data, specs))
