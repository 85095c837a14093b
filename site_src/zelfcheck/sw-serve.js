// The offline cache, switched off: `make serve` (mkdocs serve) writes this sw.js instead of the real
// one (site_src/zelfcheck/sw.js), so that while you edit, every reload shows the newest build. A
// worker left by an earlier visit to this address is replaced by this one, which deletes the
// site's caches and then itself. The engine's warm-start snapshot (engine.js) stays: its key changes
// with every change to the engine.
self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("meldcode-")) await caches.delete(name);
    }
    await self.registration.unregister();
  })());
});
