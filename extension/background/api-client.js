// The API client: JSON over fetch with a timeout; retries with exponential back-off on network
// errors and 5xx, waits out a 429's Retry-After, and never retries any other 4xx (the request
// itself is wrong, or the token is: retrying cannot help).
import {
  REQUEST_RETRIES,
  REQUEST_TIMEOUT_MS,
  RETRY_AFTER_MAX_S,
  RETRY_BASE_DELAY_MS,
  RETRY_MAX_DELAY_MS,
} from "./defaults.js";

export class ApiError extends Error {
  constructor(status, message, body = null) {
    super(message);
    this.name = "ApiError";
    this.status = status; // 0 for a network failure
    this.body = body;
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function backoffDelayMs(attempt, base = RETRY_BASE_DELAY_MS, cap = RETRY_MAX_DELAY_MS) {
  const exponential = Math.min(cap, base * 2 ** attempt);
  return exponential / 2 + Math.random() * (exponential / 2); // jitter: retries do not march in step
}

// Retry-After is either seconds or an HTTP date (RFC 9110 10.2.3)
export function retryAfterMs(header, now = Date.now()) {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const when = Date.parse(header);
  return Number.isNaN(when) ? null : Math.max(0, when - now);
}

function messageFrom(status, body, fallback) {
  if (body && typeof body === "object") {
    const text = [body.error, body.detail, body.message].find((part) => typeof part === "string" && part);
    return text ?? fallback;
  }
  if (typeof body === "string" && body.length > 0 && body.length < 300) return body;
  return fallback;
}

async function readBody(response) {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * One API call. `path` is relative to the server URL; `token` goes in the Authorization header.
 * Resolves to the parsed JSON body (or null); rejects with ApiError.
 */
export async function apiRequest(serverUrl, path, options = {}) {
  const { method = "GET", body, token, retries = REQUEST_RETRIES, timeoutMs = REQUEST_TIMEOUT_MS } = options;
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (token) headers.Authorization = `Bearer ${token}`;
  const url = serverUrl + path;

  for (let attempt = 0; ; attempt += 1) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
        credentials: "omit", // the bearer token is the only credential; no server cookies ride along
      });
    } catch (error) {
      clearTimeout(timer);
      if (attempt < retries) {
        await sleep(backoffDelayMs(attempt));
        continue;
      }
      const why = error?.name === "AbortError" ? "timed out" : "could not be reached";
      throw new ApiError(0, `the loopwho server at ${serverUrl} ${why}`);
    }
    clearTimeout(timer);
    const payload = await readBody(response).catch(() => null);
    if (response.ok) return payload;

    if (response.status === 429 && attempt < retries) {
      const wait = retryAfterMs(response.headers.get("Retry-After")) ?? backoffDelayMs(attempt);
      if (wait <= RETRY_AFTER_MAX_S * 1000) {
        await sleep(wait);
        continue;
      }
    }
    if (response.status >= 500 && attempt < retries) {
      await sleep(backoffDelayMs(attempt));
      continue;
    }
    const fallback = response.status === 429
      ? "too many requests; try again later"
      : `the server answered ${response.status}`;
    throw new ApiError(response.status, messageFrom(response.status, payload, fallback), payload);
  }
}
