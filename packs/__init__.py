"""Selector packs as a room: load and validate (``loading``), which pack a scan uses (``activation``),
publish / activate / canary / roll back (``lifecycle``), pack health and degraded episodes
(``health``), recorded fixture pages (``fixtures``), side-by-side dry runs (``dry_run``). The pack's
shape is ``core.selector_pack``; the pack files are data under ``selectors/``."""

from packs.activation import (
    PackState,
    canary_bucket,
    check_platform,
    content_sha256,
    current,
    default_version,
    load_version,
    pack_for_scan,
    resolve_version,
)
from packs.lifecycle import Published, activate, publish_pack, rollback
from packs.loading import load_default_pack, load_pack, pack_path, pack_versions, parse_pack, parse_pack_text

__all__ = [
    "PackState", "Published", "activate", "canary_bucket", "check_platform", "content_sha256", "current",
    "default_version", "load_default_pack", "load_pack", "load_version", "pack_for_scan", "pack_path",
    "pack_versions", "parse_pack", "parse_pack_text", "publish_pack", "resolve_version", "rollback",
]
