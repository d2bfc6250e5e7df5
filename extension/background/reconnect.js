// One-click reconnect. When loopwho marks a connection reauth_required, the user fixes it by signing
// in to the platform again in this browser. The extension sees the fresh session cookies
// (chrome.cookies.onChanged: only hosts the user granted) and offers "Reconnect" in the popup; only
// when the user ticked "reconnect by itself" on an earlier reconnect (standing consent, never
// assumed) does it hand the fresh session over without asking. A platform the user clicked
// "Connect" for before signing in is handed over as soon as the sign-in completes: that click was
// the consent.
import { refreshBadge } from "./badge.js";
import { ruleMatches, sendSession, sessionCookies, sessionFingerprint } from "./handoff.js";
import { PLATFORMS } from "./platforms.js";
import { storage } from "./storage.js";

const inFlight = new Map(); // platform -> promise: a sign-in sets several cookies at once

function platformOfDomain(domain) {
  const host = domain.replace(/^\./, "").toLowerCase();
  return Object.keys(PLATFORMS).find((name) =>
    PLATFORMS[name].cookieDomains.some((d) => host === d || host.endsWith(`.${d}`)));
}

/** Is a fresh session there to hand over? Every session cookie the pack names, and not the
 * session loopwho already holds (that one ended: it is why loopwho asks to sign in again). */
export async function freshSessionReady(platform) {
  const rules = await storage.cookieRules(platform);
  if (!rules) return false;
  const { cookies, missing } = await sessionCookies(platform, rules);
  if (missing.length > 0) return false;
  const handed = (await storage.platforms())[platform]?.handedSession;
  return !handed || (await sessionFingerprint(cookies, rules)) !== handed;
}

async function consider(platform) {
  const entry = (await storage.platforms())[platform];
  if (!entry || !(entry.awaitingSignIn || entry.state === "reauth_required")) return;
  if (!(await freshSessionReady(platform))) return;
  if (entry.awaitingSignIn || entry.autoReconnect) {
    try {
      await sendSession(platform);
    } catch (error) {
      await storage.updatePlatform(platform, { error: error.message });
    }
  } else {
    await storage.updatePlatform(platform, { reconnectReady: true });
  }
  await refreshBadge();
}

export function onCookieChanged({ removed, cookie }) {
  if (removed) return;
  const platform = platformOfDomain(cookie.domain);
  if (!platform || inFlight.has(platform)) return;
  const run = (async () => {
    const rules = await storage.cookieRules(platform);
    if (!rules?.session?.some((rule) => ruleMatches(rule, cookie))) return;
    await new Promise((resolve) => setTimeout(resolve, 300)); // let the sign-in set its other cookies
    await consider(platform);
  })().finally(() => inFlight.delete(platform));
  inFlight.set(platform, run);
}
