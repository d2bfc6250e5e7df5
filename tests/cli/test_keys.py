"""Key rotation: `loopwho keys reseal` seals the stored cookie jars again under the ring's new first
key, so the old key can leave the ring; jars whose key already left are reported, not touched; the
dry run changes nothing; no cookie value is printed."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from core.crypto import KeyRing, generate_key
from core.types import Cookie
from profiles.sealing import open_jar, seal_jar
from store import profiles, users
from store.db import connect

SECRET = "session-value-that-must-not-be-printed"


def _loopwho(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cli.main", "keys", "reseal", *args], env=env,
                          capture_output=True, text=True, timeout=120)


async def test_reseal_moves_every_jar_to_the_new_key(settings_env: dict[str, str]) -> None:
    old, new, gone = (f"{kid}:{generate_key()}" for kid in ("old", "new", "gone"))
    cookies = [Cookie(name="SID", value=SECRET, domain=".google.com")]
    conn = await connect(settings_env["DATABASE_URL"])
    try:
        ids = {}
        for name, spec in (("rotated", old), ("lost", gone)):
            user = await users.create_user(conn, f"{name}-keys@example.org")
            jar = seal_jar(KeyRing.parse(spec), user.id, "google", cookies)
            await profiles.save_profile(conn, user.id, "google", cookie_jar_enc=jar.ciphertext,
                                        key_id=jar.key_id, cookie_count=1)
            ids[name] = user.id
        env = {**os.environ, "PYTHONPATH": os.getcwd(), "LOOPWHO_ENCRYPTION_KEYS": f"{new},{old}"}

        dry = _loopwho(env, "--dry-run", "--json")
        assert dry.returncode == 0, dry.stderr
        # (jars other tests stored are under their own keys, which this ring cannot open either)
        report = json.loads(dry.stdout)
        assert (report["current_key"], report["resealed"], report["dry_run"]) == ("new", 0, True)
        assert (report["found_by_key"]["old"], report["found_by_key"]["gone"]) == (1, 1)
        assert report["unreadable"] == sum(report["found_by_key"].values()) - 1
        assert (await profiles.get_profile(conn, ids["rotated"], "google")).key_id == "old"

        done = _loopwho(env)
        assert done.returncode == 0, done.stderr
        assert "sealed again under new: 1" in done.stdout and "must connect again" in done.stdout
        assert SECRET not in done.stdout + done.stderr + dry.stdout + dry.stderr
        rotated = await profiles.get_profile(conn, ids["rotated"], "google")
        assert rotated.key_id == "new"
        # the old key can go: the jar opens with the new key alone, and holds the same cookies
        assert open_jar(KeyRing.parse(new), ids["rotated"], "google", rotated.cookie_jar_enc) == cookies
        assert (await profiles.get_profile(conn, ids["lost"], "google")).key_id == "gone"  # left as it was

        again = _loopwho(env, "--json")
        left = json.loads(again.stdout)["found_by_key"]
        assert "old" not in left and left["gone"] == 1
    finally:
        await conn.close()
