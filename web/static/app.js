// loopwho pages: small progressive enhancements only. Every form works without this file.
//
// Live scan progress: an element with data-scan-job polls the scan's status (the same endpoint the
// extension uses, with this browser's session cookie) and reloads the page when the scan ends, so
// the dashboard shows the new readings.
const LIVE = new Set(["queued", "running"]);

async function followScan(el) {
  const job = el.dataset.scanJob;
  const status = el.querySelector("[data-scan-status]");
  const bar = el.querySelector("progress");
  for (let i = 0; i < 600; i++) {
    let answer;
    try {
      answer = await fetch(`/api/extension/scan-status?job_id=${encodeURIComponent(job)}`, { credentials: "same-origin" });
    } catch (e) { answer = null; }
    if (answer && answer.ok) {
      const body = await answer.json();
      const job = body.jobs && body.jobs[0] ? body.jobs[0] : { status: "unknown" };
      const state = job.status;
      if (status) status.textContent = el.dataset["label" + state.charAt(0).toUpperCase() + state.slice(1)] || state;
      if (bar && typeof job.progress === "number") bar.value = Math.max(5, job.progress);
      if (!LIVE.has(state)) {
        if (bar) bar.value = 100;
        const url = new URL(window.location.href);
        url.searchParams.delete("scan");
        url.searchParams.set("scanned", state);
        window.location.replace(url.toString());
        return;
      }
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

document.querySelectorAll("[data-scan-job]").forEach(followScan);

// /connect: the extension's bridge (extension/content/connect-bridge.js) sends "loopwho:state" on load
// and after every change, and "loopwho:error" when a connect or disconnect failed
document.addEventListener("loopwho:state", (event) => {
  const platforms = (event.detail && event.detail.platforms) || {};
  for (const [platform, info] of Object.entries(platforms)) {
    const row = document.querySelector(`[data-loopwho-platform="${CSS.escape(platform)}"]`);
    const status = row && row.querySelector("[data-loopwho-status]");
    if (!status || !info) continue;
    // the labels are the page's own (translated) words; an unknown state shows as sent
    status.textContent = status.getAttribute(`data-label-${info.state}`) || String(info.state || "");
  }
  const box = document.getElementById("extension-error");
  if (box) box.hidden = true;
});

document.addEventListener("loopwho:error", (event) => {
  const box = document.getElementById("extension-error");
  if (!box) return;
  box.textContent = event.detail && event.detail.message ? event.detail.message : box.dataset.fallback;
  box.hidden = false;
});
