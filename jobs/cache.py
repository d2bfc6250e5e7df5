"""The analysis cache backed by the analysis_cache table: the same snapshot is never analysed twice."""

from __future__ import annotations

import msgspec

from core.types import AnalysisResult
from store import analyses
from store.db import Pool


class DatabaseAnalysisCache:
    def __init__(self, pool: Pool) -> None:
        self._pool = pool

    async def get(self, key: str) -> AnalysisResult | None:
        found = await analyses.cached_result(self._pool, key)
        return None if found is None else msgspec.convert(found, AnalysisResult)

    async def put(self, key: str, result: AnalysisResult) -> None:
        await analyses.cache_result(self._pool, key, result.analyser, msgspec.to_builtins(result))
