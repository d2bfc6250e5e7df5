// The loopwho API routes the extension calls (api/ owns them; see extension/README.md).
export const ROUTES = Object.freeze({
  auth: "/api/extension/auth", // POST {grant_type: pairing_code|refresh_token, ...} -> TokenPair
  session: "/api/extension/session", // POST {platform, cookies}; DELETE ?platform=
  services: "/api/extension/get-user-services",
  scanStatus: "/api/extension/scan-status", // GET ?platform= ; POST {platform} starts a scan
  submitScan: "/api/extension/submit-scan",
  dashboard: "/api/privacy/dashboard",
  history: "/api/privacy/history", // GET ?limit= ; change events, newest first
  pack: (platform) => `/api/extension/packs/${encodeURIComponent(platform)}`,
});
