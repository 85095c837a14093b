// The protocol engine in the browser: our Python package (built into a wheel from protocol/) running
// in Pyodide, served from this site only. Every page that needs the engine (the self-check, the
// training cases) imports this module and awaits the same promise:
//
//   import { engine, onStatus } from "../assets/zelfcheck/engine.js";
//   const api = await engine();                  // loads once per page, however often it is called
//   const state = api.call("state", { answers: [["afweging-2", "nee"]] });
//
// States: idle -> loading -> ready | failed. A failure is an EngineError with a `reason`:
// "no-wasm" (no WebAssembly), "missing" (a file could not be fetched or compiled), "timeout"
// (no engine within TIMEOUT_MS) or "error" (anything else). It never hangs: loading has a time limit.
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
// Generous: a slow school laptop on a weak connection still downloads about 3.5 MB (brotli).
export const TIMEOUT_MS = 30000;

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

export function engineStatus() {
  return status.state;
}

// The one loading promise of this page. Options only count on the first call.
export function engine({ timeoutMs = TIMEOUT_MS } = {}) {
  if (!loading) {
    setStatus("loading");
    loading = withTimeout(load(), timeoutMs).then(
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

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new EngineError("timeout")), ms);
    promise.then(
      (value) => { clearTimeout(timer); resolve(value); },
      (error) => { clearTimeout(timer); reject(error); },
    );
  });
}

// Everything loadPyodide is told, in one place, and only documented options: our byte-compiled
// standard library (stdLibURL), lock-file contents and the runtime (createPyodideModule: the
// default export of RUNTIME_URL). The Node parity test starts Pyodide with the same options (with
// file paths: Node reads files, not URLs).
export function pyodideOptions({ indexURL = PYODIDE_URL.href, stdLibURL = STDLIB_URL.href,
  createPyodideModule } = {}) {
  return { indexURL, stdLibURL, lockFileContents: LOCK_FILE, createPyodideModule };
}

async function load() {
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
      [pyodideModule, runtime] = await Promise.all([
        import(new URL("pyodide.mjs", PYODIDE_URL).href),
        import(RUNTIME_URL.href),
      ]);
    } catch (error) {
      throw new EngineError("missing", error);
    }
    const options = pyodideOptions({ createPyodideModule: runtime.default });
    const start = (extra) => Promise.race([pyodideModule.loadPyodide({ ...options, ...extra }), watch.failed]);
    const restored = await fromSnapshot(await snapshot, start, wheel);
    if (restored) return restored;
    const keep = canKeepSnapshots();
    const pyodide = await start(keep ? { _makeSnapshot: true } : {}).catch((error) => {
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
  return {
    failed,
    restore() {
      if (typeof original === "function") WebAssembly.instantiateStreaming = original;
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
    call(name, args = {}) {
      return JSON.parse(api.call(name, JSON.stringify(args)));
    },
  };
}
