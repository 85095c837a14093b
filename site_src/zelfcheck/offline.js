// The offline cache (sw.js at the site root, built from site_src/zelfcheck/sw.js): registered at
// once, so it stores the site's files while the engine loads. It never holds answers or notes.
// The engine says "ready" only once a worker that is installing by then (the first one, or a new
// build's found when the page opened) has stored its files, so a first visit makes no request after
// "ready". A new build found later is stored in the background; the page itself asks nothing.
// (Asking the browser to look for a new build here, registration.update(), took 2-5 s: not done.)
// Without it (an old browser, a school policy) the self-check works the same, online.

import { beforeReady } from "./engine.js";

export function keepOffline() {
  if (!("serviceWorker" in navigator)) return;
  beforeReady((async () => {
    // Kept already (a worker of this site is active): only a new build's worker, installing now, is
    // waited for, and register() is not called. The browser queues register() behind its own look
    // for a new sw.js after a navigation: that held "ready" back 1.6 s on 2 of 25 second visits.
    const known = await navigator.serviceWorker.getRegistration();
    const registration = known?.active
      ? known
      : await navigator.serviceWorker.register(new URL("../../sw.js", import.meta.url).href);
    await installed(registration.installing);
  })().catch(() => {})); // offline, or blocked: nothing to wait for
}

function installed(worker) {
  return new Promise((resolve) => {
    if (!worker) return resolve();
    const check = () => worker.state !== "installing" && resolve();
    worker.addEventListener("statechange", check);
    check();
  });
}
