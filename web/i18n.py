"""Languages: the gettext catalogues under ``web/translations/<lang>/LC_MESSAGES/messages.po`` (Babel
format; English is the source text). The .po files are read and compiled in memory at import, so
there is no build step. The language of a request is the signed-in user's setting, else the best
match of ``Accept-Language``, else English; it lives in a context variable while a page renders."""

from __future__ import annotations

import gettext
from contextvars import ContextVar
from pathlib import Path

from babel import Locale, UnknownLocaleError

from notify.language import load_catalogue

LANGUAGES = ("en", "de")
DEFAULT_LANGUAGE = "en"
LANGUAGE_NAMES = {"en": "English", "de": "Deutsch"}
TRANSLATIONS_DIR = Path(__file__).parent / "translations"


CATALOGUES: dict[str, gettext.NullTranslations] = {lang: load_catalogue(TRANSLATIONS_DIR, lang) for lang in LANGUAGES}
_current: ContextVar[str] = ContextVar("web_language", default=DEFAULT_LANGUAGE)


def negotiate(accept_language: str | None, chosen: str | None = None) -> str:
    """The user's own choice, else the first supported language ``Accept-Language`` asks for."""
    if chosen in LANGUAGES:
        return chosen  # type: ignore[return-value]
    wanted: list[tuple[float, str]] = []
    for part in (accept_language or "").split(",")[:20]:
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        if tag:
            wanted.append((quality, tag.strip()))
    preferred = [tag for _, tag in sorted(wanted, key=lambda w: -w[0])]
    found = Locale.negotiate(preferred, list(LANGUAGES), sep="-") if preferred else None
    return str(found) if found else DEFAULT_LANGUAGE


def set_language(lang: str) -> None:
    _current.set(lang if lang in LANGUAGES else DEFAULT_LANGUAGE)


def current_language() -> str:
    return _current.get()


def gettext_(message: str) -> str:
    return CATALOGUES[_current.get()].gettext(message)


def ngettext_(singular: str, plural: str, n: int) -> str:
    return CATALOGUES[_current.get()].ngettext(singular, plural, n)


def locale_of(lang: str) -> Locale:
    try:
        return Locale.parse(lang)
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT_LANGUAGE)
