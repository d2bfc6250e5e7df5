// The platforms the extension can connect, and where their cookies live. The cookie domains must
// stay inside the manifest's host_permissions: chrome.cookies only sees hosts we were granted.
export const PLATFORMS = Object.freeze({
  google: {
    label: "Google",
    cookieDomains: ["google.com"],
    signInUrl: "https://accounts.google.com/",
    settingsUrl: "https://myactivity.google.com/activitycontrols",
  },
  facebook: {
    label: "Facebook",
    cookieDomains: ["facebook.com"],
    signInUrl: "https://www.facebook.com/login/",
    settingsUrl: "https://www.facebook.com/settings/?tab=privacy",
  },
  microsoft: {
    label: "Microsoft",
    cookieDomains: ["microsoft.com", "live.com"],
    signInUrl: "https://login.live.com/",
    settingsUrl: "https://account.microsoft.com/privacy",
  },
});

export const PLATFORM_NAMES = Object.freeze(Object.keys(PLATFORMS));

export function requirePlatform(name) {
  if (!Object.hasOwn(PLATFORMS, name)) {
    throw new Error(`unknown platform "${name}"; expected one of ${PLATFORM_NAMES.join(", ")}`);
  }
  return PLATFORMS[name];
}
