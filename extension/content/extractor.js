// loopwho's one settings extractor. Plain JavaScript with no imports, so the same file runs through
// Playwright's page.evaluate (scanner/extract.py) and as the MV3 extension's content script.
// It defines two globals and nothing else:
//   loopwhoExtract(pack, pageKey)          -> readings of the page as it is now (synchronous)
//   loopwhoRead(pack, pageKey, options)    -> Promise of {readings, ready, waited_ms, ...}: waits for
//                                             the settings to be there and the page to be quiet, opens
//                                             collapsed sections, scrolls lazy and virtualized content
//                                             into being, and reads again until every setting is read
//
// It reads the way a person or a screen reader does. For each setting it finds the setting's label
// (the pack's `labels`, compared case-, space- and punctuation-insensitively, with a bounded fuzzy
// match) anywhere in the composed tree (open shadow roots and same-origin iframes included), takes
// the control or status text that belongs to that label (accessible-name bindings first, then the
// label's own row), and reads its state: a switch/checkbox's checked state, the chosen option of a
// radio group, select, combobox or listbox, or a status word mapped through the pack's vocabulary.
// Only live copies count: disabled, hidden, inert and template copies are skipped; when two live
// copies disagree the reading is a conflict (no value), never a pick. It never changes a setting:
// the only thing it clicks is a disclosure button (aria-expanded=false, no popup) to open a section.
(() => {
  "use strict";

  // disabledOnly stays under the scanner's uncertainty threshold (0.8): shown, never diffed
  const CONFIDENCE = { named: 1.0, namedFuzzy: 0.93, row: 0.95, status: 0.92, contained: 0.9, disabledOnly: 0.5 };
  const MAX_LABEL_CHARS = 200; // an element with more text than this is a paragraph, not a label
  const MAX_CLIMB = 10; // how far up from a label its row may be
  const GREYED_OPACITY = 0.65; // a copy drawn fainter than this is greyed out: read as disabled
  // words beside the value word in a status text: "Deleting activity older than 36 months" reads as
  // 36 months; "Paused while you travel abroad, see help" does not
  const STATUS_MAX_EXTRA_WORDS = 4;
  // quietMs: no DOM change for this long = settled; maxSettleAfterLabelsMs: a page that never stops
  // changing is read anyway after this; timeoutMs: the page's deadline; scrollSteps: screens to
  // scroll; patienceMs: with labels missing, this long without any DOM change ends the wait early;
  // lateMs: the same with every label there but values unread
  // words that make a value another quantity than the setting as it is now: a column header
  // ("Previous", "Default") or a badge ("Recommended: Off") saying so is not the setting's state
  // (not "unsaved", "draft" or "pending": beside a control those speak of the control's own edit, and
  // "Unsaved change. Saved: Friends" says the control does not show the setting in effect)
  const OTHER_QUANTITY = new Set(["previous", "prior", "before", "old", "former", "earlier", "original", "default",
    "recommended", "suggested", "history", "past", "typical"]);
  const DEFAULTS = {
    quietMs: 120, timeoutMs: 8000, maxSettleAfterLabelsMs: 1500, pollMs: 25, scrollSteps: 60,
    patienceMs: 4000, lateMs: 1500, afterLoadMs: 300,
  };

  // --- words -----------------------------------------------------------------------------------------

  // case-, space- and punctuation-insensitive form of a text: "Web & App Activity" -> "web and app activity"
  function key(s) {
    return String(s == null ? "" : s)
      .normalize("NFKD")
      .replace(/[\u0300-\u036f\u00ad\u200b-\u200d\u2060\ufeff]/g, "") // accents, soft hyphens, zero-width marks
      .toLowerCase()
      .replace(/&/g, " and ")
      .replace(/[\u2018\u2019\u02bc']/g, "")
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();
  }
  const tidy = (s) => String(s == null ? "" : s).replace(/[\u00a0\s]+/g, " ").trim();

  function editDistanceWithin(a, b, bound) {
    if (Math.abs(a.length - b.length) > bound) return false;
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const cur = [i];
      let rowMin = i;
      for (let j = 1; j <= b.length; j++) {
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        rowMin = Math.min(rowMin, cur[j]);
      }
      if (rowMin > bound) return false;
      prev = cur;
    }
    return prev[b.length] <= bound;
  }

  // how well a text names a setting: 1 exact, <1 a small typo or reflow, 0 not at all
  function labelScore(text, labelKeys) {
    const t = key(text);
    if (!t) return 0;
    for (const l of labelKeys) if (t === l) return CONFIDENCE.named;
    for (const l of labelKeys) {
      const bound = Math.min(3, Math.floor(l.length / 12));
      if (bound > 0 && editDistanceWithin(t, l, bound)) return CONFIDENCE.namedFuzzy;
    }
    return 0;
  }

  // a control's name that holds the label plus a description ("Web & App Activity Saves your ...")
  // (only when a sentence break follows the label: "Web & App Activity. Saves your searches" is this
  // setting, "Web & App Activity for kids" another one)
  function nameContainsLabel(text, labelKeys) {
    const raw = tidy(text);
    const t = ` ${key(raw)} `;
    const label = labelKeys.find((l) => l.length >= 4 && t.startsWith(` ${l} `));
    if (!label) return false;
    for (let i = 1; i <= Math.min(raw.length, MAX_LABEL_CHARS); i++) {
      if (key(raw.slice(0, i)) !== label || /^[\p{L}\p{N}]/u.test(raw.slice(i))) continue;
      const rest = raw.slice(i);
      // ". Saves your searches" describes it; " (legacy setting)" or " for kids" names another one
      // a middle dot or bullet before a counter or badge ("Web & App Activity · 3 new") too
      return rest.trim() === "" || /^\s*[.:;,|\u2013\u2014\u00b7\u2022\u2219\u22c5]/.test(rest);
    }
    return false;
  }

  // words around a quoted setting name that keep the control's state the setting's own ("Save
  // “Timeline”", "Include “YouTube History”"); any other verb ("Pause “Timeline”") may invert it
  const KEEPING_WORDS = new Set(["save", "saving", "keep", "keeping", "include", "including", "use", "using",
    "show", "allow", "enable", "on", "your", "my", "the", "for", "setting"]);

  // a control's name that quotes the label in a short sentence with only keeping words around it
  function nameQuotesLabel(text, labelKeys) {
    const raw = tidy(text);
    if (raw.length > MAX_LABEL_CHARS) return false;
    const quoted = /[\u201c\u201e"\u00ab\u2039]([^\u201c\u201d\u201e"\u00ab\u00bb\u2039\u203a]{2,80})[\u201d"\u00bb\u203a]/gu;
    for (const m of raw.matchAll(quoted)) {
      if (!labelKeys.includes(key(m[1]))) continue;
      const around = key(raw.slice(0, m.index) + " " + raw.slice(m.index + m[0].length)).split(" ").filter(Boolean);
      return around.length <= 4 && around.every((w) => KEEPING_WORDS.has(w));
    }
    return false;
  }

  // The words that name a setting's values: the pack's raw control values, its vocabulary, its OCR
  // words and the value names themselves, by their key form.
  function wordsOf(setting) {
    const words = new Map();
    const add = (word, value) => {
      const k = key(word);
      if (k && value != null && !words.has(k)) words.set(k, String(value));
    };
    for (const [w, v] of Object.entries(setting.values || {})) add(w, v);
    for (const [w, v] of Object.entries(setting.vocabulary || {})) add(w, v);
    for (const [w, v] of Object.entries((setting.ocr && setting.ocr.words) || {})) add(w, v);
    for (const v of setting.value_space || []) add(String(v).replace(/_/g, " "), v);
    // a bare "Yes" / "No" beside an on/off setting ("Saved to your account: Yes") is its state, but
    // only as the whole text: "No data yet" says nothing about it
    words.exactOnly = new Map();
    const space = setting.value_space || [];
    if (space.includes("on") && space.includes("off") && !words.has("yes") && !words.has("no")) {
      words.exactOnly.set("yes", booleanValue("true", setting));
      words.exactOnly.set("no", booleanValue("false", setting));
    }
    return words;
  }

  // A text mapped to a value: the whole text is a word of the setting, or it holds exactly one such
  // word (the longest wins over words inside it: "Not allowed" over "Allowed") with at most
  // `extraWords` other words around it. Returns {value, exact} or null.
  function mapWords(text, words, extraWords, ignoreKeys) {
    const t = key(text);
    if (!t) return null;
    if (words.has(t)) return { value: words.get(t), exact: true };
    if (words.exactOnly && words.exactOnly.get(t) != null) return { value: words.exactOnly.get(t), exact: true };
    if (extraWords == null) return null;
    const spans = [];
    const padded = ` ${t} `;
    for (const [w, value] of words) {
      let from = 0;
      for (;;) {
        const at = padded.indexOf(` ${w} `, from);
        if (at < 0) break;
        spans.push({ start: at, end: at + w.length + 1, value, w });
        from = at + 1;
      }
    }
    const outer = spans.filter((s) => !spans.some((o) => o !== s && o.start <= s.start && o.end >= s.end &&
      o.end - o.start > s.end - s.start));
    const values = new Set(outer.map((s) => s.value));
    if (values.size !== 1) return null;
    let rest = padded;
    for (const s of outer) rest = rest.replace(` ${s.w} `, " ");
    for (const ignore of ignoreKeys || []) if (ignore) rest = ` ${rest} `.replace(` ${ignore} `, " ");
    const extra = rest.split(" ").filter(Boolean).length;
    return extra <= extraWords ? { value: outer[0].value, exact: false } : null;
  }

  function booleanValue(state, setting) {
    if (state !== "true" && state !== "false") return null;
    const values = setting.values || {};
    if (values[state] != null) return String(values[state]);
    const space = setting.value_space || [];
    if (space.includes("on") && space.includes("off")) return state === "true" ? "on" : "off";
    if (space.includes("yes") && space.includes("no")) return state === "true" ? "yes" : "no";
    return null;
  }

  // --- the composed tree -----------------------------------------------------------------------------

  const SKIP_TAGS = new Set(["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT", "HEAD", "META", "LINK", "SVG"]);

  // One walk over the composed tree: elements in order, with the parent each has in that tree (a
  // shadow root's children hang under its host, an iframe's document under the iframe) and enter /
  // exit numbers, so "does A contain B" is two comparisons.
  function composedTree(rootDoc) {
    const order = [];
    const parent = new Map();
    const enter = new Map();
    const exit = new Map();
    const stack = [{ el: rootDoc.documentElement, parent: null, done: false }];
    let tick = 0;
    while (stack.length) {
      const top = stack.pop();
      if (top.done) {
        exit.set(top.el, tick++);
        continue;
      }
      const el = top.el;
      if (!el || SKIP_TAGS.has(el.tagName)) continue;
      order.push(el);
      parent.set(el, top.parent);
      enter.set(el, tick++);
      stack.push({ el, done: true });
      const kids = [];
      if (el.shadowRoot) kids.push(...el.shadowRoot.children);
      // a slot's own children are fallback content, drawn only when nothing is slotted into it
      if (el.tagName !== "SLOT" || !el.assignedNodes().length) kids.push(...el.children);
      if (FRAME_TAGS.has(el.tagName)) {
        const doc = frameDocument(el);
        if (doc && doc.documentElement) kids.push(doc.documentElement);
      }
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ el: kids[i], parent: el, done: false });
    }
    const contains = (a, b) => enter.get(a) <= enter.get(b) && exit.get(b) <= exit.get(a);
    const inRange = (container) => {
      const from = order.indexOf(container);
      const out = [];
      if (from < 0) return out;
      for (let i = from; i < order.length && contains(container, order[i]); i++) out.push(order[i]);
      return out;
    };
    return { order, parent, contains, inRange };
  }

  function* ancestorsOf(tree, el) {
    for (let cur = tree.parent.get(el); cur; cur = tree.parent.get(cur)) yield cur;
  }

  // elements that show another document: iframes, frames, and <object>/<embed> of an HTML page
  const FRAME_TAGS = new Set(["IFRAME", "FRAME", "OBJECT", "EMBED"]);

  // the document a frame element shows, when it is of this origin (null otherwise)
  function frameDocument(el) {
    try {
      const doc = el.contentDocument || (typeof el.getSVGDocument === "function" ? el.getSVGDocument() : null);
      return doc || null; // null or a throw when cross-origin
    } catch (_) {
      return null; // another origin: not ours to read
    }
  }

  // --- what a person can see and operate -------------------------------------------------------------

  function openModal(tree) {
    for (const el of tree.order) {
      if ((el.tagName === "DIALOG" && el.open) || el.getAttribute("aria-modal") === "true") {
        if (visibleBox(el)) return el;
      }
    }
    return null;
  }

  function visibleBox(el) {
    if (typeof el.checkVisibility === "function") {
      if (!el.checkVisibility({ checkVisibilityCSS: true, visibilityProperty: true })) return false;
    } else if (el.getClientRects().length === 0) {
      return false;
    }
    const style = el.ownerDocument.defaultView.getComputedStyle(el);
    return style.visibility !== "hidden" && style.visibility !== "collapse";
  }

  function makeLiveness(tree) {
    const modal = openModal(tree);
    const hiddenCache = new Map();
    const disabledCache = new Map();

    // hidden: not rendered, visibility hidden, `hidden`, aria-hidden or inert (unless that is only the
    // backdrop of an open modal: the page beneath a cookie dialog is still there to read)
    // what a modal library hides while its dialog is open: the dialog's siblings and its ancestors'
    // siblings (not a copy hidden deep inside the page)
    function backdropOf(node) {
      if (!modal || tree.contains(node, modal)) return false;
      const parent = tree.parent.get(node);
      return !parent || tree.contains(parent, modal);
    }

    // a box squashed to nothing that takes what is inside with it: scaled to zero (transform:
    // scaleY(0), a collapse animation's end), or a zero-size wrapper that clips (an accordion
    // collapsed by CSS alone). A merely unstyled empty element has no size either, and is not hidden.
    const squashedCache = new Map();
    function squashed(node) {
      if (squashedCache.has(node)) return squashedCache.get(node);
      const r = node.getBoundingClientRect();
      let answer = r.width < 0.5 || r.height < 0.5;
      if (answer) {
        const style = node.ownerDocument.defaultView.getComputedStyle(node);
        answer = style.display !== "contents" && (style.transform !== "none" ||
          style.overflowX !== "visible" || style.overflowY !== "visible");
      }
      squashedCache.set(node, answer);
      return answer;
    }

    // aria-hidden left on the page's main landmark (or around it) when no dialog is open: a modal
    // library's leftover, the page is in plain view
    function leftoverHidden(node, ariaHidden, inert) {
      if (modal || inert || !ariaHidden) return false;
      if (node.tagName === "MAIN" || node.getAttribute("role") === "main") return true;
      return !!node.querySelector("main, [role=main]");
    }

    function hidden(el) {
      if (hiddenCache.has(el)) return hiddenCache.get(el);
      let answer = !visibleBox(el);
      if (!answer) {
        for (const node of [el, ...ancestorsOf(tree, el)]) {
          if (squashed(node)) {
            answer = true;
            break;
          }
          const ariaHidden = node.getAttribute("aria-hidden") === "true";
          const inert = node.hasAttribute("inert");
          if ((ariaHidden || inert) && !backdropOf(node) && !leftoverHidden(node, ariaHidden, inert)) {
            answer = true;
            break;
          }
          if (FRAME_TAGS.has(node.tagName) && !visibleBox(node)) {
            answer = true;
            break;
          }
        }
      }
      hiddenCache.set(el, answer);
      return answer;
    }

    // disabled: the control or a group around it says so (disabled, aria-disabled), or it is greyed
    // out to near-transparency
    function disabled(el) {
      if (disabledCache.has(el)) return disabledCache.get(el);
      let answer = false;
      try {
        answer = el.matches(":disabled");
      } catch (_) {
        answer = false;
      }
      let opacity = 1;
      for (const node of answer ? [] : [el, ...ancestorsOf(tree, el)]) {
        if (node.getAttribute("aria-disabled") === "true" || (node.tagName === "FIELDSET" && node.disabled)) {
          answer = true;
          break;
        }
        if (node !== el && !backdropOf(node)) {
          // a control styled away (opacity 0) behind the switch drawn for it is still the live
          // control: only the rows and sections around it can grey it out (not the page dimmed
          // behind an open modal)
          opacity *= Number(node.ownerDocument.defaultView.getComputedStyle(node).opacity || 1);
        }
      }
      if (!answer && opacity < GREYED_OPACITY) answer = true;
      // a switch or choice marked read-only (a preview of another account's settings) cannot be
      // operated either: a copy, like a disabled one
      if (!answer && el.getAttribute("aria-readonly") === "true" && (controlKind(el) || roleOf(el) === "radio")) answer = true;
      // a group whose every option is disabled cannot be operated either
      if (!answer && (roleOf(el) === "radiogroup" || roleOf(el) === "listbox" || el.tagName === "FIELDSET")) {
        const options = radiosOf(el).concat(Array.from(el.querySelectorAll("[role=option]")));
        if (options.length && options.every((o) => disabled(o))) answer = true;
      }
      disabledCache.set(el, answer);
      return answer;
    }

    // A native checkbox or radio is often drawn by its label instead (the input itself display:none,
    // clipped or transparent, `input:checked + label` draws the switch): it counts as shown when a
    // label of it is, and, when it merely has no box, when its parent is.
    function shown(el) {
      if (!hidden(el)) return true;
      if (el.tagName !== "INPUT" && el.tagName !== "SELECT") return false;
      if (labelsFor(el).some((l) => !hidden(l))) return true;
      if (visibleBox(el)) return false; // rendered, yet hidden by aria-hidden / inert around it
      const style = el.ownerDocument.defaultView.getComputedStyle(el);
      if (style.display === "none" || style.visibility === "hidden") return false;
      const parent = tree.parent.get(el);
      return parent ? !hidden(parent) : false;
    }

    // Out of a person's sight for good: placed off the page's top or left edge (where no scrolling
    // reaches), or under a clip that leaves nothing (clip-path: inset(50%), clip: rect(0 0 0 0)).
    // Only controls are held to this (screen-reader text is hidden that way on purpose); a native
    // input drawn by a label a person sees is seen through it.
    const clipCache = new Map();
    function clippedAway(node) {
      if (clipCache.has(node)) return clipCache.get(node);
      const style = node.ownerDocument.defaultView.getComputedStyle(node);
      const inset = /inset\(\s*(\d+(?:\.\d+)?)%/.exec(style.clipPath || "");
      const rectZero = /rect\(\s*0(px)?[ ,]+0(px)?[ ,]+0(px)?[ ,]+0(px)?\s*\)/.test(style.clip || "") &&
        (style.position === "absolute" || style.position === "fixed");
      const answer = (inset && Number(inset[1]) >= 50) || rectZero;
      clipCache.set(node, answer);
      return answer;
    }
    function unseenBox(el) {
      // where it would be with every scroller (the page's and inner ones) at its start
      const r = rect(el);
      let x = r.right;
      let y = r.bottom;
      for (const a of ancestorsOf(tree, el)) {
        x += a.scrollLeft || 0;
        y += a.scrollTop || 0;
      }
      if (x <= 0 || y <= 0) return true;
      return [el, ...ancestorsOf(tree, el)].some(clippedAway);
    }
    function unseen(el) {
      if (!unseenBox(el)) return false;
      if (el.tagName === "INPUT" || el.tagName === "SELECT") return !labelsFor(el).some((l) => !hidden(l) && !unseenBox(l));
      return true;
    }

    return { hidden: (el) => !shown(el), disabled, live: (el) => shown(el) && !disabled(el), unseen };
  }

  // --- roles and names ---------------------------------------------------------------------------

  function roleOf(el) {
    const explicit = (el.getAttribute("role") || "").trim().split(/\s+/)[0].toLowerCase();
    if (explicit && explicit !== "presentation" && explicit !== "none") return explicit;
    const tag = el.tagName;
    if (tag === "INPUT") {
      const type = (el.getAttribute("type") || "text").toLowerCase();
      if (type === "checkbox") return "checkbox";
      if (type === "radio") return "radio";
      if (type === "hidden") return "";
      if (type === "range") return "slider";
      return "textbox";
    }
    if (tag === "SELECT") return el.multiple || el.size > 1 ? "listbox" : "combobox";
    if (tag === "BUTTON") return "button";
    if (tag === "FIELDSET") return "group";
    if (tag === "OPTION") return "option";
    return "";
  }

  function textOf(el) {
    if (!el) return "";
    return tidy(slottedText(el)) || generatedText(el) || imageWords(el);
  }

  // the words of an element drawn only by images: their alt text (or an img role's label), as a
  // screen reader names a radio whose label is a picture
  function imageWords(el) {
    if (el.nodeType !== 1) return "";
    const images = el.matches("img[alt], [role=img][aria-label]") ? [el]
      : Array.from(el.querySelectorAll("img[alt], [role=img][aria-label]")).slice(0, 3);
    return tidy(images.map((i) => i.getAttribute("alt") || i.getAttribute("aria-label")).join(" "));
  }

  // an element's text as drawn: a <slot> shows what is slotted into it, its own children (fallback
  // text) only when nothing is
  function slottedText(el) {
    if (el.nodeType !== 1 || (el.tagName !== "SLOT" && !el.getElementsByTagName("slot").length)) return el.textContent || "";
    const parts = [];
    const walk = (n) => {
      if (n.nodeType === 3) parts.push(n.data);
      if (n.nodeType !== 1) return;
      const assigned = n.tagName === "SLOT" ? n.assignedNodes({ flatten: true }) : [];
      for (const c of assigned.length ? assigned : n.childNodes) walk(c);
    };
    walk(el);
    return parts.join("");
  }

  // the words CSS draws into an empty element (::before / ::after `content`, attr() resolved by
  // the browser): a label or a status word can exist only there
  function generatedText(el) {
    if (el.nodeType !== 1 || el.firstElementChild || tidy(el.textContent)) return "";
    // an empty custom element that renders its words in its own shadow root (<i18n-text key=...>)
    if (el.shadowRoot) {
      const shown = tidy(Array.from(el.shadowRoot.childNodes)
        .filter((n) => !(n.nodeType === 1 && SKIP_TAGS.has(n.tagName))).map((n) => n.textContent).join(" "));
      if (shown) return shown;
    }
    const view = el.ownerDocument.defaultView;
    const parts = [];
    for (const pseudo of ["::before", "::after"]) {
      const content = view.getComputedStyle(el, pseudo).content || "";
      for (const m of content.matchAll(/"((?:[^"\\]|\\.)*)"/g)) {
        parts.push(m[1].replace(/\\([0-9a-fA-F]{1,6})\s?/g, (_, h) => String.fromCodePoint(parseInt(h, 16))).replace(/\\(.)/g, "$1"));
      }
    }
    return tidy(parts.join(" "));
  }

  // an element's text with each <abbr title> spelled out ("Loc. activity" with title "Location
  // activity"), or "" when it holds no abbreviation: a label may be matched in either form (a title
  // can also be a mere description: "<abbr title='electronic mail'>email</abbr>")
  function expandedText(el) {
    if (el.tagName !== "ABBR" && !el.getElementsByTagName("abbr").length) return "";
    const parts = [];
    const walk = (n) => {
      if (n.nodeType === 3) parts.push(n.data);
      else if (n.nodeType === 1 && n.tagName === "ABBR" && tidy(n.getAttribute("title"))) parts.push(` ${n.getAttribute("title")} `);
      else if (n.nodeType === 1) for (const c of n.childNodes) walk(c);
    };
    walk(el);
    return parts.join("");
  }

  function rootOf(el) {
    return el.getRootNode ? el.getRootNode() : el.ownerDocument;
  }

  function byIdIn(el, id) {
    const root = rootOf(el);
    return (root.getElementById ? root.getElementById(id) : null) || el.ownerDocument.getElementById(id);
  }

  function textByIds(el, ids) {
    return ids
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => byIdIn(el, id))
      .filter(Boolean)
      .map(textOf)
      .join(" ");
  }

  function labelsFor(el) {
    if (el.labels && el.labels.length) return Array.from(el.labels);
    if (!el.id) return [];
    try {
      return Array.from(rootOf(el).querySelectorAll(`label[for="${CSS.escape(el.id)}"]`));
    } catch (_) {
      return [];
    }
  }

  const LABELABLE = new Set(["INPUT", "SELECT", "TEXTAREA", "BUTTON", "METER", "OUTPUT", "PROGRESS"]);

  // the accessible name, by the order of accname: labelledby, aria-label, <label>, legend, content, title
  function accessibleName(el) {
    const labelledby = el.getAttribute("aria-labelledby");
    if (labelledby) {
      const name = textByIds(el, labelledby);
      if (name) return name;
    }
    const ariaLabel = el.getAttribute("aria-label");
    if (ariaLabel && ariaLabel.trim()) return tidy(ariaLabel);
    if (LABELABLE.has(el.tagName)) {
      const labels = labelsFor(el).map(textOf).filter(Boolean);
      if (labels.length) return labels.join(" ");
    }
    if (el.tagName === "FIELDSET") {
      const legend = Array.from(el.children).find((c) => c.tagName === "LEGEND");
      if (legend) return textOf(legend);
    }
    const role = roleOf(el);
    if (["switch", "checkbox", "radio", "button", "option", "menuitemradio", "menuitemcheckbox", "tab"].includes(role)) {
      const own = textOf(el);
      if (own) return own;
    }
    // a field with nothing else naming it is named by its placeholder, as the accessible name rules say
    if ((el.tagName === "INPUT" || el.tagName === "TEXTAREA") && tidy(el.getAttribute("placeholder"))) {
      return tidy(el.getAttribute("placeholder"));
    }
    // a combobox wrapper (ARIA 1.1, Salesforce Lightning) named through the text field inside it
    const field = role === "combobox" && el.tagName !== "INPUT" ? comboboxField(el) : null;
    if (field) {
      const name = accessibleName(field);
      if (name) return name;
    }
    return tidy(el.getAttribute("title") || "");
  }

  // the one text field inside a combobox wrapper, which holds the chosen value
  function comboboxField(el) {
    const fields = el.querySelectorAll("input:not([type=hidden]):not([type=checkbox]):not([type=radio])");
    return fields.length === 1 ? fields[0] : null;
  }

  // --- controls ------------------------------------------------------------------------------------

  const BINARY_ROLES = new Set(["switch", "checkbox", "menuitemcheckbox"]);

  // What kind of settings control an element is, if any: binary (switch, checkbox, toggle button),
  // choice (radio group, fieldset of radios, select, combobox, listbox) or radio (one option).
  function controlKind(el) {
    const role = roleOf(el);
    if (BINARY_ROLES.has(role)) return "binary";
    if (role === "button" && el.hasAttribute("aria-pressed")) return "binary";
    if (role === "radiogroup") return "choice";
    // a tab list named by a setting's label whose tabs are its values (On / Off) is a segmented choice
    if (role === "tablist" && el.hasAttribute("aria-labelledby") && el.querySelectorAll("[role=tab]").length <= 4) return "choice";
    if (role === "combobox" || role === "listbox") return "choice";
    // a slider over named steps says its value in words ("18 months")
    if (role === "slider" && tidy(el.getAttribute("aria-valuetext"))) return "choice";
    if (role === "radio" || role === "menuitemradio") return "radio";
    if (segmentChoice(el)) return "choice";
    if (role === "group" || el.tagName === "FIELDSET") return isOneRadioGroup(el) ? "choice" : "";
    return "";
  }

  // A row of buttons that are one choice's values (a segmented control) -> [the chosen button], or
  // null. The chosen one is marked by aria-current (Primer), or, among three or more, only by being
  // drawn unlike all the others, which look alike (Vuetify 2's v-btn--active: filled, the rest
  // outlined). Only a named element or a group or list holds one; toggle buttons (aria-pressed) and
  // menu buttons are read on their own.
  function segmentChoice(el) {
    const role = roleOf(el);
    if (!el.hasAttribute("aria-label") && !el.hasAttribute("aria-labelledby") && !["group", "list", "toolbar"].includes(role)) {
      return null;
    }
    if (BINARY_ROLES.has(role) || ["button", "radiogroup", "combobox", "listbox", "tablist"].includes(role) || ACTIONS.has(el.tagName)) {
      return null;
    }
    const buttons = Array.from(el.querySelectorAll("button, [role=button]"));
    if (buttons.length < 2 || buttons.length > 8) return null;
    if (el.querySelector("input:not([type=hidden]), select, textarea, [role=switch], [role=checkbox], [role=radio], [role=combobox], [role=option]")) {
      return null;
    }
    for (const b of buttons) {
      const words = key(textOf(b)).split(" ").filter(Boolean);
      if (!words.length || words.length > 4 || b.hasAttribute("aria-pressed") || b.hasAttribute("aria-haspopup") ||
        b.hasAttribute("aria-expanded")) return null;
    }
    // nothing but the buttons: a section with a status line and Save / Cancel / Reset is no choice
    const rest = el.cloneNode(true);
    rest.querySelectorAll("button, [role=button]").forEach((b) => b.remove());
    if (key(rest.textContent)) return null;
    const current = buttons.filter((b) => b.hasAttribute("aria-current") && b.getAttribute("aria-current") !== "false");
    if (current.length) return current.length === 1 ? current : null;
    if (buttons.length < 3) return null;
    const look = (b) => {
      const cs = b.ownerDocument.defaultView.getComputedStyle(b);
      return [cs.backgroundColor, cs.color, cs.fontWeight, cs.borderTopColor, cs.textDecorationLine].join("|");
    };
    const looks = buttons.map(look);
    const counts = new Map();
    for (const l of looks) counts.set(l, (counts.get(l) || 0) + 1);
    if (counts.size !== 2) return null;
    const odd = buttons.filter((_, i) => counts.get(looks[i]) === 1);
    return odd.length === 1 ? odd : null;
  }

  // a fieldset or group is one choice when its radios form one group (one name, no inner groups and
  // no other controls); a group around a whole section of settings is not
  function isOneRadioGroup(el) {
    const radios = radiosOf(el);
    if (!radios.length) return false;
    if (el.querySelector("fieldset, [role=radiogroup], [role=group], [role=switch], [role=checkbox], input[type=checkbox], select")) {
      return false;
    }
    const names = new Set(radios.filter((r) => r.tagName === "INPUT").map((r) => r.name || ""));
    return names.size <= 1;
  }

  function checkedState(el) {
    if (el.tagName === "INPUT" && (el.type === "checkbox" || el.type === "radio")) {
      return el.indeterminate ? "mixed" : el.checked ? "true" : "false";
    }
    const pressed = roleOf(el) === "button" ? el.getAttribute("aria-pressed") : null;
    const aria = pressed || el.getAttribute("aria-checked");
    if (aria === "true" || aria === "false" || aria === "mixed") return aria;
    // a control that keeps its state on a part inside it (the knob, the dot, a hidden input)
    const inner = el.querySelector("[aria-checked], input[type=checkbox], input[type=radio]");
    return inner && inner !== el ? checkedState(inner) : null;
  }

  function isChosen(el) {
    if (el.tagName === "INPUT") return el.checked;
    if (el.tagName === "OPTION") return el.selected;
    if (el.hasAttribute("aria-checked") || el.hasAttribute("aria-selected")) {
      return el.getAttribute("aria-checked") === "true" || el.getAttribute("aria-selected") === "true";
    }
    return checkedState(el) === "true"; // the state on a part inside the option
  }

  // a group's options, also those each option's custom element keeps in its own open shadow root
  function radiosOf(group) {
    const selector = "input[type=radio], [role=radio], [role=menuitemradio]";
    const found = Array.from(group.querySelectorAll(selector));
    const hosts = [group, ...group.querySelectorAll("*")].filter((h) => h.shadowRoot);
    for (const host of hosts) {
      for (const inner of host.shadowRoot.querySelectorAll(selector)) {
        // the host itself may be the option (role=radio): its inner input is its own part
        if (!found.includes(host)) found.push(inner);
      }
    }
    return found;
  }

  // the words of one option: its accessible name, or for a bare radio the text right beside it (a
  // person reads "( ) Turned off" as one option)
  function optionText(el) {
    const name = accessibleName(el);
    if (name) return name;
    const beside = besideText(el);
    if (beside) return tidy(beside.textContent);
    // a radio alone in a custom element's shadow root (<md-radio>): the words around that element
    const host = rootOf(el).host;
    if (!host || radiosOf(host).length !== 1) return "";
    const wrap = host.closest("label");
    return wrap ? textOf(wrap) : optionText(host);
  }

  // the node that holds a bare radio's words: the next text beside it, or its parent when that
  // holds this radio alone, or the text before it
  function besideText(el) {
    const words = (n) => (n.nodeType === 1 && SKIP_TAGS.has(n.tagName) ? "" : tidy(n.textContent));
    for (let n = el.nextSibling; n; n = n.nextSibling) {
      if (n.nodeType === 1 && n.matches("input, [role=radio]")) break;
      if (words(n)) return n;
    }
    const parent = el.parentElement;
    if (parent && radiosOf(parent).length === 1) return parent;
    for (let n = el.previousSibling; n; n = n.previousSibling) {
      if (n.nodeType === 1 && n.matches("input, [role=radio]")) break;
      if (words(n)) return n;
    }
    return null;
  }

  // The option a choice control shows as chosen, as the words a person reads. Returns {texts:[...]}
  // with one text, or none when nothing is chosen, or several when more than one claims to be.
  function chosenTexts(el) {
    const role = roleOf(el);
    if (el.tagName === "SELECT") {
      // a customizable select (appearance: base-select) shows its choice in <selectedcontent>, as
      // drawn there (an option's description may be hidden in it)
      const drawn = el.querySelector("selectedcontent");
      const shown = drawn ? shownWords(drawn) : "";
      if (shown) return [shown];
      const options = Array.from(el.selectedOptions || []);
      return options.map((o) => tidy(o.label || o.textContent));
    }
    if (role === "combobox") {
      if (el.tagName === "INPUT") return [tidy(el.value)];
      const field = comboboxField(el);
      if (field && tidy(field.value)) return [tidy(field.value)];
      const valueText = el.getAttribute("aria-valuetext");
      if (valueText) return [tidy(valueText)];
      // the shown value: the combobox's own text, without a popup list it may hold
      const clone = el.cloneNode(true);
      clone.querySelectorAll("[role=listbox], [role=option], [hidden], [aria-hidden=true]").forEach((n) => n.remove());
      const own = tidy(clone.textContent);
      if (own) return [own];
      const active = el.getAttribute("aria-activedescendant");
      const option = active ? byIdIn(el, active) : null;
      return option ? [accessibleName(option)] : [];
    }
    if (role === "tablist") return Array.from(el.querySelectorAll("[role=tab][aria-selected=true]")).map(accessibleName);
    if (role === "slider") return [tidy(el.getAttribute("aria-valuetext"))];
    if (role === "listbox") {
      const options = Array.from(el.querySelectorAll("[role=option], option"));
      const chosen = options.filter(isChosen);
      // a single-select list whose selection follows focus marks only its active option
      const active = !chosen.length && !el.hasAttribute("aria-multiselectable") && el.getAttribute("aria-activedescendant");
      const option = active ? byIdIn(el, active) : null;
      if (option && options.includes(option) && !option.hasAttribute("aria-selected")) return [accessibleName(option)];
      return chosen.map(accessibleName);
    }
    const segment = segmentChoice(el);
    if (segment) return segment.map((b) => tidy(textOf(b)));
    // a form mirror of the options (aria-hidden inputs beside role=radio buttons) is not another choice
    const radios = radiosOf(el);
    const shownRadios = radios.filter((r) => !r.closest("[aria-hidden=true]"));
    return (shownRadios.length ? shownRadios : radios).filter(isChosen).map(optionText);
  }

  // the words of an element a person sees: text in rendered, not aria-hidden elements, one space
  // between elements (an icon, a word and a description in spans are not run together)
  function shownWords(el) {
    const parts = [];
    const walk = (n) => {
      if (n.nodeType === 3) parts.push(n.data);
      if (n.nodeType !== 1 || n.getAttribute("aria-hidden") === "true" || SKIP_TAGS.has(n.tagName)) return;
      if (n !== el && typeof n.checkVisibility === "function" && !n.checkVisibility({ checkVisibilityCSS: true })) return;
      for (const c of n.childNodes) walk(c);
      parts.push(" ");
    };
    walk(el);
    return tidy(parts.join(""));
  }

  // --- the page model: labels, controls, status texts ------------------------------------------------

  function labelKeysOf(setting) {
    return (setting.labels || []).map(key).filter(Boolean);
  }

  // where a setting's label is a link, a help text or a search suggestion, never the setting itself
  const NAV_CONTAINERS = "nav, [role=navigation], footer, [role=contentinfo], [role=menu], " +
    "[role=tablist], search, [role=search]";
  // a sidebar beside the page's content (help, tips) is no setting's place; one inside the main
  // content (a summary card kept in view) is read like the rest of it, except its links ("Recently
  // viewed: YouTube History"), which lead to a setting rather than show it
  const SIDEBARS = "aside, [role=complementary]";
  const MAIN = "main, [role=main]";

  function offPlace(tree, el) {
    let side = false;
    let link = false;
    for (const n of [el, ...ancestorsOf(tree, el)]) {
      if (!n.matches) continue;
      if (n.matches(NAV_CONTAINERS)) return true;
      if (!side && n.matches("a[href]")) link = true;
      if (n.matches(SIDEBARS)) side = true;
      else if (side && n.matches(MAIN)) return link;
    }
    return side;
  }
  const ACTIONS = new Set(["BUTTON", "A", "SUMMARY"]);

  // the element itself or its nearest ancestor (in the composed tree) that matches
  function closestOf(tree, el, predicate) {
    if (predicate(el)) return el;
    for (const a of ancestorsOf(tree, el)) if (predicate(a)) return a;
    return null;
  }

  function inside(tree, el, predicate) {
    if (predicate(el)) return true;
    for (const a of ancestorsOf(tree, el)) if (predicate(a)) return true;
    return false;
  }

  // The elements that hold a label as their whole text (or as their own text beside child elements),
  // for every setting at once, skipping mentions inside a sentence or a navigation list.
  // Returns Map(setting key -> [{el, score}]).
  function labelIndex(tree, live, settings, labelKeys) {
    const hits = new Map(settings.map((s) => [s.key, []]));
    const remarked = new Map(settings.map((s) => [s.key, []]));
    const wholeKeys = new Map();
    const wholeKey = (el) => {
      if (!wholeKeys.has(el)) {
        const text = el.textContent || "";
        wholeKeys.set(el, text.length > MAX_LABEL_CHARS * 4 ? "" : key(text) || key(generatedText(el)));
      }
      return wholeKeys.get(el);
    };
    const expandedKeys = new Map();
    const wholeScore = (el, keys) => {
      if (!expandedKeys.has(el)) expandedKeys.set(el, wholeKey(el) ? key(expandedText(el)) : "");
      return labelScore(wholeKey(el), keys) || labelScore(expandedKeys.get(el), keys);
    };
    for (const el of tree.order) {
      const whole = wholeKey(el);
      if (!whole) continue;
      let ownKey = null;
      let sentence;
      let pairs;
      for (const s of settings) {
        const keys = labelKeys.get(s.key);
        let score = whole.length <= MAX_LABEL_CHARS ? wholeScore(el, keys) : 0;
        let own = false;
        if (!score && el.children.length) {
          if (ownKey == null) {
            ownKey = key(Array.from(el.childNodes).filter((n) => n.nodeType === 3).map((n) => n.data).join(" "));
          }
          score = labelScore(ownKey, keys);
          own = score > 0;
        }
        let answer = null;
        if (!score) {
          // a setting written as a sentence: "Who can see your future posts? <b>Friends</b>." or
          // "... posts? Friends. Friends of friends can ..." (the question, then its answer)
          if (sentence === undefined) sentence = leadingQuestion(el);
          score = sentence ? labelScore(sentence.question, keys) : 0;
          own = score > 0;
          answer = score ? sentence : null;
        }
        if (!score) {
          // one status line of several settings: "Web & App Activity: On · Timeline: Off"
          if (pairs === undefined) pairs = statusPairs(el);
          const pair = pairs.find((p) => labelScore(p.question, keys) > 0);
          score = pair ? labelScore(pair.question, keys) : 0;
          own = score > 0;
          answer = pair || null;
        }
        if (!score && whole.length <= MAX_LABEL_CHARS && /\)\s*$/.test(el.textContent)) {
          // "Timeline (formerly Location History)", "Search history (1,204 items)": the label with a
          // remark in parentheses, used only when the page shows no plain label for the setting
          const bare = key(tidy(el.textContent).replace(/\s*\([^()]*\)\s*$/, ""));
          if (bare && labelScore(bare, keys) && !Array.from(el.children).some((c) => wholeScore(c, keys) > 0) &&
            !live.hidden(el) && !offPlace(tree, el) && !isMention(el)) {
            remarked.get(s.key).push({ el, score: labelScore(bare, keys), answer: null });
          }
        }
        if (!score) continue;
        // the innermost element holding the label
        if (!own && Array.from(el.children).some((c) => wholeScore(c, keys) > 0)) continue;
        if (live.hidden(el)) continue;
        if (offPlace(tree, el)) continue;
        if (isMention(el)) continue;
        hits.get(s.key).push({ el, score, answer });
      }
    }
    for (const [k, found] of remarked) if (!hits.get(k).length) hits.set(k, found);
    return hits;
  }

  // The question an element opens with, when its first words end in "?" or ":" (before any child
  // element), and the answer written right after it in the same text, up to the end of its sentence
  // ("Who can see your future posts? Friends. Until May ..." -> "Friends"; null when an element
  // follows the question instead: that element is read as the row's status).
  function leadingQuestion(el) {
    let lead = "";
    for (const n of el.childNodes) {
      if (n.nodeType === 1) break;
      if (n.nodeType === 3) lead += n.data;
    }
    // the question ends at "?", ":" or a spaced dash ("Location activity — On")
    const m = /^\s*([^?:\u2013\u2014]{2,200}?)\s*([?:]|\s[\u2013\u2014])\s*(.*)$/su.exec(lead);
    if (!m) return null;
    const rest = m[3].trim();
    const answer = /^([^.!?;]{1,60})(?:[.!?;]|$)/u.exec(rest);
    return { question: m[1] + m[2].trim(), answer: answer && rest ? tidy(answer[1]) : null };
  }

  // "Label: value" pairs written in one line of text between middle dots, bullets or bars
  // ("Web & App Activity: On · Timeline: On · YouTube History: Off"); [] unless every part is a pair
  function statusPairs(el) {
    if (el.children.length) return [];
    const text = tidy(el.textContent);
    if (text.length > MAX_LABEL_CHARS * 2) return [];
    const parts = text.split(/\s+[\u00b7\u2022|]\s+/u);
    if (parts.length < 2) return [];
    const pairs = [];
    for (const part of parts) {
      const m = /^([^:]{2,100}):\s*([^:]{1,40})$/u.exec(part);
      if (!m) return [];
      pairs.push({ question: `${m[1]}:`, answer: tidy(m[2]) });
    }
    return pairs;
  }

  // a label inside running text ("Learn more about <a>Web & App Activity</a> in ...") is a mention:
  // its parent holds words of its own around it
  function isMention(el) {
    const parent = el.parentElement;
    if (!parent) return false;
    const around = Array.from(parent.childNodes).filter((n) => n.nodeType === 3).map((n) => n.data).join(" ");
    return key(around).split(" ").filter(Boolean).length > 2;
  }

  function collectControls(tree) {
    const controls = [];
    for (const el of tree.order) {
      const kind = controlKind(el);
      if (kind) controls.push({ el, kind });
    }
    // a radio outside any group counts as a choice of its own name's radios (grouped later)
    return controls;
  }

  function groupOf(tree, radio) {
    for (const a of ancestorsOf(tree, radio)) {
      const role = roleOf(a);
      if (role === "radiogroup" || (a.tagName === "FIELDSET" && controlKind(a) === "choice")) return a;
      if (role === "group" && controlKind(a) === "choice") return a;
    }
    return null;
  }

  // --- reading one candidate ---------------------------------------------------------------------

  function readBinary(el, setting, words) {
    const state = checkedState(el);
    // one option of a segmented control (toggle buttons or checkboxes named "Yes", "No", "Friends"):
    // the pressed one names the value, the others say nothing
    if (el.hasAttribute("aria-pressed") || roleOf(el) === "checkbox") {
      const option = mapWords(accessibleName(el), words, null);
      if (option && !["true", "false"].includes(key(accessibleName(el)))) {
        return { raw: `${accessibleName(el)}: ${state}`, value: state === "true" ? option.value : null };
      }
    }
    // partly on (mixed, indeterminate): no value a person could name, whatever the row says
    if (state === "mixed") return { raw: state, value: null, conflict: true };
    const value = booleanValue(state, setting);
    // a switch that shows a state word ("On") the ARIA state contradicts: a person and a screen
    // reader would disagree, so nobody can tell
    const drawn = mapWords(textOf(el), words, null);
    if (value != null && drawn && drawn.value !== value) {
      return { raw: `${state} | ${textOf(el)}`, value: null, conflict: true };
    }
    // a name that still says the old state ("Location activity: On" on a switch turned off): the
    // screen reader and the state disagree, so nobody can tell
    const told = nameTailValue(el.getAttribute("aria-label"), setting, words);
    if (value != null && told != null && told !== value) {
      return { raw: `${state} | ${el.getAttribute("aria-label")}`, value: null, conflict: true };
    }
    if (value != null) return { raw: state, value };
    // a toggle button whose text says the state ("On", "Paused")
    const mapped = mapWords(textOf(el), words, null);
    return { raw: state, value: mapped ? mapped.value : null };
  }

  // the value word a name ends with after the setting's label ("Location activity: On", "Who can see
  // your future posts? Public"), or null
  function nameTailValue(name, setting, words) {
    const k = key(name);
    if (!k) return null;
    for (const label of setting.labels || []) {
      const kl = key(label);
      if (!kl || !k.startsWith(`${kl} `)) continue;
      const mapped = mapWords(k.slice(kl.length + 1), words, null);
      if (mapped) return mapped.value;
    }
    return null;
  }

  function readChoice(texts, words) {
    const cleaned = Array.from(new Set(texts.map(tidy).filter(Boolean)));
    if (cleaned.length !== 1) return { raw: cleaned.join(" | ") || null, value: null, conflict: cleaned.length > 1 };
    const mapped = mapWords(cleaned[0], words, null) || mapWords(cleaned[0], words, 2) || leadingAnswer(cleaned[0], words);
    return { raw: cleaned[0], value: mapped ? mapped.value : null };
  }

  // an option that answers first and explains after a break: "No, make my ads less personalized"
  function leadingAnswer(text, words) {
    const m = /^([^,.:;\u2013\u2014(]{1,40})\s*[,.:;\u2013\u2014(]/u.exec(text);
    return m ? mapWords(m[1], words, null) : null;
  }

  function readCandidate(candidate, setting, words) {
    const { el, kind } = candidate;
    if (kind === "binary") return readBinary(el, setting, words);
    if (kind === "choice") return readChoice(chosenTexts(el), words);
    if (kind === "radios") return readChoice(candidate.radios.filter(isChosen).map(optionText), words);
    if (kind === "status") return { raw: candidate.text, value: candidate.value, conflict: candidate.conflict };
    if (kind === "hint") return readHint(el, setting, words);
    return { raw: null, value: null };
  }

  // the pack's CSS hint, read the way the pack says (attribute, text, checked, selected)
  function readHint(el, setting, words) {
    let raw = null;
    if (setting.read === "attribute" && setting.attribute) raw = el.getAttribute(setting.attribute);
    else if (setting.read === "checked" || setting.read === "pressed") raw = checkedState(el);
    else if (setting.read === "selected") raw = chosenTexts(el)[0] || null;
    else raw = textOf(el);
    if (raw == null) return { raw: null, value: null };
    const bool = booleanValue(raw, setting);
    if (bool != null) return { raw, value: bool };
    const mapped = mapWords(raw, words, null);
    return { raw, value: mapped ? mapped.value : null };
  }

  // --- binding a label to its row's control or status ---------------------------------------------

  function rect(el) {
    const r = el.getBoundingClientRect();
    // elements inside an iframe: offset by the iframe's own position
    let x = r.left;
    let y = r.top;
    let win = el.ownerDocument.defaultView;
    while (win && win.frameElement) {
      const fr = win.frameElement.getBoundingClientRect();
      x += fr.left;
      y += fr.top;
      win = win.parent;
    }
    return { left: x, top: y, right: x + r.width, bottom: y + r.height, width: r.width, height: r.height };
  }

  // how far a candidate sits from its label as a person scans a row: same line first, then below
  function visualDistance(labelEl, el) {
    const a = rect(labelEl);
    const b = rect(el);
    if (!b.width && !b.height) return 1e6;
    const acy = (a.top + a.bottom) / 2;
    const bcy = (b.top + b.bottom) / 2;
    const sameLine = Math.abs(acy - bcy) <= Math.max(a.height, b.height) / 2 + 8;
    const dx = b.left >= a.right ? b.left - a.right : a.left >= b.right ? a.left - b.right : 0;
    if (sameLine) return dx;
    if (b.top >= a.bottom - 4) return 1000 + (b.top - a.bottom) + dx / 10;
    return 5000 + (a.top - b.bottom) + dx / 10;
  }

  function makePage(pack, pageKey) {
    const tree = composedTree(document);
    const live = makeLiveness(tree);
    const allSettings = pack.settings || [];
    const settings = allSettings.filter((s) => pageKey == null || s.page === pageKey);
    const labelKeys = new Map(allSettings.map((s) => [s.key, labelKeysOf(s)]));
    const labels = labelIndex(tree, live, allSettings, labelKeys);
    // every label element on the page, of any setting of the pack: a row holds one of them
    const allLabelEls = new Set();
    for (const found of labels.values()) for (const hit of found) allLabelEls.add(hit.el);
    const controls = collectControls(tree);
    const names = new Map();
    const nameOf = (el) => {
      if (!names.has(el)) names.set(el, accessibleName(el));
      return names.get(el);
    };
    return { tree, live, settings, allSettings, labelKeys, labels, allLabelEls, controls, nameOf };
  }

  // A control named only by its aria-label, sitting in a row whose visible label is another
  // setting's (a copy-paste slip): screen and name disagree, so the name does not bind it.
  function shownAsOther(model, el, settingKey) {
    // a name from text around the control (a wrapping <label>, its own content) is its row's by construction
    const named = el.hasAttribute("aria-labelledby") || el.hasAttribute("aria-label") ||
      (LABELABLE.has(el.tagName) && labelsFor(el).some((l) => !model.tree.contains(l, el)));
    if (!named) return false;
    let depth = 0;
    for (const container of ancestorsOf(model.tree, el)) {
      if (++depth > MAX_CLIMB || container.tagName === "BODY") return false;
      const owners = new Set();
      let labelled = false;
      for (const [k, hits] of model.labels) {
        for (const hit of hits) {
          if (!model.tree.contains(container, hit.el) || model.tree.contains(el, hit.el)) continue;
          labelled = true;
          if (visualDistance(hit.el, el) < 1000) owners.add(k); // on the control's line: its row's label
        }
      }
      if (labelled) return owners.size > 0 && !owners.has(settingKey);
    }
    return false;
  }

  // whose label a control's own name is (a control named for another setting is not ours to take)
  function namedFor(model, el) {
    const name = model.nameOf(el);
    if (!name) return null;
    for (const s of model.allSettings) {
      if (labelScore(name, model.labelKeys.get(s.key)) > 0) return s.key;
    }
    return null;
  }

  // Status texts in a region: short texts that are a word of the setting (or hold one, with at most
  // one other word), outside any control, action, heading or option label.
  // the words an element shows itself: its own text nodes, or an icon's name (role=img, <img alt>,
  // an <svg> with aria-label or <title>: a "paused" icon is a status too)
  function ownText(el) {
    // a read-only text field shows its value as a person reads a word (a legacy form's "Only me")
    if (el.tagName === "INPUT" && el.readOnly && ["text", "search", ""].includes(el.type)) return el.value || "";
    // an icon (an icon font's ligature "check_circle" inside) is named by its label, not its glyph's name
    if (roleOf(el) === "img" && tidy(el.getAttribute("aria-label"))) return el.getAttribute("aria-label");
    const text = Array.from(el.childNodes).filter((n) => n.nodeType === 3).map((n) => n.data).join(" ");
    if (key(text) || GLYPH_STATES.has(tidy(text).replace(/\ufe0f/g, ""))) return text;
    const drawn = generatedText(el);
    if (drawn) return drawn;
    const tag = el.tagName.toLowerCase();
    if (roleOf(el) === "img" || tag === "img" || tag === "svg") {
      const title = tag === "svg" ? Array.from(el.children).find((c) => c.tagName.toLowerCase() === "title") : null;
      return el.getAttribute("aria-label") || el.getAttribute("alt") || (title ? title.textContent : "") || "";
    }
    // an empty status mark (a coloured dot, a knob) whose words are only in its tooltip, its
    // description or its role description ("toggle, off")
    const roleWords = /,\s*([^,]{1,30})$/u.exec(el.getAttribute("aria-roledescription") || "");
    if (!tidy(el.textContent) && roleWords) return roleWords[1];
    if (!el.firstElementChild && !tidy(el.textContent)) {
      return el.getAttribute("title") || el.getAttribute("aria-description") || "";
    }
    // a row that says its state only in its description, for a screen reader (a check icon beside)
    return el.getAttribute("aria-description") || "";
  }

  // words beside a label that say its control holds an edit not yet saved
  const UNSAVED = /\b(unsaved|not saved|draft)\b/;
  const markedUnsaved = (text) => UNSAVED.test(key(text));

  function namesOtherSetting(model, text, settingKey) {
    const words = ` ${key(text)} `;
    for (const [k, keys] of model.labelKeys) {
      if (k !== settingKey && keys.some((l) => l.length >= 4 && words.includes(` ${l} `))) return true;
    }
    return false;
  }

  // a check mark or a cross written alone: the state of a yes/no setting
  const GLYPH_STATES = new Map([["\u2713", "true"], ["\u2714", "true"], ["\u2611", "true"], ["\u2705", "true"],
    ["\u2717", "false"], ["\u2718", "false"], ["\u2715", "false"], ["\u2716", "false"], ["\u274c", "false"],
    ["\u2610", "false"]]);

  function statusTexts(model, region, labelEl, setting, words, optionLabelEls) {
    const { tree, live } = model;
    const found = [];
    const ignore = model.labelKeys.get(setting.key);
    for (const el of region) {
      if (model.allLabelEls.has(el) && el !== labelEl) continue;
      const own = ownText(el);
      const glyph = GLYPH_STATES.get(tidy(own).replace(/\ufe0f/g, ""));
      if (!key(own) && !glyph) continue;
      if (el === labelEl) continue; // the label's own words are not its value
      if (tree.contains(labelEl, el) && model.allLabelEls.has(labelEl) && labelScore(own, ignore) > 0) continue;
      if (/^H[1-6]$/.test(el.tagName) || roleOf(el) === "heading") continue;
      if (optionLabelEls.has(el)) continue;
      // words on a button or link are actions ("Turn off"), unless the link is the whole row, label
      // included (a card that links to the setting's page and shows its state)
      const action = (n) => (ACTIONS.has(n.tagName) || roleOf(n) === "button" || roleOf(n) === "link") &&
        !tree.contains(n, labelEl);
      const onAction = inside(tree, el, action);
      if (inside(tree, el, (n) => controlKind(n) !== "" || roleOf(n) === "option" ||
        (n.tagName === "LABEL" && n.control))) continue;
      if (live.hidden(el)) continue;
      // a status line that names another setting ("Timeline is on") is that setting's, not this one's
      if (namesOtherSetting(model, own, setting.key)) continue;
      // a check or a cross alone in a status cell says on or off, as it does to a person
      if (glyph) {
        const value = onAction ? null : booleanValue(glyph, setting);
        if (value != null) found.push({ el, kind: "status", text: tidy(own), value, exact: true });
        continue;
      }
      // a button whose whole text is a value word shows the value (Facebook's audience button
      // "Public"); any other words on a button are an action
      const mapped = mapWords(own, words, onAction ? null : STATUS_MAX_EXTRA_WORDS, ignore);
      if (!mapped) continue;
      if (!mapped.exact && key(own).split(" ").some((w) => OTHER_QUANTITY.has(w))) continue; // "Recommended: Off"
      // a value button whose aria-label still names another value (rendered before the change): the
      // screen and the screen reader disagree
      const named = onAction ? closestOf(tree, el, action) : null;
      const told = named ? nameTailValue(named.getAttribute("aria-label"), setting, words) : null;
      if (told != null && told !== mapped.value) {
        found.push({ el, kind: "status", text: `${tidy(own)} | ${named.getAttribute("aria-label")}`, value: null, conflict: true });
        continue;
      }
      found.push({ el, kind: "status", text: tidy(own), value: mapped.value, exact: mapped.exact });
    }
    return found;
  }

  // the elements that name radio / option choices: their words are options, not the current value
  function optionLabelElements(model) {
    const out = new Set();
    for (const { el, kind } of model.controls) {
      if (kind !== "radio" && roleOf(el) !== "option") continue;
      for (const l of labelsFor(el)) out.add(l);
      const beside = accessibleName(el) ? null : besideText(el);
      if (beside && beside.nodeType === 1) {
        out.add(beside);
        for (const inner of beside.querySelectorAll("*")) out.add(inner);
      }
      const ids = el.getAttribute("aria-labelledby");
      if (ids) for (const id of ids.split(/\s+/)) {
        const target = byIdIn(el, id);
        if (target) out.add(target);
      }
    }
    return out;
  }

  // The candidates in one region (a row) for a setting: its controls (radios folded into one choice)
  // and, when it has none, its status texts.
  function candidatesIn(model, region, labelEl, setting, words, optionLabelEls, hintEls) {
    const regionSet = new Set(region);
    const found = [];
    const loose = [];
    for (const c of model.controls) {
      if (!regionSet.has(c.el)) continue;
      if (c.kind !== "radio" && model.live.hidden(c.el)) continue; // nobody sees it: not this row's control
      const owner = namedFor(model, c.el);
      if (owner && owner !== setting.key) continue;
      if (c.kind === "radio") {
        const group = groupOf(model.tree, c.el);
        if (group && regionSet.has(group)) continue; // read through its group
        if (!group) loose.push(c.el);
        continue;
      }
      if (c.kind === "choice" && roleOf(c.el) === "listbox" && c.el.closest("[role=combobox]")) continue;
      // a listbox popped up by a combobox belongs to the combobox
      if (c.kind === "choice" && roleOf(c.el) === "listbox" && found.some((f) => roleOf(f.el) === "combobox")) continue;
      found.push({ el: c.el, kind: c.kind });
    }
    if (loose.length) {
      // native radios without a group: one choice per name
      const byName = new Map();
      for (const r of loose) {
        const name = r.getAttribute("name") || `#${byName.size}`;
        if (!byName.has(name)) byName.set(name, []);
        byName.get(name).push(r);
      }
      for (const radios of byName.values()) found.push({ el: radios[0], kind: "radios", radios });
    }
    for (const el of hintEls) if (regionSet.has(el)) found.push({ el, kind: "hint" });
    // the row's status words count beside its controls: they confirm it, fill in for a control that
    // cannot be read (a select whose value sits in a sibling), or contradict it (then: a conflict).
    // Words that name several values beside a control are its list of options, not a status.
    const statuses = statusTexts(model, region, labelEl, setting, words, optionLabelEls)
      .filter((st) => !found.some((c) => model.tree.contains(c.el, st.el))); // a control's own words
    if (found.length && new Set(statuses.map((st) => st.value)).size > 1) return found;
    return found.concat(statuses);
  }

  function containsOtherLabel(model, container, labelEl) {
    for (const other of model.allLabelEls) {
      if (other === labelEl) continue;
      if (model.tree.contains(container, other) && !model.tree.contains(other, labelEl) &&
        !model.tree.contains(labelEl, other)) return true;
    }
    return false;
  }

  // Climb from a label to the smallest container that holds a control or status for it and no other
  // setting's label; at the level where other labels join, take the siblings between this label's
  // branch and the next / previous labelled branch.
  function rowCandidates(model, labelEl, setting, words, optionLabelEls, hintEls) {
    const { tree } = model;
    let branch = labelEl;
    let container = labelEl;
    for (let depth = 0; depth <= MAX_CLIMB && container; depth++) {
      if (depth > 0 && containsOtherLabel(model, container, labelEl)) {
        const kids = tree.order.filter((el) => tree.parent.get(el) === container);
        const at = kids.indexOf(branch);
        const labelled = (k) => Array.from(model.allLabelEls).some((l) => tree.contains(k, l));
        const region = [];
        for (let i = at + 1; i < kids.length && !labelled(kids[i]); i++) region.push(...tree.inRange(kids[i]));
        for (let i = at - 1; i >= 0 && !labelled(kids[i]); i--) region.push(...tree.inRange(kids[i]));
        region.push(...tree.inRange(branch));
        const found = candidatesIn(model, region, labelEl, setting, words, optionLabelEls, hintEls);
        if (!found.length) return lineMates(model, container, labelEl, setting, words, optionLabelEls, hintEls);
        return pickNearest(labelEl, throughColumns(model, labelEl, found));
      }
      const found = candidatesIn(model, tree.inRange(container), labelEl, setting, words, optionLabelEls, hintEls);
      if (found.length) return pickNearest(labelEl, throughColumns(model, labelEl, found));
      branch = container;
      container = tree.parent.get(container);
      if (container && (container.tagName === "BODY" || container.tagName === "HTML")) break;
    }
    return [];
  }

  // A setting written as a sentence is answered right after its question: by the rest of that
  // sentence ("... posts? Friends.") or by the element that follows the question ("... posts?
  // <b>Friends</b>", a control); later words in the paragraph are its explanation, not its value.
  function answerCandidates(model, hit, setting, words, optionLabelEls, hintEls) {
    const { answer } = hit;
    if (answer.answer != null) {
      const mapped = mapWords(answer.answer, words, null);
      return mapped ? [{ el: hit.el, kind: "status", text: answer.answer, value: mapped.value, exact: true }] : [];
    }
    const next = hit.el.firstElementChild;
    if (!next) return [];
    return candidatesIn(model, model.tree.inRange(next), hit.el, setting, words, optionLabelEls, hintEls);
  }

  // --- tables: a cell's column header is a label too --------------------------------------------

  const CELL_ROLES = new Set(["cell", "gridcell", "columnheader", "rowheader"]);

  // the table cell an element sits in (null outside a table row)
  function cellOf(tree, el) {
    for (const n of [el, ...ancestorsOf(tree, el)]) {
      if (n.tagName === "TD" || n.tagName === "TH" || CELL_ROLES.has(roleOf(n))) return n;
      if (n.tagName === "TR" || roleOf(n) === "row" || n.tagName === "TABLE") return null;
    }
    return null;
  }

  function rowOfCell(cell) {
    return cell.parentElement && (cell.parentElement.tagName === "TR" || roleOf(cell.parentElement) === "row")
      ? cell.parentElement : null;
  }

  // the words of a cell's column header(s): `headers`, or the header cell above it in its column
  function columnHeaderText(cell) {
    const ids = cell.getAttribute("headers");
    if (ids) return textByIds(cell, ids);
    const row = rowOfCell(cell);
    if (!row) return "";
    const cells = Array.from(row.children).filter((c) => c.tagName === "TD" || c.tagName === "TH" || CELL_ROLES.has(roleOf(c)));
    let column = 0;
    for (const c of cells) {
      if (c === cell) break;
      column += c.colSpan || 1;
    }
    const table = row.closest("table, [role=table], [role=grid], [role=treegrid]");
    if (!table) return "";
    const headerRows = Array.from(table.querySelectorAll("tr, [role=row]")).filter((r) => r !== row &&
      Array.from(r.children).some((c) => (c.tagName === "TH" && c.getAttribute("scope") !== "row") || roleOf(c) === "columnheader"));
    const texts = [];
    for (const r of headerRows.slice(0, 3)) {
      let at = 0;
      for (const c of r.children) {
        const span = c.colSpan || 1;
        if (at <= column && column < at + span) {
          if (c.tagName === "TH" || roleOf(c) === "columnheader") texts.push(textOf(c));
          break;
        }
        at += span;
      }
    }
    return texts.join(" ");
  }

  // A label in a table row: the row's cells are read through their column headers. A cell under a
  // "Previous" (or "Default", ...) column is another quantity, dropped; the others are this row's
  // values, kept whatever their distance on screen (a wide table scrolls its "Current" column out
  // of view: it is still the row's value, and a disagreeing cell makes a conflict, never a pick).
  function throughColumns(model, labelEl, found) {
    const labelCell = cellOf(model.tree, labelEl);
    const row = labelCell && rowOfCell(labelCell);
    if (!row) return found;
    const kept = [];
    for (const c of found) {
      const cell = cellOf(model.tree, c.kind === "radios" ? c.radios[0] : c.el);
      if (!cell || cell === labelCell || rowOfCell(cell) !== row) {
        kept.push(c);
        continue;
      }
      const header = key(columnHeaderText(cell)).split(" ");
      if (header.some((w) => OTHER_QUANTITY.has(w))) continue;
      kept.push({ ...c, inRow: true });
    }
    return kept;
  }

  // A label that is a column header over a single row of controls (a settings table laid out
  // column-wise): what sits in its column is its value. Over several rows a header names a column
  // of many things, and is no single setting's row.
  function columnCandidates(model, labelEl, setting, words, optionLabelEls, hintEls) {
    const cell = cellOf(model.tree, labelEl);
    const isHeader = (c) => (c.tagName === "TH" && c.getAttribute("scope") !== "row") || roleOf(c) === "columnheader";
    if (!cell || !isHeader(cell)) return [];
    const headRow = rowOfCell(cell);
    const table = headRow && headRow.closest("table, [role=table], [role=grid], [role=treegrid]");
    if (!table) return [];
    const rows = Array.from(table.querySelectorAll("tr, [role=row]")).filter((r) => r !== headRow &&
      !Array.from(r.children).some(isHeader));
    if (rows.length !== 1) return [];
    const at = (row, target) => {
      let column = 0;
      for (const c of row.children) {
        if (c === target) return column;
        column += c.colSpan || 1;
      }
      return -1;
    };
    const column = at(headRow, cell);
    const under = Array.from(rows[0].children).find((c) => at(rows[0], c) === column);
    if (!under) return [];
    return candidatesIn(model, model.tree.inRange(under), labelEl, setting, words, optionLabelEls, hintEls);
  }

  // Controls drawn on a label's line from somewhere else in the document (a portal at the end of
  // <body>, positioned beside the rows by script) and named by nothing: a person pairs them by line.
  // Only when the label's own row gave nothing, and only unnamed controls no other label is nearer to.
  function portalMates(model, labelEl) {
    const others = Array.from(model.allLabelEls).filter((l) => l !== labelEl);
    const found = [];
    for (const c of model.controls) {
      if (c.kind !== "binary" && c.kind !== "choice") continue;
      if (model.nameOf(c.el) || model.live.hidden(c.el) || model.tree.contains(c.el, labelEl)) continue;
      const d = visualDistance(labelEl, c.el);
      if (d < 1000 && others.every((l) => visualDistance(l, c.el) > d)) found.push({ el: c.el, kind: c.kind });
    }
    return pickNearest(labelEl, found);
  }

  // Labels and controls laid out in separate columns of one container (a grid filled column by
  // column: every label first, then every control): a person pairs them by line. A control counts
  // when it sits on this label's line and no other label is nearer to it on that line.
  function lineMates(model, container, labelEl, setting, words, optionLabelEls, hintEls) {
    // (a value word placed on the line by CSS grid areas counts too: "Only me" beside its question)
    const found = candidatesIn(model, model.tree.inRange(container), labelEl, setting, words, optionLabelEls, hintEls)
      .filter((c) => c.kind !== "status" || c.exact);
    const others = Array.from(model.allLabelEls).filter((l) => l !== labelEl && model.tree.contains(container, l));
    return found.filter((c) => {
      const target = c.kind === "radios" ? c.radios[0] : c.el;
      const d = visualDistance(labelEl, target);
      return d < 1000 && others.every((l) => visualDistance(l, target) > d);
    });
  }

  // several candidates in one row: the nearest as a person scans it; ties that disagree stay all
  // (so do the cells of one table row)
  function pickNearest(labelEl, found) {
    if (found.length <= 1 || found.every((c) => c.inRow)) return found;
    const scored = found.map((c) => ({ c, d: visualDistance(labelEl, c.kind === "radios" ? c.radios[0] : c.el) }));
    scored.sort((a, b) => a.d - b.d);
    const best = scored[0].d;
    return scored.filter((s) => s.d <= best + 4 || s.c.inRow || (best < 1000 && s.d < 1000 && s.c.kind === "status")).map((s) => s.c);
  }

  function hintElements(setting) {
    const css = setting.locate && setting.locate.css;
    if (!css) return [];
    try {
      return Array.from(document.querySelectorAll(css));
    } catch (_) {
      return []; // a malformed selector in a pack is a miss, not a crash
    }
  }

  // --- one setting ---------------------------------------------------------------------------------

  function readSetting(model, setting, optionLabelEls) {
    const words = wordsOf(setting);
    const keys = model.labelKeys.get(setting.key);
    const hints = hintElements(setting);
    const candidates = new Map(); // element -> {candidate, confidence, found_by, label}
    const add = (c, confidence, foundBy, label) => {
      const prev = candidates.get(c.el);
      if (!prev || prev.confidence < confidence) candidates.set(c.el, { c, confidence, found_by: foundBy, label });
    };

    // a label marked as an unsaved edit ("Timeline · unsaved"): its control shows the draft, not the
    // setting in effect
    let unsaved = false;
    // 1. controls whose accessible name is the label (aria-labelledby, aria-label, label, legend, content)
    for (const c of model.controls) {
      if (c.kind === "radio") continue;
      const name = model.nameOf(c.el);
      const score = labelScore(name, keys) ||
        (nameContainsLabel(name, keys) || nameQuotesLabel(name, keys) ? CONFIDENCE.contained : 0);
      if (score && !shownAsOther(model, c.el, setting.key)) {
        add({ el: c.el, kind: c.kind }, score, "role", name);
        unsaved = unsaved || markedUnsaved(name);
      }
    }
    // the pack's CSS hint, trusted when the element it finds is named by the label
    for (const el of hints) {
      const name = accessibleName(el);
      if (labelScore(name, keys)) add({ el, kind: controlKind(el) || "hint" }, CONFIDENCE.named, "css", name);
    }
    // 2. the label's own row; a heading that says the label (the page's title is the setting's name)
    // is no row when a control is named by the label itself
    const named = candidates.size > 0;
    for (const hit of model.labels.get(setting.key) || []) {
      if (named && (/^H[1-6]$/.test(hit.el.tagName) || roleOf(hit.el) === "heading")) continue;
      let found = hit.answer ? answerCandidates(model, hit, setting, words, optionLabelEls, hints)
        : columnCandidates(model, hit.el, setting, words, optionLabelEls, hints);
      if (!hit.answer && !found.length) found = rowCandidates(model, hit.el, setting, words, optionLabelEls, hints);
      if (!hit.answer && !found.length) found = portalMates(model, hit.el);
      if (found.length && !hit.answer) unsaved = unsaved || markedUnsaved(textOf(hit.el));
      for (const c of found) {
        const base = c.kind === "status" ? CONFIDENCE.status : CONFIDENCE.row;
        add(c, Math.min(base, hit.score), c.kind === "status" ? "status" : c.kind === "hint" ? "css" : "label",
          hit.answer ? tidy(hit.answer.question) : textOf(hit.el));
      }
    }

    const readings = [];
    const disabledReadings = [];
    let busy = false;
    for (const { c, confidence, found_by: foundBy, label } of candidates.values()) {
      const target = c.kind === "radios" ? c.radios[0] : c.el;
      if (model.live.hidden(target) || (c.kind !== "status" && model.live.unseen(target))) continue;
      const read = { ...readCandidate(c, setting, words), confidence, found_by: foundBy, label };
      (model.live.disabled(target) ? disabledReadings : readings).push(read);
      busy = busy || inside(model.tree, target, (n) => n.getAttribute && n.getAttribute("aria-busy") === "true");
    }
    const reading = decide(setting, readings, disabledReadings);
    if (unsaved && reading.value != null) {
      reading.confidence = Math.min(reading.confidence, CONFIDENCE.disabledOnly);
      reading.note = "unsaved";
    }
    // drawn while the page still says it is loading: a default, maybe not the account's state yet
    if ((busy || model.loading) && reading.value != null) {
      reading.pending = true;
      reading.confidence = Math.min(reading.confidence, CONFIDENCE.disabledOnly);
    }
    // seen: a live control or status belongs to the label (a disabled copy alone does not count)
    reading.seen = readings.length > 0;
    return reading;
  }

  // Many readings of one setting become one: agreeing ones confirm each other; disagreeing live ones
  // make a conflict (no value); a control that cannot be read does not outvote one that can.
  function decide(setting, readings, disabledReadings) {
    const empty = { key: setting.key, label: setting.labels[0], raw: null, value: null, confidence: 0, found_by: null };
    if (!readings.length) {
      // only a disabled (managed, greyed) copy is on the page: its value, but never a confident one
      const values = new Set(disabledReadings.map((r) => r.value));
      if (disabledReadings.length && values.size === 1 && !values.has(null)) {
        const first = disabledReadings[0];
        return { ...empty, label: first.label || empty.label, raw: first.raw == null ? null : String(first.raw),
          value: first.value, confidence: CONFIDENCE.disabledOnly, found_by: first.found_by, note: "disabled" };
      }
      return empty;
    }
    const valued = readings.filter((r) => r.value != null);
    if (readings.some((r) => r.conflict)) {
      return { ...empty, raw: readings.map((r) => r.raw).join(" | "), conflict: true, candidates: readings.length };
    }
    if (!valued.length) {
      const first = readings[0];
      return { ...empty, label: first.label || empty.label, raw: first.raw == null ? null : String(first.raw),
        found_by: first.found_by };
    }
    const values = new Set(valued.map((r) => r.value));
    if (values.size > 1) {
      return {
        ...empty,
        raw: valued.map((r) => `${r.raw}`).join(" | "),
        conflict: true,
        candidates: valued.length,
      };
    }
    const best = valued.reduce((a, b) => (b.confidence > a.confidence ? b : a));
    return {
      key: setting.key,
      label: best.label || empty.label,
      raw: best.raw == null ? null : String(best.raw),
      value: best.value,
      confidence: best.confidence,
      found_by: best.found_by,
      candidates: valued.length,
    };
  }

  // words of a status line that says the page is still getting its data ("Updating…")
  const LOADING_WORDS = /\b(loading|updating|refreshing|syncing|fetching|retrieving)\b/i;

  // Does the page say it is still loading? An indeterminate progress bar, or a live status line
  // ("Loading your settings…", "Showing your last visit. Updating…") that a person sees.
  function loadingShown(tree, live) {
    for (const el of tree.order) {
      const role = roleOf(el);
      const progress = role === "progressbar" && !el.hasAttribute("aria-valuenow");
      const status = role === "status" || role === "alert" || (el.getAttribute("aria-live") || "off") !== "off";
      if (!progress && !status) continue;
      if (live.hidden(el)) continue;
      const text = textOf(el);
      if (progress || (text.length <= 160 && LOADING_WORDS.test(text))) return true;
    }
    return false;
  }

  function extract(pack, pageKey) {
    const model = makePage(pack, pageKey);
    model.loading = loadingShown(model.tree, model.live);
    const optionLabelEls = optionLabelElements(model);
    return model.settings.map((s) => readSetting(model, s, optionLabelEls));
  }

  // --- opening, scrolling, waiting -----------------------------------------------------------------

  const opened = new WeakSet();
  const reopened = new WeakSet(); // opened, closed by the page (an exclusive accordion), opened again

  // Open collapsed sections: <details>, buttons that only disclose (aria-expanded=false, no popup,
  // not a setting), then unselected tabs one at a time. Each is opened once; nothing else is ever
  // clicked.
  // words on a button that act on a setting ("Turn on", "Pause", "Allow"): such a button may save a
  // change even when it also discloses a panel (aria-expanded), so it is never pressed
  const ACTION_WORDS = new Set(["turn", "enable", "disable", "allow", "block", "pause", "resume", "activate",
    "deactivate", "switch", "set", "save", "apply", "accept", "agree", "reject", "decline", "delete", "remove",
    "clear", "reset", "stop", "start", "opt", "subscribe", "unsubscribe", "join", "leave", "confirm", "submit"]);

  // a button or tab that speaks of a setting's value or acts on one: pressing it may change it
  function actsOnSetting(el, valueWords) {
    const words = key(accessibleName(el) || textOf(el));
    if (!words) return false;
    if (valueWords.has(words)) return true; // a tab named "On" / "Off" is a choice, not a panel
    return words.split(" ").some((w) => ACTION_WORDS.has(w));
  }

  function valueWordsOf(pack) {
    const all = new Set(["on", "off", "yes", "no"]);
    for (const setting of (pack && pack.settings) || []) for (const w of wordsOf(setting).keys()) all.add(w);
    return all;
  }

  function openSections(valueWords) {
    const tree = composedTree(document);
    const live = makeLiveness(tree);
    let count = 0;
    for (const el of tree.order) {
      if (opened.has(el)) continue;
      if (el.tagName === "DETAILS" && !el.open) {
        opened.add(el);
        el.open = true;
        count++;
        continue;
      }
      if (el.getAttribute("aria-expanded") !== "false") continue;
      if (roleOf(el) !== "button" || el.hasAttribute("aria-pressed")) continue;
      const popup = (el.getAttribute("aria-haspopup") || "false").toLowerCase();
      if (popup !== "false") continue;
      if (live.hidden(el) || live.disabled(el) || actsOnSetting(el, valueWords)) continue;
      opened.add(el);
      el.click();
      count++;
    }
    if (count) return count;
    // an exclusive accordion closed what was opened before (<details name>, single-open panels):
    // those are opened again one per call, the caller reading between two
    for (const el of tree.order) {
      if (!opened.has(el) || reopened.has(el) || live.hidden(el)) continue;
      const closed = el.tagName === "DETAILS" ? !el.open : el.getAttribute("aria-expanded") === "false";
      if (!closed) continue;
      reopened.add(el);
      if (el.tagName === "DETAILS") el.open = true;
      else el.click();
      return 1;
    }
    // then tabs, one per call (the caller reads between two): a tab that is not a link only shows
    // its panel
    for (const el of tree.order) {
      if (opened.has(el) || roleOf(el) !== "tab" || el.getAttribute("aria-selected") === "true") continue;
      if (el.closest("a[href]") || el.hasAttribute("href") || live.hidden(el) || live.disabled(el)) continue;
      if (actsOnSetting(el, valueWords)) continue;
      // the tab shown now has been read: never go back to it (its neighbour's panel may still be loading)
      const list = tree.parent.get(el);
      for (const other of list ? list.querySelectorAll("[role=tab][aria-selected=true]") : []) opened.add(other);
      opened.add(el);
      el.click();
      return 1;
    }
    return 0;
  }

  function scrollables() {
    const out = [];
    for (const el of composedTree(document).order) {
      if (el.clientHeight === 0 || el.scrollHeight <= el.clientHeight + 2) continue;
      const style = el.ownerDocument.defaultView.getComputedStyle(el);
      if (/(auto|scroll|overlay)/.test(style.overflowY) || el === el.ownerDocument.scrollingElement) out.push(el);
    }
    const root = document.scrollingElement || document.documentElement;
    if (!out.includes(root)) out.push(root);
    return out;
  }

  // Scroll every scroll container and the page one screen further; true when anything moved.
  function scrollStep() {
    let moved = false;
    for (const el of scrollables()) {
      const before = el.scrollTop;
      const view = el === document.scrollingElement ? window.innerHeight : el.clientHeight;
      el.scrollTop = before + Math.max(40, view * 0.85);
      if (el.scrollTop !== before) moved = true;
    }
    return moved;
  }

  function scrollHome() {
    for (const el of scrollables()) el.scrollTop = 0;
  }

  // A quiet-page watcher: the time of the last DOM change anywhere in the composed tree (open shadow
  // roots and same-origin iframes are observed as they appear).
  function watchMutations() {
    const state = { last: performance.now(), observer: null, watched: new WeakSet() };
    const watch = (root) => {
      if (!root || state.watched.has(root)) return;
      state.watched.add(root);
      state.observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    };
    const watchTree = (node) => {
      const stack = [node];
      while (stack.length) {
        const el = stack.pop();
        if (!el) continue;
        if (el.shadowRoot) {
          watch(el.shadowRoot);
          stack.push(...el.shadowRoot.children);
        }
        if (FRAME_TAGS.has(el.tagName) && !state.watched.has(el)) {
          state.watched.add(el);
          el.addEventListener("load", () => {
            state.last = performance.now();
            watchFrame(el);
          });
          watchFrame(el);
        }
        stack.push(...el.children);
      }
    };
    const watchFrame = (frame) => {
      const doc = frameDocument(frame);
      if (doc && doc.documentElement) {
        watch(doc);
        watchTree(doc.documentElement);
      }
    };
    state.observer = new MutationObserver((records) => {
      state.last = performance.now();
      for (const r of records) for (const n of r.addedNodes) if (n.nodeType === 1) watchTree(n);
    });
    watch(document);
    watchTree(document.documentElement);
    return state;
  }

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  // finite CSS animations and transitions still running (a fade-in changes what looks greyed out)
  function animating() {
    if (typeof document.getAnimations !== "function") return false;
    return document.getAnimations().some((a) => {
      if (a.playState !== "running") return false;
      const end = a.effect && a.effect.getComputedTiming ? a.effect.getComputedTiming().endTime : Infinity;
      return Number.isFinite(end);
    });
  }

  // until no DOM change for quietMs and no finite animation running, or after
  // maxSettleAfterLabelsMs of constant change, or the deadline
  async function quiet(watcher, o, deadline) {
    const start = performance.now();
    for (;;) {
      const now = performance.now();
      if (now - start >= o.maxSettleAfterLabelsMs || now >= deadline) return;
      if (now - watcher.last >= o.quietMs && !animating()) return;
      await sleep(Math.min(o.pollMs, Math.max(1, o.quietMs - (now - watcher.last))));
    }
  }

  // the page's load event fired at least afterLoadMs ago
  function loadedAWhile(o) {
    if (document.readyState !== "complete") return false;
    const nav = performance.getEntriesByType("navigation")[0];
    return !nav || !nav.loadEventEnd || performance.now() - nav.loadEventEnd >= o.afterLoadMs;
  }

  // until the page has been loaded afterLoadMs and is quiet (at most maxSettleAfterLabelsMs)
  async function untilLoadedAWhile(watcher, o, deadline) {
    const start = performance.now();
    for (;;) {
      const now = performance.now();
      if (now >= deadline || now - start >= o.maxSettleAfterLabelsMs) return;
      if (loadedAWhile(o) && now - watcher.last >= o.quietMs) return;
      await sleep(o.pollMs);
    }
  }

  // until the page changes by itself (late content), or it has been still for `stillMs`, or the
  // deadline; true when it changed
  async function changed(watcher, since, o, deadline, stillMs) {
    for (;;) {
      if (watcher.last !== since) return true;
      const now = performance.now();
      if (now >= deadline || now - watcher.last >= stillMs) return false;
      await sleep(o.pollMs);
    }
  }

  // read for good: a live value, or a conflict (a disabled-only copy keeps the search going)
  // (and not drawn while the page still says it is loading)
  const done = (r) => ((r.value != null && r.note !== "disabled") || r.conflict) && !r.pending;

  // Read the page once it is ready: wait for a quiet page, read, and while settings are unread open
  // collapsed sections and scroll the page and its scroll containers a screen at a time (lazy and
  // virtualized rows render only in view), reading after each step; then wait for late content until
  // the deadline. A later pass's reading of a setting replaces an earlier one (the page may have
  // been updating); a setting no longer on screen keeps the reading it had.
  async function read(pack, pageKey, options) {
    const o = { ...DEFAULTS, ...(options || {}) };
    const start = performance.now();
    const deadline = start + o.timeoutMs;
    const watcher = watchMutations();
    const valueWords = valueWordsOf(pack);
    const merged = new Map();
    const seen = new Set(); // settings whose label showed at some pass (virtualized rows come and go)
    let passes = 0;
    let steps = 0;
    let atHome = true;
    let confirmed = false;
    const look = () => {
      for (const r of extract(pack, pageKey)) {
        if (r.seen) seen.add(r.key);
        const prev = merged.get(r.key);
        if (!prev || done(r) || !done(prev)) merged.set(r.key, r);
      }
    };
    try {
      for (;;) {
        await quiet(watcher, o, deadline);
        const seenAt = watcher.last;
        look();
        passes++;
        const readings = Array.from(merged.values());
        if (performance.now() >= deadline) break;
        if (readings.every(done)) {
          // read once more when the page has been loaded a moment: a page that swaps its old markup
          // for the new by a timer after load (a migration) showed the old one to the first read
          if (confirmed || loadedAWhile(o)) break;
          confirmed = true;
          await untilLoadedAWhile(watcher, o, deadline);
          continue;
        }
        // an action counts as a change: its effect (a scroll handler, a render) comes a frame later
        if (openSections(valueWords) > 0 || (steps < o.scrollSteps && scrollStep())) {
          steps++;
          atHome = false;
          watcher.last = performance.now();
          continue;
        }
        if (!atHome) {
          scrollHome(); // back to the top: rows recycled away may come back on later content
          atHome = true;
          watcher.last = performance.now();
          continue;
        }
        // nothing left to open or scroll: wait for late content. A setting not seen live yet may come
        // seconds late (patienceMs of stillness ends the wait); with every setting seen, a value that
        // is still loading gets lateMs
        const labelsMissing = Array.from(merged.keys()).some((k) => !seen.has(k));
        // while the page says it is loading, its state is still to come: wait up to the deadline
        const pending = readings.some((r) => r.pending);
        const stillMs = pending ? Infinity : labelsMissing ? o.patienceMs : o.lateMs;
        if (!(await changed(watcher, seenAt, o, deadline, stillMs))) {
          // one last look: a change no mutation shows (a shadow root attached late, custom elements
          // defined and their :not(:defined) styles gone) may have drawn the missing settings
          if (labelsMissing) {
            look();
            passes++;
          }
          break;
        }
        steps = 0;
      }
      if (!atHome) scrollHome();
      const readings = Array.from(merged.values());
      return {
        readings,
        ready: readings.every(done),
        passes,
        scroll_steps: steps,
        waited_ms: Math.round(performance.now() - start),
        quiet_ms: Math.round(performance.now() - watcher.last),
      };
    } finally {
      watcher.observer.disconnect();
    }
  }

  globalThis.loopwhoExtract = (pack, pageKey) => extract(pack, pageKey);
  globalThis.loopwhoRead = read;
})();
