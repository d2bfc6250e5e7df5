"""Loading selector packs: read a pack file (YAML 1.2), validate it (JSON Schema plus cross-field
checks), and find the versions shipped on disk. The pack's shape is ``core.selector_pack``.

Packs are data in ``selectors/<platform>/<version>.yaml``; the format is in docs/contracts.md.
"""

from __future__ import annotations

import functools
import json
import os
import re
import urllib.parse
from pathlib import Path
from typing import Any

import jsonschema
import msgspec
import yaml

from core.errors import InvalidInput, NotFound
from core.selector_pack import SelectorPack, host_matches
from core.settings import get_settings
from profiles.domains import PLATFORM_COOKIE_DOMAINS, host_allowed

REPO_SELECTORS_DIR = Path(__file__).resolve().parents[1] / "selectors"


@functools.cache
def _schema_validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((REPO_SELECTORS_DIR / "schema.json").read_text())
    return jsonschema.Draft202012Validator(schema)


def _where(error: jsonschema.ValidationError) -> str:
    path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
    return path.lstrip(".") or "(top level)"


def _cross_checks(data: dict[str, Any]) -> list[str]:
    """What JSON Schema cannot say: references between fields, and hosts on the platform's own
    registrable domains (public-suffix aware; no IP literal, no localhost), so a published pack can
    never send a browser holding a user's session anywhere else."""
    problems: list[str] = []
    page_keys = [p["key"] for p in data["pages"]]
    hosts = data["hosts"]
    platform = data["platform"]
    if platform not in PLATFORM_COOKIE_DOMAINS:
        problems.append(f"platform: {platform!r} is not one of {', '.join(PLATFORM_COOKIE_DOMAINS)}")
    else:
        owned = ", ".join(PLATFORM_COOKIE_DOMAINS[platform])
        for i, host in enumerate(hosts):
            if not host_allowed(platform, host.removeprefix("*.")):
                problems.append(f"hosts[{i}]: {host!r} is not a host name under {platform}'s domains ({owned})")
        for i, p in enumerate(data.get("policies", [])):
            policy_host = urllib.parse.urlsplit(p["url"]).hostname or ""
            if not host_allowed(platform, policy_host):
                problems.append(f"policies[{i}].url: host {policy_host!r} is not under {platform}'s domains ({owned})")
        # a named cookie off the platform's domains could never be sent, and must never be asked for
        cookies = data.get("cookies") or {}
        for kind in ("session", "consent"):
            for i, rule in enumerate(cookies.get(kind, [])):
                if not host_allowed(platform, rule["domain"]):
                    problems.append(f"cookies.{kind}[{i}].domain: {rule['domain']!r} is not under "
                                    f"{platform}'s domains ({owned})")
    for dup in sorted({k for k in page_keys if page_keys.count(k) > 1}):
        problems.append(f"pages: key {dup!r} appears twice")
    for i, page in enumerate(data["pages"]):
        host = urllib.parse.urlsplit(page["url"]).hostname or ""
        if not any(host_matches(h, host) for h in hosts):
            problems.append(f"pages[{i}].url: host {host!r} is not in hosts")
    setting_keys = [s["key"] for s in data["settings"]]
    for dup in sorted({k for k in setting_keys if setting_keys.count(k) > 1}):
        problems.append(f"settings: key {dup!r} appears twice")
    for i, s in enumerate(data["settings"]):
        where = f"settings[{i}] ({s['key']})"
        space = s["value_space"]
        if s["page"] not in page_keys:
            problems.append(f"{where}.page: {s['page']!r} is not one of the pages {page_keys}")
        for raw, value in s["values"].items():
            if value not in space:
                problems.append(f"{where}.values: {raw!r} maps to {value!r}, not in value_space {space}")
        if s["preferred"] not in space:
            problems.append(f"{where}.preferred: {s['preferred']!r} is not in value_space {space}")
        if s["read"] == "attribute" and not s.get("attribute"):
            problems.append(f"{where}.attribute: required when read is 'attribute'")
        locate = s["locate"]
        if not (locate.get("role") or locate.get("css") or locate.get("proximity", True)):
            problems.append(f"{where}.locate: needs a role, a css selector or proximity")
        for word, value in s.get("vocabulary", {}).items():
            if value not in space:
                problems.append(f"{where}.vocabulary: {word!r} maps to {value!r}, not in value_space {space}")
        for word, value in (s.get("ocr") or {}).get("words", {}).items():
            if value not in space:
                problems.append(f"{where}.ocr.words: {word!r} maps to {value!r}, not in value_space {space}")
    for i, p in enumerate(data.get("policies", [])):
        if not re.match(r"^https://[^/]+", p["url"]):
            problems.append(f"policies[{i}].url: not an https URL")
    return problems


def parse_pack(data: Any, source: str = "pack") -> SelectorPack:
    """Validate already-parsed pack data; every problem names its field."""
    if not isinstance(data, dict):
        raise InvalidInput(f"{source}: a selector pack is a mapping (platform, version, hosts, ...)")
    errors = sorted(_schema_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        shown = "; ".join(f"{_where(e)}: {e.message}" for e in errors[:5])
        more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
        raise InvalidInput(f"{source}: invalid selector pack: {shown}{more}")
    problems = _cross_checks(data)
    if problems:
        raise InvalidInput(f"{source}: invalid selector pack: {'; '.join(problems[:5])}")
    return msgspec.convert(data, SelectorPack)


class _Yaml12Loader(yaml.SafeLoader):
    """YAML with 1.2 booleans: only true/false are booleans, so `on`, `off`, `yes` and `no` (value
    names in packs) stay strings."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_Yaml12Loader)  # a SafeLoader subclass: no arbitrary objects


def parse_pack_text(text: str, source: str = "pack") -> SelectorPack:
    try:
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        raise InvalidInput(f"{source}: not valid YAML: {exc}") from None
    return parse_pack(data, source)


def load_pack(path: str | os.PathLike[str]) -> SelectorPack:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise NotFound(f"selector pack {path} does not exist") from None
    except (IsADirectoryError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"selector pack {path} cannot be read: {exc}") from None
    return _parse_file_text(text, str(path))


@functools.lru_cache(maxsize=64)
def _parse_file_text(text: str, source: str) -> SelectorPack:
    """Packs on disk are read on every scan (twice: scan and processing) and parsing one (YAML and
    the JSON Schema) was ~20% of a worker's CPU; the same text gives the same frozen pack, so it is
    parsed once. Keyed by the text itself: an edited file is parsed again."""
    return parse_pack_text(text, source)


def selectors_dir() -> Path:
    configured = os.environ.get("LOOPWHO_SELECTORS_DIR") or get_settings().selectors_dir
    return Path(configured) if configured else REPO_SELECTORS_DIR


def _version_key(version: str) -> tuple[tuple[int, Any], ...]:
    """Natural order: 2 < 10, 2026.2.1 < 2026.11.1."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"[._-]", version))


def pack_versions(platform: str) -> list[str]:
    folder = selectors_dir() / platform
    versions = [p.stem for p in folder.glob("*.yaml")] if folder.is_dir() else []
    return sorted(versions, key=_version_key)


def pack_path(platform: str, version: str | None = None) -> Path:
    """The pack file for a platform: the given version, or its default (the lowest version on disk;
    which version a scan uses is ``packs.activation``'s answer, never this file listing's)."""
    if not re.fullmatch(r"[a-z][a-z0-9_]*", platform or ""):
        raise InvalidInput(f"platform {platform!r} is not a platform name")
    versions = pack_versions(platform)
    if not versions:
        raise NotFound(f"no selector pack for platform {platform!r} in {selectors_dir()}")
    if version is None:
        version = versions[0]
    if version not in versions:
        raise NotFound(f"selector pack {platform}/{version} does not exist (have: {', '.join(versions)})")
    return selectors_dir() / platform / f"{version}.yaml"


def load_default_pack(platform: str) -> SelectorPack:
    """The platform's default pack: the one every scan uses before an operator activates another
    (tests and benches read the simulators with it)."""
    return load_pack(pack_path(platform))
