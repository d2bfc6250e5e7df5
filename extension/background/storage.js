// The storage manager: everything the extension remembers lives in chrome.storage.local under a
// few named keys, so the popup can watch changes with chrome.storage.onChanged.
import { DEFAULT_SERVER_URL, DEVELOPER_BUILD } from "./defaults.js";

const KEYS = Object.freeze({
  serverUrl: "serverUrl", // string, no trailing slash
  auth: "auth", // {accessToken, refreshToken, accessExpiresAt (ms)} or absent
  platforms: "platforms", // {google: {connected, state, cookieCount, handoffAt, nextHandoffAt, ...}}
  scans: "scans", // {google: {mode, state, progress, message, startedAt, finishedAt, result}}
  lastError: "lastError", // {message, at} or absent
  browserScanActive: "browserScanActive", // true while an in-browser scan has tabs open
  developerMode: "developerMode", // boolean; absent: the build's default (loopback servers allowed)
  cookieRules: "cookieRules", // {google: {session: [{name, domain, host_only}], consent: [...]}} from the pack
  lastLookAt: "lastLookAt", // ms: when the popup was last opened ("changes since the last look")
});

const LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]"];

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

/** The server URL as stored: https, or a loopback server while the developer flag is on. */
export function normaliseServerUrl(raw, { developer = false } = {}) {
  let url;
  try {
    url = new URL(String(raw).trim());
  } catch {
    throw new Error(`"${raw}" is not a URL; use e.g. https://loopwho.example`);
  }
  if (url.username || url.password) throw new Error("the server URL must not hold a user name or password");
  const loopback = LOOPBACK_HOSTS.includes(url.hostname);
  if (loopback && !developer) {
    throw new Error("a local (loopback) server needs the developer flag; switch it on in the options first");
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw new Error("the server URL must start with https:// (plain http only for a local server in developer mode)");
  }
  return url.origin + url.pathname.replace(/\/+$/, "");
}

/** The origin pattern the extension asks for as an optional host permission ("https://host/*"). */
export function serverOriginPattern(serverUrl) {
  const url = new URL(serverUrl);
  return `${url.protocol}//${url.hostname}/*`; // match patterns carry no port
}

export const storage = {
  async serverUrl() {
    return read(KEYS.serverUrl, DEFAULT_SERVER_URL);
  },
  async developerMode() {
    return read(KEYS.developerMode, DEVELOPER_BUILD);
  },
  async setDeveloperMode(on) {
    await write(KEYS.developerMode, Boolean(on));
  },
  async cookieRules(name) {
    return (await read(KEYS.cookieRules, {}))[name] ?? null;
  },
  setCookieRules(name, rules) {
    return serialised(async () => {
      const all = await read(KEYS.cookieRules, {});
      all[name] = rules;
      await write(KEYS.cookieRules, all);
    });
  },
  async lastLookAt() {
    return read(KEYS.lastLookAt, null);
  },
  async setLastLookAt(ms) {
    await write(KEYS.lastLookAt, ms);
  },
  async setServerUrl(raw) {
    const url = normaliseServerUrl(raw, { developer: await this.developerMode() });
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
    await chrome.storage.local.remove([
      KEYS.auth, KEYS.platforms, KEYS.scans, KEYS.lastError, KEYS.cookieRules, KEYS.lastLookAt,
    ]);
  },
};
