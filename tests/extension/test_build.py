"""`loopwho extension build`: a store zip for one https server, with no loopback host, the project's
version, the developer flag off, the icons; bad servers are refused with one line, exit status 2."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from playwright.async_api import Playwright, expect

from cli.extension_build import project_version
from tests.extension.conftest import EXTENSION_DIR, launch_with_extension
from tests.extension.test_manifest import ALLOWED_PERMISSIONS, PLATFORM_HOSTS


def loopwho(*argv: str) -> subprocess.CompletedProcess[str]:
    """`loopwho ARGV` in a process of its own (in this one it would set up logging for the whole
    test session on a captured stream that pytest closes later)."""
    return subprocess.run([sys.executable, "-m", "cli.main", *argv], env={**os.environ, "PYTHONPATH": os.getcwd()},
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("dist")
    zips_before = set(out.iterdir())
    assert loopwho("extension", "build", "--server", "https://loopwho.example:8443/", "--out", str(out)).returncode == 0
    (path,) = set(out.iterdir()) - zips_before
    assert path.parent == out and path.name == f"loopwho-extension-{project_version()}.zip"
    return zipfile.ZipFile(path)


def test_the_store_manifest_names_the_server_and_no_loopback(built: zipfile.ZipFile) -> None:
    manifest = json.loads(built.read("manifest.json"))
    text = json.dumps(manifest)
    assert "127.0.0.1" not in text and "localhost" not in text
    assert set(manifest["optional_host_permissions"]) == PLATFORM_HOSTS | {"https://loopwho.example/*"}
    assert "host_permissions" not in manifest and "content_scripts" not in manifest
    assert manifest["version"] == project_version()
    config = built.read("background/config.js").decode()
    assert '"https://loopwho.example:8443"' in config and "developer: false" in config
    assert "127.0.0.1" not in config


def test_the_zip_holds_the_extension_and_its_icons(built: zipfile.ZipFile) -> None:
    names = set(built.namelist())
    manifest = json.loads(built.read("manifest.json"))
    for size, name in manifest["icons"].items():
        with Image.open(io.BytesIO(built.read(name))) as image:
            assert image.size == (int(size), int(size))
    # the shared extractor goes in as a file, and the docs stay out
    assert built.read("content/extractor.js") == (EXTENSION_DIR / "content" / "extractor.js").read_bytes()
    assert "README.md" not in names and not any(n.startswith("store/") for n in names)
    assert {"popup/popup.html", "options/options.html", "connect/connect.html"} <= names


@pytest.mark.parametrize("server", ["http://loopwho.example", "https://127.0.0.1", "https://localhost:8000",
                                    "loopwho.example", "https://user:pw@loopwho.example"])
def test_a_server_a_store_build_cannot_use_is_refused_in_one_line(
    server: str, tmp_path: Path,
) -> None:
    done = loopwho("extension", "build", "--server", server, "--out", str(tmp_path))
    said = done.stderr
    assert done.returncode == 2, said
    assert said.startswith("loopwho: error: --server must") and said.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


async def test_the_store_build_loads_with_no_host_and_its_server(
    built: zipfile.ZipFile, async_pw: Playwright, tmp_path: Path,
) -> None:
    unpacked = tmp_path / "unpacked"
    built.extractall(unpacked)
    loaded = await launch_with_extension(async_pw, tmp_path / "profile", source=unpacked)
    try:
        granted = await loaded.worker.evaluate("chrome.permissions.getAll()")
        assert granted["origins"] == [] and set(granted["permissions"]) == ALLOWED_PERMISSIONS
        popup = await loaded.open_popup()
        # expect() waits with Playwright's own engine: wait_for_function would eval its string in the
        # popup, which the extension's CSP refuses whenever the first check is not yet true
        await expect(popup.locator("#server-url")).to_have_value("https://loopwho.example:8443")
        # the store build has no developer flag: a loopback server is refused
        await popup.locator("#server-url").fill("http://127.0.0.1:8000")
        await popup.locator("#server-save").click()
        await popup.locator("#error").filter(has_text="developer").wait_for()
    finally:
        await loaded.context.close()
