"""What most page POSTs start with: a signed-in visitor's form, its CSRF token checked, and choice
fields that must be one of their options (anything else is a 400 that says what to choose)."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from litestar import Request

from web.errors import PageError
from web.visitor import PageContext, Visitor, page_context


async def member_form(request: Request) -> tuple[PageContext, Visitor, dict[str, str]]:
    """The page context, the signed-in visitor (else the sign-in redirect) and the posted form."""
    ctx = await page_context(request)
    visitor = ctx.require()
    return ctx, visitor, await ctx.form()


def chosen(form: Mapping[str, str], field: str, options: Collection[str], refusal: str) -> str:
    """The form's value for `field` if it is one of `options`; else PageError(400, refusal), the
    refusal already translated by the caller (so the catalogue extraction sees the words there)."""
    value = form.get(field, "")
    if value not in options:
        raise PageError(400, refusal)
    return value
