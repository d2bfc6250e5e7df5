// The content-script side of a browser scan. It does nothing unless loopwho opened this tab for a
// scan: then it waits for the page to render its settings, runs the scanner's own extractor
// (content/extractor.js, the same file the server evaluates) with the active pack, and hands the
// readings to the service worker. It never changes a setting and never reads other pages.
(() => {
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  async function waitForReady(selector, timeoutMs) {
    if (!selector) return true;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (document.querySelector(selector)) return true;
      await sleep(100);
    }
    return false;
  }

  async function readThisPage(platform) {
    const { browserScanActive } = await chrome.storage.local.get("browserScanActive");
    if (!browserScanActive) return; // the common case: the user is just browsing
    const instructions = await chrome.runtime.sendMessage({ type: "content-ready", platform });
    if (!instructions?.read) return;
    const { pack, pageKey, readyTimeoutMs } = instructions;
    const page = (pack.pages ?? []).find((candidate) => candidate.key === pageKey);
    try {
      if (typeof globalThis.loopwhoExtract !== "function") {
        throw new Error("the loopwho extractor did not load in this page");
      }
      await waitForReady(page?.ready, readyTimeoutMs);
      const result = await globalThis.loopwhoExtract(pack, pageKey);
      const raw = Array.isArray(result) ? result : result?.readings ?? [];
      const readings = raw.map(({ key, label, value, confidence }) => ({
        key, label, value, confidence, page_url: location.href,
      }));
      await chrome.runtime.sendMessage({ type: "content-readings", platform, pageKey, readings });
    } catch (error) {
      await chrome.runtime.sendMessage({
        type: "content-readings", platform, pageKey, readings: [], error: String(error?.message ?? error),
      });
    }
  }

  globalThis.loopwhoReadThisPage = readThisPage;
})();
