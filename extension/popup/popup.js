// The popup: a view of what the service worker keeps in storage, and buttons that ask it to act.
// All work happens in the service worker, so closing the popup never interrupts a scan.
const $ = (selector) => document.querySelector(selector);
const BUSY = new Set(["starting", "queued", "running", "reading", "submitting"]);
const STATE_WORDS = {
  unpaired: "not paired", ok: "connected", scanning: "scanning", reauth: "sign in again", error: "error",
};

function send(type, fields = {}) {
  return chrome.runtime.sendMessage({ type, ...fields });
}

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
  if (scan.state === "reauth_required") return "The session expired: sign in again, then send the session";
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

function renderPlatform(name, info, platform, scan) {
  const row = $("#platform-row").content.firstElementChild.cloneNode(true);
  row.dataset.platform = name;
  row.querySelector(".name").textContent = info.label;
  const connected = Boolean(platform?.connected);
  const state = connected ? platform.state ?? "connected" : "not connected";
  const pill = row.querySelector(".state");
  pill.textContent = state.replace(/_/g, " ");
  pill.dataset.state = state;
  const lastScan = platform?.lastScanAt ?? (scan?.state === "done" ? scan.finishedAt : null);
  row.querySelector(".last-scan").textContent = `Last scan: ${when(lastScan)}`;
  const busy = BUSY.has(scan?.state);
  const bar = row.querySelector(".progress");
  bar.hidden = !busy && scan?.state !== "done";
  if (scan?.progress != null) bar.value = scan.progress;
  else bar.removeAttribute("value"); // indeterminate while the server names no progress
  row.querySelector(".scan-message").textContent = scanLine(scan);
  const summary = row.querySelector(".summary");
  summary.hidden = !platform?.summary;
  if (platform?.summary) summary.textContent = summaryLine(platform.summary);
  for (const button of row.querySelectorAll("button[data-action]")) {
    const action = button.dataset.action;
    const needsConnection = ["scan-now", "browser-scan", "disconnect"].includes(action);
    button.hidden = needsConnection && !connected;
    if (action === "open-sign-in") button.hidden = connected && state !== "reauth_required";
    button.disabled = busy && (action === "scan-now" || action === "browser-scan");
    button.addEventListener("click", () => act(action, { platform: name }, button));
  }
  return row;
}

function render(state) {
  if (!state) return;
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

async function act(type, fields = {}, button = null) {
  if (button) button.disabled = true;
  try {
    const answer = await send(type, fields);
    render(answer?.state);
    if (answer && !answer.ok) showError(answer.error);
    return answer;
  } finally {
    if (button) button.disabled = false;
  }
}

$("#pair-form").addEventListener("submit", (event) => {
  event.preventDefault();
  act("pair", { code: $("#pair-code").value, serverUrl: $("#server-url").value }, $("#pair-button"));
});
$("#server-form").addEventListener("submit", (event) => {
  event.preventDefault();
  act("set-server-url", { serverUrl: $("#server-url").value }, $("#server-save"));
});
$("#unpair-button").addEventListener("click", () => act("unpair", {}, $("#unpair-button")));
$("#browser-scan-interval").addEventListener("change", (event) =>
  act("set-browser-scan-interval", { minutes: Number(event.target.value) }));

// the service worker writes progress into storage; re-draw whenever it does
chrome.storage.onChanged.addListener((_changes, area) => {
  if (area === "local") send("get-state").then((answer) => render(answer?.state));
});

act("get-state").then((answer) => {
  if (answer?.state?.paired) send("sync-services").then((synced) => synced?.ok && render(synced.state));
});
