// The auth manager: pairs the extension with a code the user created in their loopwho account,
// keeps the short-lived access token fresh (refreshing before it expires; the refresh token
// rotates on every use), and signs API calls. A refused refresh means the pairing is gone.
import { ApiError, apiRequest } from "./api-client.js";
import { ACCESS_TOKEN_FALLBACK_TTL_S, TOKEN_REFRESH_MARGIN_S } from "./defaults.js";
import { ROUTES } from "./routes.js";
import { storage } from "./storage.js";

export class NotPairedError extends Error {
  constructor(message = "this browser is not paired with loopwho; pair it with a code from your account") {
    super(message);
    this.name = "NotPairedError";
  }
}

// the JWT's own exp claim, when the server does not say expires_in
export function jwtExpiryMs(token) {
  try {
    const payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    const claims = JSON.parse(atob(payload.padEnd(payload.length + ((4 - (payload.length % 4)) % 4), "=")));
    return typeof claims.exp === "number" ? claims.exp * 1000 : null;
  } catch {
    return null;
  }
}

function tokensFrom(body) {
  const accessToken = body?.access_token;
  const refreshToken = body?.refresh_token;
  if (typeof accessToken !== "string" || typeof refreshToken !== "string") {
    throw new ApiError(0, "the server's answer held no tokens; is the server URL a loopwho server?");
  }
  const expiresIn = Number(body.expires_in);
  const accessExpiresAt = Number.isFinite(expiresIn) && expiresIn > 0
    ? Date.now() + expiresIn * 1000
    : jwtExpiryMs(accessToken) ?? Date.now() + ACCESS_TOKEN_FALLBACK_TTL_S * 1000;
  return { accessToken, refreshToken, accessExpiresAt, pairedAt: Date.now() };
}

// how the pairing is listed in the user's account ("revoke the one on my laptop")
function deviceName() {
  const platform = navigator.userAgentData?.platform || navigator.platform || "a browser";
  return `loopwho extension on ${platform}`.slice(0, 100);
}

export async function pair(code) {
  const trimmed = String(code ?? "").replace(/\s+/g, "");
  if (!trimmed) throw new Error("enter the pairing code shown in your loopwho account");
  const serverUrl = await storage.serverUrl();
  const body = await apiRequest(serverUrl, ROUTES.auth, {
    method: "POST",
    body: { grant_type: "pairing_code", code: trimmed, device_name: deviceName() },
    retries: 0, // a code works once: a blind retry after a lost answer could only be refused
  });
  const auth = tokensFrom(body);
  await storage.setAuth(auth);
  await storage.setLastError(null);
  return auth;
}

let refreshing = null; // one refresh at a time: a rotated refresh token is good for one use only

async function refresh(auth) {
  const serverUrl = await storage.serverUrl();
  try {
    const body = await apiRequest(serverUrl, ROUTES.auth, {
      method: "POST",
      body: { grant_type: "refresh_token", refresh_token: auth.refreshToken },
      // never retried blindly: if the first try reached the server, the token is spent, and
      // replaying a spent refresh token makes loopwho disconnect this browser
      retries: 0,
    });
    const next = { ...tokensFrom(body), pairedAt: auth.pairedAt };
    await storage.setAuth(next);
    return next;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 400 || error.status === 401 || error.status === 403)) {
      await storage.setAuth({ ...auth, accessToken: null, refreshToken: null, revoked: true });
      throw new NotPairedError("loopwho no longer accepts this browser's pairing; pair it again");
    }
    throw error;
  }
}

export function refreshNow() {
  refreshing ??= (async () => {
    try {
      const auth = await storage.auth();
      if (!auth?.refreshToken) throw new NotPairedError();
      return await refresh(auth);
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

export async function accessToken() {
  const auth = await storage.auth();
  if (!auth?.refreshToken) throw new NotPairedError();
  if (auth.accessToken && auth.accessExpiresAt - Date.now() > TOKEN_REFRESH_MARGIN_S * 1000) {
    return auth.accessToken;
  }
  return (await refreshNow()).accessToken;
}

export async function isPaired() {
  const auth = await storage.auth();
  return Boolean(auth?.refreshToken);
}

/** An API call as the paired user; a 401 (token revoked or clock skew) gets one refresh and retry. */
export async function authedRequest(path, options = {}) {
  const serverUrl = await storage.serverUrl();
  const token = await accessToken();
  try {
    return await apiRequest(serverUrl, path, { ...options, token });
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    const next = await refreshNow();
    return apiRequest(serverUrl, path, { ...options, token: next.accessToken });
  }
}

export async function unpair() {
  await storage.clearAccount();
}
