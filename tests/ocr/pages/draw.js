// Test-page helpers: values come from the query string (?key=value&...), switches are drawn on
// canvases in three common styles so only pixels (not the DOM) tell their state.
const params = new URLSearchParams(location.search);
function value(key, fallback) { return params.get(key) || fallback; }

const STYLES = {
  material: {w: 52, h: 32, draw(c, on) {
    c.fillStyle = on ? "#0b57d0" : "#e3e3e3"; pill(c, 1, 1, 50, 30);
    if (!on) { c.strokeStyle = "#747775"; c.lineWidth = 2; pillPath(c, 2, 2, 48, 28); c.stroke(); }
    c.fillStyle = on ? "#ffffff" : "#747775"; disc(c, on ? 36 : 16, 16, on ? 12 : 8);
  }},
  fluent: {w: 40, h: 20, draw(c, on) {
    if (on) { c.fillStyle = "#0f6cbd"; pill(c, 0, 0, 40, 20); }
    else { c.strokeStyle = "#616161"; c.lineWidth = 1; pillPath(c, 0.5, 0.5, 39, 19); c.stroke(); }
    c.fillStyle = on ? "#ffffff" : "#616161"; disc(c, on ? 30 : 10, 10, 6);
  }},
  ios: {w: 51, h: 31, draw(c, on) {
    c.fillStyle = on ? "#34c759" : "#e5e5ea"; pill(c, 0, 0, 51, 31);
    c.shadowColor = "rgba(0,0,0,0.25)"; c.shadowBlur = 3; c.shadowOffsetY = 1;
    c.fillStyle = "#ffffff"; disc(c, on ? 35.5 : 15.5, 15.5, 13.5); c.shadowColor = "transparent";
  }},
};
function pillPath(c, x, y, w, h) { c.beginPath(); c.roundRect(x, y, w, h, h / 2); }
function pill(c, x, y, w, h) { pillPath(c, x, y, w, h); c.fill(); }
function disc(c, x, y, r) { c.beginPath(); c.arc(x, y, r, 0, 2 * Math.PI); c.fill(); }

// <canvas data-switch="key" data-style="material"> elements, state from the query string
function drawSwitches() {
  for (const canvas of document.querySelectorAll("canvas[data-switch]")) {
    const style = STYLES[canvas.dataset.style || "material"];
    const ratio = window.devicePixelRatio || 1;
    canvas.width = style.w * ratio; canvas.height = style.h * ratio;
    canvas.style.width = style.w + "px"; canvas.style.height = style.h + "px";
    const c = canvas.getContext("2d"); c.scale(ratio, ratio);
    style.draw(c, value(canvas.dataset.switch, canvas.dataset.default || "on") === "on");
  }
  // <span data-words="key" data-default="Friends"> shows the displayed word for that key
  for (const span of document.querySelectorAll("[data-words]")) {
    span.textContent = value(span.dataset.words, span.dataset.default);
  }
}
window.addEventListener("DOMContentLoaded", drawSwitches);
