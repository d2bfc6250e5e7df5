// The cookie handoff: send loopwho the cookies that carry one platform's session, and nothing else.
// Which cookies those are is data: the active selector pack names them (session cookies, which must
// all be there, and consent cookies, sent when present), fetched from the pack route the browser
// scans use, so a platform that renames its session cookie is fixed by publishing a pack. loopwho
// encrypts them into the user's session profile. Re-sent before the earliest one expires.
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

/** The pack's cookie list ({session, consent}); the last one seen when the server cannot answer. */
export async function cookieRules(platform) {
  try {
    const pack = await authedRequest(ROUTES.pack(platform));
    const rules = pack?.cookies ?? null;
    await storage.setCookieRules(platform, rules);
    return rules;
  } catch (error) {
    const cached = await storage.cookieRules(platform);
    if (cached) return cached;
    throw error;
  }
}

// the same test as the server's core.session_cookies.CookieRule.matches
export function ruleMatches(rule, cookie) {
  const domain = cookie.domain.toLowerCase().replace(/\.$/, "");
  const hostOnly = typeof cookie.hostOnly === "boolean" ? cookie.hostOnly : !domain.startsWith(".");
  return cookie.name === rule.name && domain.replace(/^\./, "") === rule.domain
    && hostOnly === Boolean(rule.host_only);
}

function shaped(cookie) {
  const out = {};
  for (const field of COOKIE_FIELDS) if (cookie[field] !== undefined) out[field] = cookie[field];
  return out;
}

/** Every cookie of the platform's domains this browser holds (chrome.cookies sees granted hosts only). */
async function allPlatformCookies(platform) {
  const { cookieDomains } = requirePlatform(platform);
  const seen = new Map();
  for (const domain of cookieDomains) {
    for (const cookie of await chrome.cookies.getAll({ domain })) {
      seen.set(`${cookie.storeId}|${cookie.domain}|${cookie.path}|${cookie.name}`, cookie);
    }
  }
  return [...seen.values()];
}

/**
 * The cookies to send: those the rules name (all of the platform's cookies when the pack names
 * none), and the session cookies that are missing ("SID (google.com)").
 */
export async function sessionCookies(platform, rules) {
  const all = await allPlatformCookies(platform);
  if (!rules) return { cookies: all.map(shaped), missing: all.length === 0 ? ["any cookie"] : [] };
  const named = [...(rules.session ?? []), ...(rules.consent ?? [])];
  const cookies = all.filter((cookie) => named.some((rule) => ruleMatches(rule, cookie))).map(shaped);
  const missing = (rules.session ?? [])
    .filter((rule) => !cookies.some((cookie) => ruleMatches(rule, cookie)))
    .map((rule) => `${rule.name} (${rule.domain})`);
  return { cookies, missing };
}

/**
 * A fingerprint of the session cookies (SHA-256 of their names and values, never the values
 * themselves): a session the user signed in to afresh has another one than the one handed over.
 */
export async function sessionFingerprint(cookies, rules) {
  const session = cookies
    .filter((cookie) => (rules?.session ?? []).some((rule) => ruleMatches(rule, cookie)))
    .map((cookie) => `${cookie.name}=${cookie.value}`)
    .sort()
    .join("\n");
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(session));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
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

export class NotSignedInError extends Error {
  constructor(label, missing) {
    super(`you are not signed in to ${label} in this browser (no ${missing.join(", ")}): `
      + `sign in to ${label}, then connect again`);
    this.name = "NotSignedInError";
  }
}

export async function sendSession(platform) {
  const { label } = requirePlatform(platform);
  const rules = await cookieRules(platform);
  const { cookies, missing } = await sessionCookies(platform, rules);
  if (missing.length > 0) throw new NotSignedInError(label, missing);
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
    cookieCount: answer?.cookie_count ?? cookies.length,
    handoffAt: Date.now(),
    nextHandoffAt,
    awaitingSignIn: false,
    reconnectReady: false,
    handedSession: await sessionFingerprint(cookies, rules),
    error: null,
  });
}

export async function revokeSession(platform) {
  requirePlatform(platform);
  await authedRequest(`${ROUTES.session}?platform=${encodeURIComponent(platform)}`, { method: "DELETE" });
  await chrome.alarms.clear(HANDOFF_ALARM_PREFIX + platform);
  await storage.removePlatform(platform);
}
