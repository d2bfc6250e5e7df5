"""/billing: the plan and what it allows, credits, usage, the subscription; checkout (plan or a
credits pack) and Stripe's customer portal, each a form that sends the browser on to Stripe. The
work is billing/'s (checkout, portal); this page only shows and forwards."""

from __future__ import annotations

from litestar import Request, Response
from litestar.response import Redirect

from billing.checkout import create_checkout_session
from billing.errors import BillingNotConfigured, PaymentProviderError
from billing.lifecycle import create_portal_session
from billing.usage import plan_status
from store import billing as billing_store
from web import i18n
from web.errors import PageError
from web.forms import chosen, member_form
from web.pages._route import page_get, page_post
from web.visitor import page_context

PRODUCTS = ("subscription", "credits")


@page_get("/billing")
async def billing_page(request: Request) -> Response:
    ctx = await page_context(request)
    visitor = ctx.require()
    pool = await ctx.res.pool()
    sub = await billing_store.subscription_of(pool, visitor.user_id)
    live = sub if sub is not None and sub.status != billing_store.NO_SUBSCRIPTION else None
    return ctx.render("billing.html", plan=await plan_status(pool, visitor.user_id), subscription=live,
                      payment=request.query_params.get("payment"))


async def _to_stripe(call) -> Response:  # type: ignore[no-untyped-def]
    try:
        url = await call
    except BillingNotConfigured:
        raise PageError(409, i18n.gettext_("Payments are not enabled on this server.")) from None
    except PaymentProviderError:
        raise PageError(502, i18n.gettext_("The payment provider did not answer; try again in a few minutes.")) \
            from None
    return Redirect(url, status_code=303)


@page_post("/billing/checkout")
async def checkout(request: Request) -> Response:
    ctx, visitor, form = await member_form(request)
    product = chosen(form, "product", PRODUCTS, i18n.gettext_("Choose a plan or a credits pack."))
    await ctx.limit(f"checkout:{visitor.user_id}", 10)
    return await _to_stripe(create_checkout_session(await ctx.res.pool(), ctx.res.settings, visitor.user_id,
                                                    product))


@page_post("/billing/portal")
async def portal(request: Request) -> Response:
    ctx, visitor, _ = await member_form(request)
    await ctx.limit(f"checkout:{visitor.user_id}", 10)
    return await _to_stripe(create_portal_session(await ctx.res.pool(), ctx.res.settings, visitor.user_id))


ROUTES = [billing_page, checkout, portal]
