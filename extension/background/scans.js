// Scans, two ways. A server scan: ask loopwho to scan now and follow its progress. A browser scan:
// open the platform's settings pages in background tabs, let the content scripts read them with
// the active selector pack (the scanner's own extractor), and submit the readings.
import { authedRequest } from "./auth-manager.js";
import { refreshBadge } from "./badge.js";
import {
  BROWSER_SCAN_PAGE_TIMEOUT_MS,
  CONTENT_READY_TIMEOUT_MS,
  SCAN_POLL_INTERVAL_MS,
  SCAN_POLL_TIMEOUT_MS,
} from "./defaults.js";
import { requirePlatform } from "./platforms.js";
import { ROUTES } from "./routes.js";
import { storage } from "./storage.js";

const BUSY_STATES = new Set(["starting", "queued", "running", "reading", "submitting"]);
const FINAL_STATES = new Set(["done", "ok", "partial", "failed", "reauth_required", "verification_required"]);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// the server's scan job (ScanJobOut: id, status, progress 0..100, error) as the popup shows it
function jobFrom(body, platform, scanId) {
  if (body?.job) return body.job;
  const jobs = Array.isArray(body?.jobs) ? body.jobs : [body];
  const mine = jobs.filter((job) => job && (!job.platform || job.platform === platform));
  return mine.find((job) => scanId && job.id === scanId) ?? mine[0] ?? null;
}

function statusOf(body, platform, scanId = null) {
  const job = jobFrom(body, platform, scanId);
  if (!job) return { state: "failed", progress: null, message: "loopwho knows no scan of this platform" };
  const progress = Number(job.progress);
  return {
    state: job.status ?? "queued",
    progress: Number.isFinite(progress) ? Math.max(0, Math.min(100, progress)) / 100 : null,
    message: job.error ?? null,
    scanId: job.id ?? scanId,
  };
}

// what the finished scan came to, as loopwho's dashboard sees it (score, settings, advice)
async function refreshSummary(platform) {
  try {
    const body = await authedRequest(ROUTES.dashboard);
    const mine = (body?.platforms ?? []).find((entry) => entry.platform === platform);
    if (!mine) return;
    await storage.updatePlatform(platform, {
      lastScanAt: Date.parse(mine.last_scan_at) || Date.now(),
      lastScanState: mine.last_scan_status ?? null,
      summary: {
        privacyScore: mine.privacy_score ?? null,
        settings: (mine.settings ?? []).length,
        uncertain: (mine.settings ?? []).filter((setting) => setting.uncertain).length,
        recommendations: (mine.recommendations ?? []).length,
      },
    });
  } catch {
    // the summary is a nicety: the scan itself is done, and the popup says so without it
  }
}

async function settle(platform, status) {
  if (status.state === "reauth_required") {
    await storage.updatePlatform(platform, { state: "reauth_required" });
  } else if (status.state !== "failed") {
    await storage.updatePlatform(platform, { lastScanAt: Date.now(), lastScanState: status.state });
    if (status.state === "done") await refreshSummary(platform);
  }
  await refreshBadge();
}

// ---- server scans -------------------------------------------------------------------------

const polling = new Map(); // platform -> promise of the poll loop

export async function startServerScan(platform) {
  requirePlatform(platform);
  if (polling.has(platform)) return storage.updateScan(platform, {});
  await storage.resetScan(platform, { mode: "server", state: "starting", progress: 0, startedAt: Date.now() });
  await refreshBadge();
  let started;
  try {
    started = statusOf(await authedRequest(ROUTES.scanStatus, { method: "POST", body: { platform } }), platform);
  } catch (error) {
    await storage.updateScan(platform, { state: "failed", message: error.message, finishedAt: Date.now() });
    await refreshBadge();
    throw error;
  }
  const scan = await storage.updateScan(platform, started);
  followJob(platform, started.scanId);
  return scan;
}

function followJob(platform, jobId) {
  const loop = pollServerScan(platform, jobId).finally(() => polling.delete(platform));
  polling.set(platform, loop);
}

async function pollServerScan(platform, scanId) {
  const deadline = Date.now() + SCAN_POLL_TIMEOUT_MS;
  const query = new URLSearchParams({ platform });
  if (scanId) query.set("job_id", scanId);
  while (Date.now() < deadline) {
    await sleep(SCAN_POLL_INTERVAL_MS);
    let status;
    try {
      status = statusOf(await authedRequest(`${ROUTES.scanStatus}?${query}`), platform, scanId);
    } catch (error) {
      await storage.updateScan(platform, { state: "failed", message: error.message, finishedAt: Date.now() });
      await refreshBadge();
      return;
    }
    // each storage write is an extension API call, which also keeps this worker awake meanwhile
    await storage.updateScan(platform, status);
    if (FINAL_STATES.has(status.state)) {
      await storage.updateScan(platform, { finishedAt: Date.now() });
      await settle(platform, status);
      return;
    }
    await refreshBadge();
  }
  await storage.updateScan(platform, { state: "failed", message: "the scan took too long", finishedAt: Date.now() });
  await refreshBadge();
}

/**
 * Chrome stops an idle service worker; a poll loop or a browser scan dies with it. When the worker
 * wakes again (or the popup opens), follow the server jobs that were still running, and close the
 * books on browser scans whose tabs are gone.
 */
export async function resumeScans() {
  for (const [platform, scan] of Object.entries(await storage.scans())) {
    if (!BUSY_STATES.has(scan.state) || polling.has(platform)) continue;
    if (scan.scanId && scan.state !== "reading" && scan.state !== "submitting") {
      followJob(platform, scan.scanId);
    } else if (browserScans === 0 && scan.mode === "browser") {
      await storage.updateScan(platform, { state: "failed", message: "the scan was interrupted; try again" });
    }
  }
  await refreshBadge();
}

// ---- browser scans ------------------------------------------------------------------------

const pendingTabs = new Map(); // tabId -> {platform, pack, page, resolve}

function pageFor(pack, url) {
  const here = new URL(url);
  return (pack.pages ?? []).find((page) => {
    const target = new URL(page.url);
    return target.host === here.host && target.pathname.replace(/\/$/, "") === here.pathname.replace(/\/$/, "");
  });
}

// the same host rule as scanner/packs.py: "*.example.com" covers the domain and its subdomains
function hostMatches(pattern, host) {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  return p.startsWith("*.") ? h.endsWith(p.slice(1)) || h === p.slice(2) : h === p;
}

function matchesRule(rules, url) {
  const here = new URL(url);
  return (rules ?? []).some(
    (rule) => hostMatches(rule.host, here.hostname) && (here.pathname || "/").startsWith(rule.path_prefix ?? "/"),
  );
}

/** Called by the content script once it runs in a page: read it, if a browser scan opened it. */
export function instructionsFor(tabId, url) {
  const pending = pendingTabs.get(tabId);
  if (!pending) return { read: false };
  const page = pageFor(pending.pack, url) ?? pending.page;
  return { read: true, pack: pending.pack, pageKey: page.key, readyTimeoutMs: CONTENT_READY_TIMEOUT_MS };
}

export function acceptReadings(tabId, message) {
  const pending = pendingTabs.get(tabId);
  if (!pending) return false;
  pending.resolve({ status: message.error ? "failed" : "ok", readings: message.readings ?? [], error: message.error });
  return true;
}

// a redirect to the sign-in host means the browser's own session is gone; no content script runs there
function watchForWalls(tabId, pack, resolve) {
  const listener = (updatedId, change) => {
    if (updatedId !== tabId || !change.url) return;
    if (matchesRule(pack.login_wall, change.url)) resolve({ status: "reauth_required", readings: [] });
    else if (matchesRule(pack.verification, change.url)) resolve({ status: "verification_required", readings: [] });
  };
  chrome.tabs.onUpdated.addListener(listener);
  return () => chrome.tabs.onUpdated.removeListener(listener);
}

async function readPageInTab(pack, page) {
  const tab = await chrome.tabs.create({ url: page.url, active: false });
  let stopWatching = () => {};
  try {
    return await new Promise((resolve) => {
      const timer = setTimeout(
        () => resolve({ status: "failed", readings: [], error: `${page.url} did not answer in time` }),
        BROWSER_SCAN_PAGE_TIMEOUT_MS,
      );
      const done = (outcome) => {
        clearTimeout(timer);
        resolve(outcome);
      };
      pendingTabs.set(tab.id, { pack, page, resolve: done });
      stopWatching = watchForWalls(tab.id, pack, done);
    });
  } finally {
    stopWatching();
    pendingTabs.delete(tab.id);
    await chrome.tabs.remove(tab.id).catch(() => {});
  }
}

function asExtensionReading(reading, pack) {
  // the same shaping as scanner/extract.py's to_readings, so both sides report alike
  const found = reading.value !== null && reading.value !== undefined;
  const shaped = {
    key: String(reading.key),
    label: String(reading.label ?? ""),
    value: found ? String(reading.value) : null,
    method: "extension",
    confidence: found && typeof reading.confidence === "number" ? reading.confidence : 0,
    pack_version: String(reading.pack_version ?? pack.version ?? ""),
    page_url: reading.page_url ?? "",
  };
  if (typeof reading.uncertain === "boolean") shaped.uncertain = reading.uncertain;
  return shaped;
}

let browserScans = 0;

export async function runBrowserScan(platform) {
  requirePlatform(platform);
  await storage.resetScan(platform, { mode: "browser", state: "reading", progress: 0, startedAt: Date.now() });
  browserScans += 1;
  await storage.setBrowserScanActive(true);
  await refreshBadge();
  try {
    const pack = await authedRequest(ROUTES.pack(platform));
    const pages = pack?.pages ?? [];
    if (pages.length === 0) throw new Error(`loopwho has no active ${platform} selector pack`);
    const readings = [];
    const errors = [];
    let status = "ok";
    for (const [index, page] of pages.entries()) {
      const outcome = await readPageInTab(pack, page);
      if (outcome.status === "reauth_required" || outcome.status === "verification_required") {
        status = outcome.status;
        break;
      }
      if (outcome.error) errors.push(outcome.error);
      readings.push(...outcome.readings.map((reading) => asExtensionReading(reading, pack)));
      await storage.updateScan(platform, { progress: (index + 1) / pages.length });
    }
    if (status !== "ok") {
      // this browser's own session is signed out or challenged: nothing worth submitting
      const scan = await storage.updateScan(platform, { state: status, finishedAt: Date.now() });
      await settle(platform, { state: status });
      return scan;
    }
    if (readings.length === 0) throw new Error(errors[0] ?? "no setting could be read on the settings pages");
    await storage.updateScan(platform, { state: "submitting" });
    const submission = { platform, pack_version: String(pack.version ?? ""), readings };
    const answer = await authedRequest(ROUTES.submitScan, { method: "POST", body: submission });
    const partial = errors.length > 0 || readings.some((r) => r.value === null);
    // loopwho now snapshots, diffs and explains the readings: follow that job like a server scan
    const job = statusOf(answer, platform);
    const scan = await storage.updateScan(platform, {
      ...job, progress: job.progress ?? 1, result: { status: partial ? "partial" : "ok", readings, errors },
    });
    if (FINAL_STATES.has(job.state)) await settle(platform, job);
    else followJob(platform, job.scanId);
    return scan;
  } catch (error) {
    await storage.updateScan(platform, { state: "failed", message: error.message, finishedAt: Date.now() });
    await refreshBadge();
    throw error;
  } finally {
    browserScans -= 1;
    if (browserScans === 0) await storage.setBrowserScanActive(false);
  }
}
