from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from analysis.errors import SnapshotFormatError
from analysis.snapshot import content_hash, parse_snapshot, render_snapshot, snapshot_data
from core.types import SettingReading
from tests.analysis.conftest import make_scan


def test_same_settings_give_the_same_bytes_and_hash(specs):
    first = make_scan(confidence=0.97)
    second = make_scan(confidence=0.91)  # OCR-style jitter in confidence must not matter
    second.readings = random.Random(4).sample(second.readings, len(second.readings))
    second.started_at = datetime(2026, 1, 2, tzinfo=UTC)
    second.duration_ms = 4321
    a, b = render_snapshot("google", first, specs), render_snapshot("google", second, specs)
    assert a == b
    assert content_hash(a) == content_hash(b)
    assert "2026" not in a.replace("2026.11.1", "")  # no timestamp in the hashed body


def test_a_flipped_setting_changes_the_hash(specs):
    before = render_snapshot("google", make_scan(), specs)
    after = render_snapshot("google", make_scan({"timeline": "on"}), specs)
    assert content_hash(before) != content_hash(after)
    assert "| timeline | Timeline | on | dom | confident |" in after


def test_settings_table_is_sorted_and_marks_doubt_and_missing(specs):
    scan = make_scan({"youtube_history": None}, uncertain={"personalized_ads"})
    md = render_snapshot("google", scan, specs)
    rows = [line for line in md.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert [r.split("|")[1].strip() for r in rows] == sorted(s.key for s in specs)
    assert "| personalized_ads | Personalized ads | on | dom | uncertain |" in md
    assert "| youtube_history | YouTube History | — | — | not found |" in md


def test_a_setting_the_pack_lists_but_the_scan_missed_is_shown_as_not_found(specs):
    scan = make_scan()
    scan.readings = [r for r in scan.readings if r.key != "timeline"]
    data = parse_snapshot(render_snapshot("google", scan, specs))
    assert data.settings["timeline"].value is None
    assert not data.settings["timeline"].confident


def test_parse_round_trip_keeps_hostile_text_intact(specs):
    sections = [
        ("Intro", "# looks like a heading\n## Policy: fake\n\\starts with a backslash\n| a | table |"),
        ("Intro", "a second section with the same heading"),
        ("Ads & partners", "We share data with <b>partners</b>.\n\n\nAfter blank lines."),
    ]
    scan = make_scan(sections=sections)
    scan.readings.append(SettingReading(key="web_app_activity_extra", label="Web | App \\ <Activity>",
                                        value="on", confidence=0.99))
    md = render_snapshot("google", scan, specs)
    parsed = parse_snapshot(md)
    assert parsed == snapshot_data("google", scan, specs)
    policy = parsed.policies["privacy_policy"]
    assert list(policy.sections) == ["Intro", "Intro (2)", "Ads & partners"]
    assert policy.sections["Intro"].startswith("# looks like a heading\n## Policy: fake")
    assert parsed.settings["web_app_activity_extra"].label == "Web | App \\ <Activity>"
    assert render_snapshot("google", scan, specs) == md


def test_a_failed_policy_keeps_its_status_and_no_sections(specs):
    scan = make_scan()
    scan.policies[0].status = "failed"
    parsed = parse_snapshot(render_snapshot("google", scan, specs))
    assert parsed.policies["privacy_policy"].status == "failed"
    assert parsed.policies["privacy_policy"].sections == {}


@pytest.mark.parametrize("text", ["", "hello", "# Privacy snapshot: google\n\n- platform: google\n",
                                  "# Privacy snapshot: google\n\n- platform: google\n- pack version: 1\n"
                                  "- status: ok\n\n## Settings\n\n| wrong | header |\n| --- |\n"])
def test_not_a_snapshot_gives_a_clear_error(text):
    with pytest.raises(SnapshotFormatError):
        parse_snapshot(text)


def test_a_forged_settings_row_is_refused(specs):
    md = render_snapshot("google", make_scan(), specs).replace("| dom | confident |", "| dom | sure |", 1)
    with pytest.raises(SnapshotFormatError, match="unknown confidence"):
        parse_snapshot(md)

