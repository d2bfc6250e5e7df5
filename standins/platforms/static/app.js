// The simulated settings application. The page arrives as an empty shell; this script fetches the
// signed-in account's settings from the same host and builds the page in the platform's own kind of
// markup, for the platform's current variant: classic, redesigned (other classes, order, nesting;
// same labels and roles), v2 (renamed labels, no ARIA, data attributes) or ocr (nothing the DOM
// can read: a canvas, or unlabeled divs with random class names).
(function () {
  "use strict";
  const PAGE = document.body.dataset.page;
  const PLATFORM = document.body.dataset.platform;
  let uid = 0;
  const rnd = () => Math.random().toString(36).slice(2, 8);
  const nextId = (p) => `${p}${++uid}`;

  function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "onclick" || k === "onchange") node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c);
    return node;
  }

  async function load() {
    const response = await fetch(`/_/data?page=${encodeURIComponent(PAGE)}`, { credentials: "same-origin" });
    if (response.status === 401 || response.status === 403) {
      const body = await response.json();
      if (body.redirect) location.href = body.redirect;
      return;
    }
    const data = await response.json();
    if (data.render_delay_ms > 0) setTimeout(() => render(data), data.render_delay_ms);
    else render(data);
  }

  async function change(key, value) {
    await fetch("/_/data", {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ page: PAGE, key, value }),
    });
    load();
  }

  const flip = (s) => () => change(s.key, s.value === "on" ? "off" : "on");
  const optionText = (s) => (s.options.find((o) => o.value === s.value) || { text: s.value }).text;

  // --- Google ---------------------------------------------------------------------------------------
  const google = {
    classic(main, data) {
      const wiz = h("c-wiz", { class: "zQTmif SSPGKf", "jsrenderer": "Lm0Xjd" });
      for (const s of data.settings) {
        const lid = nextId("c");
        if (s.kind === "switch") {
          wiz.append(
            h("div", { class: "fmK2Zb", "data-activity-id": s.dom_id, "jscontroller": "ZwSfac" },
              h("div", { class: "AK8Aze" },
                h("h2", { class: "hgKElc", id: lid }, s.label),
                h("div", { class: "x6GYSb" }, s.description)),
              h("div", { class: "VfPpkd-l6JLsf" },
                h("button", { class: "VfPpkd-scr2fc", role: "switch", type: "button", "aria-checked": s.value === "on" ? "true" : "false",
                  "aria-labelledby": lid, onclick: flip(s) },
                  h("span", { class: "VfPpkd-uMhiad" })),
                h("span", { class: "sim-desc", "aria-hidden": "true" }, s.value === "on" ? "On" : "Off"))));
        } else {
          wiz.append(
            h("div", { class: "fmK2Zb", "data-auto-delete": "" },
              h("h2", { class: "hgKElc", id: lid }, s.label),
              h("div", { role: "radiogroup", class: "VfPpkd-rOvkhd", "aria-labelledby": lid },
                s.options.map((o) =>
                  h("div", { role: "radio", class: "VfPpkd-GCYh9b", tabindex: 0, "data-value": o.value,
                    "aria-checked": o.value === s.value ? "true" : "false", onclick: () => change(s.key, o.value) },
                    o.text)))));
        }
      }
      main.append(h("h1", { class: "LZHMxb" }, data.page.heading), wiz);
    },
    redesigned(main, data) {
      const list = h("ul", { class: "Q3kZ1b", role: "list" });
      for (const s of [...data.settings].reverse()) {
        const item = h("li", { class: "tO0Xse" });
        if (s.kind === "switch") {
          item.append(
            h("div", { class: "kV3tbd" },
              h("div", { class: "yq2Tme" },
                h("div", { class: "rBUW7e" }, h("span", { class: "mMsbvc" }, s.label)),
                h("p", { class: "q2OSef" }, s.description)),
              h("div", { class: "hJzUhd" }, h("div", { class: "N2RpBe" },
                h("div", { role: "switch", tabindex: 0, class: "GsRnfd", "aria-label": s.label,
                  "aria-checked": s.value === "on" ? "true" : "false", onclick: flip(s) })))));
        } else {
          const sid = nextId("sel");
          item.append(
            h("div", { class: "kV3tbd" },
              h("label", { for: sid, class: "mMsbvc" }, s.label),
              h("div", { class: "hJzUhd" },
                h("select", { id: sid, class: "Xr5Lnf", onchange: (e) => change(s.key, e.target.value) },
                  s.options.map((o) => h("option", { value: o.value, selected: o.value === s.value }, o.text))))));
        }
        list.append(item);
      }
      main.append(h("header", { class: "pV8Tgf" }, h("h1", { class: "oJeWuf" }, data.page.heading)), h("section", {}, list));
    },
  };

  // --- Facebook -------------------------------------------------------------------------------------
  function fbCombobox(s, lid) {
    const box = h("div", { role: "combobox", tabindex: 0, class: "x1i10hfl xjbqb8w", "aria-labelledby": lid,
      "aria-haspopup": "listbox", "aria-expanded": "false" }, h("span", { class: "x193iq5w" }, optionText(s)));
    box.addEventListener("click", () => {
      if (box.getAttribute("aria-expanded") === "true") return;
      box.setAttribute("aria-expanded", "true");
      box.parentElement.append(h("div", { role: "listbox", class: "x78zum5" },
        s.options.map((o) => h("div", { role: "option", "aria-selected": o.value === s.value ? "true" : "false",
          onclick: () => change(s.key, o.value) }, o.text))));
    });
    return box;
  }

  const facebook = {
    classic(main, data) {
      const card = h("div", { class: "x1n2onr6 x1ja2u2z" });
      for (const s of data.settings) {
        const lid = nextId("r");
        if (s.kind === "switch") {
          card.append(h("div", { class: "x9f619 sim-row", "data-ad-setting": s.dom_id },
            h("span", { class: "x193iq5w", id: lid }, s.label),
            h("input", { type: "checkbox", role: "switch", class: "x1i10hfl", "aria-label": s.label,
              "aria-checked": s.value === "on" ? "true" : "false", checked: s.value === "on", onchange: flip(s) })));
        } else if (s.kind === "radio") {
          const name = nextId("se");
          card.append(h("fieldset", { class: "x9f619 sim-row", "data-privacy-row": s.dom_id },
            h("legend", { class: "x193iq5w" }, s.label),
            s.options.map((o) => h("label", { class: "x1lliihq" },
              h("input", { type: "radio", name, value: o.value, checked: o.value === s.value,
                onchange: () => change(s.key, o.value) }), ` ${o.text}`))));
        } else {
          card.append(h("div", { class: "x9f619 sim-row", "data-privacy-row": s.dom_id },
            h("span", { class: "x193iq5w", id: lid }, s.label),
            h("div", { class: "x6s0dn4" }, fbCombobox(s, lid),
              h("div", { role: "button", tabindex: 0, class: "x1i10hfl" }, "Edit"))));
        }
      }
      main.append(h("h1", { class: "x1heor9g" }, data.page.heading), card);
    },
    redesigned(main, data) {
      const wrap = h("div", { class: "xod5an3 x1swvt13" });
      for (const s of [...data.settings].reverse()) {
        const lid = nextId("ac");
        let control;
        if (s.kind === "switch") {
          control = h("div", { role: "switch", tabindex: 0, class: "x3nfvp2", "aria-labelledby": lid,
            "aria-checked": s.value === "on" ? "true" : "false", onclick: flip(s) });
        } else if (s.kind === "radio") {
          const sid = nextId("s");
          wrap.append(h("div", { class: "x1y1aw1k" }, h("div", { class: "xu06os2" },
            h("label", { for: sid, class: "x1lliihq" }, s.label),
            h("select", { id: sid, onchange: (e) => change(s.key, e.target.value) },
              s.options.map((o) => h("option", { value: o.value, selected: o.value === s.value }, o.text))))));
          continue;
        } else {
          control = h("div", { role: "radiogroup", class: "x1qjc9v5", "aria-labelledby": lid },
            s.options.map((o) => h("div", { role: "radio", tabindex: 0, class: "x1ypdohk",
              "aria-checked": o.value === s.value ? "true" : "false", onclick: () => change(s.key, o.value) }, o.text)));
        }
        wrap.append(h("div", { class: "x1y1aw1k" }, h("div", { class: "xu06os2" },
          h("div", { class: "x1lliihq", id: lid }, s.label), h("div", { class: "x2lah0s" }, control))));
      }
      main.append(h("div", { class: "x1iyjqo2" }, h("h1", { class: "x1heor9g" }, data.page.heading)), wrap);
    },
  };

  // --- Microsoft ------------------------------------------------------------------------------------
  const microsoft = {
    classic(main, data) {
      const stack = h("div", { class: "ms-Stack root-112" });
      for (const s of data.settings) {
        const id = nextId("Toggle");
        const on = s.value === "on";
        stack.append(h("div", { class: `ms-Toggle root-${rnd()} sim-row${on ? " is-checked" : ""}`,
          "data-ad-pref": s.page === "ad_settings" ? s.dom_id : null, "data-activity": s.page === "ad_settings" ? null : s.dom_id },
          h("label", { class: "ms-Label", id: `${id}-label`, for: id }, s.label),
          h("div", { class: "ms-Toggle-innerContainer" },
            h("button", { id, type: "button", role: "switch", class: "ms-Toggle-background",
              "aria-checked": on ? "true" : "false", "aria-labelledby": `${id}-label`, onclick: flip(s) },
              h("span", { class: "ms-Toggle-thumb" })),
            h("label", { class: "ms-Label", for: id }, on ? "On" : "Off"))));
      }
      main.append(h("h1", { class: "ms-fontSize-28" }, data.page.heading), stack);
    },
    redesigned(main, data) {
      const grid = h("div", { class: "___1kqhm0b f22iagw" });
      for (const s of [...data.settings].reverse()) {
        const id = nextId("fui-r");
        grid.append(h("section", { class: "fui-Card ___card" },
          h("div", { class: "fui-Switch ___swtch sim-row" },
            h("label", { for: id, class: "fui-Label fui-Switch__label" }, s.label),
            h("input", { id, type: "checkbox", role: "switch", class: "fui-Switch__input", checked: s.value === "on",
              onchange: flip(s) }))));
      }
      main.append(h("div", { class: "fui-Title2" }, h("h1", {}, data.page.heading)), grid);
    },
  };

  // --- v2: every platform's next redesign; renamed labels, no roles, state in data attributes --------
  function v2(main, data) {
    const box = h("div", { class: `c${rnd()}` });
    for (const s of data.settings) {
      const row = h("div", { class: `r${rnd()} sim-row`, "data-setting-id": s.dom_id });
      row.append(h("div", { class: `t${rnd()}` }, s.label));
      if (s.kind === "switch") {
        row.append(h("div", { class: `k${rnd()} sim-track${s.value === "on" ? " sim-on" : ""}`, tabindex: 0,
          "data-state": s.value, onclick: flip(s) }));
      } else {
        row.append(h("div", { class: `p${rnd()}`, "data-selected-option": s.value },
          s.options.map((o) => h("span", { "data-option": o.value, class: o.value === s.value ? "x-sel" : "",
            onclick: () => change(s.key, o.value) }, o.value === s.value ? `[${o.text}] ` : `${o.text} `))));
      }
      box.append(row);
    }
    main.append(h("h1", {}, data.page.heading), box);
  }

  // --- ocr: drawn on a canvas (Google, Microsoft) or bare divs (Facebook) --------------------------
  const ROW_H = 64;
  const TRACK = { w: 52, h: 28, on: "#1a73e8", off: "#9aa0a6" };

  function drawCanvas(main, data) {
    const width = 780;
    const height = 20 + ROW_H * data.settings.length;
    const ratio = window.devicePixelRatio || 1;
    const canvas = h("canvas", { width: width * ratio, height: height * ratio, class: `z${rnd()}`,
      style: `width:${width}px;height:${height}px;display:block` });
    const ctx = canvas.getContext("2d");
    ctx.scale(ratio, ratio);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, width, height);
    data.settings.forEach((s, i) => {
      const mid = 10 + i * ROW_H + ROW_H / 2;
      ctx.fillStyle = "#202124";
      ctx.font = "20px Arial, Helvetica, sans-serif";
      ctx.textBaseline = "middle";
      ctx.fillText(s.label, 16, mid);
      if (s.kind === "switch") {
        const on = s.value === "on";
        const x = width - 16 - TRACK.w;
        const y = mid - TRACK.h / 2;
        ctx.fillStyle = on ? TRACK.on : TRACK.off;
        ctx.beginPath();
        ctx.roundRect(x, y, TRACK.w, TRACK.h, TRACK.h / 2);
        ctx.fill();
        ctx.fillStyle = "#ffffff";
        ctx.beginPath();
        ctx.arc(on ? x + TRACK.w - TRACK.h / 2 : x + TRACK.h / 2, mid, TRACK.h / 2 - 4, 0, Math.PI * 2);
        ctx.fill();
      } else {
        const o = s.options.find((x) => x.value === s.value);
        const words = o ? o.short || o.text : s.value;
        ctx.textAlign = "right";
        ctx.fillText(words, width - 16, mid);
        ctx.textAlign = "left";
      }
      ctx.fillStyle = "#dadce0";
      ctx.fillRect(16, 10 + (i + 1) * ROW_H - 1, width - 32, 1);
    });
    main.append(h("h1", {}, data.page.heading), canvas);
  }

  function drawnWord(words) {
    const ratio = window.devicePixelRatio || 1;
    const font = "20px Arial, Helvetica, sans-serif";
    const probe = document.createElement("canvas").getContext("2d");
    probe.font = font;
    const width = Math.ceil(probe.measureText(words).width) + 4;
    const height = 28;
    const canvas = h("canvas", { width: width * ratio, height: height * ratio, class: `_${rnd()}`,
      style: `width:${width}px;height:${height}px;display:block` });
    const ctx = canvas.getContext("2d");
    ctx.scale(ratio, ratio);
    ctx.font = font;
    ctx.fillStyle = "#202124";
    ctx.textBaseline = "middle";
    ctx.fillText(words, 2, height / 2);
    return canvas;
  }

  function bareDivs(main, data) {
    const box = h("div", { class: `_${rnd()}` });
    for (const s of data.settings) {
      const row = h("div", { class: `_${rnd()}`, style: "display:flex;justify-content:space-between;align-items:center;padding:18px 0;border-bottom:1px solid #dadce0" });
      row.append(h("div", { class: `_${rnd()}`, style: "font-size:20px" }, s.label));
      if (s.kind === "switch") {
        const on = s.value === "on";
        row.append(h("div", { class: `_${rnd()}`, style: `position:relative;width:${TRACK.w}px;height:${TRACK.h}px;border-radius:14px;background:${on ? TRACK.on : TRACK.off}` },
          h("div", { class: `_${rnd()}`, style: `position:absolute;top:4px;${on ? "right" : "left"}:4px;width:20px;height:20px;border-radius:50%;background:#fff` })));
      } else {
        // the word is drawn on a small canvas, so only a screenshot shows it (CSS generated content
        // would not do: a screen reader, and so loopwho's reader, reads it as text)
        const o = s.options.find((x) => x.value === s.value);
        row.append(drawnWord(o ? o.short || o.text : s.value));
      }
      box.append(row);
    }
    main.append(h("h1", {}, data.page.heading), box);
  }

  const RENDERERS = {
    google: { ...google, v2, ocr: drawCanvas },
    facebook: { ...facebook, v2, ocr: bareDivs },
    microsoft: { ...microsoft, v2, ocr: drawCanvas },
  };

  function render(data) {
    const root = document.getElementById("root");
    const main = h("main", { class: `m${rnd()}`, "data-variant": data.variant });
    const renderer = (RENDERERS[data.platform] || {})[data.variant] || RENDERERS[data.platform].classic;
    if (data.settings.length === 0) {
      main.append(h("h1", {}, data.page.heading), h("p", {}, "Manage your data and privacy options."));
    } else {
      renderer(main, data);
    }
    root.replaceChildren(main); // the page counts as ready (main h1) only once everything is built
  }

  load();
})();
