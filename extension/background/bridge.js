// The bridge to loopwho's web app: a small content script on the server's /connect page (once the
// user granted the server's origin, at pairing) that lets the page show the extension's state and
// start a connect or a disconnect. The page never gets cookies, tokens or readings. The DOM contract
// is in extension/README.md ("The /connect page").
import { serverOriginPattern, storage } from "./storage.js";

const BRIDGE_ID = "connect-bridge";

export async function unregisterConnectBridge() {
  const existing = await chrome.scripting.getRegisteredContentScripts({ ids: [BRIDGE_ID] });
  if (existing.length > 0) await chrome.scripting.unregisterContentScripts({ ids: [BRIDGE_ID] });
}

export async function registerConnectBridge(serverUrl) {
  await unregisterConnectBridge();
  const origin = serverOriginPattern(serverUrl ?? await storage.serverUrl()).replace(/\/\*$/, "");
  const path = new URL(serverUrl).pathname.replace(/\/+$/, "");
  await chrome.scripting.registerContentScripts([{
    id: BRIDGE_ID, matches: [`${origin}${path}/connect*`], js: ["content/connect-bridge.js"],
    runAt: "document_idle", persistAcrossSessions: true,
  }]);
}
