"""The Litestar application: ``create_app(settings=None)``. The lifespan opens Redis, the blob
store and the key ring (the database pool opens on first use); every error is JSON; CORS admits
only the extension and dashboard origins; every response carries the security headers
(``api.headers``)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from litestar import Litestar
from litestar.config.cors import CORSConfig
from litestar.datastructures import State
from litestar.middleware import DefineMiddleware
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin

from api.auth.caller import AuthMiddleware, role_guard, scope_guard
from api.errors import EXCEPTION_HANDLERS
from api.headers import add_security_headers
from api.openapi_security import components, declare_security
from api.ratelimit import IpRateLimitMiddleware
from api.resources import open_resources
from api.routes import accounts, billing, extension, health, packs, privacy, reports
from core.settings import Settings, get_settings
from web import EXCEPTION_HANDLERS as PAGE_EXCEPTION_HANDLERS
from web import ROUTES as PAGES

ROUTES = [
    health.health, health.metrics,
    accounts.sign_up, accounts.sign_in, accounts.sign_out, accounts.me,
    accounts.create_api_key, accounts.list_api_keys, accounts.revoke_api_key,
    accounts.create_pairing, accounts.list_pairings, accounts.revoke_pairing,
    accounts.set_user_role, accounts.user_audit_trail,
    extension.extension_auth, extension.hand_over_session, extension.revoke_session,
    extension.get_user_services, extension.active_pack,
    extension.scan_status, extension.start_scan, extension.submit_scan,
    privacy.dashboard, privacy.history, privacy.recommendations, privacy.export, privacy.erase_account,
    *packs.ROUTES,
    *reports.ROUTES,
    *billing.ROUTES,
]
declare_security(ROUTES)


def _cors(settings: Settings) -> CORSConfig | None:
    origins = [o.rstrip("/") for o in (settings.extension_origin, settings.dashboard_origin) if o]
    if not origins:
        return None
    return CORSConfig(allow_origins=origins, allow_credentials=True,
                      allow_methods=["GET", "POST", "PATCH", "DELETE", "OPTIONS"],
                      allow_headers=["Authorization", "Content-Type", "X-CSRF-Token"], max_age=600)


@asynccontextmanager
async def lifespan(app: Litestar) -> AsyncIterator[None]:
    """Open what the app holds for its lifetime (``app.state.resources``) and close it after."""
    app.state.resources = open_resources(app.state.settings)
    try:
        yield
    finally:
        await app.state.resources.close()


def create_app(settings: Settings | None = None) -> Litestar:
    settings = settings or get_settings()
    return Litestar(
        route_handlers=[*ROUTES, *PAGES],  # the web app's pages (web/) beside the JSON API
        lifespan=[lifespan],
        middleware=[
            IpRateLimitMiddleware,
            DefineMiddleware(AuthMiddleware, exclude=["^/schema"]),
        ],
        guards=[scope_guard, role_guard],
        exception_handlers={**EXCEPTION_HANDLERS, **PAGE_EXCEPTION_HANDLERS},
        before_send=[add_security_headers],
        cors_config=_cors(settings),
        request_max_body_size=settings.max_body_bytes,
        openapi_config=OpenAPIConfig(
            title="loopwho API", version="1", path="/schema", render_plugins=[JsonRenderPlugin()],
            description="Accounts, extension pairing and cookie handoff, scans, privacy data, export "
                        "and erasure. Errors are {\"error\": ..., \"detail\": ...}. Authenticate with "
                        "one of each route's security requirements: the extension's bearer token, an "
                        "API key (bearer), or the session cookie (+ X-CSRF-Token on writes); a "
                        "requirement lists the scope and the least role (role:<name>) it needs.",
            components=components(),
        ),
        state=State({"settings": settings}),
        debug=False,
    )
