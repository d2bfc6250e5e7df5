"""`loopwho scan` without --pack asks the one answer the workers ask (packs.activation.pack_for_scan):
after an operator activates pack 2, a command-line scan runs pack 2 too."""

from __future__ import annotations

import json

import msgspec
import pytest

import packs
from standins.platforms import Simulator
from tests.packs_lifecycle.conftest import loopwho, pack_text, renumbered

pytestmark = pytest.mark.browser


async def test_loopwho_scan_uses_the_activated_pack(settings_env, simulator: Simulator, tmp_path, database_url) -> None:
    cookies = tmp_path / "google.json"
    cookies.write_bytes(msgspec.json.encode(simulator.sign_in("google", "cli-pack")))
    args = ("scan", "google", "--cookies", str(cookies), "--resolve", f"*.google.com={simulator.address}",
            "--ignore-https-errors", "--json")
    before = await loopwho(*args)
    assert before.code == 0, before.err
    assert json.loads(before.out)["pack_version"] == "1"  # never activated: the default pack

    from store.db import connect_pool

    db = await connect_pool(database_url)
    try:
        await packs.publish_pack(db, renumbered(pack_text("google"), "2"), by="ops")
        async with db.acquire() as conn:
            await packs.activate(conn, "google", "2", by="ops")
    finally:
        await db.close()
    after = await loopwho(*args)
    assert after.code == 0, after.err
    result = json.loads(after.out)
    assert result["pack_version"] == "2" and result["status"] == "ok"
