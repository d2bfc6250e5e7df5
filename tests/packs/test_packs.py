"""Selector packs: the shipped v1 packs honour the key/value contract; bad packs are refused with a
message that names the field; versions, login walls and the host allowlist answer right."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from core.errors import InvalidInput, NotFound
from packs.loading import load_default_pack, load_pack, pack_path, parse_pack_text

# issue 4's table: keys and value spaces are a contract
CONTRACT = {
    "google": {
        "web_app_activity": ["on", "off"],
        "timeline": ["on", "off"],
        "youtube_history": ["on", "off"],
        "personalized_ads": ["on", "off"],
        "auto_delete": ["off", "3", "18", "36"],
    },
    "facebook": {
        "future_posts_audience": ["public", "friends", "only_me", "custom"],
        "friend_requests": ["everyone", "friends_of_friends"],
        "lookup_email": ["everyone", "friends_of_friends", "friends", "only_me"],
        "search_engine_link": ["yes", "no"],
        "partner_ads": ["on", "off"],
    },
    "microsoft": {
        "personalized_ads_account": ["on", "off"],
        "personalized_ads_browser": ["on", "off"],
        "location_activity": ["on", "off"],
        "search_history": ["on", "off"],
    },
}
GOOD = (Path(__file__).resolve().parents[2] / "selectors" / "google" / "1.yaml").read_text()


@pytest.mark.parametrize("platform", sorted(CONTRACT))
def test_v1_pack_covers_exactly_the_contract(platform: str) -> None:
    pack = load_default_pack(platform)
    assert pack.version == "1"
    assert {s.key: s.value_space for s in pack.settings} == CONTRACT[platform]
    for setting in pack.settings:
        assert setting.preferred in setting.value_space
        assert set(setting.values.values()) <= set(setting.value_space)
        assert pack.page(setting.page).url.startswith("https://")
    assert pack.policies and all(p.url.startswith("https://") for p in pack.policies)


def test_former_labels_are_listed_after_the_current_one() -> None:
    assert load_default_pack("google").setting("timeline").labels[:2] == ["Timeline", "Location History"]
    partner = load_default_pack("facebook").setting("partner_ads").labels
    assert partner[0] == "Activity information from ad partners"
    assert "Ads based on data from partners" in partner


def _broken(change) -> str:
    data = parse_pack_text(GOOD).to_builtins()
    change(data)
    return yaml.safe_dump(data)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.pop("hosts"), "'hosts' is a required property"),
        (lambda d: d["settings"][0].update(weight=9), "settings[0].weight"),
        (lambda d: d["settings"][1].update(read="glance"), "settings[1].read"),
        (lambda d: d["settings"][0].update(preferred="paused"), "settings[0] (web_app_activity).preferred"),
        (lambda d: d["settings"][0]["values"].update({"mixed": "maybe"}), "'mixed' maps to 'maybe'"),
        (lambda d: d["settings"][2].update(page="nowhere"), "settings[2] (youtube_history).page: 'nowhere'"),
        (
            lambda d: d["pages"][0].update(url="https://evil.example.com/x"),
            "pages[0].url: host 'evil.example.com'",
        ),
        (lambda d: d["settings"].append(dict(d["settings"][0])), "key 'web_app_activity' appears twice"),
    ],
)
def test_bad_pack_is_refused_naming_the_field(change, expected: str) -> None:
    with pytest.raises(InvalidInput) as err:
        parse_pack_text(_broken(change), "candidate.yaml")
    assert expected in str(err.value)
    assert str(err.value).startswith("candidate.yaml: invalid selector pack")


def test_yaml_errors_and_non_mappings_are_clear(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("platform: google\nhosts: [a, b\n")
    with pytest.raises(InvalidInput, match="not valid YAML"):
        load_pack(bad)
    with pytest.raises(InvalidInput, match="is a mapping"):
        parse_pack_text("- just\n- a list\n")
    with pytest.raises(NotFound, match="does not exist"):
        load_pack(tmp_path / "missing.yaml")


def test_on_off_yes_no_stay_strings() -> None:
    pack = parse_pack_text(GOOD)
    assert pack.setting("timeline").value_space == ["on", "off"]
    assert pack.setting("timeline").preferred == "off"


def test_the_default_pack_is_the_lowest_version_in_natural_order(tmp_path: Path, monkeypatch) -> None:
    """The default (what scans use before any activation) is the lowest version: "2" before "10",
    and a newer file on disk never takes over by itself."""
    folder = tmp_path / "google"
    folder.mkdir()
    for version in ("10", "2", "9"):
        (folder / f"{version}.yaml").write_text(GOOD.replace('version: "1"', f'version: "{version}"'))
    monkeypatch.setenv("LOOPWHO_SELECTORS_DIR", str(tmp_path))
    assert pack_path("google").name == "2.yaml"
    assert pack_path("google", "10").name == "10.yaml"
    assert load_default_pack("google").version == "2"
    with pytest.raises(NotFound, match=r"google/3 does not exist \(have: 2, 9, 10\)"):
        pack_path("google", "3")
    with pytest.raises(NotFound, match="no selector pack for platform 'tiktok'"):
        pack_path("tiktok")
    with pytest.raises(InvalidInput):
        pack_path("../etc")


def test_login_walls_verification_and_allowlist() -> None:
    google = load_default_pack("google")
    assert google.is_login_wall("https://accounts.google.com/v3/signin/identifier?continue=x")
    assert google.is_login_wall("https://accounts.google.com/ServiceLogin?service=x")
    assert not google.is_login_wall("https://myactivity.google.com/activitycontrols")
    assert google.is_verification("https://accounts.google.com/v3/signin/challenge/pwd?continue=x")
    assert not google.is_verification("https://accounts.google.com/v3/signin/identifier")
    assert google.allows_host("myactivity.google.com")
    assert not google.allows_host("tracker.example.net")
    assert not google.allows_host("evilgoogle.com")
    facebook = load_default_pack("facebook")
    assert facebook.is_login_wall("https://www.facebook.com/login/?next=https%3A%2F%2Fwww.facebook.com%2F")
    assert facebook.is_verification("https://www.facebook.com/checkpoint/block")
    assert not facebook.allows_host("connect.facebook.net")
    microsoft = load_default_pack("microsoft")
    assert microsoft.is_login_wall("https://login.live.com/login.srf?wa=wsignin1.0")
    assert microsoft.allows_host("account.microsoft.com")


def test_to_builtins_round_trips_for_the_extractor() -> None:
    pack = load_default_pack("facebook")
    data = pack.to_builtins()
    assert data["settings"][0]["locate"]["role"] == ["combobox", "radio"]
    assert parse_pack_text(yaml.safe_dump(data)).to_builtins() == data
