// The toolbar badge says, at a glance, what state the extension is in: not paired, paired with
// nothing connected, connected, scanning, a connection that needs the user to sign in again, error.
import { storage } from "./storage.js";

export const BADGES = Object.freeze({
  unpaired: { text: "PAIR", color: "#6e7781", title: "loopwho: not paired with your account" },
  idle: { text: "", color: "#6e7781", title: "loopwho: paired; connect a platform to watch it" },
  ok: { text: "✓", color: "#1a7f37", title: "loopwho: connected" },
  scanning: { text: "…", color: "#0969da", title: "loopwho: scanning" },
  reauth: { text: "!", color: "#bc4c00", title: "loopwho: sign in again, then reconnect" },
  error: { text: "ERR", color: "#cf222e", title: "loopwho: something went wrong; open the popup" },
});

const BUSY = new Set(["queued", "running", "reading", "submitting", "starting"]);

/** The overall state, from what storage holds: the worst wins, except that a scan in flight shows. */
export async function overallState() {
  const auth = await storage.auth();
  if (!auth) return "unpaired";
  if (!auth.refreshToken) return "reauth";
  const scans = Object.values(await storage.scans());
  if (scans.some((scan) => BUSY.has(scan.state))) return "scanning";
  const platforms = Object.values(await storage.platforms());
  if (platforms.some((p) => p.state === "reauth_required")) return "reauth";
  if (await storage.lastError()) return "error";
  return platforms.some((p) => p.connected) ? "ok" : "idle";
}

export async function refreshBadge() {
  const state = await overallState();
  const badge = BADGES[state];
  await chrome.action.setBadgeText({ text: badge.text });
  await chrome.action.setBadgeBackgroundColor({ color: badge.color });
  await chrome.action.setTitle({ title: badge.title });
  return state;
}
