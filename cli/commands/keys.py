"""`loopwho keys reseal [--dry-run] [--json]`: after a key rotation (a new key put first in
LOOPWHO_ENCRYPTION_KEYS, the old one kept after it), seal every stored cookie jar again under the new
key, so the old key can then be taken out of the ring. Jars are opened and sealed in this process and
written back only if nobody handed a new session over meanwhile; no cookie value is printed."""

from __future__ import annotations

import argparse
import json

from core.crypto import key_ring_from_settings
from core.errors import CryptoError
from core.settings import get_settings
from profiles.sealing import reseal_jar
from store import profiles
from store.db import connect


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("keys", help="encryption key rotation")
    actions = p.add_subparsers(dest="action", required=True)
    reseal = actions.add_parser("reseal", help="seal every stored cookie jar again under the current key")
    reseal.add_argument("--dry-run", action="store_true", help="count what would be sealed again, change nothing")
    reseal.add_argument("--json", action="store_true", help="print one JSON object")
    reseal.set_defaults(func=run_reseal)


async def run_reseal(args: argparse.Namespace) -> int:
    settings = get_settings()
    keys = key_ring_from_settings(settings.encryption_keys, settings.is_production)
    conn = await connect(settings.database_url)
    by_key: dict[str, int] = {}
    resealed = changed_meanwhile = 0
    unreadable: list[str] = []  # profile ids whose key left the ring: those users must connect again
    try:
        after: str | None = None
        while batch := await profiles.jars_not_under(conn, keys.current, after_id=after):
            after = batch[-1].id
            for row in batch:
                by_key[row.key_id] = by_key.get(row.key_id, 0) + 1
                try:
                    sealed = reseal_jar(keys, row.user_id, row.platform, row.cookie_jar_enc)
                except CryptoError:
                    unreadable.append(row.id)
                    continue
                if args.dry_run:
                    continue
                if await profiles.replace_sealed_jar(conn, row, sealed.ciphertext, sealed.key_id):
                    resealed += 1
                else:
                    changed_meanwhile += 1
    finally:
        await conn.close()
    report = {"current_key": keys.current, "found_by_key": by_key, "resealed": resealed,
              "changed_meanwhile": changed_meanwhile, "unreadable": len(unreadable), "dry_run": args.dry_run}
    if args.json:
        print(json.dumps(report))
        return 0
    found = sum(by_key.values())
    if not found:
        print(f"every stored cookie jar is sealed under the current key {keys.current}")
        return 0
    print(f"jars under an older key: {found} ({', '.join(f'{k}: {n}' for k, n in sorted(by_key.items()))})")
    if args.dry_run:
        print(f"dry run: {found - len(unreadable)} would be sealed again under {keys.current}")
    else:
        print(f"sealed again under {keys.current}: {resealed}; handed over anew meanwhile (left as they are): "
              f"{changed_meanwhile}")
    if unreadable:
        print(f"cannot be opened with the keys in the ring (their key was removed): {len(unreadable)}; "
              "those users must connect again")
    return 0
