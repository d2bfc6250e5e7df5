// The server's view of each platform (connected, reauth_required, revoked, last scan), and how many
// changes loopwho recorded since the user last opened the popup. A connection the server marked
// reauth_required shows on the badge; reconnect.js offers the fresh session when there is one.
import { authedRequest } from "./auth-manager.js";
import { refreshBadge } from "./badge.js";
import { PLATFORMS } from "./platforms.js";
import { ROUTES } from "./routes.js";
import { storage } from "./storage.js";

const HISTORY_PAGE = 100;

async function changesSince(sinceMs) {
  if (!sinceMs) return {};
  const body = await authedRequest(`${ROUTES.history}?limit=${HISTORY_PAGE}`);
  const counts = {};
  for (const event of body?.events ?? []) {
    if (Date.parse(event.created_at) <= sinceMs) break; // newest first
    counts[event.platform] = (counts[event.platform] ?? 0) + 1;
  }
  return counts;
}

export async function syncServices() {
  const body = await authedRequest(ROUTES.services);
  const services = Array.isArray(body) ? body : body?.services ?? [];
  const known = await storage.platforms();
  const changes = await changesSince(await storage.lastLookAt()).catch(() => ({}));
  for (const service of services) {
    const name = service?.platform;
    if (!name || !Object.hasOwn(PLATFORMS, name)) continue;
    const connected = !["not_connected", "revoked"].includes(service.status);
    if (!connected && !known[name]) continue; // nothing to remember about a platform never connected here
    await storage.updatePlatform(name, {
      connected,
      state: service.status ?? known[name]?.state ?? "connected",
      lastScanAt: service.last_scan_at ? Date.parse(service.last_scan_at) : known[name]?.lastScanAt ?? null,
      lastScanState: service.last_scan_status ?? known[name]?.lastScanState ?? null,
      changesSinceLook: changes[name] ?? 0,
    });
  }
  await refreshBadge();
  return services;
}
