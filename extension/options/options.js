// The options page: the server URL (https only; loopback only while the developer flag is on),
// whose origin the extension asks for as an optional host permission on Save.
import { normaliseServerUrl, serverOriginPattern } from "../background/storage.js";
import { requestServerAccess, send } from "../popup/connecting.js";

const $ = (selector) => document.querySelector(selector);
// what the person typed is never overwritten by the stored state arriving late
let edited = false;
$("#server-url").addEventListener("input", () => { edited = true; });

function show(answer) {
  $("#error").hidden = Boolean(answer?.ok);
  $("#error").textContent = answer?.ok ? "" : answer?.error ?? "";
  if (answer?.state) {
    if (!edited) $("#server-url").value = answer.state.serverUrl;
    $("#developer").checked = answer.state.developerMode;
  }
}

$("#developer").addEventListener("change", async (event) => {
  show(await send("set-developer-mode", { on: event.target.checked }));
});

$("#server-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  $("#saved").hidden = true;
  try {
    const url = normaliseServerUrl($("#server-url").value, { developer: $("#developer").checked });
    const granted = await requestServerAccess(serverOriginPattern(url));
    const answer = await send("set-server-url", { serverUrl: url });
    if (answer?.ok) edited = false;  // saved: the stored (normalised) URL is shown from now on
    show(answer);
    if (answer?.ok) {
      $("#saved").textContent = granted ? `Saved; loopwho may talk to ${new URL(url).host}.`
        : "Saved. This build cannot ask for that site: it works only if that server admits the extension (CORS).";
      $("#saved").hidden = false;
    }
  } catch (error) {
    show({ ok: false, error: error.message });
  }
});

send("get-state").then(show);
