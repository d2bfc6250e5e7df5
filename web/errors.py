"""What a page raises when it cannot go on, and how each becomes an answer a person can read: a page
with the message (never JSON, never a traceback), or a redirect to sign-in."""

from __future__ import annotations

from urllib.parse import quote

from litestar import Request, Response
from litestar.response import Redirect

from web import i18n
from web.rendering import html_page


class PageError(Exception):
    """An error page with a status and a message already in the visitor's language."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class SignInRequired(Exception):
    """The page needs a signed-in visitor: off to /signin, and back here after."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


def _page_error(request: Request, exc: PageError) -> Response:
    return html_page("error.html", {"visitor": None, "csrf": "", "title": i18n.gettext_("Something went wrong"),
                                    "message": exc.message, "status": exc.status}, status=exc.status)


def _sign_in_first(request: Request, exc: SignInRequired) -> Response:
    return Redirect(f"/signin?next={quote(exc.next_path, safe='/')}", status_code=303)


EXCEPTION_HANDLERS = {PageError: _page_error, SignInRequired: _sign_in_first}
