"""The rendered DOM of a settings page, kept so another pack version can read it again later.

``capture_page(page)`` serialises the document with every open shadow root (as declarative
``<template shadowrootmode>``, ``Element.getHTML``), after writing the controls' live state (checked,
selected, indeterminate, ``value`` of selects) into attributes, and with the page's external
stylesheets inlined (a stored copy loads nothing, and visibility decides what the extractor counts).
Run it after the page was read: it touches the page's attributes, never a setting.
"""

from __future__ import annotations

from typing import Any

_CAPTURE_JS = r"""
() => {
  const roots = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) { roots.push(el.shadowRoot); walk(el.shadowRoot); }
    }
  };
  walk(document);
  for (const root of [document, ...roots]) {
    for (const el of root.querySelectorAll('input')) {
      el.toggleAttribute('checked', el.checked);
      if (el.indeterminate) el.setAttribute('aria-checked', 'mixed');
    }
    for (const el of root.querySelectorAll('option')) el.toggleAttribute('selected', el.selected);
  }
  const css = [];
  const sheets = [...document.styleSheets, ...roots.flatMap((r) => [...(r.adoptedStyleSheets || [])])];
  for (const sheet of document.adoptedStyleSheets || []) sheets.push(sheet);
  for (const sheet of sheets) {
    if (sheet.ownerNode && !sheet.href) continue;  // an inline <style> is in the markup already
    try { css.push([...sheet.cssRules].map((r) => r.cssText).join('\n')); } catch (e) { /* cross-origin */ }
  }
  return { html: document.documentElement.getHTML({ shadowRoots: roots }), css: css.join('\n') };
}
"""


async def capture_page(page: Any) -> str:
    """The page's document as HTML text, open shadow roots and live control state included."""
    got = await page.evaluate(_CAPTURE_JS)
    style = f"<style data-loopwho-kept>{got['css']}</style>" if got["css"] else ""
    # getHTML gives the <html> element's inside: its <head> first, where the kept styles go
    return f"<!DOCTYPE html><html>{got['html'].replace('<head>', '<head>' + style, 1)}</html>"
