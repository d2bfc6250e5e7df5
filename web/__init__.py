"""The web app: server-rendered pages (Jinja2 + gettext catalogues), their static files, and the
error pages. ``api.app`` mounts ``ROUTES`` and ``EXCEPTION_HANDLERS``; web imports the API's session,
password, rate-limit and queue helpers, never its JSON routes (import contracts in pyproject.toml)."""

from __future__ import annotations

from pathlib import Path

from litestar.static_files import create_static_files_router

from web.errors import EXCEPTION_HANDLERS
from web.pages import account, billing, connect, dashboard, history, ops, privacy, public, settings

STATIC_DIR = Path(__file__).parent / "static"

ROUTES = [
    *public.ROUTES,
    *privacy.ROUTES,
    *account.ROUTES,
    *connect.ROUTES,
    *dashboard.ROUTES,
    *history.ROUTES,
    *settings.ROUTES,
    *billing.ROUTES,
    *ops.ROUTES,
    create_static_files_router(path="/static", directories=[STATIC_DIR], opt={"exclude_from_auth": True},
                               include_in_schema=False, cache_control=None),
]

__all__ = ["EXCEPTION_HANDLERS", "ROUTES"]
