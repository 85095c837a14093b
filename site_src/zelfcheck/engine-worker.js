// The engine's module Web Worker: Pyodide and our protocol package start and answer here, so the
// page's main thread stays free (engine.js is the page's side and says more). It fetches only from
// this site: the worker's own Content-Security-Policy comes with this file's response (deploy.py).
//
// The page posts {type: "start", keepSnapshots, documented} once, then {type: "call"|"answer", id,
// name, args}; what the worker posts back is listed in engine.js (load). Answers, dates and notes
// pass through here only as arguments of calls: nothing is stored, and the warm-start snapshot is
// taken before the first call from the page.

import { EngineError, PYODIDE_URL, RUNTIME_URL, SNAPSHOT_CACHE, SNAPSHOT_URL, WHEEL_URL, pyodideOptions,
  startEngine } from "./engine.js";
import * as privateApi from "./pyodide_private.js";

const post = (message) => self.postMessage(message);
let api = null;

self.addEventListener("message", async ({ data }) => {
  if (data.type === "start") {
    let started;
    try {
      started = await start(data);
    } catch (error) {
      const failure = error instanceof EngineError ? error : new EngineError("error", error);
      post({ type: "failed", reason: failure.reason, message: String(failure.cause?.message ?? failure.message) });
      return;
    }
    api = started.engineApi;
    post({ type: "ready", pythonVersion: api.pythonVersion, pyodideVersion: api.pyodideVersion });
    // The warm-start snapshot is taken now: after "ready", so the page does not wait for it, and
    // in this same turn of the worker's event loop, so before the worker handles any call from the
    // page (the page calls only after "ready"): it holds no answer, date or note.
    takeSnapshot(started.snapshotOf);
    return;
  }
  let reply;
  try {
    reply = { out: data.type === "answer" ? api.answer(data.name, data.args) : api.call(data.name, data.args) };
  } catch (error) {
    reply = { error: { name: error.name, kind: error.kind ?? "error", message: String(error.message) } };
  }
  post({ type: "reply", id: data.id, ...reply });
});

// Every byte that arrives while the engine loads is progress. Pyodide fetches the runtime (.wasm)
// and our standard library with the global fetch, and we fetch the wheel with it: while loading,
// that fetch counts the bytes of each response on a copy (clone) of its body, so the response
// Pyodide gets is the browser's own (the compiled .wasm stays cacheable). The files the worker
// loads as modules (the loader, the runtime script) cannot be counted: `track` keeps them in
// flight until they arrive. The page's stall clock runs on these reports.
function countBytes() {
  const original = globalThis.fetch;
  let inFlight = 0;
  const done = () => {
    inFlight -= 1;
    if (inFlight === 0) post({ type: "rest" });
  };
  const bytes = (n) => post({ type: "bytes", n });
  const track = (promise) => {
    inFlight += 1;
    bytes(0);
    promise.then(() => bytes(0), () => {}).finally(done);
    return promise;
  };
  const counting = async function fetch(...args) {
    inFlight += 1;
    bytes(0);
    let response;
    try {
      response = await original.apply(globalThis, args);
    } catch (error) {
      done();
      throw error;
    }
    bytes(0);
    if (!response.body) {
      done();
      return response;
    }
    const reader = response.clone().body.getReader();
    (async () => {
      for (;;) {
        const { done: end, value } = await reader.read();
        if (end) return;
        bytes(value.byteLength);
      }
    })().catch(() => {}).finally(done); // the real body reports its own failure to whoever reads it
    return response;
  };
  globalThis.fetch = counting;
  const stop = () => {
    if (globalThis.fetch === counting) globalThis.fetch = original;
  };
  return { stop, track };
}

// Pyodide waits forever when its .wasm is missing or served with the wrong type (it only logs a
// warning). Watching the browser's own compile call turns that into a failure at once.
function watchWasmCompile() {
  const original = WebAssembly.instantiateStreaming;
  let fail;
  const failed = new Promise((_, reject) => { fail = reject; });
  failed.catch(() => {});
  if (typeof original === "function") {
    WebAssembly.instantiateStreaming = function instantiateStreaming(source, imports) {
      const result = original.call(WebAssembly, source, imports);
      result.catch((error) => fail(new EngineError("missing", error)));
      return result;
    };
  }
  return {
    failed,
    restore() {
      if (typeof original === "function") WebAssembly.instantiateStreaming = original;
    },
  };
}

async function start({ keepSnapshots, documented }) {
  if (typeof WebAssembly !== "object" || WebAssembly === null || typeof WebAssembly.instantiate !== "function") {
    throw new EngineError("no-wasm");
  }
  const counter = countBytes();
  const watch = watchWasmCompile();
  try {
    // The big downloads first, all at once: the wheel and the snapshot now; the .wasm and the
    // standard library as soon as loadPyodide runs, before it imports the runtime script.
    const wheel = fetch(WHEEL_URL).then((response) => {
      if (!response.ok) throw new EngineError("missing", new Error(`${response.status} ${WHEEL_URL}`));
      return response.arrayBuffer();
    });
    wheel.catch(() => {}); // awaited below; this only keeps an early failure from being "unhandled"
    const keep = keepSnapshots && !documented && typeof caches === "object" && caches !== null;
    const snapshot = keep ? storedSnapshot() : Promise.resolve(null);
    let pyodideModule;
    try {
      pyodideModule = await counter.track(import(new URL("pyodide.mjs", PYODIDE_URL).href));
    } catch (error) {
      throw new EngineError("missing", error);
    }
    const options = pyodideOptions();
    // loadPyodide, or a failure at once when the browser cannot compile the .wasm.
    const begin = (extra) => Promise.race([pyodideModule.loadPyodide(extra), watch.failed]);
    const missing = (error) => (error instanceof EngineError ? error : new EngineError("missing", error));
    if (documented || !privateApi.supported(pyodideModule)) {
      post({ type: "mark", name: "meldcode-engine-documented-start" });
      const pyodide = await begin(privateApi.documented(options)).catch((error) => { throw missing(error); });
      return { engineApi: checked(startEngine(pyodide, await wheel)), snapshotOf: null };
    }
    // After a failed import a retry imports again: a retry starts a new worker, with no memory of
    // a failed module fetch (tests/test_zelfcheck_robustness.py, a retry after a missing runtime).
    const fast = privateApi.withRuntime(options, RUNTIME_URL.href, counter.track);
    const restored = await fromSnapshot(await snapshot, begin, fast, wheel);
    if (restored) return { engineApi: restored, snapshotOf: null };
    const pyodide = await begin(keep ? privateApi.makingSnapshot(fast) : fast).catch((error) => {
      throw missing(error);
    });
    const engineApi = checked(startEngine(pyodide, await wheel)); // reads the protocol: a warm start skips that too
    return { engineApi, snapshotOf: keep ? pyodide : null };
  } finally {
    watch.restore();
    counter.stop();
  }
}

// One call before "ready": an engine that cannot answer is a failure now, not at the first answer.
function checked(engineApi) {
  try {
    engineApi.call("state", { answers: [] });
  } catch (error) {
    throw new EngineError("error", error);
  }
  return engineApi;
}

// This build's snapshot as bytes, or null; never fails.
async function storedSnapshot() {
  try {
    const found = await (await caches.open(SNAPSHOT_CACHE)).match(SNAPSHOT_URL.href);
    return found ? new Uint8Array(await found.arrayBuffer()) : null;
  } catch {
    return null;
  }
}

// The engine restored from a snapshot, checked with one call; null when the snapshot does not work.
async function fromSnapshot(bytes, begin, options, wheel) {
  if (!bytes) return null;
  let pyodide;
  try {
    pyodide = await begin(privateApi.fromSnapshot(options, bytes));
  } catch (error) {
    if (error instanceof EngineError) throw error; // a file is missing: no snapshot helps then
    await forgetSnapshots();
    return null;
  }
  const wheelBytes = await wheel;
  try {
    const engineApi = checked(startEngine(pyodide, wheelBytes));
    post({ type: "mark", name: "meldcode-engine-from-snapshot" });
    return engineApi;
  } catch {
    await forgetSnapshots();
    return null;
  }
}

// After "ready", one of two performance marks in the page: "meldcode-engine-snapshot-taken" (then
// kept in the background: "meldcode-engine-snapshot-kept") or "meldcode-engine-snapshot-skipped"
// (a warm start, the documented start, no Cache Storage, or no snapshot to be had this time: the
// next visit starts from scratch again).
function takeSnapshot(pyodide) {
  let bytes = null;
  try {
    bytes = pyodide ? privateApi.take(pyodide) : null;
  } catch {
    // None this time.
  }
  post({ type: "mark", name: bytes ? "meldcode-engine-snapshot-taken" : "meldcode-engine-snapshot-skipped" });
  if (bytes) keepSnapshot(bytes);
}

// Stored in the background (the page does not wait); when done: performance mark
// "meldcode-engine-snapshot-kept" in the page.
function keepSnapshot(bytes) {
  (async () => {
    try {
      await forgetSnapshots(SNAPSHOT_URL.href);
      await (await caches.open(SNAPSHOT_CACHE)).put(SNAPSHOT_URL.href, new Response(bytes));
      post({ type: "mark", name: "meldcode-engine-snapshot-kept" });
    } catch {
      // Storage full or blocked: the next visit starts the documented way.
    }
  })();
}

async function forgetSnapshots(except = null) {
  try {
    const cache = await caches.open(SNAPSHOT_CACHE);
    for (const request of await cache.keys()) if (request.url !== except) await cache.delete(request);
  } catch {
    // Nothing to forget.
  }
}
