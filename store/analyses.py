"""Privacy analyses (score, summary, recommendations per connection) and the analysis cache keyed
by snapshot content hash. The stored analysis is one Struct, ``StoredAnalysis``: written from an
``AnalysisResult`` and read back as one (``.result()``), so its JSON columns are decoded in one place."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec

from core.errors import NotFound
from core.types import AnalysisResult, ChangeExplanation, Recommendation
from store.db import Conn, as_uuid

_COLUMNS = ("a.id::text AS id, a.connection_id::text AS connection_id, a.analysis_summary, a.privacy_score, "
            "a.recommendations, a.file_path, a.scan_method, a.content_hash, a.analyser, a.created_at")


class AnalysisSummary(msgspec.Struct, kw_only=True, frozen=True):
    """The ``analysis_summary`` column: the text parts of an analysis."""

    summary: str = ""
    explanations: list[ChangeExplanation] = []
    fallback_reason: str | None = None  # why Gemini did not answer, when it was asked


class StoredAnalysis(msgspec.Struct, kw_only=True, frozen=True):
    id: str
    connection_id: str
    privacy_score: int | None
    summary: AnalysisSummary
    recommendations: list[Recommendation]
    file_path: str
    scan_method: str
    content_hash: str | None
    analyser: str
    created_at: datetime

    def result(self) -> AnalysisResult:
        return AnalysisResult(privacy_score=self.privacy_score or 0, summary=self.summary.summary,
                              explanations=list(self.summary.explanations),
                              recommendations=list(self.recommendations), analyser=self.analyser)


def _tolerant_list(raw: Any, kind: type[Any]) -> list[Any]:
    """Entries of a stored JSON list in the expected shape (older or hand-written rows may hold others)."""
    found = []
    for item in raw if isinstance(raw, list) else []:
        try:
            found.append(msgspec.convert(item, kind, strict=False))
        except msgspec.ValidationError:
            continue
    return found


def _stored(row: Any) -> StoredAnalysis:
    data = dict(row)
    raw = data.pop("analysis_summary") or {}
    raw = raw if isinstance(raw, dict) else {}
    summary = AnalysisSummary(summary=str(raw.get("summary") or ""),
                              explanations=_tolerant_list(raw.get("explanations"), ChangeExplanation),
                              fallback_reason=raw.get("fallback_reason"))
    return StoredAnalysis(**{**data, "summary": summary,
                             "recommendations": _tolerant_list(data["recommendations"], Recommendation)})


async def insert_analysis(
    conn: Conn, *, user_id: str, connection_id: str, result: AnalysisResult, file_path: str,
    fallback_reason: str | None = None, scan_method: str = "server", content_hash: str | None = None,
) -> StoredAnalysis:
    """Store an analysis of the user's connection; NotFound when the connection is not theirs."""
    summary = AnalysisSummary(summary=result.summary, explanations=result.explanations,
                              fallback_reason=fallback_reason)
    row = await conn.fetchrow(
        f"""
        INSERT INTO privacy_analyses AS a (connection_id, analysis_summary, privacy_score, recommendations,
            file_path, scan_method, content_hash, analyser)
        SELECT c.id, $3, $4, $5, $6, $7, $8, $9 FROM user_platform_connections c
        WHERE c.id = $2 AND c.user_id = $1
        RETURNING {_COLUMNS}
        """, as_uuid(user_id, "user id"), as_uuid(connection_id, "connection id"), msgspec.to_builtins(summary),
        result.privacy_score, msgspec.to_builtins(result.recommendations), file_path, scan_method, content_hash,
        result.analyser)
    if row is None:
        raise NotFound(f"no connection {connection_id}")
    return _stored(row)


async def latest_analysis(conn: Conn, user_id: str, connection_id: str) -> StoredAnalysis | None:
    row = await conn.fetchrow(
        f"SELECT {_COLUMNS} FROM privacy_analyses a JOIN user_platform_connections c "
        "ON c.id = a.connection_id WHERE c.user_id = $1 AND a.connection_id = $2 "
        "ORDER BY a.created_at DESC LIMIT 1",
        as_uuid(user_id, "user id"), as_uuid(connection_id, "connection id"))
    return None if row is None else _stored(row)


async def list_analyses(conn: Conn, user_id: str, limit: int = 50) -> list[StoredAnalysis]:
    rows = await conn.fetch(
        f"SELECT {_COLUMNS} FROM privacy_analyses a JOIN user_platform_connections c "
        "ON c.id = a.connection_id WHERE c.user_id = $1 ORDER BY a.created_at DESC LIMIT $2",
        as_uuid(user_id, "user id"), limit)
    return [_stored(r) for r in rows]


async def get_analysis(conn: Conn, user_id: str, analysis_id: str) -> StoredAnalysis:
    row = await conn.fetchrow(
        f"SELECT {_COLUMNS} FROM privacy_analyses a JOIN user_platform_connections c "
        "ON c.id = a.connection_id WHERE c.user_id = $1 AND a.id = $2",
        as_uuid(user_id, "user id"), as_uuid(analysis_id, "analysis id"))
    if row is None:
        raise NotFound(f"no analysis {analysis_id}")
    return _stored(row)


async def cached_result(conn: Conn, content_hash: str) -> AnalysisResult | None:
    """A cached analyser answer for this content hash (holds no user id: same content, same answer)."""
    found = await conn.fetchval("SELECT result FROM analysis_cache WHERE content_hash = $1", content_hash)
    return None if found is None else msgspec.convert(found, AnalysisResult)


async def cache_result(conn: Conn, content_hash: str, result: AnalysisResult) -> None:
    await conn.execute(
        "INSERT INTO analysis_cache (content_hash, analyser, result) VALUES ($1, $2, $3) "
        "ON CONFLICT (content_hash) DO UPDATE SET analyser = EXCLUDED.analyser, result = EXCLUDED.result, "
        "created_at = now()", content_hash, result.analyser, msgspec.to_builtins(result))
