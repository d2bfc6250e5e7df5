// The extension's own connect page, opened by loopwho's web app (/connect) through the bridge: the
// permission prompt needs a click in an extension page, so the click happens here.
import { connectPlatform } from "../popup/connecting.js";
import { PLATFORMS, whyHosts } from "../background/platforms.js";

const $ = (selector) => document.querySelector(selector);
const platform = new URLSearchParams(location.search).get("platform");

if (!Object.hasOwn(PLATFORMS, platform ?? "")) {
  $("#error").textContent = `unknown platform "${platform}"`;
  $("#error").hidden = false;
  $("#allow").hidden = true;
} else {
  $("#title").textContent = `Connect ${PLATFORMS[platform].label}`;
  $("#why").textContent = whyHosts(platform);
}

$("#allow").addEventListener("click", async () => {
  $("#allow").disabled = true;
  const answer = await connectPlatform(platform);
  $("#allow").disabled = false;
  $("#error").hidden = answer.ok;
  $("#error").textContent = answer.ok ? "" : answer.error;
  if (answer.ok) {
    const entry = answer.state.platforms[platform] ?? {};
    $("#done").textContent = entry.awaitingSignIn
      ? `Sign in to ${PLATFORMS[platform].label} in the tab that opened; loopwho connects when you are in.`
      : `${PLATFORMS[platform].label} is connected.`;
    $("#done").hidden = false;
    $("#allow").hidden = true;
  }
});
$("#cancel").addEventListener("click", () => window.close());
