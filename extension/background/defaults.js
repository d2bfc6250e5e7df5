// Every tunable number of the extension, named, in one place.
import { BUILD } from "./config.js";

export const DEFAULT_SERVER_URL = BUILD.serverUrl;
export const DEVELOPER_BUILD = BUILD.developer;
export const SYNC_INTERVAL_MIN = 30; // how often connection states are fetched (reauth shows on the badge)

// API client: retries on network errors and 5xx, with exponential back-off
export const REQUEST_TIMEOUT_MS = 15_000;
export const REQUEST_RETRIES = 3;
export const RETRY_BASE_DELAY_MS = 500;
export const RETRY_MAX_DELAY_MS = 8_000;
export const RETRY_AFTER_MAX_S = 120; // a 429's Retry-After longer than this is not waited for

// auth: refresh the access token this long before it expires
export const TOKEN_REFRESH_MARGIN_S = 120;
export const ACCESS_TOKEN_FALLBACK_TTL_S = 15 * 60; // when the server names no expiry

// cookie handoff: re-send this long before the earliest platform cookie expires, and at least
// this often (session cookies carry no expiry, and platforms rotate cookies silently)
export const HANDOFF_EXPIRY_MARGIN_MIN = 60;
export const HANDOFF_MIN_DELAY_MIN = 1;
export const HANDOFF_MAX_DELAY_MIN = 12 * 60;
export const HANDOFF_BODY_MAX_COOKIES = 200; // mirrors the server's bound; more is refused there

// scans
export const SCAN_POLL_INTERVAL_MS = 1_000;
export const SCAN_POLL_TIMEOUT_MS = 5 * 60_000;
export const BROWSER_SCAN_PAGE_TIMEOUT_MS = 30_000;
export const CONTENT_READY_TIMEOUT_MS = 15_000;
