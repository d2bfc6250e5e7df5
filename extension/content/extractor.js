// loopwho's one settings extractor. Plain JavaScript with no imports, so the same file runs through
// Playwright's page.evaluate (scanner/extract.py) and as the MV3 extension's content script.
// It defines globalThis.loopwhoExtract(pack, pageKey) and nothing else global.
//
// For each setting of the page: find its control by ARIA role + accessible name, else by the text
// of its label and the nearest control around it, else by the pack's CSS; read it as the pack says
// (checked / pressed / selected / text / attribute) and map the raw reading through `values`.
// Returns [{key, label, raw, value, confidence, found_by}] (value null when not found or unmapped).
(() => {
  "use strict";

  const CONFIDENCE = { roleExact: 1.0, roleContains: 0.95, proximity: 0.9, css: 0.8 };
  const MAX_LABEL_TEXT = 300;
  const MAX_CLIMB = 6;

  const norm = (s) =>
    String(s == null ? "" : s)
      .replace(/[\u2018\u2019\u02bc]/g, "'")
      .replace(/[\u201c\u201d]/g, '"')
      .replace(/[\u00a0\s]+/g, " ")
      .trim()
      .toLowerCase();
  const tidy = (s) => String(s == null ? "" : s).replace(/[\u00a0\s]+/g, " ").trim();

  function roleOf(el) {
    const explicit = (el.getAttribute("role") || "").trim().split(/\s+/)[0];
    if (explicit) return explicit;
    const tag = el.tagName;
    if (tag === "INPUT") {
      const type = (el.getAttribute("type") || "text").toLowerCase();
      if (type === "checkbox") return "checkbox";
      if (type === "radio") return "radio";
      return "textbox";
    }
    if (tag === "SELECT") return el.multiple || el.size > 1 ? "listbox" : "combobox";
    if (tag === "BUTTON") return "button";
    if (tag === "FIELDSET") return "group";
    return "";
  }

  function isHidden(el) {
    if (el.closest("[hidden], [aria-hidden='true']")) return true;
    return el.getClientRects().length === 0 && !(el.tagName === "INPUT" || el.tagName === "SELECT");
  }

  function textOf(el) {
    return tidy(el ? el.textContent : "");
  }

  function byIds(ids) {
    return ids
      .split(/\s+/)
      .map((id) => document.getElementById(id))
      .filter(Boolean)
      .map(textOf)
      .join(" ");
  }

  // A simplified accessible-name computation: labelledby, aria-label, <label>, <legend>, content.
  function accessibleName(el) {
    const labelledby = el.getAttribute("aria-labelledby");
    if (labelledby) {
      const name = byIds(labelledby);
      if (name) return name;
    }
    const ariaLabel = el.getAttribute("aria-label");
    if (ariaLabel && ariaLabel.trim()) return tidy(ariaLabel);
    if (el.id && (el.tagName === "INPUT" || el.tagName === "SELECT" || el.tagName === "TEXTAREA")) {
      const forLabel = document.querySelector(`label[for="${CSS.escape(el.id)}"]`);
      if (forLabel) return textOf(forLabel);
    }
    const wrapping = el.closest("label");
    if (wrapping) return textOf(wrapping);
    if (el.tagName === "FIELDSET") {
      const legend = el.querySelector(":scope > legend");
      if (legend) return textOf(legend);
    }
    const role = roleOf(el);
    if (["switch", "checkbox", "radio", "button", "option", "menuitemradio"].includes(role)) {
      const own = textOf(el);
      if (own) return own;
    }
    return tidy(el.getAttribute("title") || "");
  }

  // --- reading a control -------------------------------------------------------------------------

  function checkedState(el) {
    const aria = el.getAttribute("aria-checked");
    if (aria === "true" || aria === "false" || aria === "mixed") return aria;
    if (el.tagName === "INPUT") return el.checked ? "true" : "false";
    const pressed = el.getAttribute("aria-pressed");
    if (pressed === "true" || pressed === "false" || pressed === "mixed") return pressed;
    return null;
  }

  function pressedState(el) {
    const pressed = el.getAttribute("aria-pressed");
    if (pressed === "true" || pressed === "false" || pressed === "mixed") return pressed;
    return checkedState(el);
  }

  function radiosIn(container) {
    return Array.from(container.querySelectorAll("input[type=radio], [role=radio], [role=menuitemradio]"));
  }

  function isChecked(el) {
    if (el.tagName === "INPUT") return el.checked;
    return el.getAttribute("aria-checked") === "true" || el.getAttribute("aria-selected") === "true";
  }

  function selectedText(el) {
    const role = roleOf(el);
    if (el.tagName === "SELECT") {
      const option = el.options[el.selectedIndex];
      return option ? tidy(option.label || option.textContent) : null;
    }
    if (role === "radio" || role === "menuitemradio") {
      // a single radio was located: read the checked one of its group
      const group = el.closest("[role=radiogroup], fieldset, [role=group]") || el.parentElement;
      return selectedText(group);
    }
    if (role === "combobox") {
      if (el.tagName === "INPUT") return tidy(el.value);
      const valueText = el.getAttribute("aria-valuetext");
      if (valueText) return tidy(valueText);
      const active = el.getAttribute("aria-activedescendant");
      if (active && document.getElementById(active)) return textOf(document.getElementById(active));
      // the shown value: the combobox's own text, without a popup list it may contain
      const clone = el.cloneNode(true);
      clone.querySelectorAll("[role=listbox], [role=option], [hidden]").forEach((n) => n.remove());
      return tidy(clone.textContent);
    }
    if (role === "listbox") {
      const chosen = el.querySelector("[role=option][aria-selected=true]");
      return chosen ? accessibleName(chosen) : null;
    }
    const checked = radiosIn(el).find(isChecked);
    return checked ? accessibleName(checked) : null;
  }

  function readControl(el, setting) {
    switch (setting.read) {
      case "checked":
        return checkedState(el);
      case "pressed":
        return pressedState(el);
      case "selected":
        return selectedText(el);
      case "attribute":
        return el.getAttribute(setting.attribute);
      default:
        return textOf(el);
    }
  }

  // --- finding controls --------------------------------------------------------------------------

  const ROLE_QUERIES = {
    switch: "[role=switch]",
    checkbox: "[role=checkbox], input[type=checkbox]:not([role])",
    radio: "[role=radiogroup], fieldset, [role=group]",
    combobox: "[role=combobox], select:not([multiple]), [role=listbox]",
    button: "button[aria-pressed], [role=button][aria-pressed]",
  };
  const ROLES_FOR_READ = {
    checked: ["switch", "checkbox", "button"],
    pressed: ["button", "switch", "checkbox"],
    selected: ["radio", "combobox"],
    text: [],
    attribute: [],
  };

  function rolesFor(setting) {
    const role = setting.locate && setting.locate.role;
    if (Array.isArray(role)) return role;
    if (role) return [role];
    return ROLES_FOR_READ[setting.read] || [];
  }

  function candidates(root, roles) {
    const seen = new Set();
    const found = [];
    for (const role of roles) {
      const query = ROLE_QUERIES[role];
      if (!query) continue;
      for (const el of root.querySelectorAll(query)) {
        if (seen.has(el)) continue;
        if (role === "radio" && el.tagName !== "FIELDSET" && radiosIn(el).length === 0) continue;
        if (role === "radio" && el.tagName === "FIELDSET" && radiosIn(el).length === 0) continue;
        seen.add(el);
        found.push(el);
      }
    }
    return found;
  }

  function matchScore(name, labels) {
    const n = norm(name);
    if (!n) return 0;
    let best = 0;
    for (const label of labels) {
      const l = norm(label);
      if (!l) continue;
      if (n === l) return CONFIDENCE.roleExact;
      if (l.length >= 4 && n.includes(l)) best = Math.max(best, CONFIDENCE.roleContains);
    }
    return best;
  }

  function byRoleAndName(setting) {
    let best = null;
    for (const el of candidates(document, rolesFor(setting))) {
      if (isHidden(el)) continue;
      const name = accessibleName(el);
      const score = matchScore(name, setting.labels);
      if (score > 0 && (!best || score > best.confidence)) {
        best = { el, label: name, confidence: score, found_by: "role" };
        if (score === CONFIDENCE.roleExact) break;
      }
    }
    return best;
  }

  // Controls without a usable name, found around their label's text.
  const LOOSE_CONTROLS = {
    checked: "[role=switch], [role=checkbox], input[type=checkbox], [aria-checked], [aria-pressed]",
    pressed: "[aria-pressed], [role=switch], [aria-checked], input[type=checkbox]",
    selected: "select, [role=combobox], [role=radiogroup], [role=listbox], input[type=radio], [role=radio]",
  };

  function labelElements(labels) {
    const wanted = labels.map(norm).filter(Boolean);
    const hits = [];
    for (const el of document.body.querySelectorAll("*")) {
      if (el.tagName === "SCRIPT" || el.tagName === "STYLE" || el.tagName === "OPTION") continue;
      const text = el.textContent;
      if (!text || text.length > MAX_LABEL_TEXT) continue;
      const t = norm(text);
      if (!wanted.includes(t)) continue;
      // keep the innermost element holding exactly the label
      const inner = Array.from(el.children).some((c) => norm(c.textContent) === t);
      if (!inner && !isHidden(el)) hits.push(el);
    }
    return hits;
  }

  function looseControlsIn(container, setting) {
    let query = LOOSE_CONTROLS[setting.read];
    if (setting.read === "attribute" && setting.attribute) query = `[${CSS.escape(setting.attribute)}]`;
    if (!query) return [];
    return Array.from(container.querySelectorAll(query)).filter((el) => !isHidden(el) || el.tagName === "INPUT");
  }

  function byProximity(setting) {
    if (setting.locate && setting.locate.proximity === false) return null;
    for (const labelEl of labelElements(setting.labels)) {
      let container = labelEl;
      for (let depth = 0; depth < MAX_CLIMB && container && container !== document.body; depth++) {
        container = container.parentElement;
        if (!container) break;
        const controls = looseControlsIn(container, setting);
        if (controls.length === 0) continue;
        // prefer the first control after the label in document order
        const after = controls.find(
          (c) => labelEl.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING,
        );
        let el = after || controls[0];
        if (setting.read === "selected" && (el.matches("input[type=radio], [role=radio]"))) el = container;
        return { el, label: textOf(labelEl), confidence: CONFIDENCE.proximity, found_by: "proximity" };
      }
    }
    return null;
  }

  function byCss(setting) {
    const css = setting.locate && setting.locate.css;
    if (!css) return null;
    let el = null;
    try {
      el = document.querySelector(css);
    } catch (_) {
      return null; // a malformed selector in a pack is a miss, not a crash
    }
    if (!el) return null;
    return { el, label: setting.labels[0], confidence: CONFIDENCE.css, found_by: "css" };
  }

  function mapValue(raw, values) {
    if (raw == null) return null;
    const n = norm(raw);
    for (const [key, value] of Object.entries(values || {})) {
      if (norm(key) === n) return value;
    }
    return null;
  }

  function readSetting(setting) {
    let firstFound = null;
    for (const locate of [byRoleAndName, byProximity, byCss]) {
      const hit = locate(setting);
      if (!hit) continue;
      const raw = readControl(hit.el, setting);
      const value = mapValue(raw, setting.values);
      const reading = {
        key: setting.key,
        label: hit.label,
        raw: raw == null ? null : String(raw),
        value,
        confidence: value == null ? 0 : hit.confidence,
        found_by: hit.found_by,
      };
      if (value != null) return reading;
      if (!firstFound) firstFound = reading;
    }
    return (
      firstFound || {
        key: setting.key,
        label: setting.labels[0],
        raw: null,
        value: null,
        confidence: 0,
        found_by: null,
      }
    );
  }

  globalThis.loopwhoExtract = (pack, pageKey) =>
    (pack.settings || []).filter((s) => pageKey == null || s.page === pageKey).map(readSetting);
})();
