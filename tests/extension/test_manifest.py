"""The manifest asks for exactly the permissions the security model allows, and every file it names
is there (the content scripts run the scanner's own extractor, not a copy)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.extension.conftest import EXTENSION_DIR

ALLOWED_PERMISSIONS = {"cookies", "storage", "alarms"}
ALLOWED_HOSTS = {
    "https://*.google.com/*", "https://*.facebook.com/*", "https://*.microsoft.com/*", "https://*.live.com/*",
    "http://127.0.0.1/*", "http://localhost/*",
}
REPO = EXTENSION_DIR.parent


def manifest() -> dict:
    return json.loads((EXTENSION_DIR / "manifest.json").read_text())


def test_permissions_are_exactly_the_allowed_set() -> None:
    m = manifest()
    assert m["manifest_version"] == 3
    assert set(m["permissions"]) == ALLOWED_PERMISSIONS
    assert len(m["permissions"]) == len(ALLOWED_PERMISSIONS)
    assert set(m["host_permissions"]) == ALLOWED_HOSTS
    assert "optional_permissions" not in m and "optional_host_permissions" not in m
    assert "<all_urls>" not in json.dumps(m)
    assert "externally_connectable" not in m


def covered(match: str) -> bool:
    """A content-script match lies inside one of the host permissions (https://*.google.com/*)."""
    scheme, rest = match.split("://", 1)
    host = rest.split("/", 1)[0]
    for pattern in ALLOWED_HOSTS:
        p_scheme, p_rest = pattern.split("://", 1)
        p_host = p_rest.split("/", 1)[0]
        if p_scheme == scheme and (host == p_host or (p_host.startswith("*.") and host.endswith(p_host[1:]))):
            return True
    return False


def test_content_scripts_stay_inside_the_host_permissions_and_run_the_shared_extractor() -> None:
    scripts = manifest()["content_scripts"]
    entries = {s["js"][-1] for s in scripts}
    assert entries == {"content/google.js", "content/facebook.js", "content/microsoft.js"}
    for script in scripts:
        assert all(covered(match) for match in script["matches"]), script["matches"]
        assert script["js"][0] == "content/extractor.js"
        for name in script["js"]:
            assert (EXTENSION_DIR / name).is_file(), name



def test_the_content_scripts_extractor_is_the_scanners_extractor() -> None:
    # One file: it lives in the extension (Chromium injects an empty script for a content-script
    # symlink that points outside the extension folder), and the scanner's path links to it.
    ours = EXTENSION_DIR / "content" / "extractor.js"
    scanners = REPO / "scanner" / "extractor.js"
    assert not ours.is_symlink() and scanners.is_symlink()
    assert scanners.resolve() == ours.resolve()


def test_every_file_the_manifest_and_popup_name_exists() -> None:
    m = manifest()
    assert (EXTENSION_DIR / m["background"]["service_worker"]).is_file()
    assert m["background"]["type"] == "module"
    popup = EXTENSION_DIR / m["action"]["default_popup"]
    html = popup.read_text()
    for name in ("popup.js", "popup.css"):
        assert name in html and (popup.parent / name).is_file()
    imports = [target for path in Path(EXTENSION_DIR / "background").glob("*.js")
               for target in re.findall(r'from "(\./[^"]+)"', path.read_text())]
    assert "./storage.js" in imports
    for target in imports:
        assert (EXTENSION_DIR / "background" / target).resolve().is_file(), target
