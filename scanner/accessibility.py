"""A second look, through the browser's accessibility tree, at switches the DOM reader cannot see.

A custom element can keep its role and state in ``ElementInternals`` (``internals.role = "switch"``,
``internals.ariaChecked = "false"``): no DOM attribute says it is a switch, so script in the page
(``extractor.js``) cannot read it, but the accessibility tree a screen reader uses has it. For the
settings the DOM reader left unread (no value and no conflict), this asks Chromium for that tree over
CDP and reads a switch or checkbox whose accessible name is the setting's label, the same way the
extractor reads one: only live copies (not ignored, not disabled), and two live copies that disagree
are a conflict, never a pick. Only controls page script cannot see count (role from ElementInternals,
or inside a closed shadow root): one the extractor saw and declined (a switch whose aria-label names
another row's setting) stays declined. Only the server can do this; the extension leaves such a
setting unread.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

import msgspec
from playwright.async_api import Error as PlaywrightError

from core.types import SettingReading

# a switch whose accessible name is the label exactly, read from the browser's own tree
AX_CONFIDENCE = 0.95
BINARY_ROLES = frozenset({"switch", "checkbox", "menuitemcheckbox"})


class AXSwitch(msgspec.Struct, frozen=True):
    """A binary control as the accessibility tree shows it."""

    name: str
    checked: str  # "true", "false" or "mixed"
    backend_node_id: int | None = None


# true when page script cannot tell this element is a control: its role is not in its attributes
# (ElementInternals) or it lives in a closed shadow root
_UNSEEN_BY_SCRIPT = """function () {
  const root = this.getRootNode();
  if (root instanceof ShadowRoot && root.mode === "closed") return true;
  return !this.hasAttribute("role") && !["INPUT", "SELECT", "BUTTON", "TEXTAREA"].includes(this.tagName);
}"""


def label_key(text: str) -> str:
    """The extractor's ``key()``: case-, accent-, space- and punctuation-insensitive."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower().replace("&", " and ")
    text = re.sub(r"[\u2018\u2019\u02bc']", "", text)
    return re.sub(r"[\W_]+", " ", text).strip()


def _prop(node: dict[str, Any], name: str) -> Any:
    for prop in node.get("properties", []):
        if prop.get("name") == name:
            return prop.get("value", {}).get("value")
    return None


def live_switches(nodes: Iterable[dict[str, Any]]) -> list[AXSwitch]:
    """The live binary controls among CDP ``AXNode``s: not ignored (hidden), not disabled."""
    found = []
    for node in nodes:
        role = str((node.get("role") or {}).get("value") or "").lower()
        if node.get("ignored") or role not in BINARY_ROLES or _prop(node, "disabled"):
            continue
        checked = _prop(node, "checked")
        name = str((node.get("name") or {}).get("value") or "")
        if name and checked is not None:
            found.append(AXSwitch(name=name, checked=str(checked).lower(),
                                  backend_node_id=node.get("backendDOMNodeId")))
    return found


def binary_value(state: str, values: dict[str, str], value_space: list[str]) -> str | None:
    """A checked state in the setting's value space (the extractor's ``booleanValue``)."""
    if state not in ("true", "false"):
        return None
    if state in values:
        return str(values[state])
    for yes, no in (("on", "off"), ("yes", "no")):
        if yes in value_space and no in value_space:
            return yes if state == "true" else no
    return None


async def tree_nodes(session: Any) -> list[dict[str, Any]]:
    """Every accessibility node of the page and its same-process frames."""
    frames = [(await session.send("Page.getFrameTree"))["frameTree"]]
    nodes: list[dict[str, Any]] = []
    while frames:
        frame = frames.pop()
        frames.extend(frame.get("childFrames", []))
        try:
            answer = await session.send("Accessibility.getFullAXTree", {"frameId": frame["frame"]["id"]})
        except PlaywrightError:  # an out-of-process (other origin) frame is not ours to read
            continue
        nodes.extend(answer.get("nodes", []))
    return nodes


async def unseen_by_script(session: Any, switch: AXSwitch) -> bool:
    """Is this control one the in-page extractor cannot see as a control?"""
    if switch.backend_node_id is None:
        return False
    try:
        obj = (await session.send("DOM.resolveNode", {"backendNodeId": switch.backend_node_id}))["object"]
        answer = await session.send("Runtime.callFunctionOn", {
            "objectId": obj["objectId"], "functionDeclaration": _UNSEEN_BY_SCRIPT, "returnByValue": True})
    except PlaywrightError:  # the node went away meanwhile
        return False
    return answer.get("result", {}).get("value") is True


async def read_unread(page: Any, settings: list[Any], unread: list[str], pack_version: str
                      ) -> tuple[list[SettingReading], dict[str, str]]:
    """Readings (and conflicts: key -> the disagreeing states) for the ``unread`` settings that a
    live switch or checkbox in the accessibility tree is named for."""
    wanted = [s for s in settings if s.key in unread]
    if not wanted:
        return [], {}
    session = await page.context.new_cdp_session(page)
    try:
        switches = live_switches(await tree_nodes(session))
        by_setting = {}
        for setting in wanted:
            keys = {label_key(label) for label in setting.labels}
            by_setting[setting.key] = [sw for sw in switches if label_key(sw.name) in keys
                                       and await unseen_by_script(session, sw)]
    finally:
        await session.detach()
    readings: list[SettingReading] = []
    conflicts: dict[str, str] = {}
    for setting in wanted:
        states = {sw.checked for sw in by_setting[setting.key]}
        if len(states) > 1 or "mixed" in states:
            conflicts[setting.key] = " | ".join(sorted(states))
            continue
        if not states:
            continue
        value = binary_value(states.pop(), dict(setting.values), list(setting.value_space))
        if value is not None:
            readings.append(SettingReading(key=setting.key, label=setting.labels[0], value=value, method="dom",
                                           confidence=AX_CONFIDENCE, pack_version=pack_version,
                                           page_url=page.url))
    return readings, conflicts
