// Asking for access, from a click in an extension page (the popup, the connect page, the options):
// chrome.permissions.request must run in the click's user activation, so it runs here, first, and
// the service worker does the rest.
import { PLATFORMS } from "../background/platforms.js";

export function send(type, fields = {}) {
  return chrome.runtime.sendMessage({ type, ...fields });
}

/** Ask for exactly one platform's hosts, then connect it. Resolves to the worker's answer. */
export async function connectPlatform(platform) {
  const { label, hostPatterns } = PLATFORMS[platform];
  let granted;
  try {
    granted = await chrome.permissions.request({ origins: hostPatterns });
  } catch (error) {
    return { ok: false, error: `could not ask for access to ${label}: ${error.message}` };
  }
  if (!granted) return { ok: false, error: `loopwho was not given access to ${label}'s sites; nothing was connected` };
  return send("connect", { platform });
}

/**
 * Ask for the server's origin (a store build lists it as an optional host permission; a developer
 * build lists loopback). An origin the manifest does not list cannot be asked for: the requests
 * then rely on the server's CORS admitting the extension.
 */
export async function requestServerAccess(serverOriginPattern) {
  try {
    return await chrome.permissions.request({ origins: [serverOriginPattern] });
  } catch {
    return false;
  }
}
