// The protocol engine in the browser: our Python package (built into a wheel from protocol/) running
// in Pyodide, served from this site only. Every page that needs the engine (the self-check, the
// training cases) imports this module and awaits the same promise:
//
//   import { engine, onStatus } from "../assets/zelfcheck/engine.js";
//   const api = await engine();                  // loads once per page, however often it is called
//   const state = api.call("state", { answers: [["afweging-2", "nee"]] });
//
// States: idle -> loading -> ready | failed, and failed -> loading again after retry(). A failure is an
// EngineError with a `reason`: "no-wasm" (no WebAssembly), "missing" (a file could not be fetched or
// compiled), "timeout" (a download under way received nothing for STALL_MS) or "error" (anything
// else). It never hangs, and a slow connection that keeps delivering never fails: the limit is on
// silence, not on the total time (onProgress reports the bytes received).
// This module holds no texts for people and decides nothing: the page shows what Python returns.

const HERE = new URL(".", import.meta.url);
// Stock Pyodide lives next to this folder; the build copies it there from node_modules/pyodide.
export const PYODIDE_URL = new URL("../pyodide/", HERE);
// Pyodide's runtime script, made smaller at build time (site_src/fast_start.py minified_runtime);
// loadPyodide takes it through its `createPyodideModule` option instead of importing the stock one.
export const RUNTIME_URL = new URL("pyodide.asm.min.mjs", PYODIDE_URL);
// The build replaces the placeholder with the wheel's file name and a content hash.
export const WHEEL_URL = new URL("__WHEEL_FILE__", HERE);
// Our standard library (site_src/zelfcheck/stdlib.mjs): byte-compiled, only what the engine imports.
// Python then need not compile its standard library from source at every start.
export const STDLIB_URL = new URL("__STDLIB_FILE__", HERE);
// A lock file without packages (we load none), so loadPyodide does not fetch the stock one.
export const LOCK_FILE = "__LOCK_FILE__";
// Warm start. The first start of each build keeps a memory snapshot of the started engine in Cache
// Storage; later visits restore it instead of starting Python and importing the engine again
// (measured: ready in about 0.4 s instead of 0.65 s on a second visit). It uses Pyodide's private
// `_makeSnapshot`/`_loadSnapshot` options, so every problem falls back to the documented start: no
// Cache Storage, no snapshot yet, or one that does not restore (it is deleted, and a new one kept).
// The snapshot is taken before the page passes any answer, date or note: it holds none. The build
// fills in a key for this build's runtime, standard library and wheel, so a new build never
// restores an old engine; keeping a snapshot removes those of other builds.
export const SNAPSHOT_CACHE = "zelfcheck-engine";
export const SNAPSHOT_URL = new URL("engine-__SNAPSHOT_KEY__.snapshot", HERE);
// Loading fails when for this long no byte arrives and no file finishes: a slow school connection
// (100 KB/s takes about 35 s for the 3.5 MB brotli) keeps delivering and does not fail; a dead one
// does. The clock also runs while Python starts, so a start that hangs fails too.
export const STALL_MS = 30000;

export class EngineError extends Error {
  constructor(reason, cause) {
    super(`engine ${reason}${cause ? `: ${cause.message ?? cause}` : ""}`);
    this.name = "EngineError";
    this.reason = reason;
    this.cause = cause;
  }
}

let loading = null;
let status = { state: "idle", error: null };
const listeners = new Set();
const progressListeners = new Set();
let received = 0;

function setStatus(state, error = null) {
  status = { state, error };
  // A timestamp for benchmarks: performance.getEntriesByName("meldcode-engine-ready").
  globalThis.performance?.mark?.(`meldcode-engine-${state}`);
  for (const listener of listeners) listener(state, error);
}

// Call `listener(state, error)` now and on every change; returns a function that stops listening.
export function onStatus(listener) {
  listeners.add(listener);
  listener(status.state, status.error);
  return () => listeners.delete(listener);
}

// Call `listener(bytes)` with the number of bytes the engine's downloads have brought in so far.
export function onProgress(listener) {
  progressListeners.add(listener);
  listener(received);
  return () => progressListeners.delete(listener);
}

function addReceived(bytes) {
  received += bytes;
  for (const listener of progressListeners) listener(received);
}

export function engineStatus() {
  return status.state;
}

// The one loading promise of this page. Options only count on the first call (and on a retry).
export function engine({ stallMs = STALL_MS } = {}) {
  if (!loading) {
    setStatus("loading");
    loading = load(stallMs).then(
      async (api) => {
        await settled();
        setStatus("ready");
        return api;
      },
      (error) => {
        const failure = error instanceof EngineError ? error : new EngineError("error", error);
        setStatus("failed", failure);
        throw failure;
      },
    );
  }
  return loading;
}

// Load again after a failure, in this page: what the page holds (answers, notes) stays. While
// loading or ready this is the same promise as engine().
export function retry(options) {
  if (status.state === "failed") loading = null;
  return engine(options);
}

// "Ready" also means the page is quiet from then on: no request follows it. The page hands other
// work that still fetches files (the offline cache storing a build, zelfcheck.js) to beforeReady;
// ready waits for it, at most SETTLE_MS.
export const SETTLE_MS = 10000;
const pending = [];

export function beforeReady(work) {
  pending.push(work);
}

function settled() {
  if (pending.length === 0) return Promise.resolve();
  return Promise.race([Promise.all(pending), new Promise((resolve) => setTimeout(resolve, SETTLE_MS))]);
}

// Rejects with EngineError("timeout") once `poke` has not been called for `ms` while something is
// still to arrive. `rest` stops the clock when nothing is in flight: what is left is the browser
// compiling and Python starting, work of this device that a busy or slow computer does slowly but
// surely (a .wasm that never compiles is caught by watchWasmCompile). The next request pokes it again.
function stallWatch(ms) {
  let timer = 0;
  let fail;
  const stalled = new Promise((_, reject) => { fail = reject; });
  stalled.catch(() => {});
  const poke = () => {
    clearTimeout(timer);
    timer = setTimeout(() => fail(new EngineError("timeout")), ms);
  };
  poke();
  const stop = () => clearTimeout(timer);
  return { stalled, poke, rest: stop, stop };
}

// Every byte that arrives while the engine loads is progress. Pyodide fetches the runtime (.wasm)
// and our standard library with the global fetch, and we fetch the wheel with it: while loading,
// that fetch counts the bytes of each response on a copy (clone) of its body, so the response
// Pyodide gets is the browser's own (the compiled .wasm stays cacheable). The files the browser
// loads as modules (the loader, the runtime script) cannot be counted: start() tracks them as in
// flight until they arrive.
function countBytes(onBytes, onNothingInFlight) {
  const original = globalThis.fetch;
  let inFlight = 0;
  const done = () => {
    inFlight -= 1;
    if (inFlight === 0) onNothingInFlight();
  };
  // Something else still to arrive (a module import): in flight until it settles.
  const track = (promise) => {
    inFlight += 1;
    onBytes(0);
    promise.then(() => onBytes(0), () => {}).finally(done);
    return promise;
  };
  const counting = async function fetch(...args) {
    inFlight += 1;
    onBytes(0);
    let response;
    try {
      response = await original.apply(globalThis, args);
    } catch (error) {
      done();
      throw error;
    }
    onBytes(0);
    if (!response.body) {
      done();
      return response;
    }
    const reader = response.clone().body.getReader();
    (async () => {
      for (;;) {
        const { done: end, value } = await reader.read();
        if (end) return;
        onBytes(value.byteLength);
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

// Everything loadPyodide is told, in one place, and only documented options: our byte-compiled
// standard library (stdLibURL), lock-file contents and the runtime (createPyodideModule: the
// default export of RUNTIME_URL). The Node parity test starts Pyodide with the same options (with
// file paths: Node reads files, not URLs).
export function pyodideOptions({ indexURL = PYODIDE_URL.href, stdLibURL = STDLIB_URL.href,
  createPyodideModule } = {}) {
  return { indexURL, stdLibURL, lockFileContents: LOCK_FILE, createPyodideModule };
}

async function load(stallMs) {
  const watchdog = stallWatch(stallMs);
  const counter = countBytes((bytes) => {
    watchdog.poke();
    if (bytes) addReceived(bytes);
  }, watchdog.rest);
  addReceived(0);
  try {
    return await Promise.race([start(counter.track), watchdog.stalled]);
  } finally {
    watchdog.stop();
    counter.stop();
  }
}

async function start(track) {
  if (typeof WebAssembly !== "object" || WebAssembly === null || typeof WebAssembly.instantiate !== "function") {
    throw new EngineError("no-wasm");
  }
  // Pyodide waits forever when its .wasm is missing or served with the wrong type (it only logs a
  // warning). Watching the browser's own compile call turns that into a failure at once.
  const watch = watchWasmCompile();
  try {
    const wheel = fetch(WHEEL_URL).then((response) => {
      if (!response.ok) throw new EngineError("missing", new Error(`${response.status} ${WHEEL_URL}`));
      return response.arrayBuffer();
    });
    wheel.catch(() => {}); // awaited below; this only keeps an early failure from being "unhandled"
    const snapshot = storedSnapshot(); // read while the scripts load
    let pyodideModule, runtime;
    try {
      // After a failed import a retry imports again: Chromium does not keep a failed module fetch
      // (tests/test_zelfcheck_robustness.py, a retry after a missing runtime).
      [pyodideModule, runtime] = await Promise.all([
        track(import(new URL("pyodide.mjs", PYODIDE_URL).href)),
        track(import(RUNTIME_URL.href)),
      ]);
    } catch (error) {
      throw new EngineError("missing", error);
    }
    const options = pyodideOptions({ createPyodideModule: runtime.default });
    const begin = (extra) => Promise.race([pyodideModule.loadPyodide({ ...options, ...extra }), watch.failed]);
    const restored = await fromSnapshot(await snapshot, begin, wheel);
    if (restored) return restored;
    const keep = canKeepSnapshots();
    const pyodide = await begin(keep ? { _makeSnapshot: true } : {}).catch((error) => {
      throw error instanceof EngineError ? error : new EngineError("missing", error);
    });
    const api = startEngine(pyodide, await wheel);
    if (keep) {
      api.call("state", { answers: [] }); // reads the protocol: a warm start skips that too
      keepSnapshot(pyodide.makeMemorySnapshot());
      // Taken before "ready", kept in the background after it: a test (or benchmark) knows at
      // "ready" whether a snapshot will be kept.
      globalThis.performance?.mark?.("meldcode-engine-snapshot-taken");
    }
    return api;
  } finally {
    watch.restore();
  }
}

function canKeepSnapshots() {
  return typeof caches === "object" && caches !== null;
}

// This build's snapshot as bytes, or null; never fails.
async function storedSnapshot() {
  try {
    if (!canKeepSnapshots()) return null;
    const found = await (await caches.open(SNAPSHOT_CACHE)).match(SNAPSHOT_URL.href);
    return found ? new Uint8Array(await found.arrayBuffer()) : null;
  } catch {
    return null;
  }
}

// The engine restored from a snapshot, checked with one call; null when the snapshot does not work.
async function fromSnapshot(bytes, start, wheel) {
  if (!bytes) return null;
  let pyodide;
  try {
    pyodide = await start({ _loadSnapshot: bytes });
  } catch (error) {
    if (error instanceof EngineError) throw error; // a file is missing: no snapshot helps then
    await forgetSnapshots();
    return null;
  }
  const wheelBytes = await wheel;
  try {
    const api = startEngine(pyodide, wheelBytes);
    api.call("state", { answers: [] });
    globalThis.performance?.mark?.("meldcode-engine-from-snapshot");
    return api;
  } catch {
    await forgetSnapshots();
    return null;
  }
}

// Stored in the background (the page does not wait); when done: performance mark
// "meldcode-engine-snapshot-kept".
function keepSnapshot(bytes) {
  (async () => {
    try {
      await forgetSnapshots(SNAPSHOT_URL.href);
      await (await caches.open(SNAPSHOT_CACHE)).put(SNAPSHOT_URL.href, new Response(bytes));
      globalThis.performance?.mark?.("meldcode-engine-snapshot-kept");
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
  const watching = WebAssembly.instantiateStreaming;
  return {
    failed,
    restore() {
      // Only our own watch: a retry may have put a newer one in place.
      if (typeof original === "function" && WebAssembly.instantiateStreaming === watching) {
        WebAssembly.instantiateStreaming = original;
      }
    },
  };
}

// Install the protocol wheel into a loaded Pyodide and return the engine's one door. Also used by
// the parity test under Node, so the browser and the test start the engine the same way.
export function startEngine(pyodide, wheelBytes) {
  // Read from sys.path (no import): `sysconfig` would cost a module compile at every start.
  const sitePackages = pyodide.runPython("import sys; [p for p in sys.path if p.endswith('site-packages')][0]");
  pyodide.unpackArchive(new Uint8Array(wheelBytes), "wheel", { extractDir: sitePackages });
  const api = pyodide.pyimport("protocol.api");
  return {
    pythonVersion: pyodide.runPython("import sys; sys.version.split()[0]"),
    pyodideVersion: pyodide.version,
    // JSON in, JSON out: `call("state", {answers})` returns what protocol/api.py returns.
    // An answer {"error": {kind, message}} (protocol/api.py's contract: bad input or a bug in the
    // engine) is never the person's doing, since the page sends only what Python asked for: it throws,
    // and the page shows its failure box while keeping the answers.
    call(name, args = {}) {
      const out = JSON.parse(api.call(name, JSON.stringify(args)));
      if (out.error) throw Object.assign(new Error(out.error.message), out.error);
      return out;
    },
    // The answer as Python wrote it, errors included: what the parity test compares with CPython.
    answer(name, args = {}) {
      return JSON.parse(api.call(name, JSON.stringify(args)));
    },
  };
}
