"""Erasing an account, everything at once: the extension pairings stop working now, the stored
snapshots and cookie jars go, every row about the user goes, every browser session ends; one audit
entry (by ``system``) says what went. Used by ``DELETE /api/account`` and the settings page."""

from __future__ import annotations

import asyncio

import msgspec

from api.auth.sessions import destroy_user_sessions
from api.auth.tokens import mark_pairing_revoked
from api.resources import Resources
from store import accounts, audit, profiles, tokens
from store.blobs.keys import user_prefix


class ErasureDone(msgspec.Struct, frozen=True):
    rows: dict[str, int]
    blobs: int


async def erase_account(res: Resources, user_id: str) -> ErasureDone:
    pool = await res.pool()
    for pairing in await tokens.list_pairings(pool, user_id):
        if pairing.revoked_at is None:
            await mark_pairing_revoked(res.redis, pairing.id, res.settings.jwt_ttl_s)
    platforms = [p.platform for p in await profiles.list_profiles(pool, user_id)]
    blobs = await asyncio.to_thread(res.blobs.delete_prefix, user_prefix(user_id))
    async with pool.acquire() as conn:
        rows = await accounts.erase_user_rows(conn, user_id)
    await destroy_user_sessions(res.redis, user_id)
    await audit.record(pool, actor="system", user_id=user_id, action="account.erased",
                       details={"rows": rows, "blobs": blobs, "cookie_jars_wiped": platforms})
    return ErasureDone(rows=rows, blobs=blobs)
