"""/privacy: the privacy policy, the same Markdown text the extension stores' privacy field uses
(``extension/store/privacy-policy.md``), so the page and the listings never drift apart."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from litestar import Request, Response
from markdown_it import MarkdownIt
from markupsafe import Markup

from web.pages._route import page_get
from web.visitor import page_context

POLICY = Path(__file__).resolve().parents[2] / "extension" / "store" / "privacy-policy.md"


@cache
def policy_html() -> Markup:
    """The policy as HTML. html=False: any raw HTML in the file is shown as text, never run."""
    renderer = MarkdownIt("commonmark", {"html": False})
    return Markup(renderer.render(POLICY.read_text(encoding="utf-8")))  # markdown-it escapes (html off)


@page_get("/privacy")
async def privacy(request: Request) -> Response:
    ctx = await page_context(request)
    return ctx.render("privacy.html", policy=policy_html())


ROUTES = [privacy]
