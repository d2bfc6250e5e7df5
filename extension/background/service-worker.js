// The extension's background: wires the modules to Chrome's events. Listeners are registered at
// the top level, synchronously, so Chrome can wake the worker for them.
import {
  dropPlatformAccess, grantedPlatforms, hasPlatformAccess, registerReaders,
} from "./access.js";
import { isPaired, pair, unpair } from "./auth-manager.js";
import { refreshBadge } from "./badge.js";
import { registerConnectBridge, unregisterConnectBridge } from "./bridge.js";
import { NotSignedInError, cookieRules, revokeSession, sendSession } from "./handoff.js";
import { PLATFORMS, PLATFORM_NAMES, requirePlatform, whyHosts } from "./platforms.js";
import { freshSessionReady, onCookieChanged } from "./reconnect.js";
import { acceptReadings, instructionsFor, resumeScans, runBrowserScan, startServerScan } from "./scans.js";
import { browserScanIntervalMin, ensureAlarms, onAlarm, setBrowserScanInterval } from "./scheduler.js";
import { syncServices } from "./services.js";
import { storage } from "./storage.js";

const EXTENSION_ORIGIN = chrome.runtime.getURL("");

async function popupState() {
  const auth = await storage.auth();
  const platforms = await storage.platforms();
  const access = await grantedPlatforms();
  for (const name of access) {
    // signed in again since loopwho asked: the popup offers the one-click reconnect
    if (platforms[name]?.state === "reauth_required" && !platforms[name].reconnectReady
        && await freshSessionReady(name).catch(() => false)) {
      platforms[name] = await storage.updatePlatform(name, { reconnectReady: true });
    }
  }
  return {
    serverUrl: await storage.serverUrl(),
    developerMode: await storage.developerMode(),
    paired: Boolean(auth?.refreshToken),
    revoked: Boolean(auth?.revoked),
    platforms,
    access,
    scans: await storage.scans(),
    lastError: await storage.lastError(),
    browserScanIntervalMin: await browserScanIntervalMin(),
    badge: await refreshBadge(),
    version: chrome.runtime.getManifest().version,
    catalogue: Object.fromEntries(Object.entries(PLATFORMS).map(([name, p]) => [
      name, { label: p.label, hostPatterns: p.hostPatterns, why: whyHosts(name) },
    ])),
  };
}

const connecting = new Map(); // platform -> the connect in flight (the popup and onAdded may both ask)

/** After the user granted a platform's hosts (in the popup or the connect page): hand over the
 * session, or open the sign-in page and hand it over when the sign-in completes. */
function connect(platform) {
  if (!connecting.has(platform)) {
    connecting.set(platform, connectNow(platform).finally(() => connecting.delete(platform)));
  }
  return connecting.get(platform);
}

async function connectNow(platform) {
  const { label, signInUrl } = requirePlatform(platform);
  if (!(await hasPlatformAccess(platform))) {
    throw new Error(`loopwho was not given access to ${label}'s sites, so nothing was connected`);
  }
  await registerReaders(platform);
  await cookieRules(platform); // the pack's cookie list, remembered for the sign-in watch
  try {
    await sendSession(platform);
  } catch (error) {
    if (!(error instanceof NotSignedInError)) throw error;
    const waiting = (await storage.platforms())[platform]?.awaitingSignIn;
    await storage.updatePlatform(platform, { awaitingSignIn: true, state: "awaiting_sign_in", error: null });
    if (!waiting) await chrome.tabs.create({ url: signInUrl }); // one sign-in tab, however often asked
  }
}

async function disconnect(platform) {
  requirePlatform(platform);
  try {
    await revokeSession(platform);
  } finally {
    // whatever the server said, this browser lets go of the platform's hosts
    await storage.removePlatform(platform);
    await dropPlatformAccess(platform);
  }
}

async function dropEverything() {
  for (const name of PLATFORM_NAMES) await dropPlatformAccess(name).catch(() => {});
  await unregisterConnectBridge().catch(() => {});
  await chrome.alarms.clearAll(); // nothing to re-send or sync for an unpaired browser
}

// what the popup and the extension's own pages may ask for
const COMMANDS = {
  "get-state": async () => {
    await resumeScans();
    return popupState();
  },
  "mark-looked": async () => {
    await storage.setLastLookAt(Date.now());
  },
  "set-server-url": async ({ serverUrl }) => {
    await storage.setServerUrl(serverUrl);
  },
  "set-developer-mode": async ({ on }) => {
    await storage.setDeveloperMode(on);
  },
  pair: async ({ code, serverUrl }) => {
    if (serverUrl) await storage.setServerUrl(serverUrl);
    await pair(code);
    await registerConnectBridge(await storage.serverUrl()).catch(() => {});
    await ensureAlarms(); // the sync alarm brings reauth_required to the badge without the popup
    await syncServices().catch(() => {});
  },
  unpair: async () => {
    await dropEverything();
    await unpair();
  },
  "sync-services": async () => {
    await syncServices();
  },
  connect: async ({ platform }) => connect(platform),
  "send-session": async ({ platform }) => sendSession(platform),
  reconnect: async ({ platform, remember }) => {
    await sendSession(platform);
    if (typeof remember === "boolean") await storage.updatePlatform(platform, { autoReconnect: remember });
  },
  "set-auto-reconnect": async ({ platform, on }) => {
    requirePlatform(platform);
    await storage.updatePlatform(platform, { autoReconnect: Boolean(on) });
  },
  disconnect: async ({ platform }) => disconnect(platform),
  "scan-now": async ({ platform }) => startServerScan(platform),
  "browser-scan": async ({ platform }) => runBrowserScan(platform),
  "open-sign-in": async ({ platform }) => chrome.tabs.create({ url: requirePlatform(platform).signInUrl }),
  "open-dashboard": async () => chrome.tabs.create({ url: `${await storage.serverUrl()}/dashboard` }),
  "set-browser-scan-interval": async ({ minutes }) => setBrowserScanInterval(minutes),
};

// reading state never clears or raises the error the user is looking at
const QUIET_COMMANDS = new Set(["get-state", "sync-services", "mark-looked"]);

// what a content script may say: the settings-page readers, and the bridge on loopwho's /connect page
const CONTENT_MESSAGES = {
  "content-ready": (message, sender) => instructionsFor(sender.tab.id, sender.url),
  "content-readings": (message, sender) => ({ accepted: acceptReadings(sender.tab.id, message) }),
};

async function onBridgeMessage(message) {
  if (message.type === "bridge-state") {
    const state = await popupState();
    return { paired: state.paired, version: state.version, platforms: bridgeView(state) };
  }
  if (message.type === "bridge-connect") {
    requirePlatform(message.platform);
    // the permission prompt needs a click in an extension page: open loopwho's own connect window
    await chrome.windows.create({
      url: chrome.runtime.getURL(`connect/connect.html?platform=${encodeURIComponent(message.platform)}`),
      type: "popup", width: 420, height: 360,
    });
    return { opened: true };
  }
  if (message.type === "bridge-disconnect") {
    await disconnect(message.platform);
    return { disconnected: true };
  }
  return { error: `unknown message ${message.type}` };
}

function bridgeView(state) {
  return Object.fromEntries(PLATFORM_NAMES.map((name) => {
    const entry = state.platforms[name] ?? {};
    return [name, {
      access: state.access.includes(name), connected: Boolean(entry.connected),
      state: entry.connected ? entry.state ?? "connected" : entry.awaitingSignIn ? "awaiting_sign_in" : "not_connected",
    }];
  }));
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id || typeof message?.type !== "string") return false;
  const fromExtensionPage = String(sender.url ?? "").startsWith(EXTENSION_ORIGIN);
  if (!fromExtensionPage) {
    if (!sender.tab) return false;
    if (CONTENT_MESSAGES[message.type]) {
      sendResponse(CONTENT_MESSAGES[message.type](message, sender));
      return false;
    }
    if (message.type.startsWith("bridge-")) {
      onBridgeMessage(message).then(sendResponse, (error) => sendResponse({ error: error.message }));
      return true;
    }
    sendResponse({ error: `unknown message ${message.type}` });
    return false;
  }
  const command = COMMANDS[message.type];
  if (!command) {
    sendResponse({ ok: false, error: `unknown command ${message.type}` });
    return false;
  }
  const quiet = QUIET_COMMANDS.has(message.type);
  command(message)
    .then(async () => {
      if (!quiet) await storage.setLastError(null);
      sendResponse({ ok: true, state: await popupState() });
    })
    .catch(async (error) => {
      const text = error?.message ?? String(error);
      if (!quiet) {
        await storage.setLastError(text);
        await refreshBadge();
      }
      sendResponse({ ok: false, error: text, state: await popupState().catch(() => null) });
    });
  return true; // the answer comes asynchronously
});

chrome.alarms.onAlarm.addListener((alarm) => {
  onAlarm(alarm).catch((error) => storage.setLastError(error.message));
});

chrome.cookies.onChanged.addListener(onCookieChanged);

// a popup can close while Chrome shows the permission prompt, taking its "connect" message with it:
// the grant itself (only ever made by the user, from Connect or the browser's site access) connects
chrome.permissions.onAdded.addListener(async ({ origins = [] }) => {
  const known = await storage.platforms();
  for (const name of PLATFORM_NAMES) {
    const asked = PLATFORMS[name].hostPatterns.some((pattern) => origins.includes(pattern));
    if (!asked || known[name]?.connected || known[name]?.awaitingSignIn) continue;
    if (!(await isPaired()) || !(await hasPlatformAccess(name))) continue;
    await connect(name).catch((error) => storage.setLastError(error.message));
  }
  await refreshBadge();
});

// the user can also take a platform's access away in chrome://extensions: then it is disconnected
chrome.permissions.onRemoved.addListener(async ({ origins = [] }) => {
  const known = await storage.platforms();
  for (const name of PLATFORM_NAMES) {
    if (known[name] && PLATFORMS[name].hostPatterns.some((pattern) => origins.includes(pattern))) {
      await disconnect(name).catch(() => {});
    }
  }
  await refreshBadge();
});

chrome.runtime.onInstalled.addListener(() => {
  refreshBadge();
  isPaired().then((paired) => paired && ensureAlarms());
});
chrome.runtime.onStartup.addListener(() => {
  refreshBadge();
  isPaired().then((paired) => paired && ensureAlarms());
});
resumeScans().catch(() => refreshBadge());
