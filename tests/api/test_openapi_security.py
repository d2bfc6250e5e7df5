"""The OpenAPI document says how to authenticate: its security schemes, and per route the
credentials that pass the middleware and guards (derived from the same opts the guards read)."""

from __future__ import annotations

from typing import Any

import pytest

from api.app import create_app
from core.settings import Settings


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return create_app(Settings()).openapi_schema.to_schema()


def _op(spec: dict[str, Any], method: str, path: str) -> dict[str, Any]:
    return spec["paths"][path][method]


def test_the_schemes_are_declared(spec: dict[str, Any]) -> None:
    schemes = spec["components"]["securitySchemes"]
    assert schemes["bearerToken"] == {**schemes["bearerToken"], "type": "http", "scheme": "bearer",
                                      "bearerFormat": "JWT"}
    assert schemes["apiKey"]["type"] == "http" and schemes["apiKey"]["scheme"] == "bearer"
    assert schemes["sessionCookie"] == {**schemes["sessionCookie"], "type": "apiKey", "in": "cookie",
                                        "name": "lw_session"}
    assert schemes["csrfToken"] == {**schemes["csrfToken"], "type": "apiKey", "in": "header",
                                    "name": "X-CSRF-Token"}


def test_public_routes_need_nothing(spec: dict[str, Any]) -> None:
    for method, path in [("get", "/api/health"), ("post", "/api/auth/signin"), ("post", "/api/auth/signup"),
                         ("post", "/api/extension/auth"), ("post", "/api/webhooks/stripe")]:
        assert "security" not in _op(spec, method, path), path


def test_each_route_lists_the_credentials_its_guards_accept(spec: dict[str, Any]) -> None:
    assert _op(spec, "get", "/api/extension/scan-status")["security"] == [
        {"bearerToken": ["privacy:read"]}, {"apiKey": ["privacy:read"]}, {"sessionCookie": ["privacy:read"]}]
    # writes by cookie need the CSRF header as well (both schemes in one requirement)
    assert _op(spec, "post", "/api/extension/scan-status")["security"] == [
        {"bearerToken": ["scans:write"]}, {"apiKey": ["scans:write"]},
        {"sessionCookie": ["scans:write"], "csrfToken": []}]
    # an export is for API keys and the session, never the extension's token
    assert _op(spec, "get", "/api/privacy/export")["security"] == [
        {"apiKey": ["account:export"]}, {"sessionCookie": ["account:export"]}]
    # account routes: the signed-in browser only; roles are named too
    assert _op(spec, "post", "/api/account/api-keys")["security"] == [
        {"sessionCookie": ["account"], "csrfToken": []}]
    assert _op(spec, "patch", "/api/admin/users/{user_id}/role")["security"] == [
        {"sessionCookie": ["account", "role:admin"], "csrfToken": []}]
    assert {"bearerToken": ["role:operator"]} in _op(spec, "get", "/api/operator/reports/trends")["security"]


def test_every_authenticated_route_declares_security(spec: dict[str, Any]) -> None:
    public = {"health", "signUp", "signIn", "extensionAuth", "stripeWebhook"}
    for item in spec["paths"].values():
        for op in item.values():
            if isinstance(op, dict) and "operationId" in op:
                assert ("security" in op) == (op["operationId"] not in public), op["operationId"]
