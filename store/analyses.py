"""Privacy analyses (score, summary, recommendations per connection) and the analysis cache keyed
by snapshot content hash. Rows are dicts, ids as str."""

from __future__ import annotations

from typing import Any

from core.errors import NotFound
from store.db import Conn, as_uuid, row_dict, row_dicts

_COLUMNS = ("a.id, a.connection_id, a.analysis_summary, a.privacy_score, a.recommendations, a.file_path, "
            "a.scan_method, a.content_hash, a.analyser, a.created_at")


async def insert_analysis(
    conn: Conn, *, user_id: str, connection_id: str,
    analysis_summary: dict[str, Any], privacy_score: int | None, recommendations: list[Any] | None,
    file_path: str, scan_method: str = "server", content_hash: str | None = None,
    analyser: str = "offline",
) -> dict[str, Any]:
    """Store an analysis of the user's connection; NotFound when the connection is not theirs."""
    row = await conn.fetchrow(
        f"""
        INSERT INTO privacy_analyses AS a (connection_id, analysis_summary, privacy_score, recommendations,
            file_path, scan_method, content_hash, analyser)
        SELECT c.id, $3, $4, $5, $6, $7, $8, $9 FROM user_platform_connections c
        WHERE c.id = $2 AND c.user_id = $1
        RETURNING {_COLUMNS}
        """, as_uuid(user_id, "user id"), as_uuid(connection_id, "connection id"), analysis_summary,
        privacy_score, recommendations, file_path, scan_method, content_hash, analyser)
    if row is None:
        raise NotFound(f"no connection {connection_id}")
    return row_dict(row)  # type: ignore[return-value]


async def latest_analysis(
    conn: Conn, user_id: str, connection_id: str
) -> dict[str, Any] | None:
    row = await conn.fetchrow(
        f"SELECT {_COLUMNS} FROM privacy_analyses a JOIN user_platform_connections c "
        "ON c.id = a.connection_id WHERE c.user_id = $1 AND a.connection_id = $2 "
        "ORDER BY a.created_at DESC LIMIT 1",
        as_uuid(user_id, "user id"), as_uuid(connection_id, "connection id"))
    return row_dict(row)


async def list_analyses(conn: Conn, user_id: str, limit: int = 50) -> list[dict[str, Any]]:
    rows = await conn.fetch(
        f"SELECT {_COLUMNS} FROM privacy_analyses a JOIN user_platform_connections c "
        "ON c.id = a.connection_id WHERE c.user_id = $1 ORDER BY a.created_at DESC LIMIT $2",
        as_uuid(user_id, "user id"), limit)
    return row_dicts(rows)


async def get_analysis(conn: Conn, user_id: str, analysis_id: str) -> dict[str, Any]:
    row = await conn.fetchrow(
        f"SELECT {_COLUMNS} FROM privacy_analyses a JOIN user_platform_connections c "
        "ON c.id = a.connection_id WHERE c.user_id = $1 AND a.id = $2",
        as_uuid(user_id, "user id"), as_uuid(analysis_id, "analysis id"))
    if row is None:
        raise NotFound(f"no analysis {analysis_id}")
    return row_dict(row)  # type: ignore[return-value]


async def cached_result(conn: Conn, content_hash: str) -> dict[str, Any] | None:
    """A cached analyser answer for this content hash (holds no user id: same content, same answer)."""
    return await conn.fetchval("SELECT result FROM analysis_cache WHERE content_hash = $1", content_hash)


async def cache_result(
    conn: Conn, content_hash: str, analyser: str, result: dict[str, Any]
) -> None:
    await conn.execute(
        "INSERT INTO analysis_cache (content_hash, analyser, result) VALUES ($1, $2, $3) "
        "ON CONFLICT (content_hash) DO UPDATE SET analyser = EXCLUDED.analyser, result = EXCLUDED.result, "
        "created_at = now()", content_hash, analyser, result)
