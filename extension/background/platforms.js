// The platforms the extension can connect: the hosts it asks for when the user connects one (and
// only then: they are optional host permissions), where its cookies live, and its settings pages.
// cookieDomains must stay the server's profiles.domains.PLATFORM_COOKIE_DOMAINS and hostPatterns
// must cover them: chrome.cookies only sees granted hosts (tests/extension/test_manifest.py checks).
export const PLATFORMS = Object.freeze({
  google: {
    label: "Google",
    cookieDomains: ["google.com"],
    hostPatterns: ["https://*.google.com/*"],
    signInUrl: "https://accounts.google.com/",
    settingsUrl: "https://myactivity.google.com/activitycontrols",
    readerMatches: [
      "https://myactivity.google.com/*",
      "https://myadcenter.google.com/*",
      "https://myaccount.google.com/*",
    ],
  },
  facebook: {
    label: "Facebook",
    cookieDomains: ["facebook.com"],
    hostPatterns: ["https://*.facebook.com/*"],
    signInUrl: "https://www.facebook.com/login/",
    settingsUrl: "https://www.facebook.com/settings/?tab=privacy",
    readerMatches: [
      "https://www.facebook.com/settings*",
      "https://www.facebook.com/privacy*",
      "https://accountscenter.facebook.com/*",
    ],
  },
  microsoft: {
    label: "Microsoft",
    // personal accounts sign in on live.com, work and school accounts on microsoftonline.com
    cookieDomains: ["microsoft.com", "live.com", "microsoftonline.com"],
    hostPatterns: ["https://*.microsoft.com/*", "https://*.live.com/*", "https://*.microsoftonline.com/*"],
    signInUrl: "https://login.live.com/",
    settingsUrl: "https://account.microsoft.com/privacy",
    readerMatches: ["https://account.microsoft.com/privacy*"],
  },
});

export const PLATFORM_NAMES = Object.freeze(Object.keys(PLATFORMS));

// why the extension asks for a platform's hosts, in one sentence (popup and connect page)
export function whyHosts(name) {
  const { label } = requirePlatform(name);
  return `loopwho needs access to ${label}'s sites to read your ${label} sign-in cookies (only the ones the `
    + `session needs) and to read your ${label} privacy settings pages when you ask it to.`;
}

export function requirePlatform(name) {
  if (!Object.hasOwn(PLATFORMS, name)) {
    throw new Error(`unknown platform "${name}"; expected one of ${PLATFORM_NAMES.join(", ")}`);
  }
  return PLATFORMS[name];
}
