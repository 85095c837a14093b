// The offline cache of this site: a service worker that keeps the site's own files, so the
// self-check opens and works without a network after one visit, and starts faster the next time.
//
// It only ever stores and serves the files of this build's list (FILES), under their exact URLs:
// pages, styles, scripts, Pyodide and the engine. Any other request (another page, a URL with a
// query string such as `?notitie=...`) goes to the network as if there were no worker, and is never
// stored: nothing a person could put in an address ends up here. The build (site_src/hooks/zelfcheck.py) fills in:
//   CACHE: "meldcode-" + a hash of every file below, so each build has its own cache;
//   FILES: the self-check's files (URL relative to this script -> sha256 of the file), stored when
//          the worker installs, before the self-check's engine is ready.
// A new build is a new sw.js: the browser installs it next to the old one and it stores the new
// files (reusing unchanged ones from the old cache, checked by hash). It takes over, and deletes the
// old caches, once no page of the old build is open: a page is served from one build's files,
// never a mix (a page of the old build asking for a file only the old build has would fail).
const CACHE = "__CACHE__";
const FILES = __FILES__;
const PREFIX = "meldcode-";
const REVISION = "x-meldcode-sha256";

async function sha256(buffer) {
  const digest = await crypto.subtle.digest("SHA-256", buffer);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

// One file for the new cache: from an older cache when its hash is the same, else from the site.
async function fetchChecked(url, expected) {
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX) || name === CACHE) continue;
    const old = await (await caches.open(name)).match(url);
    if (old && old.headers.get(REVISION) === expected) return old;
  }
  // The browser's own HTTP cache may hold the file already (the page just loaded it); a stale copy
  // fails the hash check and is fetched again past that cache.
  for (const mode of ["default", "no-cache"]) {
    const response = await fetch(url, { cache: mode, credentials: "same-origin" });
    if (!response.ok) throw new Error(`${response.status} ${url}`);
    const body = await response.arrayBuffer();
    if (await sha256(body) !== expected) continue;
    const headers = new Headers(response.headers);
    headers.set(REVISION, expected);
    return new Response(body, { status: response.status, statusText: response.statusText, headers });
  }
  throw new Error(`${url}: ander bestand dan deze versie van de site verwacht`);
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await Promise.all(Object.entries(FILES).map(async ([path, expected]) => {
      const url = new URL(path, self.location.href).href;
      await cache.put(url, await fetchChecked(url, expected));
    }));
    if (!self.registration.active) await self.skipWaiting(); // the first install: nothing to mix
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

// The runtime (.wasm) from the browser's HTTP cache or the site while there is a network: Chromium
// keeps the compiled code with that copy, so the next visit does not compile 9.6 MB again (measured:
// the engine ready in ~0.6 s instead of ~1 s on a second visit). Without a network: this cache.
async function networkFirst(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const cached = await (await caches.open(CACHE)).match(request);
    if (cached) return cached;
    throw error;
  }
}

// This build's files, by their exact URL (query string included: the wheel's `?v=`).
const LISTED = new Set(Object.keys(FILES).map((path) => new URL(path, self.location.href).href));

async function fromCache(request) {
  const cached = await (await caches.open(CACHE)).match(request);
  return cached ?? fetch(request);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || request.headers.has("range")) return;
  const url = new URL(request.url);
  url.hash = "";
  if (!LISTED.has(url.href)) return; // not ours to keep: the browser asks the network itself
  event.respondWith(url.pathname.endsWith(".wasm") ? networkFirst(request) : fromCache(request));
});
