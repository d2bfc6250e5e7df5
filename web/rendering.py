"""Pages as HTML: one Jinja2 environment (autoescaped, gettext through ``web.i18n``), and the
response every page leaves with: its own Content-Security-Policy (scripts and styles from this
origin only, no inline code, never framed), no caching of account data."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from babel.dates import format_datetime
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from litestar import Response
from litestar.datastructures import Cookie

from web import i18n

# no 'unsafe-inline' anywhere: every script and style is a file under /static/ (inline style=""
# attributes would be blocked too, so templates use classes and SVG presentation attributes)
PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")


def _when(value: datetime | None) -> str:
    if value is None:
        return i18n.gettext_("never")
    return format_datetime(value, "medium", tzinfo="UTC", locale=i18n.locale_of(i18n.current_language())) + " UTC"


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("web", "templates"), autoescape=select_autoescape(default=True),
                      extensions=["jinja2.ext.i18n"], undefined=StrictUndefined, trim_blocks=True,
                      lstrip_blocks=True)
    env.install_gettext_callables(i18n.gettext_, i18n.ngettext_, newstyle=True)  # type: ignore[attr-defined]
    env.filters["when"] = _when
    env.globals["LANGUAGE_NAMES"] = i18n.LANGUAGE_NAMES
    return env


ENV = _environment()


def render_text(template: str, **context: Any) -> str:
    return ENV.get_template(template).render(lang=i18n.current_language(), **context)


def html_page(template: str, context: dict[str, Any], *, status: int = 200,
              cookies: list[Cookie] | None = None) -> Response[str]:
    body = render_text(template, **context)
    return Response(body, status_code=status, media_type="text/html; charset=utf-8", cookies=cookies or [],
                    headers={"content-security-policy": PAGE_CSP, "cache-control": "no-store",
                             "content-language": i18n.current_language()})
