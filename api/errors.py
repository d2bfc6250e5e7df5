"""Every error leaves as JSON ``{"error": "...", "detail": ...}`` with the right status. Bad input
is a 4xx; Redis or the database being away (refused, reset, timed out, pool exhausted, restarting)
is a 503 with Retry-After wherever it surfaces, auth and rate limits included; an unexpected
failure is a bare 500 without a traceback or any input echoed."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.openapi.datastructures import ResponseSpec
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR
from redis.exceptions import RedisError

from api.resources import ServiceUnavailable
from api.schemas import ErrorBody
from core.errors import ConfigError, CryptoError, InvalidInput, LoopwhoError, NotFound
from core.logging import get_logger, scrub_text
from profiles.jar import JarTooLarge
from store.blobs import BlobStoreError
from store.db import database_unavailable

log = get_logger(__name__)


class Conflict(LoopwhoError):
    """The request clashes with the current state (HTTP 409)."""


def _status_of(exc: LoopwhoError) -> int:
    if isinstance(exc, JarTooLarge):
        return 413
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, Conflict):
        return 409
    if isinstance(exc, ServiceUnavailable | BlobStoreError):
        return 503
    if isinstance(exc, CryptoError | ConfigError):
        return 500
    if isinstance(exc, InvalidInput):
        return 400
    return 400


def error_response(
    status: int, error: str, detail: Any = None, headers: dict[str, str] | None = None
) -> Response:
    return Response(ErrorBody(error=error, detail=detail), status_code=status, headers=headers)


def _http_exception(request: Request, exc: HTTPException) -> Response:
    detail: Any = None
    if isinstance(exc, ValidationException) and isinstance(exc.extra, list):
        # msgspec's messages name the field and the expected type, never the value sent
        detail = [{"field": e.get("key"), "message": e.get("message"), "source": e.get("source")}
                  for e in exc.extra if isinstance(e, dict)]
    elif isinstance(exc.extra, dict | list):
        detail = exc.extra
    headers = dict(exc.headers or {})
    return error_response(exc.status_code, scrub_text(str(exc.detail)), detail, headers or None)


def unavailable_response(request: Request, message: str) -> Response:
    retry_after = str(request.app.state.settings.service_retry_after_s)
    return error_response(503, message, headers={"Retry-After": retry_after})


def _loopwho_error(request: Request, exc: LoopwhoError) -> Response:
    if database_unavailable(exc):
        return _unavailable(request, exc)
    status = _status_of(exc)
    if status == 503:
        log.warning("required service unavailable", path=request.url.path, error=type(exc).__name__,
                    message=str(exc))
        return unavailable_response(request, scrub_text(str(exc)))
    if status >= 500:
        log.error("request failed", path=request.url.path, error=type(exc).__name__, message=str(exc))
        return error_response(status, "internal error")
    return error_response(status, scrub_text(str(exc)))


def _unavailable(request: Request, exc: Exception) -> Response:
    part = "Redis" if isinstance(exc, RedisError) else "the database"
    log.warning("required service unavailable", path=request.url.path, part=part, error=type(exc).__name__)
    return unavailable_response(request, f"a required service ({part}) is unavailable; try again shortly")


def _unexpected(request: Request, exc: Exception) -> Response:
    if isinstance(exc, RedisError) or database_unavailable(exc):
        return _unavailable(request, exc)
    log.error("unhandled error", path=request.url.path, error=type(exc).__name__)
    return error_response(HTTP_500_INTERNAL_SERVER_ERROR, "internal error")


EXCEPTION_HANDLERS: dict[Any, Any] = {
    HTTPException: _http_exception,
    LoopwhoError: _loopwho_error,
    RedisError: _unavailable,
    Exception: _unexpected,
}


def responses(*statuses: int) -> dict[int, ResponseSpec]:
    """OpenAPI documentation of the error answers a route can give."""
    words = {400: "bad input", 401: "not authenticated", 403: "not allowed (scope, role or CSRF)",
             404: "not found (or not yours)", 409: "conflicts with the current state",
             413: "body or cookie jar too large", 415: "send application/json",
             429: "rate limited; see Retry-After", 503: "a required service is unavailable"}
    return {s: ResponseSpec(data_container=ErrorBody, description=words[s]) for s in statuses}
