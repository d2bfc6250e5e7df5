from __future__ import annotations

from analysis.diff import diff_policies, diff_settings, diff_snapshots
from analysis.impact import to_change_events
from analysis.snapshot import parse_snapshot, render_snapshot
from tests.analysis.conftest import POLICY_SECTIONS, make_scan


def snap(specs, **kwargs):
    values = kwargs.pop("values", None)
    return parse_snapshot(render_snapshot("google", make_scan(values, **kwargs), specs))


def test_a_flipped_setting_gives_exactly_one_change(specs):
    changes = diff_snapshots(snap(specs), snap(specs, values={"web_app_activity": "on"}), specs)
    assert len(changes) == 1
    change = changes[0]
    assert (change.key, change.old, change.new) == ("web_app_activity", "off", "on")
    assert change.direction == "away" and change.impact == "high"
    assert change.label == "Web & App Activity" and change.pack_version == "2026.11.1"


def test_diff_works_on_live_readings_too(specs):
    old = {r.key: r for r in make_scan().readings}
    new = {r.key: r for r in make_scan({"personalized_ads": "off"}).readings}
    [change] = diff_settings(old, new, specs)
    assert change.key == "personalized_ads" and change.direction == "toward" and change.impact == "low"


def test_unchanged_settings_give_no_change(specs):
    assert diff_snapshots(snap(specs), snap(specs), specs) == []


def test_uncertain_readings_never_raise_a_change(specs):
    flipped, doubt = {"web_app_activity": "on"}, {"web_app_activity"}
    assert diff_snapshots(snap(specs), snap(specs, values=flipped, uncertain=doubt), specs) == []
    assert diff_snapshots(snap(specs, uncertain=doubt), snap(specs, values=flipped), specs) == []


def test_missing_or_out_of_space_values_never_raise_a_change(specs):
    assert diff_snapshots(snap(specs), snap(specs, values={"timeline": None}), specs) == []
    assert diff_snapshots(snap(specs), snap(specs, values={"timeline": "maybe"}), specs) == []


def test_a_new_pack_version_with_the_same_values_raises_nothing(specs):
    assert diff_snapshots(snap(specs), snap(specs, pack_version="2027.1.0"), specs) == []


def test_a_degraded_scan_raises_nothing(specs):
    flipped = {"timeline": "on"}
    assert diff_snapshots(snap(specs), snap(specs, values=flipped, status="partial"), specs) == []
    assert diff_snapshots(snap(specs, status="partial"), snap(specs, values=flipped), specs) == []


def test_a_reworded_policy_section_is_one_change_with_an_excerpt(specs):
    reworded = [*POLICY_SECTIONS]
    reworded[1] = ("Sharing your information",
                   "We share your personal information with advertising partners.")
    changes = diff_snapshots(snap(specs), snap(specs, sections=reworded), specs)
    assert len(changes) == 1
    change = changes[0]
    assert change.heading == "Sharing your information" and change.kind == "changed"
    assert change.impact == "high"
    assert "-We do not share" in change.excerpt and "+We share your personal information" in change.excerpt


def test_whitespace_only_policy_edits_are_ignored(specs):
    spaced = [(h, t.replace(" ", "  ") + "\n") for h, t in POLICY_SECTIONS]
    assert diff_snapshots(snap(specs), snap(specs, sections=spaced), specs) == []


def test_added_and_removed_sections(specs):
    new_sections = [*POLICY_SECTIONS[:2], ("Keeping your information", "We keep data for 18 months.")]
    changes = diff_policies(snap(specs).policies, snap(specs, sections=new_sections).policies)
    assert [(c.heading, c.kind, c.impact) for c in changes] == [
        ("Keeping your information", "added", "medium"),
        ("Your privacy controls", "removed", "medium"),
    ]


def test_a_policy_that_failed_to_load_raises_nothing(specs):
    failed = make_scan()
    failed.policies[0].status = "failed"
    failed.policies[0].sections = []
    new = parse_snapshot(render_snapshot("google", failed, specs))
    assert diff_policies(snap(specs).policies, new.policies) == []


def test_long_excerpts_are_cut(specs):
    long_old = "\n".join(f"line {i}" for i in range(40))
    long_new = "\n".join(f"changed {i}" for i in range(40))
    old = snap(specs, sections=[("Data", long_old)])
    new = snap(specs, sections=[("Data", long_new)])
    [change] = diff_policies(old.policies, new.policies, excerpt_lines=5)
    assert len(change.excerpt.splitlines()) == 6 and change.excerpt.endswith("more lines)")


def test_change_events_carry_what_the_user_needs(specs):
    reworded = [*POLICY_SECTIONS]
    reworded[0] = (POLICY_SECTIONS[0][0], "We collect more.")
    reworded[1] = ("Sharing your information", "We share with partners.")
    changes = diff_snapshots(snap(specs), snap(specs, values={"timeline": "on"}, sections=reworded), specs)
    events = to_change_events("user-1", "google", changes, "user-1/google/privacy-x.md", "snap-0")
    assert [e.change_type for e in events] == ["setting_changed", "policy_updated"]
    setting, policy = events
    assert setting.impact_level == "high"
    assert {k: setting.change_data[k] for k in ("key", "label", "old", "new", "pack_version")} == {
        "key": "timeline", "label": "Timeline", "old": "off", "new": "on", "pack_version": "2026.11.1"}
    assert setting.r2_file_path == "user-1/google/privacy-x.md" and setting.previous_snapshot_id == "snap-0"
    assert policy.impact_level == "high"  # the sharing section outranks the medium one
    assert [s["heading"] for s in policy.change_data["sections"]] == [
        "Information Google collects", "Sharing your information"]
    again = to_change_events("user-1", "google", changes, "other.md", "snap-0")
    assert [e.change_data["fingerprint"] for e in again] == [e.change_data["fingerprint"] for e in events]
    other_base = to_change_events("user-1", "google", changes, "other.md", "snap-9")
    assert other_base[0].change_data["fingerprint"] != events[0].change_data["fingerprint"]
