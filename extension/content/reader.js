// The content-script side of a browser scan. It does nothing unless loopwho opened this tab for a
// scan: then it runs the scanner's own extractor (content/extractor.js, the same file the server
// evaluates) with the active pack, which waits for the settings the same way the server does (every
// label there and a quiet page, collapsed sections opened, lazy rows scrolled in), and hands the
// readings to the service worker. It never changes a setting and never reads other pages.
(() => {
  async function readThisPage(platform) {
    const { browserScanActive } = await chrome.storage.local.get("browserScanActive");
    if (!browserScanActive) return; // the common case: the user is just browsing
    const instructions = await chrome.runtime.sendMessage({ type: "content-ready", platform });
    if (!instructions?.read) return;
    const { pack, pageKey, readyTimeoutMs } = instructions;
    try {
      if (typeof globalThis.loopwhoRead !== "function") {
        throw new Error("the loopwho extractor did not load in this page");
      }
      const result = await globalThis.loopwhoRead(pack, pageKey, { timeoutMs: readyTimeoutMs });
      // a setting shown twice with different values is sent as unread, never as a pick
      const readings = (result?.readings ?? []).map(({ key, label, value, confidence, conflict }) => ({
        key, label, value: conflict ? null : value, confidence: conflict ? 0 : confidence, page_url: location.href,
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
