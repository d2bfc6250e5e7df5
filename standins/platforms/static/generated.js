// The `generated` variant's renderer. The server draws a recipe per setting from a seed
// (standins/platforms/generated.py) and sends it with the account's values in /_/data; this script
// builds the page from it: the control kind, how its name is bound, wrappers, DOM and visual order,
// shadow roots, same-origin iframes, disclosures, virtualized lists, lazy and late parts, decoy
// copies and mentions, a consent modal. Class names and ids come from a PRNG seeded by the recipe's
// salt (hashed-looking, different per seed). Changing a live control POSTs to /_/data, like the
// other variants. Decoys never get a handler and always show another value than the real one.
(function () {
  "use strict";
  const PAGE = document.body.dataset.page;
  const ROOT = document.getElementById("root");
  let R = null; // the page recipe
  let SCALE = 1; // delays x this
  const values = {};
  const byKey = {};
  const refreshers = new Map(); // key -> Set of functions that rebuild what shows that setting
  let rand = Math.random;
  const taken = new Set();
  let idStyle = "hash";
  let idCounter = 0;

  // --- names ----------------------------------------------------------------------------------------
  function mulberry32(a) {
    return function () {
      a |= 0;
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const LETTERS = "abcdefghijklmnopqrstuvwxyz";
  const ALNUM = LETTERS + "0123456789";
  const pick = (list) => list[Math.floor(rand() * list.length)];
  function token(length) {
    let out;
    do {
      out = pick(LETTERS);
      for (let i = 1; i < length; i++) out += pick(ALNUM);
    } while (taken.has(out));
    taken.add(out);
    return out;
  }
  const cls = () => token(5 + Math.floor(rand() * 4));
  function newId() {
    if (idStyle === "react") return `:r${(idCounter++).toString(36)}:`;
    if (idStyle === "prefixed") return `${pick(["setting", "ctrl", "field", "lbl", "opt"])}-${token(6)}`;
    return token(8);
  }
  const elementName = () => `${pick(["x", "c", "ui", "app", "sr", "priv"])}-${token(5)}`;

  // --- DOM helpers ----------------------------------------------------------------------------------
  const docOf = (node) => (node.nodeType === 9 ? node : node.ownerDocument);

  function el(doc, tag, attrs, ...children) {
    const node = doc.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat(Infinity)) if (c !== null && c !== undefined && c !== false) node.append(c);
    return node;
  }

  function wrap(doc, node, depth) {
    for (let i = 0; i < depth; i++) node = el(doc, pick(["div", "div", "span"]), { class: cls() }, node);
    return node;
  }

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const word = (s, v) => (s.words.find((w) => w.value === v) || { text: v }).text;
  const decoyValue = (s, v) => s.values[(s.values.indexOf(v) + s.decoys.shift) % s.values.length];

  function onRefresh(key, fn) {
    if (!refreshers.has(key)) refreshers.set(key, new Set());
    refreshers.get(key).add(fn);
  }

  function refresh(key) {
    for (const fn of [...(refreshers.get(key) || [])]) if (fn() === false) refreshers.get(key).delete(fn);
  }

  // --- styles (one sheet for the document, every shadow root and every frame) -----------------------
  const C = {};
  let CSS = "";
  function makeStyles() {
    for (const k of ["row", "rev", "lab", "lb", "cb", "desc", "track", "cbx", "echo", "status", "group", "inline",
      "radio", "nopt", "lbx", "opt", "combo", "popup", "sel", "fs", "section", "sectitle", "disc", "details",
      "vbox", "vrow", "filler", "managed", "caption", "card", "tbl", "dl", "btn", "hn", "hv", "ha", "hi",
      "backdrop", "dialog", "nav", "aside", "help", "frame", "intro", "muted"]) C[k] = cls();
    const c = (k) => `.${C[k]}`;
    CSS = `
${c("row")}{display:flex;align-items:center;justify-content:space-between;gap:10px 24px;flex-wrap:wrap;padding:14px 0;border-bottom:1px solid #dadce0;margin:0;font:inherit;cursor:default}
${c("rev")}{flex-direction:row-reverse}
${c("lab")}{font-size:15px;font-weight:500;margin:0;color:#202124;line-height:1.4}
${c("lb")}{flex:1 1 280px;min-width:0}
${c("cb")}{flex:0 1 auto;min-width:0;display:flex;align-items:center;gap:10px;flex-wrap:wrap}
${c("desc")}{color:#5f6368;font-size:13px;margin-top:2px;font-weight:400}
${c("track")}{position:relative;display:inline-block;width:44px;height:24px;border-radius:12px;border:0;background:#9aa0a6;cursor:pointer;padding:0;margin:0;flex:none;vertical-align:middle;box-sizing:border-box;appearance:none;-webkit-appearance:none}
${c("track")}[aria-checked=true],${c("track")}[aria-pressed=true],input${c("track")}:checked{background:#1a73e8}
${c("track")}::after{content:"";position:absolute;top:3px;left:3px;width:18px;height:18px;border-radius:50%;background:#fff}
${c("track")}[aria-checked=true]::after,${c("track")}[aria-pressed=true]::after,input${c("track")}:checked::after{left:23px}
${c("track")}[aria-disabled=true],${c("track")}:disabled{cursor:not-allowed;opacity:.6}
${c("cbx")}{width:18px;height:18px;margin:0;accent-color:#1a73e8;flex:none}
${c("echo")}{font-size:14px;color:#3c4043}
${c("status")}{font-weight:600;color:#202124}
${c("group")}{display:flex;flex-direction:column;gap:2px;margin:0;padding:0;list-style:none;border:0;min-width:0}
${c("inline")}{flex-direction:row;flex-wrap:wrap;gap:2px 18px}
${c("radio")}{display:flex;align-items:center;gap:8px;cursor:pointer;padding:4px 0;list-style:none}
${c("radio")}::before{content:"";width:16px;height:16px;border-radius:50%;border:2px solid #5f6368;flex:none;box-sizing:border-box;background:#fff}
${c("radio")}[aria-checked=true]::before{border-color:#1a73e8;background:radial-gradient(circle,#1a73e8 0 3.5px,#fff 4.5px)}
${c("radio")}[aria-disabled=true]{cursor:not-allowed}
${c("nopt")}{display:flex;align-items:center;gap:6px;padding:3px 0}
${c("lbx")}{display:flex;flex-direction:column;border:1px solid #dadce0;border-radius:6px;padding:4px;margin:0;list-style:none;min-width:170px;background:#fff}
${c("lbx")}${c("inline")}{flex-direction:row;flex-wrap:wrap}
${c("opt")}{padding:6px 10px;border-radius:4px;cursor:pointer;border-left:3px solid transparent;list-style:none}
${c("opt")}[aria-selected=true]{background:#e8f0fe;border-left-color:#1a73e8;font-weight:600;color:#174ea6}
${c("combo")}{display:inline-flex;align-items:center;gap:10px;border:1px solid #ccd0d5;border-radius:6px;padding:6px 10px;background:#f0f2f5;min-width:150px;cursor:pointer;font:inherit;color:inherit;box-sizing:border-box;text-align:left}
${c("combo")}::after{content:"";border:5px solid transparent;border-top-color:#5f6368;margin:5px 0 0 auto}
${c("popup")}{position:relative;z-index:5;box-shadow:0 2px 8px rgba(0,0,0,.25);flex-basis:100%}
${c("sel")}{font:inherit;padding:6px 10px;border:1px solid #ccd0d5;border-radius:6px;background:#fff;min-width:150px;color:inherit}
${c("fs")}{display:block;border:0;border-bottom:1px solid #dadce0;padding:14px 0;margin:0;min-width:0}
${c("fs")}>legend{padding:0;margin:0 0 6px;font-weight:500;float:none}
${c("section")}{margin:8px 0 24px}
${c("sectitle")}{font-size:17px;font-weight:600;margin:18px 0 4px}
${c("disc")}{font:inherit;font-size:16px;font-weight:600;background:none;border:0;padding:6px 0;cursor:pointer;color:#1a73e8;display:flex;align-items:center;gap:8px}
${c("disc")}::after{content:"";border:5px solid transparent;border-top-color:currentColor;margin-top:5px}
${c("disc")}[aria-expanded=true]::after{border-top-color:transparent;border-bottom-color:currentColor;margin:-5px 0 0}
${c("details")}>summary{cursor:pointer;font-size:17px;font-weight:600;padding:10px 0}
${c("vbox")}{height:230px;overflow:auto;border:1px solid #dadce0;border-radius:8px;position:relative;margin:6px 0}
${c("vrow")}{position:absolute;left:0;right:0;padding:0 14px;box-sizing:border-box}
${c("filler")}{display:flex;justify-content:space-between;align-items:center;height:56px;border-bottom:1px solid #eee;color:#3c4043}
${c("managed")}{opacity:.55;filter:grayscale(1);border:1px dashed #bdc1c6;border-radius:8px;padding:4px 16px;margin:20px 0}
${c("caption")}{display:block;font-size:12px;color:#5f6368;font-weight:400}
${c("card")}{display:block;border:1px solid #dadce0;border-radius:8px;padding:12px 16px;margin:8px 0;color:inherit;text-decoration:none}
${c("tbl")}{width:100%;border-collapse:collapse;border-bottom:1px solid #dadce0;margin:0}
${c("tbl")} th{text-align:left;font-weight:500;padding:14px 0;vertical-align:top}
${c("tbl")} td{text-align:right;padding:14px 0;vertical-align:top}
${c("dl")} dt{flex:1 1 280px}
${c("dl")} dd{margin:0}
${c("btn")}{font:inherit;font-size:14px;border:1px solid #dadce0;background:#fff;border-radius:16px;padding:4px 14px;cursor:pointer;color:#1a73e8}
${c("hn")}{display:none}
${c("hv")}{visibility:hidden}
${c("ha")}{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}
${c("hi")}{opacity:0;height:0;overflow:hidden}
${c("backdrop")}{position:fixed;inset:0;background:rgba(32,33,36,.45);z-index:1000;display:flex;align-items:center;justify-content:center}
${c("dialog")}{background:#fff;max-width:480px;padding:24px 28px;border-radius:10px;box-shadow:0 4px 24px rgba(0,0,0,.3)}
${c("dialog")} h2{margin:0 0 10px;font-size:20px;font-weight:500}
${c("nav")}{display:flex;gap:18px;padding:10px 24px;border-bottom:1px solid #dadce0;flex-wrap:wrap;font-size:14px}
${c("nav")} a,${c("aside")} a{color:#1a73e8;text-decoration:none}
${c("aside")}{border-top:1px solid #dadce0;margin-top:28px;padding-top:6px;font-size:14px}
${c("aside")} ul{padding-left:18px;margin:6px 0}
${c("help")}{color:#3c4043;margin-top:32px;font-size:14px}
${c("frame")}{border:0;width:100%;display:block;height:40px}
${c("intro")}{color:#5f6368;margin:0 0 12px}
${c("muted")}{color:#5f6368}
`;
  }

  const styleFor = (doc) => el(doc, "style", {}, CSS);

  // --- sending a change ----------------------------------------------------------------------------
  async function send(key, value) {
    const response = await fetch("/_/data", {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ page: PAGE, key, value }),
    });
    if (response.status === 401 || response.status === 403) {
      const body = await response.json();
      if (body.redirect) location.href = body.redirect;
      return;
    }
    const data = await response.json();
    for (const [k, v] of Object.entries(data.values || {})) {
      if (values[k] !== v) {
        values[k] = v;
        refresh(k);
      }
    }
  }

  function activate(node, fn, keyboard) {
    node.addEventListener("click", (e) => {
      e.preventDefault();
      fn();
    });
    if (keyboard) {
      node.addEventListener("keydown", (e) => {
        if (e.key === " " || e.key === "Enter") {
          e.preventDefault();
          fn();
        }
      });
    }
  }

  // --- controls ------------------------------------------------------------------------------------
  // mode: live (handlers, POSTs), disabled (greyed copy), copy (a hidden or template copy: no handlers)
  function nameAttrs(s, ids) {
    if (s.naming === "aria_label") return { "aria-label": s.label };
    if (s.naming === "aria_labelledby") return { "aria-labelledby": ids.label };
    if (s.naming === "label_for") return { id: ids.control };
    return {};
  }

  function switchControl(doc, s, value, mode, name) {
    const on = value === "on";
    const live = mode === "live";
    const disabled = mode === "disabled";
    const flip = () => send(s.key, on ? "off" : "on");
    let node;
    if (s.control === "switch") {
      node = el(doc, s.tag, { class: `${C.track} ${cls()}`, role: "switch", "aria-checked": String(on), ...name,
        type: s.tag === "button" ? "button" : null, tabindex: s.tag === "button" ? null : disabled ? "-1" : "0",
        "aria-disabled": disabled ? "true" : null, disabled: disabled && s.tag === "button" });
      if (live) activate(node, flip, s.tag !== "button");
    } else if (s.control === "pressed_button") {
      node = el(doc, s.tag, { class: `${C.track} ${cls()}`, "aria-pressed": String(on), ...name,
        role: s.tag === "button" ? null : "button", type: s.tag === "button" ? "button" : null,
        tabindex: s.tag === "button" ? null : disabled ? "-1" : "0",
        "aria-disabled": disabled && s.tag !== "button" ? "true" : null, disabled: disabled && s.tag === "button" });
      if (live) activate(node, flip, s.tag !== "button");
    } else {
      const asSwitch = s.control === "checkbox_switch";
      node = el(doc, "input", { type: "checkbox", class: `${asSwitch ? C.track : C.cbx} ${cls()}`,
        role: asSwitch ? "switch" : null, ...name, checked: on, disabled });
      node.checked = on;
      if (live) node.addEventListener("change", () => send(s.key, node.checked ? "on" : "off"));
    }
    const parts = [node];
    if (s.echo) {
      parts.push(el(doc, "span", { class: `${C.echo} ${cls()}`, "aria-hidden": s.echo === "aria_hidden" ? "true" : null },
        word(s, value)));
    }
    return parts;
  }

  function radioGroup(doc, s, value, mode, name) {
    const live = mode === "live";
    const disabled = mode === "disabled";
    const itemTag = s.tag === "ul" ? "li" : pick(["div", "span"]);
    const group = el(doc, s.tag, { role: "radiogroup", class: `${C.group} ${s.options_inline ? C.inline : ""} ${cls()}`,
      ...name, "aria-disabled": disabled ? "true" : null });
    const order = s.option_order;
    for (const v of order) {
      const checked = v === value;
      const radio = el(doc, itemTag, { role: "radio", class: `${C.radio} ${cls()}`, "aria-checked": String(checked),
        tabindex: disabled ? "-1" : checked ? "0" : "-1", "aria-disabled": disabled ? "true" : null }, word(s, v));
      if (live) {
        activate(radio, () => send(s.key, v), true);
        radio.addEventListener("keydown", (e) => {
          const step = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }[e.key];
          if (!step) return;
          e.preventDefault();
          send(s.key, order[(order.indexOf(v) + step + order.length) % order.length]);
        });
      }
      group.append(radio);
    }
    return [group];
  }

  function nativeRadios(doc, s, value, mode, name, inFieldsetRow) {
    const live = mode === "live";
    const disabled = mode === "disabled";
    const groupName = token(7);
    const options = s.option_order.map((v) => {
      const input = el(doc, "input", { type: "radio", name: groupName, value: s.opaque_values ? token(5) : v,
        checked: v === value, disabled: disabled && !inFieldsetRow });
      input.checked = v === value;
      if (live) input.addEventListener("change", () => { if (input.checked) send(s.key, v); });
      const text = word(s, v);
      if (s.option_binding === "label_wrap") return el(doc, "label", { class: `${C.nopt} ${cls()}` }, input, text);
      if (s.option_binding === "label_for") {
        input.id = newId();
        return el(doc, "div", { class: `${C.nopt} ${cls()}` }, input, el(doc, "label", { for: input.id }, text));
      }
      return el(doc, "div", { class: `${C.nopt} ${cls()}` }, input, el(doc, "span", {}, text));
    });
    const layout = `${C.group} ${s.options_inline ? C.inline : ""} ${cls()}`;
    if (inFieldsetRow) return [el(doc, "div", { class: layout }, options)];
    const attrs = { class: layout, ...name };
    if (s.tag === "div" && (s.naming === "aria_label" || s.naming === "aria_labelledby")) attrs.role = "radiogroup";
    if (s.tag === "fieldset" && disabled) attrs.disabled = true;
    return [el(doc, s.tag, attrs, options)];
  }

  function nativeSelect(doc, s, value, mode, name) {
    const select = el(doc, "select", { class: `${C.sel} ${cls()}`, ...name, disabled: mode === "disabled" });
    const keyOf = new Map();
    for (const v of s.option_order) {
      const attr = s.opaque_values ? token(5) : v;
      keyOf.set(attr, v);
      const option = el(doc, "option", { value: attr, selected: v === value }, word(s, v));
      option.selected = v === value;
      select.append(option);
    }
    if (mode === "live") select.addEventListener("change", () => send(s.key, keyOf.get(select.value)));
    return [select];
  }

  function listBox(doc, s, value, mode, name) {
    const live = mode === "live";
    const disabled = mode === "disabled";
    const itemTag = s.tag === "ul" ? "li" : "div";
    const box = el(doc, s.tag, { role: "listbox", class: `${C.lbx} ${s.options_inline ? C.inline : ""} ${cls()}`,
      tabindex: disabled ? "-1" : "0", ...name, "aria-disabled": disabled ? "true" : null });
    const order = s.option_order;
    for (const v of order) {
      const option = el(doc, itemTag, { role: "option", id: newId(), class: `${C.opt} ${cls()}`,
        "aria-selected": String(v === value) }, word(s, v));
      if (v === value) box.setAttribute("aria-activedescendant", option.id);
      if (live) option.addEventListener("click", () => send(s.key, v));
      box.append(option);
    }
    if (live) {
      box.addEventListener("keydown", (e) => {
        const step = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }[e.key];
        if (!step) return;
        e.preventDefault();
        send(s.key, order[(order.indexOf(value) + step + order.length) % order.length]);
      });
    }
    return [box];
  }

  function comboBox(doc, s, value, mode, name) {
    const live = mode === "live";
    const disabled = mode === "disabled";
    const text = word(s, value);
    let box;
    if (s.tag === "input") {
      box = el(doc, "input", { type: "text", readonly: true, role: "combobox", class: `${C.combo} ${cls()}`,
        "aria-haspopup": "listbox", "aria-expanded": "false", "aria-autocomplete": "none", value: text, ...name,
        disabled });
      box.value = text;
    } else {
      box = el(doc, s.tag, { role: "combobox", class: `${C.combo} ${cls()}`, "aria-haspopup": "listbox",
        "aria-expanded": "false", type: s.tag === "button" ? "button" : null,
        tabindex: s.tag === "div" ? (disabled ? "-1" : "0") : null, ...name,
        "aria-disabled": disabled && s.tag === "div" ? "true" : null, disabled: disabled && s.tag === "button" },
      el(doc, "span", { class: cls() }, text));
    }
    if (live) {
      let popup = null;
      const close = () => {
        if (!popup) return;
        popup.remove();
        popup = null;
        box.setAttribute("aria-expanded", "false");
        box.removeAttribute("aria-controls");
      };
      const open = () => {
        popup = el(doc, "div", { role: "listbox", id: newId(), class: `${C.lbx} ${C.popup} ${cls()}` },
          s.option_order.map((v) => {
            const option = el(doc, "div", { role: "option", class: `${C.opt} ${cls()}`, "aria-selected": String(v === value) },
              word(s, v));
            option.addEventListener("click", (e) => {
              e.stopPropagation();
              close();
              send(s.key, v);
            });
            return option;
          }));
        box.after(popup);
        box.setAttribute("aria-expanded", "true");
        box.setAttribute("aria-controls", popup.id);
      };
      box.addEventListener("click", (e) => {
        e.preventDefault();
        if (popup) close();
        else open();
      });
      box.addEventListener("keydown", (e) => {
        if (e.key === "Escape") close();
        else if ((e.key === "Enter" || e.key === " " || e.key === "ArrowDown") && !popup) {
          e.preventDefault();
          open();
        }
      });
    }
    return [box];
  }

  function controlParts(doc, s, value, mode, ids, inFieldsetRow) {
    const name = nameAttrs(s, ids);
    switch (s.control) {
      case "switch":
      case "checkbox":
      case "checkbox_switch":
      case "pressed_button":
        return switchControl(doc, s, value, mode, name);
      case "radiogroup":
        return radioGroup(doc, s, value, mode, name);
      case "native_radios":
        return nativeRadios(doc, s, value, mode, name, inFieldsetRow);
      case "select":
        return nativeSelect(doc, s, value, mode, name);
      case "listbox":
        return listBox(doc, s, value, mode, name);
      case "combobox":
        return comboBox(doc, s, value, mode, name);
      default:
        return [];
    }
  }

  // --- rows ----------------------------------------------------------------------------------------
  const MANAGED_CAPTION = "Managed by your organization";

  function order(s, row, first, second) {
    if (s.visual === "order") {
      first.style.order = "2";
      second.style.order = "1";
    } else if (s.visual === "row_reverse") {
      row.classList.add(C.rev);
    }
  }

  function labelBlock(doc, s, labelEl, mode) {
    const extra = [];
    if (s.description) extra.push(el(doc, "div", { class: `${C.desc} ${cls()}` }, s.description));
    if (mode === "disabled") extra.push(el(doc, "span", { class: `${C.caption} ${cls()}` }, MANAGED_CAPTION));
    const block = wrap(doc, extra.length ? el(doc, "div", { class: cls() }, labelEl, extra) : labelEl, s.wrap_label);
    block.classList.add(C.lb);
    return block;
  }

  function statusRow(doc, s, value, mode) {
    const state = el(doc, pick(["span", "div"]), { class: `${C.status} ${cls()}` }, word(s, value));
    const action = s.action
      ? el(doc, "button", { type: "button", class: `${C.btn} ${cls()}`, disabled: mode === "disabled" }, "Manage")
      : null;
    const valueBlock = wrap(doc, el(doc, "div", { class: `${C.cb} ${cls()}` }, state, action), s.wrap_control);
    const extra = [];
    if (s.description) extra.push(el(doc, "div", { class: `${C.desc} ${cls()}` }, s.description));
    if (mode === "disabled") extra.push(el(doc, "span", { class: `${C.caption} ${cls()}` }, MANAGED_CAPTION));
    if (s.tag === "dl") {
      return el(doc, "dl", { class: `${C.row} ${C.dl} ${cls()}` },
        el(doc, "dt", { class: cls() }, wrap(doc, el(doc, s.label_tag === "p" ? "div" : s.label_tag === "h3" ? "div" : s.label_tag,
          { class: `${C.lab} ${cls()}` }, s.label), s.wrap_label), extra),
        el(doc, "dd", { class: cls() }, valueBlock));
    }
    if (s.tag === "table") {
      return el(doc, "table", { class: `${C.tbl} ${cls()}` }, el(doc, "tbody", {}, el(doc, "tr", {},
        el(doc, "th", { scope: "row", class: `${C.lab} ${cls()}` }, wrap(doc, el(doc, "span", {}, s.label), s.wrap_label), extra),
        el(doc, "td", { class: cls() }, valueBlock))));
    }
    if (s.tag === "card_link") {
      const card = el(doc, "a", { href: `#${token(6)}`, class: `${C.card} ${cls()}` },
        wrap(doc, el(doc, "div", { class: `${C.lab} ${cls()}` }, s.label), s.wrap_label), extra,
        wrap(doc, el(doc, "div", { class: `${C.status} ${cls()}` }, word(s, value)), s.wrap_control));
      card.addEventListener("click", (e) => e.preventDefault());
      return card;
    }
    const labelEl = el(doc, s.label_tag, { class: `${C.lab} ${cls()}` }, s.label);
    const lb = wrap(doc, extra.length ? el(doc, "div", { class: cls() }, labelEl, extra) : labelEl, s.wrap_label);
    lb.classList.add(C.lb);
    const row = el(doc, "div", { class: `${C.row} ${cls()}` });
    const [first, second] = s.label_first ? [lb, valueBlock] : [valueBlock, lb];
    row.append(first, second);
    order(s, row, first, second);
    return row;
  }

  function controlRow(doc, s, value, mode) {
    const ids = { label: newId(), control: newId() };
    if (s.naming === "legend") {
      const fieldset = el(doc, "fieldset", { class: `${C.fs} ${cls()}`, disabled: mode === "disabled" },
        el(doc, "legend", { class: `${C.lab} ${cls()}` }, s.label));
      if (s.description) fieldset.append(el(doc, "div", { class: `${C.desc} ${cls()}` }, s.description));
      if (mode === "disabled") fieldset.append(el(doc, "span", { class: `${C.caption} ${cls()}` }, MANAGED_CAPTION));
      fieldset.append(wrap(doc, el(doc, "div", { class: cls() }, controlParts(doc, s, value, mode, ids, true)), s.wrap_control));
      return fieldset;
    }
    let labelEl;
    if (s.naming === "aria_labelledby") labelEl = el(doc, s.label_tag, { id: ids.label, class: `${C.lab} ${cls()}` }, s.label);
    else if (s.naming === "label_for") labelEl = el(doc, "label", { for: ids.control, class: `${C.lab} ${cls()}` }, s.label);
    else if (s.naming === "label_wrap") labelEl = el(doc, "span", { class: `${C.lab} ${cls()}` }, s.label);
    else labelEl = el(doc, s.label_tag, { class: `${C.lab} ${cls()}` }, s.label);
    const lb = labelBlock(doc, s, labelEl, mode);
    const cb = wrap(doc, el(doc, "div", { class: `${C.cb} ${cls()}` }, controlParts(doc, s, value, mode, ids, false)),
      s.wrap_control);
    const row = el(doc, s.naming === "label_wrap" ? "label" : "div", { class: `${C.row} ${cls()}` });
    const [first, second] = s.label_first ? [lb, cb] : [cb, lb];
    row.append(first, second);
    order(s, row, first, second);
    return row;
  }

  function shadowWrap(doc, node, depth) {
    for (let i = 0; i < depth; i++) {
      const host = el(doc, elementName(), { class: cls(), style: "display:block" });
      const root = host.attachShadow({ mode: "open" });
      root.append(styleFor(doc), node);
      node = host;
    }
    return node;
  }

  function buildRow(doc, s, value, mode) {
    const row = s.control === "status_text" ? statusRow(doc, s, value, mode) : controlRow(doc, s, value, mode);
    return shadowWrap(doc, wrap(doc, row, s.wrap_row), s.shadow);
  }

  // a row that rebuilds itself when its setting changes
  function mountRow(parent, s, mode, valueOf) {
    const doc = docOf(parent);
    let node = buildRow(doc, s, valueOf(), mode);
    parent.append(node);
    onRefresh(s.key, () => {
      if (!node.isConnected) return false;
      const fresh = buildRow(doc, s, valueOf(), mode);
      node.replaceWith(fresh);
      node = fresh;
      return true;
    });
    return node;
  }

  const HIDE = {
    display_none: (doc, node) => el(doc, "div", { class: `${C.hn} ${cls()}` }, node),
    visibility_hidden: (doc, node) => el(doc, "div", { class: `${C.hv} ${cls()}` }, node),
    hidden_attr: (doc, node) => el(doc, "div", { hidden: true, class: cls() }, node),
    aria_hidden: (doc, node) => el(doc, "div", { "aria-hidden": "true", class: `${C.ha} ${cls()}` }, node),
    inert: (doc, node) => el(doc, "div", { inert: true, class: `${C.hi} ${cls()}` }, node),
  };

  // hidden and template copies of a setting, each showing another value than the real one
  function placeCopies(parent, s, place) {
    const doc = docOf(parent);
    const d = s.decoys;
    if (d.hidden !== "none" && d.hidden_place === place) {
      const holder = HIDE[d.hidden](doc, el(doc, "div", { class: cls() }));
      parent.append(holder);
      mountRow(holder.firstChild, s, "copy", () => decoyValue(s, values[s.key]));
    }
    if (d.template && (place === "page_end") === (d.hidden_place !== "beside")) {
      const template = el(doc, "template", { class: cls() });
      const draw = () => template.content.replaceChildren(buildRow(doc, s, decoyValue(s, values[s.key]), "copy"));
      draw();
      parent.append(template);
      onRefresh(s.key, () => {
        if (!template.isConnected) return false;
        draw();
        return true;
      });
    }
  }

  // --- sections ------------------------------------------------------------------------------------
  function rowHeightGuess(s) {
    let h = 76;
    if (s.description) h += 22;
    if (["radiogroup", "native_radios", "listbox"].includes(s.control) && !s.options_inline) h += 32 * s.values.length;
    return h;
  }

  function virtualList(parent, sec) {
    const doc = docOf(parent);
    const win = doc.defaultView;
    const items = [];
    let f = 0;
    const total = sec.fillers.length + sec.keys.length;
    for (let i = 0; i < total; i++) {
      const at = sec.positions.indexOf(i);
      items.push(at >= 0 ? { setting: byKey[sec.keys[at]] } : { filler: sec.fillers[f++] });
    }
    const box = el(doc, "div", { class: `${C.vbox} ${cls()}`, tabindex: "0", role: pick(["list", null]) });
    const spacer = el(doc, "div", { class: cls(), style: "position:relative" });
    box.append(spacer);
    const heights = items.map((it) => (it.setting ? rowHeightGuess(it.setting) : 56));
    let tops = [];
    const layout = () => {
      tops = [];
      let y = 0;
      for (const h of heights) {
        tops.push(y);
        y += h;
      }
      spacer.style.height = `${y}px`;
    };
    const rendered = new Map();
    const build = (i) => {
      const it = items[i];
      const row = el(doc, "div", { class: `${C.vrow} ${cls()}`, role: box.getAttribute("role") ? "listitem" : null,
        style: `top:${tops[i]}px;height:${heights[i]}px` });
      if (it.setting) row.append(buildRow(doc, it.setting, values[it.setting.key], "live"));
      else row.append(el(doc, "div", { class: `${C.filler} ${cls()}` }, el(doc, "span", {}, it.filler),
        el(doc, "span", { "aria-hidden": "true" }, "›")));
      return row;
    };
    const draw = () => {
      const top = box.scrollTop;
      const bottom = top + box.clientHeight;
      for (let i = 0; i < items.length; i++) {
        const visible = box.clientHeight > 0 && tops[i] < bottom && tops[i] + heights[i] > top;
        if (visible && !rendered.has(i)) {
          const row = build(i);
          spacer.append(row);
          rendered.set(i, row);
        } else if (!visible && rendered.has(i)) {
          rendered.get(i).remove();
          rendered.delete(i);
        }
      }
    };
    // measure each setting's row at the list's width (once it has one), like a cell measurer
    let measuredWidth = -1;
    const measure = () => {
      const width = spacer.clientWidth;
      if (!width || width === measuredWidth) return;
      measuredWidth = width;
      const probe = el(doc, "div", { class: cls(), style: `position:absolute;visibility:hidden;left:0;top:0;width:${width}px` });
      spacer.append(probe);
      items.forEach((it, i) => {
        if (!it.setting) return;
        const row = el(doc, "div", { class: C.vrow, style: "position:static" },
          buildRow(doc, it.setting, values[it.setting.key], "copy"));
        probe.append(row);
        heights[i] = Math.max(heights[i], Math.ceil(row.getBoundingClientRect().height) + 12);
      });
      probe.remove();
      layout();
      for (const [i, row] of rendered) {
        row.style.top = `${tops[i]}px`;
        row.style.height = `${heights[i]}px`;
      }
    };
    layout();
    box.addEventListener("scroll", draw, { passive: true });
    new win.ResizeObserver(() => {
      measure();
      draw();
    }).observe(box);
    parent.append(box);
    for (const key of sec.keys) {
      onRefresh(key, () => {
        if (!box.isConnected) return false;
        for (const [i, row] of rendered) {
          if (items[i].setting && items[i].setting.key === key) {
            const fresh = build(i);
            row.replaceWith(fresh);
            rendered.set(i, fresh);
          }
        }
        return true;
      });
    }
    draw();
  }

  function fillRows(parent, sec) {
    if (sec.container === "virtual") {
      virtualList(parent, sec);
      for (const key of sec.keys) placeCopies(parent, byKey[key], "beside");
      return;
    }
    for (const key of sec.keys) {
      const s = byKey[key];
      mountRow(parent, s, "live", () => values[s.key]);
      placeCopies(parent, s, "beside");
    }
  }

  function sectionBox(host, sec) {
    const doc = docOf(host);
    const box = el(doc, pick(["section", "div"]), { class: `${C.section} ${cls()}` });
    if (sec.container === "disclosure") {
      const region = el(doc, "div", { id: newId(), class: cls(), hidden: true });
      const button = el(doc, "button", { type: "button", class: `${C.disc} ${cls()}`, "aria-expanded": "false",
        "aria-controls": region.id }, sec.title);
      let built = false;
      if (sec.disclosure === "toggle") {
        fillRows(region, sec);
        built = true;
      }
      button.addEventListener("click", () => {
        const open = button.getAttribute("aria-expanded") !== "true";
        button.setAttribute("aria-expanded", String(open));
        if (open && !built) {
          fillRows(region, sec);
          built = true;
        }
        region.hidden = !open;
        if (!open && sec.disclosure === "render") {
          region.replaceChildren();
          built = false;
        }
      });
      box.append(el(doc, pick(["h2", "div"]), { class: `${C.sectitle} ${cls()}` }, button), region);
    } else if (sec.container === "details") {
      const rows = el(doc, "div", { class: cls() });
      box.append(el(doc, "details", { class: `${C.details} ${cls()}` },
        el(doc, "summary", { class: cls() }, sec.title), rows));
      fillRows(rows, sec);
    } else {
      const rows = el(doc, "div", { class: cls() });
      box.append(el(doc, "h2", { class: `${C.sectitle} ${cls()}` }, sec.title), rows);
      fillRows(rows, sec);
    }
    host.append(box);
  }

  function frameInto(host, kind) {
    const doc = docOf(host);
    const frame = el(doc, "iframe", { class: `${C.frame} ${cls()}`, title: pick(["Settings", "Privacy settings", "Your settings"]) });
    const frameDoc = '<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body></body></html>';
    if (kind === "srcdoc") frame.srcdoc = frameDoc;
    else frame.src = `/_/frame?page=${encodeURIComponent(PAGE)}&part=${token(6)}`;
    return new Promise((resolve) => {
      frame.addEventListener("load", () => {
        const d = frame.contentDocument;
        d.head.append(styleFor(d), el(d, "style", {}, "html,body{margin:0;font:15px/1.4 Arial,Helvetica,sans-serif;color:#202124;background:#fff}body{display:flow-root}"));
        const resize = () => { frame.style.height = `${Math.ceil(d.body.getBoundingClientRect().height)}px`; };
        new d.defaultView.ResizeObserver(resize).observe(d.body);
        resize();
        resolve(d);
      }, { once: true });
      host.append(frame);
    });
  }

  async function mountSection(slot, sec) {
    let host = slot;
    const doc = docOf(slot);
    for (let i = 0; i < sec.shadow; i++) {
      const el2 = el(doc, elementName(), { class: cls(), style: "display:block" });
      host.append(el2);
      const root = el2.attachShadow({ mode: "open" });
      root.append(styleFor(doc));
      host = root;
    }
    if (sec.late_ms) await sleep(Math.round(sec.late_ms * SCALE));
    for (let i = 0; i < sec.iframe_depth; i++) host = (await frameInto(host, sec.iframe)).body;
    sectionBox(host, sec);
  }

  // --- the page ------------------------------------------------------------------------------------
  function managedSection(doc) {
    const titleId = newId();
    const box = el(doc, "section", { class: `${C.managed} ${cls()}`, "aria-labelledby": titleId },
      el(doc, "h2", { id: titleId, class: `${C.sectitle} ${cls()}` }, "Work profile, managed by your organization"),
      el(doc, "p", { class: `${C.muted} ${cls()}` }, "Your organization manages these settings for your work profile. You can't change them here."));
    for (const s of R.settings) {
      if (s.decoys.disabled) mountRow(box, s, "disabled", () => decoyValue(s, values[s.key]));
    }
    return box;
  }

  const HELP_LINES = [
    "Learn how we protect your privacy and keep your data secure.",
    "Some settings may take a little while to apply across all your devices.",
    "You can review these choices at any time from your account.",
  ];

  function helpBlock(doc, tall) {
    const paras = R.settings.flatMap((s) => s.decoys.mentions.filter((m) => m.kind === "help").map((m) => m.text));
    const block = el(doc, "section", { class: `${C.help} ${cls()}`, style: tall ? "min-height:calc(100vh + 240px)" : null },
      el(doc, "h2", { class: `${C.sectitle} ${cls()}` }, "Help"),
      [...paras, ...HELP_LINES].map((t) => el(doc, "p", { class: cls() }, t)));
    return block;
  }

  function recentlyViewed(doc) {
    const labels = R.settings.filter((s) => s.decoys.mentions.some((m) => m.kind === "recent")).map((s) => s.label);
    if (!labels.length) return null;
    const titleId = newId();
    const when = ["Today", "Yesterday", "2 days ago", "Last week"];
    return el(doc, "aside", { class: `${C.aside} ${cls()}`, "aria-labelledby": titleId },
      el(doc, "h2", { id: titleId, class: `${C.sectitle} ${cls()}` }, "Recently viewed"),
      el(doc, "ul", { class: cls() }, labels.map((label, i) =>
        el(doc, "li", {}, el(doc, "a", { href: `#${token(6)}` }, label), el(doc, "span", { class: C.muted }, ` · ${when[i % when.length]}`)))));
  }

  function navigation(doc) {
    const labels = R.settings.filter((s) => s.decoys.mentions.some((m) => m.kind === "nav")).map((s) => s.label);
    if (!labels.length) return null;
    const links = ["Home", "Personal info", "Security", ...labels, "Help"];
    return el(doc, "nav", { class: `${C.nav} ${cls()}`, "aria-label": pick(["Account", "Settings", "Main"]) },
      links.map((t) => el(doc, "a", { href: `#${token(6)}` }, t)));
  }

  function consentModal(doc) {
    const titleId = newId();
    const backdrop = el(doc, "div", { class: `${C.backdrop} ${cls()}` });
    const dismiss = () => backdrop.remove();
    const button = (text) => {
      const b = el(doc, "button", { type: "button", class: `${C.btn} ${cls()}` }, text);
      b.addEventListener("click", dismiss);
      return b;
    };
    backdrop.append(el(doc, "div", { role: "dialog", "aria-modal": "true", "aria-labelledby": titleId, class: `${C.dialog} ${cls()}` },
      el(doc, "h2", { id: titleId }, "Before you continue"),
      el(doc, "p", {}, "We use cookies and data to deliver and maintain our services, measure audience engagement and show ads. Choose whether to allow all cookies or only the essential ones."),
      el(doc, "div", { style: "display:flex;gap:12px;justify-content:flex-end" }, button("Reject all"), button("Accept all"))));
    doc.body.append(backdrop);
  }

  function render() {
    const doc = document;
    const main = doc.querySelector("main");
    const loading = main.querySelector("[role=status]");
    const content = el(doc, "div", { class: cls() }, el(doc, "p", { class: `${C.intro} ${cls()}` }, R.intro));
    const inline = R.sections.filter((sec) => !sec.lazy);
    const lazy = R.sections.filter((sec) => sec.lazy);
    if (R.managed === "before") content.append(managedSection(doc));
    for (const sec of inline) {
      const slot = el(doc, "div", { class: cls() });
      content.append(slot);
      mountSection(slot, sec);
    }
    if (R.managed === "after") content.append(managedSection(doc));
    if (!R.settings.length) content.append(el(doc, "p", { class: cls() }, "Manage your data and privacy options."));
    const pageEnd = el(doc, "div", { class: cls() });
    content.append(pageEnd);
    const recent = recentlyViewed(doc);
    if (recent) content.append(recent);
    content.append(helpBlock(doc, lazy.length > 0));
    if (lazy.length) {
      const holder = el(doc, "div", { class: cls() }, el(doc, "p", { class: `${C.muted} ${cls()}` }, "Loading more settings…"));
      const sentinel = el(doc, "div", { class: cls(), style: "height:1px" });
      content.append(holder, sentinel);
      const observer = new IntersectionObserver((entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        observer.disconnect();
        holder.replaceChildren();
        for (const sec of lazy) {
          const slot = el(doc, "div", { class: cls() });
          holder.append(slot);
          mountSection(slot, sec);
        }
      });
      observer.observe(sentinel);
    }
    for (const s of R.settings) placeCopies(pageEnd, s, "page_end");
    const nav = navigation(doc);
    if (nav) ROOT.prepend(nav);
    if (loading) loading.replaceWith(content);
    else main.append(content);
  }

  async function load() {
    const response = await fetch(`/_/data?page=${encodeURIComponent(PAGE)}`, { credentials: "same-origin" });
    if (response.status === 401 || response.status === 403) {
      const body = await response.json();
      if (body.redirect) location.href = body.redirect;
      return;
    }
    const data = await response.json();
    R = data.recipe;
    if (!R) return; // the variant changed under us: a reload gets the right shell
    SCALE = typeof data.time_scale === "number" ? data.time_scale : 1;
    Object.assign(values, data.values);
    for (const s of R.settings) byKey[s.key] = s;
    rand = mulberry32(parseInt(R.salt, 16) >>> 0);
    idStyle = pick(["hash", "react", "prefixed"]);
    makeStyles();
    document.head.append(styleFor(document));
    if (R.consent) consentModal(document);
    const delay = Math.round(R.delay_ms * SCALE) + (data.render_delay_ms || 0);
    if (delay > 0) setTimeout(render, delay);
    else render();
  }

  load();
})();
