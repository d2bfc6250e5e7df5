"""The analyser protocol, its outcome, and the cache of analyses keyed by content hash."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import msgspec

from analysis.inputs import AnalysisInput
from analysis.specs import SettingSpec
from core.types import AnalysisResult


class AnalysisOutcome(msgspec.Struct, kw_only=True, frozen=True):
    result: AnalysisResult  # result.analyser says who answered: "gemini" or "offline"
    fallback_reason: str | None = None  # why Gemini did not answer, when it was asked
    cached: bool = False


class Analyser(Protocol):
    name: str

    async def analyse(self, data: AnalysisInput, specs: Sequence[SettingSpec]) -> AnalysisOutcome: ...


class AnalysisCache(Protocol):
    """Injected by the caller (jobs backs it with the analysis_cache table or Redis). Async, so a
    database-backed cache fits in; ``key`` comes from ``analysis.inputs.cache_key``."""

    async def get(self, key: str) -> AnalysisResult | None: ...

    async def put(self, key: str, result: AnalysisResult) -> None: ...


class MemoryCache:
    """An in-process cache, for tests and the demo."""

    def __init__(self) -> None:
        self.entries: dict[str, AnalysisResult] = {}

    async def get(self, key: str) -> AnalysisResult | None:
        return self.entries.get(key)

    async def put(self, key: str, result: AnalysisResult) -> None:
        self.entries[key] = result
