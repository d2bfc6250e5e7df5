"""Accounts: sign-up, sign-in, sign-out, the signed-in user, API keys, extension pairing codes and
pairings (revocable), role changes by admins."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from litestar import Request, Response, delete, get, patch, post
from litestar.datastructures import Cookie
from litestar.exceptions import HTTPException, NotAuthorizedException
from litestar.params import FromPath, JSONBody

from api.auth.caller import caller_of, resources_of
from api.auth.passwords import hash_password, verify_password
from api.auth.secrets_ import new_api_key, sha256_hex
from api.auth.sessions import COOKIE_NAME, create_session, destroy_session
from api.auth.tokens import create_pairing_code, mark_pairing_revoked
from api.errors import responses
from api.ratelimit import account_bucket, client_ip, hit
from api.schemas import (
    ApiKeyCreated,
    ApiKeyOut,
    AuditEntryOut,
    NewApiKey,
    PairingCodeOut,
    PairingOut,
    RoleChange,
    SessionOut,
    SignIn,
    SignUp,
    UserOut,
)
from core.errors import InvalidInput, NotFound
from store import accounts, audit, tokens, users

PUBLIC = responses(400, 413, 415, 429, 503)
SESSION = responses(400, 401, 403, 404, 429, 503)


def _require_json(request: Request) -> None:
    # a cross-site HTML form cannot send application/json: this closes login CSRF
    if request.content_type[0] != "application/json":
        raise HTTPException(status_code=415, detail="send the body as application/json")


def _user_out(row: users.StoredUser) -> UserOut:
    return UserOut(id=row.id, email=row.email, name=row.name, role=row.role, created_at=row.created_at)


async def _signed_in(request: Request, user: users.StoredUser, status: int) -> Response[SessionOut]:
    res = resources_of(request)
    session_id, session = await create_session(res.redis, user.id, res.settings.web_session_ttl_s)
    cookie = Cookie(key=COOKIE_NAME, value=session_id, httponly=True, samesite="lax", path="/",
                    secure=res.settings.public_url.startswith("https") or res.settings.is_production,
                    max_age=res.settings.web_session_ttl_s)
    return Response(SessionOut(user=_user_out(user), csrf_token=session.csrf_token),
                    status_code=status, cookies=[cookie])


@post("/api/auth/signup", operation_id="signUp", exclude_from_auth=True, tags=["accounts"],
      responses=PUBLIC)
async def sign_up(request: Request, data: JSONBody[SignUp]) -> Response[SessionOut]:
    """Create an account (role user) and sign in."""
    _require_json(request)
    res = resources_of(request)
    await hit(res.redis, f"auth:{client_ip(request.scope)}", res.settings.auth_attempts_per_minute)
    if len(data.password) < res.settings.password_min_length:
        raise InvalidInput(f"the password must be at least {res.settings.password_min_length} characters")
    pool = await res.pool()
    user = await users.create_user(pool, data.email, name=data.name,
                                   password_hash=await hash_password(data.password))
    await audit.record(pool, actor=f"user:{user.id}", user_id=user.id, action="account.created")
    return await _signed_in(request, user, 201)


@post("/api/auth/signin", operation_id="signIn", exclude_from_auth=True, tags=["accounts"],
      responses={**PUBLIC, **responses(401)})
async def sign_in(request: Request, data: JSONBody[SignIn]) -> Response[SessionOut]:
    """Sign in with e-mail and password; sets the HttpOnly session cookie. Attempts are limited per
    address and per account (many addresses guessing one password count together)."""
    _require_json(request)
    res = resources_of(request)
    await hit(res.redis, f"auth:{client_ip(request.scope)}", res.settings.auth_attempts_per_minute)
    await hit(res.redis, account_bucket(data.email), res.settings.auth_attempts_per_account_per_minute)
    pool = await res.pool()
    user = await users.find_by_email(pool, data.email)
    stored = await users.get_password_hash(pool, user.id) if user else None
    if not await verify_password(stored, data.password) or user is None:
        raise NotAuthorizedException("wrong e-mail or password")
    await audit.record(pool, actor=f"user:{user.id}", user_id=user.id, action="account.signed_in",
                       details={"ip": client_ip(request.scope)})
    return await _signed_in(request, user, 200)


@post("/api/auth/signout", operation_id="signOut", tags=["accounts"], responses=SESSION, status_code=204,
      scope="account")
async def sign_out(request: Request) -> Response[None]:
    """End this browser session."""
    session_id = request.cookies.get(COOKIE_NAME, "")
    await destroy_session(resources_of(request).redis, session_id)
    return Response(None, status_code=204, cookies=[Cookie(key=COOKIE_NAME, value="", max_age=0, path="/")])


@get("/api/auth/me", operation_id="me", tags=["accounts"], responses=SESSION)
async def me(request: Request) -> UserOut:
    """The caller's account."""
    res = resources_of(request)
    return _user_out(await users.get_user(await res.pool(), caller_of(request).user_id))


# ---- API keys ---------------------------------------------------------------------------------

def _key_out(row: accounts.ApiKey) -> ApiKeyOut:
    return ApiKeyOut(id=row.id, name=row.name, prefix=row.prefix, scopes=list(row.scopes),
                     created_at=row.created_at, last_used_at=row.last_used_at,
                     expires_at=row.expires_at, revoked_at=row.revoked_at)


@post("/api/account/api-keys", operation_id="createApiKey", tags=["accounts"], responses=SESSION,
      scope="account")
async def create_api_key(request: Request, data: JSONBody[NewApiKey]) -> ApiKeyCreated:
    """A new API key; the key is in this answer only (stored hashed)."""
    caller, res = caller_of(request), resources_of(request)
    key, prefix = new_api_key()
    expires = datetime.now(UTC) + timedelta(days=data.expires_in_days) if data.expires_in_days else None
    pool = await res.pool()
    row = await accounts.create_api_key(pool, caller.user_id, name=data.name, prefix=prefix,
                                        key_hash=sha256_hex(key), scopes=sorted(set(data.scopes)),
                                        expires_at=expires)
    await audit.record(pool, actor=f"user:{caller.user_id}", user_id=caller.user_id, action="api_key.created",
                       subject=f"api_key:{row.id}", details={"prefix": prefix, "scopes": row.scopes})
    return ApiKeyCreated(key=key, api_key=_key_out(row))


@get("/api/account/api-keys", operation_id="listApiKeys", tags=["accounts"], responses=SESSION,
     scope="account")
async def list_api_keys(request: Request) -> list[ApiKeyOut]:
    """The caller's API keys (never the keys themselves)."""
    res = resources_of(request)
    return [_key_out(r) for r in await accounts.list_api_keys(await res.pool(), caller_of(request).user_id)]


@delete("/api/account/api-keys/{key_id:str}", operation_id="revokeApiKey", tags=["accounts"],
        responses=SESSION, scope="account", status_code=204)
async def revoke_api_key(request: Request, key_id: FromPath[str]) -> None:
    """Revoke one of the caller's API keys."""
    caller, res = caller_of(request), resources_of(request)
    pool = await res.pool()
    if not await accounts.revoke_api_key(pool, caller.user_id, key_id):
        raise NotFound(f"no live API key {key_id}")
    await audit.record(pool, actor=f"user:{caller.user_id}", user_id=caller.user_id, action="api_key.revoked",
                       subject=f"api_key:{key_id}")


# ---- extension pairing ------------------------------------------------------------------------

@post("/api/account/pairing-codes", operation_id="createPairingCode", tags=["extension"],
      responses=SESSION, scope="account", status_code=201)
async def create_pairing(request: Request) -> PairingCodeOut:
    """A one-use code (valid 10 minutes) to type into the extension's popup."""
    caller, res = caller_of(request), resources_of(request)
    ttl = res.settings.pairing_code_ttl_s
    code = await create_pairing_code(res.redis, caller.user_id, ttl)
    await audit.record(await res.pool(), actor=f"user:{caller.user_id}", user_id=caller.user_id,
                       action="extension.pairing_code_created")
    return PairingCodeOut(code=code, expires_at=datetime.now(UTC) + timedelta(seconds=ttl))


def _pairing_out(row: tokens.Pairing) -> PairingOut:
    return PairingOut(id=row.id, device_name=row.device_name, created_at=row.created_at,
                      last_used_at=row.last_used_at, revoked_at=row.revoked_at, revoked_reason=row.revoked_reason)


@get("/api/account/extensions", operation_id="listPairings", tags=["extension"], responses=SESSION,
     scope="account")
async def list_pairings(request: Request) -> list[PairingOut]:
    """The extensions paired with the account."""
    res = resources_of(request)
    return [_pairing_out(r) for r in await tokens.list_pairings(await res.pool(), caller_of(request).user_id)]


@delete("/api/account/extensions/{pairing_id:str}", operation_id="revokePairing", tags=["extension"],
        responses=SESSION, scope="account", status_code=204)
async def revoke_pairing(request: Request, pairing_id: FromPath[str]) -> None:
    """Disconnect an extension: its refresh token and access tokens stop working now."""
    caller, res = caller_of(request), resources_of(request)
    pool = await res.pool()
    if not await tokens.revoke_pairing(pool, caller.user_id, pairing_id):
        raise NotFound(f"no live pairing {pairing_id}")
    await mark_pairing_revoked(res.redis, pairing_id, res.settings.jwt_ttl_s)
    await audit.record(pool, actor=f"user:{caller.user_id}", user_id=caller.user_id,
                       action="extension.revoked", subject=f"pairing:{pairing_id}")


# ---- roles ------------------------------------------------------------------------------------

@patch("/api/admin/users/{user_id:str}/role", operation_id="setUserRole", tags=["admin"],
       responses=SESSION, role="admin", scope="account")
async def set_user_role(
    request: Request, user_id: FromPath[str], data: JSONBody[RoleChange]
) -> UserOut:
    """Change a user's role (admins only)."""
    caller, res = caller_of(request), resources_of(request)
    pool = await res.pool()
    await users.set_role(pool, user_id, data.role)
    await audit.record(pool, actor=f"admin:{caller.user_id}", user_id=user_id, action="account.role_changed",
                       details={"role": data.role})
    return _user_out(await users.get_user(pool, user_id))


@get("/api/operator/users/{user_id:str}/audit", operation_id="userAuditTrail", tags=["operator"],
     responses=SESSION, role="operator")
async def user_audit_trail(request: Request, user_id: FromPath[str]) -> list[AuditEntryOut]:
    """A user's audit trail (operators and admins), newest first; entries never hold secrets."""
    res = resources_of(request)
    rows = await audit.entries_for_user(await res.pool(), user_id, limit=200)
    return [AuditEntryOut(actor=r.actor, action=r.action, subject=r.subject, details=r.details,
                          created_at=r.created_at) for r in rows]
