"""Issue 18: a pack may name only hosts under its platform's registrable domains (public-suffix
aware): no IP literal, no localhost, no other site, including in its pages and policy URLs."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from core.errors import InvalidInput
from scanner.packs import parse_pack_text

GOOD = (Path(__file__).resolve().parents[2] / "selectors" / "google" / "1.yaml").read_text()


def _pack(change) -> str:
    data = parse_pack_text(GOOD).to_builtins()
    change(data)
    return yaml.safe_dump(data)


@pytest.mark.parametrize("host", ["127.0.0.1", "10.0.0.7", "169.254.169.254", "localhost", "evil.example.com",
                                  "google.com.evil.org", "evilgoogle.com", "*.com", "co.uk", "*.co.uk"])
def test_hosts_outside_the_platform_are_refused(host: str) -> None:
    with pytest.raises(InvalidInput, match=r"hosts|pattern|does not match"):
        parse_pack_text(_pack(lambda d: d["hosts"].append(host)))


def test_a_page_on_an_ip_literal_is_refused_even_when_listed() -> None:
    def change(d: dict) -> None:
        d["hosts"].append("127.0.0.1")
        d["pages"][0]["url"] = "https://127.0.0.1/activitycontrols"

    with pytest.raises(InvalidInput, match=r"hosts\[\d+\]: '127.0.0.1' is not a host name under google"):
        parse_pack_text(_pack(change))


def test_policy_urls_stay_on_the_platform() -> None:
    def change(d: dict) -> None:
        d.setdefault("policies", []).append({"key": "x", "url": "https://127.0.0.1/policy"})

    with pytest.raises(InvalidInput, match=r"policies\[\d+\]\.url: host '127.0.0.1'"):
        parse_pack_text(_pack(change))


def test_unknown_platform_is_refused() -> None:
    with pytest.raises(InvalidInput, match="platform: 'myspace'"):
        parse_pack_text(_pack(lambda d: d.update(platform="myspace")))


def test_wildcards_and_subdomains_of_the_platform_pass() -> None:
    pack = parse_pack_text(_pack(lambda d: d["hosts"].extend(["*.google.com", "www.google.com"])))
    assert pack.allows_host("myaccount.google.com")
