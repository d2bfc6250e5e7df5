"""Issue 18: a pack may name only hosts under its platform's registrable domains (public-suffix
aware): no IP literal, no localhost, no other site, including in its pages and policy URLs."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from core.errors import InvalidInput
from packs.loading import _cross_checks, _Yaml12Loader, parse_pack_text

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

    # the schema refuses it first now; the cross-check (below) refuses it too
    with pytest.raises(InvalidInput, match=r"hosts\[\d+\]: '127.0.0.1' does not match"):
        parse_pack_text(_pack(change))


def test_policy_urls_stay_on_the_platform() -> None:
    def change(d: dict) -> None:
        d.setdefault("policies", []).append({"key": "x", "url": "https://127.0.0.1/policy"})

    with pytest.raises(InvalidInput, match=r"policies\[\d+\]\.url: '.*127.0.0.1/policy' does not match"):
        parse_pack_text(_pack(change))


def test_the_cross_checks_refuse_ip_literals_and_localhost_without_the_schema() -> None:
    data = parse_pack_text(GOOD).to_builtins()
    data["hosts"] += ["127.0.0.1", "localhost"]
    data.setdefault("policies", []).append({"key": "x", "url": "https://10.0.0.7/policy"})
    problems = _cross_checks(data)
    assert any("'127.0.0.1' is not a host name under google" in p for p in problems), problems
    assert any("'localhost' is not a host name under google" in p for p in problems), problems
    assert any("policies[" in p and "'10.0.0.7'" in p for p in problems), problems


_REFUSED_HOSTS = ["127.0.0.1", "10.0.0.7", "169.254.169.254", "2130706433", "localhost", "foo.localhost",
                  "localhost.localdomain", "[::1]", "::1", "0x7f.0.0.1", "*.localhost", "Google.com"]


@pytest.mark.parametrize("host", _REFUSED_HOSTS)
def test_the_schema_alone_refuses_ip_literals_and_localhost(host: str) -> None:
    """selectors/schema.json on its own (what an editor or another tool validates with), not only
    the publish step's cross-checks: hosts, login-wall rules, page and policy URLs."""
    schema = json.loads((Path(__file__).resolve().parents[2] / "selectors" / "schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    good = yaml.load(GOOD, Loader=_Yaml12Loader)
    assert not list(validator.iter_errors(good))
    for change in (lambda d: d["hosts"].append(host),
                   lambda d: d["login_wall"].append({"host": host.removeprefix("*."), "path_prefix": "/"}),
                   lambda d: d["pages"][0].update(url=f"https://{host.removeprefix('*.')}/x"),
                   lambda d: d.setdefault("policies", []).append({"key": "p", "url": f"https://{host}:443/"})):
        data = copy.deepcopy(good)
        change(data)
        assert list(validator.iter_errors(data)), (host, data)


def test_unknown_platform_is_refused() -> None:
    with pytest.raises(InvalidInput, match="platform: 'myspace'"):
        parse_pack_text(_pack(lambda d: d.update(platform="myspace")))


def test_wildcards_and_subdomains_of_the_platform_pass() -> None:
    pack = parse_pack_text(_pack(lambda d: d["hosts"].extend(["*.google.com", "www.google.com"])))
    assert pack.allows_host("myaccount.google.com")
