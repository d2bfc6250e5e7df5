// Host access, asked for one platform at a time. A platform's hosts are optional host permissions:
// granted when the user connects it (chrome.permissions.request from a click in the popup or the
// connect page; a service worker cannot ask), removed when they disconnect, so with nothing
// connected the extension holds no host permission at all. The settings-page readers (content
// scripts) are registered per connected platform for the same reason: declared in the manifest,
// their match patterns would be host permissions granted at install.
import { PLATFORMS, PLATFORM_NAMES, requirePlatform } from "./platforms.js";

const READER_FILES = (name) => ["content/extractor.js", "content/reader.js", `content/${name}.js`];
const readerId = (name) => `reader-${name}`;

export function platformOrigins(name) {
  return [...requirePlatform(name).hostPatterns];
}

export async function hasPlatformAccess(name) {
  return chrome.permissions.contains({ origins: platformOrigins(name) });
}

/** Platforms whose hosts this browser granted (all of them: a partial grant counts as none). */
export async function grantedPlatforms() {
  const granted = [];
  for (const name of PLATFORM_NAMES) if (await hasPlatformAccess(name)) granted.push(name);
  return granted;
}

export async function registerReaders(name) {
  const id = readerId(name);
  const existing = await chrome.scripting.getRegisteredContentScripts({ ids: [id] });
  if (existing.length > 0) return;
  await chrome.scripting.registerContentScripts([{
    id, matches: PLATFORMS[name].readerMatches, js: READER_FILES(name), runAt: "document_idle",
    persistAcrossSessions: true,
  }]);
}

export async function unregisterReaders(name) {
  const id = readerId(name);
  const existing = await chrome.scripting.getRegisteredContentScripts({ ids: [id] });
  if (existing.length > 0) await chrome.scripting.unregisterContentScripts({ ids: [id] });
}

/** Drop a platform's hosts and readers: what "Disconnect" leaves behind is nothing. */
export async function dropPlatformAccess(name) {
  await unregisterReaders(name);
  await chrome.permissions.remove({ origins: platformOrigins(name) });
}
