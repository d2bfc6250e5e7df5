"""English and German: every message the pages and account e-mails use has a German translation in
the catalogue; a German browser gets German pages and a German confirmation e-mail; a user's own
choice in /settings beats the browser's Accept-Language."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from playwright.async_api import Browser, Page

from tests.web.conftest import PASSWORD, RunningApp, assert_accessible, sign_up
from web import i18n

WEB = Path(i18n.__file__).parent


def test_the_german_catalogue_translates_every_message() -> None:
    method_map = [("**.py", "python"), ("templates/**.html", "jinja2"), ("templates/**.txt", "jinja2")]
    options = {"templates/**.html": {"extensions": "jinja2.ext.i18n"},
               "templates/**.txt": {"extensions": "jinja2.ext.i18n"}}
    keywords = {"gettext_": None, "_": None, "gettext": None}
    found = {msg for _, _, msg, _, _ in extract_from_dir(str(WEB), method_map, options, keywords=keywords)
             if isinstance(msg, str)}
    assert len(found) > 150
    german = i18n.CATALOGUES["de"]
    same_in_german = ("Browser", "Pro", "Version")
    untranslated = sorted(m for m in found if german.gettext(m) == m and m not in same_in_german)
    assert not untranslated, untranslated


def test_accept_language_picks_the_best_supported_language() -> None:
    assert i18n.negotiate("de-AT,de;q=0.9,en;q=0.5") == "de"
    assert i18n.negotiate("fr-FR,en;q=0.3,de;q=0.2") == "en"
    assert i18n.negotiate("fr-FR") == "en"
    assert i18n.negotiate("en;q=0.1,de;q=0.8") == "de"
    assert i18n.negotiate("de", chosen="en") == "en"  # the user's own setting wins
    assert i18n.negotiate("q=;;,,de;q=abc") in i18n.LANGUAGES  # junk never raises


async def test_a_german_browser_gets_german_pages_and_e_mail(browser: Browser, web_app: RunningApp) -> None:
    context = await browser.new_context(locale="de-DE", extra_http_headers={"Accept-Language": "de-DE,de;q=0.9"})
    page = await context.new_page()
    await page.goto(web_app.url)
    assert await page.get_attribute("html", "lang") == "de"
    await page.get_by_role("heading", name="Deine Datenschutz-Einstellungen, im Blick").wait_for()
    await assert_accessible(page)
    await page.get_by_role("link", name="Konto anlegen").first.click()
    email = "de-" + str(id(page)) + "@example.com"
    await page.get_by_label("E-Mail-Adresse").fill(email)
    await page.get_by_label("Passwort").fill(PASSWORD)
    await page.get_by_role("button", name="Konto anlegen").click()
    await page.wait_for_url("**/verify")
    mail = web_app.mails_to(email)[-1]
    assert mail.subject == "Bestätige deine E-Mail-Adresse für loopwho"
    assert "Meine E-Mail-Adresse bestätigen" in (mail.html or "")
    await context.close()


async def test_the_users_choice_beats_the_browser(page: Page, web_app: RunningApp) -> None:
    await sign_up(page, web_app)  # an English browser
    await page.goto(f"{web_app.url}/settings")
    await page.get_by_label("Language of pages and e-mails").select_option("de")
    await page.get_by_role("button", name="Save language").click()
    await page.get_by_text("Deine Sprache ist gespeichert.").wait_for()
    await page.goto(f"{web_app.url}/dashboard")
    await page.get_by_role("heading", name="Deine Datenschutz-Übersicht").wait_for()
    await assert_accessible(page)
