// The cookie handoff: read one platform's cookies (only that platform's domains) and send them to
// loopwho, which encrypts them into the user's session profile for that platform. Re-sent on a
// schedule, before the earliest cookie expires.
import { authedRequest } from "./auth-manager.js";
import {
  HANDOFF_BODY_MAX_COOKIES,
  HANDOFF_EXPIRY_MARGIN_MIN,
  HANDOFF_MAX_DELAY_MIN,
  HANDOFF_MIN_DELAY_MIN,
} from "./defaults.js";
import { requirePlatform } from "./platforms.js";
import { ROUTES } from "./routes.js";
import { storage } from "./storage.js";

export const HANDOFF_ALARM_PREFIX = "handoff:";

// the fields of chrome.cookies.getAll's Cookie that the server's Cookie type knows
const COOKIE_FIELDS = [
  "name", "value", "domain", "path", "secure", "httpOnly", "sameSite", "expirationDate", "hostOnly",
  "session", "storeId",
];

export async function platformCookies(platform) {
  const { cookieDomains } = requirePlatform(platform);
  const seen = new Map();
  for (const domain of cookieDomains) {
    for (const cookie of await chrome.cookies.getAll({ domain })) {
      const id = `${cookie.storeId}|${cookie.domain}|${cookie.path}|${cookie.name}`;
      const shaped = {};
      for (const field of COOKIE_FIELDS) if (cookie[field] !== undefined) shaped[field] = cookie[field];
      seen.set(id, shaped);
    }
  }
  return [...seen.values()];
}

/** Minutes until the next handoff: before the first expiring cookie, within fixed bounds. */
export function nextHandoffDelayMin(cookies, now = Date.now()) {
  const expiries = cookies
    .map((cookie) => cookie.expirationDate)
    .filter((seconds) => typeof seconds === "number" && seconds * 1000 > now);
  let delay = HANDOFF_MAX_DELAY_MIN;
  if (expiries.length > 0) {
    const firstExpiryMin = (Math.min(...expiries) * 1000 - now) / 60_000;
    delay = Math.min(delay, firstExpiryMin - HANDOFF_EXPIRY_MARGIN_MIN);
  }
  return Math.max(HANDOFF_MIN_DELAY_MIN, delay);
}

export async function scheduleHandoff(platform, cookies) {
  const delayInMinutes = nextHandoffDelayMin(cookies);
  await chrome.alarms.create(HANDOFF_ALARM_PREFIX + platform, { delayInMinutes });
  return Date.now() + delayInMinutes * 60_000;
}

export async function sendSession(platform) {
  const { label } = requirePlatform(platform);
  const cookies = await platformCookies(platform);
  if (cookies.length === 0) {
    throw new Error(`no ${label} cookies in this browser: sign in to ${label} first, then send the session`);
  }
  if (cookies.length > HANDOFF_BODY_MAX_COOKIES) {
    throw new Error(`${label} has ${cookies.length} cookies here, more than loopwho accepts (${HANDOFF_BODY_MAX_COOKIES})`);
  }
  const answer = await authedRequest(ROUTES.session, {
    method: "POST",
    body: {
      platform,
      cookies,
      // the server replays the session looking like this browser, so the platform sees no stranger
      user_agent: navigator.userAgent,
      locale: navigator.language.slice(0, 35),
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone.slice(0, 64),
    },
  });
  const nextHandoffAt = await scheduleHandoff(platform, cookies);
  return storage.updatePlatform(platform, {
    connected: true,
    state: answer?.status ?? "connected",
    sessionExpiresAt: answer?.session_expires_at ? Date.parse(answer.session_expires_at) : null,
    cookieCount: cookies.length,
    handoffAt: Date.now(),
    nextHandoffAt,
    error: null,
  });
}

export async function revokeSession(platform) {
  requirePlatform(platform);
  await authedRequest(`${ROUTES.session}?platform=${encodeURIComponent(platform)}`, { method: "DELETE" });
  await chrome.alarms.clear(HANDOFF_ALARM_PREFIX + platform);
  await storage.removePlatform(platform);
}
