"""`loopwho admin create EMAIL [--role operator|admin]`: make an operator (the first one needs no
SQL). A new account gets a random password, printed once; an existing one keeps its password and
gets the role. Either way the address counts as confirmed (the person running this vouches for it)."""

from __future__ import annotations

import argparse
import secrets

from api.auth.passwords import hash_password
from core.settings import get_settings
from store import audit, users, web_accounts
from store.db import connect


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("admin", help="operator accounts")
    actions = p.add_subparsers(dest="action", required=True)
    create = actions.add_parser("create", help="make EMAIL an operator (creating the account if needed)")
    create.add_argument("email", help="the operator's e-mail address")
    create.add_argument("--role", choices=["operator", "admin"], default="operator",
                        help="operator (pack steps, analytics) or admin (also changes roles); default operator")
    create.set_defaults(func=run_create)


async def run_create(args: argparse.Namespace) -> int:
    settings = get_settings()
    conn = await connect(settings.database_url)
    try:
        user = await users.find_by_email(conn, args.email)
        password = None
        if user is None:
            password = secrets.token_urlsafe(15)
            user = await users.create_user(conn, args.email, role=args.role,
                                           password_hash=await hash_password(password))
        else:
            await users.set_role(conn, user.id, args.role)
        await web_accounts.mark_email_verified(conn, user.id)
        await audit.record(conn, actor="cli:admin-create", user_id=user.id, action="account.role_changed",
                           details={"role": args.role})
    finally:
        await conn.close()
    print(f"{args.email} is now {args.role}")
    if password:
        print(f"password (shown once; change it in /settings): {password}")
    print(f"sign in at {settings.public_url.rstrip('/')}/signin, then open /ops")
    return 0
