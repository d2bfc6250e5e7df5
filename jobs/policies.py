"""Public privacy-policy pages for the scans of a platform. A policy is the same for every user, so
a worker fetches each platform's policies once per ``policy_refresh_s`` (browser first, Firecrawl as
the fallback; never with a user's cookies) and attaches them to every scan it processes, so each
snapshot carries the policy sections the diff compares."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from core.selector_pack import SelectorPack
from core.types import PolicyDocument, ScanResult
from scanner.firecrawl_client import FirecrawlClient
from scanner.policy import fetch_policies, pool_contexts


class PolicyCache:
    def __init__(self) -> None:
        self._entries: dict[tuple[str, str], tuple[float, list[PolicyDocument]]] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    def clear(self) -> None:
        self._entries.clear()

    async def get(self, rt: Any, pack: SelectorPack) -> list[PolicyDocument]:
        key = (pack.platform, pack.version)
        lock = self._locks.setdefault(pack.platform, asyncio.Lock())
        async with lock:  # one fetch per platform at a time, however many scans wait for it
            found = self._entries.get(key)
            if found and time.monotonic() - found[0] < rt.settings.policy_refresh_s:
                return found[1]
            docs = await fetch_policies(pool_contexts(await rt.browsers(), pack), pack,
                                        FirecrawlClient.from_settings(rt.settings), rt.settings)
            # a failed fetch is retried by the next scan instead of being held for hours
            if all(d.status == "ok" for d in docs):
                self._entries[key] = (time.monotonic(), docs)
            return docs


async def attach_policies(rt: Any, pack: SelectorPack, result: ScanResult) -> ScanResult:
    """The scan with its platform's current policy documents (settings scans that read nothing, and
    sign-in walls, get none)."""
    if rt.settings.policy_refresh_s <= 0 or not pack.policies or result.status not in ("ok", "partial"):
        return result
    result.policies = await rt.policy_cache.get(rt, pack)
    return result
