// The popup: a view of what the service worker keeps in storage, and buttons that ask it to act.
// All work happens in the service worker, so closing the popup never interrupts a scan; only the
// permission prompts (which need the click) are asked for here.
import { normaliseServerUrl, serverOriginPattern } from "../background/storage.js";
import { connectPlatform, requestServerAccess, send } from "./connecting.js";

const $ = (selector) => document.querySelector(selector);
const BUSY = new Set(["starting", "queued", "running", "reading", "submitting"]);
const STATE_WORDS = {
  unpaired: "not paired", idle: "paired", ok: "connected", scanning: "scanning", reauth: "sign in again",
  error: "error",
};
let lastState = null;

function when(ms) {
  if (!ms) return "never";
  return new Date(ms).toLocaleString();
}

// The server's 402 (the plan's limit) and 429 ("scan now" used up for today) say what to do in
// words the user reads as they are; those that point at the billing page get a link to it.
const BILLING_HINT = /upgrade your plan|billing page/i;

function showError(text) {
  const box = $("#error");
  box.textContent = text ?? "";
  const server = URL.canParse($("#server-url")?.value ?? "") ? $("#server-url").value : null;
  if (text && BILLING_HINT.test(text) && server) {
    const link = document.createElement("a");
    link.href = new URL("/billing", server).href;
    link.target = "_blank";
    link.textContent = "Open the billing page";
    box.append(" ", link);
  }
  box.hidden = !text;
}

function scanLine(scan) {
  if (!scan) return "";
  const percent = scan.progress == null ? "" : ` ${Math.round(scan.progress * 100)}%`;
  if (BUSY.has(scan.state)) return `Scanning (${scan.mode === "browser" ? "in this browser" : "on loopwho"}):${percent} ${scan.state}`;
  if (scan.state === "done") {
    const count = scan.result?.readings?.length;
    return `Last scan finished${count == null ? "" : `: ${count} settings read`}`;
  }
  if (scan.state === "reauth_required") return "The session expired: sign in again, then reconnect";
  if (scan.state === "verification_required") return "The platform asks you to verify it's you: open it and confirm";
  if (scan.state === "failed") return `Last scan failed: ${scan.message ?? "unknown reason"}`;
  return `Last scan: ${scan.state}`;
}

function summaryLine({ privacyScore, settings, uncertain, recommendations }) {
  const parts = [];
  if (privacyScore != null) parts.push(`Privacy score ${privacyScore}/100`);
  parts.push(`${settings} settings read${uncertain ? ` (${uncertain} uncertain)` : ""}`);
  if (recommendations) parts.push(`${recommendations} recommendation${recommendations === 1 ? "" : "s"}`);
  return parts.join(" · ");
}

function stateOf(platform) {
  if (platform?.connected) return platform.state ?? "connected";
  if (platform?.awaitingSignIn) return "awaiting_sign_in";
  return "not connected";
}

function renderPlatform(name, info, platform, scan) {
  const row = $("#platform-row").content.firstElementChild.cloneNode(true);
  row.dataset.platform = name;
  row.querySelector(".name").textContent = info.label;
  const connected = Boolean(platform?.connected);
  const state = stateOf(platform);
  const pill = row.querySelector(".state");
  pill.textContent = state === "awaiting_sign_in" ? "sign in to finish" : state.replace(/_/g, " ");
  pill.dataset.state = state;
  const lastScan = platform?.lastScanAt ?? (scan?.state === "done" ? scan.finishedAt : null);
  row.querySelector(".last-scan").textContent = connected ? `Last scan: ${when(lastScan)}` : "";
  const changes = platform?.changesSinceLook ?? 0;
  row.querySelector(".changes").textContent = connected && changes
    ? ` · ${changes} change${changes === 1 ? "" : "s"} since you last looked` : "";
  const busy = BUSY.has(scan?.state);
  const bar = row.querySelector(".progress");
  bar.hidden = !busy && scan?.state !== "done";
  if (scan?.progress != null) bar.value = scan.progress;
  else bar.removeAttribute("value"); // indeterminate while the server names no progress
  row.querySelector(".scan-message").textContent = connected ? scanLine(scan) : "";
  const summary = row.querySelector(".summary");
  summary.hidden = !platform?.summary;
  if (platform?.summary) summary.textContent = summaryLine(platform.summary);
  const why = row.querySelector(".why");
  why.hidden = connected;
  why.textContent = info.why; // the one sentence: why Connect asks for this platform's sites
  const reconnectReady = state === "reauth_required" && Boolean(platform?.reconnectReady);
  row.querySelector(".reconnect").hidden = !reconnectReady;
  row.querySelector(".remember").checked = Boolean(platform?.autoReconnect);
  for (const button of row.querySelectorAll("button[data-action]")) {
    const action = button.dataset.action;
    const needsConnection = ["scan-now", "browser-scan", "disconnect"].includes(action);
    button.hidden = needsConnection && !connected;
    if (action === "connect") button.hidden = connected;
    if (action === "reconnect") button.hidden = !reconnectReady;
    button.disabled = busy && (action === "scan-now" || action === "browser-scan");
    button.addEventListener("click", () => onAction(action, name, row, button));
  }
  return row;
}

function render(state) {
  if (!state) return;
  lastState = state;
  $("#badge-state").textContent = STATE_WORDS[state.badge] ?? state.badge;
  $("#badge-state").dataset.state = state.badge;
  if (document.activeElement !== $("#server-url")) $("#server-url").value = state.serverUrl;
  $("#pairing").hidden = state.paired;
  $("#connected").hidden = !state.paired;
  $("#server").open = !state.paired;
  $("#browser-scan-interval").value = String(state.browserScanIntervalMin ?? 0);
  const list = $("#platforms");
  list.replaceChildren(
    ...Object.entries(state.catalogue).map(([name, info]) =>
      renderPlatform(name, info, state.platforms[name], state.scans[name])),
  );
  showError(state.lastError?.message ?? (state.revoked ? "loopwho no longer accepts this pairing; pair again" : null));
}

function shown(answer) {
  render(answer?.state);
  if (answer && !answer.ok) showError(answer.error);
  return answer;
}

async function act(type, fields = {}, button = null) {
  if (button) button.disabled = true;
  try {
    return shown(await send(type, fields));
  } finally {
    if (button) button.disabled = false;
  }
}

async function onAction(action, platform, row, button) {
  if (action === "connect") {
    button.disabled = true;
    try {
      return shown(await connectPlatform(platform));
    } finally {
      button.disabled = false;
    }
  }
  if (action === "reconnect") return act("reconnect", { platform, remember: row.querySelector(".remember").checked }, button);
  return act(action, { platform }, button);
}

/** The server's origin is asked for at the click that uses it (pairing, saving a new URL). */
async function withServerAccess(raw) {
  const url = normaliseServerUrl(raw, { developer: Boolean(lastState?.developerMode) });
  await requestServerAccess(serverOriginPattern(url));
  return url;
}

$("#pair-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    const serverUrl = await withServerAccess($("#server-url").value);
    await act("pair", { code: $("#pair-code").value, serverUrl }, $("#pair-button"));
  } catch (error) {
    showError(error.message);
  }
});
$("#server-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    const serverUrl = await withServerAccess($("#server-url").value);
    await act("set-server-url", { serverUrl }, $("#server-save"));
  } catch (error) {
    showError(error.message);
  }
});
$("#unpair-button").addEventListener("click", () => act("unpair", {}, $("#unpair-button")));
$("#open-dashboard").addEventListener("click", () => act("open-dashboard", {}, $("#open-dashboard")));
$("#browser-scan-interval").addEventListener("change", (event) =>
  act("set-browser-scan-interval", { minutes: Number(event.target.value) }));

// the service worker writes progress into storage; re-draw whenever it does
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === "local" && !changes.lastLookAt) send("get-state").then((answer) => render(answer?.state));
});

act("get-state").then((answer) => {
  if (answer?.state?.paired) {
    // the changes are counted since the popup was last opened; this opening is the new "last look"
    send("sync-services").then((synced) => synced?.ok && render(synced.state)).finally(() => send("mark-looked"));
  }
});
