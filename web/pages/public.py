"""The front page (what loopwho does, the plans, sign-up and sign-in) and the addresses older
e-mails and Stripe redirects already point at, sent on to the page that now answers them."""

from __future__ import annotations

from litestar import Request, Response
from litestar.response import Redirect

from web.pages._route import page_get
from web.visitor import page_context


@page_get("/")
async def home(request: Request) -> Response:
    ctx = await page_context(request)
    return ctx.render("index.html", done=request.query_params.get("done"))


@page_get("/pricing")
async def pricing(request: Request) -> Response:
    # Stripe's cancel_url (billing/checkout.py): back to the plans, with the outcome kept
    query = f"?{request.url.query}" if request.url.query else ""
    return Redirect(f"/billing{query}", status_code=303)


@page_get("/connections")
async def connections_page(request: Request) -> Response:
    return Redirect("/connect", status_code=303)  # the reconnect e-mail's link


@page_get("/dashboard/settings/notifications")
async def notification_settings(request: Request) -> Response:
    return Redirect("/settings#notifications", status_code=303)  # every alert e-mail's footer


ROUTES = [home, pricing, connections_page, notification_settings]
