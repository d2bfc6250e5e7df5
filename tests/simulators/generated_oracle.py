"""A test oracle for the `generated` variant: reads what a person sees on a generated page, with
Playwright's own locators (get_by_role with the accessible name where the recipe binds one; the
visible label text and the nearest control or status word in the same row where it does not).

It knows the recipe (which sections to open, which lists to scroll): it checks the simulator's
pages, it is not a reader for unknown pages. "Perceivable" means rendered, not transparent, not
off-screen, not aria-hidden or inert, and not in the greyed managed section."""

from __future__ import annotations

import asyncio
import time

from playwright.async_api import ElementHandle, Frame, Locator, Page

from standins.platforms.generated import MANAGED_TITLE, PageRecipe, SettingRecipe

PROGRAMMATIC = ("aria_label", "aria_labelledby", "label_for", "label_wrap", "legend")

_UP = "const up = (n) => (n.parentNode && n.parentNode.nodeType === 11 ? n.parentNode.host : n.parentElement);"
PERCEIVABLE_JS = (
    "(e) => {" + _UP + "if (!e.checkVisibility({opacityProperty: true, visibilityProperty: true})) return false;"
    "const r = e.getBoundingClientRect(); if (r.width < 2 || r.height < 2 || r.right + scrollX <= 0) return false;"
    "for (let n = e; n; n = up(n)) { if (n.nodeType !== 1) break;"
    " if (n.hasAttribute('inert') || n.getAttribute('aria-hidden') === 'true') return false;"
    " if (n.tagName === 'SECTION' && [...n.children].some((c) => c.tagName === 'H2' && c.textContent === "
    + repr(MANAGED_TITLE)
    + ")) return false; }"
    "return true; }"
)
# how deep the lowest common (composed) ancestor of two elements is: the bigger, the closer they sit
LCA_DEPTH_JS = (
    "([a, b]) => {" + _UP + "const chain = []; for (let n = a; n; n = up(n)) chain.push(n);"
    "for (let n = b; n; n = up(n)) { const i = chain.indexOf(n); if (i >= 0) return chain.length - i; } return 0; }"
)
RADIO_TEXT_JS = (
    "(e) => { if (e.getAttribute('role') === 'radio') return e.textContent.trim(); let n = e;"
    "while (n.parentElement && n.parentElement.querySelectorAll('input[type=radio]').length === 1) n = n.parentElement;"
    "return n.textContent.trim(); }"
)
SCROLL_BOXES_JS = """() => {
  const out = [];
  const walk = (root) => {
    for (const e of root.querySelectorAll('*')) {
      if (e.shadowRoot) walk(e.shadowRoot);
      const cs = getComputedStyle(e);
      if (cs.overflowY === 'auto' && e.clientHeight > 0 && e.scrollHeight > e.clientHeight + 2) out.push(e);
    }
  };
  walk(document);
  return out;
}"""


def role_of(s: SettingRecipe) -> str:
    """The ARIA role of the element that carries the setting's name."""
    if s.control in ("switch", "checkbox_switch"):
        return "switch"
    if s.control == "pressed_button":
        return "button"
    if s.control == "native_radios":
        return "group" if s.tag == "fieldset" else "radiogroup"
    if s.control == "select":
        return "combobox"
    return s.control  # checkbox, radiogroup, combobox, listbox


async def _perceivable(loc: Locator) -> list[int]:
    count = await loc.count()
    return [i for i in range(count) if await loc.nth(i).evaluate(PERCEIVABLE_JS)]


def _value(s: SettingRecipe, text: str) -> str:
    for w in s.words:
        if w.text == text.strip():
            return w.value
    raise AssertionError(f"{s.key}: {text!r} is none of {[w.text for w in s.words]}")


async def _state(s: SettingRecipe, found: Locator) -> str:
    """The value shown by the element that carries the setting (named control, or row candidate)."""
    if s.control in ("switch", "checkbox", "checkbox_switch"):
        return "on" if await found.is_checked() else "off"
    if s.control == "pressed_button":
        return "on" if await found.get_attribute("aria-pressed") == "true" else "off"
    if s.control in ("radiogroup", "native_radios"):
        if await found.get_attribute("role") != "radio" and await found.get_attribute("type") != "radio":
            found = found.get_by_role("radio", checked=True)
        return _value(s, await found.evaluate(RADIO_TEXT_JS))
    if s.control == "select":
        return _value(s, await found.evaluate("e => e.selectedOptions[0].textContent"))
    if s.control == "combobox":
        return _value(s, await found.evaluate("e => e.tagName === 'INPUT' ? e.value : e.textContent"))
    if s.control == "listbox":
        if await found.get_attribute("role") != "option":
            found = found.get_by_role("option", selected=True)
        return _value(s, await found.inner_text())
    return _value(s, await found.inner_text())  # status_text: the word itself


def _row_candidates(frame: Frame, s: SettingRecipe) -> list[Locator]:
    if s.control in ("switch", "checkbox_switch"):
        return [frame.get_by_role("switch")]
    if s.control == "checkbox":
        return [frame.get_by_role("checkbox")]
    if s.control == "pressed_button":
        return [frame.locator("[aria-pressed]")]
    if s.control in ("radiogroup", "native_radios"):
        return [frame.get_by_role("radio", checked=True)]
    if s.control == "select":
        return [frame.locator("select")]
    if s.control == "combobox":
        return [frame.locator("[role=combobox]")]
    if s.control == "listbox":
        return [frame.get_by_role("option", selected=True)]
    return [frame.get_by_text(w.text, exact=True) for w in s.words]


async def _read_in_frame(frame: Frame, s: SettingRecipe) -> list[str]:
    if s.naming in PROGRAMMATIC:
        named = frame.get_by_role(role_of(s), name=s.label)  # the accessible name binds the label
        return [await _state(s, named.nth(i)) for i in await _perceivable(named)]
    labels = frame.get_by_text(s.label, exact=True)
    found = []
    for i in await _perceivable(labels):
        label = await labels.nth(i).element_handle()
        if await label.evaluate("e => e.tagName") == "A":  # navigation and "Recently viewed" links
            continue
        best: tuple[int, Locator] | None = None
        for loc in _row_candidates(frame, s):
            for j in await _perceivable(loc):
                candidate = await loc.nth(j).element_handle()
                depth = await frame.evaluate(LCA_DEPTH_JS, [label, candidate])
                if best is None or depth > best[0]:
                    best = (depth, loc.nth(j))
        if best is not None:
            found.append(await _state(s, best[1]))
    return found


async def read_setting(page: Page, s: SettingRecipe) -> str | None:
    """The value a person reads for the setting now; None while it is not on screen. Two perceivable
    live copies are an error (the page would be ambiguous)."""
    found: list[str] = []
    for frame in page.frames:
        found += await _read_in_frame(frame, s)
    assert len(found) <= 1, f"{s.key}: {len(found)} perceivable live copies ({found})"
    return found[0] if found else None


async def _open_sections(page: Page, recipe: PageRecipe, pending: set[str]) -> None:
    for sec in recipe.sections:
        if not pending & set(sec.keys) or sec.container not in ("disclosure", "details"):
            continue
        for frame in page.frames:
            if sec.container == "disclosure":
                closed = frame.get_by_role("button", name=sec.title, exact=True, expanded=False)
            else:
                closed = frame.locator("details:not([open]) > summary", has_text=sec.title)
            for i in await _perceivable(closed):
                await closed.nth(i).click()


async def _dismiss_consent(page: Page) -> None:
    reject = page.get_by_role("button", name="Reject all")
    if await reject.count() and await reject.is_visible():
        await reject.click()


async def read_page(page: Page, recipe: PageRecipe, timeout_s: float = 15.0) -> dict[str, str | None]:
    """Everything a person reads on a generated page: dismiss the consent modal, scroll to the bottom
    (lazy sections), open closed sections, scroll virtualized lists; key -> value (None: never found)."""
    by_key = {s.key: s for s in recipe.settings}
    virtual = {k for sec in recipe.sections if sec.container == "virtual" for k in sec.keys}
    read: dict[str, str | None] = dict.fromkeys(by_key)
    pending = set(by_key)
    deadline = time.monotonic() + timeout_s
    await page.get_by_text("Loading…", exact=True).wait_for(state="detached", timeout=timeout_s * 1000)
    while pending and time.monotonic() < deadline:
        await _dismiss_consent(page)
        await page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        await _open_sections(page, recipe, pending)
        for key in sorted(pending - virtual):
            read[key] = await read_setting(page, by_key[key])
        pending = {k for k in pending if read[k] is None}
        if pending & virtual:
            for frame in page.frames:
                boxes = await frame.evaluate_handle(SCROLL_BOXES_JS)
                for box in (await boxes.get_properties()).values():
                    handle = box.as_element()
                    if handle is not None:
                        await _scroll_and_read(page, handle, [by_key[k] for k in pending & virtual], read)
            pending = {k for k in pending if read[k] is None}
        if pending:
            await asyncio.sleep(0.1)
    return read


async def _scroll_and_read(
    page: Page, box: ElementHandle, settings: list[SettingRecipe], read: dict[str, str | None]
) -> None:
    height = await box.evaluate("b => b.scrollHeight")
    for top in range(0, height + 80, 80):
        await box.evaluate("(b, y) => { b.scrollTop = y; }", top)
        await page.wait_for_timeout(30)
        for s in settings:
            if read[s.key] is None:
                read[s.key] = await read_setting(page, s)
