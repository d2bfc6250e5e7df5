"""The manifest asks for the least it can: no host permission at install (each platform's hosts are
optional, asked for when the user connects it), no content script declared (they are registered per
connected platform), icons at every size a store wants, and every file it names is there."""

from __future__ import annotations

import json
import re
from pathlib import Path

from PIL import Image

from tests.extension.conftest import EXTENSION_DIR, PLATFORM_HOSTS

ALLOWED_PERMISSIONS = {"cookies", "storage", "alarms", "scripting"}
DEVELOPER_HOSTS = {"http://127.0.0.1/*", "http://localhost/*"}
REPO = EXTENSION_DIR.parent


def manifest() -> dict:
    return json.loads((EXTENSION_DIR / "manifest.json").read_text())


def test_no_host_permission_at_install_only_optional_ones() -> None:
    m = manifest()
    assert m["manifest_version"] == 3
    assert set(m["permissions"]) == ALLOWED_PERMISSIONS
    assert len(m["permissions"]) == len(ALLOWED_PERMISSIONS)
    assert "host_permissions" not in m and "content_scripts" not in m
    assert set(m["optional_host_permissions"]) == PLATFORM_HOSTS | DEVELOPER_HOSTS
    assert "optional_permissions" not in m
    assert "<all_urls>" not in json.dumps(m)
    assert "externally_connectable" not in m and "web_accessible_resources" not in m


def test_icons_exist_at_store_sizes() -> None:
    m = manifest()
    assert set(m["icons"]) == {"16", "32", "48", "128"}
    for size, name in m["icons"].items():
        with Image.open(EXTENSION_DIR / name) as image:
            assert image.size == (int(size), int(size)) and image.mode == "RGBA"
    for name in m["action"]["default_icon"].values():
        assert (EXTENSION_DIR / name).is_file()


def test_the_content_scripts_extractor_is_the_scanners_extractor() -> None:
    # One file: it lives in the extension (Chromium injects an empty script for a content-script
    # symlink that points outside the extension folder), and the scanner's path links to it.
    ours = EXTENSION_DIR / "content" / "extractor.js"
    scanners = REPO / "scanner" / "extractor.js"
    assert not ours.is_symlink() and scanners.is_symlink()
    assert scanners.resolve() == ours.resolve()


def test_every_file_the_manifest_and_pages_name_exists() -> None:
    m = manifest()
    assert (EXTENSION_DIR / m["background"]["service_worker"]).is_file()
    assert m["background"]["type"] == "module"
    for page in (m["action"]["default_popup"], m["options_ui"]["page"], "connect/connect.html"):
        html_path = EXTENSION_DIR / page
        for target in re.findall(r'(?:src|href)="([^"]+\.(?:js|css|html|png))"', html_path.read_text()):
            assert (html_path.parent / target).resolve().is_file(), (page, target)
    imports = [(path, target) for folder in ("background", "popup", "connect", "options")
               for path in Path(EXTENSION_DIR / folder).glob("*.js")
               for target in re.findall(r'from "(\.\.?/[^"]+)"', path.read_text())]
    assert any(target == "./storage.js" for _, target in imports)
    for path, target in imports:
        assert (path.parent / target).resolve().is_file(), (path, target)
    registered = re.findall(r'"(content/[a-z-]+\.js)"', (EXTENSION_DIR / "background" / "access.js").read_text()
                            + (EXTENSION_DIR / "background" / "bridge.js").read_text())
    assert registered and all((EXTENSION_DIR / name).is_file() for name in registered)
