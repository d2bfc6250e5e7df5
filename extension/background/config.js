// Build-time configuration. `loopwho extension build --server URL` rewrites this file: the store
// build names its server and switches the developer flag off. This copy is the developer's: a
// local `loopwho serve`, with loopback servers allowed.
export const BUILD = Object.freeze({
  serverUrl: "http://127.0.0.1:8000",
  developer: true,
});
