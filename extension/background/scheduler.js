// The alarms schedule: re-send each connected platform's cookies before they expire, and (when the
// user asks for it) read the settings in this browser on a fixed period. Alarms survive the
// service worker going to sleep; timers do not.
import { isPaired } from "./auth-manager.js";
import { refreshBadge } from "./badge.js";
import { SYNC_INTERVAL_MIN } from "./defaults.js";
import {
  HANDOFF_ALARM_PREFIX, NotSignedInError, scheduleHandoff, sendSession, sessionCookies,
} from "./handoff.js";
import { PLATFORM_NAMES } from "./platforms.js";
import { runBrowserScan } from "./scans.js";
import { syncServices } from "./services.js";
import { storage } from "./storage.js";

export const BROWSER_SCAN_ALARM = "browser-scan";
export const SYNC_ALARM = "sync-services"; // the server's view of each connection (reauth_required)
const BROWSER_SCAN_INTERVAL_KEY = "browserScanIntervalMin"; // 0 or absent: never

export async function browserScanIntervalMin() {
  const found = await chrome.storage.local.get(BROWSER_SCAN_INTERVAL_KEY);
  return Number(found[BROWSER_SCAN_INTERVAL_KEY] ?? 0);
}

export async function setBrowserScanInterval(minutes) {
  const value = Math.max(0, Math.floor(Number(minutes) || 0));
  await chrome.storage.local.set({ [BROWSER_SCAN_INTERVAL_KEY]: value });
  await chrome.alarms.clear(BROWSER_SCAN_ALARM);
  if (value > 0) await chrome.alarms.create(BROWSER_SCAN_ALARM, { periodInMinutes: value });
  return value;
}

async function refreshHandoff(platform) {
  try {
    await sendSession(platform);
  } catch (error) {
    // signed out in this browser, or the server is away: say so, and try again later
    await storage.updatePlatform(platform, {
      state: error instanceof NotSignedInError ? "reauth_required" : "error",
      error: error.message,
      nextHandoffAt: await scheduleHandoff(platform, []),
    });
  }
}

export async function onAlarm(alarm) {
  if (!(await isPaired())) return;
  if (alarm.name.startsWith(HANDOFF_ALARM_PREFIX)) {
    const platform = alarm.name.slice(HANDOFF_ALARM_PREFIX.length);
    const known = await storage.platforms();
    if (known[platform]?.connected) await refreshHandoff(platform);
  } else if (alarm.name === SYNC_ALARM) {
    await syncServices();
  } else if (alarm.name === BROWSER_SCAN_ALARM) {
    const known = await storage.platforms();
    for (const platform of PLATFORM_NAMES) {
      if (known[platform]?.connected) await runBrowserScan(platform).catch(() => {});
    }
  }
  await refreshBadge();
}

/** After a browser restart or an update: make sure every connected platform has its alarm. */
export async function ensureAlarms() {
  const known = await storage.platforms();
  for (const platform of PLATFORM_NAMES) {
    if (!known[platform]?.connected) continue;
    const existing = await chrome.alarms.get(HANDOFF_ALARM_PREFIX + platform);
    if (existing) continue;
    const { cookies } = await sessionCookies(platform, await storage.cookieRules(platform)).catch(() => ({ cookies: [] }));
    await scheduleHandoff(platform, cookies);
  }
  if (!(await chrome.alarms.get(SYNC_ALARM))) {
    await chrome.alarms.create(SYNC_ALARM, { periodInMinutes: SYNC_INTERVAL_MIN });
  }
  const interval = await browserScanIntervalMin();
  if (interval > 0 && !(await chrome.alarms.get(BROWSER_SCAN_ALARM))) {
    await chrome.alarms.create(BROWSER_SCAN_ALARM, { periodInMinutes: interval });
  }
}
