"""The language of an e-mail: gettext catalogues (Babel .po files, read and compiled in memory at
import, no build step) under ``notify/translations/<lang>/LC_MESSAGES/messages.po``. English is the
source text. ``in_language(lang)`` sets the language while one e-mail renders; ``t(message)`` reads it.
``load_catalogue`` is shared with the web pages' catalogues (web.i18n)."""

from __future__ import annotations

import gettext
import io
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LANGUAGES = ("en", "de")
TRANSLATIONS_DIR = Path(__file__).parent / "translations"


def load_catalogue(directory: Path, lang: str) -> gettext.NullTranslations:
    po = directory / lang / "LC_MESSAGES" / "messages.po"
    if not po.exists():
        return gettext.NullTranslations()
    with po.open("rb") as f:
        catalog = read_po(f, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


_CATALOGUES = {lang: load_catalogue(TRANSLATIONS_DIR, lang) for lang in LANGUAGES}
_current: ContextVar[str] = ContextVar("email_language", default="en")


def t(message: str) -> str:
    return _CATALOGUES.get(_current.get(), _CATALOGUES["en"]).gettext(message)


@contextmanager
def in_language(lang: str | None) -> Iterator[None]:
    token = _current.set(lang if lang in LANGUAGES else "en")
    try:
        yield
    finally:
        _current.reset(token)
