"""Sign-up, sign-in, sessions with CSRF, API keys, roles."""

from __future__ import annotations

import asyncpg
from litestar import Litestar

from tests.api.conftest import PASSWORD, bearer, client_for


async def test_sign_up_sign_in_and_me(app: Litestar, make_user) -> None:
    user = await make_user()
    r = await user.client.get("/api/auth/me")
    assert r.status_code == 200 and r.json()["email"] == user.email and r.json()["role"] == "user"
    async with client_for(app) as other:
        r = await other.post("/api/auth/signin", json={"email": user.email.upper(), "password": PASSWORD})
        assert r.status_code == 200, r.text
        cookie = r.headers["set-cookie"]
        assert "httponly" in cookie.lower() and "samesite=lax" in cookie.lower()
        assert (await other.get("/api/auth/me")).json()["id"] == user.id


async def test_sign_in_refuses_wrong_password_and_unknown_email(app: Litestar, make_user) -> None:
    user = await make_user()
    async with client_for(app) as c:
        wrong = await c.post("/api/auth/signin", json={"email": user.email, "password": "nope nope nope"})
        unknown = await c.post("/api/auth/signin", json={"email": "nobody@example.org", "password": PASSWORD})
        assert wrong.status_code == unknown.status_code == 401
        assert wrong.json()["error"] == unknown.json()["error"]  # does not tell which accounts exist
        assert "nope" not in wrong.text
        assert (await c.get("/api/auth/me")).status_code == 401


async def test_sign_up_bad_input(app: Litestar, make_user) -> None:
    user = await make_user()
    async with client_for(app) as c:
        dup = await c.post("/api/auth/signup", json={"email": user.email, "password": PASSWORD})
        assert dup.status_code == 400 and "already exists" in dup.json()["error"]
        short = await c.post("/api/auth/signup", json={"email": "s@example.org", "password": "short"})
        assert short.status_code == 400 and "at least" in short.json()["error"]
        bad_email = await c.post("/api/auth/signup", json={"email": "not-an-email", "password": PASSWORD})
        assert bad_email.status_code == 400 and bad_email.json()["detail"][0]["field"] == "email"
        # a cross-site form post (urlencoded) is refused: login CSRF
        form = await c.post("/api/auth/signin", data={"email": user.email, "password": PASSWORD})
        assert form.status_code in (400, 415)
        assert (await c.get("/api/auth/me")).status_code == 401


async def test_csrf_required_for_cookie_writes_not_for_bearer(app: Litestar, make_user) -> None:
    user = await make_user()
    no_token = await user.client.post("/api/account/api-keys", json={"name": "x"})
    assert no_token.status_code == 403 and "CSRF" in no_token.json()["error"]
    wrong = await user.client.post("/api/account/api-keys", json={"name": "x"}, headers={"X-CSRF-Token": "x"})
    assert wrong.status_code == 403
    assert (await user.client.get("/api/account/api-keys")).json() == []  # nothing was created
    ok = await user.client.post("/api/account/api-keys", json={"name": "x", "scopes": ["scans:write"]},
                                headers=user.csrf_headers)
    assert ok.status_code == 201, ok.text
    # a bearer-authenticated write needs no CSRF token (no ambient credential to forge)
    async with client_for(app) as c:
        r = await c.post("/api/extension/scan-status", json={"platform": "google"},
                         headers=bearer(ok.json()["key"]))
        assert r.status_code == 409  # reached the handler: google is not connected


async def test_sign_out_ends_the_session(make_user) -> None:
    user = await make_user()
    r = await user.client.post("/api/auth/signout", headers=user.csrf_headers)
    assert r.status_code == 204
    assert (await user.client.get("/api/auth/me")).status_code == 401


async def test_api_key_shown_once_scoped_and_revocable(app: Litestar, make_user, database_url: str) -> None:
    user = await make_user()
    r = await user.client.post("/api/account/api-keys", json={"name": "script", "scopes": ["privacy:read"]},
                               headers=user.csrf_headers)
    key, key_id = r.json()["key"], r.json()["api_key"]["id"]
    listed = await user.client.get("/api/account/api-keys")
    assert key not in listed.text and listed.json()[0]["prefix"] in key
    conn = await asyncpg.connect(database_url)
    try:
        stored = await conn.fetchval("SELECT key_hash FROM api_keys WHERE id = $1::uuid", key_id)
    finally:
        await conn.close()
    assert stored != key and key not in stored
    async with client_for(app) as c:
        assert (await c.get("/api/privacy/dashboard", headers=bearer(key))).status_code == 200
        # the key lacks scans:write and can never do account things
        assert (await c.post("/api/extension/scan-status", json={"platform": "google"},
                             headers=bearer(key))).status_code == 403
        assert (await c.get("/api/account/api-keys", headers=bearer(key))).status_code == 403
        assert (await c.get("/api/privacy/export", headers=bearer(key))).status_code == 403
        r = await user.client.delete(f"/api/account/api-keys/{key_id}", headers=user.csrf_headers)
        assert r.status_code == 204
        r = await c.get("/api/privacy/dashboard", headers=bearer(key))
        assert r.status_code == 401 and key not in r.text
        assert (await c.get("/api/privacy/dashboard", headers=bearer("lw_nothing_here"))).status_code == 401
        basic = await c.get("/api/privacy/dashboard", headers={"Authorization": "Basic abc"})
        assert basic.status_code == 401


async def test_roles_guard_admin_routes(app: Litestar, make_user, database_url: str) -> None:
    admin, user = await make_user(), await make_user()
    r = await user.client.patch(f"/api/admin/users/{admin.id}/role", json={"role": "admin"},
                                headers=user.csrf_headers)
    assert r.status_code == 403
    assert (await user.client.get(f"/api/operator/users/{admin.id}/audit")).status_code == 403
    conn = await asyncpg.connect(database_url)
    try:
        await conn.execute("UPDATE users SET role = 'admin' WHERE id = $1::uuid", admin.id)
    finally:
        await conn.close()
    r = await admin.client.patch(f"/api/admin/users/{user.id}/role", json={"role": "operator"},
                                 headers=admin.csrf_headers)
    assert r.status_code == 200 and r.json()["role"] == "operator"
    trail = await user.client.get(f"/api/operator/users/{admin.id}/audit")
    assert trail.status_code == 200
    assert "account.created" in [e["action"] for e in trail.json()]
    bad = await admin.client.patch(f"/api/admin/users/{user.id}/role", json={"role": "god"},
                                   headers=admin.csrf_headers)
    assert bad.status_code == 400
