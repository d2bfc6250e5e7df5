"""The browser extension as a store-ready zip, and its icons.

``build_extension`` copies ``extension/`` into a zip with the manifest a store build needs: the
server's origin as an optional host permission (asked for at pairing), no loopback host, the
project's version, the developer flag off in ``background/config.js``, and the icons.
``draw_icons`` draws the icons with Pillow (run by ``loopwho extension icons``; the PNGs are
committed, so a build needs no drawing)."""

from __future__ import annotations

import json
import re
import tomllib
import urllib.parse
import zipfile
from pathlib import Path

from core.errors import InvalidInput

REPO = Path(__file__).resolve().parents[1]
EXTENSION_DIR = REPO / "extension"
ICON_SIZES = (16, 32, 48, 128)
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
# files that are the extension's own documentation or tooling, not the extension
LEFT_OUT = ("README.md", "store/")
_CONFIG = re.compile(r"export const BUILD = Object\.freeze\(\{.*?\}\);", re.S)


def project_version() -> str:
    """The project's version as a Chrome version: 1-4 dot-separated integers (``0.1.0rc1`` -> ``0.1.0``)."""
    version = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]
    parts = [re.match(r"\d+", part) for part in version.split(".")[:4]]
    numbers = [m.group(0) for m in parts if m]
    if not numbers:
        raise InvalidInput(f"the project version {version!r} has no numbers a browser could use")
    return ".".join(str(int(n)) for n in numbers)


def server_origin(server: str) -> str:
    """The server's origin; https only, never a loopback host (a store build talks to one real server)."""
    parts = urllib.parse.urlsplit(server.strip())
    if parts.scheme != "https" or not parts.hostname:
        raise InvalidInput(f"--server must be an https:// URL, not {server[:80]!r}")
    if parts.hostname in LOOPBACK_HOSTS or parts.hostname.strip("[]") == "::1" or parts.username:
        raise InvalidInput("--server must name the real server, not a loopback host or user info")
    host = parts.hostname + (f":{parts.port}" if parts.port else "")
    return f"https://{host}"


def store_manifest(manifest: dict, origin: str, version: str) -> dict:
    out = json.loads(json.dumps(manifest))
    hosts = [h for h in out.get("optional_host_permissions", [])
             if urllib.parse.urlsplit(h.replace("*.", "")).hostname not in LOOPBACK_HOSTS]
    host = urllib.parse.urlsplit(origin).hostname
    hosts.append(f"https://{host}/*")  # match patterns carry no port
    out["optional_host_permissions"] = hosts
    out.pop("host_permissions", None)
    out["version"] = version
    return out


def store_config(config_js: str, server: str) -> str:
    block = ("export const BUILD = Object.freeze({\n"
             f"  serverUrl: {json.dumps(server)},\n"
             "  developer: false,\n"
             "});")
    if not _CONFIG.search(config_js):
        raise InvalidInput("extension/background/config.js has no BUILD block to rewrite")
    return _CONFIG.sub(lambda _: block, config_js)


def build_extension(server: str, out_dir: Path, source: Path = EXTENSION_DIR) -> Path:
    """Write ``loopwho-extension-<version>.zip`` into ``out_dir``; returns its path."""
    origin = server_origin(server)
    server_url = origin + urllib.parse.urlsplit(server.strip()).path.rstrip("/")
    version = project_version()
    for size in ICON_SIZES:
        if not (source / "icons" / f"icon-{size}.png").is_file():
            raise InvalidInput(f"extension/icons/icon-{size}.png is missing; run `loopwho extension icons`")
    manifest = store_manifest(json.loads((source / "manifest.json").read_text()), origin, version)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"loopwho-extension-{version}.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(source.rglob("*")):
            relative = path.relative_to(source).as_posix()
            if path.is_dir() or relative.startswith(LEFT_OUT) or "/." in f"/{relative}":
                continue
            if relative == "manifest.json":
                archive.writestr(relative, json.dumps(manifest, indent=2) + "\n")
            elif relative == "background/config.js":
                archive.writestr(relative, store_config(path.read_text(), server_url))
            else:
                archive.write(path.resolve(), relative)  # resolve: a symlink goes in as its file
    return target


def draw_icon(size: int):  # -> PIL.Image.Image
    """A loop around a dot (the watched settings), drawn at 8x and scaled down for clean edges."""
    from PIL import Image, ImageDraw

    scale = 8
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=big // 5, fill=(9, 105, 218, 255))
    ring = big * 0.09
    inset = big * 0.18
    draw.ellipse((inset, inset, big - inset, big - inset), outline=(255, 255, 255, 255), width=round(ring))
    dot = big * 0.13
    centre = big / 2
    draw.ellipse((centre - dot, centre - dot, centre + dot, centre + dot), fill=(255, 255, 255, 255))
    return image.resize((size, size), Image.Resampling.LANCZOS)


def draw_icons(target: Path = EXTENSION_DIR / "icons") -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for size in ICON_SIZES:
        path = target / f"icon-{size}.png"
        draw_icon(size).save(path, optimize=True)
        written.append(path)
    return written
