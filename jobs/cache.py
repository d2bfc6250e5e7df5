"""The analysis cache backed by the analysis_cache table: the same snapshot is never analysed twice."""

from __future__ import annotations

from core.types import AnalysisResult
from store import analyses
from store.db import Pool


class DatabaseAnalysisCache:
    def __init__(self, pool: Pool) -> None:
        self._pool = pool

    async def get(self, key: str) -> AnalysisResult | None:
        return await analyses.cached_result(self._pool, key)

    async def put(self, key: str, result: AnalysisResult) -> None:
        await analyses.cache_result(self._pool, key, result)
