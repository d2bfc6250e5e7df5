// The bridge on loopwho's /connect page (see extension/README.md, "The /connect page"). It marks the
// page as having the extension, tells it each platform's state, and turns clicks on the page's own
// buttons into requests to the extension. Permission prompts and cookies stay inside the extension.
(() => {
  const root = document.documentElement;

  async function publish() {
    const state = await chrome.runtime.sendMessage({ type: "bridge-state" });
    if (!state || state.error) return;
    root.dataset.loopwhoExtension = state.version;
    root.dataset.loopwhoPaired = String(Boolean(state.paired));
    for (const [platform, info] of Object.entries(state.platforms ?? {})) {
      for (const element of document.querySelectorAll(`[data-loopwho-platform="${platform}"]`)) {
        element.dataset.loopwhoState = info.state;
        element.dataset.loopwhoAccess = String(info.access);
      }
    }
    document.dispatchEvent(new CustomEvent("loopwho:state", { detail: JSON.parse(JSON.stringify(state)) }));
  }

  document.addEventListener("click", async (event) => {
    const target = event.target instanceof Element
      ? event.target.closest("[data-loopwho-connect], [data-loopwho-disconnect]") : null;
    if (!target) return;
    event.preventDefault();
    const connect = target.dataset.loopwhoConnect;
    const answer = await chrome.runtime.sendMessage(connect
      ? { type: "bridge-connect", platform: connect }
      : { type: "bridge-disconnect", platform: target.dataset.loopwhoDisconnect });
    if (answer?.error) {
      document.dispatchEvent(new CustomEvent("loopwho:error", { detail: { message: answer.error } }));
    }
    await publish();
  });

  // the extension's state changes (a connect finished in its window): tell the page again
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === "local" && (changes.platforms || changes.auth)) publish();
  });
  publish();
})();
