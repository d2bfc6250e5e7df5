// The storage manager: everything the extension remembers lives in chrome.storage.local under a
// few named keys, so the popup can watch changes with chrome.storage.onChanged.
import { DEFAULT_SERVER_URL } from "./defaults.js";

const KEYS = Object.freeze({
  serverUrl: "serverUrl", // string, no trailing slash
  auth: "auth", // {accessToken, refreshToken, accessExpiresAt (ms)} or absent
  platforms: "platforms", // {google: {connected, state, cookieCount, handoffAt, nextHandoffAt, ...}}
  scans: "scans", // {google: {mode, state, progress, message, startedAt, finishedAt, result}}
  lastError: "lastError", // {message, at} or absent
  browserScanActive: "browserScanActive", // true while an in-browser scan has tabs open
});

export { KEYS };

async function read(key, fallback) {
  const found = await chrome.storage.local.get(key);
  return found[key] ?? fallback;
}

async function write(key, value) {
  await chrome.storage.local.set({ [key]: value });
}

// read-modify-write of one key must not interleave with another (await points would lose updates)
let queue = Promise.resolve();
function serialised(task) {
  const run = queue.then(task, task);
  queue = run.catch(() => {});
  return run;
}

function patchEntry(key, name, patch) {
  return serialised(async () => {
    const all = await read(key, {});
    all[name] = { ...(all[name] ?? {}), ...patch };
    await write(key, all);
    return all[name];
  });
}

export function normaliseServerUrl(raw) {
  let url;
  try {
    url = new URL(String(raw).trim());
  } catch {
    throw new Error(`"${raw}" is not a URL; use e.g. ${DEFAULT_SERVER_URL}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new Error("the server URL must start with https:// (or http:// for a local server)");
  }
  if (url.protocol === "http:" && !["127.0.0.1", "localhost"].includes(url.hostname)) {
    throw new Error("plain http is only allowed for a local server; use https://");
  }
  return url.origin + url.pathname.replace(/\/+$/, "");
}

export const storage = {
  async serverUrl() {
    return read(KEYS.serverUrl, DEFAULT_SERVER_URL);
  },
  async setServerUrl(raw) {
    const url = normaliseServerUrl(raw);
    await write(KEYS.serverUrl, url);
    return url;
  },
  async auth() {
    return read(KEYS.auth, null);
  },
  async setAuth(auth) {
    if (auth) await write(KEYS.auth, auth);
    else await chrome.storage.local.remove(KEYS.auth);
  },
  async platforms() {
    return read(KEYS.platforms, {});
  },
  updatePlatform(name, patch) {
    return patchEntry(KEYS.platforms, name, patch);
  },
  removePlatform(name) {
    return serialised(async () => {
      const all = await read(KEYS.platforms, {});
      delete all[name];
      await write(KEYS.platforms, all);
    });
  },
  async scans() {
    return read(KEYS.scans, {});
  },
  resetScan(name, value) {
    return serialised(async () => {
      const all = await read(KEYS.scans, {});
      all[name] = { ...value, updatedAt: Date.now() };
      await write(KEYS.scans, all);
      return all[name];
    });
  },
  updateScan(name, patch) {
    return patchEntry(KEYS.scans, name, { ...patch, updatedAt: Date.now() });
  },
  async lastError() {
    return read(KEYS.lastError, null);
  },
  async setLastError(message) {
    if (message) await write(KEYS.lastError, { message: String(message), at: Date.now() });
    else await chrome.storage.local.remove(KEYS.lastError);
  },
  async setBrowserScanActive(active) {
    if (active) await write(KEYS.browserScanActive, true);
    else await chrome.storage.local.remove(KEYS.browserScanActive);
  },
  async clearAccount() {
    await chrome.storage.local.remove([KEYS.auth, KEYS.platforms, KEYS.scans, KEYS.lastError]);
  },
};
