"""The one-click unsubscribe link every e-mail carries (in its footer and, per RFC 8058, in the
``List-Unsubscribe`` + ``List-Unsubscribe-Post`` headers). The token is the user's unguessable
unsubscribe secret; the page behind the URL needs no sign-in."""

from __future__ import annotations


def unsubscribe_url(public_url: str, token: str) -> str:
    return f"{public_url.rstrip('/')}/unsubscribe/{token}"


def list_unsubscribe_headers(url: str) -> dict[str, str]:
    """Mail clients show an unsubscribe button and POST ``List-Unsubscribe=One-Click`` to the URL."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
