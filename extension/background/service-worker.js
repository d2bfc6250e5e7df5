// The extension's background: wires the modules to Chrome's events. Listeners are registered at
// the top level, synchronously, so Chrome can wake the worker for them.
import { authedRequest, isPaired, pair, unpair } from "./auth-manager.js";
import { refreshBadge } from "./badge.js";
import { revokeSession, sendSession } from "./handoff.js";
import { PLATFORMS, requirePlatform } from "./platforms.js";
import { ROUTES } from "./routes.js";
import { acceptReadings, instructionsFor, resumeScans, runBrowserScan, startServerScan } from "./scans.js";
import { browserScanIntervalMin, ensureAlarms, onAlarm, setBrowserScanInterval } from "./scheduler.js";
import { storage } from "./storage.js";

const EXTENSION_ORIGIN = chrome.runtime.getURL("");

async function syncServices() {
  const body = await authedRequest(ROUTES.services);
  const services = Array.isArray(body) ? body : body?.services ?? [];
  const known = await storage.platforms();
  for (const service of services) {
    if (!service?.platform || !Object.hasOwn(PLATFORMS, service.platform)) continue;
    await storage.updatePlatform(service.platform, {
      connected: !["not_connected", "revoked"].includes(service.status),
      state: service.status ?? known[service.platform]?.state ?? "connected",
      lastScanAt: service.last_scan_at ? Date.parse(service.last_scan_at) : known[service.platform]?.lastScanAt ?? null,
      lastScanState: service.last_scan_status ?? known[service.platform]?.lastScanState ?? null,
    });
  }
  return services;
}

async function popupState() {
  const auth = await storage.auth();
  return {
    serverUrl: await storage.serverUrl(),
    paired: Boolean(auth?.refreshToken),
    revoked: Boolean(auth?.revoked),
    platforms: await storage.platforms(),
    scans: await storage.scans(),
    lastError: await storage.lastError(),
    browserScanIntervalMin: await browserScanIntervalMin(),
    badge: await refreshBadge(),
    catalogue: Object.fromEntries(Object.entries(PLATFORMS).map(([name, p]) => [name, { label: p.label }])),
  };
}

// what the popup may ask for
const COMMANDS = {
  "get-state": async () => {
    await resumeScans();
    return popupState();
  },
  "set-server-url": async ({ serverUrl }) => {
    await storage.setServerUrl(serverUrl);
    return popupState();
  },
  pair: async ({ code, serverUrl }) => {
    if (serverUrl) await storage.setServerUrl(serverUrl);
    await pair(code);
    await syncServices().catch(() => {});
    return popupState();
  },
  unpair: async () => {
    await unpair();
    return popupState();
  },
  "sync-services": async () => {
    await syncServices();
    return popupState();
  },
  "send-session": async ({ platform }) => {
    await sendSession(platform);
    return popupState();
  },
  disconnect: async ({ platform }) => {
    await revokeSession(platform);
    return popupState();
  },
  "scan-now": async ({ platform }) => {
    await startServerScan(platform);
    return popupState();
  },
  "browser-scan": async ({ platform }) => {
    await runBrowserScan(platform);
    return popupState();
  },
  "open-sign-in": async ({ platform }) => {
    await chrome.tabs.create({ url: requirePlatform(platform).signInUrl });
    return popupState();
  },
  "set-browser-scan-interval": async ({ minutes }) => {
    await setBrowserScanInterval(minutes);
    return popupState();
  },
};

// reading state never clears or raises the error the user is looking at
const QUIET_COMMANDS = new Set(["get-state", "sync-services"]);

// what a content script may say
function onContentMessage(message, sender) {
  if (message.type === "content-ready") return instructionsFor(sender.tab.id, sender.url);
  if (message.type === "content-readings") return { accepted: acceptReadings(sender.tab.id, message) };
  return { error: `unknown message ${message.type}` };
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id || typeof message?.type !== "string") return false;
  const fromExtensionPage = String(sender.url ?? "").startsWith(EXTENSION_ORIGIN);
  if (!fromExtensionPage) {
    if (sender.tab) sendResponse(onContentMessage(message, sender));
    return false;
  }
  const command = COMMANDS[message.type];
  if (!command) {
    sendResponse({ ok: false, error: `unknown command ${message.type}` });
    return false;
  }
  const quiet = QUIET_COMMANDS.has(message.type);
  command(message)
    .then(async (state) => {
      if (!quiet) await storage.setLastError(null);
      sendResponse({ ok: true, state: await popupState().catch(() => state) });
    })
    .catch(async (error) => {
      const text = error?.message ?? String(error);
      if (!quiet) {
        await storage.setLastError(text);
        await refreshBadge();
      }
      sendResponse({ ok: false, error: text, state: await popupState() });
    });
  return true; // the answer comes asynchronously
});

chrome.alarms.onAlarm.addListener((alarm) => {
  onAlarm(alarm).catch((error) => storage.setLastError(error.message));
});

chrome.runtime.onInstalled.addListener(() => {
  refreshBadge();
  ensureAlarms();
});
chrome.runtime.onStartup.addListener(() => {
  refreshBadge();
  isPaired().then((paired) => paired && ensureAlarms());
});
resumeScans().catch(() => refreshBadge());
